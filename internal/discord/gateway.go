package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"dossier/internal/commands"
)

// Callbacker sends the first response to an interaction received over the
// gateway; *REST is the real one.
type Callbacker interface {
	Callback(ctx context.Context, i *discordgo.Interaction, resp *discordgo.InteractionResponse) error
}

// Gateway answers interactions that arrive over discordgo sessions, one
// per shard.
type Gateway struct {
	Sessions   []*discordgo.Session
	Dispatcher Dispatcher
	REST       Callbacker
	Followups  *Followups
	Log        *slog.Logger
	// Grace bounds how long a shutdown waits for interactions in flight.
	Grace time.Duration

	mu      sync.Mutex
	closing bool
	active  sync.WaitGroup

	closes <-chan int // gateway close codes reported by discordgo
}

// fatalCloses are the gateway close codes after which Discord says not to
// reconnect: the same identify would be refused again.
var fatalCloses = map[int]string{
	4004: "authentication failed: check DISCORD_TOKEN",
	4010: "invalid shard: check DISCORD_SHARD_ID and DISCORD_SHARD_COUNT",
	4011: "sharding required: leave DISCORD_SHARD_COUNT unset to run as many shards as Discord recommends, or raise it",
	4012: "invalid API version",
	4013: "invalid intents",
	4014: "disallowed intents",
}

// drainText is the reply to slow work that arrives while the bot stops:
// it could not finish before the process ends.
const drainText = "I'm restarting right now and can't start that. Please try again in a minute."

// Handle answers one interaction event. It is the discordgo handler, and
// tests call it with events they make.
func (g *Gateway) Handle(_ *discordgo.Session, ev *discordgo.InteractionCreate) {
	if ev == nil || ev.Interaction == nil {
		return
	}
	// Run waits for the interactions that started before the drain; those
	// arriving during it are quick (slow work is declined) and are not
	// counted, since a WaitGroup may not grow while it is waited on.
	g.mu.Lock()
	closing := g.closing
	if !closing {
		g.active.Add(1)
		defer g.active.Done()
	}
	g.mu.Unlock()
	// discordgo runs handlers on goroutines of their own, where a panic
	// would end the process. The registry recovers its handlers' panics;
	// this is for anything else.
	defer func() {
		if p := recover(); p != nil {
			g.log().Error("panic while answering an interaction", "interaction", ev.ID, "panic", p, "stack", string(debug.Stack()))
		}
	}()
	g.handle(ev.Interaction, time.Now(), closing)
}

// handle answers one interaction. While the bot stops (draining), quick
// replies still go out; only new slow work, which could not finish before
// the process ends, is declined in plain words.
func (g *Gateway) handle(i *discordgo.Interaction, received time.Time, draining bool) {
	ctx, cancel := context.WithDeadline(context.Background(), received.Add(InlineBudget))
	defer cancel()
	call := g.Dispatcher.Dispatch(ctx, i)
	if draining && call.Deferred() {
		call = commands.Call{Response: commands.PrivateText(drainText)}
	}
	if call.Response == nil || call.Response.Type == discordgo.InteractionResponsePong {
		return
	}
	// The callback has the rest of Discord's three seconds.
	cbCtx, cbCancel := context.WithDeadline(context.Background(), received.Add(CallbackBudget))
	defer cbCancel()
	if err := g.REST.Callback(cbCtx, i, call.Response); err != nil {
		g.log().Error("could not answer an interaction", "interaction", i.ID, "type", int(i.Type), "err", err)
		return
	}
	if call.Deferred() {
		g.Followups.Complete(i, call, received)
	}
}

func (g *Gateway) log() *slog.Logger {
	if g.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return g.Log
}

// Run connects every shard to the gateway and answers interactions until
// ctx ends; then it stops taking new slow work and waits, at most Grace,
// for the interactions in flight (and their deferred answers) before
// disconnecting. Run reconnects a dropped shard itself (discordgo then
// resumes on the resume_gateway_url), except after a close that Discord
// says not to retry (4011 sharding required, 4004 bad token…): then Run
// ends with an error naming the cause.
func (g *Gateway) Run(ctx context.Context) error {
	disconnects := make(chan *discordgo.Session, 4*len(g.Sessions))
	for _, s := range g.Sessions {
		// discordgo would reconnect after any close, those included.
		s.ShouldReconnectOnError = false
		defer s.AddHandler(g.Handle)()
		defer s.AddHandler(func(s *discordgo.Session, _ *discordgo.Disconnect) {
			select {
			case disconnects <- s:
			default:
			}
		})()
	}
	for k, s := range g.Sessions {
		if err := s.Open(); err != nil {
			g.closeAll(g.Sessions[:k])
			return fmt.Errorf("connect shard %d of %d to the Discord gateway: %w", s.ShardID, s.ShardCount, err)
		}
	}
	g.log().Info("connected to the Discord gateway; answering interactions", "shards", len(g.Sessions))
	rctx, stopReconnecting := context.WithCancel(ctx)
	defer stopReconnecting()
	var fatal error
	checkClose := func(code int) {
		if why, ok := fatalCloses[code]; ok && fatal == nil {
			fatal = fmt.Errorf("the Discord gateway closed with code %d, %s", code, why)
		}
	}
	for fatal == nil && ctx.Err() == nil {
		select {
		case <-ctx.Done():
		case code := <-g.closes:
			checkClose(code)
		case s := <-disconnects:
			// discordgo reports why a connection closed before it says it
			// closed: the code, if any, is already waiting.
			for drained := false; !drained; {
				select {
				case code := <-g.closes:
					checkClose(code)
				default:
					drained = true
				}
			}
			if fatal == nil && ctx.Err() == nil {
				go g.reconnect(rctx, s)
			}
		}
	}
	stopReconnecting()
	if fatal != nil {
		g.log().Error("stopping: Discord will not take this connection again", "err", fatal)
	}
	g.mu.Lock()
	g.closing = true
	g.mu.Unlock()
	g.log().Info("shutting down; finishing the interactions in flight", "grace", g.Grace)
	wctx, cancel := context.WithTimeout(context.Background(), g.Grace)
	defer cancel()
	done := make(chan struct{})
	go func() { g.active.Wait(); close(done) }()
	err := fatal
	select {
	case <-done:
	case <-wctx.Done():
		err = errors.Join(err, errors.New("interactions still running at shutdown"))
	}
	if g.Followups != nil {
		if ferr := g.Followups.Wait(wctx); ferr != nil {
			err = errors.Join(err, fmt.Errorf("deferred answers still running at shutdown: %w", ferr))
		}
	}
	return errors.Join(err, g.closeAll(g.Sessions))
}

// Reconnection backoff: the first retry at once (most drops are Discord
// moving the session), then doubling up to the cap that discordgo uses.
const (
	reconnectFirst = time.Second
	reconnectMax   = 10 * time.Minute
)

// reconnect opens a dropped session again until it connects or ctx ends.
func (g *Gateway) reconnect(ctx context.Context, s *discordgo.Session) {
	for wait := reconnectFirst; ; wait = min(2*wait, reconnectMax) {
		err := s.Open()
		if err == nil || errors.Is(err, discordgo.ErrWSAlreadyOpen) {
			return
		}
		g.log().Warn("could not reconnect to the Discord gateway; trying again", "shard", s.ShardID, "in", wait, "err", err)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
}

func (g *Gateway) closeAll(ss []*discordgo.Session) error {
	var errs []error
	for _, s := range ss {
		errs = append(errs, s.Close())
	}
	return errors.Join(errs...)
}
