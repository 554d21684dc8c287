package retrieval

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"dossier/internal/analysis"
	"dossier/internal/corpus"
	"dossier/internal/embed"
)

// syntheticDocs generates documents that chunk into about n chunks of about
// a hundred words each, drawing words with a Zipf distribution from the seed
// corpus's vocabulary so that term statistics resemble news text.
func syntheticDocs(tb testing.TB, n int) []*corpus.Document {
	tb.Helper()
	seed, err := corpus.LoadDir(context.Background(), "../../corpus", corpus.LoadOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	seen := map[string]bool{}
	var vocab []string
	for _, d := range seed {
		for _, w := range strings.Fields(d.Text()) {
			w = strings.Trim(w, ".,;:“”\"’()")
			if w != "" && !seen[w] {
				seen[w] = true
				vocab = append(vocab, w)
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	zipf := rand.NewZipf(rand.New(rand.NewPCG(3, 4)), 1.1, 2, uint64(len(vocab)-1))
	const perDoc = 10
	var docs []*corpus.Document
	for i := 0; len(docs)*perDoc < n; i++ {
		d := &corpus.Document{Meta: corpus.Meta{ID: fmt.Sprintf("gen-%d", i), Title: fmt.Sprintf("Generated %d", i)}}
		for p := 0; p < perDoc && len(docs)*perDoc+p < n; p++ {
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

func buildDocs(tb testing.TB, docs []*corpus.Document) *Index {
	tb.Helper()
	a := analysis.New()
	ix, _, err := Build(context.Background(), docs, embed.NewLocal(a, 0), a, BuildOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	return ix
}

// BenchmarkBuild measures indexing from cleaned documents: chunking, local
// embedding, the chromem collection and BM25.
func BenchmarkBuild(b *testing.B) {
	seed, err := corpus.LoadDir(context.Background(), "../../corpus", corpus.LoadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		docs []*corpus.Document
	}{
		{"seed", seed},
		{"chunks=10000", syntheticDocs(b, 10000)},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			var chunks int
			for b.Loop() {
				chunks = buildDocs(b, c.docs).Len()
			}
			b.ReportMetric(float64(chunks)*float64(b.N)/b.Elapsed().Seconds(), "chunks/s")
		})
	}
}

var benchQueries = []string{
	"who leaked the call",
	"When did the Witkoff-Ushakov call take place?",
	"What did Ushakov say about WhatsApp?",
	"How many points were in the original peace plan?",
}

// BenchmarkSearch measures the hybrid Search, and beside it chromem-go's
// own query on the same vectors with the same depth, at three corpus sizes.
func BenchmarkSearch(b *testing.B) {
	for _, n := range []int{100, 10000, 100000} {
		ix := buildDocs(b, syntheticDocs(b, n))
		ctx := context.Background()
		b.Run(fmt.Sprintf("hybrid/chunks=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := ix.Search(ctx, benchQueries[i%len(benchQueries)], 5); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
		vecs := make([][]float32, len(benchQueries))
		for i, q := range benchQueries {
			vecs[i], _ = ix.queryVector(ctx, q)
		}
		depth := min(ix.Len(), 40)
		b.Run(fmt.Sprintf("chromem/chunks=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := ix.vectors.QueryEmbedding(ctx, vecs[i%len(vecs)], depth, nil, nil); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
