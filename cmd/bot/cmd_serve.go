package main

import (
	"context"
	"flag"

	"dossier/internal/config"
	"dossier/internal/discord"
)

// cmdServe runs the HTTP interactions endpoint.
func cmdServe(ctx context.Context, a *app, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.StringVar(&a.cfg.Addr, "addr", a.cfg.Addr, "listen address (ADDR)")
	if err := a.parse(fs, args, config.ModeHTTP, false); err != nil {
		return err
	}
	key, err := discord.ParsePublicKey(a.cfg.DiscordPublicKey)
	if err != nil {
		return err // Validate has checked it; this is belt and braces
	}
	b, err := a.newBot(ctx, true)
	if err != nil {
		return err
	}
	rest := discord.NewREST(a.cfg.DiscordAPIBase, nil)
	srv := discord.NewServer(discord.ServerOptions{
		PublicKey:  key,
		Dispatcher: b.reg,
		Followups:  discord.NewFollowups(rest, a.log),
		Log:        a.log,
		Ready:      b.ready,
		Metrics:    b.metrics.Handler(),
	})
	if a.cfg.DiscordToken == "" {
		a.log.Info(`commands are registered separately: run "bot register" with DISCORD_TOKEN set`)
	}
	return srv.ListenAndServe(ctx, a.cfg.Addr, shutdownGrace)
}
