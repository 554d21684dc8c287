package quotes

import (
	"strings"
	"testing"

	"dossier/internal/corpus"
)

// BenchmarkBuild measures building the index of the repository's corpus,
// which every reload does.
func BenchmarkBuild(b *testing.B) {
	docs := loadCorpus(b)
	b.ReportAllocs()
	for b.Loop() {
		Build(docs)
	}
}

// BenchmarkBuildLarge measures a corpus of 200 articles of 30 paragraphs,
// to show that the cost grows with the text, not faster.
func BenchmarkBuildLarge(b *testing.B) {
	var docs []*corpus.Document
	for i := range 200 {
		var paras []string
		for range 10 {
			paras = append(paras,
				"Mayor Anna Kowalski, the city's harbour commissioner, defended the plan on Monday.",
				"“The harbour will stay open to everyone,” Kowalski said. “Nobody loses access.”",
				"The commissioner said critics had called it “a land grab,” but she called the levy “fair.”")
		}
		docs = append(docs, doc(strings.Repeat("x", i+1), paras...))
	}
	b.ReportAllocs()
	for b.Loop() {
		Build(docs)
	}
}

// BenchmarkBuildRunOn measures a hostile article: one run-on sentence of
// 4,000 quotations.
func BenchmarkBuildRunOn(b *testing.B) {
	docs := []*corpus.Document{doc("run-on", strings.Repeat("“a,” he said, ", 4000))}
	b.ReportAllocs()
	for b.Loop() {
		Build(docs)
	}
}

// BenchmarkLookup measures a /quote lookup with a topic, with a typo in the
// name.
func BenchmarkLookup(b *testing.B) {
	ix := Build(loadCorpus(b))
	b.ReportAllocs()
	for b.Loop() {
		ix.Lookup("Witkof", "peace deal Gaza")
	}
}
