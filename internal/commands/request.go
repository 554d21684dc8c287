package commands

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// Request is one interaction as the handlers see it. Its accessors never
// panic: an option that is missing or of the wrong type reads as zero, so a
// hand-made or malicious payload gets a polite reply, not a crash.
type Request struct {
	Interaction *discordgo.Interaction
	outcome     string // set when the reply is an error; see Observer
}

// outcomeOr is the outcome recorded for the reply, or def when none was.
func (r *Request) outcomeOr(def string) string {
	if r.outcome != "" {
		return r.outcome
	}
	return def
}

func newRequest(i *discordgo.Interaction) *Request { return &Request{Interaction: i} }

func (r *Request) commandData() (discordgo.ApplicationCommandInteractionData, bool) {
	d, ok := r.Interaction.Data.(discordgo.ApplicationCommandInteractionData)
	return d, ok
}

// CommandName is the name of the command invoked, or "" for a component.
func (r *Request) CommandName() string {
	d, _ := r.commandData()
	return d.Name
}

func (r *Request) option(name string) *discordgo.ApplicationCommandInteractionDataOption {
	d, ok := r.commandData()
	if !ok {
		return nil
	}
	for _, o := range d.Options {
		if o != nil && o.Name == name {
			return o
		}
	}
	return nil
}

// String returns a string option's value, or "".
func (r *Request) String(name string) string {
	if o := r.option(name); o != nil {
		s, _ := o.Value.(string)
		return s
	}
	return ""
}

// Bool returns a boolean option's value, or false.
func (r *Request) Bool(name string) bool {
	if o := r.option(name); o != nil {
		b, _ := o.Value.(bool)
		return b
	}
	return false
}

// Focused returns the option being typed in an autocomplete request.
func (r *Request) Focused() (name, value string) {
	d, _ := r.commandData()
	for _, o := range d.Options {
		if o != nil && o.Focused {
			v, _ := o.Value.(string)
			return o.Name, v
		}
	}
	return "", ""
}

// CustomID is the custom id of the button pressed, or "".
func (r *Request) CustomID() string {
	d, _ := r.Interaction.Data.(discordgo.MessageComponentInteractionData)
	return d.CustomID
}

// UserID is the id of the user who caused the interaction, in a server or
// in direct messages; "" when the payload has none.
func (r *Request) UserID() string {
	switch i := r.Interaction; {
	case i.Member != nil && i.Member.User != nil:
		return i.Member.User.ID
	case i.User != nil:
		return i.User.ID
	}
	return ""
}

// MessageOwnerID is the user who ran the command that made the message a
// pressed button is on; "" when the interaction does not say.
func (r *Request) MessageOwnerID() string {
	m := r.Interaction.Message
	switch {
	case m == nil:
		return ""
	case m.InteractionMetadata != nil && m.InteractionMetadata.User != nil:
		return m.InteractionMetadata.User.ID
	case m.Interaction != nil && m.Interaction.User != nil:
		return m.Interaction.User.ID
	}
	return ""
}

// PressedByOwner reports whether the button was pressed by the user whose
// command made the message (true when Discord does not say: a private
// message can be pressed only by its owner).
func (r *Request) PressedByOwner() bool {
	owner := r.MessageOwnerID()
	return owner == "" || owner == r.UserID()
}

// splitCustomID splits "<command>:<payload>".
func splitCustomID(id string) (command, payload string, ok bool) {
	command, payload, ok = strings.Cut(id, ":")
	return command, payload, ok && command != ""
}

// newRef returns a short id that ties what a user is told to a log line.
func newRef() string {
	const alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
	var b [8]byte
	for i := range b {
		b[i] = alphabet[rand.IntN(len(alphabet))]
	}
	return string(b[:])
}

// panicError is a recovered panic, kept with its stack for the log.
type panicError struct {
	value any
	stack []byte
}

func (p *panicError) Error() string { return fmt.Sprintf("panic: %v", p.value) }

func asPanic(err error, target **panicError) bool { return errors.As(err, target) }
