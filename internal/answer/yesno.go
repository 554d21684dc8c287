package answer

import (
	"strings"

	"dossier/internal/analysis"
	"dossier/internal/lang"
)

// A yes/no question asks whether a claim holds ("Did the White House
// dispute the transcript?"). Its answer is the evidence that bears on the
// claim, for it and against it: a sentence that states the claim, with
// its polarity — "did not dispute" denies what "disputed" affirms. When the
// articles give both, the answer says they differ and cites each side;
// when nothing in them bears on the claim, the answerer abstains.
//
// The claim's predicate is the question's first term after its subject
// ("dispute" in "Did the White House dispute the transcript?", "real" in
// "Is the transcript real?"). A sentence bears on the claim when it holds
// the predicate (or a word related to it) and, within claimWindow tokens
// of it, terms of the question (or words related to them) that carry at
// least claimShare of the question's weight. Its polarity is the parity
// of the negations and denials ("not", "nobody", "denied", "refused") in
// the clause of the predicate, measured against the question's own: "Did
// Ushakov deny…?" answered by "Ushakov did not challenge…" is a no.
const (
	// claimWindow is about a clause: the terms of a claim stand close
	// together ("Russia denies leaking Witkoff call"), while a sentence that
	// merely shares them spreads them out ("After the call…, a second
	// leaked conversation emerged, revealing… the Russian Direct
	// Investment Fund").
	claimWindow = 8
	// claimShare: a sentence that holds less of the question's weight
	// than this is about something else ("Witkoff… the leak" for "Did
	// Witkoff resign after the leak?": the claim is the resigning).
	claimShare = 0.7
)

// stance is a unit's bearing on a yes/no question's claim.
type stance struct {
	bears   bool // the unit states the claim or its denial
	against bool // it denies it
}

// claimStance says whether a unit bears on the claim of a yes/no
// question, and on which side.
func (p *pool) claimStance(u *unit) stance {
	best, bestShare := stance{}, 0.0
	for _, s := range u.sents() {
		masks := make([]uint64, len(s.toks))
		pred := make([]bool, len(s.toks)) // the token holds the claim's predicate
		for j := range s.toks {
			masks[j] = p.tokenTerms(s, j)
			pred[j] = p.holdsPredicate(s, j, masks[j])
			if pred[j] && p.q.predicate >= 0 {
				masks[j] |= 1 << p.q.predicate // a denial for a denial
			}
		}
		clauses := p.polarityClauses(s)
		for j := range s.toks {
			if !pred[j] {
				continue
			}
			c := clauseAt(clauses, j)
			if p.modalBefore(clauses[c], j-clauseStart(clauses, c)) && !p.q.modal {
				// "The warning did not have to be late" says what had
				// to be, not whether it was late.
				continue
			}
			against := p.denialsBefore(clauses[c], j-clauseStart(clauses, c))%2 != p.questionDenials()%2
			// The terms of the claim within claimWindow tokens either side of its
			// predicate; the names anywhere in the unit when the clause
			// speaks of them by pronoun ("she had not received any
			// warning").
			var m uint64
			for k := max(0, j-claimWindow+1); k < min(j+claimWindow, len(s.toks)); k++ {
				m |= masks[k]
			}
			if p.hasPronoun(clauses[c]) {
				m |= u.match & p.nameMask
			}
			m = withGivenNames(p.q.surname, m)
			share := p.coverage(m)
			if m&p.nameMask != p.nameMask || share < claimShare || share <= bestShare {
				continue
			}
			bestShare = share
			best = stance{bears: true, against: against}
		}
	}
	return best
}

// holdsPredicate reports whether token j (holding the question terms
// mask) holds the claim's predicate: the question's term itself or a
// word related to it, or, when the claim is a denial ("Did Ushakov deny
// it?"), any word of denial, since denials answer one another; not after
// a determiner, where the word names the thing ("the leak") rather than
// claims it.
func (p *pool) holdsPredicate(s *sentence, j int, mask uint64) bool {
	if p.q.predicate < 0 {
		return mask&p.topicMask != 0
	}
	// "The Kremlin responded to the leak" names the leaking; it does not
	// say who leaked.
	if j > 0 && p.l.Determiners.Has(s.toks[j-1].Word) {
		return false
	}
	if mask&(1<<p.q.predicate) != 0 {
		return true
	}
	return p.q.denialPredicate && p.l.Answer.Denials.Has(s.toks[j].Word)
}

// clauseAt returns the index of the clause that holds token j of their
// sentence (clauses share the sentence's token offsets).
func clauseAt(clauses []*sentence, j int) int {
	n := 0
	for i, c := range clauses {
		if j < n+len(c.toks) {
			return i
		}
		n += len(c.toks)
	}
	return len(clauses) - 1
}

// hasPronoun reports whether a clause holds a personal pronoun.
func (p *pool) hasPronoun(c *sentence) bool {
	for _, t := range c.toks {
		if p.l.PersonalPronouns[t.Word] != 0 || t.Word == "they" {
			return true
		}
	}
	return false
}

