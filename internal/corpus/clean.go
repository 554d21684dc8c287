package corpus

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/internal/analysis"
	"dossier/internal/lang"
)

// Removed is a paragraph the cleaner dropped, and why. The loader keeps
// these so that an operator (and a test) can see that only boilerplate went.
type Removed struct {
	Text   string
	Reason string
}

// Clean turns an article's body into paragraphs of reporting. Articles copied
// from web pages carry page furniture: photo captions and credits, gallery
// buttons, "Read more" link lists, language switchers, bylines and
// timestamps, shouted teasers for other stories. Each rule below recognises
// one kind by its shape, never by its position in a particular article, so it
// works on articles the project has not seen. A paragraph that holds a
// quotation is never dropped for being short: quotes are the most valuable
// sentences we have.
func Clean(body, title string) (paragraphs []string, removed []Removed) {
	paras := splitParagraphs(normalizeSpace(body))
	caption := make([]bool, len(paras))
	for i, p := range paras {
		caption[i] = isCaption(p)
	}
	inTrailer := false
	for i, p := range paras {
		reason := ""
		switch {
		case inTrailer && !isSentence(p):
			reason = "link list after a related-content marker"
		case relatedMarker.MatchString(p):
			reason, inTrailer = "related-content marker", true
		case galleryRe.MatchString(p):
			reason = "gallery button"
		case caption[i]:
			reason = "photo caption or credit"
		case i+1 < len(paras) && caption[i+1] && isAltText(p, paras[i+1]):
			reason = "image alt text repeated by its caption"
		case languageSwitcher(p):
			reason = "language switcher"
		case timestampRe.MatchString(p) && !isSentence(p):
			reason = "publication time"
		case bylineRe.MatchString(p) && !isSentence(p):
			reason = "byline"
		case copyrightRe.MatchString(p):
			reason = "copyright notice"
		case shouted(p):
			reason = "shouted teaser for another story"
		case sameText(p, title) && !hasQuote(p):
			reason = "headline repeated in the body"
		case !isSentence(p) && !hasQuote(p) && wordCount(p) <= 15:
			reason = "heading or page furniture, not a sentence"
		}
		if reason == "" {
			inTrailer = false
			if p = stripInlineCredit(p); p != "" {
				paragraphs = append(paragraphs, p)
			}
			continue
		}
		removed = append(removed, Removed{Text: p, Reason: reason})
	}
	return paragraphs, removed
}

// lineEnds makes every line end a "\n".
var lineEnds = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// normalizeSpace removes invisible characters and turns every other kind of
// space into a plain one, keeping line breaks.
func normalizeSpace(s string) string {
	s = analysis.StripInvisible(lineEnds.Replace(s))
	return strings.Map(func(r rune) rune {
		if r != '\n' && unicode.IsSpace(r) {
			return ' '
		}
		if unicode.IsControl(r) && r != '\n' {
			return -1
		}
		return r
	}, s)
}

// splitParagraphs treats every line as a paragraph, as web copies are
// written, but joins hard-wrapped lines back together: a line that does not
// end a sentence continues on the next when that one starts in lower case,
// or when the line is as long as wrapped text usually is.
func splitParagraphs(s string) []string {
	var out []string
	cur := ""
	flush := func() {
		if c := collapse(cur); c != "" {
			out = append(out, c)
		}
		cur = ""
	}
	for _, line := range strings.Split(s, "\n") {
		line = markdownLine(strings.TrimSpace(line))
		if line == "" {
			flush()
			continue
		}
		if cur != "" && !endsSentence(cur) && (startsLower(line) || utf8.RuneCountInString(lastLine(cur)) >= 65) {
			cur += "\n" + line
			continue
		}
		flush()
		cur = line
	}
	flush()
	return out
}

func lastLine(s string) string {
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}

var (
	mdImage   = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	mdLink    = regexp.MustCompile(`\[([^\]]+)\]\([^)\s]+\)`)
	mdHeading = regexp.MustCompile(`^#{1,6}\s+`)
	mdStrong  = strings.NewReplacer("**", "", "__", "")
)

// markdownLine reduces the little Markdown a moderator may write to text:
// images go, links keep their words, heading and bold marks go (the heading
// itself is then judged like any other short line; an interview's bold
// question reads as the sentence it is).
func markdownLine(s string) string {
	if !strings.ContainsAny(s, "[#*_") {
		return s
	}
	s = mdImage.ReplaceAllString(s, "")
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdStrong.Replace(s)
	return strings.TrimSpace(mdHeading.ReplaceAllString(s, ""))
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// closers may follow a sentence's final punctuation.
const closers = "\"”’')]»"

// endsSentence reports whether s ends like a sentence: final punctuation,
// possibly inside closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRight(strings.TrimSpace(s), closers)
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…", r)
}

func isSentence(p string) bool { return endsSentence(p) }

func hasQuote(p string) bool { return strings.ContainsAny(p, "\"“”«»") }

func wordCount(s string) int { return len(strings.Fields(s)) }

