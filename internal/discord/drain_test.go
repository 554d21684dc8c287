package discord

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"dossier/internal/answer"
	"dossier/internal/commands"
)

var _ commands.Answerer = (*heldAnswerer)(nil)

// heldAnswerer answers only once the test releases it, as a slow model
// does.
type heldAnswerer struct {
	started chan string
	release chan struct{}
}

func (h *heldAnswerer) Answer(ctx context.Context, q string) (answer.Answer, error) {
	h.started <- q
	select {
	case <-h.release:
	case <-ctx.Done():
		return answer.Answer{}, ctx.Err()
	}
	return (&fakeAnswerer{}).Answer(ctx, q)
}

// post sends a signed interaction to a running endpoint.
func post(t *testing.T, base string, priv ed25519.PrivateKey, body []byte) (int, string) {
	t.Helper()
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, _ := http.NewRequest(http.MethodPost, base+"/interactions", bytes.NewReader(body))
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), body...))))
	req.Header.Set("X-Signature-Timestamp", ts)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST /interactions: %v", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestDrainingServerKeepsAnsweringQuickCommands: after SIGTERM (the
// context ending), `bot serve` keeps its endpoint open while a deferred
// answer finishes: autocomplete and /quote are still answered, a new slow
// /ask is declined in plain words (nothing deferred), /healthz says 503.
// Once the deferred answer is delivered, the server stops.
func TestDrainingServerKeepsAnsweringQuickCommands(t *testing.T) {
	pub, priv := keys(t)
	fake := newFakeDiscord(t)
	held := &heldAnswerer{started: make(chan string, 4), release: make(chan struct{})}
	src := func() commands.QuoteIndex { return fakeQuotes{n: 40} }
	reg, err := commands.NewRegistry(testLog(t),
		commands.Ask(held, commands.AskOptions{Slow: true}), commands.Quote(src, commands.QuoteOptions{}))
	if err != nil {
		t.Fatal(err)
	}
	fol := NewFollowups(NewREST(fake.base(), nil), testLog(t))
	srv := NewServer(ServerOptions{PublicKey: pub, Dispatcher: reg, Followups: fol, Log: testLog(t)})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	ctx, sigterm := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln, 20*time.Second) }()

	ask := readTestdata(t, "ask.json")
	if code, body := post(t, base, priv, ask); code != http.StatusAccepted {
		t.Fatalf("/ask before the drain: %d %s, want 202 (deferred)", code, body)
	}
	<-held.started
	if cb := fake.next(t); !strings.HasSuffix(cb.Path, "/callback") {
		t.Fatalf("first REST call %s, want the deferral", cb.Path)
	}

	sigterm()
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		resp, err := http.Get(base + "/healthz")
		if err != nil {
			t.Fatalf("/healthz while draining: %v; want the endpoint still open", err)
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusServiceUnavailable {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("/healthz still %d after SIGTERM, want 503 while draining", resp.StatusCode)
		}
	}

	quote := strings.NewReplacer(`"name": "ask"`, `"name": "quote"`, `"name": "question", "value": "who recorded the call?"`, `"name": "speaker", "value": "Speaker 03"`,
		"A_UNIQUE_TOKEN", "A_QUOTE_TOKEN", "786008729715212338", "786008729715212350")
	secondAsk := strings.NewReplacer("A_UNIQUE_TOKEN", "ANOTHER_TOKEN", "786008729715212338", "786008729715212351")
	for _, tt := range []struct {
		name string
		body []byte
		want []string
	}{
		{"autocomplete", readTestdata(t, "autocomplete.json"), []string{`"type":8`, `"choices":[{`}},
		{"/quote", replaceAll(quote, ask), []string{`"type":4`, "quote 1"}},
		{"a new slow /ask", replaceAll(secondAsk, ask), []string{`"type":4`, "restarting", `"flags":64`}},
	} {
		code, body := post(t, base, priv, tt.body)
		for _, w := range tt.want {
			if code != http.StatusOK || !strings.Contains(body, w) {
				t.Errorf("%s while draining: %d %s, want 200 with %s", tt.name, code, body, w)
			}
		}
	}
	select {
	case err := <-done:
		t.Fatalf("the server stopped (%v) while a deferred answer was still being written", err)
	default:
	}

	close(held.release)
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve: %v, want a clean stop", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the server did not stop once the deferred answer was delivered")
	}
	if edit := fake.next(t); edit.Method != http.MethodPatch || !strings.Contains(edit.Path, "/A_UNIQUE_TOKEN/") {
		t.Errorf("then %s %s, want the deferred answer delivered", edit.Method, edit.Path)
	}
	if n := fake.count(); n != 2 {
		t.Errorf("%d REST calls, want 2 (one deferral, its answer): nothing deferred while draining", n)
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("the endpoint still answers after the drain")
	}
}

func replaceAll(r *strings.Replacer, b []byte) []byte { return []byte(r.Replace(string(b))) }

// TestDrainEndsAtTheGrace: a deferred answer still running when the
// grace ends is cancelled, and Serve says so, rather than waiting on.
func TestDrainEndsAtTheGrace(t *testing.T) {
	pub, priv := keys(t)
	fake := newFakeDiscord(t)
	held := &heldAnswerer{started: make(chan string, 4), release: make(chan struct{})}
	reg, err := commands.NewRegistry(testLog(t), commands.Ask(held, commands.AskOptions{Slow: true}))
	if err != nil {
		t.Fatal(err)
	}
	srv := NewServer(ServerOptions{PublicKey: pub, Dispatcher: reg, Followups: NewFollowups(NewREST(fake.base(), nil), testLog(t)), Log: testLog(t)})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, sigterm := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln, 300*time.Millisecond) }()
	if code, body := post(t, "http://"+ln.Addr().String(), priv, readTestdata(t, "ask.json")); code != http.StatusAccepted {
		t.Fatalf("/ask: %d %s, want 202", code, body)
	}
	<-held.started
	sigterm()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "deferred answers still running") {
			t.Errorf("Serve: %v, want an error saying deferred answers were still running", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not stop at the end of the grace")
	}
}
