package articles

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"dossier/internal/analysis"
	"dossier/internal/corpus"
	"dossier/internal/embed"
	"dossier/internal/extract"
	"dossier/internal/fetch"
	"dossier/internal/lang"
	"dossier/internal/library"
)

// copyDir copies the test articles of dirs into a new corpus directory.
func copyDir(t *testing.T, dirs ...string) string {
	t.Helper()
	out := t.TempDir()
	for _, d := range dirs {
		files, _ := filepath.Glob(filepath.Join("testdata", d, "*"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(out, filepath.Base(f)), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return out
}

// flakyLibrary is the real library whose reloads can be made to fail.
type flakyLibrary struct {
	*library.Library
	fail atomic.Bool
}

var errReload = errors.New("embedding server unreachable")

func (f *flakyLibrary) Reload(ctx context.Context) (library.Report, error) {
	if f.fail.Load() {
		return library.Report{}, errReload
	}
	return f.Library.Reload(ctx)
}

// pages serves the extraction fixtures on loopback.
func pages(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir("../extract/testdata")))
	t.Cleanup(srv.Close)
	return srv
}

func newManager(t *testing.T, dir string) (*Manager, *flakyLibrary) {
	t.Helper()
	a := analysis.New(lang.English())
	lib := &flakyLibrary{Library: library.New(library.Options{CorpusDir: dir, Embedder: embed.NewLocal(a, 0), Analyzer: a})}
	if _, err := lib.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	return New(Options{CorpusDir: dir, Library: lib, Fetcher: fetch.New(fetch.Options{AllowPrivate: true})}), lib
}

func served(lib Library) map[string]corpus.Meta {
	out := map[string]corpus.Meta{}
	for _, d := range lib.Snapshot().Docs() {
		out[d.ID] = d.Meta
	}
	return out
}

func TestAddFromURL(t *testing.T) {
	ctx := context.Background()
	dir := copyDir(t, "seeds")
	m, lib := newManager(t, dir)
	srv := pages(t)
	a, err := m.FromURL(ctx, srv.URL+"/wire-reuters.html")
	if err != nil {
		t.Fatal(err)
	}
	res, err := m.Add(ctx, a, false)
	if err != nil {
		t.Fatal(err)
	}
	wantID := "parasite-scores-historic-upset-at-sag-awards-boosting-oscar"
	if res.ID != wantID || res.Duplicate != nil || res.Path != filepath.Join(dir, wantID+".md") {
		t.Fatalf("Add = id %q dup %v path %q, want %q", res.ID, res.Duplicate, res.Path, wantID)
	}
	if res.Words < 500 || !strings.HasPrefix(res.Lead, "LOS ANGELES (Reuters) - South Korean thriller") {
		t.Errorf("words %d, lead %.60q", res.Words, res.Lead)
	}
	if len(res.Report.Added) != 1 || res.Report.Added[0] != wantID {
		t.Errorf("reload report added %v", res.Report.Added)
	}
	got, ok := served(lib)[wantID]
	want := corpus.Meta{ID: wantID, Title: a.Title, Date: "2020-01-20", URL: "https://www.reuters.com/article/us-awards-sag-idUSKBN1ZI0EH", Outlet: "Reuters", Lang: "en"}
	if !ok || got != want {
		t.Errorf("served meta = %+v, want %+v", got, want)
	}
	hits, err := lib.Search(ctx, "Screen Actors Guild ensemble Parasite", 1)
	if err != nil || len(hits) == 0 || hits[0].Chunk.Doc.ID != wantID {
		t.Errorf("search after add = %v, %v; want the new article first", hits, err)
	}
}

func TestAddTakesAFreeSlug(t *testing.T) {
	ctx := context.Background()
	dir := copyDir(t, "seeds")
	m, lib := newManager(t, dir)
	for i, text := range []string{"The harbour reopened on Monday after a week of repairs to the main quay.", "Ferry services resumed on Tuesday once the storm had passed over the bay."} {
		a := &extract.Article{Title: "Harbour news", Paragraphs: []string{strings.Repeat(text+" ", 10)}}
		res, err := m.Add(ctx, a, false)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"harbour-news", "harbour-news-2"}[i]
		if res.ID != want {
			t.Errorf("add %d: id %q, want %q", i, res.ID, want)
		}
	}
	if s := served(lib); s["harbour-news"].ID == "" || s["harbour-news-2"].ID == "" {
		t.Errorf("served %v, want both", s)
	}
}

