// Package console runs the bot's slash commands from a terminal: it reads
// lines such as "/ask who said what" or "/quote Name about:topic", builds
// the interactions Discord would send, runs them through the same handlers,
// and prints each reply as a Discord user would read it. It is how the bot
// is tried without a Discord application, and the operator at the console
// is treated as a moderator.
package console

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"dossier/internal/commands"
)

// Dispatcher answers interactions; *commands.Registry is the real one.
type Dispatcher interface {
	Dispatch(ctx context.Context, i *discordgo.Interaction) commands.Call
}

// The identity the console's interactions carry: an administrator of a
// pretend server, so /reload works for the operator.
const (
	guildID = "console"
	userID  = "console-operator"
)

// Console reads commands and prints replies.
type Console struct {
	Dispatcher  Dispatcher
	Definitions []*discordgo.ApplicationCommand // to read options by name and type
	Out         io.Writer
	// Echo prints each command before its reply, for input that is not
	// typed at a terminal (a transcript reads better with the questions).
	Echo bool

	seq  int
	last *discordgo.InteractionResponse // the last message, for /next and /prev
}

// maxLine is the longest line read; Discord's own limit on an option is
// 6,000 characters, far below.
const maxLine = 1 << 20

// Run reads commands from in until it ends or ctx is cancelled.
func (c *Console) Run(ctx context.Context, in io.Reader) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	for sc.Scan() {
		if ctx.Err() != nil {
			return nil
		}
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if c.Echo {
			fmt.Fprintf(c.Out, "> %s\n", line)
		}
		c.runLine(ctx, line)
		fmt.Fprintln(c.Out)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return fmt.Errorf("read commands: a line is longer than %d bytes", maxLine)
		}
		return fmt.Errorf("read commands: %w", err)
	}
	return nil
}

func (c *Console) runLine(ctx context.Context, line string) {
	if !strings.HasPrefix(line, "/") {
		fmt.Fprintln(c.Out, "Commands start with a slash, e.g. /help.")
		return
	}
	name, rest, _ := strings.Cut(line[1:], " ")
	var i *discordgo.Interaction
	switch name {
	case "next", "prev", "previous":
		id, err := c.button(name == "next")
		if err != nil {
			fmt.Fprintln(c.Out, err)
			return
		}
		i = c.interaction(discordgo.InteractionMessageComponent,
			discordgo.MessageComponentInteractionData{CustomID: id, ComponentType: discordgo.ButtonComponent})
	default:
		opts, err := parseOptions(c.definition(name), rest)
		if err != nil {
			fmt.Fprintln(c.Out, err)
			return
		}
		i = c.interaction(discordgo.InteractionApplicationCommand,
			discordgo.ApplicationCommandInteractionData{ID: name, Name: name, CommandType: discordgo.ChatApplicationCommand, Options: opts})
	}
	call := c.Dispatcher.Dispatch(ctx, i)
	resp := call.Response
	if call.Deferred() {
		fmt.Fprintln(c.Out, "(thinking…)")
		resp = call.Finish(ctx)
	}
	c.show(resp)
}

func (c *Console) interaction(t discordgo.InteractionType, data discordgo.InteractionData) *discordgo.Interaction {
	c.seq++
	return &discordgo.Interaction{
		ID: strconv.Itoa(c.seq), AppID: "console", Token: "console", Type: t, Data: data,
		GuildID: guildID, ChannelID: "console", Version: 1,
		Member: &discordgo.Member{
			User:        &discordgo.User{ID: userID, Username: "operator"},
			Permissions: discordgo.PermissionAdministrator,
		},
	}
}

func (c *Console) definition(name string) *discordgo.ApplicationCommand {
	for _, d := range c.Definitions {
		if d.Name == name {
			return d
		}
	}
	return nil
}

// show prints a reply and remembers a message with buttons for /next.
func (c *Console) show(resp *discordgo.InteractionResponse) {
	if resp == nil || resp.Data == nil {
		return
	}
	if commands.IsMessage(resp.Type) {
		c.last = resp
	}
	fmt.Fprint(c.Out, Render(resp))
}

// button returns the custom id of the last message's Next or Previous
// button.
func (c *Console) button(next bool) (string, error) {
	label := "Previous"
	if next {
		label = "Next"
	}
	if c.last != nil {
		for _, b := range buttons(c.last.Data.Components) {
			if b.Label == label && !b.Disabled {
				return b.CustomID, nil
			}
		}
	}
	return "", fmt.Errorf("there is no %s page to turn to", strings.ToLower(label))
}

func buttons(rows []discordgo.MessageComponent) []discordgo.Button {
	var out []discordgo.Button
	for _, r := range rows {
		row, ok := r.(discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, c := range row.Components {
			if b, ok := c.(discordgo.Button); ok {
				out = append(out, b)
			}
		}
	}
	return out
}

// Banner is what the console says when it starts: why it is not on
// Discord, what to type, and how to connect.
const Banner = `dossier console: DISCORD_TOKEN is not set, so commands are read here.
Type /ask <question>, /quote <speaker> [about:<topic>], /sources, /reload or /help; end with Ctrl-D.
To connect to Discord, set DISCORD_TOKEN and run "bot run" (gateway), or set
DISCORD_PUBLIC_KEY and run "bot serve" (HTTP interactions endpoint); see README.md.
`

// IsTerminal reports whether r is typed at. Piped input is not: the
// console then echoes each command, so the transcript shows each question
// above its answer.
func IsTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
