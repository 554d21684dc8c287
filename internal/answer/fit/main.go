// Command fit fits the extractive answerer's two models and writes their
// coefficients to internal/answer/coef.go: a logistic regression that
// ranks the candidate units by how likely each answers the question (the
// unit model), and one that says how likely the answer built on the best
// unit is right (the abstention model), with the probability it must reach
// for the answerer to answer rather than abstain. Run it from the repository's root:
//
//	go run ./internal/answer/fit
//
// Data: the SQuAD 2.0 slice (10 Wikipedia articles, each article one
// document, every question asked against all of them), the seed story's
// question sets (the shared eval set and the answer package's dev,
// held-out and story sets) and the second story's set. Each candidate unit
// the answerer weighs is labelled right when it holds the question's answer
// terms and an evidence phrase (SQuAD: a gold answer); every unit of an
// unanswerable question is labelled wrong. Each set weighs the same in the
// fit, whatever its size.
//
// Cross-validation leaves one group out at a time (one SQuAD article, or
// one story), fits on the rest and predicts the group left out. The
// operating point is not fitted: it follows from the cost of a wrong
// answer shown (answer.DefaultThreshold). The report gives the cost of
// the out-of-group predictions there, a wrong answer shown counting
// answer.WrongCost right answers withheld and each set's cost divided by
// its number of questions, beside the lowest cost on the curve and how
// often answers are right at each probability. The final model is fitted
// on everything.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"go/format"
	"io"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"dossier/internal/analysis"
	"dossier/internal/answer"
	"dossier/internal/answer/answereval"
	"dossier/internal/corpus"
	"dossier/internal/evalset"
	"dossier/internal/lang"
	"dossier/internal/quotes"
	"dossier/internal/retrieval"
)

// lambda is the L2 penalty on the weights (not the bias), relative to the
// total weight of the rows: enough to keep the Newton steps well defined
// when a feature is rare in a fold. 1e-2 and 3e-2 gave cross-validated
// costs of 1.358 and 1.397 against 1.367: no clear gain, and 1e-2 showed
// more wrong answers on the second story as shipped (7 against 4).
const lambda = 1e-3

func main() {
	root := flag.String("root", ".", "the repository's root")
	out := flag.String("out", "internal/answer/coef.go", "where to write the coefficients")
	dry := flag.Bool("n", false, "report only; do not write the coefficients")
	flag.Parse()
	if err := run(context.Background(), *root, *out, *dry); err != nil {
		log.Fatal(err)
	}
}

// set is one evaluation set: its questions and their candidates.
type set struct {
	name      string
	questions []question
	ix        *memo
	an        *analysis.Analyzer
	quotes    *quotes.Index
}

// extractor returns the set's answerer with the options given.
func (s *set) extractor(opts ...answer.Option) *answer.Extractor {
	return answer.NewExtractive(s.ix, append([]answer.Option{answer.WithAnalyzer(s.an), answer.WithQuotes(s.quotes)}, opts...)...)
}

// memo remembers the passages found for each question: retrieval does not
// change between folds, and asking again would double the command's time.
type memo struct {
	ix   *retrieval.Index
	seen map[string][]retrieval.Result
}

func (m *memo) Search(ctx context.Context, q string, k int) ([]retrieval.Result, error) {
	key := fmt.Sprintf("%d\x00%s", k, q)
	if r, ok := m.seen[key]; ok {
		return r, nil
	}
	r, err := m.ix.Search(ctx, q, k)
	if err != nil {
		return nil, err
	}
	m.seen[key] = r
	return r, nil
}

// question is one question with the candidates the answerer weighed.
type question struct {
	item  answereval.Item
	cands []answer.Candidate
	right []bool
}

