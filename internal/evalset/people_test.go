package evalset_test

import (
	"context"
	"strings"
	"testing"

	"dossier/internal/corpus"
	"dossier/internal/evalset"
	"dossier/internal/testcorpus"
)

// TestSeedPeopleQuestions checks the seed story's people-worded set: its
// size and share of unanswerable questions, evidence verbatim in the
// cleaned articles, answer terms that the articles can meet, unique ids,
// and no question copied from the shared set.
func TestSeedPeopleQuestions(t *testing.T) {
	const (
		minQuestions         = 110
		minUnanswerableShare = 1.0 / 3
	)
	docs, err := corpus.LoadDir(context.Background(), testcorpus.Dir(t, evalset.SeedStory), corpus.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, d := range docs {
		all.WriteString(d.Text() + "\n\n")
	}
	text := all.String()
	shared := map[string]bool{}
	for _, q := range evalset.Questions() {
		shared[evalset.Fold(q.Question)] = true
	}

	qs := evalset.SeedPeopleQuestions()
	if len(qs) < minQuestions {
		t.Errorf("%d questions, want at least %d", len(qs), minQuestions)
	}
	ids, asked := map[string]bool{}, map[string]bool{}
	unanswerable := 0
	for _, q := range qs {
		if q.ID == "" || ids[q.ID] {
			t.Errorf("question id %q empty or used twice", q.ID)
		}
		ids[q.ID] = true
		f := evalset.Fold(q.Question)
		if shared[f] || asked[f] {
			t.Errorf("%s: %q is asked twice or copied from the shared set", q.ID, q.Question)
		}
		asked[f] = true
		if !q.Answerable {
			unanswerable++
			if len(q.Evidence)+len(q.AnswerTerms) > 0 {
				t.Errorf("%s: unanswerable but has evidence or answer terms", q.ID)
			}
			continue
		}
		if len(q.Evidence) == 0 || len(q.AnswerTerms) == 0 {
			t.Errorf("%s: answerable without evidence or answer terms", q.ID)
		}
		for _, e := range q.Evidence {
			if !evalset.Contains(text, e) {
				t.Errorf("%s: evidence %q is not in the cleaned articles", q.ID, e)
			}
		}
		for _, group := range q.AnswerTerms {
			if !containsAny(text, group) {
				t.Errorf("%s: no term of %q is in the cleaned articles", q.ID, group)
			}
		}
	}
	if share := float64(unanswerable) / float64(len(qs)); share < minUnanswerableShare {
		t.Errorf("%d of %d questions unanswerable (%.2f), want at least a third", unanswerable, len(qs), share)
	}
}
