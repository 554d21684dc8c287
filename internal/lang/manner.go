package lang

import "strings"

// Verbs that introduce a quotation by how it was said rather than that it
// was said ("“Go back to Univision,” Trump barked"), and phrasal verbs of
// retort ("Trump shot back"). Both are too rare in news for the counts
// behind enCueVerbs to reach them, so they come from published lists
// instead. Only quotation attribution reads them (QuoteLemma,
// PhrasalLemma).
const (
	// enMannerOfSpeaking are verbs of Levin's class 37.3, "Verbs of
	// Manner of Speaking", and class 37.8, "Complain Verbs" (B. Levin,
	// English Verb Classes and Alternations, 1993), that news uses to
	// report speech, less the members already among the speech verbs
	// (shout, whisper, yell, grumble) or the cue verbs (bark, grouse) and
	// those that are mostly nouns or other verbs in news (call, cry, sing,
	// chant, rage).
	enMannerOfSpeaking = `bellow boom drawl growl grunt hiss holler howl moan mumble
murmur mutter roar scream screech shriek snap snarl snort splutter stammer stutter thunder
wail whimper whine yelp gripe carp kvetch`

	// enMannerDoubling: the verbs above that double their last consonant
	// before -ed and -ing.
	enMannerDoubling = `snap`
)

// enPhrasalQuote are phrasal verbs that report a reply or a continued
// speech ("fire back", "shoot back", "hit back", "snap back": to answer
// sharply; "go on": to continue speaking; "put it": to say something in
// a particular way, "as Smith put it, “…”"), as the Cambridge and Oxford
// learner's dictionaries of phrasal verbs define them, with the particle
// they need.
var enPhrasalQuote = [][2]string{
	{"fire", "back"}, {"shoot", "back"}, {"hit", "back"}, {"snap", "back"}, {"strike", "back"},
	{"push", "back"}, {"go", "on"}, {"put", "it"},
}

// enPhrasalIrregular are the irregular forms of the phrasal verbs' heads.
var enPhrasalIrregular = map[string][]string{
	"shoot": {"shot"}, "hit": {"hit"}, "strike": {"struck"}, "go": {"went", "gone"}, "put": {"put"},
}

// mannerForms maps every form of the manner-of-speaking verbs to its lemma.
func mannerForms() map[string]string {
	m := map[string]string{}
	doubled := NewWordSet(enMannerDoubling)
	for _, lemma := range strings.Fields(enMannerOfSpeaking) {
		for _, f := range inflect(lemma, doubled.Has(lemma), nil) {
			m[f] = lemma
		}
	}
	return m
}

// phrasalForms maps "form particle" ("shot back") to the verb's lemma.
func phrasalForms() map[string]string {
	m := map[string]string{}
	for _, p := range enPhrasalQuote {
		lemma, particle := p[0], p[1]
		doubled := lemma == "hit" || lemma == "snap" || lemma == "put"
		for _, f := range inflect(lemma, doubled, enPhrasalIrregular[lemma]) {
			m[f+" "+particle] = lemma
		}
	}
	return m
}

// PhrasalHead returns the lemma of a phrasal verb whose head is the verb
// form ("shot" → "shoot"), whatever follows it, and whether it is one.
func (l *Language) PhrasalHead(form string) (string, bool) {
	for _, p := range enPhrasalQuote {
		if s, ok := l.phrasal[form+" "+p[1]]; ok {
			return s, true
		}
	}
	return "", false
}

// PhrasalLemma returns the lemma of a phrasal verb that introduces a
// quotation, given a verb form and the particle after it ("shot",
// "back" → "shoot"), and whether they are one.
func (l *Language) PhrasalLemma(form, particle string) (string, bool) {
	s, ok := l.phrasal[form+" "+particle]
	return s, ok
}
