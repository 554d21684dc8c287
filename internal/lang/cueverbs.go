package lang

import "strings"

//go:generate sh -c "go run ./gen/cueforms -train $POLNEAR/data/train -share 0.6 > cueforms_table.go"
//go:generate sh -c "go run ./gen/cueverbs -train $POLNEAR/data/train -min 2 -docs 1 -share 0.5 > cueverbs_table.go"

// QuoteLemma returns the lemma of a verb that can introduce a direct
// quotation ("said" → "say", "sighed" → "sigh") and whether w is one: a
// speech verb, or a verb that cues direct quotations in annotated news
// (enCueVerbs and enCueForms, generated from PolNeAR's train split), or a verb of manner
// of speaking ("barked", manner.go). The last two sets are
// wider than speech ("put", "write", "tweet") and are kept apart so that
// only quotation attribution reads them.
func (l *Language) QuoteLemma(w string) (string, bool) {
	if s, ok := l.speech[w]; ok {
		return s, true
	}
	if s, ok := l.cue[w]; ok {
		return s, true
	}
	s, ok := l.manner[w]
	return s, ok
}

// cueForms maps every form of the cue verbs to its lemma: the forms seen
// in the annotated articles and the regular or irregular forms of the
// lemma.
func cueForms(entries []string, irregular map[string][]string) map[string]string {
	m := map[string]string{}
	for _, e := range entries {
		lemma, seen, _ := strings.Cut(e, ":")
		for _, f := range inflect(lemma, false, irregular[lemma]) {
			m[f] = lemma
		}
		for _, f := range strings.Split(seen, ",") {
			if f != "" {
				m[f] = lemma
			}
		}
	}
	return m
}

// withForms adds to a form → lemma map the forms of forms that it lacks,
// each its own lemma: enCueForms are counted as written, with no
// lemmatiser to name their verb.
func withForms(m map[string]string, forms []string) map[string]string {
	for _, f := range forms {
		if _, ok := m[f]; !ok {
			m[f] = f
		}
	}
	return m
}
