package discord

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"dossier/internal/answer"
	"dossier/internal/commands"
	"dossier/internal/quotes"
)

var (
	_ commands.Answerer   = (*fakeAnswerer)(nil)
	_ commands.QuoteIndex = (*fakeQuotes)(nil)
	_ Dispatcher          = (*countingDispatcher)(nil)
)

type fakeAnswerer struct {
	err   error
	calls atomic.Int32
}

func (f *fakeAnswerer) Answer(ctx context.Context, q string) (answer.Answer, error) {
	f.calls.Add(1)
	if f.err != nil {
		return answer.Answer{}, f.err
	}
	return answer.Answer{
		Question: q, Mode: answer.Extractive,
		Text: "The recording's source is unknown [1]. @everyone",
		Citations: []answer.Citation{{N: 1, Doc: "a", Title: "An article", Date: "2025-11-26",
			URL: "https://news.example/a", Chunk: "a#1", Text: "The source of the recording remains unknown."}},
	}, nil
}

// fakeQuotes knows n speakers; "Speaker k" has k+1 quotes.
type fakeQuotes struct{ n int }

func (f fakeQuotes) Speakers() []quotes.Speaker {
	out := make([]quotes.Speaker, f.n)
	for k := range f.n {
		out[k] = quotes.Speaker{Name: fmt.Sprintf("Speaker %02d", k), Quotes: k + 1}
	}
	return out
}

func (f fakeQuotes) Lookup(speaker, topic string) quotes.Result {
	for _, s := range f.Speakers() {
		if s.Name == speaker {
			res := quotes.Result{Query: speaker, Speaker: s.Name}
			for q := range s.Quotes {
				res.Quotes = append(res.Quotes, quotes.Quote{Text: fmt.Sprintf("quote %d", q+1), Speaker: s.Name, Kind: quotes.Full,
					Sources: []quotes.Source{{Doc: "a", Title: "An article", URL: "https://news.example/a"}}})
			}
			return res
		}
	}
	return quotes.Result{Query: speaker}
}

// countingDispatcher counts the interactions that reach the commands.
type countingDispatcher struct {
	next Dispatcher
	n    atomic.Int32
}

func (c *countingDispatcher) Dispatch(ctx context.Context, i *discordgo.Interaction) commands.Call {
	c.n.Add(1)
	return c.next.Dispatch(ctx, i)
}

func newRegistry(t testing.TB, fa *fakeAnswerer, slow bool) *commands.Registry {
	t.Helper()
	return newRegistryLog(t, fa, slow, testLog(t))
}

func newRegistryLog(t testing.TB, fa *fakeAnswerer, slow bool, log *slog.Logger) *commands.Registry {
	t.Helper()
	src := func() commands.QuoteIndex { return fakeQuotes{n: 40} }
	cmds := []*commands.Command{
		commands.Ask(fa, commands.AskOptions{Slow: slow}),
		commands.Quote(src, commands.QuoteOptions{}),
	}
	reg, err := commands.NewRegistry(log, cmds...)
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

func testLog(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// keys are a fixed Ed25519 pair standing in for the application's.
func keys(t *testing.T) (ed25519.PublicKey, ed25519.PrivateKey) {
	t.Helper()
	priv := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))
	return priv.Public().(ed25519.PublicKey), priv
}

// signed builds a POST /interactions request signed as Discord signs it.
func signed(t *testing.T, priv ed25519.PrivateKey, at time.Time, body []byte) *http.Request {
	t.Helper()
	ts := strconv.FormatInt(at.Unix(), 10)
	r := httptest.NewRequest(http.MethodPost, "/interactions", bytes.NewReader(body))
	r.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), body...))))
	r.Header.Set("X-Signature-Timestamp", ts)
	r.Header.Set("Content-Type", "application/json")
	return r
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// recorded is one request the fake Discord received.
type recorded struct {
	Method, Path string
	Header       http.Header
	Body         []byte
}

// fakeDiscord is Discord's REST API as far as the bot uses it. reply, when
// set, chooses the status (and headers) of the n-th request (from 0).
type fakeDiscord struct {
	*httptest.Server
	mu    sync.Mutex
	reqs  []recorded
	got   chan recorded
	reply func(n int, w http.ResponseWriter) bool // true: it answered
	extra http.Handler                            // e.g. the gateway

	// Failure modes of the real Discord. A second callback to one
	// interaction is always refused with 40060 (already acknowledged).
	// unknownWebhookFirst answers the first edit or follow-up of each
	// token with 404 Unknown Webhook (10015), as Discord does for a few
	// seconds after a deferral (discord-api-docs #7220).
	unknownWebhookFirst bool
	shards              int             // GET /gateway/bot's recommendation; 0: 1
	acked               map[string]bool // interaction ids called back
	edited              map[string]bool // tokens edited or followed up
}

