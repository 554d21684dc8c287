package answer

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"dossier/internal/analysis"
	"dossier/internal/corpus"
	"dossier/internal/evalset"
	"dossier/internal/lang"
	"dossier/internal/quotes"
	"dossier/internal/retrieval"
	"dossier/internal/testcorpus"
)

// storyAnswerer builds the answerer over a test story as the library does:
// the index and the quote index of the same articles.
func storyAnswerer(t *testing.T, story string) (*Extractor, *retrieval.Index) {
	t.Helper()
	ix, docs := storyIndex(t, story)
	return NewExtractive(ix, WithAnalyzer(analysis.New(lang.English())), WithQuotes(quotes.Build(docs))), ix
}

// TestQuestionsPeopleAsk: each kind of question people ask, on both
// stories — yes/no, why, who is X, what did X say about T, how did X
// react — is read as that kind and answered with a sentence that states
// it; what did X say, for someone the articles do not quote, is abstained
// on.
func TestQuestionsPeopleAsk(t *testing.T) {
	tests := []struct {
		story, question string
		kind            kind
		want            []string // the answer holds one of these; none: abstain
		// miss marks a case the answerer gets wrong today (see the README's
		// /ask quality section): its outcome is logged, not asserted, so
		// the table shows what is left to do.
		miss bool
	}{
		{testcorpus.Seed, "Did the White House dispute the transcript?", kindYesNo, []string{"did not dispute"}, false},
		{testcorpus.Second, "Will Pieter Halloran step down?", kindYesNo, []string{"not"}, false},
		{testcorpus.Seed, "Why was the disclosure made, according to Peskov?", kindReason, []string{"intended to undermine"}, false},
		{testcorpus.Second, "Why did the water authority open the gates of the Kessel Dam?", kindReason, []string{"overflow", "at risk", "overtopping"}, false},
		{testcorpus.Seed, "Who is Dmitry Peskov?", kindIdentity, []string{"spokesman"}, false},
		{testcorpus.Second, "Who is Irena Vasko?", kindIdentity, []string{"mayor"}, false},
		{testcorpus.Seed, "What did Dmitriev say about warmongers?", kindStatement, []string{"warmongers"}, false},
		{testcorpus.Second, "What did Greta Moll say about her rescue?", kindStatement, []string{"hymn", "dreaming", "six hours"}, true},
		{testcorpus.Seed, "How did Dmitriev react to the Bloomberg report?", kindStatement, []string{"fake", "warmongers"}, true},
		{testcorpus.Second, "How did residents react to the dam release?", kindStatement, []string{"protest", "anger", "angry"}, true},
		{testcorpus.Seed, "What did Putin say about the transcript?", kindStatement, nil, false},
		{testcorpus.Second, "What did Helena Marsh say about the inquiry?", kindStatement, nil, false},
		{testcorpus.Seed, "What did Ted Lieu say about Ushakov?", kindStatement, nil, false},
		{testcorpus.Second, "What did Irena Vasko say about the prime minister?", kindStatement, nil, false},
	}
	answerers := map[string]*Extractor{}
	for _, tt := range tests {
		t.Run(tt.story+"/"+tt.question, func(t *testing.T) {
			e := answerers[tt.story]
			if e == nil {
				e, _ = storyAnswerer(t, tt.story)
				answerers[tt.story] = e
			}
			if q := parseQuestion(lang.English(), analysis.New(lang.English()), tt.question); q.kind != tt.kind {
				t.Errorf("read as %v, want %v", q.kind, tt.kind)
			}
			a, err := e.Answer(context.Background(), tt.question)
			if err != nil {
				t.Fatal(err)
			}
			problem := judgeKind(a, tt.want)
			switch {
			case problem != "" && tt.miss:
				t.Logf("known miss: %s", problem)
			case problem != "":
				t.Error(problem)
			case tt.miss:
				t.Logf("known miss now passes: %q", a.Text)
			}
		})
	}
}

// judgeKind says what is wrong with an answer that should hold one of
// want, or abstain when want is nil; "" when nothing is.
func judgeKind(a Answer, want []string) string {
	if want == nil {
		if !a.Abstained {
			return fmt.Sprintf("answered %q, want an abstention", a.Text)
		}
		return ""
	}
	if a.Abstained {
		return fmt.Sprintf("abstained (confidence %.2f), want one of %q", a.Confidence, want)
	}
	for _, w := range want {
		if evalset.Contains(a.Text, w) {
			return ""
		}
	}
	return fmt.Sprintf("answer %q holds none of %q", a.Text, want)
}

