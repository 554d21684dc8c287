package answer

import (
	"context"
	"testing"

	"dossier/internal/evalset"
	"dossier/internal/retrieval"
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
