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
)

// Callbacker sends the first response to an interaction received over the
// gateway; *REST is the real one.
type Callbacker interface {
	Callback(ctx context.Context, i *discordgo.Interaction, resp *discordgo.InteractionResponse) error
}

// Gateway answers interactions that arrive over a discordgo session.
type Gateway struct {
	Session    *discordgo.Session
	Dispatcher Dispatcher
	REST       Callbacker
	Followups  *Followups
	Log        *slog.Logger
	// Grace bounds how long a shutdown waits for interactions in flight.
	Grace time.Duration

	mu      sync.Mutex
	closing bool
	active  sync.WaitGroup
}

// Handle answers one interaction event. It is the discordgo handler, and
// tests call it with events they make.
func (g *Gateway) Handle(_ *discordgo.Session, ev *discordgo.InteractionCreate) {
	if ev == nil || ev.Interaction == nil {
		return
	}
	g.mu.Lock()
	if g.closing {
		g.mu.Unlock()
		return // Discord will tell the user the bot did not respond
	}
	g.active.Add(1)
	g.mu.Unlock()
	defer g.active.Done()
	// discordgo runs handlers on goroutines of their own, where a panic
	// would end the process. The registry recovers its handlers' panics;
	// this is for anything else.
	defer func() {
		if p := recover(); p != nil {
			g.log().Error("panic while answering an interaction", "interaction", ev.ID, "panic", p, "stack", string(debug.Stack()))
		}
	}()
	g.handle(ev.Interaction, time.Now())
}

func (g *Gateway) handle(i *discordgo.Interaction, received time.Time) {
	ctx, cancel := context.WithDeadline(context.Background(), received.Add(InlineBudget))
	defer cancel()
	call := g.Dispatcher.Dispatch(ctx, i)
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

// Run connects to the gateway and answers interactions until ctx ends;
// then it stops taking new ones and waits, at most Grace, for those in
// flight (and their deferred answers) before disconnecting.
func (g *Gateway) Run(ctx context.Context) error {
	remove := g.Session.AddHandler(g.Handle)
	defer remove()
	if err := g.Session.Open(); err != nil {
		return fmt.Errorf("connect to the Discord gateway: %w", err)
	}
	g.log().Info("connected to the Discord gateway; answering interactions")
	<-ctx.Done()
	g.mu.Lock()
	g.closing = true
	g.mu.Unlock()
	g.log().Info("shutting down; finishing the interactions in flight", "grace", g.Grace)
	wctx, cancel := context.WithTimeout(context.Background(), g.Grace)
	defer cancel()
	done := make(chan struct{})
	go func() { g.active.Wait(); close(done) }()
	var err error
	select {
	case <-done:
	case <-wctx.Done():
		err = errors.New("interactions still running at shutdown")
	}
	if g.Followups != nil {
		if ferr := g.Followups.Wait(wctx); ferr != nil {
			err = errors.Join(err, fmt.Errorf("deferred answers still running at shutdown: %w", ferr))
		}
	}
	return errors.Join(err, g.Session.Close())
}
