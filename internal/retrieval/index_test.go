package retrieval

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dossier/internal/analysis"
	"dossier/internal/embed"
	"dossier/internal/lang"
)

func TestSearch(t *testing.T) {
	ix := seedIndex(t)
	ctx := context.Background()
	tests := []struct {
		name     string
		query    string
		k        int
		wantLen  int
		wantText string // the top passage holds this
	}{
		{"question", "Which outlet published the transcript?", 5, 5, "Bloomberg"},
		{"k larger than the corpus is clamped", "Witkoff", 10000, ix.Len(), ""},
		{"zero k", "Witkoff", 0, 0, ""},
		{"stop words only", "who is it?", 5, 0, ""},
		{"empty", "   ", 5, 0, ""},
		{"possessive and inflection", "Ushakov's leaks", 3, 3, "Ushakov"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Search(ctx, tt.query, tt.k)
			if err != nil {
				t.Fatal(err)
			}
			if len(res) != tt.wantLen {
				t.Fatalf("got %d results, want %d", len(res), tt.wantLen)
			}
			for i, r := range res {
				if r.Rank != i+1 {
					t.Errorf("result %d has rank %d", i, r.Rank)
				}
				if i > 0 && r.Score > res[i-1].Score {
					t.Errorf("results not ordered by score at %d", i)
				}
				if r.Chunk.Doc.Title == "" || r.Chunk.Text == "" {
					t.Errorf("result %d lacks its passage or metadata: %+v", i, r.Chunk)
				}
			}
			if tt.wantText != "" && !strings.Contains(res[0].Chunk.Text, tt.wantText) {
				t.Errorf("top passage %s lacks %q", res[0].Chunk.ID, tt.wantText)
			}
		})
	}
}

func TestStoreRoundTrip(t *testing.T) {
	ix := seedIndex(t)
	ctx := context.Background()
	st := &Store{Dir: t.TempDir()}
	if err := st.Save(ix); err != nil {
		t.Fatal(err)
	}
	a := analysis.New(lang.English())
	loaded, err := st.Load(ctx, embed.NewLocal(a, 0), a)
	if err != nil {
		t.Fatal(err)
	}
	if loaded.Len() != ix.Len() || len(loaded.Docs()) != len(ix.Docs()) {
		t.Fatalf("loaded %d chunks of %d docs, saved %d of %d", loaded.Len(), len(loaded.Docs()), ix.Len(), len(ix.Docs()))
	}
	for _, q := range []string{"who leaked the call", "Tomahawk missiles", "in bed with the Russians"} {
		want, _ := ix.Search(ctx, q, 5)
		got, _ := loaded.Search(ctx, q, 5)
		for i := range want {
			if got[i].Chunk.ID != want[i].Chunk.ID {
				t.Errorf("%q: result %d is %s after loading, %s before", q, i, got[i].Chunk.ID, want[i].Chunk.ID)
			}
		}
	}
}

func TestStoreLoadFailures(t *testing.T) {
	ctx := context.Background()
	a := analysis.New(lang.English())
	local := embed.NewLocal(a, 0)

	t.Run("nothing saved", func(t *testing.T) {
		if _, err := (&Store{Dir: t.TempDir()}).Load(ctx, local, a); !errors.Is(err, ErrNoIndex) {
			t.Fatalf("err = %v, want ErrNoIndex", err)
		}
	})
	t.Run("another embedder's index is not used", func(t *testing.T) {
		st := &Store{Dir: t.TempDir()}
		if err := st.Save(seedIndex(t)); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Load(ctx, embed.NewLocal(a, 128), a); !errors.Is(err, ErrNoIndex) {
			t.Fatalf("err = %v, want ErrNoIndex for a 128-dimension embedder", err)
		}
	})
	for _, damage := range []struct {
		name string
		cut  func(b []byte) []byte
	}{
		{"truncated", func(b []byte) []byte { return b[:len(b)/2] }},
		{"header only", func(b []byte) []byte { return b[:10] }},
		{"garbage", func(b []byte) []byte { return []byte("not an index at all") }},
		{"empty", func(b []byte) []byte { return nil }},
		{"manifest length damaged", func(b []byte) []byte {
			c := append([]byte{}, b...)
			copy(c[len(storeMagic):], []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
			return c
		}},
	} {
		t.Run(damage.name, func(t *testing.T) {
			st := &Store{Dir: t.TempDir()}
			if err := st.Save(seedIndex(t)); err != nil {
				t.Fatal(err)
			}
			path := st.Path(local.ID())
			b, _ := os.ReadFile(path)
			os.WriteFile(path, damage.cut(b), 0o644)
			_, err := st.Load(ctx, local, a)
			if err == nil || errors.Is(err, ErrNoIndex) || !strings.Contains(err.Error(), path) {
				t.Fatalf("err = %v, want an error naming %s", err, path)
			}
		})
	}
}

// TestStoreSurvivesInterruptedWrite: a crash while writing leaves only a
// temporary file beside the last complete index, which still loads.
func TestStoreSurvivesInterruptedWrite(t *testing.T) {
	ctx := context.Background()
	ix := seedIndex(t)
	st := &Store{Dir: t.TempDir()}
	if err := st.Save(ix); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(st.Path(ix.EmbedderID()))
	partial := filepath.Join(st.Dir, ".index-123.tmp")
	os.WriteFile(partial, b[:len(b)/3], 0o644)
	a := analysis.New(lang.English())
	loaded, err := st.Load(ctx, embed.NewLocal(a, 0), a)
	if err != nil || loaded.Len() != ix.Len() {
		t.Fatalf("load after interrupted write: %v", err)
	}
	// The next save clears the leftover once it is old enough not to be
	// another writer's.
	old := time.Now().Add(-2 * time.Hour)
	os.Chtimes(partial, old, old)
	if err := st.Save(ix); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(partial); !os.IsNotExist(err) {
		t.Errorf("stale temporary file kept: %v", err)
	}
}

func TestStoreSaveFailsOnReadOnlyDir(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes anywhere")
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	if err := (&Store{Dir: dir}).Save(seedIndex(t)); err == nil {
		t.Fatal("save into a read-only directory succeeded")
	}
}
