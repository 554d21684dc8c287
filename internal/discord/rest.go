package discord

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"dossier/internal/retry"
)

// REST sends interaction responses and follow-ups through Discord's REST
// API. The endpoints it uses are authorised by the interaction's token,
// not the bot's, so it works in HTTP mode with no bot token at all.
type REST struct {
	// BaseURL is the API root, e.g. https://discord.com/api/v10 or a REST
	// proxy; tests point it at a fake server.
	BaseURL    string
	HTTPClient *http.Client
	UserAgent  string
	// Attempts is how many times a request is tried when Discord is rate
	// limiting or failing (429, 5xx, network errors). The context's
	// deadline bounds the whole.
	Attempts  int
	BaseDelay time.Duration
}

// NewREST returns a client for the API at base.
func NewREST(base string, client *http.Client) *REST {
	if client == nil {
		client = &http.Client{Timeout: 15 * time.Second}
	}
	return &REST{
		BaseURL: strings.TrimRight(base, "/"), HTTPClient: client,
		UserAgent: "DiscordBot (https://github.com/dossier, 1)",
		Attempts:  5, BaseDelay: 250 * time.Millisecond,
	}
}

// StatusError is a response Discord refused.
type StatusError struct {
	Method, Path string // the path with the token elided
	Status       int
	Body         string
	// Code is Discord's JSON error code (10015 Unknown Webhook, 40060
	// already acknowledged…); 0 when the body had none.
	Code       int
	retryAfter time.Duration // what a 429 asked us to wait
}

// Discord's JSON error codes that change what the client does.
const (
	// CodeUnknownWebhook (HTTP 404) also answers, for a few seconds, a
	// follow-up sent right after a deferral that Discord has not yet
	// taken in (discord-api-docs #7220): worth retrying then.
	CodeUnknownWebhook = 10015
	// CodeAlreadyAcknowledged (HTTP 400) answers a second callback to one
	// interaction: after a retried callback, proof the first try arrived.
	CodeAlreadyAcknowledged = 40060
)

// UnknownWebhookWindow is how long after a deferral an Unknown Webhook
// answer to its follow-up is taken as Discord not having caught up yet,
// and retried. The tracker reports "a few seconds".
const UnknownWebhookWindow = 6 * time.Second

// IsCode reports whether err is Discord refusing a request with code.
func IsCode(err error, code int) bool {
	var se *StatusError
	return errors.As(err, &se) && se.Code == code
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("%s %s: HTTP %d: %s", e.Method, e.Path, e.Status, e.Body)
}

// Callback sends the initial response to an interaction received over the
// gateway (POST /interactions/{id}/{token}/callback).
func (c *REST) Callback(ctx context.Context, i *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
	body, err := marshalResponse(resp)
	if err != nil {
		return err
	}
	// A retried callback whose first try reached Discord (the answer was
	// lost on the way back) is refused as already acknowledged: that is
	// the first try's success, not a failure.
	tries := 0
	return c.doWith(ctx, retryable, func(ctx context.Context) error {
		tries++
		err := c.once(ctx, http.MethodPost, "/interactions/"+seg(i.ID)+"/"+seg(i.Token)+"/callback", "/interactions/{id}/{token}/callback", body)
		if tries > 1 && IsCode(err, CodeAlreadyAcknowledged) {
			return nil
		}
		return err
	})
}

// EditOriginal replaces the original response, e.g. a deferral, with a
// message (PATCH /webhooks/{application_id}/{token}/messages/@original).
func (c *REST) EditOriginal(ctx context.Context, i *discordgo.Interaction, d *discordgo.InteractionResponseData) error {
	body, err := marshalEdit(d)
	if err != nil {
		return err
	}
	// An edit is idempotent, so every passing failure is retried, and so
	// is Unknown Webhook for a few seconds after the first try: Discord
	// may not yet know the deferral it answers.
	start := time.Now()
	classify := func(err error) (bool, time.Duration) {
		if IsCode(err, CodeUnknownWebhook) && time.Since(start) < UnknownWebhookWindow {
			return true, 0
		}
		return retryable(err)
	}
	return c.doWith(ctx, classify, func(ctx context.Context) error {
		return c.once(ctx, http.MethodPatch, "/webhooks/"+seg(i.AppID)+"/"+seg(i.Token)+"/messages/@original", "/webhooks/{app}/{token}/messages/@original", body)
	})
}

