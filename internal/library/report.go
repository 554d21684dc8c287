package library

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"dossier/internal/corpus"
	"dossier/internal/retrieval"
)

// Report says what a reload changed and what it cost.
type Report struct {
	Articles int `json:"articles"` // articles now served
	Chunks   int `json:"chunks"`   // chunks now served

	Added   []string `json:"added"`   // ids of new articles
	Changed []string `json:"changed"` // ids of articles whose text or metadata changed
	Removed []string `json:"removed"` // ids of articles no longer in the corpus

	ChunksAdded   int `json:"chunks_added"`
	ChunksChanged int `json:"chunks_changed"`
	ChunksRemoved int `json:"chunks_removed"`

	ChunksEmbedded int `json:"chunks_embedded"`
	EmbedCalls     int `json:"embed_calls"`

	Quotes int `json:"quotes"` // quotations found in the articles

	// Unsupported are the articles written in a language the bot has no
	// language layer for: they are indexed for search, but no quotation is
	// read from them, since the rules that find speakers are English.
	Unsupported []Unsupported `json:"unsupported"`

	Saved    bool          `json:"saved"` // written to the data directory
	Duration time.Duration `json:"duration_ns"`
}

// Unsupported is an article in a language without a layer.
type Unsupported struct {
	Doc  string `json:"doc"`
	Lang string `json:"lang"`
}

func (u Unsupported) String() string { return u.Doc + " (" + u.Lang + ")" }

// diff compares the served index with its replacement.
func diff(prev, next *retrieval.Index) Report {
	r := Report{Articles: len(next.Docs()), Chunks: next.Len(), Added: []string{}, Changed: []string{}, Removed: []string{}}
	old := map[string]*corpus.Document{}
	oldChunks := map[string]string{}
	if prev != nil {
		for _, d := range prev.Docs() {
			old[d.ID] = d
		}
		for _, c := range prev.Chunks() {
			oldChunks[c.ID] = c.Text
		}
	}
	for _, d := range next.Docs() {
		switch o, ok := old[d.ID]; {
		case !ok:
			r.Added = append(r.Added, d.ID)
		case o.Hash() != d.Hash():
			r.Changed = append(r.Changed, d.ID)
		}
		delete(old, d.ID)
	}
	for id := range old {
		r.Removed = append(r.Removed, id)
	}
	slices.Sort(r.Removed)
	for _, c := range next.Chunks() {
		switch text, ok := oldChunks[c.ID]; {
		case !ok:
			r.ChunksAdded++
		case text != c.Text:
			r.ChunksChanged++
		}
		delete(oldChunks, c.ID)
	}
	r.ChunksRemoved = len(oldChunks)
	return r
}

// LogAttrs is the report as structured log attributes.
func (r Report) LogAttrs() []any {
	return []any{
		"articles", r.Articles, "chunks", r.Chunks,
		"added", r.Added, "changed", r.Changed, "removed", r.Removed,
		"chunks_embedded", r.ChunksEmbedded, "embed_calls", r.EmbedCalls,
		"quotes", r.Quotes, "unsupported_language", r.UnsupportedIDs(), "saved", r.Saved, "duration", r.Duration,
	}
}

// String is the report for people.
func (r Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d articles, %d chunks, %d quotations", r.Articles, r.Chunks, r.Quotes)
	fmt.Fprintf(&b, "\narticles: %d added%s, %d changed%s, %d removed%s",
		len(r.Added), list(r.Added), len(r.Changed), list(r.Changed), len(r.Removed), list(r.Removed))
	fmt.Fprintf(&b, "\nchunks: %d added, %d changed, %d removed; %d embedded in %d embedding calls",
		r.ChunksAdded, r.ChunksChanged, r.ChunksRemoved, r.ChunksEmbedded, r.EmbedCalls)
	if len(r.Unsupported) > 0 {
		fmt.Fprintf(&b, "\nin a language the bot cannot read: %d%s, indexed for search only, no quotations",
			len(r.Unsupported), list(r.UnsupportedIDs()))
	}
	fmt.Fprintf(&b, "\ntook %s", r.Duration.Round(time.Millisecond))
	if !r.Saved {
		b.WriteString(" (not saved to disk)")
	}
	return b.String()
}

// UnsupportedIDs names the articles in a language without a layer, each
// with its language: "interview-fr (fr)".
func (r Report) UnsupportedIDs() []string {
	out := make([]string, len(r.Unsupported))
	for i, u := range r.Unsupported {
		out[i] = u.String()
	}
	return out
}

// list names a few ids; a reload of hundreds of articles should not print
// hundreds of names.
func list(ids []string) string {
	const shown = 8
	switch {
	case len(ids) == 0:
		return ""
	case len(ids) > shown:
		return fmt.Sprintf(" (%s and %d more)", strings.Join(ids[:shown], ", "), len(ids)-shown)
	}
	return " (" + strings.Join(ids, ", ") + ")"
}
