package commands

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// Discord's limits on what a message may hold. Discord counts characters as
// JavaScript does (UTF-16 code units), so Len does too: a character outside
// the Basic Multilingual Plane, such as most emoji, counts twice.
const (
	MaxContent          = 2000
	MaxEmbeds           = 10
	MaxEmbedTitle       = 256
	MaxEmbedDescription = 4096
	MaxEmbedFields      = 25
	MaxFieldName        = 256
	MaxFieldValue       = 1024
	MaxFooter           = 2048
	MaxAuthor           = 256
	MaxEmbedTotal       = 6000 // title, description, fields, footer and author of all embeds
	MaxChoices          = 25
	MaxChoiceName       = 100
	MaxChoiceValue      = 100
	MaxCustomID         = 100
	MaxButtonLabel      = 80
)

const ellipsis = "…"

// Len is the length of s as Discord counts it.
func Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}

// Truncate shortens s to at most max characters (as Len counts them),
// cutting at a word boundary when there is one in the last fifth and
// ending with an ellipsis. Surrounding white space is dropped, as Discord
// drops it. It never leaves a dangling backslash that would escape the
// ellipsis, nor cuts inside a character.
func Truncate(s string, max int) string {
	s = strings.TrimSpace(s)
	if Len(s) <= max {
		return s
	}
	if max <= 0 {
		return ""
	}
	if max == 1 {
		return ellipsis
	}
	budget := max - 1 // room for the ellipsis
	cut, n := 0, 0
	for i, r := range s {
		w := 1
		if r > 0xFFFF {
			w = 2
		}
		if n+w > budget {
			break
		}
		n += w
		cut = i + utf8.RuneLen(r)
	}
	head := s[:cut]
	next, _ := utf8.DecodeRuneInString(s[cut:])
	if sp := strings.LastIndexFunc(head, unicode.IsSpace); !unicode.IsSpace(next) && sp > 0 && Len(head[:sp]) >= budget*4/5 {
		head = head[:sp]
	}
	head = strings.TrimRightFunc(head, unicode.IsSpace)
	// A trailing odd run of backslashes would escape the ellipsis.
	if trailingBackslashes(head)%2 == 1 {
		head = head[:len(head)-1]
	}
	return head + ellipsis
}

func trailingBackslashes(s string) int {
	n := 0
	for n < len(s) && s[len(s)-1-n] == '\\' {
		n++
	}
	return n
}

// FitEmbed trims e in place so that it is within Discord's limits on its
// own, leaving room for nothing else. Callers that build an embed already
// budget its parts; this is the guarantee that a surprise (a long title, a
// model's long answer) never turns into a rejected message.
func FitEmbed(e *discordgo.MessageEmbed) {
	if e == nil {
		return
	}
	e.Title = Truncate(e.Title, MaxEmbedTitle)
	e.Description = TruncateText(e.Description, MaxEmbedDescription)
	if len(e.Fields) > MaxEmbedFields {
		e.Fields = e.Fields[:MaxEmbedFields]
	}
	for _, f := range e.Fields {
		f.Name = Truncate(f.Name, MaxFieldName)
		f.Value = TruncateText(f.Value, MaxFieldValue)
		// Discord rejects empty field names and values.
		if f.Name == "" {
			f.Name = "\u200b"
		}
		if f.Value == "" {
			f.Value = "\u200b"
		}
	}
	if e.Footer != nil {
		e.Footer.Text = Truncate(e.Footer.Text, MaxFooter)
	}
	if e.Author != nil {
		e.Author.Name = Truncate(e.Author.Name, MaxAuthor)
	}
	// Over the total: drop fields from the end, then shorten the
	// description, which is where long text lives.
	for EmbedLen(e) > MaxEmbedTotal && len(e.Fields) > 0 {
		e.Fields = e.Fields[:len(e.Fields)-1]
	}
	if over := EmbedLen(e) - MaxEmbedTotal; over > 0 {
		e.Description = TruncateText(e.Description, max(Len(e.Description)-over, 0))
	}
}

// linkAt matches a Markdown link as Link writes it, at the start of a
// string: "[title](<address>)".
var linkAt = regexp.MustCompile(`^\[((?:[^\]\\]|\\.)*)\]\(<[^>]*>\)`)

