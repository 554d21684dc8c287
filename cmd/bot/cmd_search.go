package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"dossier/internal/config"
)

// searchJSON is the shape of `search --json`; other tools read it.
type searchJSON struct {
	Query   string         `json:"query"`
	Results []searchResult `json:"results"`
}

type searchResult struct {
	Rank  int     `json:"rank"`
	Score float64 `json:"score"`
	Doc   string  `json:"doc"`
	Title string  `json:"title"`
	Date  string  `json:"date"`
	URL   string  `json:"url"`
	Chunk string  `json:"chunk"`
	Text  string  `json:"text"`
}

func cmdSearch(ctx context.Context, a *app, args []string) error {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the results as JSON")
	k := fs.Int("k", 5, "number of passages")
	if err := a.parse(fs, args, config.ModeLocal, true); err != nil {
		return err
	}
	query := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if query == "" {
		return fmt.Errorf("give a query, e.g. bot search \"who leaked the call\"")
	}
	if *k <= 0 {
		return fmt.Errorf("-k %d: want a positive number of passages", *k)
	}
	lib, err := a.openLibrary(ctx)
	if err != nil {
		return err
	}
	results, err := lib.Search(ctx, query, *k)
	if err != nil {
		return err
	}
	out := searchJSON{Query: query, Results: []searchResult{}}
	for _, r := range results {
		out.Results = append(out.Results, searchResult{
			Rank: r.Rank, Score: r.Score, Doc: r.Chunk.Doc.ID, Title: r.Chunk.Doc.Title,
			Date: r.Chunk.Doc.Date, URL: r.Chunk.Doc.URL, Chunk: r.Chunk.ID, Text: r.Chunk.Text,
		})
	}
	if *asJSON {
		return writeJSON(a.io.out, out)
	}
	if len(out.Results) == 0 {
		fmt.Fprintln(a.io.out, "No passage matches.")
	}
	for _, r := range out.Results {
		fmt.Fprintf(a.io.out, "%d. %s (%s) [%s, score %.4f]\n%s\n\n", r.Rank, r.Title, orUndated(r.Date), r.Chunk, r.Score, indent(r.Text))
	}
	return nil
}

func orUndated(date string) string {
	if date == "" {
		return "undated"
	}
	return date
}

func indent(s string) string {
	return "   " + strings.ReplaceAll(s, "\n", "\n   ")
}
