package discord

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

type serverSetup struct {
	srv  *Server
	disp *countingDispatcher
	fa   *fakeAnswerer
	rest *fakeDiscord
	priv ed25519.PrivateKey
	now  time.Time
	fol  *Followups
}

func newServerSetup(t *testing.T, slow bool) *serverSetup {
	t.Helper()
	pub, priv := keys(t)
	s := &serverSetup{fa: &fakeAnswerer{}, rest: newFakeDiscord(t), priv: priv, now: time.Now()}
	s.disp = &countingDispatcher{next: newRegistry(t, s.fa, slow)}
	rest := NewREST(s.rest.base(), nil)
	rest.BaseDelay = time.Millisecond
	s.fol = NewFollowups(rest, testLog(t))
	s.srv = NewServer(ServerOptions{PublicKey: pub, Dispatcher: s.disp, Followups: s.fol, Log: testLog(t),
		Now: func() time.Time { return s.now }})
	return s
}

func (s *serverSetup) do(r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	s.srv.ServeHTTP(w, r)
	return w
}

func TestPingPong(t *testing.T) {
	s := newServerSetup(t, false)
	w := s.do(signed(t, s.priv, s.now, readTestdata(t, "ping.json")))
	if w.Code != http.StatusOK || strings.TrimSpace(w.Body.String()) != `{"type":1}` {
		t.Errorf("PING: %d %s, want 200 {\"type\":1}", w.Code, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	if s.disp.n.Load() != 0 {
		t.Error("PING reached the commands")
	}
}

func TestRequestsNotFromDiscordAreRefused(t *testing.T) {
	_, other, _ := ed25519.GenerateKey(nil)
	body := readTestdata(t, "ask.json")
	garbage := []byte(`{"type":2,"data":`)
	tests := []struct {
		name string
		req  func(s *serverSetup) *http.Request
		want int
	}{
		{"no headers", func(s *serverSetup) *http.Request {
			return httptest.NewRequest(http.MethodPost, "/interactions", bytes.NewReader(body))
		}, http.StatusUnauthorized},
		{"no timestamp", func(s *serverSetup) *http.Request {
			r := signed(t, s.priv, s.now, body)
			r.Header.Del("X-Signature-Timestamp")
			return r
		}, http.StatusUnauthorized},
		{"no signature", func(s *serverSetup) *http.Request {
			r := signed(t, s.priv, s.now, body)
			r.Header.Del("X-Signature-Ed25519")
			return r
		}, http.StatusUnauthorized},
		{"signature not hex", func(s *serverSetup) *http.Request {
			r := signed(t, s.priv, s.now, body)
			r.Header.Set("X-Signature-Ed25519", strings.Repeat("zz", 64))
			return r
		}, http.StatusUnauthorized},
		{"signed by another key", func(s *serverSetup) *http.Request { return signed(t, other, s.now, body) }, http.StatusUnauthorized},
		{"body changed after signing", func(s *serverSetup) *http.Request {
			r := signed(t, s.priv, s.now, body)
			r.Body = httptestBody(bytes.Replace(body, []byte("recorded"), []byte("received"), 1))
			return r
		}, http.StatusUnauthorized},
		{"timestamp changed after signing", func(s *serverSetup) *http.Request {
			r := signed(t, s.priv, s.now, body)
			r.Header.Set("X-Signature-Timestamp", "1"+r.Header.Get("X-Signature-Timestamp"))
			return r
		}, http.StatusUnauthorized},
		{"stale (replayed 10 minutes later)", func(s *serverSetup) *http.Request { return signed(t, s.priv, s.now.Add(-10*time.Minute), body) }, http.StatusUnauthorized},
		{"from the future", func(s *serverSetup) *http.Request { return signed(t, s.priv, s.now.Add(10*time.Minute), body) }, http.StatusUnauthorized},
		{"garbage body, validly signed", func(s *serverSetup) *http.Request { return signed(t, s.priv, s.now, garbage) }, http.StatusBadRequest},
		{"unknown type, validly signed", func(s *serverSetup) *http.Request { return signed(t, s.priv, s.now, []byte(`{"type":99}`)) }, http.StatusBadRequest},
		{"command without token, validly signed", func(s *serverSetup) *http.Request {
			return signed(t, s.priv, s.now, bytes.Replace(body, []byte(`"token": "A_UNIQUE_TOKEN",`), nil, 1))
		}, http.StatusBadRequest},
		{"over 1 MiB", func(s *serverSetup) *http.Request {
			return signed(t, s.priv, s.now, append(body, bytes.Repeat([]byte(" "), MaxBody)...))
		}, http.StatusRequestEntityTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServerSetup(t, false)
			w := s.do(tt.req(s))
			if w.Code != tt.want {
				t.Errorf("status %d, want %d (%s)", w.Code, tt.want, w.Body)
			}
			if n := s.disp.n.Load(); n != 0 || s.fa.calls.Load() != 0 {
				t.Errorf("%d interactions reached the commands, want none", n)
			}
		})
	}
}

func httptestBody(b []byte) *readCloser { return &readCloser{bytes.NewReader(b)} }

type readCloser struct{ *bytes.Reader }

func (readCloser) Close() error { return nil }

func TestSignedAskIsAnsweredInline(t *testing.T) {
	s := newServerSetup(t, false)
	w := s.do(signed(t, s.priv, s.now, readTestdata(t, "ask.json")))
	if w.Code != http.StatusOK {
		t.Fatalf("status %d, want 200: %s", w.Code, w.Body)
	}
	resp := decoded(t, w.Body.Bytes())
	if resp["type"] != 4.0 {
		t.Fatalf("type %v, want 4", resp["type"])
	}
	data := resp["data"].(map[string]any)
	checkNoMentions(t, data)
	embeds := data["embeds"].([]any)
	if len(embeds) != 1 {
		t.Fatalf("%d embeds, want 1", len(embeds))
	}
	e := embeds[0].(map[string]any)
	if e["title"] != "who recorded the call?" {
		t.Errorf("title %q, want the question", e["title"])
	}
	desc := e["description"].(string)
	for _, want := range []string{"source is unknown \\[1\\]", "@\u200deveryone", "**Sources**", "**[1]** [An article](<https://news.example/a>) · <t:1764158400:D>"} {
		if !strings.Contains(desc, want) {
			t.Errorf("description lacks %q:\n%s", want, desc)
		}
	}
	if _, ok := data["flags"]; ok {
		t.Error("public answer has flags, want none")
	}
	if s.rest.count() != 0 {
		t.Error("an inline answer also called the REST API")
	}
}

func TestAutocompleteOverHTTP(t *testing.T) {
	s := newServerSetup(t, false)
	w := s.do(signed(t, s.priv, s.now, readTestdata(t, "autocomplete.json")))
	var resp struct {
		Type int
		Data struct {
			Choices []struct {
				Name  string
				Value string
			}
		}
	}
	if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil || w.Code != 200 {
		t.Fatalf("status %d, %v: %s", w.Code, err, w.Body)
	}
	if resp.Type != 8 || len(resp.Data.Choices) != 25 {
		t.Fatalf("type %d with %d choices, want type 8 with 25 (of 40 speakers)", resp.Type, len(resp.Data.Choices))
	}
	if c := resp.Data.Choices[0]; c.Value != "Speaker 39" || c.Name != "Speaker 39 (40 quotes)" {
		t.Errorf("first choice %+v, want the most quoted speaker", c)
	}
}

func TestAutocompleteWithNoMatchSendsAnEmptyList(t *testing.T) {
	s := newServerSetup(t, false)
	body := bytes.Replace(readTestdata(t, "autocomplete.json"), []byte(`"value": ""`), []byte(`"value": "nobody"`), 1)
	w := s.do(signed(t, s.priv, s.now, body))
	if got := strings.TrimSpace(w.Body.String()); got != `{"type":8,"data":{"choices":[]}}` {
		t.Errorf("body %s, want an explicit empty list of choices", got)
	}
}

func TestPageTurnUpdatesTheMessage(t *testing.T) {
	s := newServerSetup(t, false)
	w := s.do(signed(t, s.priv, s.now, readTestdata(t, "component.json")))
	resp := decoded(t, w.Body.Bytes())
	if resp["type"] != 7.0 {
		t.Fatalf("type %v, want 7 (update the message): %s", resp["type"], w.Body)
	}
	data := resp["data"].(map[string]any)
	checkNoMentions(t, data)
	if comps := data["components"].([]any); len(comps) != 0 {
		t.Errorf("a one-page list kept %d button rows, want them cleared", len(comps))
	}
}

// TestPageTurnBySomeoneElseIsPrivate: a button on another user's /quote
// list, pressed over HTTP, leaves that list as it is (no update) and
// gives the presser a private page of their own.
func TestPageTurnBySomeoneElseIsPrivate(t *testing.T) {
	s := newServerSetup(t, false)
	body := bytes.Replace(readTestdata(t, "component.json"), []byte(`"content": "", "embeds": []`),
		[]byte(`"content": "", "embeds": [], "interaction_metadata": {"id": "1", "type": 2, "user": {"id": "80351110224678912", "username": "Owner"}}`), 1)
	w := s.do(signed(t, s.priv, s.now, body))
	resp := decoded(t, w.Body.Bytes())
	if resp["type"] != 4.0 || resp["data"].(map[string]any)["flags"] != 64.0 {
		t.Fatalf("reply %s, want a new private message (type 4, flags 64), not an update of the owner's list", w.Body)
	}
	if !strings.Contains(w.Body.String(), "Quotes of") {
		t.Errorf("reply %s, want the page of quotes", w.Body)
	}
}

// callback reads the next request as a deferral sent through the callback
// endpoint and returns its body.
func (s *serverSetup) callback(t *testing.T) map[string]any {
	t.Helper()
	req := s.rest.next(t)
	if req.Method != http.MethodPost || req.Path != "/api/v10/interactions/786008729715212338/A_UNIQUE_TOKEN/callback" {
		t.Fatalf("first REST call %s %s, want POST /api/v10/interactions/786008729715212338/A_UNIQUE_TOKEN/callback", req.Method, req.Path)
	}
	resp := decoded(t, req.Body)
	if resp["type"] != 5.0 {
		t.Fatalf("callback %s, want a deferral (type 5)", req.Body)
	}
	checkNoMentions(t, resp["data"].(map[string]any))
	return resp
}

// TestDeferredAnswerIsDeliveredThroughREST: the deferral reaches Discord
// through the callback endpoint before its follow-up starts (the HTTP
// request is answered 202), then the answer replaces it.
func TestDeferredAnswerIsDeliveredThroughREST(t *testing.T) {
	s := newServerSetup(t, true)
	w := s.do(signed(t, s.priv, s.now, readTestdata(t, "ask.json")))
	if w.Code != http.StatusAccepted || w.Body.Len() != 0 {
		t.Fatalf("HTTP reply %d %q, want 202 with no body: the deferral went through the callback endpoint", w.Code, w.Body)
	}
	if d := s.callback(t)["data"].(map[string]any); d["flags"] != nil {
		t.Errorf("deferral flags %v, want a public deferral", d["flags"])
	}
	req := s.rest.next(t)
	if req.Method != http.MethodPatch || req.Path != "/api/v10/webhooks/775799577604522054/A_UNIQUE_TOKEN/messages/@original" {
		t.Fatalf("follow-up %s %s, want PATCH /api/v10/webhooks/775799577604522054/A_UNIQUE_TOKEN/messages/@original", req.Method, req.Path)
	}
	if ct := req.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q, want application/json", ct)
	}
	msg := decoded(t, req.Body)
	checkNoMentions(t, msg)
	e := msg["embeds"].([]any)[0].(map[string]any)
	if !strings.Contains(e["description"].(string), "**Sources**") {
		t.Errorf("edited message lacks the sources: %v", e)
	}
	if _, ok := msg["flags"]; ok {
		t.Error("edit carries flags; they cannot change after the deferral")
	}
	if err := s.fol.Wait(t.Context()); err != nil {
		t.Fatal(err)
	}
}