func TestNearDuplicateWaitsForKeepAnyway(t *testing.T) {
	ctx := context.Background()
	dir := copyDir(t, "seeds")
	m, lib := newManager(t, dir)
	before := len(served(lib))
	orig := lib.Snapshot().Docs()[2]
	// The same story as another site republishes it.
	a := republish(orig.Paragraphs)
	a.Title = "Envoy coached Kremlin aide, transcript shows"
	res, err := m.Add(ctx, a, false)
	if err != nil {
		t.Fatal(err)
	}
	if res.Duplicate == nil || res.Duplicate.ID != orig.ID || res.PendingID == "" {
		t.Fatalf("Add = %+v, want a duplicate of %s held", res, orig.ID)
	}
	if _, err := os.Stat(filepath.Join(dir, PendingDir, res.PendingID+".md")); err != nil {
		t.Errorf("pending file: %v", err)
	}
	if n := len(served(lib)); n != before {
		t.Errorf("served %d articles, want %d: a duplicate is not served before Keep anyway", n, before)
	}
	kept, err := m.Confirm(ctx, res.PendingID)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := served(lib)[kept.ID]; !ok {
		t.Errorf("kept article %s not served", kept.ID)
	}
	if _, err := m.Confirm(ctx, res.PendingID); !errors.Is(err, ErrPendingNotFound) {
		t.Errorf("second Keep anyway = %v, want %v", err, ErrPendingNotFound)
	}

	// Undo on a held article discards it.
	again, err := m.Add(ctx, a, false)
	if err != nil || again.PendingID == "" {
		t.Fatalf("Add = %+v, %v", again, err)
	}
	if err := m.Discard(again.PendingID); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Confirm(ctx, again.PendingID); !errors.Is(err, ErrPendingNotFound) {
		t.Errorf("Keep anyway after Undo = %v, want %v", err, ErrPendingNotFound)
	}
	for _, bad := range []string{"../../etc/passwd", "", "A"} {
		if _, err := m.Confirm(ctx, bad); !errors.Is(err, ErrPendingNotFound) {
			t.Errorf("Confirm(%q) = %v", bad, err)
		}
	}
}

func TestSameURLIsDuplicate(t *testing.T) {
	ctx := context.Background()
	dir := copyDir(t, "seeds")
	m, _ := newManager(t, dir)
	text := []string{strings.Repeat("The council approved the new budget on Thursday evening after a long debate. ", 8)}
	if _, err := m.Add(ctx, &extract.Article{Title: "Budget approved", URL: "https://news.example/budget", Paragraphs: text}, false); err != nil {
		t.Fatal(err)
	}
	other := []string{strings.Repeat("Residents queued outside the town hall to read the approved spending plan. ", 8)}
	res, err := m.Add(ctx, &extract.Article{Title: "Budget approved (updated)", URL: "http://www.news.example/budget/", Paragraphs: other}, false)
	if err != nil {
		t.Fatal(err)
	}
	if res.Duplicate == nil || !res.Duplicate.SameURL {
		t.Errorf("Add = %+v, want a same-URL duplicate", res.Duplicate)
	}
}

