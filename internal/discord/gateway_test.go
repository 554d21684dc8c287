package discord

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"dossier/internal/commands"
)

func TestRegisterSendsOneBulkOverwrite(t *testing.T) {
	tests := []struct {
		name, guild, wantPath string
	}{
		{"in a server", "290926798626357999", "/api/v10/applications/775799577604522054/guilds/290926798626357999/commands"},
		{"globally", "", "/api/v10/applications/775799577604522054/commands"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := newFakeDiscord(t)
			s, err := NewSession("bot-token", fake.base(), nil)
			if err != nil {
				t.Fatal(err)
			}
			defs := newRegistry(t, &fakeAnswerer{}, false).Definitions()
			got, err := Register(t.Context(), s, "775799577604522054", tt.guild, defs)
			if err != nil {
				t.Fatalf("Register: %v", err)
			}
			req := fake.next(t)
			if req.Method != http.MethodPut || req.Path != tt.wantPath {
				t.Fatalf("request %s %s, want PUT %s", req.Method, req.Path, tt.wantPath)
			}
			if auth := req.Header.Get("Authorization"); auth != "Bot bot-token" {
				t.Errorf("Authorization %q, want the bot token", auth)
			}
			var sent []struct {
				Name    string
				Options []struct {
					Name         string
					Autocomplete bool
				}
			}
			if err := json.Unmarshal(req.Body, &sent); err != nil {
				t.Fatal(err)
			}
			if len(sent) != 2 || sent[0].Name != "ask" || sent[1].Name != "quote" || !sent[1].Options[0].Autocomplete {
				t.Errorf("sent %+v, want ask and quote (speaker with autocomplete)", sent)
			}
			if len(got) != 2 || got[0].ID == "" {
				t.Errorf("Register returned %+v, want the saved commands with ids", got)
			}
			if fake.count() != 1 {
				t.Errorf("%d requests, want 1", fake.count())
			}
		})
	}
}

func TestApplicationIDFromToken(t *testing.T) {
	fake := newFakeDiscord(t)
	s, _ := NewSession("bot-token", fake.base(), nil)
	id, err := ApplicationID(t.Context(), s)
	if err != nil || id != "775799577604522054" {
		t.Errorf("ApplicationID = %q, %v; want 775799577604522054", id, err)
	}
	if req := fake.next(t); req.Path != "/api/v10/oauth2/applications/@me" {
		t.Errorf("asked %s, want /api/v10/oauth2/applications/@me", req.Path)
	}
}

func TestNewSessionRejectsABadBase(t *testing.T) {
	for _, base := range []string{"", "discord.com/api", "ftp://x/api", "https://"} {
		if _, err := NewSession("t", base, nil); err == nil {
			t.Errorf("NewSession(base %q) accepted it", base)
		}
	}
}

// fakeGateway speaks enough of Discord's gateway protocol for discordgo:
// Hello, then READY after Identify, then the events it is given.
type fakeGateway struct {
	t        *testing.T
	events   []string // dispatch payloads ("d") of INTERACTION_CREATE
	identify chan map[string]any
}

func (g *fakeGateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	up := websocket.Upgrader{}
	c, err := up.Upgrade(w, r, nil)
	if err != nil {
		g.t.Errorf("upgrade: %v", err)
		return
	}
	defer c.Close()
	c.WriteJSON(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 45000}})
	var ident map[string]any
	if err := c.ReadJSON(&ident); err != nil {
		g.t.Errorf("read identify: %v", err)
		return
	}
	g.identify <- ident
	c.WriteJSON(map[string]any{"op": 0, "s": 1, "t": "READY", "d": map[string]any{
		"v": 10, "session_id": "sess", "user": map[string]any{"id": "775799577604522054", "username": "dossier", "bot": true},
		"application": map[string]any{"id": "775799577604522054"}, "guilds": []any{},
	}})
	for k, ev := range g.events {
		c.WriteMessage(websocket.TextMessage, []byte(`{"op":0,"s":`+strconv.Itoa(k+2)+`,"t":"INTERACTION_CREATE","d":`+ev+`}`))
	}
	for { // until the client closes
		if _, _, err := c.ReadMessage(); err != nil {
			return
		}
	}
}

