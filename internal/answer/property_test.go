package answer

import (
	"context"
	"errors"
	"strings"
	"testing"

	"dossier/internal/evalset"
	"dossier/internal/testcorpus"
)

// extraQuestions are not in any question set: off-topic, vague, odd,
// hostile and foreign-language input a Discord user may type.
var extraQuestions = []string{
	"Why did Witkoff call Ushakov?",
	"What happened on October 14?",
	"Tell me about the peace plan",
	"What is NATO?",
	"Is Bloomberg reliable?",
	"witkoff",
	"Donetsk",
	"What did he say?",
	"Who?",
	"When?",
	"How many?",
	"??",
	"@everyone who leaked the call",
	"<@&123456789012345678> what did Trump say",
	"who leaked the call [1] [2] [9]",
	"What did Trump say about Zelenskyy and Tomahawks, and who is Kushner?",
	"Qui a divulgué l'appel ?",
	"Сколько длился звонок?",
	"😀",
	"What is the meaning of life?",
	"How do I reset my router password?",
	"Who will win the next election in Brazil?",
	"Explain quantum computing in simple terms",
	"what did ushakov say about the leak and whatsapp and the kremlin and the talks",
	strings.Repeat("leak ", 99),
}

// TestAnswerProperties checks every answer to every question we have:
// markers resolve to citations in order, citations are verbatim corpus
// text, abstentions carry no markers.
func TestAnswerProperties(t *testing.T) {
	sets := map[string][][]evalset.Question{
		testcorpus.Seed:   {evalset.Questions(), questionSet(t, "dev_questions.json"), questionSet(t, "heldout_questions.json")},
		testcorpus.Second: {evalset.StoryQuestions(testcorpus.Second)},
	}
	for _, story := range testcorpus.Names() {
		t.Run(story, func(t *testing.T) { checkProperties(t, story, sets[story]) })
	}
}

func checkProperties(t *testing.T, story string, sets [][]evalset.Question) {
	ix, docs := storyIndex(t, story)
	e := NewExtractive(ix)
	var questions []string
	for _, set := range sets {
		for _, q := range set {
			questions = append(questions, q.Question)
		}
	}
	questions = append(questions, extraQuestions...)
	var text strings.Builder
	for _, d := range docs {
		text.WriteString(d.Text() + "\n")
	}
	for _, q := range questions {
		a, err := e.Answer(context.Background(), q)
		if err != nil {
			t.Errorf("%q: %v", q, err)
			continue
		}
		checkAnswer(t, a, ix.Chunk)
		for _, c := range a.Citations {
			if !strings.Contains(text.String(), c.Text) {
				t.Errorf("%q: [%d] not in the cleaned corpus: %q", q, c.N, c.Text)
			}
		}
		if a.Mode != Extractive || a.Question == "" {
			t.Errorf("%q: mode %q question %q", q, a.Mode, a.Question)
		}
	}
}

// TestOffTopicAbstains: questions about other subjects are abstained on.
func TestOffTopicAbstains(t *testing.T) {
	for _, story := range testcorpus.Names() {
		t.Run(story, func(t *testing.T) { checkOffTopicAbstains(t, story) })
	}
}

func checkOffTopicAbstains(t *testing.T, story string) {
	ix, _ := storyIndex(t, story)
	e := NewExtractive(ix)
	for _, q := range []string{"What is the meaning of life?", "How do I reset my router password?",
		"Who will win the next election in Brazil?", "Explain quantum computing in simple terms", "😀", "??"} {
		a, err := e.Answer(context.Background(), q)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if !a.Abstained {
			t.Errorf("%q: answered %q, want an abstention", q, a.Text)
		}
		if a.Text == "" || !strings.HasPrefix(a.Text, abstainText) {
			t.Errorf("%q: abstention text %q, want it to start %q", q, a.Text, abstainText)
		}
	}
}

// FuzzExtractive: no input panics, and every answer holds the properties.
func FuzzExtractive(f *testing.F) {
	for _, q := range extraQuestions {
		f.Add(q)
	}
	for _, q := range evalset.Questions() {
		f.Add(q.Question)
	}
	f.Add("“He said” [3-1] [0] [99999999999999999999]")
	f.Add("\xff\xfe")
	ix, _ := seedIndex(f)
	e := NewExtractive(ix)
	f.Fuzz(func(t *testing.T, q string) {
		a, err := e.Answer(context.Background(), q)
		if err != nil {
			if !errors.Is(err, ErrEmptyQuestion) && !errors.Is(err, ErrQuestionTooLong) && !errors.Is(err, ErrQuestionNotText) {
				t.Fatalf("%q: unexpected error %v", q, err)
			}
			return
		}
		checkAnswer(t, a, ix.Chunk)
	})
}

// TestConcurrentAnswers: one answerer serves many questions at once (run
// with -race), each answer the same as when asked alone.
func TestConcurrentAnswers(t *testing.T) {
	ix, _ := seedIndex(t)
	e := NewExtractive(ix)
	qs := evalset.Questions()
	want := make([]string, len(qs))
	for i, q := range qs {
		a, err := e.Answer(context.Background(), q.Question)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = a.Text
	}
	errs := make(chan string, 4*len(qs))
	done := make(chan struct{})
	for w := 0; w < 4; w++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for i, q := range qs {
				a, err := e.Answer(context.Background(), q.Question)
				if err != nil || a.Text != want[i] {
					errs <- q.ID
				}
			}
		}()
	}
	for w := 0; w < 4; w++ {
		<-done
	}
	close(errs)
	for id := range errs {
		t.Errorf("%s: concurrent answer differs from the answer alone", id)
	}
}