func run(ctx context.Context, root, out string, dry bool) error {
	path := func(p string) string { return filepath.Join(root, p) }
	var sets []*set

	docs, items, err := answereval.LoadSQuAD(path("internal/answer/testdata/squad2/train-slice.json"))
	if err != nil {
		return err
	}
	s, err := collect(ctx, "SQuAD slice", docs, items)
	if err != nil {
		return err
	}
	sets = append(sets, s)

	seedItems := itemsOf("seed", evalset.StoryQuestions("seed"))
	for _, f := range []string{"dev_questions.json", "heldout_questions.json", "story_questions.json"} {
		it, err := answereval.LoadQuestions(path(filepath.Join("internal/answer/testdata", f)), "seed")
		if err != nil {
			return err
		}
		seedItems = append(seedItems, it...)
	}
	for _, story := range []struct {
		name, dir string
		items     []answereval.Item
	}{
		{"seed story", "internal/testcorpus/testdata/seed", seedItems},
		{"second story", "internal/testcorpus/testdata/second", itemsOf("second", evalset.StoryQuestions("second"))},
	} {
		docs, err := answereval.LoadStory(ctx, path(story.dir))
		if err != nil {
			return err
		}
		s, err := collect(ctx, story.name, docs, story.items)
		if err != nil {
			return err
		}
		sets = append(sets, s)
	}

	// Cross-validation: leave one group out.
	groups := map[string]bool{}
	for _, s := range sets {
		for _, q := range s.questions {
			groups[q.item.Group] = true
		}
	}
	names := make([]string, 0, len(groups))
	for g := range groups {
		names = append(names, g)
	}
	sort.Strings(names)
	oof := map[*question]outcome{}
	var folds []fold
	for _, g := range names {
		train := func(q *question) bool { return q.item.Group != g }
		m, err := fitModels(ctx, sets, train)
		if err != nil {
			return err
		}
		folds = append(folds, fold{group: g, rows: m.rows})
		if err := answerAll(ctx, sets, m, oof, func(q *question) bool { return q.item.Group == g }); err != nil {
			return err
		}
	}
	threshold := answer.DefaultThreshold
	cost := costAt(sets, oof, threshold)
	low := lowest(questionsOf(sets), oof, rand.New(rand.NewPCG(3, 4)))
	moves := spread(sets, oof)
	fmt.Printf("cross-validated by group (%d groups: %s)\n", len(names), strings.Join(names, ", "))
	fmt.Printf("cost: %d×wrong + withheld, per question, summed over sets\n", answer.WrongCost)
	fmt.Printf("operating point (derived from the cost, not fitted; see answer.DefaultThreshold): threshold %.2f, cost %.3f\n", threshold, cost)
	fmt.Printf("lowest cost on the curve: %.3f at threshold %.2f, standard error %.3f (%d resamples of the questions): the operating point is %.2f standard errors above it\n",
		low.cost, low.threshold, low.se, bootstrapResamples, (cost-low.cost)/low.se)
	fmt.Printf("the lowest-cost threshold over %d resamples of the questions, 10th/50th/90th percentile: %.2f / %.2f / %.2f\n\n",
		spreadResamples, moves[0], moves[1], moves[2])
	report(sets, oof, threshold)
	fmt.Println("\ntrade-off, same cross-validated predictions (right = answerable answered right; wrong = wrong answers shown / questions):")
	curve(os.Stdout, sets, oof, threshold)
	fmt.Println("\nsame predictions, answering every question (threshold 0):")
	report(sets, oof, 0)
	fmt.Println("\nmisses at the operating point, by cause (cross-validated):")
	misses(os.Stdout, sets, oof, threshold)
	fmt.Println("\nhow often answers are right by the abstention model's probability (cross-validated):")
	calibration(os.Stdout, sets, oof)
	fmt.Println("\nhow well the abstention model ranks right answers above wrong ones (cross-validated; area under the ROC curve, questions it may answer):")
	for _, s := range sets {
		fmt.Printf("  %-14s %.3f\n", s.name, rankArea(s, oof))
	}
	fmt.Println("\nabstention features, each left out in turn (same folds and unit models, abstention model fitted again; cost at the operating point, and the lowest cost on the curve):")
	ablation(os.Stdout, sets, folds, oof, cost)

	m, err := fitModels(ctx, sets, func(*question) bool { return true })
	if err != nil {
		return err
	}
	fmt.Println("\nunit model fitted on all sets:")
	for i, n := range answer.FeatureNames {
		fmt.Printf("  %-15s %+.3f\n", n, tidy(m.units[i]))
	}
	fmt.Println("abstention model fitted on all sets:")
	for i, n := range answer.AnswerFeatureNames {
		fmt.Printf("  %-15s %+.3f\n", n, tidy(m.answer[i]))
	}
	inSample := map[*question]outcome{}
	if err := answerAll(ctx, sets, m, inSample, func(*question) bool { return true }); err != nil {
		return err
	}
	fmt.Println("\nin-sample (final models, same threshold):")
	report(sets, inSample, threshold)
	if dry {
		return nil
	}
	return writeCoef(out, sets, m)
}

