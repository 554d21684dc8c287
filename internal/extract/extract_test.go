package extract

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dossier/internal/corpus"
	"dossier/internal/fetch"
)

// fetchFixture serves a saved page from testdata over HTTP on loopback and
// fetches it as the bot would, so the test covers the real path.
func fetchFixture(t *testing.T, name string, edit func(string) string) *fetch.Page {
	t.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		body = []byte(edit(string(body)))
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	p, err := fetch.New(fetch.Options{AllowPrivate: true}).Get(context.Background(), srv.URL+"/news/"+name)
	if err != nil {
		t.Fatalf("fetch %s: %v", name, err)
	}
	return p
}

// served is the text the corpus will serve: the extracted paragraphs
// through the corpus loader's cleaner.
func served(a *Article) []string {
	paras, _ := corpus.Clean(strings.Join(a.Paragraphs, "\n\n"), a.Title)
	return paras
}

func TestHTMLRealPages(t *testing.T) {
	tests := []struct {
		file                string
		title, date, outlet string
		url                 string
		first, last         string   // prefixes of the first and last paragraphs served
		absent              []string // boilerplate in the page that must not be served
	}{{
		file:   "wire-reuters.html",
		title:  "'Parasite' scores historic upset at SAG awards, boosting Oscar chances",
		date:   "2020-01-20",
		outlet: "Reuters",
		url:    "https://www.reuters.com/article/us-awards-sag-idUSKBN1ZI0EH",
		first:  "LOS ANGELES (Reuters) - South Korean thriller “Parasite” was the upset winner",
		last:   "“This whole thing has been a dream and if I wake up tomorrow",
		absent: []string{"Our Standards", "Editing by", "Terms of Use", "cookie"},
	}, {
		file:   "boilerplate-dailymail.html",
		title:  "UK's Covid cases fall for SEVENTH day: Infections plummet to 23,511",
		date:   "2021-07-27",
		outlet: "Mail Online",
		url:    "https://www.dailymail.co.uk/news/article-9831365/UKs-daily-Covid-cases-fall-SEVENTH-day-Infections-plummet-50-23-511.html",
		first:  "UK's daily Covid cases fall for SEVENTH day: Infections plummet 50% to 23,511",
		last:   "He pointed to disquiet over 'government by soundbite'",
		absent: []string{"Share or comment on this article", "Advertisement", "Privacy Policy", "Viral video claims President Vladimir Putin", "cookie"},
	}, {
		file:   "liveblog-corkbeo.html",
		title:  "Level 3 LIVE news from Cork as county adapts to incoming restrictions",
		date:   "2020-10-06",
		outlet: "Cork Beo",
		url:    "https://www.corkbeo.ie/news/local-news/level-3-live-cork-ireland-19056312",
		first:  "Tonight at midnight Cork will be moved into Level 3",
		last:   `"So we thought that this is not the right way to do things`,
		absent: []string{"Sign up for the CorkBeo newsletter", "Never miss the latest news by signing up", "A garda watches over", "Tony Holohan, Chief Medical Officer, Department of Health, pictured", "cookie"},
	}, {
		file:   "jsonld-date-bbc.html",
		title:  "New York ramps up mass burials amid virus outbreak",
		date:   "2020-04-10",
		outlet: "BBC News",
		url:    "https://www.bbc.com/news/world-us-canada-52241221",
		first:  "Images have emerged of coffins being buried in a mass grave in New York City",
		last:   "He said it had cast a spotlight on inequity",
		absent: []string{"Read more", "Image copyright", "Image caption", "About 40 bodies were buried on Thursday", "Mourners attend a funeral in Brooklyn", "Skip to", "Related Topics", "cookie"},
	}, {
		file:   "paywalled-full-nytimes.html",
		title:  "Rolling Blackouts in California Have Power Experts Stumped",
		date:   "2020-08-16",
		outlet: "The New York Times",
		url:    "https://www.nytimes.com/2020/08/16/business/california-blackouts.html",
		first:  "As temperatures began to rise in California on Friday and again on Saturday",
		last:   "“If there’s really a problem and not just the ISO jumping the gun",
		absent: []string{"Skip to", "Advertisement", "cookie"},
	}}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p := fetchFixture(t, tt.file, nil)
			raw := string(p.Body)
			a, err := HTML(p.Body, p.URL, p.ContentType)
			if err != nil {
				t.Fatalf("HTML: %v", err)
			}
			if a.Title != tt.title || a.Date != tt.date || a.Outlet != tt.outlet || a.URL != tt.url {
				t.Errorf("meta = %q, %q, %q, %q\nwant   %q, %q, %q, %q", a.Title, a.Date, a.Outlet, a.URL, tt.title, tt.date, tt.outlet, tt.url)
			}
			paras := served(a)
			if len(paras) == 0 {
				t.Fatal("no paragraphs served")
			}
			if !strings.HasPrefix(paras[0], tt.first) {
				t.Errorf("first paragraph = %.120q, want prefix %q", paras[0], tt.first)
			}
			if last := paras[len(paras)-1]; !strings.HasPrefix(last, tt.last) {
				t.Errorf("last paragraph = %.120q, want prefix %q", last, tt.last)
			}
			text := strings.Join(paras, "\n")
			for _, s := range tt.absent {
				if !strings.Contains(raw, s) {
					t.Errorf("fixture lacks %q: the check could not fail", s)
				}
				if strings.Contains(text, s) {
					t.Errorf("boilerplate %q served", s)
				}
			}
		})
	}
}

