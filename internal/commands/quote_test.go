package commands

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"dossier/internal/quotes"
)

func TestQuote(t *testing.T) {
	tests := []struct {
		name        string
		quotes      *fakeQuotes
		opts        []*discordgo.ApplicationCommandInteractionDataOption
		wantPrivate bool
		want        []string
		wantNot     []string
		wantButtons bool
	}{
		{
			name: "first of three pages", quotes: sampleQuotes(), opts: []*discordgo.ApplicationCommandInteractionDataOption{opt("speaker", "anna")},
			want:        []string{"Quotes of Anna Petrova", "**1.** “We spoke about the pipeline, point 1”", "**5.**", "— [Article 0 about the story](<https://news.example/a/0>) · <t:1764158400:D>", "Page 1 of 3 · 12 quotes"},
			wantNot:     []string{"**6.**"},
			wantButtons: true,
		},
		{
			name: "about a topic", quotes: sampleQuotes(), opts: []*discordgo.ApplicationCommandInteractionDataOption{opt("speaker", "Anna Petrova"), opt("about", "point 1")},
			want:    []string{"Quotes of Anna Petrova, those about “point 1” first", "point 1”", "point 10”", "point 12”", "4 quotes"},
			wantNot: []string{"point 2”", "Page "},
		},
		{
			name: "partial quote is shown in its sentence", quotes: sampleQuotes(), opts: []*discordgo.ApplicationCommandInteractionDataOption{opt("speaker", "ortiz")},
			want: []string{"“quite often”\n> The official said the talks were “quite often” on Tuesday."},
		},
		{
			name: "hostile quote cannot ping or link", quotes: sampleQuotes(), opts: []*discordgo.ApplicationCommandInteractionDataOption{opt("speaker", "ortiz")},
			want:    []string{"@\u200deveryone look at \\[this\\](https://evil.example) \\<@&123>"},
			wantNot: []string{"[this]("},
		},
		{
			name: "unknown speaker gets suggestions", quotes: sampleQuotes(), opts: []*discordgo.ApplicationCommandInteractionDataOption{opt("speaker", "Alan")},
			wantPrivate: true, want: []string{"I found no one called “Alan”", "Did you mean **Anna Petrova**?", "Start typing"},
		},
		{
			name: "unknown speaker without suggestions", quotes: sampleQuotes(), opts: []*discordgo.ApplicationCommandInteractionDataOption{opt("speaker", "Zed")},
			wantPrivate: true, want: []string{"I found no one called “Zed”"}, wantNot: []string{"Did you mean"},
		},
		{
			name: "nothing about the topic", quotes: sampleQuotes(), opts: []*discordgo.ApplicationCommandInteractionDataOption{opt("speaker", "Carla"), opt("about", "weather")},
			wantPrivate: true, want: []string{"no quotes by Carla Nunes about “weather”"},
		},
		{
			name: "empty speaker", quotes: sampleQuotes(), opts: []*discordgo.ApplicationCommandInteractionDataOption{opt("speaker", " ")},
			wantPrivate: true, want: []string{"Please name a speaker"},
		},
		{
			name: "6000-character speaker", quotes: sampleQuotes(), opts: []*discordgo.ApplicationCommandInteractionDataOption{opt("speaker", strings.Repeat("x", 6000))},
			wantPrivate: true, want: []string{"too long (6000 characters)"},
		},
		{
			name: "6000-character topic", quotes: sampleQuotes(), opts: []*discordgo.ApplicationCommandInteractionDataOption{opt("speaker", "Anna"), opt("about", strings.Repeat("x", 6000))},
			wantPrivate: true, want: []string{"topic is too long"},
		},
		{
			name: "nothing loaded", opts: []*discordgo.ApplicationCommandInteractionDataOption{opt("speaker", "Anna")},
			wantPrivate: true, want: []string{"still loading"},
		},
		{
			name: "hostile name is echoed harmlessly", quotes: sampleQuotes(), opts: []*discordgo.ApplicationCommandInteractionDataOption{opt("speaker", "@here **x**")},
			wantPrivate: true, want: []string{"“@\u200dhere \\*\\*x\\*\\*”"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg, _ := newTestRegistry(t, deps{quotes: tt.quotes})
			o := run(t, reg, slash(member, "quote", tt.opts...))
			if o.call.Deferred() || o.final.Type != discordgo.InteractionResponseChannelMessageWithSource {
				t.Fatalf("type %d deferred %v, want an inline message (type 4)", o.final.Type, o.call.Deferred())
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
			if got := len(buttons(o.final)) > 0; got != tt.wantButtons {
				t.Errorf("buttons = %v, want %v", got, tt.wantButtons)
			}
		})
	}
}

func buttons(resp *discordgo.InteractionResponse) []discordgo.Button {
	var out []discordgo.Button
	for _, c := range resp.Data.Components {
		if row, ok := c.(discordgo.ActionsRow); ok {
			for _, b := range row.Components {
				out = append(out, b.(discordgo.Button))
			}
		}
	}
	return out
}

func TestQuotePagesTurnWithoutServerState(t *testing.T) {
	reg, _ := newTestRegistry(t, deps{quotes: sampleQuotes()})
	o := run(t, reg, slash(member, "quote", opt("speaker", "anna")))
	wantPages := []struct {
		footer         string
		first          string
		prevOn, nextOn bool
	}{
		{"Page 1 of 3", "**1.**", false, true},
		{"Page 2 of 3", "**6.**", true, true},
		{"Page 3 of 3", "**11.**", true, false},
	}
	resp := o.final
	for p, want := range wantPages {
		e := resp.Data.Embeds[0]
		if !strings.HasPrefix(e.Footer.Text, want.footer) || !strings.HasPrefix(e.Description, want.first) {
			t.Fatalf("page %d: footer %q, starts %q; want %q, %q", p+1, e.Footer.Text, e.Description[:8], want.footer, want.first)
		}
		bs := buttons(resp)
		if len(bs) != 2 || bs[0].Disabled == want.prevOn || bs[1].Disabled == want.nextOn {
			t.Fatalf("page %d: buttons %+v, want Previous on=%v, Next on=%v", p+1, bs, want.prevOn, want.nextOn)
		}
		if p == len(wantPages)-1 {
			break
		}
		// A different registry, as after a restart: the id alone suffices.
		reg2, _ := newTestRegistry(t, deps{quotes: sampleQuotes()})
		next := run(t, reg2, press(bs[1].CustomID))
		if next.final.Type != discordgo.InteractionResponseUpdateMessage {
			t.Fatalf("page turn: type %d, want 7 (update the message)", next.final.Type)
		}
		resp = next.final
	}
	// Previous from the last page goes back to page 2.
	back := run(t, reg, press(buttons(resp)[0].CustomID))
	if f := back.final.Data.Embeds[0].Footer.Text; !strings.HasPrefix(f, "Page 2 of 3") {
		t.Errorf("previous from page 3: footer %q, want page 2", f)
	}
}

func TestQuotePageTurnRefusals(t *testing.T) {
	good, _ := quotePage{Speaker: "Anna Petrova", Page: 1}.encode()
	tests := []struct {
		name   string
		quotes *fakeQuotes
		id     string
		want   string
	}{
		{"tampered page", sampleQuotes(), "quote:1|x|Anna Petrova|", "no longer valid"},
		{"unknown version", sampleQuotes(), "quote:9|0|Anna Petrova|", "no longer valid"},
		{"too few fields", sampleQuotes(), "quote:1|0", "no longer valid"},
		{"bad escape", sampleQuotes(), `quote:1|0|Anna\Petrova|`, "no longer valid"},
		{"empty", sampleQuotes(), "", "no longer valid"},
		{"speaker gone after a reload", &fakeQuotes{quotes: []quotes.Quote{quoteOf("Someone Else", "hi", quotes.Full, 1)}}, good, "out of date"},
		{"nothing loaded", nil, good, "still loading"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg, _ := newTestRegistry(t, deps{quotes: tt.quotes})
			o := run(t, reg, press(tt.id))
			if o.final.Type != discordgo.InteractionResponseChannelMessageWithSource || !IsPrivate(o.final) {
				t.Errorf("type %d private %v, want a new private message", o.final.Type, IsPrivate(o.final))
			}
			if !strings.Contains(o.final.Data.Content, tt.want) {
				t.Errorf("content %q, want it to contain %q", o.final.Data.Content, tt.want)
			}
		})
	}
}

