package answer

import (
	"context"
	"math"
	"math/bits"
	"strings"

	"dossier/internal/analysis"
)

// The features of a candidate unit that the fitted model (coef.go) weighs
// to say how likely the unit answers the question. Each is measured the
// same way for any story and any question; the weights come from data.
const (
	featRel           = iota // share of the question's term weight the unit holds, 0–1
	featRelGap               // the unit's relevance minus the best unit's (≤ 0)
	featKind                 // how well it states the kind of thing asked (0–1), 0 when no kind is asked
	featKindAsked            // the question asks for a kind of thing (who, when, how many, why…)
	featKindMissing          // a kind is asked and the unit states none of it
	featAbsent               // share of the question's weight no retrieved sentence holds
	featRank                 // 1/rank of the unit's passage in retrieval
	featPosition             // 1/(1+n) for the unit's passage, the n-th chunk of its article
	featFragment             // the unit has fewer than five words
	featLong                 // words beyond thirty, per thirty
	featNamesHeld            // share of the question's proper names the unit holds (0 when it names none)
	featNameMissing          // the question names someone or something the unit does not
	featNumberMissing        // the question holds a number the unit does not
	featYesNo                // the question is a yes/no question
	featTermShare            // share of the question's terms the unit holds, each counting the same
	featPairs                // share of the question's adjacent term pairs the unit holds close together, in order
	featDensity              // question terms held per word of the unit
	featBm25                 // the passage's BM25 score over the best passage's
	featMissingMax           // the largest share of the question's weight that one term the unit lacks carries
	featRelated              // share of the question's weight held only through related words (synonyms, derivations)
	featWindow               // the largest share of the question's weight one sentence holds within proxWindow tokens
	featBias                 // 1
	numFeatures
)

// FeatureNames name the features in order, for the fitting command's
// report and the generated coefficients.
var FeatureNames = [numFeatures]string{"rel", "rel_gap", "kind", "kind_asked", "kind_missing",
	"absent", "rank", "position", "fragment", "long", "names_held", "name_missing",
	"number_missing", "yes_no", "term_share", "pairs", "density", "bm25", "missing_max", "related", "window", "bias"}

// NumFeatures is the number of features of a candidate.
const NumFeatures = int(numFeatures)

// Candidate is one unit the answerer weighed for a question, with its
// features; the fitting command labels candidates and fits the model.
type Candidate struct {
	Text     string
	Features [NumFeatures]float64
	// Logit is the log-odds the current unit model gives it.
	Logit float64
}

// Candidates returns every unit the answerer weighs for the question, best
// first, with its features and probability.
func (e *Extractor) Candidates(ctx context.Context, question string) ([]Candidate, error) {
	q, err := cleanQuestion(question)
	if err != nil {
		return nil, err
	}
	results, err := e.search(ctx, q)
	if err != nil {
		return nil, err
	}
	_, units, _ := e.rank(q, results)
	out := make([]Candidate, len(units))
	for i, u := range units {
		out[i] = Candidate{Text: u.text(), Features: u.feat, Logit: u.score}
	}
	return out, nil
}

// Weigh answers the question as Answer does, but never abstains for want
// of confidence (only when no passage holds a word of the question), and
// returns the features the abstention model weighs: the fitting command
// labels the answers and fits that model.
func (e *Extractor) Weigh(ctx context.Context, question string) (Answer, AnswerFeatures, error) {
	q, err := cleanQuestion(question)
	if err != nil {
		return Answer{}, AnswerFeatures{}, err
	}
	results, err := e.search(ctx, q)
	if err != nil {
		return Answer{}, AnswerFeatures{}, err
	}
	p, units, af := e.rank(q, results)
	if len(units) == 0 {
		return abstain(q, p, units), af, nil
	}
	a := p.answer(q, e.pick(p, units))
	a.Confidence = e.model.confidence(&af)
	return a, af, nil
}