// TestArticlesDiffer: units of different articles that report the same
// fact with different numbers, or one denying what the other affirms in
// reply to a yes/no question, are not cited as one fact.
func TestArticlesDiffer(t *testing.T) {
	tests := []struct {
		question string
		passages []string
		differ   bool
	}{
		{"How long will the port strike last?", []string{
			"The port strike in Hallen would last 1 week, the union said on Monday.",
			"The port strike in Hallen would last 3 weeks, the union said on Monday.",
		}, true},
		{"How long will the port strike last?", []string{
			"The port strike in Hallen would last 2 weeks, the union said on Monday.",
			"The port strike in Hallen would last 2 weeks, the union said on Monday, Oct. 14.",
		}, false},
		// Number words meet digits: "three" and "five" differ, "five"
		// and "5" agree.
		{"How many people died in the Hallen flood?", []string{
			"The flood in Hallen killed three people, the rescue agency said on Monday.",
			"The flood in Hallen killed five people, the rescue agency said on Monday.",
		}, true},
		{"How many people died in the Hallen flood?", []string{
			"The flood in Hallen killed five people, the rescue agency said on Monday.",
			"The flood in Hallen killed 5 people, the rescue agency said on Monday.",
		}, false},
		// A number is read by its value: "4,000" is not "4" and "000",
		// and agrees with "four thousand"; 4,000 and 6,500 differ.
		{"How many people left their homes in the Hallen flood?", []string{
			"The flood in Hallen forced 4,000 people from their homes, the rescue agency said on Monday.",
			"The flood in Hallen forced four thousand people from their homes, the rescue agency said on Monday.",
		}, false},
		{"How many people left their homes in the Hallen flood?", []string{
			"The flood in Hallen forced 4,000 people from their homes, the rescue agency said on Monday.",
			"The flood in Hallen forced 6,500 people from their homes, the rescue agency said on Monday.",
		}, true},
		{"How much damage did the Hallen flood cause?", []string{
			"The flood in Hallen caused damage worth 4,000 euros, the city council said on Monday.",
			"The flood in Hallen caused damage worth 4 million euros, the city council said on Monday.",
		}, true},
		// Numbers of other things do not make a disagreement.
		{"Why did the port authority close the Hallen harbour gates?", []string{
			"Until 2019 the port authority ran the Hallen harbour gates, which it closed on Monday to stop the storm surge.",
			"The port authority closed the Hallen harbour gates, about 30 kilometres from the city, on Monday to stop the storm surge.",
		}, false},
		{"Did the ministry approve the port expansion plan?", []string{
			"The ministry approved the port expansion plan on Friday after a long review.",
			"The ministry did not approve the port expansion plan on Friday after a long review.",
		}, true},
	}
	for _, tt := range tests {
		e := NewExtractive(passages(tt.passages...), WithThreshold(0))
		a, err := e.Answer(context.Background(), tt.question)
		if err != nil {
			t.Fatal(err)
		}
		checkAnswer(t, a, func(id string) (corpus.Chunk, bool) {
			for _, r := range passages(tt.passages...).results {
				if r.Chunk.ID == id {
					return r.Chunk, true
				}
			}
			return corpus.Chunk{}, false
		})
		if got := strings.HasPrefix(a.Text, DifferPrefix); got != tt.differ {
			t.Errorf("%q over %q: answer %q, want differ=%v", tt.question, tt.passages, a.Text, tt.differ)
		}
		if tt.differ && len(a.Citations) != 2 {
			t.Errorf("%q: %d citations, want one per version", tt.question, len(a.Citations))
		}
	}
}

// TestConcurrentAnswersAgree: one Extractor answering from many goroutines
// (its paragraph cache shared) gives each question the answer it gives
// alone; run with -race.
func TestConcurrentAnswersAgree(t *testing.T) {
	e, _ := storyAnswerer(t, testcorpus.Second)
	qs := evalset.StoryQuestions(testcorpus.Second)
	want := map[string]string{}
	fresh, _ := storyAnswerer(t, testcorpus.Second)
	for _, q := range qs {
		a, err := fresh.Answer(context.Background(), q.Question)
		if err != nil {
			t.Fatal(err)
		}
		want[q.Question] = a.Text
	}
	errs := make(chan string, 4*len(qs))
	done := make(chan struct{})
	for g := range 4 {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := range qs {
				q := qs[(i+g*7)%len(qs)].Question
				a, err := e.Answer(context.Background(), q)
				if err != nil || a.Text != want[q] {
					errs <- fmt.Sprintf("%q: got %q (err %v), want %q", q, a.Text, err, want[q])
				}
			}
		}()
	}
	for range 4 {
		<-done
	}
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
