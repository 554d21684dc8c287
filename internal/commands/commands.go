// Package commands defines the bot's slash commands and answers their
// interactions. Handlers take a parsed interaction and return the response
// as discordgo types; they know nothing of how the interaction arrived
// (gateway, HTTP endpoint or the local console), and they reach the
// answerer, the quotations and the library through small interfaces.
//
// The Registry is where the cross-cutting rules live, so that no command
// can forget them: guards (rate limit, moderator check) run before any
// reply; slow commands are deferred; panics are recovered; every error
// becomes a friendly private message in one place; every message is made
// safe (no pings) and fitted to Discord's limits.
package commands

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"runtime/debug"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Handler answers one interaction with a message.
type Handler func(ctx context.Context, req *Request) (*discordgo.InteractionResponse, error)

// Guard decides, before anything is sent, whether a request may go ahead.
// It must be quick: Discord waits at most three seconds for the first reply.
type Guard func(req *Request) error

// Completer offers the choices for the option being typed.
type Completer func(ctx context.Context, req *Request) ([]*discordgo.ApplicationCommandOptionChoice, error)

// Command is one slash command: its definition, as registered with
// Discord, and how it is answered.
type Command struct {
	Definition *discordgo.ApplicationCommand
	// Guards run in order before any reply; the first error is the reply.
	Guards []Guard
	Handle Handler
	// Slow reports whether Handle may take longer than Discord's three
	// seconds, so that the transport defers first. Nil: never slow.
	Slow func(req *Request) bool
	// Private reports whether the reply is seen only by the user; a
	// deferral must say so up front. Nil: public.
	Private func(req *Request) bool
	// Autocomplete offers choices for an option declared with
	// Autocomplete; nil when none is.
	Autocomplete Completer
	// Component answers a press on a button of one of the command's
	// messages. The button's custom id starts with the command's name and
	// a colon; the rest is the command's to interpret.
	Component Handler
	// ComponentGuards run before Component, as Guards before Handle (a
	// press is a request like any other, rate limit included).
	ComponentGuards []Guard
	// ComponentSlow reports whether Component may take longer than
	// Discord's three seconds (a press that reloads the library, with an
	// embedding server that may be slow): the press is then acknowledged
	// with a deferred update and the message edited when the work is done.
	// Nil: never slow.
	ComponentSlow func(req *Request) bool
}

// Call is how a transport completes an interaction. It sends Response at
// once. When Finish is set, Response was a deferral and Finish computes the
// message that replaces it: the transport edits the original response with
// it. After a deferred button press (a deferred update), that original is
// the message the button is on; a reply that is a new message (type 4, an
// error say) is sent as a follow-up instead, leaving that message as it is.
type Call struct {
	Response *discordgo.InteractionResponse
	Finish   func(ctx context.Context) *discordgo.InteractionResponse
}

// Deferred reports whether the interaction was deferred.
func (c Call) Deferred() bool { return c.Finish != nil }

// Registry holds the commands and answers interactions with them.
type Registry struct {
	byName map[string]*Command
	order  []*Command
	log    *slog.Logger
	obs    Observer // nil: nobody listens
}

// NewRegistry checks the commands' definitions against Discord's rules and
// returns a registry of them. log receives internal errors and panics.
func NewRegistry(log *slog.Logger, cmds ...*Command) (*Registry, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	r := &Registry{byName: map[string]*Command{}, log: log}
	for _, c := range cmds {
		if err := checkDefinition(c); err != nil {
			return nil, err
		}
		if _, dup := r.byName[c.Definition.Name]; dup {
			return nil, fmt.Errorf("command %q defined twice", c.Definition.Name)
		}
		r.byName[c.Definition.Name] = c
		r.order = append(r.order, c)
	}
	return r, nil
}

// Definitions returns the commands as they are registered with Discord.
func (r *Registry) Definitions() []*discordgo.ApplicationCommand {
	defs := make([]*discordgo.ApplicationCommand, len(r.order))
	for i, c := range r.order {
		defs[i] = c.Definition
	}
	return defs
}

// Dispatch answers an interaction. ctx bounds the work done before
// Dispatch returns (guards, and handlers that are not slow).
func (r *Registry) Dispatch(ctx context.Context, i *discordgo.Interaction) (call Call) {
	start := time.Now()
	req := newRequest(i)
	defer func() {
		if p := recover(); p != nil {
			call = Call{Response: r.failure(req, &panicError{value: p, stack: debug.Stack()})}
		}
		call = r.observe(req, call, start)
	}()
	switch i.Type {
	case discordgo.InteractionPing:
		return Call{Response: &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}}
	case discordgo.InteractionApplicationCommand:
		return r.command(ctx, req)
	case discordgo.InteractionApplicationCommandAutocomplete:
		return Call{Response: r.autocomplete(ctx, req)}
	case discordgo.InteractionMessageComponent:
		return r.component(ctx, req)
	}
	return Call{Response: r.failure(req, userErrorf("I can't handle that kind of interaction."))}
}

