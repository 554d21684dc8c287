package quotes

import (
	"slices"
	"strings"
	"unicode"
)

// A speaker named by one capitalised word the articles never complete
// ("“…,” Swanson said", "said Tiegen", "Reuters reported") is no one the
// full-name pass of learn knows. learnBare takes such a word for a speaker
// only where English syntax leaves no other reading: the word alone is
// the subject of an inflected speech verb ("said", "added", not "say",
// which a plural takes), opening its clause or set off after a quotation,
// or it follows the verb that follows a quotation and ends the clause
// ("“…,” said Tiegen."), or it alone follows "according to". It is a person known by that one name, unless it
// is an acronym ("CNN", "FBI"), a place the corpus writes after "in"
// ("Russia", "Beijing"), a country's name (lang's Countries: "Japan") or
// the subject of a verb of publishing somewhere ("Reuters reported"):
// those are institutions speaking as one.

// bareSpeaker is a one-word subject of a speech verb found by learnBare.
type bareSpeaker struct {
	word, surface string
	art           *article
	// publishes: the word is the subject of a verb of publishing
	// ("Reuters reported"), as outlets are.
	publishes bool
}

// bareCandidate returns the one-word speaker a name run stands for in
// toks, or false.
func bareCandidate(a *article, toks []token, run nameRun) (bareSpeaker, bool) {
	lower := a.lower
	if run.to-run.from != 1 || run.poss || run.name != run.from {
		return bareSpeaker{}, false
	}
	t := toks[run.from]
	s, plural := singular(t.low)
	// A capitalised role noun is a name only mid-sentence, where nothing
	// else capitalises it ("“…,” Politico reported"), and singular
	// ("Democrats" is a party's people).
	mid := run.from > 0 && (toks[run.from-1].punct(",") || toks[run.from-1].kind == quoteTok && cutQuote(toks, run.from-1))
	if len([]rune(t.low)) < minBareName || lower[t.low] || en.SentenceAdverbs.Has(t.low) ||
		isRoleNoun(s) && (plural || !mid) || plural && isRoleNoun(t.low) || en.Honorifics.Has(t.low) || isTitleAbbrev(t.low) {
		return bareSpeaker{}, false
	}
	v := -1 // the speech verb
	switch {
	case bareSubject(toks, run):
		for v = run.to; isFiller(toks[v]); v++ {
		}
	case bareAfterVerb(toks, run):
		v = run.from - 1
	case !bareAccording(toks, run):
		return bareSpeaker{}, false
	}
	publishes := v >= 0 && en.PublishVerbs.Has(lemma(toks[v].low))
	return bareSpeaker{word: t.low, surface: t.text, art: a, publishes: publishes}, true
}

// bareSubject: "Swanson said", "“…,” Swanson added", ", Tiegen also said".
func bareSubject(toks []token, run nameRun) bool {
	if run.from > 0 && !toks[run.from-1].punct(",—–") && toks[run.from-1].kind != quoteTok {
		return false
	}
	k := run.to
	for k < len(toks) && isFiller(toks[k]) {
		k++
	}
	return k < len(toks) && inflectedSpeech(toks, k)
}

// bareAfterVerb: "“…,” said Tiegen." — the verb right after a quotation
// (and its comma), the word closing the clause.
func bareAfterVerb(toks []token, run nameRun) bool {
	v := run.from - 1
	if v < 1 || !inflectedSpeech(toks, v) {
		return false
	}
	q := v - 1
	for q > 0 && toks[q].punct(",") {
		q--
	}
	if toks[q].kind != quoteTok {
		return false
	}
	return run.to == len(toks) || toks[run.to].punct(".,;")
}

// bareAccording: "according to Reuters," — the word alone closes the
// phrase.
func bareAccording(toks []token, run nameRun) bool {
	return run.from >= 2 && toks[run.from-2].is("according") && toks[run.from-1].is("to") &&
		(run.to == len(toks) || toks[run.to].punct(".,;:"))
}

// inflectedSpeech: a speech verb in a form a singular subject takes
// ("said", "says", "added"), not the base form a plural takes ("say").
func inflectedSpeech(toks []token, k int) bool {
	return isSpeechVerb(toks, k) && lemma(toks[k].low) != toks[k].low
}

// acronym: a word of two to four capital letters ("CNN", "FBI"); a
// longer one is a headline's or a transcript's capitals.
func acronym(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2 && n <= minAllCaps+1
}

// learnBare records the one-word speakers of the corpus: a person known
// by that name alone, or an institution for an acronym or a place. A word
// that is the surname of someone named in full is left to resolveRun.
func (r *registry) learnBare(cands []bareSpeaker, places map[string]bool) {
	outlets := map[string]bool{}
	for _, c := range cands {
		outlets[c.word] = outlets[c.word] || c.publishes
	}
	for _, c := range cands {
		if len(r.withLast(c.word)) > 0 || r.bareOrgs[c.word] || slices.ContainsFunc(c.art.named, func(p *person) bool { return p.first == c.word }) {
			continue // someone named in full, or "Hillary said" where Hillary Clinton is named
		}
		if acronym(c.surface) || places[c.word] || en.Countries.Has(c.word) || outlets[c.word] {
			r.bareOrgs[c.word] = true
			continue
		}
		r.add("", c.word, c.surface)
	}
}

// placeWords returns the capitalised words written right after "in" and
// not followed by another capitalised word ("in Russia", not "in New
// York" nor "in Trump Tower"): the places a corpus names.
func placeWords(toks []token, into map[string]bool) {
	for k := 1; k < len(toks); k++ {
		if toks[k-1].is("in") && toks[k].kind == wordTok && toks[k].cap &&
			(k+1 == len(toks) || !toks[k+1].cap) {
			into[toks[k].low] = true
		}
	}
}

// bareOrg reports whether a name run is one word learnBare took for an
// institution ("CNN reported") or a country's name ("China", "North
// Korea"): a state speaks as one.
func (r *registry) bareOrg(toks []token, run nameRun) bool {
	if run.to-run.from == 1 && r.bareOrgs[toks[run.from].low] {
		return true
	}
	return run.name == run.from && !run.poss && en.Countries.Has(strings.Join(run.words(toks), " "))
}
