package library

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"dossier/internal/analysis"
	"dossier/internal/embed"
	"dossier/internal/lang"
	"dossier/internal/retrieval"
)

// lockedLog is a log the loading goroutine writes while the test reads.
type lockedLog struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// TestStartLoadsInTheBackground: a bot answers while its library loads;
// the load fills the library, and a failed one is logged, not lost.
func TestStartLoadsInTheBackground(t *testing.T) {
	for _, tt := range []struct {
		name, article, wantLog string
		wantLoaded             bool
	}{
		{"good corpus", "---\nid: a\ntitle: A\n---\nThe council met on Monday and voted to repair the bridge.\n", "", true},
		{"broken corpus", "---\nid: a\ntitle oops\n---\nText.\n", "no index to answer from", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "a.md"), []byte(tt.article), 0o644)
			logs := &lockedLog{}
			a := analysis.New(lang.English())
			lib := New(Options{CorpusDir: dir, Store: &retrieval.Store{Dir: t.TempDir()}, Embedder: embed.NewLocal(a, 0), Analyzer: a,
				Logger: slog.New(slog.NewTextHandler(logs, nil))})
			stop := lib.Start(t.Context())
			deadline := time.Now().Add(10 * time.Second)
			for lib.Snapshot() == nil && tt.wantLoaded && time.Now().Before(deadline) {
				time.Sleep(5 * time.Millisecond)
			}
			stop()
			if loaded := lib.Snapshot() != nil; loaded != tt.wantLoaded {
				t.Errorf("loaded = %v, want %v", loaded, tt.wantLoaded)
			}
			logs.mu.Lock()
			defer logs.mu.Unlock()
			if tt.wantLog != "" && !strings.Contains(logs.b.String(), tt.wantLog) {
				t.Errorf("log lacks %q:\n%s", tt.wantLog, logs.b.String())
			}
		})
	}
}
