package commands

import (
	"context"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// Help is /help: what the bot does and how to ask. It lists the commands
// it is given, from their definitions, so it never falls out of date.
func Help(cmds []*Command) *Command { return helpFor(cmds, nil) }

// helpFor is /help that also tells moderators (as mods judges them) how
// /reload and /article are shown in Discord's command picker.
func helpFor(cmds []*Command, mods *Moderators) *Command {
	return &Command{
		Definition: helpDefinition(),
		Handle: func(ctx context.Context, req *Request) (*discordgo.InteractionResponse, error) {
			e := helpEmbed(cmds)
			if mods != nil && mods.Check(req) == nil {
				e.Description += "\n\n**For moderators**\n" + moderatorHelp(len(mods.RoleIDs) > 0)
			}
			return reply(true, e), nil
		},
	}
}

// moderatorHelp says who sees /reload and /article in the picker; see
// moderatorOnly.
func moderatorHelp(byRole bool) string {
	if byRole {
		return "`/reload` and `/article` are listed for everyone in the server; only moderators (Manage Server, or a moderator role) can run them."
	}
	return "Discord lists `/reload` and `/article` only for members with the Manage Server permission. To let a moderator role use them, a server admin adds the role under Server Settings → Integrations → this bot → `/reload` and `/article`, and the operator names the role in MODERATOR_ROLE_IDS."
}

func helpDefinition() *discordgo.ApplicationCommand {
	return &discordgo.ApplicationCommand{
		Name:        "help",
		Description: "What this bot does and how to ask it.",
	}
}

func helpEmbed(cmds []*Command) *discordgo.MessageEmbed {
	var b strings.Builder
	b.WriteString("I answer questions about one news story from the articles I was given, and I cite the passage behind every claim, so you can check it. ")
	b.WriteString("When the articles don't answer a question, I say so rather than guess.\n\n**Commands**")
	for _, c := range cmds {
		d := c.Definition
		fmt.Fprintf(&b, "\n`/%s", d.Name)
		var subs []string
		for _, o := range d.Options {
			switch {
			case o.Type == discordgo.ApplicationCommandOptionSubCommand:
				subs = append(subs, o.Name)
			case o.Required:
				fmt.Fprintf(&b, " %s:…", o.Name)
			default:
				fmt.Fprintf(&b, " [%s:…]", o.Name)
			}
		}
		if len(subs) > 0 {
			fmt.Fprintf(&b, " %s", strings.Join(subs, "|"))
		}
		fmt.Fprintf(&b, "`: %s", d.Description)
	}
	b.WriteString("\n`/help`: this message.")
	b.WriteString("\n\n**Asking well**\nAsk one thing at a time, in plain words, and name who or what you mean. ")
	b.WriteString("The numbers in brackets, like [1], point to the numbered sources below the answer. ")
	b.WriteString("Set `private:` to True to see the answer alone.")
	return &discordgo.MessageEmbed{Title: "About this bot", Description: b.String(), Color: colorInfo}
}
