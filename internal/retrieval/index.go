// Package retrieval finds the passages that answer a question: a chromem-go
// vector collection and a BM25 index over the same chunks, their rankings
// fused by weighted reciprocal rank fusion, the vector ranking's weight set
// per kind of embedder.
package retrieval

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"slices"

	chromem "github.com/philippgille/chromem-go"

	"dossier/internal/analysis"
	"dossier/internal/corpus"
)

// Embedder turns texts into vectors. ID names the model and its settings:
// vectors from different IDs are never compared or reused.
type Embedder interface {
	ID() string
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}

// rrfK is reciprocal rank fusion's constant: a passage's fused score is the
// sum over rankings of 1/(rrfK + rank). 60 is the value of Cormack et al.,
// which damps the difference between the first few ranks of each list.
const rrfK = 60

// localVectorWeight is the weight of the vector ranking against BM25's
// (weight 1) in the fusion when the embedder is the local bag-of-words one
// (a weightedEmbedder): its vectors hash the same words BM25 counts, so they
// add little and mostly noise. Fitted by TestFitFusionWeight (weighted RRF,
// the weight picked from a grid to maximise passage hit@5 with each SQuAD
// 2.0 slice article left out in turn and the three test stories' sets always
// in, each set weighing the same; see fusion_fit_test.go for the table).
const localVectorWeight = 0.1

// semanticVectorWeight is the vector ranking's weight for any other
// embedder (a trained model such as OpenAI's): its vectors see synonyms and
// paraphrases BM25 cannot, and there is no such embedder here to fit on, so
// the two rankings weigh the same, as in plain RRF.
const semanticVectorWeight = 1.0

// vectorWeight is the fusion weight of emb's ranking.
func vectorWeight(emb Embedder) float64 {
	if _, ok := emb.(weightedEmbedder); ok {
		return localVectorWeight
	}
	return semanticVectorWeight
}

// Index is an immutable snapshot of the searchable chunks. Searches may run
// concurrently; a reload builds a new Index rather than changing this one.
type Index struct {
	embedder Embedder
	analyzer *analysis.Analyzer
	docs     []*corpus.Document
	chunks   []corpus.Chunk
	pos      map[string]int // chunk id → position in chunks
	db       *chromem.DB
	vectors  *chromem.Collection
	bm25     *bm25
	log      *slog.Logger
	// vectorWeight is the vector ranking's weight in the fusion (BM25's
	// is 1): vectorWeight(embedder).
	vectorWeight float64
}

// Result is one passage found by Search.
type Result struct {
	Rank  int          // 1-based
	Score float64      // fused score; higher is better
	Chunk corpus.Chunk // the passage and its document's metadata
	// The evidence behind the fused score, for callers that judge how well
	// the passage answers (an answerer deciding whether to abstain).
	BM25       float64 // 0 when no query term occurs in the passage
	BM25Rank   int     // 0 when not ranked by BM25
	Similarity float32 // cosine similarity of query and passage vectors
	VectorRank int     // 0 when not ranked by the vector search
}

// Docs returns the indexed documents in corpus order.
func (ix *Index) Docs() []*corpus.Document { return ix.docs }

// Chunks returns the indexed chunks in corpus order.
func (ix *Index) Chunks() []corpus.Chunk { return ix.chunks }

// Chunk returns the chunk with the given id.
func (ix *Index) Chunk(id string) (corpus.Chunk, bool) {
	i, ok := ix.pos[id]
	if !ok {
		return corpus.Chunk{}, false
	}
	return ix.chunks[i], true
}

// EmbedderID names the embedder whose vectors the index holds.
func (ix *Index) EmbedderID() string { return ix.embedder.ID() }

// Len is the number of chunks.
func (ix *Index) Len() int { return len(ix.chunks) }