// features fills in a unit's features; best is the highest relevance of
// any unit for the question.
func (p *pool) features(u *unit, best float64) {
	f := &u.feat
	f[featRel] = u.rel
	f[featRelGap] = u.rel - best
	if p.q.kind != kindOther && p.q.kind != kindYesNo {
		f[featKindAsked] = 1
		f[featKind] = u.kind
		if u.kind == 0 {
			f[featKindMissing] = 1
		}
	}
	f[featAbsent] = p.absent
	r := p.results[u.para.result]
	f[featRank] = 1 / float64(max(r.Rank, 1))
	f[featPosition] = 1 / float64(1+chunkOrdinal(r.Chunk.ID))
	if u.words < 5 {
		f[featFragment] = 1
	}
	f[featLong] = float64(max(u.words-30, 0)) / 30
	if n := len(p.q.names); n > 0 {
		held := 0
		for _, name := range p.q.names {
			if u.holdsStem(name) {
				held++
			}
		}
		f[featNamesHeld] = float64(held) / float64(n)
		if held < n {
			f[featNameMissing] = 1
		}
	}
	for _, num := range p.q.numbers {
		if !u.holdsWord(num) {
			f[featNumberMissing] = 1
		}
	}
	if p.q.kind == kindYesNo {
		f[featYesNo] = 1
	}
	if n := len(p.weight); n > 0 {
		f[featTermShare] = float64(bits.OnesCount64(u.match)) / float64(n)
		f[featDensity] = float64(bits.OnesCount64(u.match)) / float64(max(u.words, 1))
	}
	f[featPairs] = p.pairShare(u)
	f[featWindow] = p.windowShare(u)
	f[featRelated] = u.relRelated
	if p.total > 0 {
		for i, w := range p.weight {
			if (u.match|u.related)&(1<<i) == 0 {
				f[featMissingMax] = max(f[featMissingMax], w/p.total)
			}
		}
	}
	if top := p.results[0].BM25; top > 0 {
		f[featBm25] = r.BM25 / top
	}
	f[featBias] = 1
}

// pairWindow is how close two question terms that stand next to each
// other in the question must stand in the unit to count as the pair: a
// word or two may come between ("leaked the phone call" for "leaked call").
const pairWindow = 3

// pairShare is the share of the question's adjacent term pairs that some
// sentence of the unit holds in order within pairWindow tokens.
func (p *pool) pairShare(u *unit) float64 {
	n := len(p.weight) - 1
	if n <= 0 {
		return 0
	}
	held := 0
	for i := 0; i < n; i++ {
		for _, s := range u.sents() {
			if s.match&(1<<i) == 0 || s.match&(1<<(i+1)) == 0 {
				continue
			}
			if s.holdsPair(p.q.terms[i], p.q.terms[i+1]) {
				held++
				break
			}
		}
	}
	return float64(held) / float64(n)
}

// holdsPair reports whether term a stands before term b within
// pairWindow tokens.
func (s *sentence) holdsPair(a, b string) bool {
	last := -pairWindow - 1
	for j, ss := range s.stems {
		for _, st := range ss {
			if sameTerm(st, b) && j-last <= pairWindow && j > last {
				return true
			}
		}
		for _, st := range ss {
			if sameTerm(st, a) {
				last = j
			}
		}
	}
	return false
}

// proxWindow is the span, in tokens, within which featWindow counts the
// question's terms: about a clause, so the terms of a long sentence that
// answers stand close together while one that merely shares words spreads
// them over the sentence.
const proxWindow = 10

// windowShare is the largest share of the question's weight that a span of
// proxWindow tokens of one of the unit's sentences holds.
func (p *pool) windowShare(u *unit) float64 {
	if p.total == 0 {
		return 0
	}
	best := 0.0
	var masks []uint64
	for _, s := range u.sents() {
		if s.match == 0 {
			continue
		}
		masks = masks[:0]
		for _, ss := range s.stems {
			var m uint64
			for i, t := range p.q.terms[:len(p.weight)] {
				if s.match&(1<<i) == 0 {
					continue
				}
				for _, st := range ss {
					if sameTerm(st, t) {
						m |= 1 << i
						break
					}
				}
			}
			masks = append(masks, m)
		}
		for j := range masks {
			if masks[j] == 0 {
				continue
			}
			var m uint64
			for k := j; k < min(j+proxWindow, len(masks)); k++ {
				m |= masks[k]
			}
			w := 0.0
			for i, wt := range p.weight {
				if m&(1<<i) != 0 {
					w += wt
				}
			}
			best = max(best, w/p.total)
		}
	}
	return best
}

// chunkOrdinal is n in a chunk id "<doc>#<n>", 0 when it has none.
func chunkOrdinal(id string) int {
	i := strings.LastIndexByte(id, '#')
	n := 0
	for _, c := range id[i+1:] {
		if c < '0' || c > '9' {
			return 0
		}
		n = 10*n + int(c-'0')
	}
	return n
}

func (u *unit) holdsStem(stem string) bool {
	for _, s := range u.sents() {
		for _, ss := range s.stems {
			for _, st := range ss {
				if sameTerm(st, stem) {
					return true
				}
			}
		}
	}
	return false
}

func (u *unit) holdsWord(w string) bool {
	for _, s := range u.sents() {
		for _, t := range s.toks {
			if t.Word == w {
				return true
			}
		}
	}
	return false
}

