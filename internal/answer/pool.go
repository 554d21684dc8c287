package answer

import (
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"dossier/internal/analysis"
	"dossier/internal/corpus"
	"dossier/internal/lang"
	"dossier/internal/retrieval"
)

// maxTerms bounds the terms of a question that are matched (a bit each).
const maxTerms = 64

// pool is every sentence of the retrieved passages, analysed once.
type pool struct {
	l       *lang.Language
	an      *analysis.Analyzer
	q       *question
	results []retrieval.Result
	paras   []*paragraph
	// weight is each question term's weight: its inverse sentence frequency
	// in the pool, so a term every passage shares ("Witkoff" in a story
	// about Witkoff) counts little and a rare one much.
	weight []float64
	total  float64 // sum of weight
	// absent is the share of total that no retrieved sentence holds.
	absent float64
	// relatedMask maps a stem related to question terms (a synonym or
	// derivation from the language's table: "react" for "respond") to the
	// bits of those terms.
	relatedMask map[string]uint64
	// speakerQuotes are the quotations (folded) of the speaker a statement
	// question names, from the quote index; nil without one.
	speakerQuotes []string
	// topicMask holds the bits of the question's terms that are not its
	// proper names: what a sentence must hold for its date or number to
	// be about the question (aboutQuestion).
	topicMask uint64
	// sequelDay is the first day a retrieved sentence gives the event a
	// statement question places the words against (zero when none does),
	// worked out once, when sequelDone is set.
	sequelDay  time.Time
	sequelDone bool
	// nameMask holds the bits of the question's proper names (surnames and
	// the names of places and things; given names go with their surname).
	nameMask uint64
	// names are words written with a capital away from the start of a
	// sentence somewhere in the pool: proper names, not capitalised
	// sentence openers.
	names map[string]bool
}

// paragraph is one paragraph of a retrieved passage.
type paragraph struct {
	result int    // index in pool.results
	text   string // exact corpus text
	sents  []*sentence
	// answers: the paragraph answers the interviewer's question before
	// it, and is read whole.
	answers bool
}

// sentence is one sentence of a paragraph, with its words analysed.
type sentence struct {
	start, end int // byte offsets in the paragraph
	text       string
	toks       []analysis.Token // offsets relative to text
	stems      [][]string       // the terms of each token
	match      uint64           // bit i: the sentence holds question term i
	related    uint64           // bit i: it holds a word related to term i
	quotes     int              // opening minus closing double quotes
	dependent  bool             // opens with a pronoun that points back
	words      int              // white-space separated words
	// speakerQuote: the sentence holds a quotation of the speaker the
	// question asks about.
	speakerQuote bool
}

// buildPool splits the passages into sentences and matches them against
// the question's terms.
func buildPool(l *lang.Language, an *analysis.Analyzer, cache *paragraphCache, q *question, results []retrieval.Result, speakerQuotes []string) *pool {
	p := &pool{l: l, an: an, q: q, results: results, names: map[string]bool{}, speakerQuotes: speakerQuotes}
	terms := q.terms
	if len(terms) > maxTerms {
		terms = terms[:maxTerms]
	}
	df := make([]int, len(terms))
	n := 0
	p.relatedMask = map[string]uint64{}
	for i, t := range terms {
		switch {
		case slices.Contains(q.names, t):
			p.nameMask |= 1 << i
		case q.surname == nil || q.surname[i] < 0:
			p.topicMask |= 1 << i
		}
		for _, r := range an.Related(t) {
			p.relatedMask[r] |= 1 << i
		}
	}
	for ri, r := range results {
		var prev *paragraph // the paragraph before, in this passage
		for _, text := range strings.Split(r.Chunk.Text, "\n\n") {
			para := &paragraph{result: ri, text: text}
			for _, base := range cache.sentences(l, an, text) {
				s := &base
				s.match = withGivenNames(q.surname, matchTerms(terms, s.stems))
				s.related = p.matchRelated(s.stems) &^ s.match
				if speakerQuotes != nil {
					s.speakerQuote = marksSpeakerQuote(speakerQuotes, s.text)
				}
				if len(para.sents) == 0 && prev != nil {
					p.resolveOpener(s, prev, terms)
				}
				for i := range terms {
					if s.match&(1<<i) != 0 {
						df[i]++
					}
				}
				p.noteNames(s)
				para.sents = append(para.sents, s)
				n++
			}
			if len(para.sents) > 0 {
				p.paras = append(p.paras, para)
				prev = para
			}
		}
	}
	p.answersInherit()
	p.weight = make([]float64, len(terms))
	for i := range terms {
		p.weight[i] = termWeight(df[i], n) * q.factor[i]
		p.total += p.weight[i]
		if df[i] == 0 {
			p.absent += p.weight[i]
		}
	}
	if p.total > 0 {
		p.absent /= p.total
	}
	return p
}

