package answer

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"text/tabwriter"

	"dossier/internal/evalset"
	"dossier/internal/testcorpus"
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
	return runStorySet(t, testcorpus.Seed, questions)
}

// runStorySet answers every question of a set with the extractive answerer
// over one of the test stories.
func runStorySet(t *testing.T, story string, questions []evalset.Question) []evalResult {
	t.Helper()
	ix, _ := storyIndex(t, story)
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
	f := measureSet(t, testcorpus.Seed, name, questions)
	for _, r := range f.results {
		switch {
		case r.q.Answerable && r.a.Abstained:
			t.Errorf("%s %s: abstained on an answerable question (best %.2f, threshold %.2f)", name, r.q.ID, r.best, DefaultThreshold)
		case !r.q.Answerable && !r.a.Abstained:
			t.Errorf("%s %s: answered an unanswerable question: %q", name, r.q.ID, r.a.Text)
		}
	}
	if f.passed*10 < f.answerable*9 {
		t.Errorf("%s: %d/%d answerable questions pass, want at least 90%%", name, f.passed, f.answerable)
	}
}

// setFigures are the outcome of a question set.
type setFigures struct {
	results                      []evalResult
	answerable, passed, answered int // answered: answerable ones not abstained on
	unanswerable, abstained      int
}

// measureSet answers a set over a story and logs the per-question table
// and the summary figures.
func measureSet(t *testing.T, story, name string, questions []evalset.Question) setFigures {
	t.Helper()
	f := setFigures{results: runStorySet(t, story, questions)}
	t.Logf("%s: per-question results (threshold %.2f)\n%s", name, DefaultThreshold, table(f.results))
	for _, r := range f.results {
		if r.q.Answerable {
			f.answerable++
			f.passed += b2i(r.ok)
			f.answered += b2i(!r.a.Abstained)
			continue
		}
		f.unanswerable++
		f.abstained += b2i(r.a.Abstained)
	}
	t.Logf("%s summary: answerable %d/%d pass (%.0f%%), %d/%d answered; unanswerable %d/%d abstained", name,
		f.passed, f.answerable, 100*float64(f.passed)/float64(max(f.answerable, 1)), f.answered, f.answerable, f.abstained, f.unanswerable)
	return f
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestEvalQuestions is the shared evaluation set.
func TestEvalQuestions(t *testing.T) {
	checkSet(t, "eval", evalset.Questions())
}

// secondStoryFloor is the share of the second story's answerable questions
// that must pass, and of its unanswerable ones that must be abstained on.
// The answerer was not tuned on that story and does not yet reach the seed
// story's bar there (when the story was written: 20/33 answerable pass,
// 25/33 answered, 9/15 unanswerable abstained); the floor is half, below
// both figures, so that a change that loses ground on an unseen story
// fails while the work that raises them (issue 10) goes on.
const secondStoryFloor = 0.5

// TestSecondStoryQuestions measures the answerer on the second test story,
// which no rule or threshold of the answerer was tuned on.
func TestSecondStoryQuestions(t *testing.T) {
	f := measureSet(t, testcorpus.Second, "second story", evalset.StoryQuestions(testcorpus.Second))
	lowAnswerable, highUnanswerable := 1.0, 0.0
	for _, r := range f.results {
		if r.q.Answerable {
			lowAnswerable = min(lowAnswerable, r.best)
		} else {
			highUnanswerable = max(highUnanswerable, r.best)
		}
	}
	t.Logf("second story best-unit relevance: unanswerable ≤ %.2f, answerable ≥ %.2f, threshold %.2f", highUnanswerable, lowAnswerable, DefaultThreshold)
	if float64(f.passed) < secondStoryFloor*float64(f.answerable) {
		t.Errorf("%d/%d answerable questions pass, want at least %.0f%%", f.passed, f.answerable, 100*secondStoryFloor)
	}
	if float64(f.abstained) < secondStoryFloor*float64(f.unanswerable) {
		t.Errorf("%d/%d unanswerable questions abstained on, want at least %.0f%%", f.abstained, f.unanswerable, 100*secondStoryFloor)
	}
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