// models are the coefficients of the answerer's two models.
type models struct {
	units  answer.Weights
	answer answer.AnswerWeights
	// rows are the abstention model's training rows, kept for the
	// ablation report.
	rows []row
}

// fold is one cross-validation fold: the group left out and the
// abstention model's training rows.
type fold struct {
	group string
	rows  []row
}

// fitModels fits the unit model on the candidates of the questions kept,
// then the abstention model on the answers the answerer composes for them
// with that unit model.
func fitModels(ctx context.Context, sets []*set, keep func(*question) bool) (models, error) {
	var m models
	var lists []list
	for _, s := range sets {
		n := count(s, keep)
		for i := range s.questions {
			q := &s.questions[i]
			if !keep(q) || !slices.Contains(q.right, true) {
				continue
			}
			l := list{w: 1 / float64(n)}
			for j := range q.cands {
				l.rows = append(l.rows, row{x: q.cands[j].Features[:], y: q.right[j]})
			}
			lists = append(lists, l)
		}
	}
	copy(m.units[:], fitSoftmax(lists, answer.NumFeatures))

	var rows []row
	for _, s := range sets {
		n := count(s, keep)
		e := s.extractor(answer.WithWeights(m.units, answer.AnswerWeights{}))
		for i := range s.questions {
			q := &s.questions[i]
			if !keep(q) {
				continue
			}
			right, af, err := weigh(ctx, e, q)
			if err != nil {
				return m, fmt.Errorf("%s: %w", s.name, err)
			}
			rows = append(rows, row{x: af[:], y: right, w: 1 / float64(n)})
		}
	}
	copy(m.answer[:], fitLR(rows, answer.NumAnswerFeatures))
	m.rows = rows
	return m, nil
}

func count(s *set, keep func(*question) bool) int {
	n := 0
	for i := range s.questions {
		if keep(&s.questions[i]) {
			n++
		}
	}
	return n
}

// weigh answers a question without abstaining for want of confidence and
// judges the answer.
func weigh(ctx context.Context, e *answer.Extractor, q *question) (bool, answer.AnswerFeatures, error) {
	a, af, err := e.Weigh(ctx, q.item.Question.Question)
	if err != nil {
		return false, af, fmt.Errorf("%s: %w", q.item.ID, err)
	}
	r := answereval.Reply{Abstained: a.Abstained, Text: a.Text}
	for _, c := range a.Citations {
		r.Cited = append(r.Cited, c.Text)
	}
	right, _ := answereval.Judge(q.item.Question, r)
	return right && q.item.Answerable && !a.Abstained, af, nil
}

func itemsOf(group string, qs []evalset.Question) []answereval.Item {
	items := make([]answereval.Item, len(qs))
	for i, q := range qs {
		items[i] = answereval.Item{Question: q, Group: group}
	}
	return items
}

// collect asks every question of a set and labels its candidates.
func collect(ctx context.Context, name string, docs []*corpus.Document, items []answereval.Item) (*set, error) {
	an := analysis.New(lang.English())
	ix, err := answereval.BuildIndex(ctx, docs, an)
	if err != nil {
		return nil, err
	}
	mix := &memo{ix: ix, seen: map[string][]retrieval.Result{}}
	s := &set{name: name, ix: mix, an: an, quotes: quotes.Build(docs)}
	e := s.extractor()
	for _, it := range items {
		cands, err := e.Candidates(ctx, it.Question.Question)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", name, it.ID, err)
		}
		q := question{item: it, cands: cands, right: make([]bool, len(cands))}
		for i, c := range cands {
			q.right[i] = it.Answerable && answereval.HoldsAnswer(it.Question, c.Text) && holdsEvidence(it.Question, c.Text)
		}
		s.questions = append(s.questions, q)
	}
	fmt.Fprintf(os.Stderr, "%s: %d questions\n", name, len(s.questions))
	return s, nil
}

func holdsEvidence(q evalset.Question, text string) bool {
	for _, ev := range q.Evidence {
		if evalset.Contains(text, ev) {
			return true
		}
	}
	return false
}

// row is one example of a logistic regression: features (the last one
// the bias), label and weight.
type row struct {
	x []float64
	y bool
	w float64
}