// absentBoost raises the weight of a question term that no retrieved
// sentence holds: such a term is the strongest sign that the articles are
// about something else ("breakfast", "Australia").
const absentBoost = 1.5

// termWeight is BM25's inverse document frequency over the pool's
// sentences, which stays positive for terms most sentences hold.
func termWeight(df, n int) float64 {
	w := math.Log(1 + (float64(n-df)+0.5)/(float64(df)+0.5))
	if df == 0 {
		w *= absentBoost
	}
	return w
}

func newSentence(l *lang.Language, an *analysis.Analyzer, para string, span corpus.Span) *sentence {
	s := &sentence{start: span.Start, end: span.End, text: para[span.Start:span.End]}
	s.toks = analysis.Tokenize(s.text)
	s.stems = make([][]string, len(s.toks))
	for i, t := range s.toks {
		s.stems[i] = termsOf(l, an, nil, t)
	}
	s.quotes = quoteBalance(s.text)
	s.words = wordCount(s.text)
	s.dependent = pointsBack(l, s.text, s.toks)
	return s
}

// related returns the stems related to a term (the language's table).
func (p *pool) related(term string) []string { return p.an.Related(term) }

// matchRelated returns the bit set of the terms that some token's stem is
// related to.
func (p *pool) matchRelated(stems [][]string) uint64 {
	var m uint64
	if len(p.relatedMask) == 0 {
		return 0
	}
	for _, ss := range stems {
		for _, s := range ss {
			m |= p.relatedMask[s]
		}
	}
	return m
}

// withGivenNames adds to a match the given names whose surname it holds
// (surname is question.surname): articles name people by surname after
// the first mention, so "Ushakov, 78," answers "how old is Yuri Ushakov".
func withGivenNames(surname []int, m uint64) uint64 {
	for i, s := range surname {
		if s >= 0 && i < maxTerms && s < maxTerms && m&(1<<s) != 0 {
			m |= 1 << i
		}
	}
	return m
}

// matchTerms returns the bit set of the terms that some token's stem
// matches.
func matchTerms(terms []string, stems [][]string) uint64 {
	var m uint64
	for i, t := range terms {
		for _, ss := range stems {
			if m&(1<<i) != 0 {
				break
			}
			for _, s := range ss {
				if sameTerm(t, s) {
					m |= 1 << i
					break
				}
			}
		}
	}
	return m
}

// sameTerm matches equal stems, and stems of long words that differ only
// at the end: spelling variants of names ("Zelensky", "Zelenskyy") and
// derivations the stemmer leaves apart ("defend", "defense").
func sameTerm(a, b string) bool {
	if a == b {
		return true
	}
	short := min(len(a), len(b))
	if short < 5 {
		return false
	}
	need := max(5, (short*4+4)/5) // 80% of the shorter, at least 5 bytes
	if need > short {
		return false
	}
	return a[:need] == b[:need] && commonPrefix(a, b) >= need
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// noteNames records the words of s written with a capital away from the
// start of a sentence or quotation.
func (p *pool) noteNames(s *sentence) {
	for i, t := range s.toks {
		if !initial(s, i) && capitalised(s.text, t) {
			p.names[t.Word] = true
		}
	}
}

// isName reports whether token i of s is (part of) a proper name.
func (p *pool) isName(s *sentence, i int) bool {
	t := s.toks[i]
	if !capitalised(s.text, t) || (p.l.IsStopWord(t.Word) && !t.Acronym) || t.Word == "i" {
		return false
	}
	return !initial(s, i) || p.names[t.Word]
}

func capitalised(text string, t analysis.Token) bool {
	r, _ := utf8.DecodeRuneInString(text[t.Start:])
	return unicode.IsUpper(r)
}

// initial reports whether token i starts the sentence or a quotation or
// clause after a colon, where any word is capitalised.
func initial(s *sentence, i int) bool {
	if i == 0 {
		return true
	}
	gap := s.text[s.toks[i-1].End:s.toks[i].Start]
	return strings.ContainsAny(gap, "“\"‘:—(")
}

// quoteBalance is the number of double quotation marks s opens minus the
// number it closes. Straight quotes count as opening when they stand
// before a word.
func quoteBalance(s string) int {
	n := strings.Count(s, "“") - strings.Count(s, "”")
	for i := 0; i < len(s); i++ {
		if s[i] != '"' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[i+1:])
		if i+1 < len(s) && (unicode.IsLetter(next) || unicode.IsDigit(next)) {
			n++
		} else {
			n--
		}
	}
	return n
}