func TestRemove(t *testing.T) {
	ctx := context.Background()
	dir := copyDir(t, "seeds", "port-strike")
	m, lib := newManager(t, dir)
	meta, rep, err := m.Remove(ctx, "port-strike")
	if err != nil {
		t.Fatal(err)
	}
	if meta.Title != "Dock workers strike as port talks collapse" || len(rep.Removed) != 1 {
		t.Errorf("Remove = %+v, %v", meta, rep.Removed)
	}
	if _, ok := served(lib)["port-strike"]; ok {
		t.Error("removed article still served")
	}
	if _, err := os.Stat(filepath.Join(dir, RemovedDir, "001-port.md")); err != nil {
		t.Errorf("removed file not kept: %v", err)
	}
	// The loader skips the dot-directory: a fresh load does not see it.
	docs, err := corpus.LoadDir(ctx, dir, corpus.LoadOptions{})
	if err != nil || len(docs) != 6 {
		t.Errorf("LoadDir = %d docs, %v; want 6 (the removed one skipped)", len(docs), err)
	}
	if _, _, err := m.Remove(ctx, "port-strike"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second Remove = %v, want %v", err, ErrNotFound)
	}
}

func TestFailedReloadTakesTheArticleOut(t *testing.T) {
	ctx := context.Background()
	dir := copyDir(t, "seeds", "port-strike")
	m, lib := newManager(t, dir)
	snap := lib.Snapshot()
	lib.fail.Store(true)
	a := &extract.Article{Title: "Harbour news", Paragraphs: []string{strings.Repeat("The harbour reopened on Monday after a week of repairs. ", 10)}}
	if _, err := m.Add(ctx, a, false); !errors.Is(err, errReload) || !errors.Is(err, ErrReload) {
		t.Fatalf("Add = %v, want the reload's error", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "harbour-news.md")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("new file left in the corpus: %v", err)
	}
	if _, _, err := m.Remove(ctx, "port-strike"); !errors.Is(err, errReload) || !errors.Is(err, ErrReload) {
		t.Fatalf("Remove = %v, want the reload's error", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "001-port.md")); err != nil {
		t.Errorf("removed file not put back: %v", err)
	}
	if lib.Snapshot() != snap {
		t.Error("the served snapshot changed")
	}
	lib.fail.Store(false)
	if _, err := lib.Reload(ctx); err != nil {
		t.Fatalf("corpus broken after the failed changes: %v", err)
	}
	if n := len(served(lib)); n != 7 {
		t.Errorf("%d articles after recovery, want 7", n)
	}
}

// TestConcurrentAdds: moderators adding at the same moment all get their
// articles (run with -race).
func TestConcurrentAdds(t *testing.T) {
	ctx := context.Background()
	dir := copyDir(t, "seeds")
	m, lib := newManager(t, dir)
	topics := []string{"harbour", "railway", "airport", "bridge"}
	var wg sync.WaitGroup
	errs := make([]error, len(topics))
	for i, topic := range topics {
		wg.Add(1)
		go func() {
			defer wg.Done()
			text := fmt.Sprintf("The %s reopened on Monday after repairs that took %d weeks, officials from the %s authority said. ", topic, i+2, topic)
			_, errs[i] = m.Add(ctx, &extract.Article{Title: "News of the " + topic, Paragraphs: []string{strings.Repeat(text, 6)}}, false)
		}()
	}
	wg.Wait()
	s := served(lib)
	for i, topic := range topics {
		if errs[i] != nil {
			t.Errorf("add %s: %v", topic, errs[i])
		}
		if _, ok := s["news-of-the-"+topic]; !ok {
			t.Errorf("%s not served", topic)
		}
	}
}

func TestFromFile(t *testing.T) {
	m := New(Options{MaxFileBytes: 1 << 10})
	body := strings.Repeat("The harbour reopened on Monday after a week of repairs. ", 10)
	if a, err := m.FromFile("note.md", []byte("---\ntitle: Harbour\n---\n"+body)); err != nil || a.Title != "Harbour" {
		t.Errorf("md: %+v, %v", a, err)
	}
	if _, err := m.FromFile("photo.png", []byte("x")); !errors.Is(err, ErrFileType) {
		t.Errorf("png: %v, want %v", err, ErrFileType)
	}
	if _, err := m.FromFile("big.txt", []byte(strings.Repeat("x", 2<<10))); !errors.Is(err, ErrTooLarge) {
		t.Errorf("big: %v, want %v", err, ErrTooLarge)
	}
	if _, err := m.FromAttachment(context.Background(), "big.html", "http://127.0.0.1:1/x", 6<<20); !errors.Is(err, ErrTooLarge) {
		t.Errorf("big attachment: %v, want %v before any download", err, ErrTooLarge)
	}
}

