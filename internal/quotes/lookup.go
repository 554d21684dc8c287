package quotes

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"dossier/internal/analysis"
)

// maxSuggestions is how many speakers a failed lookup suggests.
const maxSuggestions = 5

// speakerName is a speaker's name prepared for matching.
type speakerName struct {
	Speaker
	words []string // folded
}

func newSpeakerName(s Speaker) speakerName {
	return speakerName{Speaker: s, words: nameQuery(s.Name)}
}

// nameQuery folds what a user typed for a name: case, accents, punctuation,
// titles and party tags ("Rep. Don Bacon (R-NE)" → "don", "bacon").
func nameQuery(s string) []string {
	if i := strings.IndexByte(s, '('); i >= 0 {
		s = s[:i]
	}
	words := strings.FieldsFunc(analysis.Fold(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '\''
	})
	for len(words) > 1 && isTitleWord(words[0]) {
		words = words[1:]
	}
	return words
}

// Lookup returns the quotations of the speaker a query names. Matching
// forgives case, accents, titles, a surname or given name alone and small
// typos ("Witkof"); when nothing matches, Suggestions holds the closest
// speakers. A topic orders the quotations by how many of its terms they and
// their context share, best first; without one they come in corpus order.
func (ix *Index) Lookup(speaker, topic string) Result {
	res := Result{Query: speaker}
	name, _ := ix.Match(speaker)
	if name == "" {
		res.Suggestions = ix.suggest(speaker)
		return res
	}
	res.Speaker = name
	idx := slices.Clone(ix.bySpeaker[name])
	if terms := ix.an.Terms(topic); len(terms) > 0 {
		score := func(i int) int {
			s := 0
			for _, t := range terms {
				if slices.Contains(ix.terms[i], t) {
					s += quoteTermWeight
				}
				if slices.Contains(ix.context[i], t) {
					s++
				}
			}
			return s
		}
		slices.SortStableFunc(idx, func(a, b int) int { return score(b) - score(a) })
	}
	for _, i := range idx {
		res.Quotes = append(res.Quotes, clone(ix.quotes[i]))
	}
	return res
}

// Match returns the canonical name of the speaker a query names, or "" when
// none does. exact is true when the query spells the name or part of it
// (ignoring case, accents and titles), false for a near spelling.
func (ix *Index) Match(query string) (name string, exact bool) {
	q := nameQuery(query)
	if len(q) == 0 {
		return "", false
	}
	best, bestScore := -1, 0
	for i, s := range ix.names {
		if sc := matchScore(q, s.words); sc > bestScore {
			best, bestScore = i, sc
		}
	}
	if best < 0 {
		return "", false
	}
	return ix.names[best].Name, bestScore >= scoreWords
}

// Match scores; speakers are ordered most quoted first, so among equal
// scores the most quoted wins.
const (
	scoreExact = 1000
	scoreWords = 900
	scoreNear  = 500
	// scorePerEdit is lost per typo or missing letter of a near match, so
	// that the closer of two near names wins.
	scorePerEdit = 10
	// minPrefix is the shortest typed prefix that matches a longer name
	// word ("Wit" for "Witkoff"); shorter prefixes match too much.
	minPrefix = 3
)

// quoteTermWeight is how much more a topic word counts in the quotation
// itself than in the sentence around it: the quotation is what the user
// asked for.
const quoteTermWeight = 2

// A name word of fewer than shortName letters allows no typo, of fewer than
// longName letters one, of more two: "Li" must be typed right, "Witkof" is
// Witkoff, "Zelenskiy" is Zelenskyy.
const (
	shortName = 4
	longName  = 8
)

// matchScore rates how well query words name a speaker: all of the name,
// some of its words, or every word within a small edit distance of a word
// of the name (or a prefix of one, for autocomplete). 0 is no match.
func matchScore(q, name []string) int {
	if slices.Equal(q, name) {
		return scoreExact
	}
	if all(q, func(w string) bool { return slices.Contains(name, w) }) {
		return scoreWords
	}
	total := 0
	for _, w := range q {
		best := -1
		for _, n := range name {
			switch d := editDistance(w, n, allowedTypos(n)); {
			case d <= allowedTypos(n):
				best = max(best, scoreNear-scorePerEdit*d)
			case len(w) >= minPrefix && strings.HasPrefix(n, w):
				best = max(best, scoreNear-scorePerEdit*(len(n)-len(w)))
			}
		}
		if best < 0 {
			return 0
		}
		total += best
	}
	return total / len(q)
}

// allowedTypos grows with the word: none for "Li", one for "Witkoff",
// two for "Zelenskyy".
func allowedTypos(w string) int {
	switch n := len([]rune(w)); {
	case n < shortName:
		return 0
	case n < longName:
		return 1
	}
	return 2
}

func all(ws []string, f func(string) bool) bool {
	for _, w := range ws {
		if !f(w) {
			return false
		}
	}
	return true
}

// suggest returns the speakers whose names are closest to the query.
func (ix *Index) suggest(query string) []string {
	q := nameQuery(query)
	if len(q) == 0 {
		return nil
	}
	type cand struct {
		name string
		dist int
		i    int
	}
	var cs []cand
	for i, s := range ix.names {
		d := 1 << 30
		for _, w := range q {
			for _, n := range s.words {
				d = min(d, editDistance(w, n, 1<<20))
			}
		}
		cs = append(cs, cand{s.Name, d, i})
	}
	slices.SortFunc(cs, func(a, b cand) int { return cmp.Or(a.dist-b.dist, a.i-b.i) })
	var out []string
	for _, c := range cs[:min(len(cs), maxSuggestions)] {
		out = append(out, c.name)
	}
	return out
}
