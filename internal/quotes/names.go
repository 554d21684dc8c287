package quotes

import (
	"slices"
	"strings"
	"unicode"
)

// nameRun is a run of capitalised words: the titles before a name and the
// name itself ("Russian President Vladimir Putin", "Rep. Don Bacon").
type nameRun struct {
	from, to int // tokens [from, to) of the whole run
	name     int // first token of the name proper; name == to when there is none
	poss     bool
}

// words returns the folded words of the name proper, suffixes ("Jr.")
// dropped.
func (r nameRun) words(toks []token) []string {
	var out []string
	for _, t := range toks[r.name:r.to] {
		if !en.NameSuffixes.Has(t.low) {
			out = append(out, t.low)
		}
	}
	return out
}

// surface is the name as written, without titles or a possessive.
func (r nameRun) surface(toks []token) string {
	var parts []string
	for _, t := range toks[r.name:r.to] {
		w := t.text
		if t.poss {
			w = strings.TrimRight(w, "sS")
			w = strings.TrimRight(w, "'’")
		}
		parts = append(parts, w)
	}
	return strings.Join(parts, " ")
}

// titles returns the folded words of the run before the name.
func (r nameRun) titles(toks []token) []string {
	var out []string
	for _, t := range toks[r.from:r.name] {
		out = append(out, t.low)
	}
	return out
}

// nameRuns finds the runs of capitalised words in toks. lower holds the
// words the article also writes in lower case; a sentence's first word that
// is one of them ("Asked", "During") is not part of a name. given holds the
// given names of the people the corpus names in full (nil before they are
// known): a title word after one is a surname ("Charlie King", "Mayor Don
// Guardian").
func nameRuns(toks []token, lower, given map[string]bool) []nameRun {
	var runs []nameRun
	for i := 0; i < len(toks); {
		if !startsRun(toks, i, lower) {
			i++
			continue
		}
		j := i
		for j < len(toks) {
			t := toks[j]
			switch {
			case t.kind == wordTok && t.cap && !isAllCaps(t.text):
				j++
			case t.kind == wordTok && joinsRun(toks, j):
				j++
				continue
			default:
				goto done
			}
			if t.poss {
				break
			}
		}
	done:
		if j > i {
			runs = append(runs, splitRun(toks, i, j, given))
			i = j
		} else {
			i++
		}
	}
	return runs
}

func startsRun(toks []token, i int, lower map[string]bool) bool {
	t := toks[i]
	if t.kind != wordTok {
		return false
	}
	if en.NameParticles.Has(t.low) && i+1 < len(toks) && (toks[i+1].cap || en.NameParticles.Has(toks[i+1].low)) {
		return i == 0 || !toks[i-1].cap || toks[i-1].kind != wordTok
	}
	if !t.cap || isAllCaps(t.text) {
		return false
	}
	if sentenceStart(toks, i) && (en.IsStopWord(t.low) || en.Prepositions.Has(t.low) || en.SentenceAdverbs.Has(t.low) || lower[t.low]) && !en.Honorifics.Has(t.low) && !isTitleAbbrev(t.low) {
		return false
	}
	return true
}

// joinsRun: a particle ("von", "der") or "of" between capitalised words
// ("Secretary of State") stays inside a run.
func joinsRun(toks []token, j int) bool {
	if j+1 >= len(toks) || !(toks[j+1].cap || en.NameParticles.Has(toks[j+1].low)) {
		return false
	}
	if en.NameParticles.Has(toks[j].low) {
		return true
	}
	return toks[j].low == "of" && j > 0 && isTitleWord(toks[j-1].low)
}

func sentenceStart(toks []token, i int) bool {
	return i == 0 || toks[i-1].punct(":;“\"‘—(") || toks[i-1].kind == quoteTok
}

// splitRun separates the titles of run toks[from:to] from the name: the name
// is the longest tail of words that can be part of a person's name.
func splitRun(toks []token, from, to int, given map[string]bool) nameRun {
	r := nameRun{from: from, to: to, name: to, poss: toks[to-1].poss}
	for k := to - 1; k >= from; k-- {
		t := toks[k]
		if !isNameWord(t) && !monthName(toks, k, from, to) && !(en.NameParticles.Has(t.low) && k > from && k < to-1) && !(en.NameSuffixes.Has(t.low) && k == to-1) &&
			!(isInitial(t) && k < to-1) {
			break
		}
		r.name = k
	}
	if r.name == to && to-from >= minNameWords && surnameTitle(toks[to-1]) && isNameWord(toks[to-2]) && given[toks[to-2].low] &&
		(to-2 == from || isTitleWord(toks[to-3].low)) {
		// "Charlie King", "Mayor Don Guardian": a given name, alone or after
		// a title, then a surname that is also a title ("South Carolina
		// Republican" is a place and a noun).
		r.name = to - 2
	}
	if r.name == to && to-from >= minNameWords && surnameTitle(toks[to-1]) && en.Honorifics.Has(toks[to-2].low) {
		r.name = to - 1 // "Mr. King": an honorific names the title word after it
	}
	// A name does not start with a particle unless nothing precedes it
	// ("von der Leyen" alone); it never ends with one.
	for r.name < to && en.NameParticles.Has(toks[r.name].low) && r.name > from {
		r.name++
	}
	return r
}