func TestQuotePageBeyondTheEndShowsTheLast(t *testing.T) {
	reg, _ := newTestRegistry(t, deps{quotes: sampleQuotes()})
	id, _ := quotePage{Speaker: "Anna Petrova", Page: 40}.encode()
	o := run(t, reg, press(id))
	if f := o.final.Data.Embeds[0].Footer.Text; !strings.HasPrefix(f, "Page 3 of 3") {
		t.Errorf("footer %q, want the last page", f)
	}
}

func TestQuoteAutocomplete(t *testing.T) {
	many := sampleQuotes()
	for i := range 40 {
		many.quotes = append(many.quotes, quoteOf(fmt.Sprintf("Zed Person %02d", i), "hello", quotes.Full, 100+i))
	}
	tests := []struct {
		name   string
		quotes *fakeQuotes
		typed  string
		want   []string // choice values, in order (a prefix of the list)
		count  int
	}{
		{"nothing typed: most quoted first", sampleQuotes(), "", []string{"Anna Petrova", "Ben Ortiz", "Carla Nunes"}, 3},
		{"start of a later word", sampleQuotes(), "ort", []string{"Ben Ortiz"}, 1},
		{"accents and case folded", sampleQuotes(), "PÉTR", []string{"Anna Petrova"}, 1},
		{"word starts before mere containment", sampleQuotes(), "n", []string{"Carla Nunes", "Anna Petrova", "Ben Ortiz"}, 3},
		{"no match", sampleQuotes(), "qqq", nil, 0},
		{"at most 25", many, "", []string{"Anna Petrova"}, 25},
		{"nothing loaded", nil, "a", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg, _ := newTestRegistry(t, deps{quotes: tt.quotes})
			o := run(t, reg, typing("quote", "speaker", tt.typed))
			if o.first.Type != discordgo.InteractionApplicationCommandAutocompleteResult {
				t.Fatalf("type %d, want 8", o.first.Type)
			}
			choices := o.first.Data.Choices
			if choices == nil || len(choices) != tt.count {
				t.Fatalf("%d choices (nil: %v), want %d (never nil)", len(choices), choices == nil, tt.count)
			}
			for i, w := range tt.want {
				if choices[i].Value != w {
					t.Errorf("choice %d = %v, want %q", i, choices[i].Value, w)
				}
			}
			if err := CheckMessage(o.first.Data); err != nil {
				t.Error(err)
			}
			if tt.count > 0 && choices[0].Name != label(tt.quotes, choices[0].Value.(string)) {
				t.Errorf("choice label %q, want the name and its count", choices[0].Name)
			}
		})
	}
}