// The features of a question's best unit that the abstention model
// weighs to say how likely the answer built on it is right.
const (
	ansTop           = iota // the best unit's log-odds by the unit model
	ansMargin               // its lead over the second best unit, in log-odds (capped)
	ansRel                  // its relevance
	ansKind                 // how well it states the kind asked
	ansKindMissing          // a kind is asked and it states none
	ansKindAsked            // the question asks for a kind of thing
	ansAbsent               // share of the question's weight no retrieved sentence holds
	ansNameMissing          // the question names someone the unit does not
	ansNumberMissing        // the question holds a number the unit does not
	ansYesNo                // the question is a yes/no question
	ansTerms                // the number of question terms, over ten
	ansMissingMax           // the largest share of the question's weight one term the best unit lacks carries
	ansSecondRel            // the relevance of the second best unit
	ansRelated              // share of the question's weight the best unit holds only through related words
	ansShare                // the best unit's share of the units' probability (softmax of their log-odds)
	ansBias                 // 1
	numAnswerFeatures
)

// AnswerFeatureNames name the abstention model's features in order.
var AnswerFeatureNames = [numAnswerFeatures]string{"top", "margin", "rel", "kind",
	"kind_missing", "kind_asked", "absent", "name_missing", "number_missing", "yes_no",
	"terms", "missing_max", "second_rel", "related", "share", "bias"}

// NumAnswerFeatures is the number of features of the abstention model.
const NumAnswerFeatures = int(numAnswerFeatures)

// AnswerFeatures are the abstention model's features of one question.
type AnswerFeatures [NumAnswerFeatures]float64

// AnswerWeights are the abstention model's coefficients.
type AnswerWeights [NumAnswerFeatures]float64

// maxMargin caps the lead of the best unit over the second: beyond it the
// second unit says nothing more about the first.
const maxMargin = 5

// model is the answerer's two logistic regressions: one ranks the units
// by how likely each answers the question; the other says how likely the
// answer built on the best unit is right, which decides abstention.
type model struct {
	weights Weights
	answer  AnswerWeights
}

// logit is the unit model's log-odds that a unit with these features
// answers the question.
func (m *model) logit(f *[NumFeatures]float64) float64 {
	z := 0.0
	for i, w := range m.weights {
		z += w * f[i]
	}
	return z
}

// answerFeatures describes the best of the ranked units.
func (p *pool) answerFeatures(ranked []*unit) AnswerFeatures {
	var a AnswerFeatures
	a[ansBias] = 1
	a[ansAbsent] = p.absent
	a[ansTerms] = float64(len(p.weight)) / 10
	if p.q.kind == kindYesNo {
		a[ansYesNo] = 1
	}
	if len(ranked) == 0 {
		return a
	}
	top := ranked[0]
	a[ansTop] = top.score
	a[ansMargin] = maxMargin
	if len(ranked) > 1 {
		a[ansMargin] = min(top.score-ranked[1].score, maxMargin)
	}
	a[ansRel] = top.feat[featRel]
	a[ansKind] = top.feat[featKind]
	// A reason is often given without a marker ("leaked to hinder talks"),
	// so only the other kinds count as missing.
	if p.q.kind != kindReason {
		a[ansKindMissing] = top.feat[featKindMissing]
	}
	a[ansKindAsked] = top.feat[featKindAsked]
	a[ansNameMissing] = top.feat[featNameMissing]
	a[ansNumberMissing] = top.feat[featNumberMissing]
	a[ansMissingMax] = top.feat[featMissingMax]
	a[ansRelated] = top.feat[featRelated]
	hi := top.score
	for _, u := range ranked {
		hi = max(hi, u.score)
	}
	sum := 0.0
	for _, u := range ranked {
		sum += math.Exp(u.score - hi)
	}
	a[ansShare] = math.Exp(top.score-hi) / sum
	if len(ranked) > 1 {
		a[ansSecondRel] = ranked[1].feat[featRel]
	}
	return a
}

// confidence is the probability that the answer is right. An answer
// whose best unit does not state the kind of thing asked (no date for
// "when", no quotation or report of speech by X for "what did X say") is
// not given at all: the answerer lists the closest passages instead.
func (m *model) confidence(a *AnswerFeatures) float64 {
	if a[ansKindMissing] == 1 {
		return 0
	}
	z := 0.0
	for i, w := range m.answer {
		z += w * a[i]
	}
	return sigmoid(z)
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// questionNames returns the stems of the question's proper names: words
// written with a capital away from its start, and not stop words.
// A given name before a surname is left out: articles name people by
// surname.
func questionNames(an *analysis.Analyzer, isStop func(string) bool, text string, toks []analysis.Token, given []bool) []string {
	var out []string
	seen := map[string]bool{}
	for i, t := range toks {
		if i == 0 || given[i] || isStop(t.Word) || !capitalised(text, t) || t.Word == "i" {
			continue
		}
		st := an.Stem(t.Word)
		if !seen[st] {
			seen[st] = true
			out = append(out, st)
		}
	}
	return out
}

// questionNumbers returns the numbers written in digits in the question.
func questionNumbers(toks []analysis.Token) []string {
	var out []string
	for _, t := range toks {
		if isDigits(t.Word) {
			out = append(out, t.Word)
		}
	}
	return out
}
