package discord

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Bot is the bot's account on Discord: a session for its token, not yet
// connected, and the application the token belongs to.
type Bot struct {
	Session *discordgo.Session
	AppID   string
	log     *slog.Logger
}

// Login makes a session for the bot token whose REST calls go to apiBase,
// and finds the application id: appID when set, else asked of Discord.
// discordgo's own log lines go to log from then on.
func Login(ctx context.Context, token, apiBase, appID string, log *slog.Logger) (*Bot, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	routeLibraryLog(log)
	s, err := NewSession(token, apiBase, nil)
	if err != nil {
		return nil, err
	}
	if appID == "" {
		if appID, err = ApplicationID(ctx, s); err != nil {
			return nil, err
		}
	}
	return &Bot{Session: s, AppID: appID, log: log}, nil
}

// routeLibraryLog sends discordgo's log lines, which it writes through a
// package-level function, to our structured log. Its messages never
// include the token.
func routeLibraryLog(log *slog.Logger) {
	discordgo.Logger = func(level, _ int, format string, args ...any) {
		lvl := slog.LevelDebug
		switch level {
		case discordgo.LogError:
			lvl = slog.LevelError
		case discordgo.LogWarning:
			lvl = slog.LevelWarn
		}
		log.Log(context.Background(), lvl, strings.TrimSpace(fmt.Sprintf(format, args...)), "source", "discordgo")
	}
}

// RegisterCommands replaces the application's commands with defs, in the
// server guildID when it is set, else globally, and logs what it did. It
// returns how many commands Discord now holds.
func (b *Bot) RegisterCommands(ctx context.Context, guildID string, defs []*discordgo.ApplicationCommand) (int, error) {
	got, err := Register(ctx, b.Session, b.AppID, guildID, defs)
	if err != nil {
		return 0, err
	}
	names := make([]string, len(got))
	for i, c := range got {
		names[i] = "/" + c.Name
	}
	where := "globally (new commands can take up to an hour to appear)"
	if guildID != "" {
		where = "in server " + guildID
	}
	b.log.Info("registered commands "+where, "application", b.AppID, "commands", strings.Join(names, " "))
	return len(got), nil
}

// Gateway returns the gateway transport for the bot's session: it answers
// interactions through d, sending the responses through the REST API at
// apiBase, and waits at most grace for those in flight when it stops.
func (b *Bot) Gateway(d Dispatcher, apiBase string, grace time.Duration) *Gateway {
	rest := NewREST(apiBase, nil)
	return &Gateway{
		Session:    b.Session,
		Dispatcher: d,
		REST:       rest,
		Followups:  NewFollowups(rest, b.log),
		Log:        b.log,
		Grace:      grace,
	}
}
