// Package discord connects the command handlers to Discord: an HTTP
// interactions endpoint that verifies Discord's signatures, a gateway
// runner built on discordgo, the REST calls that complete deferred
// interactions, and command registration.
package discord

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/bwmarrin/discordgo"

	"dossier/internal/commands"
)

// The payloads are written here rather than by marshalling discordgo's
// structs as they are, because those write null for empty lists (Discord
// reads a null allowed_mentions.parse as "the default", which pings users)
// and omit an empty list of autocomplete choices, which Discord requires.

// wireMessage is a message as Discord takes it in a callback, an edit or a
// follow-up.
type wireMessage struct {
	Content         string                            `json:"content,omitempty"`
	Embeds          []*discordgo.MessageEmbed         `json:"embeds"`
	Components      []discordgo.MessageComponent      `json:"components"`
	AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions"`
	Flags           discordgo.MessageFlags            `json:"flags,omitempty"`
}

func message(d *discordgo.InteractionResponseData) wireMessage {
	m := wireMessage{Embeds: []*discordgo.MessageEmbed{}, Components: []discordgo.MessageComponent{}}
	if d != nil {
		m.Content, m.Flags = d.Content, d.Flags
		if d.Embeds != nil {
			m.Embeds = d.Embeds
		}
		if d.Components != nil {
			m.Components = d.Components
		}
	}
	// Whatever the handler set, nothing we send may ping.
	m.AllowedMentions = commands.NoMentions()
	return m
}

type wireResponse struct {
	Type discordgo.InteractionResponseType `json:"type"`
	Data any                               `json:"data,omitempty"`
}

type wireChoices struct {
	Choices []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
}

type wireDeferral struct {
	Flags           discordgo.MessageFlags            `json:"flags,omitempty"`
	AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions"`
}

// marshalResponse writes an interaction response (the body of an HTTP
// reply or of a callback request).
func marshalResponse(resp *discordgo.InteractionResponse) ([]byte, error) {
	if resp == nil {
		return nil, errors.New("no response to send")
	}
	w := wireResponse{Type: resp.Type}
	switch resp.Type {
	case discordgo.InteractionResponsePong, discordgo.InteractionResponseDeferredMessageUpdate:
	case discordgo.InteractionResponseDeferredChannelMessageWithSource:
		d := wireDeferral{AllowedMentions: commands.NoMentions()}
		if resp.Data != nil {
			d.Flags = resp.Data.Flags & discordgo.MessageFlagsEphemeral // the only flag allowed here
		}
		w.Data = d
	case discordgo.InteractionResponseChannelMessageWithSource, discordgo.InteractionResponseUpdateMessage:
		w.Data = message(resp.Data)
	case discordgo.InteractionApplicationCommandAutocompleteResult:
		c := wireChoices{Choices: []*discordgo.ApplicationCommandOptionChoice{}}
		if resp.Data != nil && resp.Data.Choices != nil {
			c.Choices = resp.Data.Choices
		}
		w.Data = c
	default:
		return nil, fmt.Errorf("interaction response type %d is not one we send", resp.Type)
	}
	return json.Marshal(w)
}

// marshalEdit writes the body of an edit of the original response. Flags
// cannot change once the deferral has set them, so none are sent.
func marshalEdit(d *discordgo.InteractionResponseData) ([]byte, error) {
	m := message(d)
	m.Flags = 0
	return json.Marshal(m)
}

// marshalFollowup writes the body of a follow-up message.
func marshalFollowup(d *discordgo.InteractionResponseData) ([]byte, error) {
	return json.Marshal(message(d))
}

// ErrMalformed is an interaction payload that is not one Discord sends.
var ErrMalformed = errors.New("malformed interaction")

// decodeInteraction parses an interaction and checks that it has what
// every interaction of its type has, so handlers never meet a half-empty
// one.
func decodeInteraction(body []byte) (*discordgo.Interaction, error) {
	var i discordgo.Interaction
	if err := json.Unmarshal(body, &i); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	switch i.Type {
	case discordgo.InteractionPing:
		return &i, nil
	case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete,
		discordgo.InteractionMessageComponent, discordgo.InteractionModalSubmit:
	default:
		return nil, fmt.Errorf("%w: unknown type %d", ErrMalformed, i.Type)
	}
	switch {
	case i.ID == "" || i.Token == "" || i.AppID == "":
		return nil, fmt.Errorf("%w: missing id, token or application_id", ErrMalformed)
	case i.Data == nil:
		return nil, fmt.Errorf("%w: missing data", ErrMalformed)
	case i.Member == nil && i.User == nil:
		return nil, fmt.Errorf("%w: neither member nor user", ErrMalformed)
	case i.Member != nil && i.Member.User == nil:
		return nil, fmt.Errorf("%w: member without user", ErrMalformed)
	}
	return &i, nil
}
