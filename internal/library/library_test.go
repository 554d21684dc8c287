package library

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"dossier/internal/analysis"
	"dossier/internal/corpus"
	"dossier/internal/embed"
	"dossier/internal/lang"
	"dossier/internal/retrieval"
	"dossier/internal/testcorpus"
)

// countingEmbedder wraps the local embedder, counting calls and texts, and
// fails when told to.
type countingEmbedder struct {
	*embed.Local
	calls, texts atomic.Int64
	fail         atomic.Bool
}

var errEmbedderDown = errors.New("embedding server unreachable")

func (c *countingEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	c.calls.Add(1)
	c.texts.Add(int64(len(texts)))
	if c.fail.Load() {
		return nil, errEmbedderDown
	}
	return c.Local.Embed(ctx, texts)
}

var _ retrieval.Embedder = (*countingEmbedder)(nil)

// copyCorpus copies the seed story into a temporary directory the test may
// change.
func copyCorpus(t *testing.T) string {
	t.Helper()
	return testcorpus.CopyTo(t, testcorpus.Seed, t.TempDir())
}

// reloadStories are the test stories the reload tests run on, each with an
// edit that stays inside one passage and an article to remove.
var reloadStories = []struct {
	name      string
	edit      string // the article the test edits
	old, new  string // the edit
	remove    string // the article the test removes
	removedID string
}{
	{testcorpus.Seed, "003-leaked-call-witkoff-kremlin.md", "The five-minute conversation", "The brief five-minute conversation",
		"001-putin-administration-reacts.md", "putin-administration-reacts"},
	{testcorpus.Second, "003-minister-promises-aid.md", "visiting Velmora's flooded old town in rubber boots", "visiting Velmora's flooded old town in green rubber boots",
		"005-velmora-cleanup-begins.md", "velmora-cleanup-begins"},
}

func newTestLibrary(t *testing.T, corpusDir string) (*Library, *countingEmbedder) {
	t.Helper()
	a := analysis.New(lang.English())
	emb := &countingEmbedder{Local: embed.NewLocal(a, 0)}
	lib := New(Options{CorpusDir: corpusDir, Store: &retrieval.Store{Dir: t.TempDir()}, Embedder: emb, Analyzer: a})
	return lib, emb
}

func TestReloadUnchangedCorpusEmbedsNothing(t *testing.T) {
	for _, story := range reloadStories {
		t.Run(story.name, func(t *testing.T) { checkReloadUnchangedEmbedsNothing(t, story.name) })
	}
}

