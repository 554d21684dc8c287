package commands

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"dossier/internal/answer"
)

// deps are the fakes behind a test registry; nil ones get defaults.
type deps struct {
	ans     *fakeAnswerer
	slow    bool
	quotes  *fakeQuotes // nil: nothing loaded
	cat     *fakeCatalog
	rel     *fakeReloader
	limiter *Limiter
	mods    Moderators
}

func newTestRegistry(t *testing.T, d deps) (*Registry, *strings.Builder) {
	t.Helper()
	log, buf := testLogger(t)
	if d.ans == nil {
		d.ans = &fakeAnswerer{ans: sampleAnswer()}
	}
	if d.cat == nil {
		d.cat = &fakeCatalog{arts: sampleArticles(), quotes: 3}
	}
	if d.rel == nil {
		d.rel = &fakeReloader{}
	}
	src := func() QuoteIndex {
		if d.quotes == nil {
			return nil
		}
		return d.quotes
	}
	cmds := []*Command{
		Ask(d.ans, AskOptions{Slow: d.slow, Limiter: d.limiter}),
		Quote(src, QuoteOptions{Limiter: d.limiter}),
		Sources(d.cat),
		Reload(d.rel, ReloadOptions{Moderators: d.mods, Log: log}),
	}
	reg, err := NewRegistry(log, append(cmds, Help(cmds))...)
	if err != nil {
		t.Fatalf("NewRegistry: %v", err)
	}
	return reg, buf
}

func sampleAnswer() answer.Answer {
	return answer.Answer{
		Text: "The source of the recording is unknown [1]. One official denied leaking it [2].",
		Mode: answer.Extractive,
		Citations: []answer.Citation{
			{N: 1, Doc: "a", Title: "First article", Date: "2025-11-25", URL: "https://news.example/a", Chunk: "a#2",
				Text: "The source of the recording remains unknown."},
			{N: 2, Doc: "b", Title: "Second article", Chunk: "b#1",
				Text: "The official said it was not leaked by his side."},
		},
	}
}

func sampleArticles() []Article {
	return []Article{
		{ID: "a", Title: "First article", Date: "2025-11-25", URL: "https://news.example/a", Outlet: "Example News", Chunks: 7, Quotes: 4},
		{ID: "b", Title: "Second article", Chunks: 3, Quotes: 0},
	}
}

func TestRegistryDefinitionsAreValid(t *testing.T) {
	reg, _ := newTestRegistry(t, deps{})
	var names []string
	for _, d := range reg.Definitions() {
		names = append(names, d.Name)
	}
	if got, want := strings.Join(names, " "), "ask quote sources reload help"; got != want {
		t.Errorf("commands = %q, want %q", got, want)
	}
}

func TestNewRegistryRejectsBadDefinitions(t *testing.T) {
	h := func(name, desc string, opts ...*discordgo.ApplicationCommandOption) *Command {
		return &Command{Definition: &discordgo.ApplicationCommand{Name: name, Description: desc, Options: opts}}
	}
	req := &discordgo.ApplicationCommandOption{Name: "a", Description: "a", Required: true}
	optional := &discordgo.ApplicationCommandOption{Name: "b", Description: "b"}
	auto := &discordgo.ApplicationCommandOption{Name: "c", Description: "c", Autocomplete: true}
	tests := []struct {
		name string
		cmds []*Command
	}{
		{"upper case", []*Command{h("Ask", "x")}},
		{"space", []*Command{h("a b", "x")}},
		{"too long", []*Command{h(strings.Repeat("a", 33), "x")}},
		{"no description", []*Command{h("a", "")}},
		{"long description", []*Command{h("a", strings.Repeat("x", 101))}},
		{"duplicate", []*Command{h("a", "x"), h("a", "y")}},
		{"required after optional", []*Command{h("a", "x", optional, req)}},
		{"autocomplete without completer", []*Command{h("a", "x", auto)}},
		{"nil definition", []*Command{{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := NewRegistry(nil, tt.cmds...); err == nil {
				t.Error("NewRegistry accepted it, want an error")
			}
		})
	}
}

func TestDispatchOddInteractions(t *testing.T) {
	reg, _ := newTestRegistry(t, deps{})
	tests := []struct {
		name     string
		i        *discordgo.Interaction
		wantType discordgo.InteractionResponseType
		wantText string
	}{
		{"ping", &discordgo.Interaction{Type: discordgo.InteractionPing}, discordgo.InteractionResponsePong, ""},
		{"unknown command", slash(member, "frobnicate"), discordgo.InteractionResponseChannelMessageWithSource, "don't know that command"},
		{"command without data", &discordgo.Interaction{Type: discordgo.InteractionApplicationCommand}, discordgo.InteractionResponseChannelMessageWithSource, "don't know that command"},
		{"modal submit", &discordgo.Interaction{Type: discordgo.InteractionModalSubmit, Data: discordgo.ModalSubmitInteractionData{CustomID: "x"}}, discordgo.InteractionResponseChannelMessageWithSource, "can't handle"},
		{"button of another app", press("other:thing"), discordgo.InteractionResponseChannelMessageWithSource, "no longer valid"},
		{"button without a colon", press("garbage"), discordgo.InteractionResponseChannelMessageWithSource, "no longer valid"},
		{"autocomplete for unknown command", typing("nope", "x", "a"), discordgo.InteractionApplicationCommandAutocompleteResult, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := run(t, reg, tt.i)
			if o.first.Type != tt.wantType {
				t.Fatalf("type = %d, want %d", o.first.Type, tt.wantType)
			}
			if tt.wantText != "" {
				if !IsPrivate(o.first) {
					t.Error("error reply is public, want private")
				}
				if got := o.first.Data.Content; !strings.Contains(got, tt.wantText) {
					t.Errorf("content = %q, want it to contain %q", got, tt.wantText)
				}
			}
		})
	}
}

