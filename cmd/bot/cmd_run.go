package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"strings"

	"github.com/bwmarrin/discordgo"

	"dossier/internal/config"
	"dossier/internal/discord"
)

// cmdRun connects to Discord's gateway, registers the commands and answers
// them until interrupted.
func cmdRun(ctx context.Context, a *app, args []string) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	if err := a.parse(fs, args, config.ModeGateway, false); err != nil {
		return err
	}
	b, err := a.newBot(ctx, true)
	if err != nil {
		return err
	}
	if a.cfg.MetricsAddr != "" {
		if err := serveMetrics(ctx, a.cfg.MetricsAddr, b.metrics, b.ready, a.log); err != nil {
			return fmt.Errorf("metrics on %s (METRICS_ADDR): %w", a.cfg.MetricsAddr, err)
		}
		a.log.Info("serving metrics", "addr", a.cfg.MetricsAddr, "paths", "/metrics /healthz")
	}
	s, appID, err := a.session(ctx)
	if err != nil {
		return err
	}
	if err := a.register(ctx, s, appID, b.reg.Definitions()); err != nil {
		return err
	}
	rest := discord.NewREST(a.cfg.DiscordAPIBase, nil)
	g := &discord.Gateway{
		Session:    s,
		Dispatcher: b.reg,
		REST:       rest,
		Followups:  discord.NewFollowups(rest, a.log),
		Log:        a.log,
		Grace:      shutdownGrace,
	}
	return g.Run(ctx)
}

// session opens a discordgo session for the bot token and finds the
// application id (DISCORD_APP_ID, or asked of Discord).
func (a *app) session(ctx context.Context) (*discordgo.Session, string, error) {
	// discordgo logs through a package-level function; send its lines to
	// our structured log. Its messages never include the token.
	discordgo.Logger = func(level, _ int, format string, args ...any) {
		lvl := slog.LevelDebug
		switch level {
		case discordgo.LogError:
			lvl = slog.LevelError
		case discordgo.LogWarning:
			lvl = slog.LevelWarn
		}
		a.log.Log(context.Background(), lvl, strings.TrimSpace(fmt.Sprintf(format, args...)), "source", "discordgo")
	}
	s, err := discord.NewSession(a.cfg.DiscordToken, a.cfg.DiscordAPIBase, nil)
	if err != nil {
		return nil, "", err
	}
	appID := a.cfg.DiscordAppID
	if appID == "" {
		if appID, err = discord.ApplicationID(ctx, s); err != nil {
			return nil, "", err
		}
	}
	return s, appID, nil
}

// register replaces the application's commands with ours.
func (a *app) register(ctx context.Context, s *discordgo.Session, appID string, defs []*discordgo.ApplicationCommand) error {
	got, err := discord.Register(ctx, s, appID, a.cfg.DiscordGuildID, defs)
	if err != nil {
		return err
	}
	names := make([]string, len(got))
	for i, c := range got {
		names[i] = "/" + c.Name
	}
	where := "globally (new commands can take up to an hour to appear)"
	if a.cfg.DiscordGuildID != "" {
		where = "in server " + a.cfg.DiscordGuildID
	}
	a.log.Info("registered commands "+where, "application", appID, "commands", strings.Join(names, " "))
	return nil
}
