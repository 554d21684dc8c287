package commands

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// quotePage is what a /quote page button carries: everything needed to
// render the page again, so the bot keeps no state between presses.
type quotePage struct {
	Speaker string // canonical name
	Topic   string // may be empty
	Page    int    // 0-based
}

// The custom id is "quote:1|<page>|<speaker>|<topic>": a version, so that
// a later format can tell old buttons apart, then the fields separated by
// "|", with "\" and "|" inside them escaped by a backslash.
const (
	quoteIDPrefix  = "quote:"
	quoteIDVersion = "1"
	maxPage        = 999
)

// encode returns the custom id for the page, or false when it would be
// longer than Discord allows (a long speaker name and topic); such a list
// is shown without buttons.
func (p quotePage) encode() (string, bool) {
	if p.check() != nil {
		return "", false
	}
	id := quoteIDPrefix + quoteIDVersion + "|" + strconv.Itoa(p.Page) + "|" + escapeField(p.Speaker) + "|" + escapeField(p.Topic)
	if Len(id) > MaxCustomID {
		return "", false
	}
	return id, true
}

var fieldEscaper = strings.NewReplacer(`\`, `\\`, `|`, `\|`)

func escapeField(s string) string { return fieldEscaper.Replace(s) }

// decodeQuotePage parses a custom id strictly: anything encode could not
// have produced is an error wrapping ErrBadComponent, so a tampered id is
// refused rather than half-understood.
func decodeQuotePage(id string) (quotePage, error) {
	bad := func(why string) (quotePage, error) {
		return quotePage{}, fmt.Errorf("%w: %s", ErrBadComponent, why)
	}
	if Len(id) > MaxCustomID || !utf8.ValidString(id) {
		return bad("too long or not UTF-8")
	}
	rest, ok := strings.CutPrefix(id, quoteIDPrefix)
	if !ok {
		return bad("not a quote page")
	}
	fields, err := splitEscaped(rest)
	if err != nil {
		return bad(err.Error())
	}
	if len(fields) != 4 {
		return bad(fmt.Sprintf("%d fields, want 4", len(fields)))
	}
	if fields[0] != quoteIDVersion {
		return bad("unknown version " + strconv.Quote(fields[0]))
	}
	page, err := parsePage(fields[1])
	if err != nil {
		return bad(err.Error())
	}
	p := quotePage{Page: page, Speaker: fields[2], Topic: fields[3]}
	if err := p.check(); err != nil {
		return bad(err.Error())
	}
	return p, nil
}

// check holds what both encode and decode insist on, so that every id one
// writes the other reads back unchanged.
func (p quotePage) check() error {
	if p.Page < 0 || p.Page > maxPage {
		return fmt.Errorf("page %d out of range", p.Page)
	}
	if p.Speaker == "" {
		return fmt.Errorf("no speaker")
	}
	for _, s := range []string{p.Speaker, p.Topic} {
		if !utf8.ValidString(s) || strings.IndexFunc(s, unicode.IsControl) >= 0 || s != strings.TrimSpace(s) {
			return fmt.Errorf("invalid UTF-8, control characters or surrounding spaces in %q", s)
		}
	}
	return nil
}

// splitEscaped splits at unescaped "|" and removes the escapes.
func splitEscaped(s string) ([]string, error) {
	var fields []string
	var cur strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			if i+1 >= len(s) || (s[i+1] != '\\' && s[i+1] != '|') {
				return nil, fmt.Errorf("bad escape at byte %d", i)
			}
			cur.WriteByte(s[i+1])
			i++
		case '|':
			fields = append(fields, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	return append(fields, cur.String()), nil
}

// parsePage accepts the decimal forms strconv.Itoa writes, 0 to maxPage.
func parsePage(s string) (int, error) {
	if s == "" || len(s) > 3 || (len(s) > 1 && s[0] == '0') {
		return 0, fmt.Errorf("bad page %q", s)
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("bad page %q", s)
		}
	}
	n, _ := strconv.Atoi(s)
	return n, nil
}