// pointsBack reports whether a sentence opens with a pronoun that refers
// to an earlier sentence ("He said…", "This meeting…"). Inside quotation
// marks the speaker's "he" is left to the quotation rules. "It is unlikely
// that…" is the common exception: an "it" that stands for what follows.
func pointsBack(l *lang.Language, text string, toks []analysis.Token) bool {
	if len(toks) == 0 || !l.BackPronouns.Has(toks[0].Word) || strings.ContainsAny(text[:toks[0].Start], "“\"‘") {
		return false
	}
	if toks[0].Word == "it" && len(toks) > 2 && (toks[1].Word == "is" || toks[1].Word == "was") {
		return false
	}
	return true
}

// resolveOpener reads a paragraph that opens with "He" or "She" ("She said
// she had not received any warning.") as being about the one the
// paragraph before quotes: news writing goes on with the last speaker.
// Only when that paragraph gives words to exactly one name is the
// reference taken as unambiguous; the sentence then holds the question
// terms of that name, and stands alone as a unit.
func (p *pool) resolveOpener(s *sentence, prev *paragraph, terms []string) {
	if !s.dependent || p.l.PersonalPronouns[s.toks[0].Word] == 0 {
		return
	}
	speaker := ""
	for _, ps := range prev.sents {
		for j, t := range ps.toks {
			if !p.l.IsSpeechVerb(t.Word) {
				continue
			}
			k := -1
			switch {
			case j > 0 && p.isName(ps, j-1) && sameClause(ps, j-1, j):
				k = j - 1
			case j+1 < len(ps.toks) && p.isName(ps, j+1) && sameClause(ps, j, j+1):
				k = j + 1 // "said Moll"
				for k+1 < len(ps.toks) && p.isName(ps, k+1) && sameClause(ps, k, k+1) {
					k++
				}
			default:
				continue
			}
			name := ps.toks[k].Word
			if speaker != "" && speaker != name {
				return // two speakers: "she" could be either
			}
			speaker = name
		}
	}
	if speaker == "" {
		return
	}
	var stems []string
	for _, t := range analysis.Tokenize(speaker) {
		stems = termsOf(p.l, p.an, stems, t)
	}
	bits := withGivenNames(p.q.surname, matchTerms(terms, [][]string{stems}))
	if bits == 0 {
		return // not one the question names
	}
	s.match |= bits
	s.related &^= s.match
	s.dependent = false
}

// answersInherit reads an interview's layout: a paragraph that only asks
// (the interviewer's question) followed by one that does not is a
// question and its answer, and the answer, which never repeats what was
// asked, holds the question's terms.
func (p *pool) answersInherit() {
	type at struct {
		doc string
		n   int
	}
	byPlace := map[at]*paragraph{}
	first := map[int]int{} // result → index of its first paragraph in p.paras
	for i, para := range p.paras {
		if _, ok := first[para.result]; !ok {
			first[para.result] = i
		}
		c := p.results[para.result].Chunk
		byPlace[at{c.Doc.ID, c.FirstParagraph + i - first[para.result]}] = para
	}
	for place, ans := range byPlace {
		q := byPlace[at{place.doc, place.n - 1}]
		if q == nil || !paraAsks(q) || paraAsks(ans) || strings.HasSuffix(strings.TrimSpace(ans.sents[0].text), "?") {
			continue
		}
		var bits uint64
		for _, s := range q.sents {
			bits |= s.match
		}
		ans.answers = true
		for _, s := range ans.sents {
			s.match |= bits
			s.related &^= s.match
		}
	}
}

// paraAsks reports whether every sentence of a paragraph is a question.
func paraAsks(para *paragraph) bool {
	return asksOnly(&unit{para: para, first: 0, last: len(para.sents) - 1})
}