// fitLR fits a logistic regression by Newton's method with an L2 penalty
// on every weight but the bias (the last feature).
func fitLR(rows []row, k int) []float64 {
	w := make([]float64, k)
	total := 0.0
	for _, r := range rows {
		total += r.w
	}
	for iter := 0; iter < 50; iter++ {
		grad := make([]float64, k)
		hess := make([][]float64, k)
		for i := range hess {
			hess[i] = make([]float64, k)
		}
		for _, r := range rows {
			z := 0.0
			for i := 0; i < k; i++ {
				z += w[i] * r.x[i]
			}
			p := 1 / (1 + math.Exp(-z))
			y := 0.0
			if r.y {
				y = 1
			}
			for i := 0; i < k; i++ {
				grad[i] += r.w * (p - y) * r.x[i]
				for j := 0; j <= i; j++ {
					hess[i][j] += r.w * p * (1 - p) * r.x[i] * r.x[j]
				}
			}
		}
		for i := 0; i < k; i++ {
			for j := 0; j < i; j++ {
				hess[j][i] = hess[i][j]
			}
			if i < k-1 {
				grad[i] += lambda * total * w[i]
				hess[i][i] += lambda * total
			}
			hess[i][i] += 1e-9
		}
		step := solve(hess, grad)
		change := 0.0
		for i := range w {
			w[i] -= step[i]
			change = max(change, math.Abs(step[i]))
		}
		if change < 1e-6 {
			break
		}
	}
	return w
}

// list is the candidates of one question, for the unit model: which of
// them answers, given that one does; w is the question's weight.
type list struct {
	rows []row
	w    float64
}

// fitSoftmax fits the unit model as a conditional logit: within each
// question, a candidate's probability of being the answer is the softmax of
// the candidates' log-odds, and the fit maximises the probability of the
// right ones (each right candidate of a question taking an equal share of
// the target). It learns what tells the answer from the other candidates
// of the same question, which is the unit model's job; the abstention
// model then says whether the question is answered at all. The bias (the
// last feature) is the same for every candidate of a question, so it stays
// 0. Newton's method with the same L2 penalty as fitLR.
func fitSoftmax(lists []list, k int) []float64 {
	w := make([]float64, k)
	total := 0.0
	for _, l := range lists {
		total += l.w
	}
	kk := k - 1 // the bias is left out
	for iter := 0; iter < 50; iter++ {
		grad := make([]float64, kk)
		hess := make([][]float64, kk)
		for i := range hess {
			hess[i] = make([]float64, kk)
		}
		for _, l := range lists {
			z := make([]float64, len(l.rows))
			top := math.Inf(-1)
			for c, r := range l.rows {
				for i := 0; i < kk; i++ {
					z[c] += w[i] * r.x[i]
				}
				top = max(top, z[c])
			}
			sum := 0.0
			for c := range z {
				z[c] = math.Exp(z[c] - top)
				sum += z[c]
			}
			right := 0
			for _, r := range l.rows {
				if r.y {
					right++
				}
			}
			mean := make([]float64, kk) // Σ p_c x_c
			for c, r := range l.rows {
				p := z[c] / sum
				y := 0.0
				if r.y {
					y = 1 / float64(right)
				}
				for i := 0; i < kk; i++ {
					grad[i] += l.w * (p - y) * r.x[i]
					mean[i] += p * r.x[i]
				}
				for i := 0; i < kk; i++ {
					for j := 0; j <= i; j++ {
						hess[i][j] += l.w * p * r.x[i] * r.x[j]
					}
				}
			}
			for i := 0; i < kk; i++ {
				for j := 0; j <= i; j++ {
					hess[i][j] -= l.w * mean[i] * mean[j]
				}
			}
		}
		for i := 0; i < kk; i++ {
			for j := 0; j < i; j++ {
				hess[j][i] = hess[i][j]
			}
			grad[i] += lambda * total * w[i]
			hess[i][i] += lambda*total + 1e-9
		}
		step := solve(hess, grad)
		// Newton's step can overshoot on a softmax; halve it until the
		// loss does not rise.
		before := softmaxLoss(lists, w, total)
		next := make([]float64, k)
		for try := 0; try < 30; try++ {
			for i := range step {
				next[i] = w[i] - step[i]
			}
			if l := softmaxLoss(lists, next, total); l <= before || math.IsNaN(before) {
				break
			}
			for i := range step {
				step[i] /= 2
			}
		}
		change := 0.0
		for i := range step {
			w[i] -= step[i]
			change = max(change, math.Abs(step[i]))
		}
		if change < 1e-6 {
			break
		}
	}
	return w
}

