package answer

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"dossier/internal/analysis"
	"dossier/internal/lang"
	"dossier/internal/retrieval"
)

// Searcher finds the passages that best match a query; *library.Library
// and *retrieval.Index satisfy it.
type Searcher interface {
	Search(ctx context.Context, query string, k int) ([]retrieval.Result, error)
}

// Errors a caller can turn into a message for the user.
var (
	ErrEmptyQuestion   = errors.New("the question is empty")
	ErrQuestionTooLong = fmt.Errorf("the question is longer than %d characters", MaxQuestionRunes)
	ErrQuestionNotText = errors.New("the question is not valid UTF-8 text")
)

// MaxQuestionRunes bounds a question: longer text is not a question.
const MaxQuestionRunes = 500

// Defaults of the extractive answerer.
const (
	// DefaultPassages is how many passages are retrieved per question.
	DefaultPassages = 8
	// DefaultThreshold is the share of a question's term weight that the
	// best unit must hold for the answerer to answer rather than abstain.
	// The package documentation says how it was chosen.
	DefaultThreshold = 0.47
	// MaxSentences bounds the answer.
	MaxSentences = 3
)

// Weights of a unit's score beyond its relevance (which is 0 to 1).
const (
	kindWeight = 0.5  // states the kind of thing asked for
	rankWeight = 0.05 // its passage ranked first by retrieval
	// keepRatio: a second or third unit is given only when it scores at
	// least this share of the best, so a clear answer is not diluted…
	keepRatio = 0.8
	// … and holds at least this share of the threshold's relevance: it
	// may lean on its kind ("of course unacceptable" for "how did he
	// describe it") more than the first.
	extraRelShare = 0.75
	// maxAnswerWords bounds the answer's length; the best unit is always
	// given whole.
	maxAnswerWords = 120
)

// Extractor answers by quoting the sentences of the articles that best
// answer the question. It is safe for concurrent use.
type Extractor struct {
	searcher  Searcher
	analyzer  *analysis.Analyzer
	passages  int
	threshold float64
}

// Option configures an Extractor.
type Option func(*Extractor)

// WithAnalyzer shares an analyzer (and its stem cache) with the index.
func WithAnalyzer(a *analysis.Analyzer) Option { return func(e *Extractor) { e.analyzer = a } }

// WithPassages sets how many passages are retrieved per question.
func WithPassages(k int) Option {
	return func(e *Extractor) {
		if k > 0 {
			e.passages = k
		}
	}
}

// WithThreshold sets the abstention threshold (see DefaultThreshold).
func WithThreshold(t float64) Option { return func(e *Extractor) { e.threshold = t } }

// NewExtractive returns an extractive answerer over the searcher.
func NewExtractive(s Searcher, opts ...Option) *Extractor {
	e := &Extractor{searcher: s, passages: DefaultPassages, threshold: DefaultThreshold}
	for _, o := range opts {
		o(e)
	}
	if e.analyzer == nil {
		e.analyzer = analysis.New(lang.English())
	}
	return e
}

// Answer answers the question from the articles, or abstains.
func (e *Extractor) Answer(ctx context.Context, question string) (Answer, error) {
	q, err := cleanQuestion(question)
	if err != nil {
		return Answer{}, err
	}
	results, err := e.search(ctx, q)
	if err != nil {
		return Answer{}, err
	}
	a, _ := e.compose(q, results)
	return a, nil
}

// cleanQuestion trims the question and rejects what is not one.
func cleanQuestion(q string) (string, error) {
	if !utf8.ValidString(q) {
		return "", ErrQuestionNotText
	}
	// Invisible format characters (zero-width spaces, bidirectional
	// controls) would split words and hide them from search.
	q = analysis.StripInvisible(q)
	q = strings.Join(strings.Fields(q), " ")
	switch {
	case q == "":
		return "", ErrEmptyQuestion
	case utf8.RuneCountInString(q) > MaxQuestionRunes:
		return "", ErrQuestionTooLong
	}
	return q, nil
}

func (e *Extractor) search(ctx context.Context, q string) ([]retrieval.Result, error) {
	results, err := e.searcher.Search(ctx, q, e.passages)
	if err != nil {
		return nil, fmt.Errorf("search passages: %w", err)
	}
	return results, nil
}

// compose builds the answer from the retrieved passages. It also returns
// the relevance of the best unit, which decided whether to abstain.
func (e *Extractor) compose(text string, results []retrieval.Result) (Answer, float64) {
	q := parseQuestion(e.analyzer, text)
	p := buildPool(e.analyzer, &q, results)
	units := p.units()
	for _, u := range units {
		u.score = u.rel + kindWeight*u.kind + rankWeight*rankPrior(results[u.para.result].Rank) - lengthPenalty(u.words)
	}
	slices.SortStableFunc(units, func(a, b *unit) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return 0
	})
	best := bestRel(units)
	if len(units) == 0 || best < e.threshold {
		return abstain(text, p, units), best
	}
	groups := e.pick(p, units)
	if len(groups) == 0 {
		return abstain(text, p, units), best
	}
	return p.answer(text, groups), best
}

// rankPrior is 1 for the first passage, falling with rank.
func rankPrior(rank int) float64 { return 1 / float64(max(rank, 1)) }

// lengthPenalty prefers short, focused units: a fragment under five words
// says too little, and every word over thirty dilutes the answer.
func lengthPenalty(words int) float64 {
	p := 0.0
	if words < 5 {
		p += 0.15
	}
	if words > 30 {
		p += 0.004 * float64(words-30)
	}
	return p
}

func bestRel(units []*unit) float64 {
	best := 0.0
	for _, u := range units {
		best = max(best, u.rel)
	}
	return best
}