// TestUnknownWebhookAfterADeferralIsRetried: Discord answers the first
// follow-up after a deferral with 404 Unknown Webhook (10015) while it has
// not caught up. In both orders, deferral through the callback endpoint
// or (when that fails) as the HTTP reply, the answer still arrives.
func TestUnknownWebhookAfterADeferralIsRetried(t *testing.T) {
	for _, tt := range []struct {
		name         string
		callbackFail bool
		wantStatus   int
	}{
		{"deferral through the callback endpoint", false, http.StatusAccepted},
		{"deferral as the HTTP reply", true, http.StatusOK},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := newServerSetup(t, true)
			s.rest.unknownWebhookFirst = true
			if tt.callbackFail {
				s.rest.reply = func(n int, w http.ResponseWriter) bool {
					if n == 0 { // the callback: refused for good
						http.Error(w, `{"message":"Invalid Form Body","code":50035}`, http.StatusBadRequest)
						return true
					}
					return false
				}
			}
			w := s.do(signed(t, s.priv, s.now, readTestdata(t, "ask.json")))
			if w.Code != tt.wantStatus {
				t.Fatalf("HTTP reply %d, want %d", w.Code, tt.wantStatus)
			}
			if err := s.fol.Wait(t.Context()); err != nil {
				t.Fatal(err)
			}
			var patches int
			s.rest.mu.Lock()
			for _, r := range s.rest.reqs {
				if r.Method == http.MethodPatch {
					patches++
				}
			}
			s.rest.mu.Unlock()
			if patches != 2 {
				t.Errorf("%d PATCHes, want 2: the one Discord did not know yet, and its retry", patches)
			}
		})
	}
}