// The rules below match page furniture by its shape. The few words they hold
// are the English labels that news-site templates print on furniture; no
// outlet, agency or person is named, so they hold for any site written in
// English. A test checks each list for duplicates.
var (
	// relatedLabels, alone on a line, open a list of links to other stories.
	relatedLabels = []string{
		"related", "related content", "related articles", "related stories", "related coverage",
		"read more", "read also", "also read", "see also", "more on this", "more on this story",
		"recommended", "recommended stories",
	}
	// timestampLabels open a line giving the page's publication time.
	timestampLabels = []string{"publication time", "published", "updated", "last updated", "posted", "first published"}
	// creditLabels mark a photo credit wherever they stand ("Photo: Jane
	// Roe", "Agency Photo/Jane Roe", "Pool Photo via Agency").
	creditLabels = []string{
		"photo:", "photos:", "photograph:", "photo/", "photo via", "photo by", "photo courtesy of",
		"image credit", "picture credit", "credit:",
	}
)

var (
	galleryRe     = regexp.MustCompile(`(?i)^\d*\s*view (the )?gallery\b|\bview gallery\b`)
	relatedMarker = regexp.MustCompile(`(?i)^(` + labelPattern(relatedLabels) + `|more from .{1,40})\s*:?$`)
	timestampRe   = regexp.MustCompile(`(?i)^(` + labelPattern(timestampLabels) + `)\b`)
	// bylineRe: "By Jane Roe", "By Jane Roe and John Doe, Staff writer".
	bylineRe = regexp.MustCompile(`^(?i:by)\s+\p{Lu}\p{L}*(\s+\p{Lu}\p{L}*)+\b`)
	// copyrightRe: "© 2026 Outlet. All rights reserved.", "Copyright 2025 …".
	copyrightRe = regexp.MustCompile(`(?i)^(©|\(c\)\s|copyright\s+(©\s*)?\d{4}\b)`)
	// creditRe recognises a photo credit by its shape: a label, or a credit
	// line ending the paragraph: capitalised words, a slash, capitalised
	// words ("Jane Roe/Agency", "Contributor/Picture Agency", "Jane
	// Roe/Agency via Other Agency"), alone or after the caption's last
	// sentence.
	creditRe = regexp.MustCompile(`(?i:\b(` + labelPattern(creditLabels) + `))` +
		`|(^|[.!?"”’)]\s+)` + capitalisedWords + `\s*/\s*` + capitalisedWords + `(\s+via\s+` + capitalisedWords + `)?\s*$`)
	endCreditRe = regexp.MustCompile(`\(([^()]*)\)\s*$`)
)

// labelPattern joins labels into a regexp alternation in which a space
// matches any run of white space and a closing ":" or "/" may follow white
// space, as templates space them.
func labelPattern(labels []string) string {
	alts := make([]string, len(labels))
	for i, l := range labels {
		q := regexp.QuoteMeta(l)
		q = strings.ReplaceAll(q, " ", `\s+`)
		if n := len(q) - 1; q[n] == ':' || q[n] == '/' {
			q = q[:n] + `\s*` + q[n:]
		}
		alts[i] = q
	}
	return strings.Join(alts, "|")
}

// capitalisedWords is one to four capitalised words, as names of people and
// agencies in credits are written ("Jane Roe", "The Daily Post", "XYZ").
const capitalisedWords = `\p{Lu}[\p{L}\p{M}&'’.-]*(\s+\p{Lu}[\p{L}\p{M}&'’.-]*){0,3}`

// isCaption recognises photo captions and credits: a paragraph that ends in
// a parenthesised credit ("(Agency Photo/Jane Roe)", "(… Pool Photo via
// Agency)"), or a short one that carries a credit anywhere ("… Jane
// Roe/Agency via Picture Agency", "The minister. Photo: local media").
func isCaption(p string) bool {
	if m := endCreditRe.FindStringSubmatch(p); m != nil && creditRe.MatchString(m[1]) {
		return true
	}
	return creditRe.MatchString(p) && wordCount(p) <= 40
}

// stripInlineCredit removes a credit that trails a long paragraph of
// reporting, keeping the reporting.
func stripInlineCredit(p string) string {
	if !creditRe.MatchString(p) {
		return p
	}
	var kept []string
	for _, s := range Sentences(p) {
		if !creditRe.MatchString(s) {
			kept = append(kept, s)
		}
	}
	return strings.Join(kept, " ")
}

// isAltText: a short line that the following caption merely repeats and
// continues ("Minister Jane Roe." then "Minister Jane Roe arrives for
// talks…").
func isAltText(p, next string) bool {
	stem := strings.TrimRight(p, ". ")
	return wordCount(p) <= 15 && stem != "" && strings.HasPrefix(next, stem)
}

// languageSwitcher recognises a line of language codes ("EN | SV | FI",
// "Ua en ru"): at least two words, each an ISO 639-1 code, the ISO 639-2
// code of such a language, or an ISO 3166-1 country code, which some sites
// show for a language (internal/lang knows the registries).
func languageSwitcher(p string) bool {
	words := strings.FieldsFunc(p, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("|/·•,", r) })
	if len(words) < 2 {
		return false
	}
	for _, w := range words {
		if !lang.IsLanguageCode(w) && !lang.IsRegionCode(w) {
			return false
		}
	}
	return true
}

// shouted recognises all-capitals lines, which news sites use for teasers
// that link to other stories.
func shouted(p string) bool {
	upper, letters := 0, 0
	for _, r := range p {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters >= 15 && wordCount(p) >= 3 && upper*10 >= letters*8
}

func sameText(a, b string) bool {
	norm := func(s string) string {
		return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}), " ")
	}
	return b != "" && norm(a) == norm(b)
}
