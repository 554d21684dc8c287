package answer

import (
	"context"
	"fmt"
	"testing"

	"dossier/internal/analysis"
	"dossier/internal/corpus"
	"dossier/internal/embed"
	"dossier/internal/evalset"
	"dossier/internal/lang"
	"dossier/internal/retrieval"
	"dossier/internal/synthetic"
)

// BenchmarkAnswer is one extractive answer (search included) over the seed
// corpus, cycling through the eval questions. Target: ≤ 2 ms per question.
func BenchmarkAnswer(b *testing.B) {
	ix, _ := seedIndex(b)
	e := NewExtractive(ix)
	qs := evalset.Questions()
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := e.Answer(ctx, qs[i%len(qs)].Question); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkAnswerBySize is an extractive answer over the seed corpus
// grown with generated articles to 100, 1,000, 10,000 and 100,000 chunks: the
// search grows with the corpus, the answerer's own work does not.
func BenchmarkAnswerBySize(b *testing.B) {
	seed, _ := seedIndex(b)
	for _, n := range []int{100, 1000, 10000, 100000} {
		docs := append(append([]*corpus.Document{}, seed.Docs()...), synthetic.Docs(seed.Docs(), n-seed.Len())...)
		an := analysis.New(lang.English())
		ix, _, err := retrieval.Build(context.Background(), docs, embed.NewLocal(an, 0), an, retrieval.BuildOptions{})
		if err != nil {
			b.Fatal(err)
		}
		e := NewExtractive(ix, WithAnalyzer(an))
		qs := evalset.Questions()
		b.Run(fmt.Sprintf("chunks=%d", ix.Len()), func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := e.Answer(context.Background(), qs[i%len(qs)].Question); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkCompose is the answerer's own work, without the search.
func BenchmarkCompose(b *testing.B) {
	ix, _ := seedIndex(b)
	e := NewExtractive(ix)
	qs := evalset.Questions()
	ctx := context.Background()
	type prepared struct {
		q string
		r []retrieval.Result
	}
	var ps []prepared
	for _, q := range qs {
		r, err := e.search(ctx, q.Question)
		if err != nil {
			b.Fatal(err)
		}
		ps = append(ps, prepared{q.Question, r})
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		p := ps[i%len(ps)]
		e.compose(p.q, p.r)
		i++
	}
}
