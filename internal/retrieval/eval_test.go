package retrieval

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"dossier/internal/analysis"
	"dossier/internal/corpus"
	"dossier/internal/embed"
	"dossier/internal/evalset"
	"dossier/internal/lang"
)

func seedIndex(t testing.TB) *Index {
	t.Helper()
	docs, err := corpus.LoadDir(context.Background(), "../../corpus", corpus.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	a := analysis.New(lang.English())
	ix, _, err := Build(context.Background(), docs, embed.NewLocal(a, 0), a, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// firstHit is the 1-based rank of the first result that holds an evidence
// phrase, or 0.
func firstHit(results []Result, evidence []string) int {
	for i, r := range results {
		for _, e := range evidence {
			if evalset.Contains(r.Chunk.Text, e) {
				return i + 1
			}
		}
	}
	return 0
}

// TestRetrievalQuality measures hit@5 (an evidence phrase in one of the top
// five passages) and MRR over the answerable evaluation questions, for BM25
// alone, vectors alone and the hybrid. Run with -v for the table.
func TestRetrievalQuality(t *testing.T) {
	ix := seedIndex(t)
	ctx := context.Background()
	rankers := []struct {
		name   string
		search func(q string) []Result
	}{
		{"bm25", func(q string) []Result { return ix.SearchBM25(q, 5) }},
		{"vectors", func(q string) []Result { r, _ := ix.SearchVectors(ctx, q, 5); return r }},
		{"hybrid", func(q string) []Result { r, _ := ix.Search(ctx, q, 5); return r }},
	}
	var table strings.Builder
	fmt.Fprintf(&table, "%-4s %-60s %5s %8s %7s\n", "id", "question", "bm25", "vectors", "hybrid")
	hits := make([]int, len(rankers))
	rr := make([]float64, len(rankers))
	n := 0
	for _, q := range evalset.Questions() {
		if !q.Answerable {
			continue
		}
		n++
		fmt.Fprintf(&table, "%-4s %-60.60s", q.ID, q.Question)
		for i, r := range rankers {
			rank := firstHit(r.search(q.Question), q.Evidence)
			if rank > 0 {
				hits[i]++
				rr[i] += 1 / float64(rank)
			}
			fmt.Fprintf(&table, " %*s", []int{5, 8, 7}[i], rankStr(rank))
		}
		table.WriteString("\n")
	}
	fmt.Fprintf(&table, "%-65s", "hit@5")
	for i := range rankers {
		fmt.Fprintf(&table, " %*s", []int{5, 8, 7}[i], fmt.Sprintf("%.0f%%", 100*float64(hits[i])/float64(n)))
	}
	fmt.Fprintf(&table, "\n%-65s", "MRR")
	for i := range rankers {
		fmt.Fprintf(&table, " %*.2f", []int{5, 8, 7}[i], rr[i]/float64(n))
	}
	t.Logf("retrieval over %d answerable questions (rank of the first passage with evidence; - = not in top 5)\n%s", n, table.String())
	if got := float64(hits[2]) / float64(n); got < 0.9 {
		t.Errorf("hybrid hit@5 = %.0f%%, want ≥ 90%%", 100*got)
	}
}

func rankStr(r int) string {
	if r == 0 {
		return "-"
	}
	return fmt.Sprint(r)
}
