package console

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"dossier/internal/commands"
)

// Render writes a reply as plain text, the way a Discord user reads it:
// markdown applied (escapes removed, links shown with their address),
// embeds as titled blocks, buttons as labels.
func Render(resp *discordgo.InteractionResponse) string {
	var b strings.Builder
	d := resp.Data
	switch resp.Type {
	case discordgo.InteractionApplicationCommandAutocompleteResult:
		for _, c := range d.Choices {
			fmt.Fprintf(&b, "  %s\n", c.Name)
		}
		return b.String()
	case discordgo.InteractionResponseUpdateMessage:
		b.WriteString("(the message is updated)\n")
	}
	if commands.IsPrivate(resp) {
		b.WriteString("(only you can see this)\n")
	}
	if d.Content != "" {
		b.WriteString(Plain(d.Content) + "\n")
	}
	for _, e := range d.Embeds {
		if e.Title != "" {
			fmt.Fprintf(&b, "== %s ==\n", Plain(e.Title))
		}
		if e.Description != "" {
			b.WriteString(Plain(e.Description) + "\n")
		}
		for _, f := range e.Fields {
			fmt.Fprintf(&b, "%s: %s\n", Plain(f.Name), Plain(f.Value))
		}
		if e.Footer != nil && e.Footer.Text != "" {
			fmt.Fprintf(&b, "-- %s\n", Plain(e.Footer.Text))
		}
	}
	if bs := buttons(d.Components); len(bs) > 0 {
		var labels []string
		for _, btn := range bs {
			if btn.Disabled {
				continue
			}
			labels = append(labels, "/"+consoleVerb(btn.Label))
		}
		if len(labels) > 0 {
			fmt.Fprintf(&b, "(more: type %s)\n", strings.Join(labels, " or "))
		}
	}
	return b.String()
}

func consoleVerb(label string) string {
	if label == "Previous" {
		return "prev"
	}
	return strings.ToLower(label)
}

// Plain applies the little markdown the bot writes: backslash escapes,
// **bold**, `code` and [title](<url>) links.
func Plain(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s) && isEscapable(s[i+1]):
			b.WriteByte(s[i+1])
			i++
		case c == '*' && strings.HasPrefix(s[i:], "**"):
			i++
		case c == '`' && strings.HasPrefix(s[i:], "```"):
			b.WriteString("```")
			i += 2
		case c == '`':
		case c == '<' && timestamp.MatchString(s[i:]):
			m := timestamp.FindStringSubmatch(s[i:])
			secs, _ := strconv.ParseInt(m[1], 10, 64)
			b.WriteString(time.Unix(secs, 0).UTC().Format(time.DateOnly))
			i += len(m[0]) - 1
		case c == '[':
			if title, url, n, ok := link(s[i:]); ok {
				b.WriteString(Plain(title) + " <" + url + ">")
				i += n - 1
				continue
			}
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// timestamp is a Discord timestamp as commands.Date writes it; the console
// shows the date it stands for.
var timestamp = regexp.MustCompile(`^<t:(-?\d+):D>`)

func isEscapable(c byte) bool { return strings.IndexByte("\\*_~`|[]<>#-+.:", c) >= 0 }

// link reads "[title](<url>)" at the start of s, the title possibly holding
// escaped brackets.
func link(s string) (title, url string, n int, ok bool) {
	i := 1
	for ; i < len(s); i++ {
		if s[i] == '\\' {
			i++
			continue
		}
		if s[i] == ']' {
			break
		}
	}
	if i >= len(s) || !strings.HasPrefix(s[i:], "](<") {
		return "", "", 0, false
	}
	end := strings.Index(s[i:], ">)")
	if end < 0 {
		return "", "", 0, false
	}
	return s[1:i], s[i+3 : i+end], i + end + 2, true
}
