package main

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestFitLRRecoversWeights: rows drawn from a known logistic model give
// back its weights (the last one the bias, unpenalised).
func TestFitLRRecoversWeights(t *testing.T) {
	want := []float64{2, -1.5, 0.5}
	r := rand.New(rand.NewPCG(1, 2))
	var rows []row
	for range 20000 {
		x := []float64{r.NormFloat64(), r.NormFloat64(), 1}
		z := want[0]*x[0] + want[1]*x[1] + want[2]
		rows = append(rows, row{x: x, y: r.Float64() < 1/(1+math.Exp(-z)), w: 1})
	}
	got := fitLR(rows, len(want))
	for i := range want {
		if math.Abs(got[i]-want[i]) > 0.1 {
			t.Errorf("weight %d = %.3f, want %.3f ± 0.1 (all: %.3f)", i, got[i], want[i], got)
		}
	}
}

// TestSolve: a small linear system.
func TestSolve(t *testing.T) {
	a := [][]float64{{0, 2, 1}, {1, 1, 0}, {3, 0, 1}}
	x := solve(a, []float64{7, 3, 6})
	for i, w := range []float64{1, 2, 3} {
		if math.Abs(x[i]-w) > 1e-9 {
			t.Errorf("x = %v, want [1 2 3]", x)
			break
		}
	}
}

// TestFitSoftmaxRecoversWeights: questions whose one right candidate is
// drawn from a known conditional logit give back its weights; the bias,
// the same for every candidate of a question, stays 0.
func TestFitSoftmaxRecoversWeights(t *testing.T) {
	want := []float64{1.5, -1, 0}
	r := rand.New(rand.NewPCG(3, 4))
	var lists []list
	for range 4000 {
		l := list{w: 1}
		n := 2 + r.IntN(6)
		p := make([]float64, n)
		sum := 0.0
		for c := range n {
			x := []float64{r.NormFloat64(), r.NormFloat64(), 1}
			l.rows = append(l.rows, row{x: x})
			p[c] = math.Exp(want[0]*x[0] + want[1]*x[1])
			sum += p[c]
		}
		u := r.Float64() * sum
		for c := range n {
			if u -= p[c]; u <= 0 || c == n-1 {
				l.rows[c].y = true
				break
			}
		}
		lists = append(lists, l)
	}
	got := fitSoftmax(lists, len(want))
	for i := range want {
		if math.Abs(got[i]-want[i]) > 0.15 {
			t.Errorf("weight %d = %.3f, want %.3f ± 0.15 (all: %.3f)", i, got[i], want[i], got)
		}
	}
}

// TestFitSoftmaxSeparable: when one feature always marks the right
// candidate, Newton's method alone would overshoot; the fit must stay
// finite and rank the right candidates first.
func TestFitSoftmaxSeparable(t *testing.T) {
	var lists []list
	for i := range 50 {
		l := list{w: 1}
		for c := range 4 {
			l.rows = append(l.rows, row{x: []float64{float64(c%2) * 10, float64(i%3) - 1, 1}, y: c == 1})
		}
		lists = append(lists, l)
	}
	got := fitSoftmax(lists, 3)
	for _, w := range got {
		if math.IsNaN(w) || math.IsInf(w, 0) {
			t.Fatalf("weights %v are not finite", got)
		}
	}
	if got[0] <= 0 {
		t.Errorf("weight of the marking feature = %.3f, want > 0", got[0])
	}
}

// TestRankArea: the ROC area counts, over every pair of a right and a
// wrong answer, whether the right one has the higher probability (ties
// half); questions never answered (probability 0) are left out.
func TestRankArea(t *testing.T) {
	tests := []struct {
		name  string
		right []float64 // probabilities of answers judged right
		wrong []float64
		want  float64
	}{
		{"perfect", []float64{0.9, 0.8}, []float64{0.3, 0.1}, 1},
		{"reversed", []float64{0.2}, []float64{0.7, 0.9}, 0},
		{"ties count half", []float64{0.5}, []float64{0.5}, 0.5},
		{"mixed", []float64{0.9, 0.4}, []float64{0.6, 0.1}, 0.75},
		{"unanswered left out", []float64{0.9, 0}, []float64{0.3, 0}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &set{}
			s.questions = make([]question, len(tt.right)+len(tt.wrong))
			oof := map[*question]outcome{}
			for i, p := range tt.right {
				oof[&s.questions[i]] = outcome{prob: p, right: true}
			}
			for i, p := range tt.wrong {
				oof[&s.questions[len(tt.right)+i]] = outcome{prob: p}
			}
			if got := rankArea(s, oof); math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("rankArea = %.3f, want %.3f", got, tt.want)
			}
		})
	}
}
