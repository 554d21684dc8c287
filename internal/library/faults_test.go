package library

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"dossier/internal/analysis"
	"dossier/internal/embed"
	"dossier/internal/lang"
	"dossier/internal/modelapi"
	"dossier/internal/retrieval"
)

// fakeEmbeddingServer speaks /v1/embeddings, answering with the local
// embedder's vectors until it is told to fail with 500s.
func fakeEmbeddingServer(t *testing.T) (*httptest.Server, *atomic.Bool) {
	t.Helper()
	var failing atomic.Bool
	local := embed.NewLocal(analysis.New(lang.English()), 64)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct{ Input []string }
		json.NewDecoder(r.Body).Decode(&req)
		if failing.Load() {
			http.Error(w, `{"error":{"message":"model overloaded","type":"server_error"}}`, http.StatusServiceUnavailable)
			return
		}
		type item struct {
			Object    string    `json:"object"`
			Index     int       `json:"index"`
			Embedding []float32 `json:"embedding"`
		}
		out := struct {
			Object string `json:"object"`
			Data   []item `json:"data"`
		}{Object: "list"}
		for i, text := range req.Input {
			out.Data = append(out.Data, item{"embedding", i, local.Vector(text)})
		}
		json.NewEncoder(w).Encode(out)
	}))
	t.Cleanup(srv.Close)
	return srv, &failing
}

// TestEmbeddingServerFailsDuringReload: the reload fails with the server's
// error, and the old index keeps answering: by BM25 alone while the server
// cannot embed the query, with vectors again once it is back.
func TestEmbeddingServerFailsDuringReload(t *testing.T) {
	ctx := context.Background()
	srv, failing := fakeEmbeddingServer(t)
	dir := copyCorpus(t)
	a := analysis.New(lang.English())
	emb := embed.NewOpenAI(modelapi.Endpoint{BaseURL: srv.URL + "/v1", APIKey: "sk-test"},
		embed.OpenAIOptions{Model: "fake-embed", Attempts: 2, Backoff: time.Millisecond})
	lib := New(Options{CorpusDir: dir, Store: &retrieval.Store{Dir: t.TempDir()}, Embedder: emb, Analyzer: a})
	if _, err := lib.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	before := lib.Snapshot()

	os.WriteFile(filepath.Join(dir, "zz-new.txt"), []byte("A new article about the envoy's second trip to Moscow."), 0o644)
	failing.Store(true)
	_, err := lib.Reload(ctx)
	if err == nil || !strings.Contains(err.Error(), "503") || !strings.Contains(err.Error(), "fake-embed") {
		t.Fatalf("err = %v, want the embedding server's 503 naming the model", err)
	}
	if lib.Snapshot() != before {
		t.Fatal("the failed reload replaced the serving snapshot")
	}
	res, err := lib.Search(ctx, "Tomahawk missiles", 1)
	if err != nil || len(res) != 1 || !strings.Contains(res[0].Chunk.Text, "Tomahawk") || res[0].VectorRank != 0 {
		t.Fatalf("search from the old index while the server is down: %+v, %v; want a BM25 answer", res, err)
	}
	failing.Store(false)
	res, err = lib.Search(ctx, "Tomahawk missiles", 1)
	if err != nil || len(res) != 1 || strings.Contains(res[0].Chunk.Text, "second trip") || res[0].VectorRank == 0 {
		t.Fatalf("search from the old index: %v, %v", res, err)
	}
	rep, err := lib.Reload(ctx)
	if err != nil || len(rep.Added) != 1 || rep.ChunksEmbedded != 1 {
		t.Fatalf("reload once the server is back: %+v, %v (want only the new article embedded)", rep, err)
	}
}