func newFakeDiscord(t *testing.T) *fakeDiscord {
	t.Helper()
	f := &fakeDiscord{got: make(chan recorded, 1000), acked: map[string]bool{}, edited: map[string]bool{}}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeDiscord) base() string { return f.URL + "/api/v10" }

func (f *fakeDiscord) serve(w http.ResponseWriter, r *http.Request) {
	if f.extra != nil && !strings.HasPrefix(r.URL.Path, "/api/") {
		f.extra.ServeHTTP(w, r)
		return
	}
	body, _ := io.ReadAll(r.Body)
	rec := recorded{Method: r.Method, Path: r.URL.EscapedPath(), Header: r.Header.Clone(), Body: body}
	f.mu.Lock()
	n := len(f.reqs)
	f.reqs = append(f.reqs, rec)
	reply := f.reply
	f.mu.Unlock()
	if reply != nil && reply(n, w) {
		return
	}
	if f.failure(r, w) {
		f.got <- rec
		return
	}
	switch {
	case r.Method == http.MethodPut && strings.HasSuffix(r.URL.Path, "/commands"):
		// Bulk overwrite answers with the commands as saved.
		var cmds []map[string]any
		json.Unmarshal(body, &cmds)
		for k, c := range cmds {
			c["id"] = fmt.Sprint(900 + k)
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(cmds)
	case r.Method == http.MethodGet && r.URL.Path == "/api/v10/oauth2/applications/@me":
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id":"775799577604522054","name":"dossier"}`)
	case r.Method == http.MethodGet && r.URL.Path == "/api/v10/gateway/bot":
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"url":"ws://%s/ws","shards":%d,"session_start_limit":{"total":1000,"remaining":1000,"reset_after":0,"max_concurrency":1}}`, r.Host, max(f.shards, 1))
	case r.Method == http.MethodGet && r.URL.Path == "/api/v10/gateway":
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"url":"ws://%s/ws"}`, r.Host)
	case r.Method == http.MethodPatch, r.Method == http.MethodPost && strings.HasPrefix(r.URL.Path, "/api/v10/webhooks/"):
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id":"1200000000000000000"}`)
	default:
		w.WriteHeader(http.StatusNoContent)
	}
	f.got <- rec
}

// failure answers the request as Discord's failure modes do; false: the
// request succeeds.
func (f *fakeDiscord) failure(r *http.Request, w http.ResponseWriter) bool {
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/api/v10/"), "/")
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case len(parts) == 4 && parts[0] == "interactions" && parts[3] == "callback":
		if f.acked[parts[1]] {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"message":"Interaction has already been acknowledged.","code":40060}`)
			return true
		}
		f.acked[parts[1]] = true
	case len(parts) >= 3 && parts[0] == "webhooks" && f.unknownWebhookFirst:
		if !f.edited[parts[2]] {
			f.edited[parts[2]] = true
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"message":"Unknown Webhook","code":10015}`)
			return true
		}
	}
	return false
}

// dropConnection closes the connection without an answer, as a network
// failure after the request reached Discord does.
func dropConnection(w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		conn.Close()
	}
}

// next waits for the next request the fake receives.
func (f *fakeDiscord) next(t *testing.T) recorded {
	t.Helper()
	select {
	case r := <-f.got:
		return r
	case <-time.After(5 * time.Second):
		t.Fatal("fake Discord received nothing within 5s")
		return recorded{}
	}
}

func (f *fakeDiscord) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.reqs)
}

// decoded is a response body as generic JSON, for assertions on the wire
// format itself.
func decoded(t *testing.T, body []byte) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("response is not JSON: %v\n%s", err, body)
	}
	return v
}

// checkNoMentions asserts a message body has "allowed_mentions":{"parse":[]}.
func checkNoMentions(t *testing.T, msg map[string]any) {
	t.Helper()
	am, ok := msg["allowed_mentions"].(map[string]any)
	if !ok {
		t.Fatalf("no allowed_mentions in %v", msg)
	}
	if p, ok := am["parse"].([]any); !ok || len(p) != 0 {
		t.Errorf("allowed_mentions.parse = %#v, want []", am["parse"])
	}
}
