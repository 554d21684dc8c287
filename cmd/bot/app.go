package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"dossier/internal/analysis"
	"dossier/internal/config"
	"dossier/internal/embed"
	"dossier/internal/lang"
	"dossier/internal/library"
	"dossier/internal/modelapi"
	"dossier/internal/retrieval"
)

// errUsage means a command's flags were wrong; the flag package has already
// said why.
var errUsage = errors.New("usage")

// app is what every command shares: the settings and where to write.
type app struct {
	cfg config.Config
	io  stdio
	log *slog.Logger
	// onReload, when set before the library is made, hears every reload.
	onReload func(library.Report, error)
}

func newApp(io stdio, lookup func(string) (string, bool)) (*app, error) {
	cfg, err := config.FromEnv(lookup)
	if err != nil {
		return nil, err
	}
	return &app{cfg: cfg, io: io}, nil
}

// parse reads a command's flags (after the common ones are added), then
// validates the whole configuration for the mode and sets up logging.
func (a *app) parse(fs *flag.FlagSet, args []string, mode config.Mode, quietByDefault bool) error {
	a.cfg.AddCorpusFlags(fs)
	fs.SetOutput(a.io.err)
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if err := a.cfg.Validate(mode); err != nil {
		return fmt.Errorf("configuration:\n%w", err)
	}
	level := a.cfg.LogLevel
	// One-shot commands print their answer on stdout; routine log lines on
	// stderr would only be noise unless the operator asked for them.
	if quietByDefault && level == slog.LevelInfo {
		level = slog.LevelWarn
	}
	opts := &slog.HandlerOptions{Level: level}
	if a.cfg.LogFormat == "json" {
		a.log = slog.New(slog.NewJSONHandler(a.io.err, opts))
	} else {
		a.log = slog.New(slog.NewTextHandler(a.io.err, opts))
	}
	return nil
}

// embedder returns the configured embedder.
func (a *app) embedder(an *analysis.Analyzer) retrieval.Embedder {
	if a.cfg.EmbedWithOpenAI() {
		return embed.NewOpenAI(a.endpoint(), embed.OpenAIOptions{Model: a.cfg.EmbeddingModel})
	}
	return embed.NewLocal(an, 0)
}

func (a *app) endpoint() modelapi.Endpoint {
	return modelapi.Endpoint{BaseURL: a.cfg.OpenAIBaseURL, APIKey: a.cfg.OpenAIAPIKey}
}

// newLibrary builds the library without loading anything.
func (a *app) newLibrary() *library.Library {
	an := analysis.New(lang.English())
	return library.New(library.Options{
		CorpusDir:       a.cfg.CorpusDir,
		Store:           &retrieval.Store{Dir: a.cfg.DataDir, Logger: a.log},
		Embedder:        a.embedder(an),
		Analyzer:        an,
		MaxArticleBytes: a.cfg.MaxArticleBytes,
		Logger:          a.log,
		Progress:        a.progress,
		OnReload:        a.onReload,
	})
}

// progress prints what a long load is doing on stderr.
func (a *app) progress(stage string, done, total int) {
	fmt.Fprintf(a.io.err, "%s: %d/%d\n", stage, done, total)
}

// openLibrary serves the saved index, then refreshes it from the corpus.
// When the refresh fails it says why on stderr and keeps the saved index;
// only when there is nothing at all to serve is that an error.
func (a *app) openLibrary(ctx context.Context) (*library.Library, error) {
	lib := a.newLibrary()
	if err := lib.LoadSaved(ctx); err != nil && !errors.Is(err, retrieval.ErrNoIndex) {
		a.log.Warn("saved index unusable; rebuilding from the corpus", "err", err)
	}
	if _, err := lib.Reload(ctx); err != nil {
		if lib.Snapshot() == nil {
			return nil, err
		}
		fmt.Fprintf(a.io.err, "warning: could not refresh the index from %s, answering from the last good index:\n%v\n", a.cfg.CorpusDir, err)
	}
	return lib, nil
}

// writeJSON prints v as indented JSON, the form of every --json output.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // articles are text, not HTML: keep "&" readable
	return enc.Encode(v)
}
