// Package metrics collects what an operator watches: interactions by
// command and outcome with their latency, how answers were made, reloads,
// and the size of the served index, exposed in Prometheus' text format.
package metrics

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds the collectors in a registry of its own (not Prometheus'
// global one), so tests and several bots in one process do not collide.
type Metrics struct {
	registry     *prometheus.Registry
	interactions *prometheus.CounterVec
	latency      *prometheus.HistogramVec
	answers      *prometheus.CounterVec
	abstentions  prometheus.Counter
	reloads      *prometheus.CounterVec
}

// Size is how much the served index holds.
type Size struct {
	Articles, Chunks, Quotes int
}

// New registers the collectors. size, read at each scrape, reports the
// served index; it may be nil.
func New(size func() Size) *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		interactions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dossier_interactions_total",
			Help: "Interactions handled, by command and outcome (ok, user_error, rate_limited, forbidden, error).",
		}, []string{"command", "outcome"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "dossier_interaction_seconds",
			Help:    "Time to the first response of an interaction, by command.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"command"}),
		answers: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dossier_answers_total",
			Help: "Answers given, by how they were made (extractive, llm, llm-fallback).",
		}, []string{"mode"}),
		abstentions: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "dossier_abstentions_total",
			Help: "Questions the articles did not answer.",
		}),
		reloads: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dossier_reloads_total",
			Help: "Corpus reloads, by outcome (ok, error).",
		}, []string{"outcome"}),
	}
	m.registry.MustRegister(m.interactions, m.latency, m.answers, m.abstentions, m.reloads,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if size != nil {
		gauge := func(name, help string, f func(Size) int) prometheus.GaugeFunc {
			return prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, func() float64 { return float64(f(size())) })
		}
		m.registry.MustRegister(
			gauge("dossier_index_articles", "Articles in the served index.", func(s Size) int { return s.Articles }),
			gauge("dossier_index_chunks", "Chunks in the served index.", func(s Size) int { return s.Chunks }),
			gauge("dossier_index_quotes", "Quotations in the served index.", func(s Size) int { return s.Quotes }),
		)
	}
	return m
}

// Handler serves the metrics in Prometheus' text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// Responded records the time to an interaction's first response.
func (m *Metrics) Responded(command string, took time.Duration) {
	m.latency.WithLabelValues(command).Observe(took.Seconds())
}

// Finished counts an interaction by how it ended.
func (m *Metrics) Finished(command, outcome string) {
	m.interactions.WithLabelValues(command, outcome).Inc()
}

// Answer records how an answer was made.
func (m *Metrics) Answer(mode string, abstained bool) {
	m.answers.WithLabelValues(mode).Inc()
	if abstained {
		m.abstentions.Inc()
	}
}

// Reload records a reload's outcome.
func (m *Metrics) Reload(err error) {
	outcome := "ok"
	if err != nil {
		outcome = "error"
	}
	m.reloads.WithLabelValues(outcome).Inc()
}
