package quotes

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/internal/corpus"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// loadCorpus reads the repository's articles.
func loadCorpus(t testing.TB) []*corpus.Document {
	t.Helper()
	docs, err := corpus.LoadDir(context.Background(), filepath.Join("..", "..", "corpus"), corpus.LoadOptions{})
	if err != nil {
		t.Fatalf("load corpus: %v", err)
	}
	return docs
}

// render lists every quotation of the index, one per source, with the
// rule that attributed it: the output a reviewer reads to check the rules
// on whole articles, including those the evaluation set does not cover.
func render(ix *Index) string {
	var b strings.Builder
	for _, q := range ix.quotes {
		for _, s := range q.Sources {
			who := q.Speaker
			if who == "" {
				who = "(unattributed)"
			}
			fmt.Fprintf(&b, "%s ¶%d [%s] %s <%s> %q\n", s.Doc, s.Paragraph, q.Kind, who, q.Rule, q.Text)
		}
	}
	b.WriteString("\nspeakers:\n")
	for _, s := range ix.Speakers() {
		fmt.Fprintf(&b, "%3d %s\n", s.Quotes, s.Name)
	}
	return b.String()
}

// TestGolden pins the attribution of every quotation in the repository's
// corpus (articles without evaluation items included) and in an invented
// story in another house style (testdata/port-strike), which the rules
// were not written against. Run with -update after a deliberate change and
// review the diff.
func TestGolden(t *testing.T) {
	for _, tc := range []struct{ name, dir string }{
		{"corpus", filepath.Join("..", "..", "corpus")},
		{"port-strike", filepath.Join("testdata", "port-strike")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			docs, err := corpus.LoadDir(context.Background(), tc.dir, corpus.LoadOptions{})
			if err != nil {
				t.Fatalf("load %s: %v", tc.dir, err)
			}
			got := render(Build(docs))
			path := filepath.Join("testdata", tc.name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read golden file (run with -update to create it): %v", err)
			}
			if got != string(want) {
				t.Errorf("quotations differ from %s (run with -update after a deliberate change); - want, + got:\n%s", path, lineDiff(string(want), got))
			}
		})
	}
}

// lineDiff returns the lines that differ between want and got, marked "-"
// and "+" in order, from their longest common subsequence of lines.
func lineDiff(want, got string) string {
	a, b := strings.Split(want, "\n"), strings.Split(got, "\n")
	// lcs[i][j] is the length of the longest common subsequence of a[i:], b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out strings.Builder
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			i, j = i+1, j+1
		case j < len(b) && (i == len(a) || lcs[i][j+1] >= lcs[i+1][j]):
			fmt.Fprintf(&out, "+ %s\n", b[j])
			j++
		default:
			fmt.Fprintf(&out, "- %s\n", a[i])
			i++
		}
	}
	return out.String()
}

func TestLineDiff(t *testing.T) {
	got := lineDiff("a\nb\nc", "a\nx\nc")
	if want := "+ x\n- b\n"; got != want {
		t.Errorf("lineDiff = %q, want %q", got, want)
	}
}
