package answer

import (
	"context"
	"errors"
	"strings"
	"testing"

	"dossier/internal/analysis"
	"dossier/internal/corpus"
	"dossier/internal/lang"
)

var _ interface {
	Answer(context.Context, string) (Answer, error)
} = (*Extractor)(nil)

// answerOf answers with the default threshold; rankedAnswerOf never
// abstains for want of confidence, for tests of which sentences an answer
// is made of rather than of whether it is given.
func answerOf(t *testing.T, s Searcher, q string, opts ...Option) Answer {
	t.Helper()
	a, err := NewExtractive(s, opts...).Answer(context.Background(), q)
	if err != nil {
		t.Fatalf("%q: %v", q, err)
	}
	checkAnswer(t, a, s.(*fakeSearcher).chunk)
	return a
}

func rankedAnswerOf(t *testing.T, s Searcher, q string) Answer {
	t.Helper()
	return answerOf(t, s, q, WithThreshold(0))
}

func (f *fakeSearcher) chunk(id string) (c corpus.Chunk, ok bool) {
	for _, r := range f.results {
		if r.Chunk.ID == id {
			return r.Chunk, true
		}
	}
	return c, false
}

func TestDependentSentenceCarriesContext(t *testing.T) {
	s := passages("The council met on Monday.\n\nMaria Lopez leads the water agency. She said the dam will open in March 2026.")
	a := answerOf(t, s, "When will the dam open?")
	want := "Maria Lopez leads the water agency. She said the dam will open in March 2026. [1]"
	if a.Text != want {
		t.Errorf("text = %q, want %q", a.Text, want)
	}
}

func TestDependentSentenceWithoutContextIsSkipped(t *testing.T) {
	s := passages(
		"She said the dam will open in March 2026.",
		"Engineers expect the dam to open in spring, the agency said.",
	)
	a := rankedAnswerOf(t, s, "When will the dam open?")
	if strings.Contains(a.Text, "She said") {
		t.Errorf("text = %q, quotes a sentence whose subject is in no passage", a.Text)
	}
	if a.Abstained || !strings.Contains(a.Text, "Engineers expect") {
		t.Errorf("text = %q, want the self-contained sentence", a.Text)
	}
}

func TestQuotationShownWholeWithSpeaker(t *testing.T) {
	s := passages("“We will open the dam. It is safe now. Nobody should worry,” Lopez told reporters.")
	a := answerOf(t, s, "What did Lopez say about the dam being safe?")
	want := "“We will open the dam. It is safe now. Nobody should worry,” Lopez told reporters. [1]"
	if a.Text != want {
		t.Errorf("text = %q, want %q", a.Text, want)
	}
}

func TestUnattributedQuotationGetsLeadIn(t *testing.T) {
	s := passages("Lopez defended the plan at a briefing. “The dam is safe.”")
	a := rankedAnswerOf(t, s, "What did Lopez say about the dam?")
	if !strings.HasPrefix(a.Text, "Lopez defended the plan at a briefing. “The dam is safe.” [1]") {
		t.Errorf("text = %q, want the quotation with the sentence that says whose it is", a.Text)
	}
}

func TestSameFactFromTwoArticlesCitedTogether(t *testing.T) {
	s := passages(
		"Officials said the dam on the Rio Verde will open on March 3.",
		"The dam on the Rio Verde will open on March 3, officials said.",
		"Farmers downstream welcomed the news.",
	)
	a := answerOf(t, s, "When will the dam on the Rio Verde open?")
	if got := strings.Count(a.Text, "March 3"); got != 1 {
		t.Errorf("text = %q: says the date %d times, want once", a.Text, got)
	}
	if !strings.Contains(a.Text, "[1][2]") || len(a.Citations) != 2 || a.Citations[0].Doc == a.Citations[1].Doc {
		t.Errorf("text = %q, citations %+v: want one sentence citing both articles as [1][2]", a.Text, a.Citations)
	}
}

func TestAtMostThreeSentences(t *testing.T) {
	// Five distinct facts that answer equally well: only three are given.
	s := passages(
		"Engineers say the dam will open in March 2026 once the turbines pass inspection.",
		"Farmers were told the dam would open in April 2026 to irrigate the valley's orchards.",
		"The governor announced that the dam will open in May 2026 with a public ceremony.",
		"Environmental groups fear the dam will open in June 2026 before fish ladders are built.",
		"Contractors warned the dam might open in July 2026 because of steel shortages.",
	)
	a := answerOf(t, s, "When will the dam open?")
	if got := sentencesOf(a.Text); got != 3 {
		t.Errorf("text = %q: %d sentences, want 3", a.Text, got)
	}
}

// sentencesOf counts the runs of markers in an answer: one per quoted
// unit.
func sentencesOf(text string) int {
	n, last := 0, -1
	for _, m := range findMarkers(text) {
		if m.start != last {
			n++
		}
		last = m.end
	}
	return n
}

