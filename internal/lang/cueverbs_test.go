package lang

import (
	"strings"
	"testing"
)

// TestCueVerbs: the generated table holds each lemma once, folded, and
// every form it lists reads back as that lemma; speech verbs stay speech
// verbs, and a cue verb is no speech verb of the other packages.
func TestCueVerbs(t *testing.T) {
	en := English()
	seen := map[string]bool{}
	for _, e := range enCueVerbs {
		lemma, forms, _ := strings.Cut(e, ":")
		if seen[lemma] || lemma != strings.ToLower(lemma) {
			t.Errorf("enCueVerbs: %q twice or not folded", lemma)
		}
		seen[lemma] = true
		for _, f := range append(strings.Split(forms, ","), lemma) {
			if l, ok := en.QuoteLemma(f); f != "" && (!ok || l != lemma && !en.IsSpeechVerb(f)) {
				t.Errorf("QuoteLemma(%q) = %q, %v; want %q", f, l, ok, lemma)
			}
		}
	}
	for _, tc := range []struct {
		w, lemma string
		speech   bool
	}{
		{"said", "say", true}, {"tweeted", "tweet", true}, {"quipped", "quip", true},
		{"chided", "chide", false}, {"lamented", "lament", true}, {"table", "", false},
	} {
		l, ok := en.QuoteLemma(tc.w)
		if l != tc.lemma || ok != (tc.lemma != "") || en.IsSpeechVerb(tc.w) != tc.speech {
			t.Errorf("QuoteLemma(%q) = %q, %v (speech %v); want %q (speech %v)", tc.w, l, ok, en.IsSpeechVerb(tc.w), tc.lemma, tc.speech)
		}
	}
}
