package discord

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"dossier/internal/commands"
)

// MaxBody is the largest interaction accepted. Real ones are a few
// kilobytes; the limit stops a client from making us buffer much.
const MaxBody = 1 << 20

// ServerOptions configure an HTTP interactions endpoint.
type ServerOptions struct {
	PublicKey  ed25519.PublicKey // the application's, from the developer portal
	Dispatcher Dispatcher
	Followups  *Followups
	Log        *slog.Logger
	// Ready, when set, is asked by GET /healthz: an error means "not ready"
	// (503), e.g. while the articles are first loading.
	Ready func() error
	// Metrics, when set, is served at GET /metrics.
	Metrics http.Handler
	Now     func() time.Time
}

// Server is the HTTP interactions endpoint: POST /interactions, GET
// /healthz and, when given, GET /metrics. It is an http.Handler, so tests drive it with httptest.
type Server struct {
	opts ServerOptions
	mux  *http.ServeMux
	bufs sync.Pool // *bytes.Buffer for request bodies
	skew skewWatch

	// Draining: once a shutdown begins, quick interactions are still
	// answered and new slow work is declined, while active (the
	// interactions that began before) and their deferred answers finish.
	mu       sync.Mutex
	draining bool
	active   sync.WaitGroup
}

// NewServer returns the endpoint.
func NewServer(opts ServerOptions) *Server {
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &Server{opts: opts, mux: http.NewServeMux()}
	s.bufs.New = func() any { return new(bytes.Buffer) }
	s.mux.HandleFunc("POST /interactions", s.interactions)
	s.mux.HandleFunc("GET /healthz", Healthz(s.ready))
	if opts.Metrics != nil {
		s.mux.Handle("GET /metrics", opts.Metrics)
	}
	return s
}

// ServeHTTP routes the requests.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// errDraining is /healthz's answer while the server stops, so that a load
// balancer sends new interactions to another instance.
var errDraining = errors.New("shutting down")

// ready is the endpoint's health: not ready while draining, else what the
// Ready option says.
func (s *Server) ready() error {
	s.mu.Lock()
	draining := s.draining
	s.mu.Unlock()
	if draining {
		return errDraining
	}
	if s.opts.Ready != nil {
		return s.opts.Ready()
	}
	return nil
}

// Healthz answers "ok" when ready reports no error (or is nil), and 503
// with the reason when it does: for load balancers, here and wherever else
// the bot serves health.
func Healthz(ready func() error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if ready != nil {
			if err := ready(); err != nil {
				w.WriteHeader(http.StatusServiceUnavailable)
				fmt.Fprintln(w, "not ready:", err)
				return
			}
		}
		fmt.Fprintln(w, "ok")
	}
}

