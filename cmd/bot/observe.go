package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"dossier/internal/answer"
	"dossier/internal/discord"
	"dossier/internal/library"
	"dossier/internal/metrics"
)

// observedAnswerer counts answers by how they were made, and abstentions.
type observedAnswerer struct {
	next questionAnswerer
	m    *metrics.Metrics
}

func (o observedAnswerer) Answer(ctx context.Context, q string) (answer.Answer, error) {
	ans, err := o.next.Answer(ctx, q)
	if err == nil {
		o.m.Answer(string(ans.Mode), ans.Abstained)
	}
	return ans, err
}

// indexSize reads the served snapshot for the metrics' gauges.
type indexSize struct{ lib func() *library.Library }

func (s indexSize) snapshot() *library.Snapshot {
	if lib := s.lib(); lib != nil {
		return lib.Snapshot()
	}
	return nil
}

func (s indexSize) Articles() int {
	if snap := s.snapshot(); snap != nil {
		return len(snap.Docs())
	}
	return 0
}

func (s indexSize) Chunks() int {
	if snap := s.snapshot(); snap != nil {
		return snap.Index.Len()
	}
	return 0
}

func (s indexSize) Quotes() int {
	if snap := s.snapshot(); snap != nil && snap.Quotes != nil {
		return snap.Quotes.Len()
	}
	return 0
}

// serveMetrics serves /metrics and /healthz on addr until ctx ends: the
// gateway mode's window for the operator (serve mode has both on its own
// port).
func serveMetrics(ctx context.Context, addr string, m *metrics.Metrics, ready func() error, log *slog.Logger) error {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	mux.HandleFunc("GET /healthz", discord.Healthz(ready))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, WriteTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	go func() {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			log.Error("metrics server stopped", "addr", addr, "err", err)
		}
	}()
	return nil
}