func TestKindRanksAnswerFirst(t *testing.T) {
	tests := []struct {
		q, want string
	}{
		{"When did the strike at the port begin?", "The strike at the port began on June 4."},
		{"How many workers joined the strike at the port?", "About 1,200 workers joined the strike at the port."},
		{"Where did the port workers march?", "The port workers marched to City Hall."},
		{"Who called the strike at the port?", "The Dockers Union called the strike at the port."},
		{"How long did the strike at the port last?", "The strike at the port lasted nine days."},
	}
	s := passages(
		"The strike at the port was loud. The port workers marched to City Hall.",
		"The strike at the port began on June 4. The strike at the port lasted nine days.",
		"The Dockers Union called the strike at the port. About 1,200 workers joined the strike at the port.",
	)
	for _, tt := range tests {
		a := answerOf(t, s, tt.q)
		if !strings.HasPrefix(a.Text, tt.want) {
			t.Errorf("%q: text = %q, want it to start with %q", tt.q, a.Text, tt.want)
		}
	}
}

func TestAbstainsWhenPassagesDoNotAnswer(t *testing.T) {
	s := passages("The strike at the port began on June 4.", "The port workers marched to City Hall.")
	a := answerOf(t, s, "What is the capital of Peru?")
	if !a.Abstained || a.Text != abstainText || len(a.Citations) != 0 {
		t.Errorf("got %+v, want a plain abstention without sources", a)
	}
	a = answerOf(t, s, "What did the port workers eat for lunch during the strike?")
	if !a.Abstained || len(a.Citations) == 0 || !strings.HasSuffix(a.Text, abstainClosestText) {
		t.Errorf("got %+v, want an abstention offering the closest passages", a)
	}
}

func TestFootnotedSentencesAreNotQuoted(t *testing.T) {
	s := passages("The strike at the port began on June 4.[2]", "Workers say the strike at the port began in early June.")
	a := answerOf(t, s, "When did the strike at the port begin?")
	if strings.Contains(a.Text, "June 4") {
		t.Errorf("text = %q: quotes a sentence holding a footnote marker", a.Text)
	}
}

func TestBadQuestions(t *testing.T) {
	s := passages("The strike at the port began on June 4.")
	for _, tt := range []struct {
		q    string
		want error
	}{
		{"", ErrEmptyQuestion},
		{" \n\t ", ErrEmptyQuestion},
		{strings.Repeat("é", MaxQuestionRunes+1), ErrQuestionTooLong},
		{"when\xff", ErrQuestionNotText},
	} {
		_, err := NewExtractive(s).Answer(context.Background(), tt.q)
		if !errors.Is(err, tt.want) {
			t.Errorf("%q: err = %v, want %v", tt.q, err, tt.want)
		}
	}
}

func TestSearchFailureIsReturned(t *testing.T) {
	boom := errors.New("index gone")
	_, err := NewExtractive(&fakeSearcher{err: boom}).Answer(context.Background(), "who leaked the call")
	if !errors.Is(err, boom) {
		t.Errorf("err = %v, want it to wrap %v", err, boom)
	}
}

// TestWhoPrefersTheNameThatDidIt: for "who <did> X", a name standing where
// the doer does ("Acme sold…", "…was sold by Acme") states the kind asked
// more fully than names that merely share the sentence with the question's
// words. (How much that outweighs the passage's rank is the fitted model's
// call.)
func TestWhoPrefersTheNameThatDidIt(t *testing.T) {
	l, an := lang.English(), analysis.New(lang.English())
	q := parseQuestion(l, an, "who sold the painting")
	doer := newSentence(l, an, "The painting was sold by Halvorsen Auctions on Tuesday.", corpusSpan(0, 55))
	bystander := "After the vote in Lyon, a second sold painting emerged, showing Rivera meeting Okafor at the gallery."
	other := newSentence(l, an, bystander, corpusSpan(0, len(bystander)))
	p := &pool{l: l, q: &q, names: map[string]bool{}}
	for _, s := range []*sentence{doer, other} {
		s.match = matchTerms(q.terms, s.stems)
		p.noteNames(s)
	}
	if d, o := p.sentenceKind(doer), p.sentenceKind(other); d <= o {
		t.Errorf("kind of the doer's sentence %.2f, of the bystanders' %.2f: want the doer's higher", d, o)
	}
}

func TestInvisibleCharactersDoNotSplitWords(t *testing.T) {
	s := passages("Rivera said the bridge will reopen in May.")
	plain := answerOf(t, s, "When will the bridge reopen?")
	hidden := answerOf(t, s, "When will the bri\u200bdge re\u00adopen?\u202e")
	if hidden.Text != plain.Text || hidden.Question != plain.Question {
		t.Errorf("with invisible characters: %q (question %q), want %q (question %q)", hidden.Text, hidden.Question, plain.Text, plain.Question)
	}
}

// TestFragmentNotAdded: a unit of a few words ("Lucas Feld: Very.", an
// interview's label and reply) is never added after the best unit, however
// close its log-odds.
func TestFragmentNotAdded(t *testing.T) {
	s := passages(
		"Lucas Feld is a professor of hydrology at the University of Marren.",
		"Lucas Feld: Very.",
	)
	a := rankedAnswerOf(t, s, "Who is Lucas Feld?")
	if strings.Contains(a.Text, "Very.") {
		t.Errorf("text = %q, adds a fragment", a.Text)
	}
	if !strings.Contains(a.Text, "professor of hydrology") {
		t.Errorf("text = %q, want the description", a.Text)
	}
}
