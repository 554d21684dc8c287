package commands

import (
	"fmt"
	"github.com/bwmarrin/discordgo"
	"strings"
	"time"
)

// Embed colours.
const (
	colorAnswer  = 0x2b7bb9
	colorAbstain = 0x8a8f98
	colorQuote   = 0x6f4fb8
	colorInfo    = 0x3a9e6e
	colorWarn    = 0xd08a2b
)

// NoMentions is the allowed_mentions that lets nothing ping. Parse must be
// an empty list, not nil: discordgo serialises a nil slice as null, and
// Discord reads a missing or null parse as its default, which pings users.
func NoMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// IsMessage reports whether a response of type t carries a message (and so
// must carry allowed_mentions and fit the message limits).
func IsMessage(t discordgo.InteractionResponseType) bool {
	switch t {
	case discordgo.InteractionResponseChannelMessageWithSource,
		discordgo.InteractionResponseDeferredChannelMessageWithSource,
		discordgo.InteractionResponseUpdateMessage:
		return true
	}
	return false
}

// IsPrivate reports whether a response is seen only by the user.
func IsPrivate(resp *discordgo.InteractionResponse) bool {
	return resp != nil && resp.Data != nil && resp.Data.Flags&discordgo.MessageFlagsEphemeral != 0
}

// finalize makes a message safe to send: nothing it says can ping, and it
// is within Discord's limits whatever text went into it.
func finalize(resp *discordgo.InteractionResponse) *discordgo.InteractionResponse {
	if !IsMessage(resp.Type) {
		return resp
	}
	if resp.Data == nil {
		resp.Data = &discordgo.InteractionResponseData{}
	}
	d := resp.Data
	d.AllowedMentions = NoMentions()
	d.Content = Truncate(d.Content, MaxContent)
	if len(d.Embeds) > MaxEmbeds {
		d.Embeds = d.Embeds[:MaxEmbeds]
	}
	total := 0
	for i, e := range d.Embeds {
		FitEmbed(e)
		// The 6,000 budget is shared by all embeds; later ones give way.
		if total+EmbedLen(e) > MaxEmbedTotal {
			d.Embeds = d.Embeds[:i]
			break
		}
		total += EmbedLen(e)
	}
	return resp
}

// deferral tells Discord an answer is coming (the user sees "thinking…").
// Its private flag decides who will see the answer.
func deferral(private bool) *discordgo.InteractionResponse {
	d := &discordgo.InteractionResponseData{AllowedMentions: NoMentions()}
	if private {
		d.Flags = discordgo.MessageFlagsEphemeral
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource, Data: d}
}

// deferredUpdate acknowledges a button press whose message is edited
// later (DEFERRED_UPDATE_MESSAGE); the user sees the button working.
func deferredUpdate() *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
}

// reply is a new message holding embeds.
func reply(private bool, embeds ...*discordgo.MessageEmbed) *discordgo.InteractionResponse {
	d := &discordgo.InteractionResponseData{Embeds: embeds}
	if private {
		d.Flags = discordgo.MessageFlagsEphemeral
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: d}
}

// textReply is a new message of plain text, which the caller has escaped.
func textReply(private bool, text string) *discordgo.InteractionResponse {
	resp := reply(private)
	resp.Data.Content = text
	return resp
}

// PrivateText is a private plain-text reply, made safe: for a transport
// that declines an interaction itself (a stopping bot).
func PrivateText(text string) *discordgo.InteractionResponse {
	return finalize(textReply(true, text))
}

// Date shows an article's date ("2025-11-26") as a Discord timestamp,
// which each reader's client writes in their own language and format
// ("26 November 2025", "November 26, 2025"). Noon UTC keeps the day the
// same in every time zone from UTC-11 to UTC+11. A date in another form
// is shown as it is.
func Date(d string) string {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(d))
	if err != nil {
		return Inline(d)
	}
	return fmt.Sprintf("<t:%d:D>", t.Add(12*time.Hour).Unix())
}
