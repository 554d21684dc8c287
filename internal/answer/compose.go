package answer

import (
	"fmt"
	"strings"
)

// dupShare is how much two units from different articles must share to
// count as the same fact reported twice: the Dice coefficient of their
// terms (twice the shared terms over the sum of both). Measured both ways,
// so a short sentence is not taken for a long one that happens to hold
// its words.
const dupShare = 0.5

// minExtraWords: a unit shorter than this ("Lucas Feld: Very.", an
// interview's label and reply) says nothing on its own, so it is never
// added to an answer after the best unit.
const minExtraWords = 4

// maxSources bounds the articles cited for one sentence of the answer.
const maxSources = 3

// group is one sentence of the answer: the unit quoted, then the units of
// other articles that report the same fact, cited with it.
type group struct {
	units []*unit
	terms map[string]bool
	// differ is a unit of another article that reports the same fact with
	// other numbers ("1 week" and "3 weeks"): the answer says the articles
	// differ and cites both.
	differ *unit
	// oneArticle: the differing unit comes from an article the group
	// already cites (a yes/no question's evidence for and against, both
	// in one report), so the answer gives both sides without saying that
	// the articles differ.
	oneArticle bool
}

// pick chooses the answer's units from the ranked candidates: the lead is
// the most probable answer; then up to MaxSentences-1 more that are nearly
// as probable and say something new. A candidate that repeats a chosen
// unit's fact from another article adds its citation to that unit instead.
func (e *Extractor) pick(p *pool, ranked []*unit) []*group {
	lead := ranked[0]
	groups := []*group{{units: []*unit{lead}, terms: unitTerms(lead)}}
	words, top := lead.words, lead.score
	for _, u := range ranked[1:] {
		if u.score < top-keepMargin || overlapsAny(groups, u) {
			continue
		}
		terms := unitTerms(u)
		if g := sameFact(groups, terms); g != nil {
			switch {
			case g.cites(p, u):
			case disagree(p, g.units[0], u):
				if g.differ == nil {
					g.differ = u
				}
			case len(g.units) < maxSources:
				g.units = append(g.units, u)
				// The sentence shown must be the one that answers: a
				// unit that states the kind asked ("to stop the reservoir
				// from overflowing" for "why") is shown before one of
				// its fact that does not, which is only cited.
				if u.kind > g.units[0].kind {
					last := len(g.units) - 1
					g.units[0], g.units[last] = g.units[last], g.units[0]
				}
			}
			continue
		}
		if len(groups) == MaxSentences || words+u.words > maxAnswerWords || u.words < minExtraWords {
			continue
		}
		groups = append(groups, &group{units: []*unit{u}, terms: terms})
		words += u.words
	}
	return groups
}

func overlapsAny(groups []*group, u *unit) bool {
	for _, g := range groups {
		for _, v := range g.units {
			if v.overlaps(u) {
				return true
			}
		}
	}
	return false
}

// disagree reports whether two units that report the same fact give
// different numbers for it: each holds a number the other does not, said
// of the same thing ("would last 1 week", "would last 3 weeks"; "the death
// toll to three", "the death toll to five"). A number only one of them
// gives ("Oct. 14, 2025" and "Oct. 14") is detail, and numbers of other
// things ("until 2019 he advised…", "about 30 kilometres upstream") are
// not a disagreement.
//
// For a yes/no question, one article denying what the other affirms
// ("did not dispute" and "disputed") is the disagreement that matters: the
// reader gets both sides.
func disagree(p *pool, a, b *unit) bool {
	na, nb := p.numbers(a), p.numbers(b)
	for va, ca := range na {
		if _, ok := nb[va]; ok {
			continue
		}
		for vb, cb := range nb {
			if _, ok := na[vb]; !ok && sharesContext(ca, cb) {
				return true
			}
		}
	}
	return p.q.kind == kindYesNo && p.negated(a) != p.negated(b)
}

// sharesContext reports whether two numbers' contexts share a word.
func sharesContext(a, b map[string]bool) bool {
	for w := range a {
		if b[w] {
			return true
		}
	}
	return false
}

// negated reports whether a unit holds an odd number of negations: it
// denies rather than affirms.
func (p *pool) negated(u *unit) bool {
	n := 0
	for _, s := range u.sents() {
		for _, t := range s.toks {
			if p.l.Answer.Negations.Has(t.Word) || (strings.HasSuffix(t.Word, "nt") && p.l.StopWords.Has(t.Word)) {
				n++
			}
		}
	}
	return n%2 == 1
}

// numberContext is how many words either side of a number say what it
// counts ("1 week", "killed three people", "the death toll to five").
const numberContext = 2

