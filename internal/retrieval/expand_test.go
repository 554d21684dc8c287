package retrieval

import (
	"context"
	"testing"

	"dossier/internal/analysis"
	"dossier/internal/corpus"
	"dossier/internal/embed"
	"dossier/internal/lang"
)

func TestQueryTermsWeighRelatedLess(t *testing.T) {
	a := analysis.New(lang.English())
	terms := queryTerms(a, "How did the envoy respond, and respond again?")
	seen := map[string]bool{}
	weight := map[string]float64{}
	for _, qt := range terms {
		if seen[qt.term] {
			t.Errorf("term %q listed twice", qt.term)
		}
		seen[qt.term] = true
		weight[qt.term] = qt.weight
	}
	if weight["respond"] != 1 || weight["envoy"] != 1 {
		t.Errorf("asked terms weigh %v, want 1", weight)
	}
	if w, ok := weight["react"]; !ok || w != relatedWeight {
		t.Errorf("related term react weighs %v (present %v), want %v", w, ok, relatedWeight)
	}
}

// TestSearchFindsOtherWords: a question whose only content word is a
// synonym of the article's finds the article, and ranks a passage that
// uses the asked word itself above it.
func TestSearchFindsOtherWords(t *testing.T) {
	a := analysis.New(lang.English())
	docs := []*corpus.Document{
		{Meta: corpus.Meta{ID: "a", Title: "Statement"}, Paragraphs: []string{"The ministry responded within an hour with a short statement."}},
		{Meta: corpus.Meta{ID: "b", Title: "Weather"}, Paragraphs: []string{"Rain fell on the harbour all week and the ferries stayed in port."}},
		{Meta: corpus.Meta{ID: "c", Title: "Markets"}, Paragraphs: []string{"Shares rose after the central bank held its rates."}},
		{Meta: corpus.Meta{ID: "d", Title: "Crowd"}, Paragraphs: []string{"The crowd reacted with cheers when the result was read."}},
	}
	ix, _, err := Build(context.Background(), docs, embed.NewLocal(a, 0), a, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := ix.SearchBM25("Who reacted?", 5)
	if len(got) < 2 || got[0].Chunk.Doc.ID != "d" || got[1].Chunk.Doc.ID != "a" {
		ids := []string{}
		for _, r := range got {
			ids = append(ids, r.Chunk.Doc.ID)
		}
		t.Fatalf("BM25 for %q ranks %v, want d (asked word) then a (synonym)", "Who reacted?", ids)
	}
	if got[1].Score >= got[0].Score {
		t.Errorf("synonym match scores %.3f, asked-word match %.3f; want less", got[1].Score, got[0].Score)
	}
}
