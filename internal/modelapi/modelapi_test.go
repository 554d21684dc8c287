package modelapi

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"testing"

	openai "github.com/sashabaranov/go-openai"
)

func TestTransient(t *testing.T) {
	apiErr := func(code int, msg string) error {
		return fmt.Errorf("chat: %w", &openai.APIError{HTTPStatusCode: code, Message: msg})
	}
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"rate limited", apiErr(http.StatusTooManyRequests, "slow down"), true},
		{"bad gateway", apiErr(http.StatusBadGateway, ""), true},
		{"unavailable", &openai.RequestError{HTTPStatusCode: http.StatusServiceUnavailable}, true},
		{"gateway timeout", apiErr(http.StatusGatewayTimeout, ""), true},
		{"bad request", apiErr(http.StatusBadRequest, "unknown model"), false},
		{"unauthorized", apiErr(http.StatusUnauthorized, "bad key"), false},
		{"output could not be parsed (llama.cpp)", apiErr(http.StatusInternalServerError,
			"The model produced output that does not match the expected Content-only format"), false},
		{"internal error", &openai.RequestError{HTTPStatusCode: http.StatusInternalServerError}, false},
		{"connection refused", &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}, true},
		{"our deadline", context.DeadlineExceeded, false},
		{"cancelled", fmt.Errorf("post: %w", context.Canceled), false},
		{"reply not JSON", errors.New("invalid character '}'"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Transient(tt.err); got != tt.want {
				t.Errorf("Transient(%v) = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}