// numbers returns the numbers a unit gives, by value (numberReader:
// "five" and "5" are 5, "4,000" and "four thousand" are 4000), each with
// its context: the stems of the content words within numberContext tokens
// of it in its clause, and of a compound's noun ("28-point" gives 28 and
// "point"). So "five victims" and "5 victims" agree and "three" and
// "five" do not. Loose numbers alone ("one", "first") are left out: they
// are mostly pronouns and adverbs, not figures to compare.
func (p *pool) numbers(u *unit) map[string]map[string]bool {
	m := map[string]map[string]bool{}
	r := numberReader{lang: p.l}
	for _, s := range u.sents() {
		for _, n := range r.numbers(s.text, s.toks, false) {
			ctx := m[n.value]
			if ctx == nil {
				ctx = map[string]bool{}
				m[n.value] = ctx
			}
			for _, i := range []int{n.first, n.last} {
				if parts := strings.Split(s.toks[i].Word, "-"); len(parts) > 1 {
					ctx[p.an.Stem(parts[len(parts)-1])] = true
				}
			}
			for j := max(0, n.first-numberContext); j <= min(len(s.toks)-1, n.last+numberContext); j++ {
				inNumber := j >= n.first && j <= n.last
				apart := (j < n.first && !sameClause(s, j, n.first)) || (j > n.last && !sameClause(s, n.last, j))
				if inNumber || apart || p.l.IsStopWord(word(s, j)) {
					continue
				}
				for _, st := range s.stems[j] {
					ctx[st] = true
				}
			}
		}
	}
	return m
}

// cites reports whether the group already cites u's article.
func (g *group) cites(p *pool, u *unit) bool {
	doc := p.results[u.para.result].Chunk.Doc.ID
	for _, v := range g.units {
		if p.results[v.para.result].Chunk.Doc.ID == doc {
			return true
		}
	}
	return false
}

// sameFact returns the group whose unit reports the same fact as a unit of
// these terms, or nil.
func sameFact(groups []*group, terms map[string]bool) *group {
	for _, g := range groups {
		shared := 0
		for t := range terms {
			if g.terms[t] {
				shared++
			}
		}
		if shared >= 3 && 2*float64(shared) >= dupShare*float64(len(terms)+len(g.terms)) {
			return g
		}
	}
	return nil
}

func unitTerms(u *unit) map[string]bool {
	m := map[string]bool{}
	for _, s := range u.sents() {
		for _, ss := range s.stems {
			for _, st := range ss {
				m[st] = true
			}
		}
	}
	return m
}

// answer renders the chosen groups: each unit verbatim, followed by the
// markers of every article that reports it, numbered in order of use.
func (p *pool) answer(question string, groups []*group) Answer {
	a := Answer{Question: question, Mode: Extractive, Citations: []Citation{}}
	var b strings.Builder
	cite := func(u *unit) {
		c := p.citation(u, len(a.Citations)+1)
		a.Citations = append(a.Citations, c)
		fmt.Fprintf(&b, "[%d]", c.N)
	}
	for _, g := range groups {
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		if g.differ != nil && !g.oneArticle {
			b.WriteString(DifferPrefix)
		}
		b.WriteString(g.units[0].text())
		b.WriteString(" ")
		for _, u := range g.units {
			cite(u)
		}
		if g.differ != nil {
			b.WriteString(" ")
			b.WriteString(g.differ.text())
			b.WriteString(" ")
			cite(g.differ)
		}
	}
	a.Text = b.String()
	return a
}

func (p *pool) citation(u *unit, n int) Citation {
	c := p.results[u.para.result].Chunk
	return Citation{
		N: n, Doc: c.Doc.ID, Title: c.Doc.Title, Date: c.Doc.Date, URL: c.Doc.URL,
		Chunk: c.ID, Text: u.text(),
	}
}

// DifferPrefix opens a sentence of the answer whose articles report the
// same fact with different numbers; each version follows with its
// citation.
const DifferPrefix = "The articles differ: "

// Abstention texts. They carry no markers: the citations of an abstained
// answer are offered as the closest passages, not as support.
const (
	abstainText        = "The articles don't answer this question."
	abstainClosestText = " The closest passages are listed as sources, but they do not answer it."
	maxClosest         = 3
)

// abstain says that the articles do not answer, and offers the units that
// came closest, one per passage, if any holds a word of the question.
func abstain(question string, p *pool, ranked []*unit) Answer {
	a := Answer{Question: question, Text: abstainText, Abstained: true, Mode: Extractive, Citations: []Citation{}}
	seen := map[int]bool{}
	for _, u := range ranked {
		if len(a.Citations) == maxClosest {
			break
		}
		if u.rel == 0 || seen[u.para.result] {
			continue
		}
		seen[u.para.result] = true
		a.Citations = append(a.Citations, p.citation(u, len(a.Citations)+1))
	}
	if len(a.Citations) > 0 {
		a.Text += abstainClosestText
	}
	return a
}
