package discord

import (
	"context"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"dossier/internal/commands"
)

// Dispatcher answers interactions; *commands.Registry is the real one.
type Dispatcher interface {
	Dispatch(ctx context.Context, i *discordgo.Interaction) commands.Call
}

// Responder is what completes a deferred interaction through the REST API;
// *REST is the real one.
type Responder interface {
	Callbacker
	EditOriginal(ctx context.Context, i *discordgo.Interaction, d *discordgo.InteractionResponseData) error
	DeleteOriginal(ctx context.Context, i *discordgo.Interaction) error
	Followup(ctx context.Context, i *discordgo.Interaction, d *discordgo.InteractionResponseData) error
}

// Timing. Discord waits three seconds for the first response, and an
// interaction's token then lasts fifteen minutes.
const (
	// InlineBudget bounds work answered in the first response, leaving
	// time for the response to travel.
	InlineBudget = 2500 * time.Millisecond
	// TokenBudget bounds a deferred interaction, from its arrival to its
	// last follow-up, inside the token's fifteen minutes.
	TokenBudget = 14*time.Minute + 30*time.Second
	// CallbackBudget bounds the first response, from the interaction's
	// arrival: Discord's three seconds.
	CallbackBudget = 3 * time.Second
)

// Followups completes deferred interactions in the background and lets a
// shutdown wait for them.
type Followups struct {
	rest Responder
	log  *slog.Logger

	base   context.Context // cancelled when a shutdown stops waiting
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// NewFollowups returns a Followups sending through rest.
func NewFollowups(rest Responder, log *slog.Logger) *Followups {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	base, cancel := context.WithCancel(context.Background())
	return &Followups{rest: rest, log: log, base: base, cancel: cancel}
}

// Complete runs call.Finish, with a deadline inside the token's life
// counted from when the interaction was received, and replaces the
// deferral with its result. It returns at once.
func (f *Followups) Complete(i *discordgo.Interaction, call commands.Call, received time.Time) {
	f.wg.Add(1)
	go func() {
		defer f.wg.Done()
		defer func() {
			if p := recover(); p != nil {
				f.log.Error("panic while completing an interaction", "interaction", i.ID, "panic", p, "stack", string(debug.Stack()))
			}
		}()
		ctx, cancel := context.WithDeadline(f.base, received.Add(TokenBudget))
		defer cancel()
		resp := call.Finish(ctx)
		if err := f.deliver(ctx, i, call.Response, resp); err != nil {
			// The user sees "the application did not respond"; the operator
			// sees why. The token is not logged.
			f.log.Error("could not deliver a deferred answer", "interaction", i.ID, "took", time.Since(received), "err", err)
		}
	}()
}

// deliver replaces the deferral with the final message, by editing it. A
// private reply to a public deferral (an error, say) is shown in the
// public placeholder too: deleting the placeholder and sending a private
// follow-up instead fails in Discord (Unknown Message after the delete,
// #2739 and #3087; and a first follow-up after a deferred message edits
// the original whatever its flags).
//
// A deferred button press (a deferred update) is different: its original
// is the message the button is on, so an update edits that message, and a
// reply that is a new message (an error, say) is sent as a follow-up of
// its own, private when flagged, leaving the message and its buttons as
// they were.
func (f *Followups) deliver(ctx context.Context, i *discordgo.Interaction, deferral, resp *discordgo.InteractionResponse) error {
	if deferral.Type == discordgo.InteractionResponseDeferredMessageUpdate && resp.Type == discordgo.InteractionResponseChannelMessageWithSource {
		return f.rest.Followup(ctx, i, resp.Data)
	}
	return f.rest.EditOriginal(ctx, i, resp.Data)
}

// Acknowledge sends an interaction's first response (a deferral) through
// the callback endpoint, so that Discord knows of it before any follow-up
// is sent; the HTTP endpoint then answers Discord's request with 202.
func (f *Followups) Acknowledge(ctx context.Context, i *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
	return f.rest.Callback(ctx, i, resp)
}

// Wait waits for the interactions being completed, until ctx ends; then
// it cancels those still running and returns ctx's error.
func (f *Followups) Wait(ctx context.Context) error {
	done := make(chan struct{})
	go func() {
		f.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		f.cancel()
		// Give cancelled handlers a moment to notice; one that ignores its
		// context is not waited for.
		select {
		case <-done:
		case <-time.After(2 * time.Second):
		}
		return ctx.Err()
	}
}
