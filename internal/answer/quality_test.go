package answer_test

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"dossier/internal/analysis"
	"dossier/internal/answer"
	"dossier/internal/answer/answereval"
	"dossier/internal/corpus"
	"dossier/internal/evalset"
	"dossier/internal/lang"
	"dossier/internal/quotes"
	"dossier/internal/testcorpus"
)

// squadFull runs every question of the SQuAD slice instead of a sample:
//
//	go test ./internal/answer -run TestQuality -squad.full -v
var squadFull = flag.Bool("squad.full", false, "run all 4,719 SQuAD questions in TestQuality, not a sample")

// squadSampleEvery keeps the normal test run short: every 10th SQuAD
// question (472 of 4,719, all ten articles) is asked.
const squadSampleEvery = 10

// Floors of TestQuality, per set: the share of answerable questions
// answered right must not fall below minRight and the share of questions
// given a wrong answer must not rise above maxWrong. They are regression
// guards, the figures the fitted models reached (testdata/quality_after.txt)
// less a margin of one or two questions, not the targets, which the
// answerer does not reach yet on every set (see the README). They were set
// again when the threshold stopped being fitted (it follows from the cost,
// answer.DefaultThreshold, 0.67) and the models were refitted on the grown
// sets, with the rules for prices, abbreviated months and words from a
// record: seed story 0.87 right with 1.4% wrong, second story 0.74 and
// 2.6%, the people-worded set 0.68 and 5.1%, the shared eval 12/14 and one
// wrong, SQuAD 0.60 right with 11.2% wrong (sample: 0.60 and 13.3%). The
// cross-validated trade-off curves are in testdata/fit_report.txt.
var qualityFloors = map[string]struct{ minRight, maxWrong float64 }{
	"shared eval":              {0.78, 0.07},
	"seed story":               {0.85, 0.025},
	"second story":             {0.72, 0.035},
	"seed people (not fitted)": {0.67, 0.065},
	"SQuAD slice":              {0.58, 0.115},
	"SQuAD slice (sample)":     {0.58, 0.14},
}

// qualitySet is one question set with the corpus it is asked against.
type qualitySet struct {
	name  string
	docs  func(t *testing.T) []*corpus.Document
	items func(t *testing.T) []answereval.Item
}

func storyDocs(story string) func(t *testing.T) []*corpus.Document {
	return func(t *testing.T) []*corpus.Document {
		docs, err := answereval.LoadStory(context.Background(), testcorpus.Dir(t, story))
		if err != nil {
			t.Fatal(err)
		}
		return docs
	}
}

func storyItems(story string) []answereval.Item {
	var items []answereval.Item
	for _, q := range evalset.StoryQuestions(story) {
		items = append(items, answereval.Item{Question: q, Group: story})
	}
	return items
}

func loadItems(t *testing.T, group string, files ...string) []answereval.Item {
	var out []answereval.Item
	for _, f := range files {
		items, err := answereval.LoadQuestions(filepath.Join("testdata", f), group)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, items...)
	}
	return out
}

func squad(t *testing.T) ([]*corpus.Document, []answereval.Item) {
	docs, items, err := answereval.LoadSQuAD(filepath.Join("testdata", "squad2", "train-slice.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !*squadFull {
		var sample []answereval.Item
		for i := 0; i < len(items); i += squadSampleEvery {
			sample = append(sample, items[i])
		}
		items = sample
	}
	return docs, items
}

// TestQuality prints, per set, how many answerable questions are answered
// right, how many unanswerable ones are abstained on, and how many wrong
// answers are shown; with -v it lists every wrong answer.
func TestQuality(t *testing.T) {
	if testing.Short() {
		t.Skip("answers every question of four sets")
	}
	var squadDocs []*corpus.Document
	var squadItems []answereval.Item
	sets := []qualitySet{
		{"shared eval", storyDocs(testcorpus.Seed), func(*testing.T) []answereval.Item {
			return storyItems(testcorpus.Seed)
		}},
		{"seed story", storyDocs(testcorpus.Seed), func(t *testing.T) []answereval.Item {
			return loadItems(t, testcorpus.Seed, "dev_questions.json", "heldout_questions.json", "story_questions.json")
		}},
		{"second story", storyDocs(testcorpus.Second), func(*testing.T) []answereval.Item {
			return storyItems(testcorpus.Second)
		}},
		// Written by the team's lexical engineer for issue 10 and landed
		// after the models were fitted; never fitted on. Its wrong answers
		// were read once, which led to the "about T" rule.
		{"seed people (not fitted)", storyDocs(testcorpus.Seed), func(*testing.T) []answereval.Item {
			var items []answereval.Item
			for _, q := range evalset.SeedPeopleQuestions() {
				items = append(items, answereval.Item{Question: q, Group: testcorpus.Seed})
			}
			return items
		}},
		{"SQuAD slice", func(t *testing.T) []*corpus.Document {
			squadDocs, squadItems = squad(t)
			return squadDocs
		}, func(*testing.T) []answereval.Item { return squadItems }},
	}
	var rows []answereval.Named
	for _, s := range sets {
		name := s.name
		docs := s.docs(t)
		an := analysis.New(lang.English())
		ix, err := answereval.BuildIndex(context.Background(), docs, an)
		if err != nil {
			t.Fatal(err)
		}
		e := answer.NewExtractive(ix, answer.WithAnalyzer(an), answer.WithQuotes(quotes.Build(docs)))
		var tally answereval.Tally
		var wrong []string
		for _, it := range s.items(t) {
			a, err := e.Answer(context.Background(), it.Question.Question)
			if err != nil {
				t.Fatalf("%s %s: %v", name, it.ID, err)
			}
			r := reply(a)
			tally.Add(it.Question, r)
			if ok, why := answereval.Judge(it.Question, r); !ok {
				wrong = append(wrong, fmt.Sprintf("%s %s → %s (confidence %.2f): %s", it.ID, it.Question.Question, why, a.Confidence, shortText(a.Text)))
			}
		}
		if name == "SQuAD slice" && !*squadFull {
			name += " (sample)"
		}
		rows = append(rows, answereval.Named{Name: name, Tally: tally})
		if f, ok := qualityFloors[name]; ok {
			if tally.RightShare() < f.minRight {
				t.Errorf("%s: %.2f of answerable questions answered right, floor %.2f", name, tally.RightShare(), f.minRight)
			}
			if tally.WrongShownShare() > f.maxWrong {
				t.Errorf("%s: %.3f of questions given a wrong answer, ceiling %.2f", name, tally.WrongShownShare(), f.maxWrong)
			}
		}
		if len(wrong) > 0 && name != "SQuAD slice (sample)" {
			t.Logf("%s: wrong answers shown:\n  %s", name, strings.Join(wrong, "\n  "))
		}
	}
	var b strings.Builder
	answereval.WriteTable(&b, rows)
	t.Logf("answer quality\n%s", b.String())
}

func reply(a answer.Answer) answereval.Reply {
	r := answereval.Reply{Abstained: a.Abstained, Text: a.Text}
	for _, c := range a.Citations {
		r.Cited = append(r.Cited, c.Text)
	}
	return r
}

func shortText(s string) string {
	if r := []rune(s); len(r) > 100 {
		return string(r[:99]) + "…"
	}
	return s
}
