package commands

import (
	"context"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// Article is one article as /sources lists it.
type Article struct {
	ID, Title, Date, Outlet, URL string
	Chunks, Quotes               int
}

// Catalog lists the articles being served, in corpus order.
type Catalog interface {
	Articles() ([]Article, error)
}

// Sources is /sources: the articles the bot answers from.
func Sources(c Catalog) *Command {
	return &Command{
		Definition: &discordgo.ApplicationCommand{
			Name:        "sources",
			Description: "List the articles the bot answers from.",
		},
		Handle: func(ctx context.Context, req *Request) (*discordgo.InteractionResponse, error) {
			arts, err := c.Articles()
			if err != nil {
				return nil, fmt.Errorf("list articles: %w", err)
			}
			if len(arts) == 0 {
				return textReply(false, "No articles are loaded yet. A moderator can add them to the corpus and run `/reload`."), nil
			}
			return reply(false, sourcesEmbed(arts)), nil
		},
	}
}

func sourcesEmbed(arts []Article) *discordgo.MessageEmbed {
	var b strings.Builder
	chunks, quotes := 0, 0
	shown := 0
	for i, a := range arts {
		chunks += a.Chunks
		quotes += a.Quotes
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
	return &discordgo.MessageEmbed{
		Title:       fmt.Sprintf("The %d article%s I answer from", len(arts), plural(len(arts))),
		Description: b.String(),
		Color:       colorInfo,
		Footer: &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("%d passage%s indexed, %d quote%s found",
			chunks, plural(chunks), quotes, plural(quotes))},
	}
}

func articleLine(n int, a Article) string {
	title := a.Title
	if strings.TrimSpace(title) == "" {
		title = a.ID
	}
	details := []string{}
	if a.Date != "" {
		details = append(details, Inline(a.Date))
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
