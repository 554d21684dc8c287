package corpus

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/internal/evalset"
	"dossier/internal/testcorpus"
)

// loadRepoCorpus loads the frozen copy of the seed story.
func loadRepoCorpus(t testing.TB) []*Document {
	t.Helper()
	dir := testcorpus.SeedDir(t)
	docs, err := LoadDir(context.Background(), dir, LoadOptions{})
	if err != nil {
		t.Fatalf("LoadDir(%s): %v", dir, err)
	}
	return docs
}

func TestRepoCorpusMetadata(t *testing.T) {
	docs := loadRepoCorpus(t)
	if len(docs) != 5 {
		t.Fatalf("got %d articles, want the 5 seeds", len(docs))
	}
	seen := map[string]bool{}
	for _, d := range docs {
		if d.ID == "" || d.Title == "" || d.Seed == "" {
			t.Errorf("%s: id %q, title %q, seed %q: all are required", d.Path, d.ID, d.Title, d.Seed)
		}
		if seen[d.ID] {
			t.Errorf("%s: id %q used twice", d.Path, d.ID)
		}
		seen[d.ID] = true
		if d.URL != "" {
			t.Errorf("%s: url %q: no seed establishes a URL", d.Path, d.URL)
		}
	}
}

// TestRepoCorpusIsTheSeedText checks provenance: each article's body is its
// seed's text, unchanged but for the "date YYYY-MM-DD" prefix that moved into
// the front matter. The seeds live outside the repository; without them
// there is nothing to compare.
func TestRepoCorpusIsTheSeedText(t *testing.T) {
	const seeds = "../../../shared/seeds"
	if _, err := os.Stat(seeds); err != nil {
		t.Skipf("seeds not available at %s", seeds)
	}
	for _, d := range loadRepoCorpus(t) {
		raw, err := os.ReadFile(d.Path)
		if err != nil {
			t.Fatal(err)
		}
		_, body, err := ParseFrontMatter(string(raw))
		if err != nil {
			t.Fatal(err)
		}
		seed, err := os.ReadFile(filepath.Join(seeds, d.Seed))
		if err != nil {
			t.Fatalf("%s: seed %s: %v", d.Path, d.Seed, err)
		}
		want := string(seed)
		if m := datePrefix.FindStringSubmatch(want); m != nil {
			if m[1] != d.Date {
				t.Errorf("%s: date %q, seed says %q", d.Path, d.Date, m[1])
			}
			want = want[len(m[0]):]
		}
		if strings.TrimRight(body, "\n ") != strings.TrimRight(want, "\n ") {
			t.Errorf("%s: body differs from seed %s", d.Path, d.Seed)
		}
	}
}

func TestCleaningRemovesBoilerplate(t *testing.T) {
	for _, d := range loadRepoCorpus(t) {
		for _, c := range ChunkDocument(d) {
			for _, bad := range []string{"Getty Images", "View gallery", "Related Content", "Photo:", "Read more:", "Publication time", "AP Photo"} {
				if strings.Contains(c.Text, bad) {
					t.Errorf("chunk %s holds %q:\n%s", c.ID, bad, c.Text)
				}
			}
		}
	}
}

func TestCleaningKeepsEveryQuotation(t *testing.T) {
	text := map[string]string{}
	for _, d := range loadRepoCorpus(t) {
		text[d.Seed] = evalset.Fold(d.Text())
	}
	for _, q := range evalset.Quotes() {
		if !strings.Contains(text[q.Seed], evalset.Fold(q.Quote)) {
			t.Errorf("%s: quotation %q lost in cleaning", q.Seed, q.Quote)
		}
	}
}

func TestCleaningRules(t *testing.T) {
	tests := []struct {
		name        string
		body, title string
		keep, drop  []string
	}{
		{
			name: "caption ending in a parenthesised credit",
			body: "The envoy arrived.\n\nThe envoy arrives at the summit in Geneva, Monday, Oct. 27, 2025, with a long delegation of officials and advisers from several ministries behind him as cameras roll. (AP Photo/Jane Doe)\n\nTalks began.",
			keep: []string{"The envoy arrived.", "Talks began."},
			drop: []string{"AP Photo"},
		},
		{
			name: "short caption with an agency credit",
			body: "The aide spoke on Monday to reporters.\n\nThe aide in 2019. John Roe/AFP via Getty Images\n\nHe declined to comment further.",
			keep: []string{"The aide spoke on Monday to reporters.", "He declined to comment further."},
			drop: []string{"Getty"},
		},
		{
			name: "alt text repeated by its caption",
			body: "Minister Jane Roe.\nMinister Jane Roe arrives for talks in Berlin, Friday, Aug. 15, 2025. (Pool Photo via AP)\n\nThe minister said little.",
			keep: []string{"The minister said little."},
			drop: []string{"Minister Jane Roe."},
		},
		{
			name: "page furniture around the story",
			body: "Ua en ru\nPublication time 26 November 2025 14:58\nUpdated 15:04\nSome Section Heading\n\nThe story begins here with a full sentence.\n\nRead more:\n\nAnother story — Outlet\n\nEditor Name - editor\nAuthor",
			keep: []string{"The story begins here with a full sentence."},
			drop: []string{"Ua en ru", "Publication time", "Updated 15:04", "Some Section Heading", "Read more", "Another story", "Author"},
		},
		{
			name: "shouted teaser and related marker",
			body: "The first sentence of reporting.\n\nMINISTER GOES FROM BACKBENCH TO TOP NEGOTIATOR\n\nThe second sentence of reporting.\n\nRelated Content",
			keep: []string{"The first sentence of reporting.", "The second sentence of reporting."},
			drop: []string{"MINISTER", "Related"},
		},
		{
			name:  "headline repeated in the body",
			title: "Envoy denies leaking the call",
			body:  "Envoy denies leaking the call\n\nThe envoy denied it on Tuesday.",
			keep:  []string{"The envoy denied it on Tuesday."},
			drop:  []string{"Envoy denies"},
		},
		{
			name: "gallery button",
			body: "3 View gallery Two leaders ( Photo: Agency )\n\nThe leaders met.",
			keep: []string{"The leaders met."},
			drop: []string{"gallery"},
		},
		{
			name: "a short quoted line is reporting, not furniture",
			body: "“We will never agree” he said\n\nThe talks ended.",
			keep: []string{"“We will never agree” he said", "The talks ended."},
		},
		{
			name: "hard-wrapped paragraph is joined",
			body: "The envoy told reporters on Tuesday that the talks\nwould continue next week in Geneva, officials said.",
			keep: []string{"The envoy told reporters on Tuesday that the talks would continue next week in Geneva, officials said."},
		},
		{
			name: "invisible characters and odd spaces",
			body: "The\u00a0envoy\u200b spoke.\u202e",
			keep: []string{"The envoy spoke."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			paras, _ := Clean(tt.body, tt.title)
			got := strings.Join(paras, "\n")
			for _, k := range tt.keep {
				if !contains(paras, k) {
					t.Errorf("paragraph %q lost; got:\n%s", k, got)
				}
			}
			for _, d := range tt.drop {
				if strings.Contains(got, d) {
					t.Errorf("%q kept; got:\n%s", d, got)
				}
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
