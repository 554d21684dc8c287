package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"dossier/internal/config"
	"dossier/internal/quotes"
)

// quoteJSON is the shape of `quote --json` (and `quote --all --json`);
// other tools read it.
type quoteJSON struct {
	Query       string       `json:"query"`
	Speaker     string       `json:"speaker"`
	Quotes      []quoteEntry `json:"quotes"`
	Suggestions []string     `json:"suggestions"`
}

type quoteEntry struct {
	Text    string `json:"text"`
	Speaker string `json:"speaker"`
	// Rule is the attribution rule that gave Speaker (see internal/quotes).
	Rule    string        `json:"rule,omitempty"`
	Sources []quoteSource `json:"sources"`
}

type quoteSource struct {
	Doc     string `json:"doc"`
	Title   string `json:"title"`
	Date    string `json:"date"`
	URL     string `json:"url"`
	Chunk   string `json:"chunk"`
	Context string `json:"context"`
}

// speakersJSON is the shape of `speakers --json`.
type speakersJSON struct {
	Speakers []speakerEntry `json:"speakers"`
}

type speakerEntry struct {
	Name   string `json:"name"`
	Quotes int    `json:"quotes"`
}

func cmdQuote(ctx context.Context, a *app, args []string) error {
	fs := flag.NewFlagSet("quote", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the quotations as JSON")
	all := fs.Bool("all", false, "print every quotation in the corpus, unattributed ones included")
	explain := fs.Bool("explain", false, "print the rule that attributed each quotation")
	if err := a.parse(fs, args, config.ModeLocal, true); err != nil {
		return err
	}
	rest := fs.Args()
	switch {
	case *all && len(rest) > 0:
		return fmt.Errorf("--all lists every quotation and takes no speaker (got %q)", strings.Join(rest, " "))
	case !*all && strings.TrimSpace(strings.Join(rest, "")) == "":
		return fmt.Errorf("give a speaker, e.g. bot quote Ushakov, optionally followed by a topic, or --all")
	}
	lib, err := a.openLibrary(ctx)
	if err != nil {
		return err
	}
	ix := lib.Snapshot().Quotes
	var res quotes.Result
	if *all {
		res = quotes.Result{Quotes: ix.All()}
	} else {
		speaker, topic := splitSpeaker(ix, rest)
		res = ix.Lookup(speaker, topic)
	}
	out := toQuoteJSON(res)
	if *asJSON {
		return writeJSON(a.io.out, out)
	}
	printQuotes(a.io.out, out, *all, *explain)
	return nil
}

// splitSpeaker reads "Yuri Ushakov leak" as speaker "Yuri Ushakov" and
// topic "leak": the longest leading words that name a speaker exactly;
// failing that, the first word is the speaker (it may be misspelt).
func splitSpeaker(ix *quotes.Index, args []string) (speaker, topic string) {
	for n := len(args); n >= 1; n-- {
		if name, exact := ix.Match(strings.Join(args[:n], " ")); name != "" && exact {
			return strings.Join(args[:n], " "), strings.Join(args[n:], " ")
		}
	}
	return args[0], strings.Join(args[1:], " ")
}

func toQuoteJSON(res quotes.Result) quoteJSON {
	out := quoteJSON{Query: res.Query, Speaker: res.Speaker, Quotes: []quoteEntry{}, Suggestions: []string{}}
	out.Suggestions = append(out.Suggestions, res.Suggestions...)
	for _, q := range res.Quotes {
		e := quoteEntry{Text: q.Text, Speaker: q.Speaker, Rule: string(q.Rule), Sources: []quoteSource{}}
		for _, s := range q.Sources {
			e.Sources = append(e.Sources, quoteSource{Doc: s.Doc, Title: s.Title, Date: s.Date, URL: s.URL, Chunk: s.Chunk, Context: s.Context})
		}
		out.Quotes = append(out.Quotes, e)
	}
	return out
}

func printQuotes(w io.Writer, out quoteJSON, all, explain bool) {
	switch {
	case all && len(out.Quotes) == 0:
		fmt.Fprintln(w, "The articles hold no quotations.")
		return
	case all:
		fmt.Fprintf(w, "%d quotations\n\n", len(out.Quotes))
	case out.Speaker == "":
		fmt.Fprintf(w, "No quoted speaker matches %q.", out.Query)
		if len(out.Suggestions) > 0 {
			fmt.Fprintf(w, " Closest: %s.", strings.Join(out.Suggestions, ", "))
		}
		fmt.Fprintln(w)
		return
	default:
		fmt.Fprintf(w, "%s: %d quotation%s\n\n", out.Speaker, len(out.Quotes), plural(len(out.Quotes)))
	}
	for i, q := range out.Quotes {
		who := ""
		if all {
			who = "[" + orUnattributed(q.Speaker) + "] "
		}
		fmt.Fprintf(w, "%d. %s“%s”\n", i+1, who, q.Text)
		if explain && q.Rule != "" {
			fmt.Fprintf(w, "   rule: %s\n", q.Rule)
		}
		for _, s := range q.Sources {
			fmt.Fprintf(w, "   %s, %s (%s)\n", s.Chunk, s.Title, orUndated(s.Date))
			if s.Context != q.Text {
				fmt.Fprintf(w, "   %s\n", s.Context)
			}
		}
		fmt.Fprintln(w)
	}
}

func cmdSpeakers(ctx context.Context, a *app, args []string) error {
	fs := flag.NewFlagSet("speakers", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the speakers as JSON")
	if err := a.parse(fs, args, config.ModeLocal, true); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("speakers takes no arguments (got %q)", strings.Join(fs.Args(), " "))
	}
	lib, err := a.openLibrary(ctx)
	if err != nil {
		return err
	}
	out := speakersJSON{Speakers: []speakerEntry{}}
	for _, s := range lib.Snapshot().Quotes.Speakers() {
		out.Speakers = append(out.Speakers, speakerEntry{Name: s.Name, Quotes: s.Quotes})
	}
	if *asJSON {
		return writeJSON(a.io.out, out)
	}
	if len(out.Speakers) == 0 {
		fmt.Fprintln(a.io.out, "No quotation in the articles could be attributed.")
	}
	for _, s := range out.Speakers {
		fmt.Fprintf(a.io.out, "%4d  %s\n", s.Quotes, s.Name)
	}
	return nil
}

func orUnattributed(s string) string {
	if s == "" {
		return "unattributed"
	}
	return s
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