// DeleteOriginal deletes the original response.
func (c *REST) DeleteOriginal(ctx context.Context, i *discordgo.Interaction) error {
	return c.do(ctx, http.MethodDelete, "/webhooks/"+seg(i.AppID)+"/"+seg(i.Token)+"/messages/@original", "/webhooks/{app}/{token}/messages/@original", nil)
}

// Followup sends a new message in reply to the interaction (POST
// /webhooks/{application_id}/{token}); it may be private.
func (c *REST) Followup(ctx context.Context, i *discordgo.Interaction, d *discordgo.InteractionResponseData) error {
	body, err := marshalFollowup(d)
	if err != nil {
		return err
	}
	// A follow-up POST is not idempotent: a retry after a lost answer
	// would post the message twice. Only what Discord refused before
	// doing anything is retried: a rate limit, and Unknown Webhook for a
	// few seconds after the first try (a follow-up right after a deferral
	// Discord has not yet taken in).
	start := time.Now()
	refusedBeforeDoing := func(err error) (bool, time.Duration) {
		var se *StatusError
		switch {
		case errors.As(err, &se) && se.Status == http.StatusTooManyRequests:
			return true, se.retryAfter
		case IsCode(err, CodeUnknownWebhook) && time.Since(start) < UnknownWebhookWindow:
			return true, 0
		}
		return false, 0
	}
	return c.doWith(ctx, refusedBeforeDoing, func(ctx context.Context) error {
		return c.once(ctx, http.MethodPost, "/webhooks/"+seg(i.AppID)+"/"+seg(i.Token), "/webhooks/{app}/{token}", body)
	})
}

func seg(s string) string { return url.PathEscape(s) }

// do sends a request, retrying rate limits (after Retry-After), server
// failures and network errors (with jittered exponential backoff) while
// ctx allows. logPath is the path without the token, which is a credential
// for 15 minutes.
func (c *REST) do(ctx context.Context, method, path, logPath string, body []byte) error {
	return c.doWith(ctx, retryable, func(ctx context.Context) error {
		return c.once(ctx, method, path, logPath, body)
	})
}

// doWith tries fn as the client's policy allows, retrying what classify
// calls passing.
func (c *REST) doWith(ctx context.Context, classify retry.Classify, fn func(context.Context) error) error {
	return retry.Do(ctx, retry.Policy{Attempts: c.Attempts, Base: c.BaseDelay}, classify, fn)
}

// retryable says which failures of a request are passing: a rate limit
// (wait as told), a server error, a network failure other than our own
// deadline. Anything else Discord refused is final.
func retryable(err error) (bool, time.Duration) {
	var se *StatusError
	switch {
	case errors.As(err, &se):
		return se.Status == http.StatusTooManyRequests || se.Status >= 500, se.retryAfter
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return false, 0
	}
	return errors.As(err, new(*networkError)), 0
}

// networkError is a request that got no response.
type networkError struct{ err error }

func (e *networkError) Error() string { return e.err.Error() }
func (e *networkError) Unwrap() error { return e.err }

// once sends one request.
func (c *REST) once(ctx context.Context, method, path, logPath string, body []byte) error {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.BaseURL+path, rd)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, logPath, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("User-Agent", c.UserAgent)
	resp, err := c.HTTPClient.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("%s %s: %w", method, logPath, ctx.Err())
		}
		// The error names the URL, and with it the token: say less.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return &networkError{fmt.Errorf("%s %s: %w", method, logPath, err)}
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, 2048))
	if resp.StatusCode < 300 {
		return nil
	}
	serr := &StatusError{Method: method, Path: logPath, Status: resp.StatusCode, Body: strings.TrimSpace(string(msg))}
	var code struct {
		Code int `json:"code"`
	}
	if json.Unmarshal(msg, &code) == nil {
		serr.Code = code.Code
	}
	if resp.StatusCode == http.StatusTooManyRequests {
		serr.retryAfter = retryAfter(resp.Header, msg)
	}
	return serr
}

// retryAfter reads how long Discord asks us to wait: the Retry-After
// header, or retry_after in the body (seconds, possibly fractional).
func retryAfter(h http.Header, body []byte) time.Duration {
	secs, err := strconv.ParseFloat(h.Get("Retry-After"), 64)
	if err != nil {
		var v struct {
			RetryAfter float64 `json:"retry_after"`
		}
		if json.Unmarshal(body, &v) == nil {
			secs = v.RetryAfter
		}
	}
	if secs <= 0 || secs > 3600 {
		return time.Second
	}
	return time.Duration(secs * float64(time.Second))
}
