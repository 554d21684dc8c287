package embed

import (
	"context"
	"math"
	"testing"

	"dossier/internal/analysis"
	"dossier/internal/lang"
)

func cosine(a, b []float32) float64 {
	var dot float64
	for i := range a {
		dot += float64(a[i]) * float64(b[i])
	}
	return dot
}

func TestLocalIsDeterministicAndNormalised(t *testing.T) {
	l := NewLocal(analysis.New(lang.English()), 0)
	v1, _ := l.Embed(context.Background(), []string{"Who leaked the call?"})
	v2 := NewLocal(analysis.New(lang.English()), 0).Vector("Who leaked the call?")
	if len(v1[0]) != DefaultLocalDims {
		t.Fatalf("got %d dims, want %d", len(v1[0]), DefaultLocalDims)
	}
	for i := range v2 {
		if v1[0][i] != v2[i] {
			t.Fatal("the same text gave different vectors")
		}
	}
	if n := cosine(v2, v2); math.Abs(n-1) > 1e-5 {
		t.Errorf("norm² = %v, want 1", n)
	}
}

func TestLocalBringsVariantsTogether(t *testing.T) {
	l := NewLocal(analysis.New(lang.English()), 0)
	tests := []struct{ a, b, unrelated string }{
		{"leaked", "leak", "breakfast"},
		{"Ushakov's", "Ushakov", "Meeks"},
		{"who leaked the call", "the source of the leaked call", "the capital of Australia"},
		{"Zelensky", "Zelenskyy", "Witkoff"},
		{"deal-maker", "dealmaker", "Ukraine"},
	}
	for _, tt := range tests {
		near := cosine(l.Vector(tt.a), l.Vector(tt.b))
		far := cosine(l.Vector(tt.a), l.Vector(tt.unrelated))
		if near < 0.3 || near <= far+0.2 {
			t.Errorf("cos(%q, %q) = %.2f, cos(%q, %q) = %.2f: variants should be much closer", tt.a, tt.b, near, tt.a, tt.unrelated, far)
		}
	}
}

func TestLocalStopWordsOnly(t *testing.T) {
	v := NewLocal(analysis.New(lang.English()), 0).Vector("who is it?")
	for _, x := range v {
		if x != 0 {
			t.Fatal("a text of stop words should give the zero vector, which search skips")
		}
	}
}

func BenchmarkLocalEmbed(b *testing.B) {
	l := NewLocal(analysis.New(lang.English()), 0)
	text := "Bloomberg leaked the phone call between Witkoff and Ushakov, which took place on Oct. 14. In the recording published Tuesday, Witkoff seemed to coach his Russian counterpart on how to speak to Trump in a way that would elicit a positive response. “I would make the call and just reiterate that you congratulate the president on this achievement, that you supported it,” Witkoff said in the transcript published by Bloomberg."
	b.ReportAllocs()
	for b.Loop() {
		l.Vector(text)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "chunks/s")
}

// TestLocalQueryReachesSynonyms: a query's vector leans towards a text that
// says it in other words ("react" for "responded"); a document's does not.
func TestLocalQueryReachesSynonyms(t *testing.T) {
	l := NewLocal(analysis.New(lang.English()), 0)
	doc := l.Vector("The ministry responded")
	plain := cosine(l.Vector("ministry react"), doc)
	query := cosine(l.WeightedVector("ministry react", nil), doc)
	if query <= plain {
		t.Errorf("query vector similarity %.4f, document vector %.4f; want the query's higher", query, plain)
	}
}
