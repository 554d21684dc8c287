package answer

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"text/tabwriter"

	"dossier/internal/evalset"
)

// evalResult is one question's outcome.
type evalResult struct {
	q    evalset.Question
	a    Answer
	best float64 // relevance of the best unit: what abstention compares
	ok   bool
	why  string
}

// runSet answers every question of a set with the extractive answerer over
// the seed corpus.
func runSet(t *testing.T, questions []evalset.Question) []evalResult {
	t.Helper()
	ix, _ := seedIndex(t)
	e := NewExtractive(ix)
	var out []evalResult
	for _, q := range questions {
		text, err := cleanQuestion(q.Question)
		if err != nil {
			t.Fatalf("%s: %v", q.ID, err)
		}
		results, err := e.search(context.Background(), text)
		if err != nil {
			t.Fatalf("%s: %v", q.ID, err)
		}
		a, best := e.compose(text, results)
		ok, why := judge(q, a)
		out = append(out, evalResult{q: q, a: a, best: best, ok: ok, why: why})
	}
	return out
}

// table renders the per-question results.
func table(results []evalResult) string {
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "id\tresult\tanswerable\tabstained\tbest\tcites\tquestion\tanswer or reason")
	for _, r := range results {
		res, detail := "pass", shorten(r.a.Text, 70)
		if !r.ok {
			res, detail = "FAIL", r.why
		}
		fmt.Fprintf(w, "%s\t%s\t%v\t%v\t%.2f\t%d\t%s\t%s\n", r.q.ID, res, r.q.Answerable, r.a.Abstained, r.best, len(r.a.Citations), shorten(r.q.Question, 50), detail)
	}
	w.Flush()
	return b.String()
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// checkSet applies the bar to a question set: at least 90% of the
// answerable questions pass, every unanswerable one is abstained on, and
// no answerable one is.
func checkSet(t *testing.T, name string, questions []evalset.Question) {
	t.Helper()
	results := runSet(t, questions)
	t.Logf("%s: per-question results (threshold %.2f)\n%s", name, DefaultThreshold, table(results))
	var answerable, passed, unanswerable, abstained int
	for _, r := range results {
		if r.q.Answerable {
			answerable++
			if r.ok {
				passed++
			}
			if r.a.Abstained {
				t.Errorf("%s %s: abstained on an answerable question (best %.2f, threshold %.2f)", name, r.q.ID, r.best, DefaultThreshold)
			}
			continue
		}
		unanswerable++
		if r.a.Abstained {
			abstained++
		} else {
			t.Errorf("%s %s: answered an unanswerable question: %q", name, r.q.ID, r.a.Text)
		}
	}
	t.Logf("%s summary: answerable %d/%d pass (%.0f%%), unanswerable %d/%d abstained", name, passed, answerable, 100*float64(passed)/float64(max(answerable, 1)), abstained, unanswerable)
	if passed*10 < answerable*9 {
		t.Errorf("%s: %d/%d answerable questions pass, want at least 90%%", name, passed, answerable)
	}
}

// TestEvalQuestions is the shared evaluation set.
func TestEvalQuestions(t *testing.T) {
	checkSet(t, "eval", evalset.Questions())
}

// TestDevQuestions is the set the threshold was chosen with, besides the
// eval set.
func TestDevQuestions(t *testing.T) {
	checkSet(t, "dev", questionSet(t, "dev_questions.json"))
}

// TestHeldOutQuestions measures questions that shaped no rule of the
// answerer.
func TestHeldOutQuestions(t *testing.T) {
	checkSet(t, "held-out", questionSet(t, "heldout_questions.json"))
}

// TestThresholdSeparates checks the abstention threshold against the score
// distributions it was chosen from (eval and dev sets): every answerable
// question's best unit above it, every unanswerable one's below, and
// reports the margins. See doc.go.
func TestThresholdSeparates(t *testing.T) {
	questions := append(evalset.Questions(), questionSet(t, "dev_questions.json")...)
	lowAnswerable, highUnanswerable := 1.0, 0.0
	for _, r := range runSet(t, questions) {
		if r.q.Answerable {
			lowAnswerable = min(lowAnswerable, r.best)
		} else {
			highUnanswerable = max(highUnanswerable, r.best)
		}
	}
	t.Logf("best-unit relevance: unanswerable ≤ %.2f, answerable ≥ %.2f, threshold %.2f (midpoint %.3f)",
		highUnanswerable, lowAnswerable, DefaultThreshold, (highUnanswerable+lowAnswerable)/2)
	if !(highUnanswerable < DefaultThreshold && DefaultThreshold < lowAnswerable) {
		t.Errorf("threshold %.2f does not separate unanswerable (≤ %.2f) from answerable (≥ %.2f)", DefaultThreshold, highUnanswerable, lowAnswerable)
	}
}
