package console

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"dossier/internal/answer"
	"dossier/internal/commands"
	goldenfile "dossier/internal/golden"
	"dossier/internal/library"
	"dossier/internal/quotes"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var (
	_ commands.Answerer   = fakeAnswerer{}
	_ commands.QuoteIndex = fakeQuotes{}
	_ commands.Catalog    = fakeCatalog{}
	_ commands.Reloader   = (*fakeReloader)(nil)
)

type fakeAnswerer struct{}

func (fakeAnswerer) Answer(ctx context.Context, q string) (answer.Answer, error) {
	if strings.Contains(q, "weather") {
		return answer.Answer{Question: q, Abstained: true, Text: "The articles don't say.",
			Citations: []answer.Citation{{N: 1, Title: "Nearest article", Text: "Nothing about the weather."}}}, nil
	}
	return answer.Answer{Question: q, Mode: answer.Extractive, Text: "It is not known [1].",
		Citations: []answer.Citation{{N: 1, Title: "An [odd] *title*", Date: "2025-11-26", URL: "https://news.example/a",
			Text: "The source remains unknown, the paper said."}}}, nil
}

type fakeQuotes struct{}

func (fakeQuotes) Speakers() []quotes.Speaker {
	return []quotes.Speaker{{Name: "Anna Petrova", Quotes: 7}}
}

func (fakeQuotes) Lookup(speaker, topic string) quotes.Result {
	if !strings.Contains(strings.ToLower("Anna Petrova"), strings.ToLower(speaker)) {
		return quotes.Result{Query: speaker, Suggestions: []string{"Anna Petrova"}}
	}
	res := quotes.Result{Query: speaker, Speaker: "Anna Petrova"}
	for k := range 7 {
		text := fmt.Sprintf("Point %d about the pipeline", k+1)
		if topic != "" && !strings.Contains(strings.ToLower(text), strings.ToLower(topic)) {
			continue
		}
		res.Quotes = append(res.Quotes, quotes.Quote{Text: text, Speaker: "Anna Petrova", Kind: quotes.Full,
			Sources: []quotes.Source{{Title: "An article", Date: "2025-11-25", URL: "https://news.example/b"}}})
	}
	return res
}

type fakeCatalog struct{}

func (fakeCatalog) Contents() (commands.Contents, error) {
	return commands.Contents{Quotes: 7, Articles: []commands.Article{
		{ID: "a", Title: "An article", Date: "2025-11-25", Outlet: "Example News", Chunks: 4, Quotes: 7}}}, nil
}

type fakeReloader struct{ n int }

func (f *fakeReloader) Reload(ctx context.Context) (library.Report, error) {
	f.n++
	return library.Report{Articles: 1, Chunks: 4, Quotes: 7, Added: []string{}, Saved: true}, nil
}

func newConsole(t *testing.T, out *strings.Builder) (*Console, *fakeReloader) {
	t.Helper()
	rel := &fakeReloader{}
	cmds := []*commands.Command{
		commands.Ask(fakeAnswerer{}, commands.AskOptions{}),
		commands.Quote(func() commands.QuoteIndex { return fakeQuotes{} }, commands.QuoteOptions{}),
		commands.Sources(fakeCatalog{}),
		commands.Reload(rel, commands.ReloadOptions{}),
	}
	reg, err := commands.NewRegistry(nil, append(cmds, commands.Help(cmds))...)
	if err != nil {
		t.Fatal(err)
	}
	return &Console{Dispatcher: reg, Definitions: reg.Definitions(), Out: out, Echo: true}, rel
}

func TestTranscript(t *testing.T) {
	in := strings.Join([]string{
		"# comments and blank lines are skipped", "",
		"/ask who recorded it?",
		"/ask question:what was the weather? private:yes",
		"/ask",
		"/quote anna",
		"/next", "/next", "/prev",
		"/quote Anna about:point 3",
		"/quote Bob",
		"/sources",
		"/reload",
		"/help",
		"/unknown thing",
		"hello",
		"/sources extra words",
		"/ask private:maybe question:x",
	}, "\n")
	var out strings.Builder
	c, rel := newConsole(t, &out)
	if err := c.Run(t.Context(), strings.NewReader(in)); err != nil {
		t.Fatal(err)
	}
	if rel.n != 1 {
		t.Errorf("reloads = %d, want 1: the operator is a moderator", rel.n)
	}
	golden(t, "transcript.golden", out.String())
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got, *update)
}

