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

// loadStory loads one of the test stories (see internal/testcorpus).
func loadStory(t testing.TB, story string) []*Document {
	t.Helper()
	dir := testcorpus.Dir(t, story)
	docs, err := LoadDir(context.Background(), dir, LoadOptions{})
	if err != nil {
		t.Fatalf("LoadDir(%s): %v", dir, err)
	}
	return docs
}

// loadStories loads every test story's articles, the seed story's first.
func loadStories(t testing.TB) []*Document {
	t.Helper()
	var docs []*Document
	for _, story := range testcorpus.Names() {
		docs = append(docs, loadStory(t, story)...)
	}
	return docs
}

func TestStoryMetadata(t *testing.T) {
	tests := []struct {
		story    string
		articles int
		seeded   bool // every article names the seed file it came from
	}{
		{testcorpus.Seed, 5, true},
		{testcorpus.Second, 6, false},
	}
	for _, tt := range tests {
		t.Run(tt.story, func(t *testing.T) {
			docs := loadStory(t, tt.story)
			if len(docs) != tt.articles {
				t.Fatalf("got %d articles, want %d", len(docs), tt.articles)
			}
			seen := map[string]bool{}
			for _, d := range docs {
				if d.ID == "" || d.Title == "" || (tt.seeded && d.Seed == "") {
					t.Errorf("%s: id %q, title %q, seed %q: all are required", d.Path, d.ID, d.Title, d.Seed)
				}
				if seen[d.ID] {
					t.Errorf("%s: id %q used twice", d.Path, d.ID)
				}
				seen[d.ID] = true
				if d.URL != "" {
					t.Errorf("%s: url %q: no article of the story establishes a URL", d.Path, d.URL)
				}
				if d.Lang != DefaultLang {
					t.Errorf("%s: lang %q, want the default %q", d.Path, d.Lang, DefaultLang)
				}
			}
		})
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
	for _, d := range loadStory(t, testcorpus.Seed) {
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
	tests := []struct {
		story string
		bad   []string // furniture of the story's pages, absent from every chunk
	}{
		{testcorpus.Seed, []string{"Getty Images", "View gallery", "Related Content", "Photo:", "Read more:", "Publication time", "AP Photo"}},
		{testcorpus.Second, []string{
			"EN | SV", "en sv fi", "Riverland Today", "Marren Post", "News ›", "Home /", "Skip to content",
			"By Sofia", "Anna Kovacs", "Published 14 April", "13:02 CEST", "Jonas Weir", "Photo:",
			"View gallery", "WATCH:", "ALSO ON", "Read more", "Related stories", "Share this", "Facebook Twitter",
			"All rights reserved", "Sign up", "Reporting by", "**",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.story, func(t *testing.T) {
			for _, d := range loadStory(t, tt.story) {
				for _, c := range ChunkDocument(d) {
					for _, bad := range tt.bad {
						if strings.Contains(c.Text, bad) {
							t.Errorf("chunk %s holds %q:\n%s", c.ID, bad, c.Text)
						}
					}
				}
			}
		})
	}
}

// TestCleaningTheSecondStorysWebPage: the second story's first web page
// carries a piece of every kind of furniture; each goes for the reason its
// shape gives, and every paragraph of reporting stays.
func TestCleaningTheSecondStorysWebPage(t *testing.T) {
	path := filepath.Join(testcorpus.SecondDir(t), "002-velmora-death-toll-rises.md")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fields, body, err := ParseFrontMatter(string(raw))
	if err != nil {
		t.Fatal(err)
	}
	paras, removed := Clean(body, fields["title"])
	wantRemoved := map[string]string{
		"EN | SV | FI | ET":                                                                                            "language switcher",
		"By Sofia Lindahl, Regional correspondent":                                                                     "byline",
		"Published 14 April 2026, 08:15 · Updated 14 April 2026, 17:40":                                                "publication time",
		"Velmora flood: death toll rises to three as volunteer firefighter is swept away":                              "headline repeated in the body",
		"Rescue boats on a flooded street in Velmora's old town.":                                                      "image alt text repeated by its caption",
		"Rescue boats on a flooded street in Velmora's old town on Monday, April 13, 2026. Jonas Weir/Riverland Today": "photo caption or credit",
		"12 View gallery": "gallery button",
		"WATCH: DRONE FOOTAGE SHOWS VELMORA OLD TOWN UNDER WATER":                "shouted teaser for another story",
		"Volunteers fill sandbags outside the town hall. Photo: Riverland Today": "photo caption or credit",
		"Read more:":                                   "related-content marker",
		"Insurers brace for flood claims":              "link list after a related-content marker",
		"© 2026 Riverland Today. All rights reserved.": "copyright notice",
	}
	got := map[string]string{}
	for _, r := range removed {
		got[r.Text] = r.Reason
	}
	for text, reason := range wantRemoved {
		if got[text] != reason {
			t.Errorf("%q: removed as %q, want %q", text, got[text], reason)
		}
	}
	if len(paras) != 11 {
		t.Errorf("kept %d paragraphs, want the 11 of reporting:\n%s", len(paras), strings.Join(paras, "\n"))
	}
	for _, p := range paras {
		if !isSentence(p) {
			t.Errorf("kept %q, which is not reporting", p)
		}
	}
}

func TestCleaningKeepsEveryQuotation(t *testing.T) {
	for _, story := range testcorpus.Names() {
		t.Run(story, func(t *testing.T) {
			docs := loadStory(t, story)
			for _, q := range evalset.StoryQuotes(story) {
				found := false
				for _, d := range docs {
					if q.InArticle(d.Seed, d.Path) {
						found = strings.Contains(evalset.Fold(d.Text()), evalset.Fold(q.Quote))
						break
					}
				}
				if !found {
					t.Errorf("%s: quotation %q lost in cleaning", q.Seed, q.Quote)
				}
			}
		})
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
			name: "credit line of a person and an outlet, after the caption",
			body: "The flood rose overnight.\n\nBoats on a flooded street on Monday, April 13, 2026. Jane Roe/The Daily Courier\n\nThe water fell on Tuesday.",
			keep: []string{"The flood rose overnight.", "The water fell on Tuesday."},
			drop: []string{"Jane Roe", "Courier"},
		},
		{
			name: "parenthesised credit of a person and an outlet",
			body: "A man clears mud from his shop in the old town on Friday, four days after the river flooded the town and cut the bridge in two. (Jane Roe/The Valley Post)\n\nThe clean-up began.",
			keep: []string{"The clean-up began."},
			drop: []string{"Valley Post"},
		},
		{
			name: "a slash between names inside reporting is not a credit",
			body: "The Israel/Gaza talks resumed, officials said.\n\nThe Smith/Jones report was published on Monday by the Ministry/Agency Joint Board.",
			keep: []string{"The Israel/Gaza talks resumed, officials said.", "The Smith/Jones report was published on Monday by the Ministry/Agency Joint Board."},
		},
		{
			name: "language switcher of any ISO 639-1 codes, byline, copyright",
			body: "EN | SV | FI | ET\nBy Jane Roe, Regional correspondent\n\nThe story begins here with a full sentence.\n\n© 2026 Some Outlet. All rights reserved.\n\nCopyright 2025 Another Outlet Ltd.",
			keep: []string{"The story begins here with a full sentence."},
			drop: []string{"SV", "Jane Roe", "rights reserved", "Copyright"},
		},
		{
			name: "an interview's bold questions are sentences",
			body: "**Weekly: How unusual was this flood?**\n\n**Jane Roe:** Very. The river peaked at 7.1 metres.\n\n**Should he resign?**\n\nThat is not for me to say.",
			keep: []string{"Weekly: How unusual was this flood?", "Jane Roe: Very. The river peaked at 7.1 metres.", "Should he resign?", "That is not for me to say."},
			drop: []string{"**"},
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

// TestListsHoldNoWordTwice: every word list of the cleaner and the sentence
// splitter names each word once (compared case-folded, as the rules match
// them).
func TestListsHoldNoWordTwice(t *testing.T) {
	for name, list := range map[string][]string{
		"relatedLabels": relatedLabels, "timestampLabels": timestampLabels, "creditLabels": creditLabels,
	} {
		seen := map[string]bool{}
		for _, w := range list {
			k := strings.ToLower(w)
			if seen[k] {
				t.Errorf("%s: %q written twice", name, w)
			}
			seen[k] = true
		}
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
