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
	"dossier/internal/testcorpus"
)

func seedIndex(t testing.TB) *Index {
	t.Helper()
	return storyIndex(t, testcorpus.Seed)
}

// storyIndex builds the index of one of the test stories in memory.
func storyIndex(t testing.TB, story string) *Index {
	t.Helper()
	docs, err := corpus.LoadDir(context.Background(), testcorpus.Dir(t, story), corpus.LoadOptions{})
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

// minHybridHit5 is the share of answerable questions whose evidence the
// hybrid ranking must put in the top five passages: the project's bar, the
// same on every test story (the second story, which no ranking rule was
// tuned on, meets it: 30 of 33 when it was written).
const minHybridHit5 = 0.9

// TestRetrievalQuality measures hit@5 (an evidence phrase in one of the top
// five passages) and MRR over the answerable evaluation questions of each
// test story, for BM25 alone, vectors alone and the hybrid. Run with -v for
// the table.
func TestRetrievalQuality(t *testing.T) {
	for _, story := range testcorpus.Names() {
		t.Run(story, func(t *testing.T) {
			hybrid := retrievalQuality(t, storyIndex(t, story), evalset.StoryQuestions(story))
			if hybrid < minHybridHit5 {
				t.Errorf("hybrid hit@5 = %.0f%%, want ≥ %.0f%%", 100*hybrid, 100*minHybridHit5)
			}
		})
	}
	// The seed story's questions as people word them: paraphrases, yes/no,
	// why, "who is X"… (evalset.SeedPeopleQuestions).
	t.Run("seed-people", func(t *testing.T) {
		hybrid := retrievalQuality(t, storyIndex(t, testcorpus.Seed), evalset.SeedPeopleQuestions())
		if hybrid < minHybridHit5 {
			t.Errorf("hybrid hit@5 = %.0f%%, want ≥ %.0f%%", 100*hybrid, 100*minHybridHit5)
		}
	})
}

// retrievalQuality logs the table of ranks and returns the hybrid hit@5.
func retrievalQuality(t *testing.T, ix *Index, questions []evalset.Question) float64 {
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
	for _, q := range questions {
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
	return float64(hits[2]) / float64(n)
}

func rankStr(r int) string {
	if r == 0 {
		return "-"
	}
	return fmt.Sprint(r)
}
