package commands

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"dossier/internal/analysis"
	"dossier/internal/answer"
	"dossier/internal/library"
	"dossier/internal/quotes"
)

var (
	_ Answerer   = (*fakeAnswerer)(nil)
	_ QuoteIndex = (*fakeQuotes)(nil)
	_ Catalog    = (*fakeCatalog)(nil)
	_ Reloader   = (*fakeReloader)(nil)
)

// fakeAnswerer returns a fixed answer, or fails, and remembers what it was
// asked.
type fakeAnswerer struct {
	ans   answer.Answer
	err   error
	panic bool

	mu    sync.Mutex
	asked []string
}

func (f *fakeAnswerer) Answer(ctx context.Context, q string) (answer.Answer, error) {
	f.mu.Lock()
	f.asked = append(f.asked, q)
	f.mu.Unlock()
	if f.panic {
		var m map[string]int
		//lint:ignore SA5000 a real nil-map bug, not a panic("...") stand-in, is the point
		m["boom"]++
	}
	if f.err != nil {
		return answer.Answer{}, f.err
	}
	a := f.ans
	a.Question = q
	return a, nil
}

func (f *fakeAnswerer) calls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.asked)
}

// fakeQuotes is a quote index over a fixed list: a speaker matches when
// the folded name contains the folded query; a topic when the quote or its
// context contains it.
type fakeQuotes struct {
	quotes       []quotes.Quote
	institutions map[string]bool // speakers that are institutions
}

func (f *fakeQuotes) Speakers() []quotes.Speaker {
	count := map[string]int{}
	var order []string
	for _, q := range f.quotes {
		if count[q.Speaker] == 0 {
			order = append(order, q.Speaker)
		}
		count[q.Speaker]++
	}
	out := make([]quotes.Speaker, 0, len(order))
	for _, n := range order {
		out = append(out, quotes.Speaker{Name: n, Quotes: count[n], Institution: f.institutions[n]})
	}
	return out // in first-seen order: the command must sort
}

func (f *fakeQuotes) Lookup(speaker, topic string) quotes.Result {
	res := quotes.Result{Query: speaker}
	for _, s := range f.Speakers() {
		if strings.Contains(analysis.Fold(s.Name), analysis.Fold(speaker)) {
			res.Speaker = s.Name
			break
		}
	}
	if res.Speaker == "" {
		for _, s := range f.Speakers() {
			if analysis.Fold(s.Name)[0] == analysis.Fold(speaker)[0] {
				res.Suggestions = append(res.Suggestions, s.Name)
			}
		}
		return res
	}
	for _, q := range f.quotes {
		if q.Speaker != res.Speaker {
			continue
		}
		text := q.Text
		if len(q.Sources) > 0 {
			text += " " + q.Sources[0].Context
		}
		if topic == "" || strings.Contains(analysis.Fold(text), analysis.Fold(topic)) {
			res.Quotes = append(res.Quotes, q)
		}
	}
	return res
}

func quoteOf(speaker, text string, kind quotes.Kind, n int) quotes.Quote {
	return quotes.Quote{Text: text, Speaker: speaker, Kind: kind, Sources: []quotes.Source{{
		Doc: fmt.Sprintf("doc-%d", n), Title: fmt.Sprintf("Article %d about the story", n), Date: "2025-11-26",
		URL: fmt.Sprintf("https://news.example/a/%d", n), Chunk: fmt.Sprintf("doc-%d#1", n),
		Context: "The official said the talks were “" + text + "” on Tuesday.",
	}}}
}

// sampleQuotes has one much-quoted speaker (12 quotes: three pages), two
// others, and text that tries to ping and to smuggle a masked link.
func sampleQuotes() *fakeQuotes {
	f := &fakeQuotes{}
	for i := range 12 {
		f.quotes = append(f.quotes, quoteOf("Anna Petrova", fmt.Sprintf("We spoke about the pipeline, point %d", i+1), quotes.Full, i))
	}
	f.quotes = append(f.quotes,
		quoteOf("Ben Ortiz", "quite often", quotes.Partial, 20),
		quoteOf("Ben Ortiz", "@everyone look at [this](https://evil.example) <@&123>", quotes.Full, 21),
		quoteOf("Carla Nunes", "No comment", quotes.Full, 22),
	)
	return f
}

type fakeCatalog struct {
	arts     []Article
	quotes   int
	loadedAt time.Time
	err      error
}

func (f *fakeCatalog) Contents() (Contents, error) {
	return Contents{Articles: f.arts, Quotes: f.quotes, LoadedAt: f.loadedAt}, f.err
}

// fakeReloader counts reloads and how many ran at once.
type fakeReloader struct {
	rep   library.Report
	err   error
	delay time.Duration

	calls, running, maxRunning atomic.Int32
}

func (f *fakeReloader) Reload(ctx context.Context) (library.Report, error) {
	f.calls.Add(1)
	n := f.running.Add(1)
	defer f.running.Add(-1)
	for {
		m := f.maxRunning.Load()
		if n <= m || f.maxRunning.CompareAndSwap(m, n) {
			break
		}
	}
	select {
	case <-time.After(f.delay):
	case <-ctx.Done():
		return library.Report{}, ctx.Err()
	}
	return f.rep, f.err
}

// Interactions as Discord sends them.

const (
	guildID   = "100000000000000001"
	userID    = "200000000000000002"
	modRoleID = "300000000000000003"
)