// Search returns the k passages that best match the query, fusing the BM25
// and vector rankings by weighted reciprocal rank fusion (vectorWeight). k is clamped to the number of chunks. A query with no
// searchable words returns no results.
func (ix *Index) Search(ctx context.Context, query string, k int) ([]Result, error) {
	if k <= 0 || len(ix.chunks) == 0 {
		return nil, nil
	}
	k = min(k, len(ix.chunks))
	// Each ranking contributes more candidates than asked for, so a passage
	// ranked moderately by both can win over one ranked well by only one.
	depth := min(len(ix.chunks), max(4*k, 40))

	fused := map[int]*Result{}
	get := func(i int) *Result {
		r := fused[i]
		if r == nil {
			r = &Result{Chunk: ix.chunks[i]}
			fused[i] = r
		}
		return r
	}
	for rank, h := range ix.bm25.search(queryTerms(ix.analyzer, query), depth) {
		r := get(h.doc)
		r.BM25, r.BM25Rank = h.score, rank+1
		r.Score += 1.0 / float64(rrfK+rank+1)
	}

	qv, err := ix.queryVector(ctx, query)
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		// The embedding server is down or failing: BM25 alone still finds
		// the passages, so answer from it rather than not at all.
		ix.log.Warn("query embedding failed; ranking by BM25 alone", "err", err)
		qv = nil
	}
	if qv != nil {
		hits, err := ix.vectors.QueryEmbedding(ctx, qv, depth, nil, nil)
		if err != nil {
			return nil, fmt.Errorf("vector search: %w", err)
		}
		for rank, h := range hits {
			i, ok := ix.pos[h.ID]
			if !ok {
				continue
			}
			r := get(i)
			r.Similarity, r.VectorRank = h.Similarity, rank+1
			r.Score += ix.vectorWeight / float64(rrfK+rank+1)
		}
	}

	out := make([]Result, 0, len(fused))
	for _, r := range fused {
		out = append(out, *r)
	}
	slices.SortFunc(out, func(a, b Result) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return ix.pos[a.Chunk.ID] - ix.pos[b.Chunk.ID]
	})
	if len(out) > k {
		out = out[:k]
	}
	for i := range out {
		out[i].Rank = i + 1
	}
	return out, nil
}

// SearchBM25 ranks by BM25 alone; for evaluation and diagnostics.
func (ix *Index) SearchBM25(query string, k int) []Result {
	var out []Result
	for rank, h := range ix.bm25.search(queryTerms(ix.analyzer, query), k) {
		out = append(out, Result{Rank: rank + 1, Score: h.score, Chunk: ix.chunks[h.doc], BM25: h.score, BM25Rank: rank + 1})
	}
	return out
}

// SearchVectors ranks by vector similarity alone; for evaluation and
// diagnostics.
func (ix *Index) SearchVectors(ctx context.Context, query string, k int) ([]Result, error) {
	k = min(k, len(ix.chunks))
	if k <= 0 {
		return nil, nil
	}
	qv, err := ix.queryVector(ctx, query)
	if err != nil || qv == nil {
		return nil, err
	}
	hits, err := ix.vectors.QueryEmbedding(ctx, qv, k, nil, nil)
	if err != nil {
		return nil, err
	}
	out := make([]Result, 0, len(hits))
	for rank, h := range hits {
		out = append(out, Result{Rank: rank + 1, Score: float64(h.Similarity), Chunk: ix.chunks[ix.pos[h.ID]], Similarity: h.Similarity, VectorRank: rank + 1})
	}
	return out, nil
}

// weightedEmbedder is an embedder whose vectors are bags of words (the local
// one): a query's terms can then be weighted by how rare they are in the
// corpus, the way BM25 weights them, which documents' vectors cannot know.
type weightedEmbedder interface {
	WeightedVector(text string, weight func(term string) float64) []float32
}

// queryVector embeds the query, or returns nil when it has nothing to
// search for (only stop words).
func (ix *Index) queryVector(ctx context.Context, query string) ([]float32, error) {
	var v []float32
	if we, ok := ix.embedder.(weightedEmbedder); ok {
		v = we.WeightedVector(query, ix.bm25.termIDF)
	} else {
		vecs, err := ix.embedder.Embed(ctx, []string{query})
		if err != nil {
			return nil, fmt.Errorf("embed query: %w", err)
		}
		if len(vecs) != 1 {
			return nil, fmt.Errorf("embed query: got %d vectors", len(vecs))
		}
		v = vecs[0]
	}
	if isZero(v) {
		return nil, nil
	}
	return v, nil
}

func isZero(v []float32) bool {
	for _, x := range v {
		if x != 0 {
			return false
		}
	}
	return true
}

// vectorKey identifies a chunk's vector: the same text embedded by the same
// embedder gives the same vector, so it can be reused across reloads.
func vectorKey(embedderID, text string) string {
	h := sha256.Sum256([]byte(embedderID + "\x00" + text))
	return hex.EncodeToString(h[:16])
}

// errNoChunks is returned when there is nothing to index.
var errNoChunks = errors.New("no chunks to index")
