package retrieval

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"

	chromem "github.com/philippgille/chromem-go"

	"dossier/internal/analysis"
	"dossier/internal/corpus"
)

// BuildStats says what building an index did.
type BuildStats struct {
	Chunks     int // chunks in the new index
	Reused     int // vectors taken from the previous index
	Embedded   int // chunks embedded now
	EmbedCalls int // calls made to the embedder
}

// embedBatch is how many texts go to the embedder per call; it sets how
// often progress is reported (the OpenAI embedder batches further itself).
const embedBatch = 512

// BuildOptions tune Build.
type BuildOptions struct {
	// Previous is the index being replaced. Chunks whose text it already
	// embedded with the same embedder reuse its vectors.
	Previous *Index
	// Progress, when set, is called after each batch of chunks is embedded.
	Progress func(done, total int)
	// Logger hears searches that had to do without vectors; nil discards.
	Logger *slog.Logger
}

// Build chunks the documents and indexes them. Only chunks whose text is new
// to the previous index are embedded, so rebuilding an unchanged corpus makes
// no embedding calls.
func Build(ctx context.Context, docs []*corpus.Document, emb Embedder, a *analysis.Analyzer, opts BuildOptions) (*Index, BuildStats, error) {
	var chunks []corpus.Chunk
	for _, d := range docs {
		chunks = append(chunks, corpus.ChunkDocument(d)...)
	}
	if len(chunks) == 0 {
		return nil, BuildStats{}, errNoChunks
	}
	stats := BuildStats{Chunks: len(chunks)}
	reuse := opts.Previous.vectorsByKey(emb.ID())

	vecs := make([][]float32, len(chunks))
	var todo []int
	for i, c := range chunks {
		if v, ok := reuse[vectorKey(emb.ID(), c.Text)]; ok {
			vecs[i] = v
			stats.Reused++
		} else {
			todo = append(todo, i)
		}
	}
	for start := 0; start < len(todo); start += embedBatch {
		batch := todo[start:min(start+embedBatch, len(todo))]
		texts := make([]string, len(batch))
		for j, i := range batch {
			texts[j] = chunks[i].Text
		}
		got, err := emb.Embed(ctx, texts)
		stats.EmbedCalls++
		if err != nil {
			return nil, stats, fmt.Errorf("embed chunks (%s): %w", chunks[batch[0]].ID, err)
		}
		if len(got) != len(texts) {
			return nil, stats, fmt.Errorf("embedder %s returned %d vectors for %d texts", emb.ID(), len(got), len(texts))
		}
		for j, i := range batch {
			vecs[i] = got[j]
		}
		stats.Embedded += len(batch)
		if opts.Progress != nil {
			opts.Progress(stats.Embedded, len(todo))
		}
	}
	ix, err := assemble(ctx, docs, chunks, vecs, emb, a)
	if ix != nil {
		ix.log = orDiscard(opts.Logger)
	}
	return ix, stats, err
}

// assemble builds the chromem collections and the BM25 index around chunks
// whose vectors are known.
func assemble(ctx context.Context, docs []*corpus.Document, chunks []corpus.Chunk, vecs [][]float32, emb Embedder, a *analysis.Analyzer) (*Index, error) {
	if err := checkVectors(vecs); err != nil {
		return nil, fmt.Errorf("embedder %s: %w", emb.ID(), err)
	}
	db := chromem.NewDB()
	noEmbed := func(context.Context, string) ([]float32, error) {
		return nil, errors.New("retrieval embeds queries itself")
	}
	coll, err := db.CreateCollection(collectionName(emb.ID()), map[string]string{"embedder": emb.ID()}, noEmbed)
	if err != nil {
		return nil, err
	}
	pos := make(map[string]int, len(chunks))
	texts := make([]string, len(chunks))
	for i, c := range chunks {
		if err := coll.AddDocument(ctx, chromem.Document{ID: c.ID, Embedding: vecs[i], Content: c.Text}); err != nil {
			return nil, fmt.Errorf("add %s: %w", c.ID, err)
		}
		pos[c.ID] = i
		texts[i] = c.Text
	}
	return &Index{
		embedder: emb, analyzer: a, docs: docs, chunks: chunks, pos: pos,
		db: db, vectors: coll, bm25: newBM25(a, texts), log: orDiscard(nil),
		vectorWeight: vectorWeight(emb),
	}, nil
}

func checkVectors(vecs [][]float32) error {
	for i, v := range vecs {
		if len(v) == 0 || len(v) != len(vecs[0]) {
			return fmt.Errorf("vector %d has %d dimensions, want %d", i, len(v), len(vecs[0]))
		}
		var sum float64
		for _, x := range v {
			sum += float64(x) * float64(x)
		}
		if sum == 0 || math.IsNaN(sum) || math.IsInf(sum, 0) {
			return fmt.Errorf("vector %d is zero or not finite", i)
		}
	}
	return nil
}

// vectorsByKey returns the previous index's vectors by vectorKey, when it
// used the same embedder.
func (ix *Index) vectorsByKey(embedderID string) map[string][]float32 {
	if ix == nil || ix.embedder.ID() != embedderID {
		return nil
	}
	m := make(map[string][]float32, len(ix.chunks))
	for _, c := range ix.chunks {
		if d, err := ix.vectors.GetByID(context.Background(), c.ID); err == nil {
			m[vectorKey(embedderID, c.Text)] = d.Embedding
		}
	}
	return m
}

func orDiscard(l *slog.Logger) *slog.Logger {
	if l == nil {
		return slog.New(slog.DiscardHandler)
	}
	return l
}

// collectionName is the chromem collection of an embedder's vectors: one
// per embedder and model, so vectors never mix.
func collectionName(embedderID string) string { return "chunks:" + embedderID }
