package cli

import (
	"fmt"
	"io"

	"dossier/internal/retrieval"
)

// Search is the shape of `search --json`.
type Search struct {
	Query   string         `json:"query"`
	Results []SearchResult `json:"results"`
}

// SearchResult is one passage found.
type SearchResult struct {
	Rank  int     `json:"rank"`
	Score float64 `json:"score"`
	Doc   string  `json:"doc"`
	Title string  `json:"title"`
	Date  string  `json:"date"`
	URL   string  `json:"url"`
	Chunk string  `json:"chunk"`
	Text  string  `json:"text"`
}

// NewSearch is the printable form of a search's results.
func NewSearch(query string, results []retrieval.Result) Search {
	out := Search{Query: query, Results: []SearchResult{}}
	for _, r := range results {
		out.Results = append(out.Results, SearchResult{
			Rank: r.Rank, Score: r.Score, Doc: r.Chunk.Doc.ID, Title: r.Chunk.Doc.Title,
			Date: r.Chunk.Doc.Date, URL: r.Chunk.Doc.URL, Chunk: r.Chunk.ID, Text: r.Chunk.Text,
		})
	}
	return out
}

// WriteText writes each passage under its rank, title and score.
func (s Search) WriteText(w io.Writer) {
	if len(s.Results) == 0 {
		fmt.Fprintln(w, "No passage matches.")
	}
	for _, r := range s.Results {
		fmt.Fprintf(w, "%d. %s (%s) [%s, score %.4f]\n%s\n\n", r.Rank, r.Title, orUndated(r.Date), r.Chunk, r.Score, indent(r.Text))
	}
}