// TestDateFromJSONLD shows the BBC fixture's date comes from its JSON-LD:
// without that block the extractor finds another date (a related story's).
func TestDateFromJSONLD(t *testing.T) {
	ld := regexp.MustCompile(`(?s)<script type="application/ld\+json">.*?</script>`)
	p := fetchFixture(t, "jsonld-date-bbc.html", func(s string) string {
		if !ld.MatchString(s) {
			t.Fatal("fixture has no JSON-LD")
		}
		return ld.ReplaceAllString(s, "")
	})
	a, err := HTML(p.Body, p.URL, p.ContentType)
	if err != nil {
		t.Fatal(err)
	}
	if a.Date == "2020-04-10" {
		t.Errorf("date %s found without JSON-LD; the fixture does not test a JSON-LD-only date", a.Date)
	}
}

func TestHTMLRefusesPagesWithoutArticle(t *testing.T) {
	tests := []struct {
		file string
		want error
	}{
		{"paywall-stub-nytimes.html", ErrPaywall},
		{"js-shell.html", ErrNeedsJavaScript},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p := fetchFixture(t, tt.file, nil)
			if _, err := HTML(p.Body, p.URL, p.ContentType); !errors.Is(err, tt.want) {
				t.Fatalf("HTML = %v, want %v", err, tt.want)
			}
		})
	}
	if _, err := HTML([]byte("<html><body><p>Page not found.</p></body></html>"), "http://a.example/", "text/html"); !errors.Is(err, ErrNoArticle) {
		t.Errorf("near-empty page: %v, want %v", err, ErrNoArticle)
	}
}

func TestHTMLDecodesDeclaredCharset(t *testing.T) {
	para := strings.Repeat("The minister\x92s office said the talks would resume on Monday after a pause. ", 8)
	page := "<html><head><title>Talks resume</title></head><body><article><h1>Talks resume</h1><p>" + para + "</p><p>" + para + "</p></article></body></html>"
	a, err := HTML([]byte(page), "http://a.example/talks", "text/html; charset=windows-1252")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(a.Paragraphs, " "), "minister’s office") {
		t.Errorf("paragraphs = %.80q, want the windows-1252 apostrophe decoded", a.Paragraphs)
	}
}

func TestText(t *testing.T) {
	body := strings.Repeat("Officials said the bridge would reopen next week after repairs. ", 6)
	tests := []struct {
		name, in          string
		title, date, para string
		err               error
	}{
		{name: "markdown with front matter", in: "---\ntitle: \"Bridge to reopen\"\ndate: 2025-11-02\noutlet: Gazette\n---\n" + body + "\n\n" + body,
			title: "Bridge to reopen", date: "2025-11-02", para: "Officials said"},
		{name: "seed format", in: "date 2025-11-03 Bridge to reopen next week\n\n" + body,
			title: "Bridge to reopen next week", date: "2025-11-03", para: "Officials said"},
		{name: "markdown heading as title", in: "# Bridge to reopen\n\n" + body, title: "Bridge to reopen", para: "Officials said"},
		{name: "binary", in: "\x89PNG\x00\x00", err: ErrNotText},
		{name: "latin-1", in: "caf\xe9 " + body, err: ErrNotText},
		{name: "too short", in: "Bridge to reopen\n\nIt reopens.", err: ErrNoArticle},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Text([]byte(tt.in))
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("Text = %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Text: %v", err)
			}
			if a.Title != tt.title || a.Date != tt.date || !strings.HasPrefix(a.Paragraphs[0], tt.para) {
				t.Errorf("got %q %q %.40q, want %q %q %q", a.Title, a.Date, a.Paragraphs[0], tt.title, tt.date, tt.para)
			}
		})
	}
}

func FuzzHTML(f *testing.F) {
	f.Add([]byte("<html><body><p>Hello world.</p></body></html>"), "text/html")
	f.Add([]byte(`<script type="application/ld+json">{"isAccessibleForFree":false}</script><noscript>enable JavaScript</noscript>`), "text/html; charset=iso-8859-1")
	f.Add([]byte("<p>"+strings.Repeat("word ", 80)+"</p>"), "")
	f.Fuzz(func(t *testing.T, body []byte, ct string) {
		a, err := HTML(body, "http://a.example/x", ct)
		if err == nil && a.Words() < MinWords {
			t.Fatalf("accepted an article of %d words", a.Words())
		}
	})
}

func FuzzText(f *testing.F) {
	f.Add([]byte("---\ntitle: x\n---\n" + strings.Repeat("word ", 60)))
	f.Add([]byte("date 2025-01-01 " + strings.Repeat("word ", 60)))
	f.Fuzz(func(t *testing.T, body []byte) {
		a, err := Text(body)
		if err == nil && a.Words() < MinWords {
			t.Fatalf("accepted an article of %d words", a.Words())
		}
	})
}
