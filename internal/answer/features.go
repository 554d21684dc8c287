package answer

import (
	"context"
	"math"
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
	featBias                 // 1
	numFeatures
)

// FeatureNames name the features in order, for the fitting command's
// report and the generated coefficients.
var FeatureNames = [numFeatures]string{"rel", "rel_gap", "kind", "kind_asked", "kind_missing",
	"absent", "rank", "position", "fragment", "long", "names_held", "name_missing",
	"number_missing", "yes_no", "bias"}

// NumFeatures is the number of features of a candidate.
const NumFeatures = int(numFeatures)

// Candidate is one unit the answerer weighed for a question, with its
// features; the fitting command labels candidates and fits the model.
type Candidate struct {
	Text     string
	Features [NumFeatures]float64
	// Prob is the probability the current model gives it.
	Prob float64
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
	_, _, units := e.rank(q, results)
	out := make([]Candidate, len(units))
	for i, u := range units {
		out[i] = Candidate{Text: u.text(), Features: u.feat, Prob: u.score}
	}
	return out, nil
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
	f[featBias] = 1
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

// model is a logistic regression over the features.
type model struct {
	weights Weights
}

// prob is the probability that a unit with these features answers the
// question.
func (m *model) prob(f *[NumFeatures]float64) float64 {
	z := 0.0
	for i, w := range m.weights {
		z += w * f[i]
	}
	return 1 / (1 + math.Exp(-z))
}

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
