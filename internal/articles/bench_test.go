package articles

import (
	"context"
	"fmt"
	"testing"

	"dossier/internal/corpus"
	"dossier/internal/synthetic"
)

// BenchmarkNearestDuplicate checks one new article against corpora of
// growing size (generated articles of about a thousand words), as Add does
// before writing, with the corpus's shingles cached as in a running bot.
func BenchmarkNearestDuplicate(b *testing.B) {
	seeds, err := corpus.LoadDir(context.Background(), "testdata/seeds", corpus.LoadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{10, 100, 1000} {
		docs := synthetic.Docs(seeds, n*synthetic.ParagraphsPerDoc)
		paras := docs[0].Paragraphs
		cache := shingleCache{}
		nearestDuplicate(paras, "", docs, cache) // the corpus's shingles, as a running bot has them
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			for b.Loop() {
				cache.keep(docs)
				nearestDuplicate(paras, "", docs, cache)
			}
		})
	}
}
