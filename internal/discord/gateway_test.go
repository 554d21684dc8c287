package discord

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
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
// Hello; READY (with a resume_gateway_url) after Identify, or RESUMED
// after Resume; then the INTERACTION_CREATE events meant for the shard.
// Its failure modes: closeWith closes each connection with that code
// after READY, and dropAfterReady drops the first connection after READY
// so that the client resumes.
type fakeGateway struct {
	t      *testing.T
	events func(shard int) []string // dispatch payloads ("d") per shard

	closeWith      int
	dropAfterReady bool

	mu    sync.Mutex
	hello []gatewayHello // each connection's first message, in order
	conns int
}

// gatewayHello is what a client sent on a connection, and where.
type gatewayHello struct {
	Path  string
	Op    float64
	Shard []any // identify's [id, count]; nil on resume or unsharded
	Token string
}

func (g *fakeGateway) connections() []gatewayHello {
	g.mu.Lock()
	defer g.mu.Unlock()
	return slices.Clone(g.hello)
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
	var first struct {
		Op float64        `json:"op"`
		D  map[string]any `json:"d"`
	}
	if err := c.ReadJSON(&first); err != nil {
		return
	}
	h := gatewayHello{Path: r.URL.Path, Op: first.Op}
	h.Token, _ = first.D["token"].(string)
	h.Shard, _ = first.D["shard"].([]any)
	g.mu.Lock()
	g.hello = append(g.hello, h)
	g.conns++
	conn := g.conns
	g.mu.Unlock()
	shard := 0
	if len(h.Shard) == 2 {
		shard = int(h.Shard[0].(float64))
	}
	seq := 1
	if first.Op == 6 {
		c.WriteJSON(map[string]any{"op": 0, "s": 100, "t": "RESUMED", "d": map[string]any{}})
	} else {
		c.WriteJSON(map[string]any{"op": 0, "s": seq, "t": "READY", "d": map[string]any{
			"v": 10, "session_id": "sess-" + strconv.Itoa(shard), "resume_gateway_url": "ws://" + r.Host + "/resume",
			"user":        map[string]any{"id": "775799577604522054", "username": "dossier", "bot": true},
			"application": map[string]any{"id": "775799577604522054"}, "guilds": []any{}, "shard": h.Shard,
		}})
		if g.closeWith != 0 {
			c.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(g.closeWith, "closed by the fake"))
			return
		}
		if g.dropAfterReady && conn == 1 {
			return // the connection drops: a resumable failure
		}
		if g.events != nil {
			for _, ev := range g.events(shard) {
				seq++
				c.WriteMessage(websocket.TextMessage, []byte(`{"op":0,"s":`+strconv.Itoa(seq)+`,"t":"INTERACTION_CREATE","d":`+ev+`}`))
			}
		}
	}
	for { // until the client closes
		if _, _, err := c.ReadMessage(); err != nil {
			return
		}
	}
}

// gatewayBot starts a Gateway logged in against the fake, in a goroutine,
// and returns its result channel and a stop function.
func gatewayBot(t *testing.T, fake *fakeDiscord, d Dispatcher, shards Shards) (done chan error, stop func()) {
	t.Helper()
	b, err := Login(t.Context(), LoginOptions{Token: "bot-token", APIBase: fake.base(), AppID: "775799577604522054", Log: testLog(t)})
	if err != nil {
		t.Fatal(err)
	}
	g, err := b.Gateway(t.Context(), d, shards, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done = make(chan error, 1)
	go func() { done <- g.Run(ctx) }()
	return done, func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v, want a clean shutdown", err)
			}
		case <-time.After(15 * time.Second):
			t.Fatal("Run did not return after the context ended")
		}
	}
}

