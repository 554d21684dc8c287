package answer

import (
	"context"
	"strings"
	"testing"
)

// candidatesOf returns the units the answerer weighs for q, best first.
func candidatesOf(t *testing.T, s Searcher, q string) []Candidate {
	t.Helper()
	c, err := NewExtractive(s).Candidates(context.Background(), q)
	if err != nil {
		t.Fatalf("%q: %v", q, err)
	}
	return c
}

// TestWindowShare: a sentence that holds the question's terms close
// together holds the whole of its weight within the window; one that
// spreads them over a long sentence holds less.
func TestWindowShare(t *testing.T) {
	close := "Officials said the river flooded the valley overnight."
	far := "The river, which rises in the northern hills and runs for two hundred kilometres past farms, mills and three market towns before it reaches the sea, has never flooded, residents of the valley said."
	s := passages(close, far)
	var gotClose, gotFar float64 = -1, -1
	for _, c := range candidatesOf(t, s, "Did the river flood the valley?") {
		switch c.Text {
		case close:
			gotClose = c.Features[featWindow]
		case far:
			gotFar = c.Features[featWindow]
		}
	}
	if gotClose < 0.99 {
		t.Errorf("window share of %q = %.2f, want 1", close, gotClose)
	}
	if gotFar < 0 || gotFar >= gotClose {
		t.Errorf("window share of the spread-out sentence = %.2f, want below %.2f", gotFar, gotClose)
	}
}

// TestUnitsStatingTheKindComeFirst: for a "when" question a unit with a
// date is weighed first even when one without a date holds more of the
// question's words.
func TestUnitsStatingTheKindComeFirst(t *testing.T) {
	for _, tc := range []struct {
		q, dated string
		passages []string
	}{
		{
			q:     "When did the council vote on the dam budget?",
			dated: "The council voted on 3 March.",
			passages: []string{
				"The council vote on the dam budget divided the council, and the dam budget vote was close.",
				"The council voted on 3 March.",
			},
		},
		{
			q:     "When did the ministry publish the flood report?",
			dated: "The report came out in June 2024, the ministry said.",
			passages: []string{
				"The ministry's flood report was published to criticism; the flood report blamed the ministry.",
				"The report came out in June 2024, the ministry said.",
			},
		},
	} {
		c := candidatesOf(t, passages(tc.passages...), tc.q)
		if len(c) == 0 || c[0].Features[featKind] == 0 {
			t.Errorf("%q: first unit %q states no date", tc.q, first(c))
			continue
		}
		if !strings.Contains(c[0].Text, strings.TrimSuffix(tc.dated, ".")) {
			t.Errorf("%q: first unit = %q, want the dated one", tc.q, c[0].Text)
		}
	}
}

func first(c []Candidate) string {
	if len(c) == 0 {
		return ""
	}
	return c[0].Text
}
