package lang

import "strings"

// The tables are generated in this order, each knowing the ones before it
// (POLNEAR names a clone of networkdynamics/PolNeAR; WordNet comes from
// Debian's wordnet-base):
//go:generate sh -c "go run ./gen/cueverbs -train $POLNEAR/data/train -min 2 -docs 1 -share 0.5 > cueverbs_table.go"
//go:generate sh -c "go run ./gen/commverbs -dict /usr/share/wordnet -train $POLNEAR/data/train -share 0.5 > commverbs_table.go.new && mv commverbs_table.go.new commverbs_table.go"
//go:generate sh -c "go run ./gen/cueforms -train $POLNEAR/data/train -share 0.6 > cueforms_table.go.new && mv cueforms_table.go.new cueforms_table.go"

// QuoteLemma returns the lemma of a verb that can introduce a direct
// quotation ("said" → "say", "sighed" → "sigh") and whether w is one: a
// speech verb; a verb that cues direct quotations in annotated news
// (enCueVerbs, generated from PolNeAR's train split) or a verb of
// communication in WordNet (enCommunicationVerbs); a verb of manner of
// speaking ("barked", manner.go); or a surface form that cues quotations
// in PolNeAR with no lemma known (enCueForms), which is its own lemma.
// All but the first are wider than speech ("put", "write", "tweet") and
// are kept apart so that only quotation attribution reads them.
func (l *Language) QuoteLemma(w string) (string, bool) {
	s, src := l.QuoteVerbSource(w)
	return s, src != NoQuoteVerb
}

// A VerbSource names the list a quotation verb comes from (QuoteVerbSource).
type VerbSource int

// The lists of quotation verbs, in the order QuoteLemma reads them.
const (
	NoQuoteVerb       VerbSource = iota
	SpeechVerb                   // enSpeechLemmas, typed in from published lists
	CueVerb                      // enCueVerbs, generated from PolNeAR train
	CommunicationVerb            // enCommunicationVerbs, generated from WordNet
	MannerVerb                   // enMannerOfSpeaking, from Levin's classes
	CueForm                      // enCueForms, generated from PolNeAR train
)

// QuoteVerbSource returns the lemma of a quotation verb and the first
// list that holds it, or NoQuoteVerb. The generators of the tables read
// it to leave out what an earlier list already covers, and never consult
// their own table, so that running one twice gives the same file.
func (l *Language) QuoteVerbSource(w string) (string, VerbSource) {
	if s, ok := l.speech[w]; ok {
		return s, SpeechVerb
	}
	if s, ok := l.cue[w]; ok {
		return s, CueVerb
	}
	if s, ok := l.comm[w]; ok {
		return s, CommunicationVerb
	}
	if s, ok := l.manner[w]; ok {
		return s, MannerVerb
	}
	if l.cueForm.Has(w) {
		return w, CueForm
	}
	return "", NoQuoteVerb
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

// commForms maps every form of the verbs of communication to its lemma.
// Entries are separated by white space; each is "lemma:form,form…" with the lemma's exceptional forms from
// WordNet (verb.exc: "sing:sang,sung", "quip:quipped,quipping"); a past
// among them replaces the regular one ("sing" has no "singed").
func commForms(entries string) map[string]string {
	m := map[string]string{}
	for _, e := range strings.Fields(entries) {
		lemma, list, _ := strings.Cut(e, ":")
		var exc, past []string
		if list != "" {
			exc = strings.Split(list, ",")
		}
		for _, f := range exc {
			if !strings.HasSuffix(f, "ing") {
				past = append(past, f)
			}
		}
		for _, f := range append(inflect(lemma, false, past), exc...) {
			m[f] = lemma
		}
	}
	return m
}
