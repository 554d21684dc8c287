package articles

import (
	"context"
	"testing"

	"dossier/internal/corpus"
	"dossier/internal/extract"
	"dossier/internal/testcorpus"
)

// republish is what another site does to a wire story: keeps the first two
// thirds, puts its own intro on top and its sign-off below.
func republish(paras []string) *extract.Article {
	keep := paras[:max(1, len(paras)*2/3)]
	out := append([]string{"Our correspondent reports, with agencies, on the latest developments."}, keep...)
	out = append(out, "Follow our live coverage for more on this story.")
	return &extract.Article{Title: "Republished", Paragraphs: out}
}

func loadTestStories(t *testing.T) []*corpus.Document {
	t.Helper()
	var docs []*corpus.Document
	for _, d := range []string{"testdata/seeds", "testdata/port-strike", testcorpus.SecondDir(t)} {
		ds, err := corpus.LoadDir(context.Background(), d, corpus.LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, ds...)
	}
	return docs
}

// TestSeedsAreNotDuplicates: different reports of one story (and of two
// stories) stay well under the threshold.
func TestSeedsAreNotDuplicates(t *testing.T) {
	docs := loadTestStories(t)
	worst := 0.0
	for i, a := range docs {
		for _, b := range docs[i+1:] {
			c := containment(shingles(a.Paragraphs), shingles(b.Paragraphs))
			worst = max(worst, c)
			if c >= DuplicateContainment {
				t.Errorf("%s and %s: containment %.2f, want under %.2f", a.ID, b.ID, c, DuplicateContainment)
			}
		}
	}
	t.Logf("highest containment between different reports: %.3f", worst)
}

// TestWireCopyIsDuplicate: a republished copy of each article is caught.
func TestWireCopyIsDuplicate(t *testing.T) {
	docs := loadTestStories(t)
	lowest := 1.0
	for _, d := range docs {
		copy := republish(d.Paragraphs)
		m := nearestDuplicate(copy.Paragraphs, "", docs, nil)
		if m == nil || m.ID != d.ID {
			t.Errorf("copy of %s: match %+v, want %s", d.ID, m, d.ID)
			continue
		}
		lowest = min(lowest, m.Containment)
	}
	t.Logf("lowest containment of a republished copy: %.3f", lowest)
}
