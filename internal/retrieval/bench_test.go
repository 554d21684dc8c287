package retrieval

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"

	"dossier/internal/analysis"
	"dossier/internal/corpus"
	"dossier/internal/embed"
	"dossier/internal/lang"
	"dossier/internal/synthetic"
	"dossier/internal/testcorpus"
)

// syntheticDocs generates documents that chunk into about n chunks, with
// the seed corpus's vocabulary.
func syntheticDocs(tb testing.TB, n int) []*corpus.Document {
	tb.Helper()
	seed, err := corpus.LoadDir(context.Background(), testcorpus.SeedDir(tb), corpus.LoadOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	return synthetic.Docs(seed, n)
}

func buildDocs(tb testing.TB, docs []*corpus.Document) *Index {
	tb.Helper()
	a := analysis.New(lang.English())
	ix, _, err := Build(context.Background(), docs, embed.NewLocal(a, 0), a, BuildOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	return ix
}

// BenchmarkBuild measures indexing from cleaned documents: chunking, local
// embedding, the chromem collection and BM25.
func BenchmarkBuild(b *testing.B) {
	seed, err := corpus.LoadDir(context.Background(), testcorpus.SeedDir(b), corpus.LoadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		docs []*corpus.Document
	}{
		{"seed", seed},
		{"chunks=10000", syntheticDocs(b, 10000)},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			var chunks int
			for b.Loop() {
				chunks = buildDocs(b, c.docs).Len()
			}
			b.ReportMetric(float64(chunks)*float64(b.N)/b.Elapsed().Seconds(), "chunks/s")
		})
	}
}

var benchQueries = []string{
	"who leaked the call",
	"When did the Witkoff-Ushakov call take place?",
	"What did Ushakov say about WhatsApp?",
	"How many points were in the original peace plan?",
}

// BenchmarkSearch measures the hybrid Search, and beside it chromem-go's
// own query on the same vectors with the same depth, at three corpus sizes.
func BenchmarkSearch(b *testing.B) {
	for _, n := range []int{100, 10000, 100000} {
		ix := buildDocs(b, syntheticDocs(b, n))
		ctx := context.Background()
		b.Run(fmt.Sprintf("hybrid/chunks=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := ix.Search(ctx, benchQueries[i%len(benchQueries)], 5); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
		vecs := make([][]float32, len(benchQueries))
		for i, q := range benchQueries {
			vecs[i], _ = ix.queryVector(ctx, q)
		}
		depth := min(ix.Len(), 40)
		b.Run(fmt.Sprintf("chromem/chunks=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := ix.vectors.QueryEmbedding(ctx, vecs[i%len(vecs)], depth, nil, nil); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkIndexMemory reports what a built index holds in memory: heap in
// use after a collection, and the process's peak resident set while
// building and searching it (from /proc; run one size at a time for a
// clean peak, e.g. -bench 'IndexMemory/chunks=100000$').
func BenchmarkIndexMemory(b *testing.B) {
	for _, n := range []int{23, 100000} {
		b.Run(fmt.Sprintf("chunks=%d", n), func(b *testing.B) {
			var docs []*corpus.Document
			if n == 23 {
				var err error
				if docs, err = corpus.LoadDir(context.Background(), testcorpus.SeedDir(b), corpus.LoadOptions{}); err != nil {
					b.Fatal(err)
				}
			} else {
				docs = syntheticDocs(b, n)
			}
			var ix *Index
			for b.Loop() {
				ix = buildDocs(b, docs)
				for _, q := range benchQueries {
					ix.Search(context.Background(), q, 5)
				}
			}
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MB")
			if rss := peakRSSMB(); rss > 0 {
				b.ReportMetric(rss, "peak-RSS-MB")
			}
			runtime.KeepAlive(ix)
		})
	}
}

// peakRSSMB is the process's peak resident set size in MiB, where Linux
// reports it, else 0.
func peakRSSMB() float64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb float64
			fmt.Sscanf(strings.TrimSpace(v), "%f", &kb)
			return kb / 1024
		}
	}
	return 0
}
