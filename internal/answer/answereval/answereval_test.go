package answereval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/internal/evalset"
)

// TestTally: each outcome lands in its column, and wrong answers shown
// count both wrong answers and answered unanswerable questions.
func TestTally(t *testing.T) {
	answerable := evalset.Question{ID: "a", Answerable: true, Evidence: []string{"June 4"}, AnswerTerms: [][]string{{"june 4", "4 june"}}}
	unanswerable := evalset.Question{ID: "u"}
	right := Reply{Text: "The strike began on June 4. [1]", Cited: []string{"The strike began on June 4."}}
	wrong := Reply{Text: "The strike began in May. [1]", Cited: []string{"The strike began in May."}}
	abstain := Reply{Abstained: true, Text: "The articles don't answer this question."}
	tests := []struct {
		q    evalset.Question
		r    Reply
		want Tally
	}{
		{answerable, right, Tally{Answerable: 1, Right: 1}},
		{answerable, wrong, Tally{Answerable: 1, WrongAnswer: 1, WrongShown: 1}},
		{answerable, abstain, Tally{Answerable: 1, Withheld: 1}},
		{unanswerable, abstain, Tally{Unanswerable: 1, Abstained: 1}},
		{unanswerable, right, Tally{Unanswerable: 1, WrongShown: 1}},
	}
	for _, tt := range tests {
		var got Tally
		got.Add(tt.q, tt.r)
		if got != tt.want {
			t.Errorf("%s %q: tally %+v, want %+v", tt.q.ID, tt.r.Text, got, tt.want)
		}
	}
	all := Tally{Answerable: 4, Right: 2, Withheld: 1, WrongAnswer: 1, WrongShown: 2, Unanswerable: 1}
	if c := all.Cost(); c != 2*2+1 {
		t.Errorf("cost %v, want 5 (two wrong answers at 2, one withheld at 1)", c)
	}
	var b strings.Builder
	WriteTable(&b, []Named{{"set", all}})
	if !strings.Contains(b.String(), "2/4 0.50") {
		t.Errorf("table lacks the right answers:\n%s", b.String())
	}
}

// TestLoadSQuAD: each article is one document of its paragraphs; a gold
// answer is both answer term and evidence; impossible questions are
// unanswerable; the group is the article.
func TestLoadSQuAD(t *testing.T) {
	path := filepath.Join(t.TempDir(), "squad.json")
	data := `{"data": [{"title": "Port_of_Hallen", "paragraphs": [
		{"context": "The port opened in 1901.", "qas": [
			{"id": "q1", "question": "When did the port open?", "is_impossible": false, "answers": [{"text": "1901", "answer_start": 19}]},
			{"id": "q2", "question": "When did the port close?", "is_impossible": true, "answers": []}]},
		{"context": "It handles grain.", "qas": []}]}]}`
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	docs, items, err := LoadSQuAD(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || len(docs[0].Paragraphs) != 2 || docs[0].Title != "Port of Hallen" {
		t.Fatalf("docs %+v", docs)
	}
	if len(items) != 2 || !items[0].Answerable || items[1].Answerable || items[0].Group != docs[0].ID {
		t.Fatalf("items %+v", items)
	}
	if ok, why := Judge(items[0].Question, Reply{Text: "The port opened in 1901. [1]", Cited: []string{"The port opened in 1901."}}); !ok {
		t.Errorf("a reply holding the gold answer fails: %s", why)
	}
	if _, _, err := LoadSQuAD(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Error("a missing file gives no error")
	}
}