func checkReloadUnchangedEmbedsNothing(t *testing.T, story string) {
	lib, emb := newTestLibrary(t, testcorpus.CopyTo(t, story, t.TempDir()))
	first, err := lib.Reload(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if first.ChunksEmbedded != first.Chunks || len(first.Added) != len(testcorpus.Files(t, story)) {
		t.Errorf("first load: %+v", first)
	}
	emb.calls.Store(0)
	rep, err := lib.Reload(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if emb.calls.Load() != 0 || rep.EmbedCalls != 0 || rep.ChunksEmbedded != 0 {
		t.Errorf("unchanged reload made %d embedding calls (report: %d calls, %d chunks)", emb.calls.Load(), rep.EmbedCalls, rep.ChunksEmbedded)
	}
	if len(rep.Added)+len(rep.Changed)+len(rep.Removed) != 0 || rep.ChunksAdded+rep.ChunksChanged+rep.ChunksRemoved != 0 {
		t.Errorf("unchanged reload reports changes: %+v", rep)
	}
}

func TestReloadAfterRestartReusesSavedVectors(t *testing.T) {
	dir := copyCorpus(t)
	a := analysis.New(lang.English())
	st := &retrieval.Store{Dir: t.TempDir()}
	first := New(Options{CorpusDir: dir, Store: st, Embedder: embed.NewLocal(a, 0), Analyzer: a})
	if _, err := first.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	emb := &countingEmbedder{Local: embed.NewLocal(a, 0)}
	second := New(Options{CorpusDir: dir, Store: st, Embedder: emb, Analyzer: a})
	if err := second.LoadSaved(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := second.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	if emb.calls.Load() != 0 {
		t.Errorf("a restart re-embedded the corpus: %d calls", emb.calls.Load())
	}
}

func TestReloadChangedArticleEmbedsOnlyItsChunks(t *testing.T) {
	for _, story := range reloadStories {
		t.Run(story.name, func(t *testing.T) {
			dir := testcorpus.CopyTo(t, story.name, t.TempDir())
			lib, emb := newTestLibrary(t, dir)
			if _, err := lib.Reload(context.Background()); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, story.edit)
			doc, err := corpus.LoadFile(path, 0)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := os.ReadFile(path)
			if !strings.Contains(string(b), story.old) {
				t.Fatalf("%s does not hold %q", path, story.old)
			}
			os.WriteFile(path, []byte(strings.Replace(string(b), story.old, story.new, 1)), 0o644)
			emb.texts.Store(0)

			rep, err := lib.Reload(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Changed) != 1 || rep.Changed[0] != doc.ID || len(rep.Added)+len(rep.Removed) != 0 {
				t.Errorf("changed articles %v, added %v, removed %v; want changed [%s]", rep.Changed, rep.Added, rep.Removed, doc.ID)
			}
			if emb.texts.Load() != 1 || rep.ChunksEmbedded != 1 || rep.ChunksChanged != 1 {
				t.Errorf("embedded %d texts (report %d, %d chunks changed), want only the one changed chunk", emb.texts.Load(), rep.ChunksEmbedded, rep.ChunksChanged)
			}
			res, _ := lib.Search(context.Background(), story.new, 1)
			if !strings.Contains(res[0].Chunk.Text, story.new) {
				t.Errorf("the new text is not searchable: top passage %s", res[0].Chunk.ID)
			}
		})
	}
}

func TestReloadAddAndRemove(t *testing.T) {
	for _, story := range reloadStories {
		t.Run(story.name, func(t *testing.T) {
			dir := testcorpus.CopyTo(t, story.name, t.TempDir())
			lib, _ := newTestLibrary(t, dir)
			lib.Reload(context.Background())
			os.Remove(filepath.Join(dir, story.remove))
			os.WriteFile(filepath.Join(dir, "new-story.txt"), []byte(" date 2025-11-28 Envoy arrives in the capital\n\nThe envoy arrived in the capital on Thursday for talks with the government.\n"), 0o644)
			rep, err := lib.Reload(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(rep.Added, ",") != "new-story" || strings.Join(rep.Removed, ",") != story.removedID {
				t.Errorf("added %v removed %v", rep.Added, rep.Removed)
			}
			if rep.ChunksRemoved == 0 || rep.ChunksAdded != 1 {
				t.Errorf("chunks added %d removed %d", rep.ChunksAdded, rep.ChunksRemoved)
			}
		})
	}
}

func TestFailedReloadKeepsServing(t *testing.T) {
	ctx := context.Background()
	dir := copyCorpus(t)
	lib, emb := newTestLibrary(t, dir)
	if _, err := lib.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	before := lib.Snapshot()

	t.Run("corrupt article", func(t *testing.T) {
		bad := filepath.Join(dir, "zz-broken.md")
		os.WriteFile(bad, []byte("---\nid: broken\ntitle \"missing colon\"\n---\nText."), 0o644)
		defer os.Remove(bad)
		_, err := lib.Reload(ctx)
		var fe *corpus.FileError
		if !errors.As(err, &fe) || fe.Path != bad || fe.Line != 3 {
			t.Fatalf("err = %v, want a FileError naming %s line 3", err, bad)
		}
	})
	t.Run("embedder down", func(t *testing.T) {
		os.WriteFile(filepath.Join(dir, "zz-new.txt"), []byte("A new article that needs embedding."), 0o644)
		defer os.Remove(filepath.Join(dir, "zz-new.txt"))
		emb.fail.Store(true)
		defer emb.fail.Store(false)
		if _, err := lib.Reload(ctx); !errors.Is(err, errEmbedderDown) {
			t.Fatalf("err = %v, want the embedder's error", err)
		}
	})
	t.Run("data directory unusable", func(t *testing.T) {
		os.WriteFile(filepath.Join(dir, "zz-new.txt"), []byte("Another new article."), 0o644)
		defer os.Remove(filepath.Join(dir, "zz-new.txt"))
		blocked := filepath.Join(t.TempDir(), "file-not-dir")
		os.WriteFile(blocked, nil, 0o644)
		saved := lib.opts.Store
		lib.opts.Store = &retrieval.Store{Dir: blocked}
		defer func() { lib.opts.Store = saved }()
		if _, err := lib.Reload(ctx); err == nil || !strings.Contains(err.Error(), "save index") {
			t.Fatalf("err = %v, want a save error", err)
		}
	})
	if lib.Snapshot() != before {
		t.Fatal("a failed reload replaced the serving snapshot")
	}
	res, err := lib.Search(ctx, "who leaked the call", 3)
	if err != nil || len(res) != 3 {
		t.Fatalf("search after failed reloads: %d results, %v", len(res), err)
	}
}

// TestSearchDuringReloads runs searches while reloads swap snapshots; under
// -race it shows the swap is safe, and every search sees a whole index.
func TestSearchDuringReloads(t *testing.T) {
	ctx := context.Background()
	dir := copyCorpus(t)
	lib, _ := newTestLibrary(t, dir)
	if _, err := lib.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				res, err := lib.Search(ctx, "Tomahawk missiles", 3)
				if err != nil || len(res) != 3 {
					t.Errorf("search during reload: %d results, %v", len(res), err)
					return
				}
			}
		}()
	}
	path := filepath.Join(dir, "000-ushakov-fake-transcript.md")
	orig, _ := os.ReadFile(path)
	for i := 0; i < 6; i++ {
		text := string(orig)
		if i%2 == 0 {
			text += "\nA sentence added for reload number " + string(rune('a'+i)) + ".\n"
		}
		os.WriteFile(path, []byte(text), 0o644)
		var rwg sync.WaitGroup
		for r := 0; r < 2; r++ { // two reloads at once are serialised
			rwg.Add(1)
			go func() {
				defer rwg.Done()
				if _, err := lib.Reload(ctx); err != nil {
					t.Errorf("reload: %v", err)
				}
			}()
		}
		rwg.Wait()
	}
	close(stop)
	wg.Wait()
}