// softmaxLoss is fitSoftmax's objective: the weighted cross-entropy of the
// right candidates' shares plus the L2 penalty.
func softmaxLoss(lists []list, w []float64, total float64) float64 {
	kk := len(w) - 1
	loss := 0.0
	for i := 0; i < kk; i++ {
		loss += lambda * total * w[i] * w[i] / 2
	}
	for _, l := range lists {
		z := make([]float64, len(l.rows))
		top := math.Inf(-1)
		right := 0
		for c, r := range l.rows {
			for i := 0; i < kk; i++ {
				z[c] += w[i] * r.x[i]
			}
			top = max(top, z[c])
			if r.y {
				right++
			}
		}
		sum := 0.0
		for c := range z {
			sum += math.Exp(z[c] - top)
		}
		for c, r := range l.rows {
			if r.y {
				loss -= l.w / float64(right) * (z[c] - top - math.Log(sum))
			}
		}
	}
	return loss
}

// solve solves a·x = b by Gaussian elimination with partial pivoting.
func solve(a [][]float64, b []float64) []float64 {
	n := len(b)
	for c := 0; c < n; c++ {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		a[c], a[p] = a[p], a[c]
		b[c], b[p] = b[p], b[c]
		for r := c + 1; r < n; r++ {
			f := a[r][c] / a[c][c]
			for j := c; j < n; j++ {
				a[r][j] -= f * a[c][j]
			}
			b[r] -= f * b[c]
		}
	}
	x := make([]float64, n)
	for r := n - 1; r >= 0; r-- {
		s := b[r]
		for j := r + 1; j < n; j++ {
			s -= a[r][j] * x[j]
		}
		x[r] = s / a[r][r]
	}
	return x
}

// outcome is what the answerer made of a question with some weights and
// no threshold: the probability of its best unit, and whether the answer
// it would give is right.
type outcome struct {
	prob  float64
	right bool
	af    answer.AnswerFeatures
}

// answerAll answers the questions chosen with the models given and no
// threshold, and records the outcomes.
func answerAll(ctx context.Context, sets []*set, m models, out map[*question]outcome, chosen func(*question) bool) error {
	for _, s := range sets {
		e := s.extractor(answer.WithWeights(m.units, m.answer))
		for i := range s.questions {
			q := &s.questions[i]
			if !chosen(q) {
				continue
			}
			a, af, err := e.Weigh(ctx, q.item.Question.Question)
			if err != nil {
				return fmt.Errorf("%s %s: %w", s.name, q.item.ID, err)
			}
			r := answereval.Reply{Abstained: a.Abstained, Text: a.Text}
			for _, c := range a.Citations {
				r.Cited = append(r.Cited, c.Text)
			}
			right, _ := answereval.Judge(q.item.Question, r)
			out[q] = outcome{prob: a.Confidence, right: right && q.item.Answerable && !a.Abstained, af: af}
		}
	}
	return nil
}

// tally counts a set's outcomes at a threshold: the answerer answers when
// its best unit's probability reaches it.
func tally(s *set, outs map[*question]outcome, t float64) answereval.Tally {
	return tallyOf(s.all(), outs, t)
}

// all returns pointers to the set's questions.
func (s *set) all() []*question {
	qs := make([]*question, len(s.questions))
	for i := range s.questions {
		qs[i] = &s.questions[i]
	}
	return qs
}

// tallyOf counts the outcomes of the questions given (a set, or a
// resample of one, where a question may come more than once).
func tallyOf(qs []*question, outs map[*question]outcome, t float64) answereval.Tally {
	var n answereval.Tally
	for _, q := range qs {
		o := outs[q]
		answered := o.prob > 0 && o.prob >= t
		switch {
		case q.item.Answerable && answered && o.right:
			n.Answerable++
			n.Right++
		case q.item.Answerable && answered:
			n.Answerable++
			n.WrongAnswer++
			n.WrongShown++
		case q.item.Answerable:
			n.Answerable++
			n.Withheld++
		case answered:
			n.Unanswerable++
			n.WrongShown++
		default:
			n.Unanswerable++
			n.Abstained++
		}
	}
	return n
}