func (s *Server) interactions(w http.ResponseWriter, r *http.Request) {
	received := s.opts.Now()
	sig, ts := r.Header.Get("X-Signature-Ed25519"), r.Header.Get("X-Signature-Timestamp")
	if sig == "" || ts == "" || len(ts) > 20 {
		s.refuse(w, http.StatusUnauthorized, ErrNoSignature)
		return
	}
	// The signature covers timestamp+body: read the body straight after
	// the timestamp into one pooled buffer.
	buf := s.bufs.Get().(*bytes.Buffer)
	defer s.putBuf(buf)
	buf.Reset()
	buf.WriteString(ts)
	if _, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, MaxBody)); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.refuse(w, http.StatusRequestEntityTooLarge, err)
		} else {
			s.refuse(w, http.StatusBadRequest, err)
		}
		return
	}
	signed := buf.Bytes()
	err := verify(s.opts.PublicKey, sig, ts, signed, received)
	if err == nil || errors.Is(err, ErrStale) {
		s.skew.observe(s.opts.Log, ts, received, err != nil)
	}
	if err != nil {
		s.refuse(w, http.StatusUnauthorized, err)
		return
	}
	i, err := decodeInteraction(signed[len(ts):])
	if err != nil {
		s.refuse(w, http.StatusBadRequest, err)
		return
	}
	if i.Type == discordgo.InteractionPing {
		s.write(w, pong)
		return
	}
	// Serve waits for the interactions that began before a drain, and
	// for their deferred answers. Those arriving during it are not
	// counted (a WaitGroup may not grow while it is waited on) and start
	// no deferred work: a slow one is declined, since it could not finish
	// before the process ends.
	s.mu.Lock()
	draining := s.draining
	if !draining {
		s.active.Add(1)
		defer s.active.Done()
	}
	s.mu.Unlock()
	ctx, cancel := context.WithDeadline(r.Context(), received.Add(InlineBudget))
	call := s.opts.Dispatcher.Dispatch(ctx, i)
	cancel()
	if draining && call.Deferred() {
		call = commands.Call{Response: commands.PrivateText(drainText)}
	}
	if call.Deferred() && s.opts.Followups != nil {
		// The deferral goes through the callback endpoint first, so that
		// Discord knows it before the follow-up that replaces it, which
		// starts at once; written as this request's reply, it would leave
		// only when the handler returns. Discord is then answered 202.
		cbCtx, cbCancel := context.WithDeadline(r.Context(), received.Add(CallbackBudget))
		err := s.opts.Followups.Acknowledge(cbCtx, i, call.Response)
		cbCancel()
		if err == nil {
			w.WriteHeader(http.StatusAccepted)
			s.opts.Followups.Complete(i, call, received)
			return
		}
		// The follow-up's retries of Unknown Webhook cover this order too.
		s.opts.Log.Warn("could not send the deferral through the callback endpoint; answering the request with it", "interaction", i.ID, "err", err)
	}
	body, err := marshalResponse(call.Response)
	if err != nil {
		s.opts.Log.Error("cannot encode an interaction response", "interaction", i.ID, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	s.write(w, body)
	if call.Deferred() {
		s.opts.Followups.Complete(i, call, received)
	}
}

var pong = []byte(`{"type":1}`)

func (s *Server) write(w http.ResponseWriter, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}

// refuse answers a request we will not act on. Discord probes the endpoint
// with bad signatures on purpose, so these are logged at debug level only.
func (s *Server) refuse(w http.ResponseWriter, status int, err error) {
	s.opts.Log.Debug("interaction refused", "status", status, "err", err)
	http.Error(w, http.StatusText(status), status)
}

// putBuf returns a buffer to the pool, unless one huge request made it
// huge: that memory is better given back.
func (s *Server) putBuf(b *bytes.Buffer) {
	if b.Cap() <= 64<<10 {
		s.bufs.Put(b)
	}
}

// ListenAndServe serves on addr until ctx ends. Then it drains, for at
// most grace: while the interactions in flight and their deferred answers
// finish, it keeps answering quick interactions (autocomplete, /quote,
// /sources, /help, page buttons) and declines new slow work in plain
// words, and /healthz reports it is shutting down. Then it stops.
func (s *Server) ListenAndServe(ctx context.Context, addr string, grace time.Duration) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	return s.Serve(ctx, ln, grace)
}

// Serve is ListenAndServe on a listener.
func (s *Server) Serve(ctx context.Context, ln net.Listener, grace time.Duration) error {
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.opts.Log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	s.opts.Log.Info("serving Discord interactions", "addr", ln.Addr().String(), "path", "/interactions")
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	s.opts.Log.Info("shutting down; finishing the interactions in flight, still answering quick ones", "grace", grace)
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := s.drain(sctx)
	s.opts.Log.Info("drained; closing the endpoint")
	err = errors.Join(err, srv.Shutdown(sctx))
	if err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// drain stops new slow work and waits, until ctx ends, for the
// interactions that began before and for their deferred answers. The
// endpoint keeps serving meanwhile.
func (s *Server) drain(ctx context.Context) error {
	s.mu.Lock()
	s.draining = true
	s.mu.Unlock()
	done := make(chan struct{})
	go func() { s.active.Wait(); close(done) }()
	var err error
	select {
	case <-done:
	case <-ctx.Done():
		err = errors.New("interactions still running at shutdown")
	}
	// Past the grace, Wait cancels the deferred work still running.
	if s.opts.Followups != nil {
		if ferr := s.opts.Followups.Wait(ctx); ferr != nil {
			err = errors.Join(err, fmt.Errorf("deferred answers still running at shutdown: %w", ferr))
		}
	}
	return err
}
