package lang

import "testing"

// TestNumberTables: the number tables agree with one another, so that a
// number reads the same whichever table holds its word.
func TestNumberTables(t *testing.T) {
	a := English().Answer
	cardinal := map[string]bool{}
	for _, d := range a.NumberValues {
		cardinal[d] = true
	}
	for w, d := range a.OrdinalValues {
		if !cardinal[d] {
			t.Errorf("ordinal %q is %s, which no cardinal word writes", w, d)
		}
		if _, ok := a.NumberValues[w]; ok {
			t.Errorf("%q is both a cardinal and an ordinal", w)
		}
	}
	if len(a.OrdinalValues) != len(a.NumberValues) {
		// "second" to "twentieth" and the tens, as "two" to "twenty" and
		// the tens ("first", as "one", is loose).
		t.Errorf("%d ordinals for %d cardinals", len(a.OrdinalValues), len(a.NumberValues))
	}
	for w := range a.LooseNumbers {
		if _, ok := a.NumberValues[w]; ok {
			t.Errorf("loose number %q is also a cardinal: it would count alone", w)
		}
	}
	for sign, w := range a.NumberSigns {
		if !a.MeasureUnits.Has(w) {
			t.Errorf("the word of %q, %q, is not a measure unit", sign, w)
		}
	}
	for w, s := range a.NumberScales {
		if s <= 1 {
			t.Errorf("scale %q (%v): want above 1", w, s)
		}
	}
}
