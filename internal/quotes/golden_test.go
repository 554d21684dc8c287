package quotes

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"dossier/internal/corpus"
	"dossier/internal/golden"
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
	for i, q := range ix.quotes {
		for _, s := range q.Sources {
			who := q.Speaker
			if who == "" {
				who = "(unattributed)"
			}
			fmt.Fprintf(&b, "%s ¶%d [%s] %s <%s> %q\n", s.Doc, s.Paragraph, q.Kind, who, ix.rules[i], q.Text)
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
			golden.Check(t, filepath.Join("testdata", tc.name+".golden"), got, *update)
		})
	}
}
