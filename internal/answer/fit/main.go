// Command fit fits the extractive answerer's model: a logistic regression
// that gives each candidate unit the probability that it answers the
// question, and the probability the best unit must reach for the answerer
// to answer rather than abstain. It writes the coefficients to
// internal/answer/coef.go. Run it from the repository's root:
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
// operating point is the threshold that minimises the cost of those
// out-of-group predictions, a wrong answer shown counting twice a right
// answer withheld (answereval.WrongCost), each set's cost divided by its
// number of questions. The final model is fitted on everything.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"go/format"
	"log"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"dossier/internal/analysis"
	"dossier/internal/answer"
	"dossier/internal/answer/answereval"
	"dossier/internal/corpus"
	"dossier/internal/evalset"
	"dossier/internal/retrieval"
)

// lambda is the L2 penalty on the weights (not the bias), relative to the
// total weight of the rows: enough to keep the Newton steps well defined
// when a feature is rare in a fold, too small to change the fit.
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
	ix        *retrieval.Index
	an        *analysis.Analyzer
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
	for _, g := range names {
		w := fit(sets, func(q *question) bool { return q.item.Group != g })
		if err := answerAll(ctx, sets, w, oof, func(q *question) bool { return q.item.Group == g }); err != nil {
			return err
		}
	}
	threshold, cost := operatingPoint(sets, oof)
	fmt.Printf("cross-validated by group (%d groups: %s)\n", len(names), strings.Join(names, ", "))
	fmt.Printf("operating point: threshold %.2f (cost 2×wrong + withheld, per question, summed over sets: %.3f)\n\n", threshold, cost)
	report(sets, oof, threshold)

	weights := fit(sets, func(*question) bool { return true })
	fmt.Println("\nweights fitted on all sets:")
	for i, n := range answer.FeatureNames {
		fmt.Printf("  %-15s %+.3f\n", n, weights[i])
	}
	inSample := map[*question]outcome{}
	if err := answerAll(ctx, sets, weights, inSample, func(*question) bool { return true }); err != nil {
		return err
	}
	fmt.Println("\nin-sample (final weights, same threshold):")
	report(sets, inSample, threshold)
	if dry {
		return nil
	}
	return writeCoef(out, sets, weights, threshold, len(names))
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
	an := analysis.New()
	ix, err := answereval.BuildIndex(ctx, docs, an)
	if err != nil {
		return nil, err
	}
	e := answer.NewExtractive(ix, answer.WithAnalyzer(an))
	s := &set{name: name, ix: ix, an: an}
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

type weights = answer.Weights

