// Package synthetic generates corpora of any size for benchmarks and memory
// measurements: documents whose words are drawn, with a Zipf distribution,
// from a real corpus's vocabulary, so term statistics resemble news text.
package synthetic

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"dossier/internal/corpus"
)

// ParagraphsPerDoc is how many paragraphs each generated document has; every
// paragraph is about a hundred words, so it becomes one chunk.
const ParagraphsPerDoc = 10

// Docs returns documents that chunk into about n chunks, drawing words from
// the vocabulary of like. The same arguments give the same documents.
func Docs(like []*corpus.Document, n int) []*corpus.Document {
	seen := map[string]bool{}
	var vocab []string
	for _, d := range like {
		for _, w := range strings.Fields(d.Text()) {
			w = strings.Trim(w, ".,;:“”\"’()")
			if w != "" && !seen[w] {
				seen[w] = true
				vocab = append(vocab, w)
			}
		}
	}
	if len(vocab) < 3 {
		vocab = append(vocab, "alpha", "beta", "gamma")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	zipf := rand.NewZipf(rand.New(rand.NewPCG(3, 4)), 1.1, 2, uint64(len(vocab)-1))
	var docs []*corpus.Document
	for i := 0; len(docs)*ParagraphsPerDoc < n; i++ {
		d := &corpus.Document{Meta: corpus.Meta{ID: fmt.Sprintf("gen-%d", i), Title: fmt.Sprintf("Generated %d", i)}}
		for p := 0; p < ParagraphsPerDoc && len(docs)*ParagraphsPerDoc+p < n; p++ {
			var b strings.Builder
			for s := 0; s < 5; s++ {
				words := 15 + rng.IntN(10)
				for w := 0; w < words; w++ {
					if w > 0 {
						b.WriteByte(' ')
					}
					b.WriteString(vocab[zipf.Uint64()])
				}
				b.WriteString(". ")
			}
			d.Paragraphs = append(d.Paragraphs, strings.TrimSpace(b.String()))
		}
		docs = append(docs, d)
	}
	return docs
}