// The operating point is not fitted: it follows from the cost
// (answer.DefaultThreshold). What the fit reports is where that point
// sits on the cross-validated cost curve: the lowest cost, its threshold
// and its standard error, and how far the lowest-cost threshold moves over
// resamples of the questions. On the sets of 30 November 2026 the curve
// stays within 0.05 of its lowest point from 0.44 to 0.64, less than one
// standard error (0.08, mostly the second story's 76 questions, where one
// question moves the cost by 0.013 to 0.026), and its lowest point moved
// from 0.64 to 0.47 when 30 questions were added: a threshold fitted to
// it would move with every question written.
const (
	// thresholdStep is the grid the lowest cost is searched on.
	thresholdStep = 0.01
	// bootstrapResamples is how many resamples estimate the cost's
	// standard error: 400 puts the estimate's own error near 4%.
	bootstrapResamples = 400
	// spreadResamples is how many resamples show how far the lowest-cost
	// threshold moves with the questions asked.
	spreadResamples = 200
)

// lowestCost is the threshold with the lowest cost on a grid and that
// cost, and the cost's bootstrap standard error.
type lowestCost struct {
	threshold, cost, se float64
}

// setCost is the cost of the questions at threshold t, each set's cost
// taken per question and the sets' costs summed, so that each set weighs
// the same whatever its size.
func setCost(sets [][]*question, picks map[*question]outcome, t float64) float64 {
	cost := 0.0
	for _, qs := range sets {
		n := tallyOf(qs, picks, t)
		cost += n.Cost() / float64(n.Questions())
	}
	return cost
}

// costAt is setCost over whole sets.
func costAt(sets []*set, picks map[*question]outcome, t float64) float64 {
	return setCost(questionsOf(sets), picks, t)
}

func questionsOf(sets []*set) [][]*question {
	qs := make([][]*question, len(sets))
	for i, s := range sets {
		qs[i] = s.all()
	}
	return qs
}

// lowest finds the lowest-cost threshold on the grid from 0.05 to 0.95,
// and estimates the standard error of its cost from resamples of each
// set's questions drawn with r.
func lowest(sets [][]*question, picks map[*question]outcome, r *rand.Rand) lowestCost {
	low := lowestCost{cost: math.Inf(1)}
	for i := 5; i <= 95; i++ {
		t := float64(i) * thresholdStep
		if c := setCost(sets, picks, t); c < low.cost-1e-12 {
			low.threshold, low.cost = t, c
		}
	}
	var sum, sumSq float64
	for range bootstrapResamples {
		c := setCost(resample(sets, r), picks, low.threshold)
		sum += c
		sumSq += c * c
	}
	n := float64(bootstrapResamples)
	low.se = math.Sqrt(max(0, (sumSq-sum*sum/n)/(n-1)))
	return low
}

// resample draws each set's questions with replacement, as many as it has.
func resample(sets [][]*question, r *rand.Rand) [][]*question {
	out := make([][]*question, len(sets))
	for i, qs := range sets {
		out[i] = make([]*question, len(qs))
		for j := range qs {
			out[i][j] = qs[r.IntN(len(qs))]
		}
	}
	return out
}

// spread finds the lowest-cost threshold on resamples of the questions
// and returns its 10th, 50th and 90th percentiles. The generator is
// seeded, so reruns print the same figures.
func spread(sets []*set, picks map[*question]outcome) [3]float64 {
	qs := questionsOf(sets)
	r := rand.New(rand.NewPCG(1, 2))
	var ts []float64
	for range spreadResamples {
		ts = append(ts, lowest(resample(qs, r), picks, r).threshold)
	}
	slices.Sort(ts)
	at := func(p float64) float64 { return ts[int(p*float64(len(ts)-1))] }
	return [3]float64{at(0.1), at(0.5), at(0.9)}
}

// calibration writes, per set, how often the answers the abstention model
// gives each band of probability are right (cross-validated): the derived
// threshold is only as good as these agree.
func calibration(w io.Writer, sets []*set, picks map[*question]outcome) {
	bands := []float64{0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001}
	fmt.Fprintf(w, "%-12s", "probability")
	for _, s := range sets {
		fmt.Fprintf(w, "  %-20s", s.name+" right/answers")
	}
	fmt.Fprintln(w)
	for i := 0; i+1 < len(bands); i++ {
		lo, hi := bands[i], bands[i+1]
		fmt.Fprintf(w, "%.1f–%.1f    ", lo, min(hi, 1))
		for _, s := range sets {
			var n, right int
			for _, q := range s.all() {
				o := picks[q]
				if o.prob > 0 && o.prob >= lo && o.prob < hi {
					n++
					if o.right {
						right++
					}
				}
			}
			cell := "-"
			if n > 0 {
				cell = fmt.Sprintf("%.2f of %d", float64(right)/float64(n), n)
			}
			fmt.Fprintf(w, "  %-20s", cell)
		}
		fmt.Fprintln(w)
	}
}

