package commands

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"dossier/internal/analysis"
	"dossier/internal/library"
	"dossier/internal/quotes"
)

// QuoteIndex looks quotations up by speaker and topic.
type QuoteIndex interface {
	Lookup(speaker, topic string) quotes.Result
	Speakers() []quotes.Speaker
}

// QuoteSource returns the current quote index, or nil before the first
// load. It is asked on every request because a reload replaces the index.
type QuoteSource func() QuoteIndex

// QuoteOptions configure /quote.
type QuoteOptions struct {
	// Limiter, when set, limits how often each user may run /quote.
	Limiter *Limiter
}

const (
	quotesPerPage = 5
	maxSpeaker    = 100
	maxTopic      = 60 // short enough that page buttons can carry it
)

// Quote is /quote speaker:<name> [about:<topic>], with autocomplete on the
// speaker and Previous/Next buttons when there are more quotes than fit.
func Quote(src QuoteSource, opts QuoteOptions) *Command {
	guards := []Guard{checkQuoteInput}
	var pressGuards []Guard
	if opts.Limiter != nil {
		guards = append(guards, RateLimit(opts.Limiter))
		pressGuards = append(pressGuards, RateLimit(opts.Limiter))
	}
	q := &quoteCmd{src: src}
	return &Command{
		Definition:      quoteDefinition(),
		Guards:          guards,
		Handle:          q.handle,
		Component:       q.turnPage,
		ComponentGuards: pressGuards,
		Autocomplete:    q.complete,
	}
}

func quoteDefinition() *discordgo.ApplicationCommand {
	return &discordgo.ApplicationCommand{
		Name:        "quote",
		Description: "What someone said in the articles, with the article each quote comes from.",
		Options: []*discordgo.ApplicationCommandOption{{
			Type: discordgo.ApplicationCommandOptionString, Name: "speaker", Required: true,
			Description:  "Who said it (start typing to see the people quoted)",
			Autocomplete: true, MaxLength: maxSpeaker,
		}, {
			Type: discordgo.ApplicationCommandOptionString, Name: "about",
			Description: "Show the quotes about this topic first, e.g. a word they used",
			MaxLength:   maxTopic,
		}},
	}
}

type quoteCmd struct{ src QuoteSource }

func checkQuoteInput(req *Request) error {
	speaker, topic := strings.TrimSpace(req.String("speaker")), strings.TrimSpace(req.String("about"))
	switch {
	case speaker == "":
		return userErrorf("Please name a speaker, for example `/quote speaker:` and start typing: I'll suggest the people quoted in the articles.")
	case utf8.RuneCountInString(speaker) > maxSpeaker:
		return userErrorf("That name is too long (%d characters); names are at most %d.", utf8.RuneCountInString(speaker), maxSpeaker)
	case utf8.RuneCountInString(topic) > maxTopic:
		return userErrorf("The topic is too long (%d characters); please use a word or two, at most %d characters.", utf8.RuneCountInString(topic), maxTopic)
	}
	return nil
}

func (q *quoteCmd) index() (QuoteIndex, error) {
	idx := q.src()
	if idx == nil {
		return nil, library.ErrNotLoaded
	}
	return idx, nil
}

func (q *quoteCmd) handle(ctx context.Context, req *Request) (*discordgo.InteractionResponse, error) {
	if err := checkQuoteInput(req); err != nil {
		return nil, err
	}
	idx, err := q.index()
	if err != nil {
		return nil, err
	}
	speaker, topic := strings.TrimSpace(req.String("speaker")), strings.TrimSpace(req.String("about"))
	res := idx.Lookup(speaker, topic)
	switch {
	case res.Speaker == "":
		return textReply(true, unknownSpeaker(speaker, res.Suggestions)), nil
	case len(res.Quotes) == 0:
		return textReply(true, fmt.Sprintf("I found no quotes by %s about “%s”. Try another word, or leave out `about:`.",
			Inline(res.Speaker), Inline(topic))), nil
	}
	return quotePageReply(res, topic, 0, discordgo.InteractionResponseChannelMessageWithSource), nil
}

func (q *quoteCmd) turnPage(ctx context.Context, req *Request) (*discordgo.InteractionResponse, error) {
	p, err := decodeQuotePage(req.CustomID())
	if err != nil {
		return nil, err
	}
	idx, err := q.index()
	if err != nil {
		return nil, err
	}
	res := idx.Lookup(p.Speaker, p.Topic)
	if res.Speaker == "" || len(res.Quotes) == 0 {
		return nil, userErrorf("This list is out of date: the articles have been reloaded since. Please run `/quote` again.")
	}
	if !req.PressedByOwner() {
		// Someone else's list stays as its owner left it; whoever pressed
		// gets the page they asked for, for their eyes only.
		resp := quotePageReply(res, p.Topic, p.Page, discordgo.InteractionResponseChannelMessageWithSource)
		resp.Data.Flags = discordgo.MessageFlagsEphemeral
		return resp, nil
	}
	return quotePageReply(res, p.Topic, p.Page, discordgo.InteractionResponseUpdateMessage), nil
}

func unknownSpeaker(asked string, suggestions []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "I found no one called “%s” quoted in the articles.", Inline(asked))
	if len(suggestions) > 0 {
		names := make([]string, 0, 5)
		for _, s := range suggestions[:min(len(suggestions), 5)] {
			names = append(names, "**"+Inline(s)+"**")
		}
		b.WriteString(" Did you mean " + strings.Join(names, ", ") + "?")
	}
	b.WriteString("\nStart typing after `speaker:` to see the people I know.")
	return b.String()
}