// TestReloadWithUnwritableDataDir: a data directory that cannot be written
// (a read-only file system, a full disk) fails the reload cleanly and the
// old index keeps serving.
func TestReloadWithUnwritableDataDir(t *testing.T) {
	ctx := context.Background()
	dir := copyCorpus(t)
	full := func(string, string) (*os.File, error) { return os.OpenFile("/dev/full", os.O_WRONLY, 0) }
	if f, err := full("", ""); err != nil {
		t.Skipf("no /dev/full: %v", err)
	} else {
		f.Close()
	}
	stores := map[string]*retrieval.Store{
		// /proc accepts no new directories, even from root.
		"read-only": {Dir: "/proc/dossier-test-data"},
		// Every write to /dev/full fails with "no space left on device".
		"full": {Dir: t.TempDir(), CreateTemp: full},
	}
	for name, st := range stores {
		t.Run(name, func(t *testing.T) {
			lib, _ := newTestLibrary(t, dir)
			if _, err := lib.Reload(ctx); err != nil {
				t.Fatal(err)
			}
			before := lib.Snapshot()
			lib.opts.Store = st
			os.WriteFile(filepath.Join(dir, "zz-extra.txt"), []byte("An extra article about the envoy's trip."), 0o644)
			defer os.Remove(filepath.Join(dir, "zz-extra.txt"))
			_, err := lib.Reload(ctx)
			if err == nil || !strings.Contains(err.Error(), "save index") {
				t.Fatalf("err = %v, want a save error", err)
			}
			if lib.Snapshot() != before {
				t.Fatal("the failed reload replaced the serving snapshot")
			}
			if res, err := lib.Search(ctx, "envoy's trip", 1); err != nil || strings.Contains(res[0].Chunk.Text, "extra article") {
				t.Errorf("search after the failed reload: %v, %v", res, err)
			}
		})
	}
}

// TestStartAfterCrashMidWrite: whatever a killed process left in the data
// directory, the next start serves: from the last complete index, or by
// rebuilding from the corpus.
func TestStartAfterCrashMidWrite(t *testing.T) {
	ctx := context.Background()
	dir := copyCorpus(t)
	data := t.TempDir()
	a := analysis.New(lang.English())
	st := &retrieval.Store{Dir: data}
	first := New(Options{CorpusDir: dir, Store: st, Embedder: embed.NewLocal(a, 0), Analyzer: a})
	if _, err := first.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	path := st.Path(embed.NewLocal(a, 0).ID())
	complete, _ := os.ReadFile(path)

	for _, tc := range []struct {
		name  string
		leave func()
	}{
		{"killed before the rename", func() {
			os.WriteFile(path, complete, 0o644)
			os.WriteFile(filepath.Join(data, ".index-999.tmp"), complete[:len(complete)/2], 0o644)
		}},
		{"index file torn", func() { os.WriteFile(path, complete[:len(complete)/2], 0o644) }},
		{"index file empty", func() { os.WriteFile(path, nil, 0o644) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.leave()
			lib := New(Options{CorpusDir: dir, Store: st, Embedder: embed.NewLocal(a, 0), Analyzer: a})
			loadErr := lib.LoadSaved(ctx)
			if _, err := lib.Reload(ctx); err != nil {
				t.Fatalf("start after crash (saved index: %v): %v", loadErr, err)
			}
			if res, err := lib.Search(ctx, "Tomahawk", 1); err != nil || len(res) != 1 {
				t.Fatalf("search: %v %v", res, err)
			}
		})
	}
}

func TestOnReloadHearsEveryOutcome(t *testing.T) {
	dir := copyCorpus(t)
	a := analysis.New(lang.English())
	var heard []string
	lib := New(Options{CorpusDir: dir, Embedder: embed.NewLocal(a, 0), Analyzer: a,
		OnReload: func(r Report, err error) {
			heard = append(heard, fmt.Sprintf("%d articles, err=%v", r.Articles, err != nil))
		}})
	lib.Reload(context.Background())
	os.WriteFile(filepath.Join(dir, "bad.md"), []byte("---\nid: Bad Id\n---\nx"), 0o644)
	lib.Reload(context.Background())
	if want := "[5 articles, err=false 0 articles, err=true]"; fmt.Sprint(heard) != want {
		t.Errorf("heard %v, want %s", heard, want)
	}
}
