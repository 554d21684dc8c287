// Package answereval measures an answerer on question sets: it loads the
// sets (the project's questions.json shape and the SQuAD 2.0 slice), builds
// the corpora they are asked against, judges each reply and counts what a
// reader would see: answerable questions answered right, unanswerable ones
// abstained on, and wrong answers shown. The answer package's quality test
// and its fitting command (internal/answer/fit) share it, so the figures
// the model is chosen by and the figures reported are counted the same way.
package answereval

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"dossier/internal/analysis"
	"dossier/internal/answer"
	"dossier/internal/corpus"
	"dossier/internal/embed"
	"dossier/internal/evalset"
	"dossier/internal/retrieval"
)

// Item is one question of a set, with the group it is cross-validated by:
// its article for SQuAD, its story for the project's sets.
type Item struct {
	evalset.Question
	Group string
}

// Reply is what the judge needs of an answer.
type Reply struct {
	Abstained bool
	Text      string
	Cited     []string // the texts of the citations
}

// Judge applies questions.json's rules: an answerable question is answered
// right when the reply holds a term of every answer_terms group and a
// citation holds an evidence phrase (SQuAD items carry their gold answers
// as both); an unanswerable one when the reply abstains.
func Judge(q evalset.Question, r Reply) (ok bool, why string) {
	if !q.Answerable {
		if !r.Abstained {
			return false, "answered an unanswerable question"
		}
		return true, ""
	}
	if r.Abstained {
		return false, "abstained"
	}
	if !HoldsAnswer(q, r.Text) {
		return false, "answer lacks the answer terms"
	}
	for _, c := range r.Cited {
		for _, ev := range q.Evidence {
			if evalset.Contains(c, ev) {
				return true, ""
			}
		}
	}
	return false, "no citation holds an evidence phrase"
}

// HoldsAnswer reports whether text holds a term of every answer_terms group.
func HoldsAnswer(q evalset.Question, text string) bool {
	for _, group := range q.AnswerTerms {
		found := false
		for _, term := range group {
			found = found || evalset.Contains(text, term)
		}
		if !found {
			return false
		}
	}
	return len(q.AnswerTerms) > 0
}

// Tally counts one set's outcomes.
type Tally struct {
	Answerable   int // answerable questions
	Right        int // answerable, answered right
	Withheld     int // answerable, abstained on
	Unanswerable int // unanswerable questions
	Abstained    int // unanswerable, abstained on
	WrongAnswer  int // answerable, answered but wrong
	WrongShown   int // WrongAnswer plus unanswerable answered
}

// Add counts one judged reply.
func (t *Tally) Add(q evalset.Question, r Reply) {
	ok, _ := Judge(q, r)
	if q.Answerable {
		t.Answerable++
		switch {
		case ok:
			t.Right++
		case r.Abstained:
			t.Withheld++
		default:
			t.WrongAnswer++
			t.WrongShown++
		}
		return
	}
	t.Unanswerable++
	if r.Abstained {
		t.Abstained++
	} else {
		t.WrongShown++
	}
}

// Questions is the number of questions counted.
func (t Tally) Questions() int { return t.Answerable + t.Unanswerable }

// RightShare is the share of answerable questions answered right.
func (t Tally) RightShare() float64 { return share(t.Right, t.Answerable) }

// WithheldShare is the share of answerable questions abstained on.
func (t Tally) WithheldShare() float64 { return share(t.Withheld, t.Answerable) }

// AbstainedShare is the share of unanswerable questions abstained on.
func (t Tally) AbstainedShare() float64 { return share(t.Abstained, t.Unanswerable) }

// WrongShownShare is the share of all questions that got a wrong answer.
func (t Tally) WrongShownShare() float64 { return share(t.WrongShown, t.Questions()) }

// Cost is the operating cost the answerer is tuned for: a wrong answer
// shown costs WrongCost, a right answer withheld costs 1.
func (t Tally) Cost() float64 { return WrongCost*float64(t.WrongShown) + float64(t.Withheld) }

// WrongCost is what one wrong answer shown costs, counted in right answers
// withheld: the answerer's own (answer.WrongCost), from which its
// threshold follows.
const WrongCost = answer.WrongCost

func share(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// Named is a tally with the set's name.
type Named struct {
	Name string
	Tally
}

// WriteTable writes one row per set: answerable answered right,
// unanswerable abstained on, wrong answers shown, answerable withheld.
func WriteTable(w io.Writer, rows []Named) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "set\tquestions\tanswerable right\tunanswerable abstained\twrong shown\tanswerable withheld\tcost (2×wrong+withheld)")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%d\t%d/%d %.2f\t%d/%d %.2f\t%d %.3f\t%d/%d %.2f\t%.0f\n", r.Name, r.Questions(),
			r.Right, r.Answerable, r.RightShare(), r.Abstained, r.Unanswerable, r.AbstainedShare(),
			r.WrongShown, r.WrongShownShare(), r.Withheld, r.Answerable, r.WithheldShare(), r.Cost())
	}
	tw.Flush()
}

// LoadQuestions reads a file shaped like the shared questions.json; every
// item gets the group given.
func LoadQuestions(path, group string) ([]Item, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read question set: %w", err)
	}
	return ParseQuestions(b, group, path)
}

// ParseQuestions parses a questions.json-shaped document; name says where
// it came from in errors.
func ParseQuestions(b []byte, group, name string) ([]Item, error) {
	var v struct{ Questions []evalset.Question }
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	items := make([]Item, len(v.Questions))
	for i, q := range v.Questions {
		items[i] = Item{Question: q, Group: group}
	}
	return items, nil
}

// LoadSQuAD reads a SQuAD 2.0 file as its README says to use it: each
// article one document of the corpus (its paragraphs, in order), every
// question asked against the whole corpus, grouped by article. A gold
// answer serves as both answer term and evidence: the reply must hold one.
func LoadSQuAD(path string) ([]*corpus.Document, []Item, error) {
	arts, err := evalset.LoadSQuAD(path)
	if err != nil {
		return nil, nil, err
	}
	var docs []*corpus.Document
	var items []Item
	for _, a := range arts {
		d := &corpus.Document{Meta: corpus.Meta{ID: corpus.Slug(a.Title), Title: strings.ReplaceAll(a.Title, "_", " ")}}
		for _, p := range a.Paragraphs {
			d.Paragraphs = append(d.Paragraphs, strings.TrimSpace(p))
		}
		for _, q := range a.Questions {
			items = append(items, Item{Question: q, Group: d.ID})
		}
		docs = append(docs, d)
	}
	return docs, items, nil
}

// LoadStory reads a story's articles from a directory.
func LoadStory(ctx context.Context, dir string) ([]*corpus.Document, error) {
	docs, err := corpus.LoadDir(ctx, dir, corpus.LoadOptions{})
	if err != nil {
		return nil, fmt.Errorf("load story %s: %w", dir, err)
	}
	return docs, nil
}

// BuildIndex indexes documents in memory as the bot does without an
// embedding server.
func BuildIndex(ctx context.Context, docs []*corpus.Document, an *analysis.Analyzer) (*retrieval.Index, error) {
	ix, _, err := retrieval.Build(ctx, docs, embed.NewLocal(an, 0), an, retrieval.BuildOptions{})
	if err != nil {
		return nil, fmt.Errorf("build index: %w", err)
	}
	return ix, nil
}
