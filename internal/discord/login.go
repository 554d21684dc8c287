package discord

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
)

// LoginOptions say which bot to log in as, and where.
type LoginOptions struct {
	Token   string
	APIBase string // e.g. https://discord.com/api/v10, or a test's fake
	AppID   string // empty: asked of Discord
	// BotURL is the project's address for the User-Agent Discord asks
	// every bot to send; empty: the project's name stands in.
	BotURL string
	Log    *slog.Logger
}

// Bot is the bot's account on Discord: its token, the application it
// belongs to, and a session for REST calls (no gateway connection yet).
type Bot struct {
	AppID string
	opts  LoginOptions
	rest  *discordgo.Session
	// closes hears the gateway close codes that discordgo reports; see
	// routeLibraryLog.
	closes chan int
}

// UserAgent is the User-Agent Discord asks bots to send:
// "DiscordBot ($url, $version)".
func UserAgent(botURL string) string {
	if botURL == "" {
		botURL = "dossier"
	}
	return "DiscordBot (" + botURL + ", 1)"
}

// Login makes a session for the bot token and finds the application id:
// opts.AppID when set, else asked of Discord. discordgo's own log lines go
// to opts.Log from then on.
func Login(ctx context.Context, opts LoginOptions) (*Bot, error) {
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	b := &Bot{opts: opts, closes: make(chan int, 16)}
	routeLibraryLog(opts.Log, b.closes)
	s, err := b.session()
	if err != nil {
		return nil, err
	}
	b.rest = s
	b.AppID = opts.AppID
	if b.AppID == "" {
		if b.AppID, err = ApplicationID(ctx, s); err != nil {
			return nil, err
		}
	}
	return b, nil
}

func (b *Bot) session() (*discordgo.Session, error) {
	s, err := NewSession(b.opts.Token, b.opts.APIBase, nil)
	if err != nil {
		return nil, err
	}
	s.UserAgent = UserAgent(b.opts.BotURL)
	return s, nil
}

// closeCode finds the close code in discordgo's report of a gateway read
// error ("websocket: close 4011: Sharding required.").
var closeCode = regexp.MustCompile(`websocket: close (\d{4})\b`)

// discordgo writes its log lines through one package-level function. It
// is installed once (a second assignment would race with the goroutines
// of sessions already running) and forwards to the sink of the latest
// Login: the one place this package keeps state outside a value, forced
// by discordgo's design.
var (
	libraryLogOnce sync.Once
	libraryLogSink atomic.Pointer[logSink]
)

type logSink struct {
	log    *slog.Logger
	closes chan<- int
}

// routeLibraryLog sends discordgo's log lines to our structured log. Its
// messages never include the token. discordgo reconnects after any close
// of the gateway, even one Discord says not to retry; the close codes it
// reports are sent on closes, so that the gateway runner can stop.
func routeLibraryLog(log *slog.Logger, closes chan<- int) {
	libraryLogSink.Store(&logSink{log: log, closes: closes})
	libraryLogOnce.Do(func() {
		discordgo.Logger = func(level, _ int, format string, args ...any) {
			sink := libraryLogSink.Load()
			msg := strings.TrimSpace(fmt.Sprintf(format, args...))
			lvl := slog.LevelDebug
			switch level {
			case discordgo.LogError:
				lvl = slog.LevelError
			case discordgo.LogWarning:
				lvl = slog.LevelWarn
			}
			sink.log.Log(context.Background(), lvl, msg, "source", "discordgo")
			if m := closeCode.FindStringSubmatch(msg); m != nil {
				code, _ := strconv.Atoi(m[1])
				select {
				case sink.closes <- code:
				default:
				}
			}
		}
	})
}

// RegisterCommands replaces the application's commands with defs, in the
// server guildID when it is set, else globally, and logs what it did. It
// returns how many commands Discord now holds.
func (b *Bot) RegisterCommands(ctx context.Context, guildID string, defs []*discordgo.ApplicationCommand) (int, error) {
	got, err := Register(ctx, b.rest, b.AppID, guildID, defs)
	if err != nil {
		return 0, err
	}
	names := make([]string, len(got))
	for i, c := range got {
		names[i] = "/" + c.Name
	}
	where := "globally (Discord clients may need a restart, or a few minutes, to show new or changed commands)"
	if guildID != "" {
		where = "in server " + guildID
	}
	b.opts.Log.Info("registered commands "+where, "application", b.AppID, "commands", strings.Join(names, " "))
	return len(got), nil
}

// ClearCommands removes the application's commands from the server
// guildID: the copies left there when registration moves from one server
// to global, which Discord would otherwise show twice.
func (b *Bot) ClearCommands(ctx context.Context, guildID string) error {
	_, err := Register(ctx, b.rest, b.AppID, guildID, []*discordgo.ApplicationCommand{})
	return err
}

// Shards place this process among the gateway's shards.
type Shards struct {
	ID    int
	Count int // 0: as many as Discord recommends (GET /gateway/bot), all run here
}

// Gateway returns the gateway transport: one session per shard it runs,
// answering interactions through d and sending the responses through the
// REST API; a stop waits at most grace for those in flight.
func (b *Bot) Gateway(ctx context.Context, d Dispatcher, shards Shards, grace time.Duration) (*Gateway, error) {
	ids := []int{shards.ID}
	count := shards.Count
	if count == 0 {
		gb, err := b.rest.GatewayBot(discordgo.WithContext(ctx))
		if err != nil {
			return nil, fmt.Errorf("ask Discord how many shards to run (GET /gateway/bot; or set DISCORD_SHARD_COUNT): %w", err)
		}
		count, ids = max(gb.Shards, 1), nil
		for id := range count {
			ids = append(ids, id)
		}
	}
	rest := NewREST(b.opts.APIBase, nil)
	rest.UserAgent = UserAgent(b.opts.BotURL)
	g := &Gateway{Dispatcher: d, REST: rest, Followups: NewFollowups(rest, b.opts.Log), Log: b.opts.Log, Grace: grace,
		closes: b.closes}
	for _, id := range ids {
		s, err := b.session()
		if err != nil {
			return nil, err
		}
		s.ShardID, s.ShardCount = id, count
		g.Sessions = append(g.Sessions, s)
	}
	b.opts.Log.Info("gateway shards", "running", fmt.Sprint(ids), "of", count)
	return g, nil
}
