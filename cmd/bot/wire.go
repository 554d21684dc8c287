package main

import (
	"dossier/internal/commands"
	"dossier/internal/library"
)

// currentQuotes reads the quote index of the snapshot being served, which
// each reload replaces.
func currentQuotes(lib *library.Library) commands.QuoteSource {
	return func() commands.QuoteIndex {
		s := lib.Snapshot()
		if s == nil || s.Quotes == nil {
			return nil // a nil *quotes.Index must not become a non-nil interface
		}
		return s.Quotes
	}
}

// catalog lists the served articles for /sources.
type catalog struct{ lib *library.Library }

func (c catalog) Contents() (commands.Contents, error) {
	s := c.lib.Snapshot()
	if s == nil {
		return commands.Contents{}, library.ErrNotLoaded
	}
	chunks := map[string]int{}
	for _, ch := range s.Index.Chunks() {
		chunks[ch.Doc.ID]++
	}
	cs := commands.Contents{Articles: make([]commands.Article, 0, len(s.Docs()))}
	quotes := map[string]int{}
	if s.Quotes != nil {
		all := s.Quotes.All()
		cs.Quotes = len(all)
		for _, q := range all {
			for _, src := range q.Sources {
				quotes[src.Doc]++
			}
		}
	}
	for _, d := range s.Docs() {
		cs.Articles = append(cs.Articles, commands.Article{ID: d.ID, Title: d.Title, Date: d.Date, Outlet: d.Outlet, URL: d.URL,
			Chunks: chunks[d.ID], Quotes: quotes[d.ID]})
	}
	return cs, nil
}
