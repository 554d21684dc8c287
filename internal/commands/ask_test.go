package commands

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"dossier/internal/answer"
	"dossier/internal/library"
)

func TestAsk(t *testing.T) {
	abstain := answer.Answer{
		Text: "The articles don't say what the envoy had for breakfast.", Abstained: true, Mode: answer.Extractive,
		Citations: []answer.Citation{{N: 1, Title: "Closest article", Date: "2025-11-26", URL: "https://news.example/c", Text: "The envoy met the aide."}},
	}
	hostile := answer.Answer{
		Text: "@everyone read [this](https://evil.example) now <@&123> **bold** [1]", Mode: answer.LLM,
		Citations: []answer.Citation{{N: 1, Title: "A [tricky](https://evil.example) title @here", URL: "javascript:alert(1)", Text: "@everyone <@123>"}},
	}
	tests := []struct {
		name        string
		ans         answer.Answer
		err         error
		slow        bool
		opts        []*discordgo.ApplicationCommandInteractionDataOption
		wantAsked   int
		wantPrivate bool
		wantDefer   bool
		want        []string // in the visible text
		wantNot     []string
	}{
		{
			name: "normal", ans: sampleAnswer(), opts: []*discordgo.ApplicationCommandInteractionDataOption{opt("question", "  who leaked it?  ")},
			wantAsked: 1,
			want: []string{"who leaked it?", "is unknown \\[1\\]", "**Sources**",
				"**[1]** [First article](<https://news.example/a>) · <t:1764072000:D>\n> The source of the recording remains unknown.",
				"**[2]** Second article\n> The official said", "Quoted from the articles."},
		},
		{
			name: "empty question", opts: []*discordgo.ApplicationCommandInteractionDataOption{opt("question", "   ")},
			wantPrivate: true, want: []string{"Please ask a question"},
		},
		{
			name: "no question option at all", wantPrivate: true, want: []string{"Please ask a question"},
		},
		{
			name: "6000-character question", opts: []*discordgo.ApplicationCommandInteractionDataOption{opt("question", strings.Repeat("why ", 1500))},
			wantPrivate: true, want: []string{"5999 characters long", "under 500"},
		},
		{
			name: "abstains", ans: abstain, opts: []*discordgo.ApplicationCommandInteractionDataOption{opt("question", "what did he eat?")},
			wantAsked: 1,
			want:      []string{"don't say what the envoy had", "**Closest sources (they do not answer it)**", "[Closest article](<https://news.example/c>)"},
			wantNot:   []string{"**Sources**"},
		},
		{
			name: "private", ans: sampleAnswer(), opts: []*discordgo.ApplicationCommandInteractionDataOption{opt("question", "who?"), opt("private", true)},
			wantAsked: 1, wantPrivate: true, want: []string{"**Sources**"},
		},
		{
			name: "slow and private defers privately", ans: sampleAnswer(), slow: true,
			opts:      []*discordgo.ApplicationCommandInteractionDataOption{opt("question", "who?"), opt("private", true)},
			wantAsked: 1, wantPrivate: true, wantDefer: true, want: []string{"**Sources**"},
		},
		{
			name: "slow and public defers publicly", ans: sampleAnswer(), slow: true,
			opts:      []*discordgo.ApplicationCommandInteractionDataOption{opt("question", "who?")},
			wantAsked: 1, wantDefer: true, want: []string{"**Sources**"},
		},
		{
			name: "slow but empty is refused at once", slow: true, opts: []*discordgo.ApplicationCommandInteractionDataOption{opt("question", "")},
			wantPrivate: true, want: []string{"Please ask a question"},
		},
		{
			name: "hostile text cannot link, ping or format", ans: hostile,
			opts:      []*discordgo.ApplicationCommandInteractionDataOption{opt("question", "@everyone [x](https://evil.example)")},
			wantAsked: 1,
			want:      []string{"\\[this\\](https://evil.example)", "\\<@&123>", "\\*\\*bold\\*\\*", "\\<@123>", "A \\[tricky\\](https://evil.example) title", "Written by a language model"},
			wantNot:   []string{"[this](", "(<javascript", "](<https://evil"},
		},
		{
			name: "library not loaded", err: library.ErrNotLoaded, opts: []*discordgo.ApplicationCommandInteractionDataOption{opt("question", "who?")},
			wantAsked: 1, wantPrivate: true, want: []string{"still loading"},
		},
		{
			name: "too slow", err: context.DeadlineExceeded, opts: []*discordgo.ApplicationCommandInteractionDataOption{opt("question", "who?")},
			wantAsked: 1, wantPrivate: true, want: []string{"took too long", "(ref "},
		},
		{
			name: "model fails", err: errBoom, opts: []*discordgo.ApplicationCommandInteractionDataOption{opt("question", "who?")},
			wantAsked: 1, wantPrivate: true, want: []string{"something went wrong on my side", "reference: "},
			wantNot: []string{"500"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fa := &fakeAnswerer{ans: tt.ans, err: tt.err}
			reg, logs := newTestRegistry(t, deps{ans: fa, slow: tt.slow})
			o := run(t, reg, slash(member, "ask", tt.opts...))
			if got := fa.calls(); got != tt.wantAsked {
				t.Errorf("answerer called %d times, want %d", got, tt.wantAsked)
			}
			if o.call.Deferred() != tt.wantDefer {
				t.Fatalf("deferred = %v, want %v", o.call.Deferred(), tt.wantDefer)
			}
			if tt.wantDefer {
				if o.first.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource || IsPrivate(o.first) != tt.wantPrivate {
					t.Errorf("deferral: type %d private %v, want type 5 private %v", o.first.Type, IsPrivate(o.first), tt.wantPrivate)
				}
			}
			if o.final.Type != discordgo.InteractionResponseChannelMessageWithSource {
				t.Errorf("type = %d, want 4", o.final.Type)
			}
			if got := IsPrivate(o.final); got != tt.wantPrivate {
				t.Errorf("private = %v, want %v", got, tt.wantPrivate)
			}
			text := visibleText(o.final.Data)
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("reply lacks %q:\n%s", w, text)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(text, w) {
					t.Errorf("reply has %q, want not:\n%s", w, text)
				}
			}
			if tt.err != nil && tt.err != library.ErrNotLoaded && !strings.Contains(logs.String(), tt.err.Error()) {
				t.Errorf("internal error not logged:\n%s", logs)
			}
		})
	}
}

