package answer

import (
	"reflect"
	"strings"
	"testing"

	"dossier/internal/corpus"
)

func corpusSpan(start, end int) corpus.Span { return corpus.Span{Start: start, End: end} }

func TestFindMarkers(t *testing.T) {
	tests := []struct {
		text string
		want [][]int
	}{
		{"no markers", nil},
		{"one [1].", [][]int{{1}}},
		{"two [1][3]", [][]int{{1}, {3}}},
		{"list [1, 2; 4]", [][]int{{1, 2, 4}}},
		{"range [2-4] and [5–6]", [][]int{{2, 3, 4}, {5, 6}}},
		{"words [Trump] and [a1] and []", nil},
		{"bad range [4-2] and huge [99999]", nil},
		{"unclosed [1", nil},
		{"nested [[2]]", [][]int{{2}}},
	}
	for _, tt := range tests {
		var got [][]int
		for _, m := range findMarkers(tt.text) {
			got = append(got, m.nums)
			if tt.text[m.start] != '[' || tt.text[m.end-1] != ']' {
				t.Errorf("%q: marker span [%d,%d) is not bracketed", tt.text, m.start, m.end)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("findMarkers(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestRenumber(t *testing.T) {
	tests := []struct {
		name, text string
		passages   int
		want       string
		order      []int
		dropped    int
	}{
		{"in order", "A [1]. B [2].", 3, "A [1]. B [2].", []int{1, 2}, 0},
		{"renumbered by first use", "A [3]. B [1][3].", 3, "A [1]. B [2][1].", []int{3, 1}, 0},
		{"made-up number removed", "A [1]. B [9].", 3, "A [1]. B.", []int{1}, 1},
		{"zero removed", "A [0] [2].", 3, "A [1].", []int{2}, 1},
		{"list split", "A [2, 1].", 3, "A [1][2].", []int{2, 1}, 0},
		{"repeat in one marker", "A [2, 2].", 3, "A [1].", []int{2}, 0},
		{"nothing valid", "A [7]. B [8].", 3, "A. B.", nil, 2},
		{"brackets kept", "He said [Trump] did [1].", 2, "He said [Trump] did [1].", []int{1}, 0},
		{"no marker made of the pieces", "A [1[9]] B [2].", 2, "A 1 B [1].", []int{2}, 1},
	}
	for _, tt := range tests {
		got, order, dropped := renumber(tt.text, tt.passages)
		if got != tt.want || !reflect.DeepEqual(order, tt.order) || dropped != tt.dropped {
			t.Errorf("%s: renumber(%q) = %q %v %d, want %q %v %d", tt.name, tt.text, got, order, dropped, tt.want, tt.order, tt.dropped)
		}
	}
}

// FuzzRenumber: whatever a model writes, the markers left name passages
// 1..len(order), numbered in order of first use, and each passage once.
func FuzzRenumber(f *testing.F) {
	for _, s := range []string{"A [1]. B [9].", "[3][1][2-4]", "[1, 2; 3–5]", "[[1]]", "[", "]", "[99999999999999999999]", "x [1] [ 2 ] [-1] [+1]"} {
		f.Add(s, 4)
	}
	f.Fuzz(func(t *testing.T, text string, passages int) {
		passages = max(0, min(passages, 50))
		out, order, _ := renumber(text, passages)
		seen := map[int]bool{}
		for _, n := range order {
			if n < 1 || n > passages || seen[n] {
				t.Fatalf("%q: order %v names passage %d of %d", text, order, n, passages)
			}
			seen[n] = true
		}
		next := 1
		for _, m := range findMarkers(out) {
			for _, n := range m.nums {
				if n < 1 || n > len(order) || n > next {
					t.Fatalf("%q → %q: marker %d out of order (next %d, %d cited)", text, out, n, next, len(order))
				}
				if n == next {
					next++
				}
			}
		}
		if strings.Count(out, "  ") > 0 {
			t.Fatalf("%q → %q: double space", text, out)
		}
	})
}
