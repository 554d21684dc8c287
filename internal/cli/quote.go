package cli

import (
	"fmt"
	"io"
	"strings"

	"dossier/internal/quotes"
)

// Quotes is the shape of `quote --json` (and `quote --all --json`).
type Quotes struct {
	Query       string   `json:"query"`
	Speaker     string   `json:"speaker"`
	Quotes      []Quote  `json:"quotes"`
	Suggestions []string `json:"suggestions"`
	all         bool     // every quotation, not one speaker's
	explain     bool     // print the rule that attributed each quotation
}

// Quote is one quotation and where it appears.
type Quote struct {
	Text    string `json:"text"`
	Speaker string `json:"speaker"`
	// Rule is the attribution rule that gave Speaker (see internal/quotes).
	Rule    string        `json:"rule,omitempty"`
	Sources []QuoteSource `json:"sources"`
}

// QuoteSource is one article that reports a quotation.
type QuoteSource struct {
	Doc     string `json:"doc"`
	Title   string `json:"title"`
	Date    string `json:"date"`
	URL     string `json:"url"`
	Chunk   string `json:"chunk"`
	Context string `json:"context"`
}

// NewQuotes is the printable form of a lookup by speaker.
func NewQuotes(res quotes.Result) Quotes {
	out := Quotes{Query: res.Query, Speaker: res.Speaker, Quotes: []Quote{}, Suggestions: []string{}}
	out.Suggestions = append(out.Suggestions, res.Suggestions...)
	for _, q := range res.Quotes {
		e := Quote{Text: q.Text, Speaker: q.Speaker, Rule: string(q.Rule), Sources: []QuoteSource{}}
		for _, s := range q.Sources {
			e.Sources = append(e.Sources, QuoteSource{Doc: s.Doc, Title: s.Title, Date: s.Date, URL: s.URL, Chunk: s.Chunk, Context: s.Context})
		}
		out.Quotes = append(out.Quotes, e)
	}
	return out
}

// AllQuotes is the printable form of every quotation in the corpus, each
// shown with its speaker.
func AllQuotes(all []quotes.Quote) Quotes {
	out := NewQuotes(quotes.Result{Quotes: all})
	out.all = true
	return out
}

// SplitSpeaker reads "Yuri Ushakov leak" as speaker "Yuri Ushakov" and
// topic "leak": the longest leading words that name a speaker exactly;
// failing that, the first word is the speaker (it may be misspelt).
func SplitSpeaker(ix *quotes.Index, args []string) (speaker, topic string) {
	for n := len(args); n >= 1; n-- {
		if name, exact := ix.Match(strings.Join(args[:n], " ")); name != "" && exact {
			return strings.Join(args[:n], " "), strings.Join(args[n:], " ")
		}
	}
	return args[0], strings.Join(args[1:], " ")
}

// WriteText writes a heading, then each quotation with its sources.
func (out Quotes) WriteText(w io.Writer) {
	switch {
	case out.all && len(out.Quotes) == 0:
		fmt.Fprintln(w, "The articles hold no quotations.")
		return
	case out.all:
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
		if out.all {
			who = "[" + orUnattributed(q.Speaker) + "] "
		}
		fmt.Fprintf(w, "%d. %s“%s”\n", i+1, who, q.Text)
		if out.explain && q.Rule != "" {
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

// Speakers is the shape of `speakers --json`.
type Speakers struct {
	Speakers []Speaker `json:"speakers"`
}

// Speaker is one person or institution quoted and how often.
type Speaker struct {
	Name        string `json:"name"`
	Quotes      int    `json:"quotes"`
	Institution bool   `json:"institution,omitempty"`
}

// NewSpeakers is the printable form of the people quoted.
func NewSpeakers(ss []quotes.Speaker) Speakers {
	out := Speakers{Speakers: []Speaker{}}
	for _, s := range ss {
		out.Speakers = append(out.Speakers, Speaker{Name: s.Name, Quotes: s.Quotes, Institution: s.Institution})
	}
	return out
}

// WriteText writes one line per speaker, most quoted first.
func (out Speakers) WriteText(w io.Writer) {
	if len(out.Speakers) == 0 {
		fmt.Fprintln(w, "No quotation in the articles could be attributed.")
	}
	for _, s := range out.Speakers {
		kind := ""
		if s.Institution {
			kind = " (institution)"
		}
		fmt.Fprintf(w, "%4d  %s%s\n", s.Quotes, s.Name, kind)
	}
}