// tokenTerms is the bit set of the question's terms that token j of s
// holds, itself or through a related word.
func (p *pool) tokenTerms(s *sentence, j int) uint64 {
	var m uint64
	for _, st := range s.stems[j] {
		m |= p.relatedMask[st]
		for i, t := range p.q.terms[:len(p.weight)] {
			if sameTerm(st, t) {
				m |= 1 << i
			}
		}
	}
	return m
}

// polarityClauses splits a sentence at a semicolon and before every
// coordinator of contrast, with or without a comma: "Ushakov did not
// challenge the recording's authenticity but said it was not leaked"
// denies one thing and affirms another.
func (p *pool) polarityClauses(s *sentence) []*sentence {
	var out []*sentence
	start := 0
	for i := 1; i < len(s.toks); i++ {
		gap := s.text[s.toks[i-1].End:s.toks[i].Start]
		if strings.Contains(gap, ";") || p.l.Answer.Contrastives.Has(s.toks[i].Word) {
			out = append(out, &sentence{text: s.text, toks: s.toks[start:i], stems: s.stems[start:i]})
			start = i
		}
	}
	return append(out, &sentence{text: s.text, toks: s.toks[start:], stems: s.stems[start:]})
}

// negationReach is how far before the predicate a negation turns it
// around: "did not dispute", "has not independently verified", "had
// nothing to do with the leak"; one further away is about something else
// ("coaching session… has caused anger, not calmed by…"). A verb of
// denial takes the whole clause after it ("denied that the dam had been
// inspected").
const negationReach = 5

// denialsBefore counts the negations within negationReach tokens before
// token j of a clause, the denials anywhere before it, and j itself when
// it negates or denies ("denied").
func (p *pool) denialsBefore(c *sentence, j int) int {
	n := 0
	for k := 0; k <= j && k < len(c.toks); k++ {
		w := c.toks[k].Word
		if p.l.Answer.Denials.Has(w) || (k >= j-negationReach && p.denies(w)) {
			n++
		}
	}
	return n
}

// modalBefore reports whether a modal ("could", "should") or a modal lead
// before "to" ("have to", "need to") stands within negationReach tokens
// before token j of a clause: the clause says what must or may be, not
// what is.
func (p *pool) modalBefore(c *sentence, j int) bool {
	for k := max(0, j-negationReach); k < j && k < len(c.toks); k++ {
		if isModal(p.l, c.toks, k) {
			return true
		}
	}
	return false
}

// isModal reports whether token k of toks is a modal or a modal lead
// followed by "to".
func isModal(l *lang.Language, toks []analysis.Token, k int) bool {
	w := toks[k].Word
	return l.Answer.Modals.Has(w) || (l.Answer.ModalLeads.Has(w) && k+1 < len(toks) && toks[k+1].Word == "to")
}

// clauseStart is the index, in their sentence, of clause i's first token.
func clauseStart(clauses []*sentence, i int) int {
	n := 0
	for _, c := range clauses[:i] {
		n += len(c.toks)
	}
	return n
}

// questionDenials counts the negations and denials of the question
// before its predicate and the predicate itself: "Did Ushakov deny…?"
// claims a denial, which "did not challenge" contradicts.
func (p *pool) questionDenials() int {
	n := 0
	for i, w := range p.q.folded {
		if p.q.predicateAt >= 0 && i > p.q.predicateAt {
			break
		}
		if p.denies(w) {
			n++
		}
	}
	return n
}

// denies reports whether a folded word negates or denies: "not", "never",
// "didnt", "denied", "refused".
func (p *pool) denies(w string) bool {
	return p.l.Answer.Negations.Has(w) || p.l.Answer.Denials.Has(w) || (strings.HasSuffix(w, "nt") && p.l.StopWords.Has(w))
}

// claimAnswer chooses the answer to a yes/no question: the best unit that
// bears on the claim, then, when another article's unit takes the other
// side, that one as its differing account; then the model's other picks.
// It returns nil when no unit bears on the claim.
func (e *Extractor) claimAnswer(p *pool, ranked []*unit) []*group {
	var lead, other *unit
	var leadSide bool
	for _, u := range ranked {
		st := p.claimStance(u)
		if !st.bears {
			continue
		}
		if lead == nil {
			lead, leadSide = u, st.against
			continue
		}
		if st.against != leadSide && !u.overlaps(lead) {
			other = u
			break
		}
	}
	if lead == nil {
		return nil
	}
	rest := []*unit{lead}
	for _, u := range ranked {
		if u != lead && u != other {
			rest = append(rest, u)
		}
	}
	groups := e.pick(p, rest)
	if other != nil {
		groups[0].differ = other
		groups[0].oneArticle = groups[0].cites(p, other)
		// The other side is shown with the lead: a later sentence that
		// repeats it would say it twice.
		kept := groups[:1]
		for _, g := range groups[1:] {
			if !g.units[0].overlaps(other) {
				kept = append(kept, g)
			}
		}
		groups = kept
	}
	return groups
}
