package commands

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"dossier/internal/library"
)

// Article is one article as /sources lists it.
type Article = library.Article

// Contents is what the library serves.
type Contents = library.Contents

// Catalog says what the library serves now; *library.Library is the real
// one.
type Catalog interface {
	Contents() (Contents, error)
}

// Sources is /sources: the articles the bot answers from.
func Sources(c Catalog) *Command {
	return &Command{
		Definition: sourcesDefinition(),
		Handle: func(ctx context.Context, req *Request) (*discordgo.InteractionResponse, error) {
			cs, err := c.Contents()
			if err != nil {
				return nil, fmt.Errorf("list articles: %w", err)
			}
			if len(cs.Articles) == 0 {
				return textReply(false, "No articles are loaded yet. A moderator can add them to the corpus and run `/reload`."), nil
			}
			return reply(false, sourcesEmbed(cs)), nil
		},
	}
}

func sourcesDefinition() *discordgo.ApplicationCommand {
	return &discordgo.ApplicationCommand{
		Name:        "sources",
		Description: "List the articles the bot answers from.",
	}
}

func sourcesEmbed(cs Contents) *discordgo.MessageEmbed {
	var b strings.Builder
	arts := cs.Articles
	chunks, shown := 0, 0
	for i, a := range arts {
		chunks += a.Chunks
		line := articleLine(i+1, a)
		// Keep room for the "and N more" line.
		if Len(b.String())+Len(line)+2 > MaxEmbedDescription-60 {
			continue
		}
		if shown > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(line)
		shown++
	}
	if rest := len(arts) - shown; rest > 0 {
		fmt.Fprintf(&b, "\n\n…and %d more article%s.", rest, plural(rest))
	}
	// The embed's timestamp, which each reader's client shows in their own
	// time zone and format, says how current the list is.
	stamp := ""
	if !cs.LoadedAt.IsZero() {
		stamp = cs.LoadedAt.UTC().Format(time.RFC3339)
	}
	return &discordgo.MessageEmbed{
		Timestamp:   stamp,
		Title:       fmt.Sprintf("The %d article%s I answer from", len(arts), plural(len(arts))),
		Description: b.String(),
		Color:       colorInfo,
		Footer: &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("%d passage%s indexed, %d quote%s found",
			chunks, plural(chunks), cs.Quotes, plural(cs.Quotes))},
	}
}

func articleLine(n int, a Article) string {
	title := a.Title
	if strings.TrimSpace(title) == "" {
		title = a.ID
	}
	details := []string{}
	if a.Date != "" {
		details = append(details, Date(a.Date))
	} else {
		details = append(details, "undated")
	}
	if a.Outlet != "" {
		details = append(details, Inline(Truncate(a.Outlet, 80)))
	}
	details = append(details,
		fmt.Sprintf("%d passage%s", a.Chunks, plural(a.Chunks)),
		fmt.Sprintf("%d quote%s", a.Quotes, plural(a.Quotes)))
	return fmt.Sprintf("**%d.** %s\n%s", n, Link(Truncate(title, 200), a.URL), strings.Join(details, " · "))
}