// TestDeferredFailureEditsTheOriginal: a private apology after a public
// deferral replaces the deferral; no delete, no private follow-up (both
// fail in Discord: Unknown Message, and a first follow-up edits the
// original whatever its flags).
func TestDeferredFailureEditsTheOriginal(t *testing.T) {
	s := newServerSetup(t, true)
	s.fa.err = errors.New("model down")
	s.do(signed(t, s.priv, s.now, readTestdata(t, "ask.json")))
	s.callback(t)
	edit := s.rest.next(t)
	if edit.Method != http.MethodPatch || !strings.HasSuffix(edit.Path, "/A_UNIQUE_TOKEN/messages/@original") {
		t.Fatalf("then %s %s, want the PATCH of the original", edit.Method, edit.Path)
	}
	msg := decoded(t, edit.Body)
	checkNoMentions(t, msg)
	if !strings.Contains(msg["content"].(string), "something went wrong") {
		t.Errorf("edit %v, want the apology", msg)
	}
	if err := s.fol.Wait(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := s.rest.count(); n != 2 {
		t.Errorf("%d REST calls, want 2 (callback, edit)", n)
	}
}

func TestFollowupRetriesRateLimitsAndServerErrors(t *testing.T) {
	s := newServerSetup(t, true)
	s.rest.reply = func(n int, w http.ResponseWriter) bool {
		switch n {
		case 1:
			w.Header().Set("Retry-After", "0.01")
			w.WriteHeader(http.StatusTooManyRequests)
			w.Write([]byte(`{"message":"You are being rate limited.","retry_after":0.01,"global":false}`))
			return true
		case 2:
			w.WriteHeader(http.StatusBadGateway)
			return true
		}
		return false
	}
	s.do(signed(t, s.priv, s.now, readTestdata(t, "ask.json")))
	s.callback(t)
	if req := s.rest.next(t); req.Method != http.MethodPatch {
		t.Fatalf("got %s, want the PATCH to get through", req.Method)
	}
	if n := s.rest.count(); n != 4 {
		t.Errorf("%d requests, want 4 (callback, then 429, 502, success)", n)
	}
}

func TestFollowupGivesUpOnARefusal(t *testing.T) {
	s := newServerSetup(t, true)
	s.rest.reply = func(n int, w http.ResponseWriter) bool {
		if n == 0 {
			return false // the callback
		}
		http.Error(w, `{"message":"Unknown Message","code":10008}`, http.StatusNotFound)
		return true
	}
	s.do(signed(t, s.priv, s.now, readTestdata(t, "ask.json")))
	if err := s.fol.Wait(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := s.rest.count(); n != 2 {
		t.Errorf("%d requests, want 2: the callback, and a 404 other than Unknown Webhook is not retried", n)
	}
}

// TestFollowupPostIsNotRetriedBlindly: a follow-up POST that may have
// reached Discord is not sent again (it would post twice); a rate limit,
// and Unknown Webhook right after a deferral, refused before anything was
// done, are.
func TestFollowupPostIsNotRetriedBlindly(t *testing.T) {
	for _, tt := range []struct {
		name  string
		fail  func(w http.ResponseWriter)
		tries int
	}{
		{"server error", func(w http.ResponseWriter) { w.WriteHeader(http.StatusBadGateway) }, 1},
		{"lost answer", dropConnection, 1},
		{"rate limit", func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", "0.01")
			w.WriteHeader(http.StatusTooManyRequests)
		}, 2},
		{"unknown webhook right after the deferral", func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			w.Write([]byte(`{"message":"Unknown Webhook","code":10015}`))
		}, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fake := newFakeDiscord(t)
			fake.reply = func(n int, w http.ResponseWriter) bool {
				if n == 0 {
					tt.fail(w)
					return true
				}
				return false
			}
			rest := NewREST(fake.base(), nil)
			rest.BaseDelay = time.Millisecond
			var i discordgo.Interaction
			json.Unmarshal(readTestdata(t, "ask.json"), &i)
			rest.Followup(t.Context(), &i, &discordgo.InteractionResponseData{Content: "hi"})
			if n := fake.count(); n != tt.tries {
				t.Errorf("%d POSTs, want %d", n, tt.tries)
			}
		})
	}
}

