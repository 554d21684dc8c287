package main

import (
	"context"
	"errors"
	"time"

	"dossier/internal/commands"
	"dossier/internal/library"
	"dossier/internal/metrics"
	"dossier/internal/retrieval"
)

// shutdownGrace bounds how long a stopping bot waits for the interactions
// in flight, answers being written included.
const shutdownGrace = 30 * time.Second

// bot is what every mode that answers commands shares: the library, the
// command registry over it, and the metrics both report to.
type bot struct {
	lib     *library.Library
	reg     *commands.Registry
	metrics *metrics.Metrics
}

// newBot loads the library and builds the commands. The console loads
// before it answers. The Discord modes start answering (and report not
// ready, and "still loading" to users) while the library loads behind
// them: the saved index when there is one, then a refresh from the corpus.
func (a *app) newBot(ctx context.Context, loadInBackground bool) (*bot, error) {
	b := &bot{}
	// The metrics read the served index and hear every reload, the first
	// one included, so they exist before the library.
	b.metrics = metrics.New(indexSize{lib: func() *library.Library { return b.lib }})
	a.onReload = func(_ library.Report, err error) { b.metrics.Reload(err) }
	if loadInBackground {
		b.lib = a.newLibrary()
		go a.load(ctx, b.lib)
	} else {
		lib, err := a.openLibrary(ctx)
		if err != nil {
			return nil, err
		}
		b.lib = lib
	}
	reg, err := a.registry(b.lib, b.metrics)
	if err != nil {
		return nil, err
	}
	reg.SetObserver(b.metrics)
	b.reg = reg
	return b, nil
}

// load fills the library for a Discord mode: the saved index first, then a
// refresh from the corpus. Failures are logged; until a load succeeds the
// bot reports not ready and a moderator's /reload can try again.
func (a *app) load(ctx context.Context, lib *library.Library) {
	if err := lib.LoadSaved(ctx); err != nil && !errors.Is(err, retrieval.ErrNoIndex) {
		a.log.Warn("saved index unusable; rebuilding from the corpus", "err", err)
	}
	if _, err := lib.Reload(ctx); err != nil {
		if lib.Snapshot() == nil {
			a.log.Error("no index to answer from: fix the corpus and /reload", "err", err)
			return
		}
		a.log.Error("could not refresh the index; answering from the saved one", "err", err)
	}
}

// registry builds the slash commands over the library. /ask and /quote
// share one rate limit per user. register builds it with a nil library:
// it only reads the definitions and never runs a handler.
func (a *app) registry(lib *library.Library, m *metrics.Metrics) (*commands.Registry, error) {
	limiter := commands.NewLimiter(a.cfg.RateLimit, time.Now)
	var ans questionAnswerer = a.newAnswerer(lib)
	if m != nil {
		ans = observedAnswerer{next: ans, m: m}
	}
	cmds := []*commands.Command{
		commands.Ask(ans, commands.AskOptions{Slow: a.cfg.UseOpenAI(), Limiter: limiter}),
		commands.Quote(currentQuotes(lib), commands.QuoteOptions{Limiter: limiter}),
		commands.Sources(catalog{lib}),
		commands.Reload(lib, commands.ReloadOptions{
			Moderators: commands.Moderators{RoleIDs: a.cfg.ModeratorRoleIDs},
			Log:        a.log,
		}),
	}
	return commands.NewRegistry(a.log, append(cmds, commands.Help(cmds))...)
}

// ready reports whether there is an index to answer from, for health checks.
func (b *bot) ready() error {
	if b.lib.Snapshot() == nil {
		return library.ErrNotLoaded
	}
	return nil
}
