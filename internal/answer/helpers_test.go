package answer

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/internal/analysis"
	"dossier/internal/corpus"
	"dossier/internal/embed"
	"dossier/internal/evalset"
	"dossier/internal/lang"
	"dossier/internal/retrieval"
	"dossier/internal/testcorpus"
)

// seedIndex builds the index of the seed corpus in memory, as the bot
// does, and returns it with the cleaned documents.
func seedIndex(tb testing.TB) (*retrieval.Index, []*corpus.Document) {
	tb.Helper()
	return storyIndex(tb, testcorpus.Seed)
}

// storyIndex builds the index of one of the test stories in memory.
func storyIndex(tb testing.TB, story string) (*retrieval.Index, []*corpus.Document) {
	tb.Helper()
	ctx := context.Background()
	docs, err := corpus.LoadDir(ctx, testcorpus.Dir(tb, story), corpus.LoadOptions{})
	if err != nil {
		tb.Fatalf("load corpus: %v", err)
	}
	an := analysis.New(lang.English())
	ix, _, err := retrieval.Build(ctx, docs, embed.NewLocal(an, 0), an, retrieval.BuildOptions{})
	if err != nil {
		tb.Fatalf("build index: %v", err)
	}
	return ix, docs
}

// questionSet reads a file shaped like the shared questions.json.
func questionSet(tb testing.TB, name string) []evalset.Question {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	var v struct{ Questions []evalset.Question }
	if err := json.Unmarshal(b, &v); err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	return v.Questions
}

// fakeSearcher returns fixed passages, ranked in order.
type fakeSearcher struct {
	results []retrieval.Result
	err     error
}

func (f *fakeSearcher) Search(_ context.Context, _ string, k int) ([]retrieval.Result, error) {
	if f.err != nil {
		return nil, f.err
	}
	return f.results[:min(k, len(f.results))], nil
}

// passages makes search results of one-chunk articles: each text is a
// chunk of its own article "a<i>", paragraphs separated by a blank line.
func passages(texts ...string) *fakeSearcher {
	f := &fakeSearcher{}
	for i, text := range texts {
		id := fmt.Sprintf("a%d", i+1)
		f.results = append(f.results, retrieval.Result{
			Rank: i + 1,
			Chunk: corpus.Chunk{
				ID:   id + "#1",
				Doc:  corpus.Meta{ID: id, Title: "Article " + id, Date: "2025-01-0" + fmt.Sprint(i+1)},
				Text: text,
			},
		})
	}
	return f
}

// checkAnswer asserts what every answer must hold: citations numbered
// 1..n; every marker names a citation, numbered in order of first use, and
// every citation is used; an abstention has no markers; every citation's
// text stands verbatim in its chunk; and, for an extractive answer, every
// sentence of the text is corpus text.
func checkAnswer(t *testing.T, a Answer, chunk func(id string) (corpus.Chunk, bool)) {
	t.Helper()
	for i, c := range a.Citations {
		if c.N != i+1 {
			t.Errorf("%q: citation %d has N=%d, want %d", a.Question, i, c.N, i+1)
		}
		ch, ok := chunk(c.Chunk)
		switch {
		case !ok:
			t.Errorf("%q: [%d] cites chunk %q, which does not exist", a.Question, c.N, c.Chunk)
		case c.Text == "" || !strings.Contains(ch.Text, c.Text):
			t.Errorf("%q: [%d] text is not verbatim in chunk %s: %q", a.Question, c.N, c.Chunk, c.Text)
		case ch.Doc.ID != c.Doc || ch.Doc.Title != c.Title:
			t.Errorf("%q: [%d] doc %q %q, want %q %q", a.Question, c.N, c.Doc, c.Title, ch.Doc.ID, ch.Doc.Title)
		}
	}
	markers := findMarkers(a.Text)
	if a.Abstained {
		if len(markers) > 0 {
			t.Errorf("%q: abstained answer has markers: %q", a.Question, a.Text)
		}
		return
	}
	if len(a.Citations) == 0 {
		t.Errorf("%q: answer without citations: %q", a.Question, a.Text)
	}
	next := 1
	for _, m := range markers {
		for _, n := range m.nums {
			switch {
			case n < 1 || n > len(a.Citations):
				t.Errorf("%q: marker [%d] names no citation (have %d)", a.Question, n, len(a.Citations))
			case n > next:
				t.Errorf("%q: marker [%d] used before [%d]", a.Question, n, next)
			case n == next:
				next++
			}
		}
	}
	if next != len(a.Citations)+1 {
		t.Errorf("%q: markers use citations 1..%d, have %d", a.Question, next-1, len(a.Citations))
	}
	if a.Mode == Extractive {
		last := 0
		for _, m := range append(markers, marker{start: len(a.Text)}) {
			seg := strings.TrimSpace(a.Text[last:m.start])
			seg = strings.TrimPrefix(seg, strings.TrimSpace(DifferPrefix)+" ")
			if seg != "" && !inCitations(seg, a.Citations) {
				t.Errorf("%q: answer text %q is not a cited passage", a.Question, seg)
			}
			last = m.end
		}
	}
}

func inCitations(s string, cs []Citation) bool {
	for _, c := range cs {
		if c.Text == s {
			return true
		}
	}
	return false
}
