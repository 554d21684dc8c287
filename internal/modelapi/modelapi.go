// Package modelapi holds what the embedder and the answerer share about
// talking to an OpenAI-compatible server: building the go-openai client, and
// retrying the failures that are worth retrying.
package modelapi

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"dossier/internal/retry"
)

// Endpoint says where the model server is.
type Endpoint struct {
	BaseURL string // e.g. https://api.openai.com/v1 or http://localhost:11434/v1
	APIKey  string // may be empty for local servers
	// HTTPClient defaults to one without a timeout: callers bound each call
	// with a context deadline instead.
	HTTPClient *http.Client
}

// NewClient returns a go-openai client for the endpoint.
func NewClient(e Endpoint) *openai.Client {
	cfg := openai.DefaultConfig(e.APIKey)
	if e.BaseURL != "" {
		cfg.BaseURL = strings.TrimRight(e.BaseURL, "/")
	}
	if e.HTTPClient != nil {
		cfg.HTTPClient = e.HTTPClient
	}
	return openai.NewClientWithConfig(cfg)
}

// Transient reports whether err is worth another try: only failures that a
// second identical request can get past.
//
//   - 429 (rate limited) and 502, 503, 504 (a gateway or the server is
//     briefly unavailable): the next request may well succeed.
//   - Network failures (connection refused or reset, DNS), other than our
//     own deadline or cancellation.
//
// Everything else is final. A 400 says the request is wrong and will stay
// wrong. A 500 is not retried either: llama.cpp's server answers 500 when
// the model's own output does not match the format its parser expects
// ("The model produced output that does not match the expected ...
// format"), and the same request reproduces it every time; retrying it only
// spends the answer's time budget before the fallback that must come
// anyway. A reply that arrives but cannot be decoded is final too.
func Transient(err error) bool {
	if status, ok := httpStatus(err); ok {
		return RetryableStatus(status)
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var netErr net.Error
	return errors.As(err, &netErr)
}

// RetryableStatus reports whether an HTTP status is worth another try; see
// Transient.
func RetryableStatus(code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// httpStatus returns the HTTP status an error from the server carries.
func httpStatus(err error) (int, bool) {
	var apiErr *openai.APIError
	if errors.As(err, &apiErr) && apiErr.HTTPStatusCode != 0 {
		return apiErr.HTTPStatusCode, true
	}
	var reqErr *openai.RequestError
	if errors.As(err, &reqErr) && reqErr.HTTPStatusCode != 0 {
		return reqErr.HTTPStatusCode, true
	}
	return 0, false
}

// Retry calls fn up to attempts times while it fails with a transient error,
// waiting an exponentially growing, jittered delay (base, 2·base, …) between
// tries. It stops early when ctx ends.
func Retry(ctx context.Context, attempts int, base time.Duration, fn func(context.Context) error) error {
	return retry.Do(ctx, retry.Policy{Attempts: attempts, Base: base},
		func(err error) (bool, time.Duration) { return Transient(err), 0 }, fn)
}

// Redact removes the API key from an error's text, in case a server echoes
// it back. Keys must never reach logs or users.
func Redact(err error, key string) error {
	if err == nil || len(key) < 8 || !strings.Contains(err.Error(), key) {
		return err
	}
	return redacted{err: err, msg: strings.ReplaceAll(err.Error(), key, "[redacted]")}
}

type redacted struct {
	err error
	msg string
}

func (r redacted) Error() string { return r.msg }
func (r redacted) Unwrap() error { return r.err }
