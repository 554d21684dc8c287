package corpus

import (
	"reflect"
	"strings"
	"testing"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"plain", "The call took place. It lasted five minutes.",
			[]string{"The call took place.", "It lasted five minutes."}},
		{"month abbreviation before a day", "The talks began on Oct. 14 in Moscow. They ended late.",
			[]string{"The talks began on Oct. 14 in Moscow.", "They ended late."}},
		{"title before a name", "Rep. Don Bacon (R-NE) spoke. Mr. Smith did not.",
			[]string{"Rep. Don Bacon (R-NE) spoke.", "Mr. Smith did not."}},
		{"initialism inside a sentence", "The U.S. plan was leaked. Officials denied it.",
			[]string{"The U.S. plan was leaked.", "Officials denied it."}},
		{"initialism ending a sentence", "He flew to the U.S. The trip was short.",
			[]string{"He flew to the U.S.", "The trip was short."}},
		{"quotation ending with comma does not end the sentence", "“We will talk,” he said. Then he left.",
			[]string{"“We will talk,” he said.", "Then he left."}},
		{"quotation ending with period ends the sentence", "He said: “It is fake.” Others disagreed.",
			[]string{"He said: “It is fake.”", "Others disagreed."}},
		{"question inside quotes followed by attribution", "“Would he do less?” Bacon asked. Nobody answered.",
			[]string{"“Would he do less?” Bacon asked.", "Nobody answered."}},
		{"initial of a name", "John F. Kennedy was president. He died in 1963.",
			[]string{"John F. Kennedy was president.", "He died in 1963."}},
		{"lower case after a period", "The plan, approx. 28 points, was long. It changed.",
			[]string{"The plan, approx. 28 points, was long.", "It changed."}},
		{"decimal number", "Growth was 3.5 percent. It fell.",
			[]string{"Growth was 3.5 percent.", "It fell."}},
		{"ellipsis then capital", "He paused… Then he spoke.",
			[]string{"He paused…", "Then he spoke."}},
		{"no final punctuation", "A headline without a period",
			[]string{"A headline without a period"}},
		{"leading and trailing spaces", "  One.  Two.  ",
			[]string{"One.", "Two."}},
		{"empty", "", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sentences(tt.in)
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// checkSpans asserts the invariants every caller relies on: spans in order,
// inside the text, trimmed, and covering every non-space character.
func checkSpans(t *testing.T, p string, spans []Span) {
	t.Helper()
	prev := 0
	for _, s := range spans {
		if s.Start < prev || s.End > len(p) || s.Start >= s.End {
			t.Fatalf("bad span %v after %d in %q", s, prev, p)
		}
		if strings.TrimSpace(p[prev:s.Start]) != "" {
			t.Fatalf("text %q between spans is lost in %q", p[prev:s.Start], p)
		}
		if p[s.Start:s.End] != strings.TrimSpace(p[s.Start:s.End]) {
			t.Fatalf("span %q not trimmed", p[s.Start:s.End])
		}
		prev = s.End
	}
	if strings.TrimSpace(p[prev:]) != "" {
		t.Fatalf("tail %q lost in %q", p[prev:], p)
	}
}

func TestSentencesCoverStoryParagraphs(t *testing.T) {
	for _, d := range loadStories(t) {
		for _, p := range d.Paragraphs {
			checkSpans(t, p, SplitSentences(p))
		}
	}
}

func FuzzSplitSentences(f *testing.F) {
	for _, s := range []string{"Mr. A said “no.” He left.", "U.S. … ?! “”", "Oct. 14. 2025.", "a.b.c. D", "\xff. A"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		checkSpans(t, p, SplitSentences(p))
	})
}
