package answer

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/internal/analysis"
	"dossier/internal/corpus"
	"dossier/internal/embed"
	"dossier/internal/evalset"
	"dossier/internal/retrieval"
)

// corpusDir is the repository's seed corpus.
const corpusDir = "../../corpus"

// seedIndex builds the index of the seed corpus in memory, as the bot
// does, and returns it with the cleaned documents.
func seedIndex(tb testing.TB) (*retrieval.Index, []*corpus.Document) {
	tb.Helper()
	ctx := context.Background()
	docs, err := corpus.LoadDir(ctx, corpusDir, corpus.LoadOptions{})
	if err != nil {
		tb.Fatalf("load corpus: %v", err)
	}
	an := analysis.New()
	ix, _, err := retrieval.Build(ctx, docs, embed.NewLocal(an, 0), an, retrieval.BuildOptions{})
	if err != nil {
		tb.Fatalf("build index: %v", err)
	}
	return ix, docs
}

// questionSet reads a file shaped like the shared questions.json.
func questionSet(tb testing.TB, name string) []evalset.Question {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	var v struct{ Questions []evalset.Question }
	if err := json.Unmarshal(b, &v); err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	return v.Questions
}

// judge applies questions.json's rules to an answer: for an answerable
// question, the text holds a term of every answer_terms group and a
// citation holds an evidence phrase; for an unanswerable one, the answer
// abstains.
func judge(q evalset.Question, a Answer) (ok bool, why string) {
	if !q.Answerable {
		if !a.Abstained {
			return false, "answered an unanswerable question"
		}
		return true, ""
	}
	if a.Abstained {
		return false, "abstained"
	}
	for _, group := range q.AnswerTerms {
		found := false
		for _, term := range group {
			found = found || evalset.Contains(a.Text, term)
		}
		if !found {
			return false, "answer lacks any of " + strings.Join(group, " | ")
		}
	}
	for _, c := range a.Citations {
		for _, ev := range q.Evidence {
			if evalset.Contains(c.Text, ev) {
				return true, ""
			}
		}
	}
	return false, "no citation holds an evidence phrase"
}
