package console

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// parseOptions reads a command's options from the text after its name,
// guided by its definition: "name:value" sets an option, the value running
// to the next "name:" of the same command; text before the first such
// marker is the first string option, so "/ask who said it" and
// "/quote Name about:topic" read as they would be typed in Discord.
func parseOptions(def *discordgo.ApplicationCommand, text string) ([]*discordgo.ApplicationCommandInteractionDataOption, error) {
	if def == nil {
		return nil, nil // the registry answers unknown commands
	}
	if sub := subcommands(def); len(sub) > 0 {
		// "/article add url:…": the first word names the subcommand, whose
		// own options follow.
		word, rest, _ := strings.Cut(strings.TrimSpace(text), " ")
		for _, o := range sub {
			if o.Name == word {
				opts, err := parseOptions(&discordgo.ApplicationCommand{Name: def.Name + " " + o.Name, Options: o.Options}, rest)
				if err != nil {
					return nil, err
				}
				return []*discordgo.ApplicationCommandInteractionDataOption{{Name: o.Name, Type: o.Type, Options: opts}}, nil
			}
		}
		return nil, nil // the command says which subcommands it has
	}
	type mark struct {
		opt        *discordgo.ApplicationCommandOption
		start, end int // of "name:" in text
	}
	var marks []mark
	for pos := 0; pos < len(text); pos++ {
		if pos > 0 && text[pos-1] != ' ' && text[pos-1] != '\t' {
			continue
		}
		for _, o := range def.Options {
			if strings.HasPrefix(text[pos:], o.Name+":") {
				marks = append(marks, mark{o, pos, pos + len(o.Name) + 1})
				break
			}
		}
	}
	values := map[string]string{}
	var order []*discordgo.ApplicationCommandOption
	set := func(o *discordgo.ApplicationCommandOption, v string) error {
		if _, dup := values[o.Name]; dup {
			return fmt.Errorf("/%s: %s is given twice", def.Name, o.Name)
		}
		values[o.Name] = strings.TrimSpace(v)
		order = append(order, o)
		return nil
	}
	free := text
	if len(marks) > 0 {
		free = text[:marks[0].start]
	}
	if strings.TrimSpace(free) != "" {
		o := firstString(def)
		if o == nil {
			return nil, fmt.Errorf("/%s takes no text%s", def.Name, optionHelp(def))
		}
		if err := set(o, free); err != nil {
			return nil, err
		}
	}
	for k, m := range marks {
		end := len(text)
		if k+1 < len(marks) {
			end = marks[k+1].start
		}
		if err := set(m.opt, text[m.end:end]); err != nil {
			return nil, err
		}
	}
	opts := make([]*discordgo.ApplicationCommandInteractionDataOption, 0, len(order))
	for _, o := range order {
		v, err := convert(o, values[o.Name])
		if err != nil {
			return nil, fmt.Errorf("/%s %s: %w", def.Name, o.Name, err)
		}
		opts = append(opts, &discordgo.ApplicationCommandInteractionDataOption{Name: o.Name, Type: o.Type, Value: v})
	}
	return opts, nil
}

// subcommands returns the command's subcommands, if it has any.
func subcommands(def *discordgo.ApplicationCommand) []*discordgo.ApplicationCommandOption {
	var out []*discordgo.ApplicationCommandOption
	for _, o := range def.Options {
		if o.Type == discordgo.ApplicationCommandOptionSubCommand {
			out = append(out, o)
		}
	}
	return out
}

func firstString(def *discordgo.ApplicationCommand) *discordgo.ApplicationCommandOption {
	for _, o := range def.Options {
		if o.Type == discordgo.ApplicationCommandOptionString {
			return o
		}
	}
	return nil
}

func optionHelp(def *discordgo.ApplicationCommand) string {
	if len(def.Options) == 0 {
		return ""
	}
	names := make([]string, len(def.Options))
	for k, o := range def.Options {
		names[k] = o.Name + ":"
	}
	return "; its options are " + strings.Join(names, ", ")
}

// convert turns text into the JSON value Discord sends for the option's
// type (numbers arrive as float64, as encoding/json decodes them).
func convert(o *discordgo.ApplicationCommandOption, s string) (any, error) {
	switch o.Type {
	case discordgo.ApplicationCommandOptionBoolean:
		switch strings.ToLower(s) {
		case "true", "yes", "y", "1", "on":
			return true, nil
		case "false", "no", "n", "0", "off":
			return false, nil
		}
		return nil, fmt.Errorf("%q: want true or false", s)
	case discordgo.ApplicationCommandOptionInteger, discordgo.ApplicationCommandOptionNumber:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, fmt.Errorf("%q: want a number", s)
		}
		return f, nil
	}
	return s, nil
}