func TestGatewayAnswersInteractionsFromTheWebsocket(t *testing.T) {
	fake := newFakeDiscord(t)
	gw := &fakeGateway{t: t, identify: make(chan map[string]any, 1),
		events: []string{string(readTestdata(t, "ask.json")), string(readTestdata(t, "autocomplete.json"))}}
	fake.extra = gw
	s, err := NewSession("bot-token", fake.base(), nil)
	if err != nil {
		t.Fatal(err)
	}
	rest := NewREST(fake.base(), nil)
	g := &Gateway{Session: s, Dispatcher: newRegistry(t, &fakeAnswerer{}, false), REST: rest,
		Followups: NewFollowups(rest, testLog(t)), Log: testLog(t), Grace: 5 * time.Second}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- g.Run(ctx) }()

	ident := <-gw.identify
	d := ident["d"].(map[string]any)
	if ident["op"] != 2.0 || d["token"] != "Bot bot-token" || d["intents"] != 0.0 {
		t.Errorf("identify op %v token %v intents %v, want op 2 with the bot token and no intents", ident["op"], d["token"], d["intents"])
	}
	byPath := map[string]recorded{}
	for range 3 { // GET /gateway and two callbacks
		r := fake.next(t)
		byPath[r.Path] = r
	}
	ask, ok := byPath["/api/v10/interactions/786008729715212338/A_UNIQUE_TOKEN/callback"]
	if !ok {
		t.Fatalf("no callback for the /ask interaction; got %v", keysOf(byPath))
	}
	resp := decoded(t, ask.Body)
	if resp["type"] != 4.0 {
		t.Errorf("callback type %v, want 4", resp["type"])
	}
	data := resp["data"].(map[string]any)
	checkNoMentions(t, data)
	if desc := data["embeds"].([]any)[0].(map[string]any)["description"].(string); !strings.Contains(desc, "**Sources**") {
		t.Errorf("answer lacks its sources: %s", desc)
	}
	auto, ok := byPath["/api/v10/interactions/786008729715212339/AN_AUTOCOMPLETE_TOKEN/callback"]
	if !ok {
		t.Fatalf("no callback for the autocomplete interaction; got %v", keysOf(byPath))
	}
	if resp := decoded(t, auto.Body); resp["type"] != 8.0 || len(resp["data"].(map[string]any)["choices"].([]any)) != 25 {
		t.Errorf("autocomplete callback %s, want type 8 with 25 choices", auto.Body)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v, want a clean shutdown", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after the context ended")
	}
}

func TestGatewayDefersSlowAnswers(t *testing.T) {
	fake := newFakeDiscord(t)
	rest := NewREST(fake.base(), nil)
	fol := NewFollowups(rest, testLog(t))
	g := &Gateway{Dispatcher: newRegistry(t, &fakeAnswerer{}, true), REST: rest, Followups: fol, Log: testLog(t)}
	var ev discordgo.InteractionCreate
	if err := json.Unmarshal(readTestdata(t, "ask.json"), &ev); err != nil {
		t.Fatal(err)
	}
	g.Handle(nil, &ev)
	cb, edit := fake.next(t), fake.next(t)
	if !strings.HasSuffix(cb.Path, "/callback") || decoded(t, cb.Body)["type"] != 5.0 {
		t.Errorf("first %s %s, want a type 5 callback", cb.Path, cb.Body)
	}
	if edit.Method != http.MethodPatch || edit.Path != "/api/v10/webhooks/775799577604522054/A_UNIQUE_TOKEN/messages/@original" {
		t.Errorf("then %s %s, want the PATCH of the original response", edit.Method, edit.Path)
	}
	checkNoMentions(t, decoded(t, edit.Body))
}

func keysOf(m map[string]recorded) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

type panickingDispatcher struct{}

func (panickingDispatcher) Dispatch(context.Context, *discordgo.Interaction) commands.Call {
	var p *discordgo.InteractionResponse
	return commands.Call{Response: &discordgo.InteractionResponse{Type: p.Type}} // nil dereference
}

func TestGatewaySurvivesAPanic(t *testing.T) {
	g := &Gateway{Dispatcher: panickingDispatcher{}, Log: testLog(t)}
	var ev discordgo.InteractionCreate
	json.Unmarshal(readTestdata(t, "ask.json"), &ev)
	g.Handle(nil, &ev) // must return, not crash the test binary
}

// TestRetriedCallbackAlreadyAcknowledged: the first callback reaches
// Discord but its answer is lost; the retry is refused with 40060
// (already acknowledged), which is the first try's success: the deferred
// answer is still sent, and no failure is logged.
func TestRetriedCallbackAlreadyAcknowledged(t *testing.T) {
	fake := newFakeDiscord(t)
	fake.reply = func(n int, w http.ResponseWriter) bool {
		if n == 0 {
			fake.mu.Lock()
			fake.acked["786008729715212338"] = true // it arrived
			fake.mu.Unlock()
			dropConnection(w)
			return true
		}
		return false
	}
	logs := &lockedBuffer{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	rest := NewREST(fake.base(), nil)
	rest.BaseDelay = time.Millisecond
	fol := NewFollowups(rest, log)
	g := &Gateway{Dispatcher: newRegistry(t, &fakeAnswerer{}, true), REST: rest, Followups: fol, Log: log}
	var ev discordgo.InteractionCreate
	if err := json.Unmarshal(readTestdata(t, "ask.json"), &ev); err != nil {
		t.Fatal(err)
	}
	g.Handle(nil, &ev)
	if err := fol.Wait(t.Context()); err != nil {
		t.Fatal(err)
	}
	retried := fake.next(t)
	if !strings.HasSuffix(retried.Path, "/callback") {
		t.Fatalf("second request %s %s, want the retried callback", retried.Method, retried.Path)
	}
	if edit := fake.next(t); edit.Method != http.MethodPatch {
		t.Errorf("then %s %s, want the deferred answer (PATCH @original)", edit.Method, edit.Path)
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("a failure was logged:\n%s", logs)
	}
}
