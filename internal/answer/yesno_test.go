package answer

import (
	"context"
	"strings"
	"testing"

	"dossier/internal/testcorpus"
)

// TestClaimStanceOnStories: which units bear on a yes/no question's claim,
// and on which side, on both stories.
func TestClaimStanceOnStories(t *testing.T) {
	tests := []struct {
		story, question, holding string
		bears, against           bool
	}{
		// A negation or a denial before the predicate says no.
		{testcorpus.Seed, "Did the White House dispute the transcript?", "did not dispute the transcript’s accuracy", true, true},
		{testcorpus.Seed, "Did the Associated Press verify the transcript?", "has not independently verified the transcript", true, true},
		{testcorpus.Seed, "Had Trump heard the audio of the call?", "he had not heard the audio himself", true, true},
		{testcorpus.Second, "Will Pieter Halloran step down?", "said he would not step down", true, true},
		// Denials answer one another: not challenging is not denying.
		{testcorpus.Seed, "Did Ushakov deny that the recording was authentic?", "did not challenge the recording’s authenticity", true, true},
		// Affirmed.
		{testcorpus.Seed, "Is the transcript fake?", "claimed that parts of the transcript were “fake.”", true, false},
		{testcorpus.Second, "Did the water authority follow its procedures?", "has said it followed its procedures", true, false},
		{testcorpus.Second, "Did the rail services resume?", "Rail services to Marren resumed on Wednesday afternoon", true, false},
		// A negation beyond the predicate is about something else.
		{testcorpus.Seed, "Did Witkoff coach Ushakov?", "has caused widespread anger, not calmed", true, false},
		// The predicate as a noun names the thing; it claims nothing.
		{testcorpus.Seed, "Did the Kremlin leak the call?", "The Kremlin responded to the leak", false, false},
		{testcorpus.Second, "Did the main road reopen?", "the main road along the river remained closed", false, false},
		// The claim's terms must stand together.
		{testcorpus.Seed, "Did Russia leak the call?", "a second leaked conversation emerged", false, false},
		{testcorpus.Second, "Did the authority dispute the criticism?", "Mayor Irena Vasko renewed her criticism", false, false},
		// A modal says what must or may be, not what is, unless the
		// question asks that too.
		{testcorpus.Second, "Was the warning late?", "The warning did not have to be late", false, false},
		{testcorpus.Second, "Did the warning have to be late?", "The warning did not have to be late", true, true},
		{testcorpus.Seed, "Did the settlement restore territorial integrity?", "any settlement must restore territorial integrity", false, false},
		{testcorpus.Seed, "Must the settlement restore territorial integrity?", "any settlement must restore territorial integrity", true, false},
		// The unit must name whom the claim is about: a quotation that
		// does not say who is speaking bears on no one's claim.
		{testcorpus.Second, "Will Pieter Halloran resign?", "but I will not resign", false, false},
	}
	for _, tt := range tests {
		ix, _ := storyIndex(t, tt.story)
		e := NewExtractive(ix)
		p, u := poolUnitHolding(t, e, tt.question, tt.holding)
		if u == nil {
			t.Errorf("%s: %q: no unit holds %q", tt.story, tt.question, tt.holding)
			continue
		}
		if st := p.claimStance(u); st.bears != tt.bears || (st.bears && st.against != tt.against) {
			t.Errorf("%s: %q on %q: stance %+v, want bears=%v against=%v", tt.story, tt.question, u.text(), st, tt.bears, tt.against)
		}
	}
}

// TestNothingBearsOnClaim: questions whose claim no unit states, on both
// stories.
func TestNothingBearsOnClaim(t *testing.T) {
	for _, tt := range []struct{ story, question string }{
		{testcorpus.Seed, "Did Witkoff apologize for the call?"},
		{testcorpus.Second, "Did any foreign country send rescue teams?"},
	} {
		ix, _ := storyIndex(t, tt.story)
		e := NewExtractive(ix)
		results, err := e.search(context.Background(), tt.question)
		if err != nil {
			t.Fatal(err)
		}
		p, units, _ := e.rank(tt.question, results)
		if g := e.claimAnswer(p, units); g != nil {
			t.Errorf("%s: %q: claim evidence %q, want none", tt.story, tt.question, g[0].units[0].text())
		}
	}
}

// TestYesNoBothSides: a yes/no question on which the articles take both
// sides is answered with both, "The articles differ:" when they come
// from different articles, without it when one article gives both.
func TestYesNoBothSides(t *testing.T) {
	tests := []struct {
		name, question string
		passages       []string
		prefix         bool
	}{
		{"two articles", "Was the Kessel Dam inspected last year?", []string{
			"Engineers said the Kessel Dam was inspected last year and found sound.",
			"The regional authority denied that the Kessel Dam had been inspected last year.",
		}, true},
		{"one article", "Was the Kessel Dam inspected last year?", []string{
			"Engineers said the Kessel Dam was inspected last year and found sound.\n\nThe union said the Kessel Dam was never inspected last year.",
		}, false},
	}
	for _, tt := range tests {
		s := passages(tt.passages...)
		a := rankedAnswerOf(t, s, tt.question)
		if got := strings.HasPrefix(a.Text, DifferPrefix); got != tt.prefix {
			t.Errorf("%s: answer %q, want the articles-differ prefix %v", tt.name, a.Text, tt.prefix)
		}
		if !strings.Contains(a.Text, "was inspected last year and found sound") || !(strings.Contains(a.Text, "denied") || strings.Contains(a.Text, "never")) {
			t.Errorf("%s: answer %q, want both sides", tt.name, a.Text)
		}
	}
}

// poolUnitHolding is unitHolding with the pool the unit was weighed in.
func poolUnitHolding(t *testing.T, e *Extractor, q, text string) (*pool, *unit) {
	t.Helper()
	results, err := e.search(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	p, units, _ := e.rank(q, results)
	var best *unit
	for _, u := range units {
		if strings.Contains(u.text(), text) && (best == nil || len(u.text()) < len(best.text())) {
			best = u
		}
	}
	return p, best
}

// TestNoDifferWithoutConflict: on both stories, units cited as one fact
// whose numbers count other things ("Until 2019 he advised…", "about 30
// kilometres upstream") are not said to differ.
func TestNoDifferWithoutConflict(t *testing.T) {
	for _, tt := range []struct{ story, question string }{
		{testcorpus.Second, "Why did the water authority open the gates of the Kessel Dam?"},
		{testcorpus.Seed, "Why did Ushakov say the call was leaked?"},
	} {
		ix, _ := storyIndex(t, tt.story)
		a, err := NewExtractive(ix, WithThreshold(0)).Answer(context.Background(), tt.question)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(a.Text, DifferPrefix) {
			t.Errorf("%s: %q: answer %q says the articles differ", tt.story, tt.question, a.Text)
		}
	}
}