// TruncateText is Truncate for text holding links: a link that the cut
// would split loses its address and keeps its title, so a reader never
// sees a raw "[Title…" or half an address.
func TruncateText(s string, max int) string {
	t := Truncate(s, max)
	body := strings.TrimSuffix(t, ellipsis)
	if body == strings.TrimSpace(s) {
		return t
	}
	for open := strings.LastIndex(body, "["); open >= 0; open = strings.LastIndex(body[:open], "[") {
		m := linkAt.FindStringSubmatch(strings.TrimSpace(s)[open:])
		if m == nil {
			continue
		}
		if open+len(m[0]) > len(body) { // the cut falls inside this link
			// One link fewer: the next cut may fall inside another.
			return TruncateText(body[:open]+m[1]+strings.TrimSpace(s)[open+len(m[0]):], max)
		}
		break // the last link is whole
	}
	return t
}

// EmbedLen is how much of the 6,000-character budget e uses.
func EmbedLen(e *discordgo.MessageEmbed) int {
	n := Len(strings.TrimSpace(e.Title)) + Len(strings.TrimSpace(e.Description))
	for _, f := range e.Fields {
		n += Len(strings.TrimSpace(f.Name)) + Len(strings.TrimSpace(f.Value))
	}
	if e.Footer != nil {
		n += Len(strings.TrimSpace(e.Footer.Text))
	}
	if e.Author != nil {
		n += Len(strings.TrimSpace(e.Author.Name))
	}
	return n
}

// CheckMessage reports the first way in which a message breaks Discord's
// limits, or nil. Tests hold every response to it.
func CheckMessage(d *discordgo.InteractionResponseData) error {
	if d == nil {
		return nil
	}
	if n := Len(d.Content); n > MaxContent {
		return fmt.Errorf("content has %d characters, limit %d", n, MaxContent)
	}
	if len(d.Embeds) > MaxEmbeds {
		return fmt.Errorf("%d embeds, limit %d", len(d.Embeds), MaxEmbeds)
	}
	total := 0
	for i, e := range d.Embeds {
		if err := checkEmbed(e); err != nil {
			return fmt.Errorf("embed %d: %w", i, err)
		}
		total += EmbedLen(e)
	}
	if total > MaxEmbedTotal {
		return fmt.Errorf("embeds total %d characters, limit %d", total, MaxEmbedTotal)
	}
	if len(d.Choices) > MaxChoices {
		return fmt.Errorf("%d choices, limit %d", len(d.Choices), MaxChoices)
	}
	for _, c := range d.Choices {
		if n := Len(c.Name); n < 1 || n > MaxChoiceName {
			return fmt.Errorf("choice name %q: %d characters, want 1 to %d", c.Name, n, MaxChoiceName)
		}
		if s, ok := c.Value.(string); ok && Len(s) > MaxChoiceValue {
			return fmt.Errorf("choice value %q: %d characters, limit %d", s, Len(s), MaxChoiceValue)
		}
	}
	return checkComponents(d.Components)
}

func checkEmbed(e *discordgo.MessageEmbed) error {
	limit := func(what, s string, max int) error {
		if n := Len(strings.TrimSpace(s)); n > max {
			return fmt.Errorf("%s has %d characters, limit %d", what, n, max)
		}
		return nil
	}
	errs := []error{
		limit("title", e.Title, MaxEmbedTitle),
		limit("description", e.Description, MaxEmbedDescription),
	}
	if len(e.Fields) > MaxEmbedFields {
		errs = append(errs, fmt.Errorf("%d fields, limit %d", len(e.Fields), MaxEmbedFields))
	}
	for _, f := range e.Fields {
		errs = append(errs, limit("field name", f.Name, MaxFieldName), limit("field value", f.Value, MaxFieldValue))
	}
	if e.Footer != nil {
		errs = append(errs, limit("footer", e.Footer.Text, MaxFooter))
	}
	if e.Author != nil {
		errs = append(errs, limit("author", e.Author.Name, MaxAuthor))
	}
	if n := EmbedLen(e); n > MaxEmbedTotal {
		errs = append(errs, fmt.Errorf("embed totals %d characters, limit %d", n, MaxEmbedTotal))
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func checkComponents(rows []discordgo.MessageComponent) error {
	for _, c := range rows {
		row, ok := c.(discordgo.ActionsRow)
		if !ok {
			if p, isPtr := c.(*discordgo.ActionsRow); isPtr {
				row, ok = *p, true
			}
		}
		if !ok {
			continue
		}
		for _, b := range row.Components {
			btn, ok := b.(discordgo.Button)
			if !ok {
				continue
			}
			if n := Len(btn.CustomID); n > MaxCustomID {
				return fmt.Errorf("button custom_id has %d characters, limit %d", n, MaxCustomID)
			}
			if n := Len(btn.Label); n > MaxButtonLabel {
				return fmt.Errorf("button label has %d characters, limit %d", n, MaxButtonLabel)
			}
		}
	}
	return nil
}