func label(f *fakeQuotes, name string) string {
	for _, s := range f.Speakers() {
		if s.Name == name {
			return fmt.Sprintf("%s (%d quote%s)", name, s.Quotes, plural(s.Quotes))
		}
	}
	return ""
}

// TestPageButtonPressedBySomeoneElse: a second user pressing a button on a
// /quote list leaves the list unchanged for everyone and gets the page
// they asked for as a private message; presses share the rate limit.
func TestPageButtonPressedBySomeoneElse(t *testing.T) {
	now := time.Now()
	lim := NewLimiter(2, func() time.Time { return now })
	reg, _ := newTestRegistry(t, deps{quotes: sampleQuotes(), limiter: lim})
	o := run(t, reg, slash(member, "quote", opt("speaker", "anna")))
	next := buttons(o.final)[1].CustomID
	pressAs := func(user string) *discordgo.Interaction {
		i := press(next)
		i.Member.User.ID = user
		i.Message = &discordgo.Message{ID: "800", InteractionMetadata: &discordgo.MessageInteractionMetadata{
			User: &discordgo.User{ID: userID}}}
		return i
	}
	other := run(t, reg, pressAs("someone-else"))
	if other.final.Type != discordgo.InteractionResponseChannelMessageWithSource || !IsPrivate(other.final) {
		t.Fatalf("press by another user: type %d private %v, want a new private message (type 4)", other.final.Type, IsPrivate(other.final))
	}
	if f := other.final.Data.Embeds[0].Footer.Text; !strings.HasPrefix(f, "Page 2 of 3") {
		t.Errorf("their private copy shows %q, want page 2", f)
	}
	own := run(t, reg, pressAs(userID))
	if own.final.Type != discordgo.InteractionResponseUpdateMessage {
		t.Errorf("press by the owner: type %d, want 7 (update their list)", own.final.Type)
	}
	run(t, reg, pressAs("someone-else")) // their second press: within the limit
	if third := run(t, reg, pressAs("someone-else")); !strings.Contains(visibleText(third.final.Data), "going a little fast") {
		t.Errorf("a press over the rate limit: %s, want the rate limit message", visibleText(third.final.Data))
	}
}