func report(sets []*set, picks map[*question]outcome, t float64) {
	var rows []answereval.Named
	for _, s := range sets {
		rows = append(rows, answereval.Named{Name: s.name, Tally: tally(s, picks, t)})
	}
	answereval.WriteTable(os.Stdout, rows)
}

// misses writes, per set, how the questions not answered right at
// threshold t went wrong: an answerable question withheld or answered
// wrong, split by whether any candidate unit held the answer (if none
// did, retrieval or unit building lost it; if one did, the unit model or
// the abstention model chose badly, or the kind asked was not found), and
// an unanswerable question answered.
func misses(w io.Writer, sets []*set, picks map[*question]outcome, t float64) {
	fmt.Fprintf(w, "%-14s %10s %10s %10s %10s %10s %12s\n", "set", "no unit", "kind none", "withheld", "wrong", "wrong", "unanswerable")
	fmt.Fprintf(w, "%-14s %10s %10s %10s %10s %10s %12s\n", "", "holds it", "(prob 0)", "unit held", "unit held", "none held", "answered")
	for _, s := range sets {
		var noUnit, kindNone, withheld, wrongHeld, wrongNone, unans int
		for i := range s.questions {
			q := &s.questions[i]
			o := picks[q]
			answered := o.prob > 0 && o.prob >= t
			if !q.item.Answerable {
				if answered {
					unans++
				}
				continue
			}
			if answered && o.right {
				continue
			}
			held := slices.Contains(q.right, true)
			switch {
			case !answered && !held:
				noUnit++
			case !answered && o.prob == 0:
				kindNone++
			case !answered:
				withheld++
			case held:
				wrongHeld++
			default:
				wrongNone++
			}
		}
		fmt.Fprintf(w, "%-14s %10d %10d %10d %10d %10d %12d\n", s.name, noUnit, kindNone, withheld, wrongHeld, wrongNone, unans)
	}
}

// rankArea is the area under the ROC curve of the probabilities of a
// set's questions that the answerer may answer (probability above 0): the
// chance that a right answer is given a higher probability than a wrong
// one, ties counting half.
func rankArea(s *set, oof map[*question]outcome) float64 {
	var right, wrong []float64
	for i := range s.questions {
		o := oof[&s.questions[i]]
		switch {
		case o.prob == 0:
		case o.right:
			right = append(right, o.prob)
		default:
			wrong = append(wrong, o.prob)
		}
	}
	if len(right) == 0 || len(wrong) == 0 {
		return math.NaN()
	}
	slices.Sort(wrong)
	area := 0.0
	for _, p := range right {
		below, _ := slices.BinarySearch(wrong, p)
		upto := below
		for upto < len(wrong) && wrong[upto] == p {
			upto++
		}
		area += float64(below) + float64(upto-below)/2
	}
	return area / float64(len(right)*len(wrong))
}

// ablation writes, for each feature of the abstention model, the
// cross-validated cost at the operating point when the model is fitted and
// applied without it, against the cost with every feature (all): a feature
// that earns its place raises the cost when left out. The unit models and
// the answers of each fold stay as they were; a question the answerer
// never answers (no unit, or none stating the kind asked) stays
// unanswered.
func ablation(w io.Writer, sets []*set, folds []fold, oof map[*question]outcome, all float64) {
	fmt.Fprintf(w, "%-15s %8s %7s %12s %6s\n", "left out", "cost", "change", "lowest cost", "at")
	fmt.Fprintf(w, "%-15s %8.3f\n", "(none)", all)
	for j, name := range answer.AnswerFeatureNames[:answer.NumAnswerFeatures-1] {
		without := func(x []float64) []float64 {
			y := slices.Clone(x)
			y[j] = 0
			return y
		}
		outs := map[*question]outcome{}
		for _, f := range folds {
			rows := make([]row, len(f.rows))
			for i, r := range f.rows {
				rows[i] = row{x: without(r.x), y: r.y, w: r.w}
			}
			wt := fitLR(rows, answer.NumAnswerFeatures)
			for _, s := range sets {
				for i := range s.questions {
					q := &s.questions[i]
					o, ok := oof[q]
					if !ok || q.item.Group != f.group {
						continue
					}
					if o.prob > 0 {
						x := without(o.af[:])
						z := 0.0
						for k := range x {
							z += wt[k] * x[k]
						}
						o.prob = 1 / (1 + math.Exp(-z))
					}
					outs[q] = o
				}
			}
		}
		cost := costAt(sets, outs, answer.DefaultThreshold)
		low := lowest(questionsOf(sets), outs, rand.New(rand.NewPCG(3, 4)))
		fmt.Fprintf(w, "%-15s %8.3f %+7.3f %12.3f %6.2f\n", name, cost, cost-all, low.cost, low.threshold)
	}
}