// surnameTitle: a title or role word that may also be a surname ("King",
// "Guardian", "Judge"), unlike an honorific, an abbreviation or an
// institution word.
func surnameTitle(t token) bool {
	return t.kind == wordTok && t.cap && !t.poss && !isAllCaps(t.text) && !en.Honorifics.Has(t.low) &&
		!isTitleAbbrev(t.low) && !en.OrgWords.Has(t.low) && !isCalendarWord(t.low) && !en.IsStopWord(t.low)
}

// isNameWord: a capitalised word that is no title, institution, date or
// function word.
func isNameWord(t token) bool {
	if t.kind != wordTok || !t.cap || isAllCaps(t.text) {
		return false
	}
	w := t.low
	return !isTitleWord(w) && !en.OrgWords.Has(w) && !isCalendarWord(w) && !en.IsStopWord(w)
}

// monthName: a month's name that is a person's ("Theresa May", "Jan
// Brewer", "April Ryan"): next to a name word inside the run toks[from:to],
// and no number after the run makes it a date ("Tuesday, May 5").
func monthName(toks []token, k, from, to int) bool {
	if !en.IsMonth(toks[k].low) || !toks[k].cap || to < len(toks) && toks[to].kind == wordTok && isNumberWord(toks[to].low) {
		return false
	}
	return k > from && isNameWord(toks[k-1]) || k+1 < to && isNameWord(toks[k+1])
}

// isInitial: an initial inside a name ("William D. Burns", "Gregory T.
// Angelo"), one capital letter and its dot; alone it would read as a
// function word ("d", "t").
func isInitial(t token) bool {
	r := []rune(t.text)
	return t.kind == wordTok && len(r) == 2 && unicode.IsUpper(r[0]) && r[1] == '.'
}

// isTitleWord: a word that may stand in a title before a name.
func isTitleWord(w string) bool {
	s, _ := singular(w)
	return en.Honorifics.Has(w) || isTitleAbbrev(w) || en.TitleWords.Has(w) || en.RoleNouns.Has(w) || en.RoleNouns.Has(s)
}

// institutionRun reports whether a run of capitalised words after "the"
// names an institution or a document that can speak as one: "the
// Kremlin", "the State Department", "The Washington Post", "the Beige
// Book"; known says the run is a one-word institution learnBare found
// ("CNN", "Russia"), which needs no article. It must be the head of its noun phrase: in "the Trump
// administration" or "the Clinton campaign" the name only modifies a
// lower-case noun, which is no institution the articles name.
func institutionRun(toks []token, run nameRun, known bool) bool {
	if run.poss || hasHonorific(toks, run) {
		return false
	}
	if !known && !afterThe(toks, run) {
		// Without "the", an institution word must say what it is ("Fox
		// News", "Congress"), and no lower-case word may modify it.
		if !slices.ContainsFunc(toks[run.from:run.to], func(t token) bool { return en.OrgWords.Has(t.low) }) ||
			run.from > 0 && toks[run.from-1].kind == wordTok && !toks[run.from-1].cap {
			return false
		}
	}
	if k := run.to; k < len(toks) && toks[k].kind == wordTok && !toks[k].cap {
		// "said", not "report"; "issued", "released": a past tense is
		// a verb, where a bare form may be a noun the name modifies.
		verb := isSpeechVerb(toks, k) && lemma(toks[k].low) != toks[k].low || isPastTense(toks[k].low)
		if !verb && !isFiller(toks[k]) && !en.IsStopWord(toks[k].low) && !issuedBy(toks, k) {
			return false
		}
	}
	for _, t := range toks[run.from:run.to] {
		if !isCalendarWord(t.low) {
			return true
		}
	}
	return false // "the Monday"
}

// issuedBy reports whether toks[k] is a document noun its institution
// speaks through ("the IMF report stated", "the Kremlin statement said"):
// a speech verb follows it.
func issuedBy(toks []token, k int) bool {
	return en.IsDocumentNoun(toks[k].low) && k+1 < len(toks) && isSpeechVerb(toks, k+1)
}

// isPastTense reports whether a lower-case word reads as a verb's past:
// it ends in -ed and is longer than the nouns that do ("bed", "seed",
// "creed"; minPastTense).
func isPastTense(w string) bool {
	return len(w) >= minPastTense && strings.HasSuffix(w, "ed")
}

// nameKey identifies a person by folded given name and surname.
func nameKey(words []string) (first, last string) {
	if len(words) == 0 {
		return "", ""
	}
	last = words[len(words)-1]
	// Particles belong to the surname: "von der Leyen".
	i := len(words) - 1
	for i > 0 && en.NameParticles.Has(words[i-1]) {
		i--
		last = words[i] + " " + last
	}
	if i == 0 {
		return "", last
	}
	return words[0], last
}

// lastWord is the final word of a surname ("leyen" of "von der leyen").
func lastWord(last string) string {
	if i := strings.LastIndexByte(last, ' '); i >= 0 {
		return last[i+1:]
	}
	return last
}

// afterThe: the run follows "the" ("the Daily Caller") or opens with a
// capitalised "The" inside a sentence ("according to The Federalist"), as
// the names of outlets and bodies do and people's names never do.
func afterThe(toks []token, run nameRun) bool {
	return run.from > 0 && toks[run.from-1].is("the") || run.from > 0 && toks[run.from].is("the") && run.to-run.from > 1
}