func TestRenderRoundTrip(t *testing.T) {
	dir := t.TempDir()
	meta := corpus.Meta{ID: "a-b", Title: `He said "no" \ then: yes # not a comment`, Date: "2025-01-02", URL: "https://x.example/a?b=1#c", Outlet: "The \"Daily\"", Lang: "de"}
	paras := []string{"First paragraph of the report, long enough to be a sentence.", "Second one, also a full sentence of reporting."}
	path := filepath.Join(dir, "a-b.md")
	if err := writeAtomic(path, []byte(render(meta, paras))); err != nil {
		t.Fatal(err)
	}
	doc, err := corpus.LoadFile(path, 0)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Meta != meta {
		t.Errorf("meta = %+v\nwant   %+v", doc.Meta, meta)
	}
	if len(doc.Paragraphs) != 2 || doc.Paragraphs[1] != paras[1] {
		t.Errorf("paragraphs = %q", doc.Paragraphs)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".tmp-*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestArticleThatBreaksTheReloadIsTakenOut: the library refuses the new
// file (larger than its MAX_ARTICLE_BYTES); the file goes, the old index
// stays.
func TestArticleThatBreaksTheReloadIsTakenOut(t *testing.T) {
	ctx := context.Background()
	dir := copyDir(t, "seeds")
	a := analysis.New(lang.English())
	lib := library.New(library.Options{CorpusDir: dir, Embedder: embed.NewLocal(a, 0), Analyzer: a, MaxArticleBytes: 8 << 10})
	if _, err := lib.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	snap := lib.Snapshot()
	m := New(Options{CorpusDir: dir, Library: lib}) // the manager's own limit is the default 2 MiB
	big := &extract.Article{Title: "Harbour news", Paragraphs: []string{strings.Repeat("The harbour reopened on Monday after a week of repairs. ", 200)}}
	_, err := m.Add(ctx, big, false)
	var fe *corpus.FileError
	if !errors.Is(err, ErrReload) || !errors.As(err, &fe) || !strings.HasSuffix(fe.Path, "harbour-news.md") {
		t.Fatalf("Add = %v, want the reload's error naming the new file", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "harbour-news.md")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the breaking file is still in the corpus: %v", err)
	}
	if lib.Snapshot() != snap {
		t.Error("the served snapshot changed")
	}
	if _, err := lib.Reload(ctx); err != nil {
		t.Errorf("the corpus does not reload after the undo: %v", err)
	}
}

// TestFromAttachment downloads an attached file through the fetcher, as
// /article add file: does with the URL Discord gives.
func TestFromAttachment(t *testing.T) {
	body := "---\ntitle: \"Harbour reopens\"\ndate: 2025-11-02\n---\n" + strings.Repeat("The harbour reopened on Monday after a week of repairs. ", 10)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
		w.Write([]byte(body))
	}))
	defer srv.Close()
	m := New(Options{Fetcher: fetch.New(fetch.Options{AllowPrivate: true})})
	a, err := m.FromAttachment(context.Background(), "harbour.md", srv.URL+"/attachments/1/2/harbour.md", int64(len(body)))
	if err != nil || a.Title != "Harbour reopens" || a.Date != "2025-11-02" {
		t.Fatalf("FromAttachment = %+v, %v", a, err)
	}
	// The safe fetcher refuses the same download from a private address.
	m = New(Options{Fetcher: fetch.New(fetch.Options{})})
	if _, err := m.FromAttachment(context.Background(), "harbour.md", srv.URL+"/attachments/1/2/harbour.md", int64(len(body))); !errors.Is(err, fetch.ErrForbiddenAddress) {
		t.Errorf("FromAttachment from loopback without ARTICLE_FETCH_ALLOW_PRIVATE = %v, want %v", err, fetch.ErrForbiddenAddress)
	}
}