// curveThresholds are the thresholds the trade-off table shows, besides the
// operating point: from answering everything to answering only the surest.
var curveThresholds = []float64{0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}

// curve writes, for each threshold, each set's share of answerable
// questions answered right and share of questions given a wrong answer.
func curve(w io.Writer, sets []*set, picks map[*question]outcome, op float64) {
	ts := append([]float64(nil), curveThresholds...)
	if !slices.Contains(ts, op) {
		ts = append(ts, op)
		slices.Sort(ts)
	}
	fmt.Fprintf(w, "%-10s", "threshold")
	for _, s := range sets {
		fmt.Fprintf(w, "  %-22s", s.name+" right/wrong")
	}
	fmt.Fprintln(w)
	for _, t := range ts {
		mark := " "
		if t == op {
			mark = "*"
		}
		fmt.Fprintf(w, "%-9.2f%s", t, mark)
		for _, s := range sets {
			n := tally(s, picks, t)
			fmt.Fprintf(w, "  %-22s", fmt.Sprintf("%.2f / %.3f", float64(n.Right)/float64(n.Answerable), float64(n.WrongShown)/float64(n.Questions())))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "(* the operating point)")
}

func writeCoef(path string, sets []*set, m models) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by go run ./internal/answer/fit; DO NOT EDIT.\n\npackage answer\n\n")
	var data []string
	for _, s := range sets {
		data = append(data, fmt.Sprintf("%s (%d questions)", s.name, len(s.questions)))
	}
	fmt.Fprintf(&b, "// fitted holds the answerer's two logistic regressions, fitted by\n")
	fmt.Fprintf(&b, "// Newton's method (L2 penalty %g) on %s,\n", lambda, strings.Join(data, ", "))
	fmt.Fprintf(&b, "// each set weighing the same. The unit model's labels: a candidate unit\n")
	fmt.Fprintf(&b, "// is right when it holds the answer terms and an evidence phrase (SQuAD: a\n")
	fmt.Fprintf(&b, "// gold answer). The abstention model's labels: the answer composed with\n")
	fmt.Fprintf(&b, "// the unit model, judged as the quality test judges it.\n")
	fmt.Fprintf(&b, "var fitted = model{\n\tweights: Weights{\n")
	for i, n := range answer.FeatureNames {
		fmt.Fprintf(&b, "\t\tfeat%s: %.4f,\n", goName(n), tidy(m.units[i]))
	}
	fmt.Fprintf(&b, "\t},\n\tanswer: AnswerWeights{\n")
	for i, n := range answer.AnswerFeatureNames {
		fmt.Fprintf(&b, "\t\tans%s: %.4f,\n", goName(n), tidy(m.answer[i]))
	}
	fmt.Fprintf(&b, "\t},\n}\n")
	src, err := format.Source(b.Bytes())
	if err != nil {
		return fmt.Errorf("format coefficients: %w", err)
	}
	if err := os.WriteFile(path, src, 0o644); err != nil {
		return fmt.Errorf("write coefficients: %w", err)
	}
	fmt.Fprintf(os.Stderr, "wrote %s\n", path)
	return nil
}

// tidy returns a weight as printed, with the ones that round to zero
// printed as 0: a weight the fit leaves at zero (the bias of the unit
// model, a feature constant within every question) comes out as a tiny
// number of either sign, and the report and the coefficients would
// change sign from run to run.
func tidy(w float64) float64 {
	if math.Abs(w) < 5e-5 {
		return 0
	}
	return w
}

// goName turns a feature name ("rel_gap") into its constant's suffix
// ("RelGap").
func goName(n string) string {
	var b strings.Builder
	for _, part := range strings.Split(n, "_") {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}
