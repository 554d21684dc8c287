package commands

import (
	"net/url"
	"strings"

	"dossier/internal/analysis"
)

// zwj is a zero-width joiner: put after an @ it keeps "@everyone" readable
// while Discord no longer sees a mention in it.
const zwj = "\u200d"

// markdownEscaper escapes the characters that make Discord markdown
// anywhere in a line: emphasis, strike, code, spoilers, masked links and
// mentions (<@id>, <#id>, <t:…>). Escaping "<" is what keeps "<@&id>" from
// rendering as a role pill; allowed_mentions already keeps it from pinging.
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, `*`, `\*`, `_`, `\_`, `~`, `\~`, "`", "\\`", `|`, `\|`,
	`[`, `\[`, `]`, `\]`, `<`, `\<`,
	"@everyone", "@"+zwj+"everyone", "@here", "@"+zwj+"here",
)

// Escape makes text from articles, models or users safe to show in a
// message: it renders as the same characters, creates no formatting, no
// masked link and no mention, and carries no invisible characters (which
// could hide "@everyone" from the escaping, or make text display in another
// order than it is). It collapses runs of white space within a line so a
// passage reads as prose.
func Escape(s string) string {
	s = analysis.StripInvisible(s)
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		line = strings.Join(strings.Fields(line), " ")
		line = markdownEscaper.Replace(line)
		lines[i] = escapeLineStart(line)
	}
	return strings.Join(lines, "\n")
}

// Mentionless neutralises @everyone and @here without escaping anything
// else, for text shown verbatim in a code block.
func Mentionless(s string) string {
	s = analysis.StripInvisible(s)
	return strings.NewReplacer("@everyone", "@"+zwj+"everyone", "@here", "@"+zwj+"here").Replace(s)
}

// Inline is Escape for text shown on one line: paragraph breaks become
// spaces.
func Inline(s string) string {
	return Escape(strings.Join(strings.Fields(s), " "))
}

// escapeLineStart escapes what is markdown only at the start of a line:
// headings, block quotes, lists and subtext.
func escapeLineStart(line string) string {
	if line == "" {
		return line
	}
	switch line[0] {
	case '#', '>', '-', '+':
		return `\` + line
	}
	// "1. " starts a numbered list.
	i := 0
	for i < len(line) && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(line) && line[i] == '.' && line[i+1] == ' ' {
		return line[:i] + `\` + line[i:]
	}
	return line
}

// Link renders a masked link to a web page, or the plain title when the
// address is not one we are willing to link: anything but http(s) with a
// host. The angle brackets stop Discord from unfurling a preview; the
// characters that would end the link early are percent-encoded.
func Link(title, address string) string {
	t := Inline(title)
	u, ok := safeURL(address)
	if !ok || t == "" {
		return t
	}
	return "[" + t + "](<" + u + ">)"
}

// urlEscaper percent-encodes what could end the link early, and "@" so an
// address cannot spell a mention.
var urlEscaper = strings.NewReplacer("(", "%28", ")", "%29", "<", "%3C", ">", "%3E", " ", "%20", "\\", "%5C", "@", "%40")

// maxURL is the longest address linked; a longer one is not a real
// article's and would eat the message's budget.
const maxURL = 400

func safeURL(address string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(address))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return "", false
	}
	s := u.String()
	if len(s) > maxURL || strings.ContainsAny(s, "\n\r\t") {
		return "", false
	}
	return urlEscaper.Replace(s), true
}
