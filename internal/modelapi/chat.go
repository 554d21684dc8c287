package modelapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	openai "github.com/sashabaranov/go-openai"
)

// ChatRequest is a chat-completions request with the settings the
// answerer controls. It is sent as written, zero values included: a
// temperature of 0 must reach the server as "temperature": 0. go-openai's
// own request omits a zero temperature (its field is `omitempty`), so the
// server applies its default of 1 instead (sashabaranov/go-openai#9, #678);
// that is why the chat call is made here rather than through its client.
type ChatRequest struct {
	Model    string                         `json:"model"`
	Messages []openai.ChatCompletionMessage `json:"messages"`
	// MaxTokens bounds the reply: a model that never stops is cut off here
	// instead of by the answer timeout.
	MaxTokens   int     `json:"max_tokens"`
	Temperature float32 `json:"temperature"`
}

// maxReplyBytes bounds the body read from the server. A reply is bounded
// by MaxTokens (a token is a few bytes); this only guards against a server
// that streams without end.
const maxReplyBytes = 8 << 20

// Chat sends one chat-completions request to the endpoint. Errors from the
// server are *openai.APIError (the server's own error body) or
// *openai.RequestError (any other failure status), carrying the HTTP
// status, so Transient classifies them like go-openai's.
func Chat(ctx context.Context, e Endpoint, req ChatRequest) (openai.ChatCompletionResponse, error) {
	var resp openai.ChatCompletionResponse
	body, err := json.Marshal(req)
	if err != nil {
		return resp, fmt.Errorf("encode chat request: %w", err)
	}
	base := strings.TrimRight(e.BaseURL, "/")
	if base == "" {
		base = openai.DefaultConfig("").BaseURL
	}
	httpReq, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/chat/completions", bytes.NewReader(body))
	if err != nil {
		return resp, fmt.Errorf("chat request: %w", err)
	}
	httpReq.Header.Set("Content-Type", "application/json")
	httpReq.Header.Set("Accept", "application/json")
	if e.APIKey != "" {
		httpReq.Header.Set("Authorization", "Bearer "+e.APIKey)
	}
	client := e.HTTPClient
	if client == nil {
		client = &http.Client{} // no timeout: ctx bounds the call
	}
	httpResp, err := client.Do(httpReq)
	if err != nil {
		return resp, err
	}
	defer httpResp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(httpResp.Body, maxReplyBytes))
	if err != nil {
		return resp, fmt.Errorf("read chat reply: %w", err)
	}
	if httpResp.StatusCode < 200 || httpResp.StatusCode >= 300 {
		return resp, statusError(httpResp, raw)
	}
	if err := json.Unmarshal(raw, &resp); err != nil {
		return resp, fmt.Errorf("decode chat reply: %w", err)
	}
	return resp, nil
}

// statusError turns a failure status into go-openai's error types: the
// server's error object when it sent one, else the status and the body.
func statusError(r *http.Response, body []byte) error {
	var e openai.ErrorResponse
	if json.Unmarshal(body, &e) == nil && e.Error != nil {
		e.Error.HTTPStatusCode = r.StatusCode
		e.Error.HTTPStatus = r.Status
		return e.Error
	}
	const maxShown = 200 // enough of a non-JSON body to say what it was
	shown := body
	if len(shown) > maxShown {
		shown = shown[:maxShown]
	}
	return &openai.RequestError{
		HTTPStatus: r.Status, HTTPStatusCode: r.StatusCode, Body: body,
		Err: fmt.Errorf("status %s: %q", r.Status, shown),
	}
}
