package embed

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"dossier/internal/modelapi"
)

const testKey = "sk-test-0123456789abcdef"

// fakeEmbeddings speaks the /v1/embeddings wire format. fail, when set,
// decides the status of each call (0 means answer normally).
func fakeEmbeddings(t *testing.T, fail func(call int) int) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := int(calls.Add(1))
		if r.URL.Path != "/v1/embeddings" || r.Method != http.MethodPost {
			t.Errorf("request %s %s, want POST /v1/embeddings", r.Method, r.URL.Path)
		}
		if got := r.Header.Get("Authorization"); got != "Bearer "+testKey {
			t.Errorf("Authorization = %q", got)
		}
		var req struct {
			Input []string `json:"input"`
			Model string   `json:"model"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			t.Errorf("decode request: %v", err)
		}
		if fail != nil {
			if code := fail(n); code != 0 {
				w.WriteHeader(code)
				w.Write([]byte(`{"error":{"message":"nope ` + testKey + `","type":"server_error"}}`))
				return
			}
		}
		type item struct {
			Object    string    `json:"object"`
			Index     int       `json:"index"`
			Embedding []float32 `json:"embedding"`
		}
		resp := struct {
			Object string `json:"object"`
			Data   []item `json:"data"`
			Model  string `json:"model"`
		}{Object: "list", Model: req.Model}
		// Answer in reverse order: the client must place vectors by index.
		for i := len(req.Input) - 1; i >= 0; i-- {
			resp.Data = append(resp.Data, item{"embedding", i, []float32{float32(len(req.Input[i])), 1, 0}})
		}
		json.NewEncoder(w).Encode(resp)
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

func newTestOpenAI(url string, batch int) *OpenAI {
	return NewOpenAI(modelapi.Endpoint{BaseURL: url + "/v1", APIKey: testKey},
		OpenAIOptions{Model: "test-embed", BatchSize: batch, Backoff: time.Millisecond, Timeout: 2 * time.Second})
}

func TestOpenAIBatchesAndKeepsOrder(t *testing.T) {
	srv, calls := fakeEmbeddings(t, nil)
	texts := []string{"a", "bb", "ccc", "dddd", "eeeee"}
	vecs, err := newTestOpenAI(srv.URL, 2).Embed(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 3 {
		t.Errorf("calls = %d, want 3 batches of at most 2", calls.Load())
	}
	for i, v := range vecs {
		if int(v[0]) != len(texts[i]) {
			t.Errorf("vector %d belongs to text of length %v, want %d", i, v[0], len(texts[i]))
		}
	}
}

func TestOpenAIRetriesTransientFailures(t *testing.T) {
	srv, calls := fakeEmbeddings(t, func(n int) int {
		switch n {
		case 1:
			return http.StatusTooManyRequests
		case 2:
			return http.StatusBadGateway
		}
		return 0
	})
	if _, err := newTestOpenAI(srv.URL, 10).Embed(context.Background(), []string{"x"}); err != nil {
		t.Fatalf("err = %v, want success after retries", err)
	}
	if calls.Load() != 3 {
		t.Errorf("calls = %d, want 3", calls.Load())
	}
}

func TestOpenAIErrors(t *testing.T) {
	tests := []struct {
		name      string
		status    int
		wantCalls int32
	}{
		{"client error is not retried", http.StatusBadRequest, 1},
		{"server unavailable retried then given up", http.StatusServiceUnavailable, 4},
		{"internal server error is not retried", http.StatusInternalServerError, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, calls := fakeEmbeddings(t, func(int) int { return tt.status })
			_, err := newTestOpenAI(srv.URL, 10).Embed(context.Background(), []string{"x"})
			if err == nil {
				t.Fatal("no error")
			}
			if strings.Contains(err.Error(), testKey) {
				t.Errorf("error reveals the API key: %v", err)
			}
			if calls.Load() != tt.wantCalls {
				t.Errorf("calls = %d, want %d", calls.Load(), tt.wantCalls)
			}
		})
	}
}

func TestOpenAITimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body) // so the server notices the client hanging up
		select {
		case <-r.Context().Done():
		case <-time.After(2 * time.Second):
		}
	}))
	defer srv.Close()
	o := NewOpenAI(modelapi.Endpoint{BaseURL: srv.URL + "/v1", APIKey: testKey},
		OpenAIOptions{Model: "m", Timeout: 50 * time.Millisecond, Attempts: 2, Backoff: time.Millisecond})
	_, err := o.Embed(context.Background(), []string{"x"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a deadline error", err)
	}
}

func TestOpenAIRejectsShortResponse(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"object":"list","data":[{"object":"embedding","index":0,"embedding":[1,0]}]}`))
	}))
	defer srv.Close()
	_, err := newTestOpenAI(srv.URL, 10).Embed(context.Background(), []string{"x", "y"})
	if !errors.Is(err, ErrBadResponse) {
		t.Fatalf("err = %v, want ErrBadResponse", err)
	}
}
