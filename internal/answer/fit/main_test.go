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
