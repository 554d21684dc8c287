package commands

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"dossier/internal/answer"
)

// Answerer answers a question from the articles, citing its passages.
type Answerer interface {
	Answer(ctx context.Context, question string) (answer.Answer, error)
}

// AskOptions configure /ask.
type AskOptions struct {
	// Slow is set when an answer may take longer than Discord's three
	// seconds (a language model is configured): /ask then defers.
	Slow bool
	// Limiter, when set, limits how often each user may ask.
	Limiter *Limiter
	// Answered, when set, hears every answer given (metrics).
	Answered func(answer.Answer)
}

// MaxQuestion is the longest question /ask takes, in characters: the
// answerer's own bound, told to Discord so the client enforces it too.
const MaxQuestion = answer.MaxQuestionRunes

// Ask is /ask question:<text> [private:<bool>].
func Ask(a Answerer, opts AskOptions) *Command {
	guards := []Guard{checkQuestion}
	if opts.Limiter != nil {
		guards = append(guards, RateLimit(opts.Limiter))
	}
	return &Command{
		Definition: askDefinition(),
		Guards:     guards,
		Slow:       func(*Request) bool { return opts.Slow },
		Private:    askPrivate,
		Handle: func(ctx context.Context, req *Request) (*discordgo.InteractionResponse, error) {
			if err := checkQuestion(req); err != nil { // guards may be bypassed by a transport
				return nil, err
			}
			q := strings.TrimSpace(req.String("question"))
			ans, err := a.Answer(ctx, q)
			if err != nil {
				return nil, fmt.Errorf("answer %q: %w", q, err)
			}
			if opts.Answered != nil {
				opts.Answered(ans)
			}
			return reply(askPrivate(req), answerEmbed(q, ans)), nil
		},
	}
}

func askDefinition() *discordgo.ApplicationCommand {
	minLen := 1
	return &discordgo.ApplicationCommand{
		Name:        "ask",
		Description: "Ask a question about the story; the answer cites the articles it comes from.",
		Options: []*discordgo.ApplicationCommandOption{{
			Type: discordgo.ApplicationCommandOptionString, Name: "question", Required: true,
			Description: "Your question, in plain words",
			MinLength:   &minLen, MaxLength: MaxQuestion,
		}, {
			Type: discordgo.ApplicationCommandOptionBoolean, Name: "private",
			Description: "Show the answer only to you (default: everyone in the channel sees it)",
		}},
	}
}

func askPrivate(req *Request) bool { return req.Bool("private") }

func checkQuestion(req *Request) error {
	q := strings.TrimSpace(req.String("question"))
	switch n := utf8.RuneCountInString(q); {
	case n == 0:
		return userErrorf("Please ask a question, for example `/ask question: what happened, and who said so?`")
	case n > MaxQuestion:
		return userErrorf("Your question is %d characters long; please keep it under %d.", n, MaxQuestion)
	}
	return nil
}

// answerEmbed renders an answer: its text with the [n] markers, then the
// numbered sources. An abstention says so plainly and offers the closest
// passages as where to look, not as support.
func answerEmbed(question string, a answer.Answer) *discordgo.MessageEmbed {
	head, color, text := "Sources", colorAnswer, a.Text
	if a.Abstained {
		head, color = "Closest sources (they do not answer it)", colorAbstain
		if strings.TrimSpace(text) == "" {
			text = "The articles don't answer that."
		}
	}
	sources := citationLines(a.Citations)
	var b strings.Builder
	room := MaxEmbedDescription - Len(sources) - Len(head) - 10
	b.WriteString(Truncate(Escape(text), max(room, 200)))
	if sources != "" {
		b.WriteString("\n\n**" + head + "**\n" + sources)
	}
	return &discordgo.MessageEmbed{
		Title:       Truncate(Inline(question), MaxEmbedTitle),
		Description: b.String(),
		Color:       color,
		Footer:      &discordgo.MessageEmbedFooter{Text: modeNote(a)},
	}
}

// citationLines lists citations as "**[n]** title · date" with a short
// excerpt of the passage beneath. Excerpts shrink as citations grow in
// number so that the list leaves the answer most of the embed.
func citationLines(cs []answer.Citation) string {
	if len(cs) == 0 {
		return ""
	}
	excerpt := min(max(2000/len(cs)-140, 60), 280)
	lines := make([]string, 0, len(cs))
	for i, c := range cs {
		n := c.N
		if n <= 0 {
			n = i + 1
		}
		line := fmt.Sprintf("**[%d]** %s", n, Link(Truncate(c.Title, 120), c.URL))
		if c.Date != "" {
			line += " · " + Date(c.Date)
		}
		if t := strings.TrimSpace(c.Text); t != "" {
			line += "\n> " + Inline(Truncate(strings.Join(strings.Fields(t), " "), excerpt))
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

func modeNote(a answer.Answer) string {
	switch a.Mode {
	case answer.LLM:
		return "Written by a language model from the cited passages. Check the sources."
	case answer.LLMFallback:
		return "Quoted from the articles (the language model's answer could not be used)."
	}
	if a.Abstained {
		return "Answers come only from the articles in the corpus."
	}
	return "Quoted from the articles."
}
