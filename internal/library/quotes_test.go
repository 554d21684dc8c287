package library

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"dossier/internal/analysis"
	"dossier/internal/embed"
	"dossier/internal/lang"
	"dossier/internal/retrieval"
)

// TestSnapshotQuotes checks that every way of making a snapshot (a reload
// and loading the saved index) carries the quotations of its articles, and
// that the reload report counts them.
func TestSnapshotQuotes(t *testing.T) {
	dir := t.TempDir()
	corpusDir := filepath.Join(dir, "articles")
	if err := os.Mkdir(corpusDir, 0o755); err != nil {
		t.Fatal(err)
	}
	article := "---\nid: harbour\ntitle: Harbour plan\ndate: 2024-05-02\n---\n" +
		"Mayor Anna Kowalski defended the harbour plan on Monday.\n\n" +
		"“The harbour will stay open to everyone,” Kowalski said. “Nobody loses access.”\n"
	if err := os.WriteFile(filepath.Join(corpusDir, "harbour.md"), []byte(article), 0o644); err != nil {
		t.Fatal(err)
	}
	an := analysis.New(lang.English())
	opts := Options{
		CorpusDir: corpusDir,
		Store:     &retrieval.Store{Dir: filepath.Join(dir, "data")},
		Embedder:  embed.NewLocal(an, 0),
		Analyzer:  an,
	}
	lib := New(opts)
	rep, err := lib.Reload(context.Background())
	if err != nil {
		t.Fatalf("reload: %v", err)
	}
	if rep.Quotes != 2 {
		t.Errorf("report quotes = %d, want 2", rep.Quotes)
	}
	if got := lib.Snapshot().Quotes.Lookup("Kowalski", "").Quotes; len(got) != 2 {
		t.Errorf("reloaded snapshot: %d quotes of Kowalski, want 2", len(got))
	}

	saved := New(opts)
	if err := saved.LoadSaved(context.Background()); err != nil {
		t.Fatalf("load saved: %v", err)
	}
	if got := saved.Snapshot().Quotes.Len(); got != 2 {
		t.Errorf("saved snapshot: %d quotes, want 2", got)
	}
}
