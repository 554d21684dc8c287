package lang

import (
	"slices"
	"testing"
)

// TestRelatedPairs: words that say the same thing in other words, as
// questions and articles word them, are related in both directions, and
// common words that do not are not.
func TestRelatedPairs(t *testing.T) {
	en := English()
	related := func(a, b string) bool {
		sa, sb := en.Stem(a), en.Stem(b)
		return slices.Contains(en.Related(sa), sb) && slices.Contains(en.Related(sb), sa)
	}
	for _, p := range [][2]string{
		{"respond", "react"},
		{"responded", "reacted"},
		{"leak", "leaker"},
		{"fire", "dismiss"},
		{"fired", "removed"},
		{"obtain", "get"},
		{"reveal", "disclose"},
		{"answer", "reply"},
	} {
		if !related(p[0], p[1]) {
			t.Errorf("%q and %q should be related (stems %q: %v)", p[0], p[1], en.Stem(p[0]), en.Related(en.Stem(p[0])))
		}
	}
	for _, p := range [][2]string{
		{"leak", "president"},
		{"real", "estate"},
		{"respond", "fire"},
		{"call", "meeting"},
		{"peace", "war"},
		{"react", "bromine"}, // a chemist's sense of "react", not a reader's
		// Unrelated words that share a stem ("quite" is stemmed "quit",
		// "authorize" "author", "initial" "initi" like "initiate"): only
		// the most used word's relations hold.
		{"quite", "resign"},
		{"author", "permit"},
		{"initial", "cause"},
	} {
		if related(p[0], p[1]) {
			t.Errorf("%q and %q should not be related", p[0], p[1])
		}
	}
}

// TestRelatedTableShape: no stem is related to itself, no list names a stem
// twice, lists are sorted, and every relation holds both ways.
func TestRelatedTableShape(t *testing.T) {
	en := English()
	en.Related("") // load the table
	if len(en.related) < 5000 {
		t.Fatalf("table has %d stems, want thousands", len(en.related))
	}
	for stem, rel := range en.related {
		if len(rel) == 0 {
			t.Errorf("%q has an empty list", stem)
		}
		if !slices.IsSorted(rel) {
			t.Errorf("%q: list not sorted: %v", stem, rel)
		}
		for i, r := range rel {
			if r == stem {
				t.Errorf("%q is related to itself", stem)
			}
			if i > 0 && rel[i-1] == r {
				t.Errorf("%q lists %q twice", stem, r)
			}
		}
	}
}

func BenchmarkRelatedLoad(b *testing.B) {
	for b.Loop() {
		English().Related("leak")
	}
}