func (r *Registry) command(ctx context.Context, req *Request) Call {
	cmd := r.byName[req.CommandName()]
	if cmd == nil || cmd.Handle == nil {
		return Call{Response: r.failure(req, fmt.Errorf("%w: %q", ErrUnknownCommand, req.CommandName()))}
	}
	for _, g := range cmd.Guards {
		if err := g(req); err != nil {
			return Call{Response: r.failure(req, err)}
		}
	}
	if cmd.Slow != nil && cmd.Slow(req) {
		private := cmd.Private != nil && cmd.Private(req)
		return Call{
			Response: deferral(private),
			Finish:   func(ctx context.Context) *discordgo.InteractionResponse { return r.run(ctx, req, cmd.Handle) },
		}
	}
	return Call{Response: r.run(ctx, req, cmd.Handle)}
}

func (r *Registry) component(ctx context.Context, req *Request) Call {
	name, _, ok := splitCustomID(req.CustomID())
	cmd := r.byName[name]
	if !ok || cmd == nil || cmd.Component == nil {
		return Call{Response: r.failure(req, fmt.Errorf("%w: %q", ErrBadComponent, req.CustomID()))}
	}
	for _, g := range cmd.ComponentGuards {
		if err := g(req); err != nil {
			return Call{Response: r.failure(req, err)}
		}
	}
	if cmd.ComponentSlow != nil && cmd.ComponentSlow(req) {
		return Call{
			Response: deferredUpdate(),
			Finish:   func(ctx context.Context) *discordgo.InteractionResponse { return r.run(ctx, req, cmd.Component) },
		}
	}
	return Call{Response: r.run(ctx, req, cmd.Component)}
}

func (r *Registry) autocomplete(ctx context.Context, req *Request) *discordgo.InteractionResponse {
	var choices []*discordgo.ApplicationCommandOptionChoice
	if cmd := r.byName[req.CommandName()]; cmd != nil && cmd.Autocomplete != nil {
		var err error
		if choices, err = cmd.Autocomplete(ctx, req); err != nil {
			// The user sees an empty list; there is no message to show.
			r.log.Warn("autocomplete failed", "command", req.CommandName(), "err", err)
			req.outcome = OutcomeError
			choices = nil
		}
	}
	if len(choices) > MaxChoices {
		choices = choices[:MaxChoices]
	}
	if choices == nil {
		choices = []*discordgo.ApplicationCommandOptionChoice{}
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices},
	}
}

// run calls a handler, turning a panic or an error into a reply, and makes
// the reply safe.
func (r *Registry) run(ctx context.Context, req *Request, h Handler) (resp *discordgo.InteractionResponse) {
	start := time.Now()
	defer func() {
		if p := recover(); p != nil {
			resp = r.failure(req, &panicError{value: p, stack: debug.Stack()})
		}
	}()
	resp, err := h(ctx, req)
	if err != nil {
		return r.failure(req, err)
	}
	if resp == nil || resp.Data == nil {
		return r.failure(req, fmt.Errorf("command %q returned no message", req.CommandName()))
	}
	r.log.Debug("interaction answered", "command", req.CommandName(), "user", req.UserID(), "took", time.Since(start))
	return finalize(resp)
}

// failure is the reply to an error: a private message in plain words. Our
// own errors are logged once, with the reference id the user is shown.
func (r *Registry) failure(req *Request, err error) *discordgo.InteractionResponse {
	req.outcome = outcomeOf(err)
	ref := newRef()
	text, internal := userText(err, ref)
	attrs := []any{"ref", ref, "command", req.CommandName(), "type", int(req.Interaction.Type), "user", req.UserID(), "err", err}
	var pe *panicError
	switch {
	case asPanic(err, &pe):
		r.log.Error("handler panicked", append(attrs, "stack", string(pe.stack))...)
	case internal:
		r.log.Error("interaction failed", attrs...)
	default:
		r.log.Debug("interaction refused", attrs...)
	}
	return finalize(&discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: text, Flags: discordgo.MessageFlagsEphemeral},
	})
}

var (
	commandName = regexp.MustCompile(`^[-_'\p{Ll}\p{Lo}\p{N}]{1,32}$`)
)

func checkDefinition(c *Command) error {
	d := c.Definition
	if d == nil {
		return fmt.Errorf("command without a definition")
	}
	if !commandName.MatchString(d.Name) {
		return fmt.Errorf("command name %q: want 1-32 lower-case letters, digits, - or _", d.Name)
	}
	if n := Len(d.Description); n < 1 || n > 100 {
		return fmt.Errorf("command %q: description has %d characters, want 1-100", d.Name, n)
	}
	optional := false
	for _, o := range d.Options {
		if !commandName.MatchString(o.Name) {
			return fmt.Errorf("command %q: option name %q: want 1-32 lower-case letters, digits, - or _", d.Name, o.Name)
		}
		if n := Len(o.Description); n < 1 || n > 100 {
			return fmt.Errorf("command %q option %q: description has %d characters, want 1-100", d.Name, o.Name, n)
		}
		if o.Required && optional {
			return fmt.Errorf("command %q: required option %q after an optional one", d.Name, o.Name)
		}
		optional = optional || !o.Required
		if o.Autocomplete && c.Autocomplete == nil {
			return fmt.Errorf("command %q option %q: autocomplete without a completer", d.Name, o.Name)
		}
	}
	return nil
}