type who struct {
	perms int64
	roles []string
	dm    bool
	user  string
}

var (
	member    = who{}
	moderator = who{perms: discordgo.PermissionManageGuild}
	admin     = who{perms: discordgo.PermissionAdministrator}
	roleMod   = who{roles: []string{modRoleID}}
	inDM      = who{dm: true}
)

func interaction(w who, typ discordgo.InteractionType, data discordgo.InteractionData) *discordgo.Interaction {
	id := w.user
	if id == "" {
		id = userID
	}
	i := &discordgo.Interaction{
		ID: "400000000000000004", AppID: "500000000000000005", Type: typ, Data: data,
		ChannelID: "600000000000000006", Token: "tok-" + id, Version: 1,
	}
	u := &discordgo.User{ID: id, Username: "someone"}
	if w.dm {
		i.User = u
	} else {
		i.GuildID = guildID
		i.Member = &discordgo.Member{User: u, Permissions: w.perms, Roles: w.roles}
	}
	return i
}

func opt(name string, v any) *discordgo.ApplicationCommandInteractionDataOption {
	t := discordgo.ApplicationCommandOptionString
	if _, ok := v.(bool); ok {
		t = discordgo.ApplicationCommandOptionBoolean
	}
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: t, Value: v}
}

func slash(w who, name string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	return interaction(w, discordgo.InteractionApplicationCommand,
		discordgo.ApplicationCommandInteractionData{ID: "700", Name: name, CommandType: discordgo.ChatApplicationCommand, Options: opts})
}

func typing(name, option, typed string) *discordgo.Interaction {
	o := opt(option, typed)
	o.Focused = true
	return interaction(member, discordgo.InteractionApplicationCommandAutocomplete,
		discordgo.ApplicationCommandInteractionData{ID: "700", Name: name, Options: []*discordgo.ApplicationCommandInteractionDataOption{o}})
}

func press(customID string) *discordgo.Interaction {
	return interaction(member, discordgo.InteractionMessageComponent,
		discordgo.MessageComponentInteractionData{CustomID: customID, ComponentType: discordgo.ButtonComponent})
}

// outcome is what a user ends up seeing, and what was sent on the way.
type outcome struct {
	call  Call
	first *discordgo.InteractionResponse // sent at once
	final *discordgo.InteractionResponse // the message (after a deferral: Finish's)
}

// run dispatches an interaction as a transport would and checks every
// payload sent on the way against the safety rules.
func run(t *testing.T, reg *Registry, i *discordgo.Interaction) outcome {
	t.Helper()
	call := reg.Dispatch(context.Background(), i)
	o := outcome{call: call, first: call.Response, final: call.Response}
	checkSafe(t, call.Response)
	if call.Finish != nil {
		o.final = call.Finish(context.Background())
		checkSafe(t, o.final)
	}
	return o
}

// checkSafe holds a response to the rules every payload must follow.
func checkSafe(t *testing.T, resp *discordgo.InteractionResponse) {
	t.Helper()
	if resp == nil {
		t.Fatal("got no response, want one")
	}
	if !IsMessage(resp.Type) {
		return
	}
	if resp.Data == nil || resp.Data.AllowedMentions == nil {
		t.Fatalf("response type %d has no allowed_mentions", resp.Type)
	}
	b, err := json.Marshal(resp)
	if err != nil {
		t.Fatalf("marshal response: %v", err)
	}
	var wire struct {
		Data struct {
			AllowedMentions map[string]json.RawMessage `json:"allowed_mentions"`
		} `json:"data"`
	}
	if err := json.Unmarshal(b, &wire); err != nil {
		t.Fatal(err)
	}
	if got := string(wire.Data.AllowedMentions["parse"]); got != "[]" {
		t.Errorf("allowed_mentions.parse = %s, want []", got)
	}
	for _, k := range []string{"users", "roles"} {
		if _, ok := wire.Data.AllowedMentions[k]; ok {
			t.Errorf("allowed_mentions has %q, want nothing allowed", k)
		}
	}
	if err := CheckMessage(resp.Data); err != nil {
		t.Errorf("message breaks Discord's limits: %v", err)
	}
	if text := visibleText(resp.Data); strings.Contains(text, "@everyone") || strings.Contains(text, "@here") {
		t.Errorf("message shows a live @everyone/@here: %q", text)
	}
}

// visibleText is all the text of a message, for assertions.
func visibleText(d *discordgo.InteractionResponseData) string {
	var b strings.Builder
	b.WriteString(d.Content)
	for _, e := range d.Embeds {
		b.WriteString("\n" + e.Title + "\n" + e.Description)
		for _, f := range e.Fields {
			b.WriteString("\n" + f.Name + "\n" + f.Value)
		}
		if e.Footer != nil {
			b.WriteString("\n" + e.Footer.Text)
		}
	}
	return b.String()
}

func testLogger(t *testing.T) (*slog.Logger, *strings.Builder) {
	t.Helper()
	var buf strings.Builder
	var mu sync.Mutex
	return slog.New(slog.NewTextHandler(lockedWriter{&buf, &mu}, &slog.HandlerOptions{Level: slog.LevelDebug})), &buf
}

type lockedWriter struct {
	b  *strings.Builder
	mu *sync.Mutex
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

var errBoom = errors.New("model server said 500")