func TestHandlerPanicIsRecoveredWithReference(t *testing.T) {
	for _, slow := range []bool{false, true} {
		reg, logs := newTestRegistry(t, deps{ans: &fakeAnswerer{panic: true}, slow: slow})
		o := run(t, reg, slash(member, "ask", opt("question", "what happened?")))
		text := o.final.Data.Content
		if !IsPrivate(o.final) || !strings.Contains(text, "something went wrong") {
			t.Fatalf("slow=%v: reply = %q (private %v), want a private apology", slow, text, IsPrivate(o.final))
		}
		ref := text[strings.LastIndex(text, " ")+1:]
		if len(ref) != 8 || !strings.Contains(logs.String(), "ref="+ref) || !strings.Contains(logs.String(), "handler panicked") {
			t.Errorf("slow=%v: reference %q not in the log:\n%s", slow, ref, logs)
		}
		if !strings.Contains(logs.String(), "assignment to entry in nil map") {
			t.Errorf("slow=%v: log lacks the panic value", slow)
		}
	}
}

func TestLimiter(t *testing.T) {
	now := time.Date(2025, 11, 26, 12, 0, 0, 0, time.UTC)
	l := NewLimiter(6, func() time.Time { return now })
	for n := range 6 {
		if ok, _ := l.Allow("u"); !ok {
			t.Fatalf("request %d refused, want the first 6 allowed", n+1)
		}
	}
	ok, wait := l.Allow("u")
	if ok || wait != 10*time.Second {
		t.Fatalf("7th request: ok=%v wait=%v, want refused for 10s", ok, wait)
	}
	if ok, _ := l.Allow("other"); !ok {
		t.Error("another user refused, want buckets per user")
	}
	now = now.Add(4 * time.Second)
	if _, wait := l.Allow("u"); wait != 6*time.Second {
		t.Errorf("after 4s: wait = %v, want 6s", wait)
	}
	now = now.Add(6 * time.Second)
	if ok, _ := l.Allow("u"); !ok {
		t.Error("after 10s: refused, want one token back")
	}
	now = now.Add(time.Hour)
	for n := range 6 {
		if ok, _ := l.Allow("u"); !ok {
			t.Fatalf("after an hour, request %d refused; the bucket should be full (and no fuller)", n+1)
		}
	}
	if ok, _ := l.Allow("u"); ok {
		t.Error("bucket held more than its capacity")
	}
}

func TestLimiterForgetsIdleUsers(t *testing.T) {
	now := time.Unix(0, 0)
	l := NewLimiter(6, func() time.Time { return now })
	for i := range pruneAt {
		l.Allow(strconv.Itoa(i))
	}
	now = now.Add(time.Minute)
	l.Allow("newcomer")
	if n := len(l.buckets); n != 1 {
		t.Errorf("buckets after pruning = %d, want 1 (only the newcomer)", n)
	}
}

// TestDefinitionsMatchTheBot: what `bot register` sends is what the
// running bot answers.
func TestDefinitionsMatchTheBot(t *testing.T) {
	for _, mods := range []Moderators{{}, {RoleIDs: []string{"42"}}} {
		checkDefinitionsMatch(t, mods)
	}
}

func checkDefinitionsMatch(t *testing.T, mods Moderators) {
	t.Helper()
	reg, err := New(Services{}, Options{Moderators: mods})
	if err != nil {
		t.Fatal(err)
	}
	got, want := Definitions(mods), reg.Definitions()
	if len(got) != len(want) {
		t.Fatalf("Definitions has %d commands, the bot %d", len(got), len(want))
	}
	for i := range got {
		g, _ := json.Marshal(got[i])
		w, _ := json.Marshal(want[i])
		if string(g) != string(w) {
			t.Errorf("command %d: Definitions %s, bot %s", i, g, w)
		}
	}
}