func TestParseOptions(t *testing.T) {
	def := &discordgo.ApplicationCommand{Name: "quote", Options: []*discordgo.ApplicationCommandOption{
		{Name: "speaker", Type: discordgo.ApplicationCommandOptionString, Required: true},
		{Name: "about", Type: discordgo.ApplicationCommandOptionString},
		{Name: "private", Type: discordgo.ApplicationCommandOptionBoolean},
	}}
	tests := []struct {
		text    string
		want    map[string]any
		wantErr string
	}{
		{"", map[string]any{}, ""},
		{"Anna Petrova", map[string]any{"speaker": "Anna Petrova"}, ""},
		{"Anna about:the pipe line", map[string]any{"speaker": "Anna", "about": "the pipe line"}, ""},
		{"speaker:Anna about:x private:true", map[string]any{"speaker": "Anna", "about": "x", "private": true}, ""},
		{"about:x speaker:Юрий", map[string]any{"speaker": "Юрий", "about": "x"}, ""},
		{"Юрийabout:x", map[string]any{"speaker": "Юрийabout:x"}, ""},
		{"time: 10:30 about:ok", map[string]any{"speaker": "time: 10:30", "about": "ok"}, ""},
		{"Anna speaker:Bob", nil, "speaker is given twice"},
		{"Anna private:perhaps", nil, `"perhaps": want true or false`},
	}
	for _, tt := range tests {
		opts, err := parseOptions(def, tt.text)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("parseOptions(%q) error %v, want %q", tt.text, err, tt.wantErr)
			}
			continue
		}
		got := map[string]any{}
		for _, o := range opts {
			got[o.Name] = o.Value
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseOptions(%q) = %v, %v; want %v", tt.text, got, err, tt.want)
		}
	}
	if _, err := parseOptions(&discordgo.ApplicationCommand{Name: "sources"}, "words"); err == nil || !strings.Contains(err.Error(), "takes no text") {
		t.Errorf("text for a command without options: %v, want an error", err)
	}
}

func TestPlain(t *testing.T) {
	tests := []struct{ in, want string }{
		{`\[1\] \*not bold\*`, "[1] *not bold*"},
		{"**[1]** [A \\[b\\] title](<https://x.example/a>) · 2025", "[1] A [b] title <https://x.example/a> · 2025"},
		{"`/ask question:…`", "/ask question:…"},
		{"```\nerror\n```", "```\nerror\n```"},
		{"[not a link] (x)", "[not a link] (x)"},
		{`a \\ b`, `a \ b`},
	}
	for _, tt := range tests {
		if got := Plain(tt.in); got != tt.want {
			t.Errorf("Plain(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLineTooLong(t *testing.T) {
	var out strings.Builder
	c, _ := newConsole(t, &out)
	err := c.Run(t.Context(), strings.NewReader("/ask "+strings.Repeat("x", maxLine)))
	if err == nil || !strings.Contains(err.Error(), "longer than") {
		t.Errorf("Run = %v, want a line-too-long error", err)
	}
}

func TestParseSubcommand(t *testing.T) {
	def := &discordgo.ApplicationCommand{Name: "article", Options: []*discordgo.ApplicationCommandOption{
		{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "add", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "url"},
		}},
		{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "list"},
	}}
	opts, err := parseOptions(def, "add url:https://news.example/a b")
	if err != nil || len(opts) != 1 || opts[0].Name != "add" || opts[0].Type != discordgo.ApplicationCommandOptionSubCommand ||
		len(opts[0].Options) != 1 || opts[0].Options[0].Value != "https://news.example/a b" {
		t.Fatalf("parseOptions(add url:…) = %+v, %v", opts, err)
	}
	if opts, err := parseOptions(def, "list"); err != nil || len(opts) != 1 || opts[0].Name != "list" {
		t.Errorf("parseOptions(list) = %+v, %v", opts, err)
	}
	if _, err := parseOptions(def, "list extra"); err == nil {
		t.Error("list takes no text, want an error")
	}
	if opts, err := parseOptions(def, "frob"); err != nil || len(opts) != 0 {
		t.Errorf("unknown subcommand: %+v, %v; want no options, for the command to explain", opts, err)
	}
}
