package main

import (
	"context"
	"time"

	"dossier/internal/commands"
	"dossier/internal/library"
)

// shutdownGrace bounds how long a stopping bot waits for the interactions
// in flight, answers being written included.
const shutdownGrace = 30 * time.Second

// bot is what every mode that answers commands shares: the library and the
// command registry over it.
type bot struct {
	lib *library.Library
	reg *commands.Registry
}

// newBot loads the library and builds the commands.
func (a *app) newBot(ctx context.Context) (*bot, error) {
	lib, err := a.openLibrary(ctx)
	if err != nil {
		return nil, err
	}
	reg, err := a.registry(lib)
	if err != nil {
		return nil, err
	}
	return &bot{lib: lib, reg: reg}, nil
}

// registry builds the slash commands over the library. /ask and /quote
// share one rate limit per user. register builds it with a nil library:
// it only reads the definitions and never runs a handler.
func (a *app) registry(lib *library.Library) (*commands.Registry, error) {
	limiter := commands.NewLimiter(a.cfg.RateLimit, time.Now)
	cmds := []*commands.Command{
		commands.Ask(a.newAnswerer(lib), commands.AskOptions{Slow: a.cfg.UseOpenAI(), Limiter: limiter}),
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
