package main

import (
	"context"
	"fmt"

	"dossier/internal/commands"
	"dossier/internal/console"
	"dossier/internal/discord"
)

// The modes that answer slash commands: Discord's gateway, Discord's HTTP
// interactions endpoint, and the local console.

func (m *Main) runGateway(ctx context.Context) error {
	b, err := m.newBot(ctx, true)
	if err != nil {
		return err
	}
	if m.Config.MetricsAddr != "" {
		if err := b.metrics.Serve(ctx, m.Config.MetricsAddr, discord.Healthz(b.ready), m.Log); err != nil {
			return fmt.Errorf("metrics on %s (METRICS_ADDR): %w", m.Config.MetricsAddr, err)
		}
		m.Log.Info("serving metrics", "addr", m.Config.MetricsAddr, "paths", "/metrics /healthz")
	}
	dbot, err := discord.Login(ctx, m.Config.DiscordToken, m.Config.DiscordAPIBase, m.Config.DiscordAppID, m.Log)
	if err != nil {
		return err
	}
	if _, err := dbot.RegisterCommands(ctx, m.Config.DiscordGuildID, b.reg.Definitions()); err != nil {
		return err
	}
	return dbot.Gateway(b.reg, m.Config.DiscordAPIBase, shutdownGrace).Run(ctx)
}

func (m *Main) serve(ctx context.Context) error {
	key, err := discord.ParsePublicKey(m.Config.DiscordPublicKey)
	if err != nil {
		return err // Validate has checked it; this is belt and braces
	}
	b, err := m.newBot(ctx, true)
	if err != nil {
		return err
	}
	rest := discord.NewREST(m.Config.DiscordAPIBase, nil)
	srv := discord.NewServer(discord.ServerOptions{
		PublicKey:  key,
		Dispatcher: b.reg,
		Followups:  discord.NewFollowups(rest, m.Log),
		Log:        m.Log,
		Ready:      b.ready,
		Metrics:    b.metrics.Handler(),
	})
	if m.Config.DiscordToken == "" {
		m.Log.Info(`commands are registered separately: run "bot register" with DISCORD_TOKEN set`)
	}
	return srv.ListenAndServe(ctx, m.Config.Addr, shutdownGrace)
}

// register registers the slash commands with Discord and exits. It needs
// only their definitions.
func (m *Main) register(ctx context.Context) error {
	dbot, err := discord.Login(ctx, m.Config.DiscordToken, m.Config.DiscordAPIBase, m.Config.DiscordAppID, m.Log)
	if err != nil {
		return err
	}
	n, err := dbot.RegisterCommands(ctx, m.Config.DiscordGuildID, commands.Definitions())
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "registered %d commands for application %s\n", n, dbot.AppID)
	return nil
}

// console answers slash commands typed on standard input.
func (m *Main) console(ctx context.Context) error {
	fmt.Fprint(m.Stderr, console.Banner)
	b, err := m.newBot(ctx, false)
	if err != nil {
		return err
	}
	c := &console.Console{
		Dispatcher:  b.reg,
		Definitions: b.reg.Definitions(),
		Out:         m.Stdout,
		Echo:        !console.IsTerminal(m.Stdin),
	}
	return c.Run(ctx, m.Stdin)
}