func TestHealthz(t *testing.T) {
	for _, tt := range []struct {
		ready error
		want  int
	}{{nil, 200}, {errors.New("loading"), 503}} {
		s := NewServer(ServerOptions{Ready: func() error { return tt.ready }})
		w := httptest.NewRecorder()
		s.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/healthz", nil))
		if w.Code != tt.want {
			t.Errorf("ready=%v: status %d, want %d", tt.ready, w.Code, tt.want)
		}
	}
	w := httptest.NewRecorder()
	NewServer(ServerOptions{}).ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/interactions", nil))
	if w.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET /interactions: %d, want 405", w.Code)
	}
}

func TestPrivateDeferredAnswerIsEditedInPlace(t *testing.T) {
	s := newServerSetup(t, true)
	body := bytes.Replace(readTestdata(t, "ask.json"), []byte(`"value": "who recorded the call?"}`),
		[]byte(`"value": "who recorded the call?"}, {"type": 5, "name": "private", "value": true}`), 1)
	s.do(signed(t, s.priv, s.now, body))
	if d := s.callback(t)["data"].(map[string]any); d["flags"] != 64.0 {
		t.Fatalf("deferral %v, want a private deferral (flags 64)", d)
	}
	if req := s.rest.next(t); req.Method != http.MethodPatch {
		t.Errorf("follow-up %s %s, want the PATCH of the private original", req.Method, req.Path)
	}
	if err := s.fol.Wait(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := s.rest.count(); n != 2 {
		t.Errorf("%d REST calls, want 2 (callback, edit)", n)
	}
}

// TestFollowupFailingForGoodIsLogged: Discord's REST API answering 5xx to
// every try: the follow-up is retried (within the token's life), then the
// operator is told, with the token kept out of the log.
func TestFollowupFailingForGoodIsLogged(t *testing.T) {
	pub, priv := keys(t)
	discord := newFakeDiscord(t)
	discord.reply = func(n int, w http.ResponseWriter) bool {
		if n == 0 {
			return false // the callback
		}
		w.WriteHeader(http.StatusServiceUnavailable)
		return true
	}
	logs := &lockedBuffer{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	rest := NewREST(discord.base(), nil)
	rest.BaseDelay = time.Millisecond
	fol := NewFollowups(rest, log)
	now := time.Now()
	srv := NewServer(ServerOptions{PublicKey: pub, Dispatcher: newRegistry(t, &fakeAnswerer{}, true), Followups: fol, Log: log,
		Now: func() time.Time { return now }})
	body := readTestdata(t, "ask.json")
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, signed(t, priv, now, body))
	if err := fol.Wait(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := discord.count(); n != 1+rest.Attempts {
		t.Errorf("%d requests, want the callback and %d tries", n, rest.Attempts)
	}
	var i struct{ Token string }
	json.Unmarshal(body, &i)
	l := logs.String()
	if !strings.Contains(l, "could not deliver a deferred answer") || !strings.Contains(l, "503") || strings.Contains(l, i.Token) {
		t.Errorf("log does not report the failure (or shows the token):\n%s", l)
	}
}

// lockedBuffer is a buffer the follow-up goroutine writes while the test
// reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestClockSkewIsReported: requests whose signatures verify but whose
// timestamps are all ten minutes off mean the host clock is wrong; the
// operator gets one clear error, not only debug lines.
func TestClockSkewIsReported(t *testing.T) {
	pub, priv := keys(t)
	logs := &lockedBuffer{}
	now := time.Now()
	srv := NewServer(ServerOptions{PublicKey: pub, Dispatcher: newRegistry(t, &fakeAnswerer{}, false),
		Log: slog.New(slog.NewTextHandler(logs, nil)), Now: func() time.Time { return now }})
	for range 4 {
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, signed(t, priv, now.Add(-10*time.Minute), readTestdata(t, "ping.json")))
		if w.Code != http.StatusUnauthorized {
			t.Fatalf("stale request: %d, want 401", w.Code)
		}
	}
	l := logs.String()
	if strings.Count(l, "level=ERROR") != 1 || !strings.Contains(l, "clock") || !strings.Contains(l, "clock_ahead_by=10m") {
		t.Errorf("log, want one error about the clock being 10m ahead:\n%s", l)
	}
}
