package commands

import (
	"context"
	"errors"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Observer hears how interactions went; the metrics package implements it.
type Observer interface {
	// Responded is called when an interaction's first response is ready:
	// the latency that Discord's three-second window bounds.
	Responded(command string, took time.Duration)
	// Finished is called once per interaction with how it ended; for a
	// deferred one, when the deferred work is done.
	Finished(command, outcome string)
}

// Outcomes an Observer hears.
const (
	OutcomeOK          = "ok"
	OutcomeUserError   = "user_error"   // bad input, an old button, not loaded yet
	OutcomeRateLimited = "rate_limited" // over RATE_LIMIT_PER_MINUTE
	OutcomeForbidden   = "forbidden"    // not a moderator, or not in a server
	OutcomeError       = "error"        // our fault: logged with a reference id
)

// SetObserver makes o hear every interaction from now on. Call it before
// the registry serves.
func (r *Registry) SetObserver(o Observer) { r.obs = o }

// outcomeOf classifies the error a reply was made from.
func outcomeOf(err error) string {
	var rl *RateLimitedError
	switch {
	case errors.As(err, &rl):
		return OutcomeRateLimited
	case errors.Is(err, ErrNotModerator), errors.Is(err, ErrGuildOnly), errors.Is(err, ErrNotHomeGuild):
		return OutcomeForbidden
	}
	if _, internal := userText(err, ""); internal {
		return OutcomeError
	}
	return OutcomeUserError
}

// label names the interaction for metrics: only our own command names, so
// a forged payload cannot create new label values.
func (r *Registry) label(req *Request) string {
	name := req.CommandName()
	switch req.Interaction.Type {
	case discordgo.InteractionMessageComponent:
		name, _, _ = splitCustomID(req.CustomID())
		if r.byName[name] != nil {
			return name + ":button"
		}
	case discordgo.InteractionApplicationCommandAutocomplete:
		if r.byName[name] != nil {
			return name + ":autocomplete"
		}
	default:
		if r.byName[name] != nil {
			return name
		}
	}
	return "unknown"
}

// observe reports an interaction's first response, and its outcome now or,
// when deferred, once the deferred work is done.
func (r *Registry) observe(req *Request, call Call, start time.Time) Call {
	if r.obs == nil || req.Interaction.Type == discordgo.InteractionPing {
		return call
	}
	label := r.label(req)
	r.obs.Responded(label, time.Since(start))
	if !call.Deferred() {
		r.obs.Finished(label, req.outcomeOr(OutcomeOK))
		return call
	}
	finish := call.Finish
	call.Finish = func(ctx context.Context) *discordgo.InteractionResponse {
		resp := finish(ctx)
		r.obs.Finished(label, req.outcomeOr(OutcomeOK))
		return resp
	}
	return call
}
