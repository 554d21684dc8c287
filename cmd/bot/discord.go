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
	dbot, err := m.login(ctx)
	if err != nil {
		return err
	}
	// Several processes, one per shard, share one registration: shard 0's.
	if m.Config.ShardID == 0 {
		if _, err := dbot.RegisterCommands(ctx, m.Config.DiscordGuildID, b.reg.Definitions()); err != nil {
			return err
		}
	}
	g, err := dbot.Gateway(ctx, b.reg, discord.Shards{ID: m.Config.ShardID, Count: m.Config.ShardCount}, shutdownGrace)
	if err != nil {
		return err
	}
	return g.Run(ctx)
}

func (m *Main) login(ctx context.Context) (*discord.Bot, error) {
	return discord.Login(ctx, discord.LoginOptions{Token: m.Config.DiscordToken, APIBase: m.Config.DiscordAPIBase,
		AppID: m.Config.DiscordAppID, BotURL: m.Config.BotURL, Log: m.Log})
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
	rest.UserAgent = discord.UserAgent(m.Config.BotURL)
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
	dbot, err := m.login(ctx)
	if err != nil {
		return err
	}
	if m.clearGuild != "" {
		if err := dbot.ClearCommands(ctx, m.clearGuild); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "removed the commands registered in server %s\n", m.clearGuild)
	}
	n, err := dbot.RegisterCommands(ctx, m.Config.DiscordGuildID, commands.Definitions(m.moderators()))
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