// quotePageReply renders one page of quotes as an embed, with buttons to
// the neighbouring pages when there are several.
func quotePageReply(res quotes.Result, topic string, page int, typ discordgo.InteractionResponseType) *discordgo.InteractionResponse {
	pages := (len(res.Quotes) + quotesPerPage - 1) / quotesPerPage
	page = min(max(page, 0), pages-1)
	title := "Quotes of " + res.Speaker
	if topic != "" {
		title += ", those about “" + topic + "” first"
	}
	first := page * quotesPerPage
	entries := make([]string, 0, quotesPerPage)
	for i, qt := range res.Quotes[first:min(first+quotesPerPage, len(res.Quotes))] {
		entries = append(entries, quoteEntry(first+i+1, qt))
	}
	footer := fmt.Sprintf("%d quote%s", len(res.Quotes), plural(len(res.Quotes)))
	var rows []discordgo.MessageComponent
	if pages > 1 {
		footer = fmt.Sprintf("Page %d of %d · %s", page+1, pages, footer)
		if row, ok := pageButtons(res.Speaker, topic, page, pages); ok {
			rows = append(rows, row)
		} else {
			footer += " · use about: to narrow the list"
		}
	}
	resp := reply(false, &discordgo.MessageEmbed{
		Title:       Truncate(Inline(title), MaxEmbedTitle),
		Description: strings.Join(entries, "\n\n"),
		Color:       colorQuote,
		Footer:      &discordgo.MessageEmbedFooter{Text: footer},
	})
	resp.Type = typ
	resp.Data.Components = rows
	if resp.Data.Components == nil {
		resp.Data.Components = []discordgo.MessageComponent{} // an update must clear old buttons
	}
	return resp
}

// quoteEntry is one numbered quote and where it was reported. A partial
// quote (a phrase inside the reporter's sentence) is shown with that
// sentence, without which it means little.
func quoteEntry(n int, q quotes.Quote) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%d.** “%s”", n, Escape(Truncate(q.Text, 420)))
	if len(q.Sources) == 0 {
		return b.String()
	}
	src := q.Sources[0]
	if q.Kind == quotes.Partial && strings.TrimSpace(src.Context) != "" {
		b.WriteString("\n> " + Inline(Truncate(strings.Join(strings.Fields(src.Context), " "), 200)))
	}
	b.WriteString("\n— " + Link(Truncate(src.Title, 100), src.URL))
	if src.Date != "" {
		b.WriteString(" · " + Date(src.Date))
	}
	if more := len(q.Sources) - 1; more > 0 {
		fmt.Fprintf(&b, " (and %d more source%s)", more, plural(more))
	}
	return b.String()
}

func pageButtons(speaker, topic string, page, pages int) (discordgo.ActionsRow, bool) {
	prev, ok1 := quotePage{Speaker: speaker, Topic: topic, Page: max(page-1, 0)}.encode()
	next, ok2 := quotePage{Speaker: speaker, Topic: topic, Page: min(page+1, pages-1)}.encode()
	if !ok1 || !ok2 || prev == next {
		return discordgo.ActionsRow{}, false
	}
	return discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "Previous", Style: discordgo.SecondaryButton, CustomID: prev, Disabled: page == 0},
		discordgo.Button{Label: "Next", Style: discordgo.SecondaryButton, CustomID: next, Disabled: page >= pages-1},
	}}, true
}

// complete offers the known speakers, most quoted first, whose names
// contain what has been typed; names with a word starting with it come
// before names that merely contain it.
func (q *quoteCmd) complete(ctx context.Context, req *Request) ([]*discordgo.ApplicationCommandOptionChoice, error) {
	name, typed := req.Focused()
	idx := q.src()
	if name != "speaker" || idx == nil {
		return nil, nil
	}
	speakers := slices.Clone(idx.Speakers())
	slices.SortStableFunc(speakers, func(a, b quotes.Speaker) int {
		if c := cmp.Compare(b.Quotes, a.Quotes); c != 0 {
			return c
		}
		return cmp.Compare(a.Name, b.Name)
	})
	want := analysis.Fold(strings.TrimSpace(typed))
	var starts, contains []quotes.Speaker
	for _, s := range speakers {
		if s.Name == "" || Len(s.Name) > MaxChoiceValue {
			continue
		}
		folded := analysis.Fold(s.Name)
		switch {
		case want == "" || strings.HasPrefix(folded, want) || strings.Contains(folded, " "+want):
			starts = append(starts, s)
		case strings.Contains(folded, want):
			contains = append(contains, s)
		}
	}
	choices := make([]*discordgo.ApplicationCommandOptionChoice, 0, MaxChoices)
	for _, s := range append(starts, contains...) {
		if len(choices) == MaxChoices {
			break
		}
		kind := ""
		if s.Institution {
			kind = "institution, " // kept apart from the people it employs
		}
		label := fmt.Sprintf("%s (%s%d quote%s)", s.Name, kind, s.Quotes, plural(s.Quotes))
		if Len(label) > MaxChoiceName {
			label = Truncate(s.Name, MaxChoiceName)
		}
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: label, Value: s.Name})
	}
	return choices, nil
}
