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

// TestPersonNouns: the WordNet table holds each noun once, folded, and
// names people, not things or proper names.
func TestPersonNouns(t *testing.T) {
	seen := map[string]bool{}
	for _, w := range strings.Fields(enPersonNouns) {
		if seen[w] || w != strings.ToLower(w) {
			t.Errorf("enPersonNouns: %q twice or not folded", w)
		}
		seen[w] = true
	}
	en := English()
	for _, w := range []string{"nominee", "pollster", "interlocutor", "developer", "propagandist", "son-in-law", "widow"} {
		if !en.PersonNouns.Has(w) {
			t.Errorf("PersonNouns lacks %q", w)
		}
	}
	for _, w := range []string{"table", "head", "aristotle", "american", "house"} {
		if en.PersonNouns.Has(w) {
			t.Errorf("PersonNouns holds %q", w)
		}
	}
}

// TestMannerAndPhrasal: verbs of manner of speaking read as quotation
// verbs in every form, none is already a speech or cue verb, and phrasal
// verbs of retort need their particle.
func TestMannerAndPhrasal(t *testing.T) {
	en := English()
	seen := map[string]bool{}
	for _, w := range strings.Fields(enMannerOfSpeaking) {
		if seen[w] || en.IsSpeechVerb(w) || en.cue[w] != "" {
			t.Errorf("enMannerOfSpeaking: %q twice or already a speech or cue verb", w)
		}
		seen[w] = true
	}
	for _, tc := range []struct{ w, lemma string }{{"barked", "bark"}, {"snapped", "snap"}, {"groused", "grouse"}, {"moans", "moan"}} {
		if l, ok := en.QuoteLemma(tc.w); !ok || l != tc.lemma {
			t.Errorf("QuoteLemma(%q) = %q, %v; want %q", tc.w, l, ok, tc.lemma)
		}
	}
	for _, tc := range []struct{ form, particle, lemma string }{
		{"shot", "back", "shoot"}, {"fired", "back", "fire"}, {"hitting", "back", "hit"}, {"went", "on", "go"},
		{"went", "back", ""}, {"shot", "on", ""},
	} {
		if l, ok := en.PhrasalLemma(tc.form, tc.particle); l != tc.lemma || ok != (tc.lemma != "") {
			t.Errorf("PhrasalLemma(%q, %q) = %q, %v; want %q", tc.form, tc.particle, l, ok, tc.lemma)
		}
	}
}

// TestCueForms: the generated forms are folded, listed once, and read as
// quotation verbs; none is a speech verb or a lemmatised cue verb's form.
func TestCueForms(t *testing.T) {
	en := English()
	cue := cueForms(enCueVerbs, enIrregular)
	seen := map[string]bool{}
	for _, f := range enCueForms {
		if seen[f] || f != strings.ToLower(f) || en.IsSpeechVerb(f) || cue[f] != "" {
			t.Errorf("enCueForms: %q twice, not folded, or already a speech or cue verb", f)
		}
		seen[f] = true
		if _, ok := en.QuoteLemma(f); !ok {
			t.Errorf("QuoteLemma(%q) is no quotation verb", f)
		}
	}
}

// TestCommunicationVerbs: the WordNet table holds each lemma once, none
// already a speech, cue or manner verb; its forms, regular and
// exceptional, read back as its lemma, and an exceptional past replaces
// the regular one.
func TestCommunicationVerbs(t *testing.T) {
	en := English()
	seen := map[string]bool{}
	for _, e := range strings.Fields(enCommunicationVerbs) {
		lemma, _, _ := strings.Cut(e, ":")
		if seen[lemma] || lemma != strings.ToLower(lemma) || en.speech[lemma] != "" || en.cue[lemma] != "" || en.manner[lemma] != "" {
			t.Errorf("enCommunicationVerbs: %q twice, not folded, or already a speech, cue or manner verb", lemma)
		}
		seen[lemma] = true
	}
	for _, tc := range []struct {
		w, lemma string
		src      VerbSource
	}{
		{"lauded", "laud", CommunicationVerb}, {"exhorts", "exhort", CommunicationVerb},
		{"opining", "opine", CommunicationVerb}, {"said", "say", SpeechVerb},
		{"chided", "chide", CueVerb}, {"moaned", "moan", MannerVerb}, {"thanked", "thanked", CueForm},
		{"issued", "", NoQuoteVerb}, {"program", "", NoQuoteVerb},
	} {
		if l, src := en.QuoteVerbSource(tc.w); l != tc.lemma || src != tc.src {
			t.Errorf("QuoteVerbSource(%q) = %q, %v; want %q, %v", tc.w, l, src, tc.lemma, tc.src)
		}
	}
	m := commForms("sing:sang,singing,sung laud:")
	for f, want := range map[string]string{"sang": "sing", "sung": "sing", "sings": "sing", "singing": "sing", "singed": "", "lauded": "laud", "lauds": "laud"} {
		if m[f] != want {
			t.Errorf("commForms: %q → %q, want %q", f, m[f], want)
		}
	}
}