func TestGatewayAnswersInteractionsFromTheWebsocket(t *testing.T) {
	fake := newFakeDiscord(t)
	gw := &fakeGateway{t: t, events: func(int) []string {
		return []string{string(readTestdata(t, "ask.json")), string(readTestdata(t, "autocomplete.json"))}
	}}
	fake.extra = gw
	_, stop := gatewayBot(t, fake, newRegistry(t, &fakeAnswerer{}, false), Shards{ID: 0, Count: 1})

	byPath := map[string]recorded{}
	for range 3 { // GET /gateway and two callbacks
		r := fake.next(t)
		byPath[r.Path] = r
	}
	if c := gw.connections(); len(c) != 1 || c[0].Op != 2 || c[0].Token != "Bot bot-token" {
		t.Errorf("connections %+v, want one identify (op 2) with the bot token", c)
	}
	ask, ok := byPath["/api/v10/interactions/786008729715212338/A_UNIQUE_TOKEN/callback"]
	if !ok {
		t.Fatalf("no callback for the /ask interaction; got %v", keysOf(byPath))
	}
	if ua := ask.Header.Get("User-Agent"); !strings.HasPrefix(ua, "DiscordBot (") {
		t.Errorf("User-Agent %q, want Discord's DiscordBot (url, version) form", ua)
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
	stop()
}

// TestGatewayRunsTheRecommendedShards: without DISCORD_SHARD_COUNT the bot
// asks GET /gateway/bot and runs that many shards; each identifies with
// its [id, count] and answers the interactions Discord sends it.
func TestGatewayRunsTheRecommendedShards(t *testing.T) {
	fake := newFakeDiscord(t)
	fake.shards = 2
	ask := string(readTestdata(t, "ask.json"))
	gw := &fakeGateway{t: t, events: func(shard int) []string {
		// One interaction per shard, each with an id and token of its own.
		return []string{strings.NewReplacer("786008729715212338", "78600872971521233"+strconv.Itoa(shard),
			"A_UNIQUE_TOKEN", "TOKEN_OF_SHARD_"+strconv.Itoa(shard)).Replace(ask)}
	}}
	fake.extra = gw
	_, stop := gatewayBot(t, fake, newRegistry(t, &fakeAnswerer{}, false), Shards{})
	answered := map[string]bool{}
	for len(answered) < 2 {
		r := fake.next(t)
		if strings.HasSuffix(r.Path, "/callback") && decoded(t, r.Body)["type"] == 4.0 {
			answered[r.Path] = true
		}
	}
	for shard := range 2 {
		want := "/api/v10/interactions/78600872971521233" + strconv.Itoa(shard) + "/TOKEN_OF_SHARD_" + strconv.Itoa(shard) + "/callback"
		if !answered[want] {
			t.Errorf("shard %d's interaction was not answered (answered %v)", shard, answered)
		}
	}
	t.Logf("answered: %v", slices.Sorted(maps.Keys(answered)))
	var shards []string
	for _, c := range gw.connections() {
		shards = append(shards, fmt.Sprint(c.Shard))
	}
	slices.Sort(shards)
	if strings.Join(shards, " ") != "[0 2] [1 2]" {
		t.Errorf("identified shards %v, want [0 2] and [1 2]", shards)
	}
	stop()
}

// TestGatewayResumesOnTheResumeURL: after a dropped connection the
// session resumes (op 6) at the resume_gateway_url READY gave, not at the
// gateway URL it first connected to.
func TestGatewayResumesOnTheResumeURL(t *testing.T) {
	fake := newFakeDiscord(t)
	gw := &fakeGateway{t: t, dropAfterReady: true}
	fake.extra = gw
	_, stop := gatewayBot(t, fake, newRegistry(t, &fakeAnswerer{}, false), Shards{ID: 0, Count: 1})
	deadline := time.Now().Add(10 * time.Second)
	for len(gw.connections()) < 2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	c := gw.connections()
	if len(c) < 2 {
		t.Fatalf("connections %+v, want a reconnection after the drop", c)
	}
	for k, h := range c {
		t.Logf("connection %d: op %v at %s", k+1, h.Op, h.Path)
	}
	if !strings.HasPrefix(c[0].Path, "/ws") || c[0].Op != 2 {
		t.Errorf("first connection %+v, want an identify at /ws", c[0])
	}
	if c[1].Path != "/resume" || c[1].Op != 6 {
		t.Errorf("second connection %+v, want a resume (op 6) at /resume, the resume_gateway_url", c[1])
	}
	stop()
}

// TestGatewayStopsOnShardingRequired: Discord closes with 4011 (sharding
// required), which must not be retried: Run ends with an error saying
// what to change, instead of reconnecting for ever.
func TestGatewayStopsOnShardingRequired(t *testing.T) {
	fake := newFakeDiscord(t)
	gw := &fakeGateway{t: t, closeWith: 4011}
	fake.extra = gw
	done, _ := gatewayBot(t, fake, newRegistry(t, &fakeAnswerer{}, false), Shards{ID: 0, Count: 1})
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "4011") || !strings.Contains(err.Error(), "DISCORD_SHARD_COUNT") {
			t.Errorf("Run: %v, want an error naming 4011 and DISCORD_SHARD_COUNT", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("Run kept going after a 4011 close")
	}
	n := len(gw.connections())
	time.Sleep(1500 * time.Millisecond)
	if m := len(gw.connections()); m != n || n > 3 {
		t.Errorf("%d connections, then %d: want no reconnection once stopped", n, m)
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

// TestDrainingGatewayKeepsAnsweringQuickCommands: once the bot is
// stopping, quick replies still go out; new slow work is declined in
// plain words instead of being deferred (it could not finish in time).
func TestDrainingGatewayKeepsAnsweringQuickCommands(t *testing.T) {
	fake := newFakeDiscord(t)
	rest := NewREST(fake.base(), nil)
	g := &Gateway{Dispatcher: newRegistry(t, &fakeAnswerer{}, true), REST: rest, Followups: NewFollowups(rest, testLog(t)), Log: testLog(t)}
	g.closing = true
	for _, tt := range []struct {
		file     string
		wantType float64
		want     string
	}{
		{"autocomplete.json", 8, `"choices":[{`},
		{"ask.json", 4, "restarting"},
	} {
		var ev discordgo.InteractionCreate
		if err := json.Unmarshal(readTestdata(t, tt.file), &ev); err != nil {
			t.Fatal(err)
		}
		g.Handle(nil, &ev)
		cb := fake.next(t)
		resp := decoded(t, cb.Body)
		if resp["type"] != tt.wantType || !strings.Contains(string(cb.Body), tt.want) {
			t.Errorf("%s while draining: %s, want type %v with %q", tt.file, cb.Body, tt.wantType, tt.want)
		}
	}
	if n := fake.count(); n != 2 {
		t.Errorf("%d REST calls, want 2 (no deferred work started)", n)
	}
}
