package answer

import (
	"math/bits"
	"strings"
	"unicode/utf8"
)

// maxUnitWords bounds a unit: a quotation that needs more words than this
// to be understood is left out rather than shown whole.
const maxUnitWords = 90

// unit is what the answer quotes: a run of consecutive sentences of one
// paragraph that can be understood alone. Usually one sentence; more when a
// quotation runs over several sentences or a sentence needs the one before
// ("He said…").
type unit struct {
	para        *paragraph
	first, last int // sentence indexes in para, inclusive
	match       uint64
	related     uint64  // terms held only through related words
	relRelated  float64 // share of the question's term weight held only through related words
	words       int
	rel         float64 // share of the question's term weight the unit holds
	kind        float64 // kindScore
	feat        [NumFeatures]float64
	score       float64 // the unit model's log-odds that the unit answers
}

func (u *unit) sents() []*sentence { return u.para.sents[u.first : u.last+1] }

// text is the unit exactly as it stands in the paragraph.
func (u *unit) text() string {
	return u.para.text[u.para.sents[u.first].start:u.para.sents[u.last].end]
}

func (u *unit) overlaps(v *unit) bool {
	return u.para == v.para && u.first <= v.last && v.first <= u.last
}

// units returns the distinct units around the sentences of the pool that
// hold a question term, alone or with the sentence before.
func (p *pool) units() []*unit {
	var out []*unit
	seen := map[[3]int]bool{}
	for pi, para := range p.paras {
		for i, s := range para.sents {
			if s.match|s.related == 0 && (i == 0 || para.sents[i-1].match|para.sents[i-1].related == 0) {
				continue
			}
			u := p.unitAround(para, i)
			if u == nil {
				continue
			}
			p.measure(u)
			u = p.withContext(u)
			if u.rel+u.relRelated == 0 || seen[[3]int{pi, u.first, u.last}] {
				continue
			}
			seen[[3]int{pi, u.first, u.last}] = true
			out = append(out, u)
		}
	}
	return out
}

// unitAround widens sentence i into a unit that can be understood alone:
// the whole of any quotation it is part of, and the sentence before when it
// opens with a pronoun or is a quotation with no one to say it. It returns
// nil when no such unit fits.
func (p *pool) unitAround(para *paragraph, i int) *unit {
	u := &unit{para: para, first: i, last: i}
	if !balanceQuotes(u) {
		return nil
	}
	if para.sents[u.first].dependent || unattributed(u.text()) {
		if u.first == 0 {
			return nil
		}
		u.first--
		if !balanceQuotes(u) || para.sents[u.first].dependent {
			return nil
		}
	}
	if u.wordTotal() > maxUnitWords || hasMarker(u.text()) || asksOnly(u) {
		return nil
	}
	return u
}

// asksOnly reports whether every sentence of the unit is a question (an
// interviewer's, a headline's): a question states nothing, so it answers
// nothing.
func asksOnly(u *unit) bool {
	for _, s := range u.sents() {
		if !strings.HasSuffix(strings.TrimRight(s.text, "\"”’' "), "?") {
			return false
		}
	}
	return true
}

// balanceQuotes widens u until every quotation mark it holds is matched.
func balanceQuotes(u *unit) bool {
	for {
		open, low := 0, 0
		for _, s := range u.sents() {
			open += s.quotes
			low = min(low, open)
		}
		switch {
		case low < 0 && u.first > 0:
			u.first-- // a quotation closes that opened earlier
		case open > 0 && u.last < len(u.para.sents)-1:
			u.last++ // a quotation opens that closes later
		case low < 0 || open > 0:
			return false // the quotation runs past the paragraph
		default:
			return true
		}
	}
}

// unattributed reports whether text is only a quotation, with no word
// outside it saying whose.
func unattributed(text string) bool {
	first, _ := utf8.DecodeRuneInString(text)
	if first != '“' && first != '"' {
		return false
	}
	rest := strings.TrimRight(text, ".!?…, ")
	last, _ := utf8.DecodeLastRuneInString(rest)
	return last == '”' || last == '"'
}

// measure fills in the unit's matches, relevance and kind.
func (p *pool) measure(u *unit) {
	u.match, u.related = 0, 0
	for _, s := range u.sents() {
		u.match |= s.match
		u.related |= s.related
	}
	u.related &^= u.match
	u.rel = p.coverage(u.match)
	u.relRelated = p.coverage(u.related)
	u.kind = p.kindScore(u)
	u.words = u.wordTotal()
}

// coverage is the share of the question's term weight that the matched
// terms carry.
func (p *pool) coverage(match uint64) float64 {
	if p.total == 0 {
		return 0
	}
	var w float64
	for m := match; m != 0; m &= m - 1 {
		w += p.weight[bits.TrailingZeros64(m)]
	}
	return w / p.total
}

// Context rule: a sentence that holds little of the question by itself but
// much of it together with the sentence before ("A leaked call has
// surfaced… The five-minute conversation…") is shown with that sentence.
const (
	contextBelow = 0.5 // the unit alone holds less than this share
	contextGain  = 0.3 // and the sentence before adds at least this much
)

// withContext applies the context rule. For "what did X say about T",
// X's words that do not name T are about
// it when the sentence before, in their paragraph, does ("Trump defended
// Witkoff… “That’s a standard thing,” Trump said"): they are shown with
// that sentence.
func (p *pool) withContext(u *unit) *unit {
	topical := p.q.kind == kindStatement && len(p.q.topic) > 0 && u.kind == 0
	if (u.rel >= contextBelow && !topical) || u.first == 0 {
		return u
	}
	w := &unit{para: u.para, first: u.first - 1, last: u.last}
	if !balanceQuotes(w) || w.para.sents[w.first].dependent || w.wordTotal() > maxUnitWords || hasMarker(w.text()) {
		return u
	}
	p.measure(w)
	if w.rel-u.rel < contextGain && !(topical && w.kind > 0) {
		return u
	}
	return w
}

func wordCount(s string) int { return len(strings.Fields(s)) }

// wordTotal is the unit's number of words: its sentences' counts, made
// once per sentence.
func (u *unit) wordTotal() int {
	n := 0
	for _, s := range u.sents() {
		n += s.words
	}
	return n
}