func TestAskPassesTheTrimmedQuestion(t *testing.T) {
	fa := &fakeAnswerer{ans: sampleAnswer()}
	reg, _ := newTestRegistry(t, deps{ans: fa})
	run(t, reg, slash(member, "ask", opt("question", "\t who leaked it? \n")))
	if len(fa.asked) != 1 || fa.asked[0] != "who leaked it?" {
		t.Errorf("asked %q, want [\"who leaked it?\"]", fa.asked)
	}
}

func TestAskAndQuoteAreRateLimitedPerUser(t *testing.T) {
	now := time.Date(2025, 11, 26, 12, 0, 0, 0, time.UTC)
	fa := &fakeAnswerer{ans: sampleAnswer()}
	reg, _ := newTestRegistry(t, deps{ans: fa, quotes: sampleQuotes(), limiter: NewLimiter(2, func() time.Time { return now })})
	ask := slash(member, "ask", opt("question", "who?"))
	for range 2 {
		if o := run(t, reg, ask); IsPrivate(o.final) {
			t.Fatalf("within the limit: got %q", o.final.Data.Content)
		}
	}
	// /quote shares the bucket: the third request of either is refused.
	o := run(t, reg, slash(member, "quote", opt("speaker", "Anna")))
	if !IsPrivate(o.final) || !strings.Contains(o.final.Data.Content, "try again in 30 seconds") {
		t.Errorf("over the limit: got %q (private %v), want a private note to wait 30 seconds", o.final.Data.Content, IsPrivate(o.final))
	}
	if fa.calls() != 2 {
		t.Errorf("answerer called %d times, want 2", fa.calls())
	}
	if o := run(t, reg, slash(who{user: "999"}, "ask", opt("question", "who?"))); IsPrivate(o.final) {
		t.Errorf("another user was limited: %q", o.final.Data.Content)
	}
	// Help, sources and invalid input cost nothing.
	for _, i := range []*discordgo.Interaction{slash(member, "help"), slash(member, "sources"), slash(member, "ask", opt("question", ""))} {
		if o := run(t, reg, i); strings.Contains(o.final.Data.Content, "going a little fast") {
			t.Errorf("/%s was rate limited", i.ApplicationCommandData().Name)
		}
	}
	now = now.Add(30 * time.Second)
	if o := run(t, reg, ask); IsPrivate(o.final) {
		t.Errorf("after waiting: got %q", o.final.Data.Content)
	}
}

// TestAskOddInput: options of the wrong type read as missing, and invisible
// characters can neither hide a mention nor reorder what the user sees.
func TestAskOddInput(t *testing.T) {
	tests := []struct {
		name      string
		opts      []*discordgo.ApplicationCommandInteractionDataOption
		wantAsked int
		want      []string
		wantNot   []string
	}{
		{"question of the wrong type", []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: "question", Type: discordgo.ApplicationCommandOptionInteger, Value: 42.0}}, 0,
			[]string{"Please ask a question"}, nil},
		{"private of the wrong type", []*discordgo.ApplicationCommandInteractionDataOption{
			opt("question", "who?"), {Name: "private", Type: discordgo.ApplicationCommandOptionString, Value: "yes"}}, 1,
			[]string{"**Sources**"}, nil},
		{"zero-width characters hiding a mention", []*discordgo.ApplicationCommandInteractionDataOption{
			opt("question", "@\u200beveryone who leaked it?")}, 1,
			[]string{"@\u200deveryone who leaked it?"}, []string{"\u200b"}},
		{"right-to-left override", []*discordgo.ApplicationCommandInteractionDataOption{
			opt("question", "who \u202eti dekael\u202c?")}, 1,
			[]string{"who ti dekael?"}, []string{"\u202e", "\u202c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fa := &fakeAnswerer{ans: sampleAnswer()}
			reg, _ := newTestRegistry(t, deps{ans: fa})
			o := run(t, reg, slash(member, "ask", tt.opts...))
			if fa.calls() != tt.wantAsked {
				t.Errorf("answerer called %d times, want %d", fa.calls(), tt.wantAsked)
			}
			text := visibleText(o.final.Data)
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("reply lacks %q:\n%s", w, text)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(text, w) {
					t.Errorf("reply has %q:\n%s", w, text)
				}
			}
		})
	}
}
