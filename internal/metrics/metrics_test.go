package metrics

import (
	"errors"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func scrape(t *testing.T, m *Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	b, _ := io.ReadAll(rec.Body)
	return string(b)
}

func TestMetricsExposition(t *testing.T) {
	m := New(func() Size { return Size{Articles: 5, Chunks: 23, Quotes: 40} })
	m.Responded("ask", 3*time.Millisecond)
	m.Finished("ask", "ok")
	m.Responded("ask", 4*time.Millisecond)
	m.Finished("ask", "ok")
	m.Responded("unknown", time.Millisecond)
	m.Finished("unknown", "error")
	m.Answer("extractive", false)
	m.Answer("llm-fallback", true)
	m.Reload(nil)
	m.Reload(errors.New("broken file"))
	out := scrape(t, m)
	for _, want := range []string{
		`dossier_interactions_total{command="ask",outcome="ok"} 2`,
		`dossier_interactions_total{command="unknown",outcome="error"} 1`,
		`dossier_interaction_seconds_count{command="ask"} 2`,
		`dossier_answers_total{mode="extractive"} 1`,
		`dossier_answers_total{mode="llm-fallback"} 1`,
		`dossier_abstentions_total 1`,
		`dossier_reloads_total{outcome="ok"} 1`,
		`dossier_reloads_total{outcome="error"} 1`,
		`dossier_index_articles 5`,
		`dossier_index_chunks 23`,
		`dossier_index_quotes 40`,
		`go_goroutines`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

func TestMetricsAreIndependent(t *testing.T) {
	a, b := New(nil), New(nil)
	a.Reload(nil)
	if strings.Contains(scrape(t, b), `dossier_reloads_total{outcome="ok"} 1`) {
		t.Error("two Metrics share state")
	}
}
