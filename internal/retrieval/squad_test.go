package retrieval

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"dossier/internal/analysis"
	"dossier/internal/corpus"
	"dossier/internal/embed"
	"dossier/internal/evalset"
	"dossier/internal/lang"
)

// squadEnv names the SQuAD 2.0 slice (train-slice.json of the shared eval
// folder). The data is not the project's, so the measure runs only when
// asked:
//
//	DOSSIER_SQUAD2=/work/shared/eval/squad2/train-slice.json go test ./internal/retrieval -run SQuAD -v
const squadEnv = "DOSSIER_SQUAD2"

// squadHitFloor: the hybrid's passage hit@5 on the slice was 0.872 before
// query expansion, 0.877 with it, and 0.925 with the fitted fusion weight
// (localVectorWeight, the same cross-validated by article); the measure fails
// if search falls clearly below that.
const squadHitFloor = 0.91

// loadSQuAD reads the slice named by squadEnv, skipping the test (which
// wants to do what) when it is not set, and gives each article as a
// document of its paragraphs, in order.
func loadSQuAD(t *testing.T, what string) ([]evalset.SQuADArticle, []*corpus.Document) {
	t.Helper()
	path := os.Getenv(squadEnv)
	if path == "" {
		t.Skipf("set %s to the SQuAD 2.0 slice to %s", squadEnv, what)
	}
	arts, err := evalset.LoadSQuAD(path)
	if err != nil {
		t.Fatal(err)
	}
	docs := make([]*corpus.Document, len(arts))
	for i, a := range arts {
		docs[i] = &corpus.Document{Meta: corpus.Meta{ID: fmt.Sprintf("squad-%02d", i), Title: a.Title}, Paragraphs: a.Paragraphs}
	}
	return arts, docs
}

// TestSQuADRetrieval asks every answerable question of the slice against
// all its articles as one corpus (each article a document of its
// paragraphs) and counts passage hit@5: a top-5 passage of the question's
// own article holding one of its gold answers.
func TestSQuADRetrieval(t *testing.T) {
	sq, docs := loadSQuAD(t, "measure")
	a := analysis.New(lang.English())
	ix, _, err := Build(context.Background(), docs, embed.NewLocal(a, 0), a, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	rankers := []struct {
		name   string
		search func(q string) []Result
	}{
		{"bm25", func(q string) []Result { return ix.SearchBM25(q, 5) }},
		{"vectors", func(q string) []Result { r, _ := ix.SearchVectors(ctx, q, 5); return r }},
		{"hybrid", func(q string) []Result { r, _ := ix.Search(ctx, q, 5); return r }},
	}
	hits := make([]int, len(rankers))
	rr := make([]float64, len(rankers))
	n := 0
	for i, art := range sq {
		id := docs[i].ID
		for _, q := range art.Questions {
			if !q.Answerable || len(q.Evidence) == 0 {
				continue
			}
			n++
			for k, r := range rankers {
				for rank, res := range r.search(q.Question) {
					if res.Chunk.Doc.ID == id && holdsAny(res.Chunk.Text, q.Evidence) {
						hits[k]++
						rr[k] += 1 / float64(rank+1)
						break
					}
				}
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "SQuAD 2.0 slice, %d answerable questions, %d articles, %d passages\n", n, len(docs), ix.Len())
	for k, r := range rankers {
		fmt.Fprintf(&b, "%-8s hit@5 %.3f  MRR %.3f\n", r.name, float64(hits[k])/float64(n), rr[k]/float64(n))
	}
	t.Log(b.String())
	if got := float64(hits[2]) / float64(n); got < squadHitFloor {
		t.Errorf("hybrid hit@5 = %.3f, want ≥ %.2f", got, squadHitFloor)
	}
}

// holdsAny reports whether text holds one of the gold answers.
func holdsAny(text string, answers []string) bool {
	for _, a := range answers {
		if evalset.Contains(text, a) {
			return true
		}
	}
	return false
}