// fit fits the logistic regression on the candidates of the questions
// kept, by Newton's method; each set's rows together weigh the same.
func fit(sets []*set, keep func(*question) bool) weights {
	type row struct {
		x *[answer.NumFeatures]float64
		y float64
		w float64
	}
	var rows []row
	for _, s := range sets {
		n := 0
		for i := range s.questions {
			if keep(&s.questions[i]) {
				n++
			}
		}
		for i := range s.questions {
			q := &s.questions[i]
			if !keep(q) {
				continue
			}
			for j := range q.cands {
				y := 0.0
				if q.right[j] {
					y = 1
				}
				rows = append(rows, row{x: &q.cands[j].Features, y: y, w: 1 / float64(n)})
			}
		}
	}
	const k = answer.NumFeatures
	var w weights
	total := 0.0
	for _, r := range rows {
		total += r.w
	}
	for iter := 0; iter < 50; iter++ {
		var grad [k]float64
		var hess [k][k]float64
		for _, r := range rows {
			z := 0.0
			for i := 0; i < k; i++ {
				z += w[i] * r.x[i]
			}
			p := 1 / (1 + math.Exp(-z))
			for i := 0; i < k; i++ {
				grad[i] += r.w * (p - r.y) * r.x[i]
				for j := 0; j <= i; j++ {
					hess[i][j] += r.w * p * (1 - p) * r.x[i] * r.x[j]
				}
			}
		}
		for i := 0; i < k; i++ {
			for j := 0; j < i; j++ {
				hess[j][i] = hess[i][j]
			}
			if answer.FeatureNames[i] != "bias" {
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

// solve solves a·x = b by Gaussian elimination with partial pivoting.
func solve(a [answer.NumFeatures][answer.NumFeatures]float64, b [answer.NumFeatures]float64) [answer.NumFeatures]float64 {
	const n = answer.NumFeatures
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
	var x [n]float64
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
}

// answerAll answers the questions chosen with the weights given and no
// threshold, and records the outcomes.
func answerAll(ctx context.Context, sets []*set, w weights, out map[*question]outcome, chosen func(*question) bool) error {
	for _, s := range sets {
		e := answer.NewExtractive(s.ix, answer.WithAnalyzer(s.an), answer.WithWeights(w), answer.WithThreshold(0))
		for i := range s.questions {
			q := &s.questions[i]
			if !chosen(q) {
				continue
			}
			a, err := e.Answer(ctx, q.item.Question.Question)
			if err != nil {
				return fmt.Errorf("%s %s: %w", s.name, q.item.ID, err)
			}
			r := answereval.Reply{Abstained: a.Abstained, Text: a.Text}
			for _, c := range a.Citations {
				r.Cited = append(r.Cited, c.Text)
			}
			right, _ := answereval.Judge(q.item.Question, r)
			out[q] = outcome{prob: a.Confidence, right: right && q.item.Answerable}
		}
	}
	return nil
}

// tally counts a set's outcomes at a threshold: the answerer answers when
// its best unit's probability reaches it.
func tally(s *set, outs map[*question]outcome, t float64) answereval.Tally {
	var n answereval.Tally
	for i := range s.questions {
		q := &s.questions[i]
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

// operatingPoint returns the threshold with the lowest summed per-question
// cost over the sets.
func operatingPoint(sets []*set, picks map[*question]outcome) (float64, float64) {
	bestT, bestCost := 0.5, math.Inf(1)
	for t := 0.05; t < 0.96; t += 0.01 {
		cost := 0.0
		for _, s := range sets {
			n := tally(s, picks, t)
			cost += n.Cost() / float64(n.Questions())
		}
		if cost < bestCost-1e-12 {
			bestT, bestCost = t, cost
		}
	}
	return math.Round(bestT*100) / 100, bestCost
}

func report(sets []*set, picks map[*question]outcome, t float64) {
	var rows []answereval.Named
	for _, s := range sets {
		rows = append(rows, answereval.Named{Name: s.name, Tally: tally(s, picks, t)})
	}
	answereval.WriteTable(os.Stdout, rows)
}

func writeCoef(path string, sets []*set, w weights, threshold float64, groups int) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by go run ./internal/answer/fit; DO NOT EDIT.\n\npackage answer\n\n")
	fmt.Fprintf(&b, "// fitted is the logistic regression that gives a candidate unit the\n")
	fmt.Fprintf(&b, "// probability that it answers the question, fitted by Newton's method\n")
	fmt.Fprintf(&b, "// (L2 penalty %g) on the candidates of", lambda)
	for i, s := range sets {
		sep := ","
		if i == len(sets)-1 {
			sep = ""
		} else if i == len(sets)-2 {
			sep = " and"
		}
		fmt.Fprintf(&b, " %s (%d questions)%s", s.name, len(s.questions), sep)
	}
	fmt.Fprintf(&b, ",\n// each set weighing the same; a candidate is labelled right when it holds\n")
	fmt.Fprintf(&b, "// the answer terms and an evidence phrase (SQuAD: a gold answer).\n")
	fmt.Fprintf(&b, "var fitted = model{weights: Weights{\n")
	for i, n := range answer.FeatureNames {
		fmt.Fprintf(&b, "\tfeat%s: %.4f,\n", goName(n), w[i])
	}
	fmt.Fprintf(&b, "}}\n\n")
	fmt.Fprintf(&b, "// fittedThreshold is the operating point: the threshold with the lowest\n")
	fmt.Fprintf(&b, "// cost, a wrong answer shown counting twice a right answer withheld, on\n")
	fmt.Fprintf(&b, "// predictions cross-validated over %d groups (each SQuAD article, each\n", groups)
	fmt.Fprintf(&b, "// story left out in turn), each set's cost per question.\n")
	fmt.Fprintf(&b, "const fittedThreshold = %.2f\n", threshold)
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

// goName turns a feature name ("rel_gap") into its constant's suffix
// ("RelGap").
func goName(n string) string {
	var b strings.Builder
	for _, part := range strings.Split(n, "_") {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}
