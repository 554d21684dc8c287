package corpus

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/internal/analysis"
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
)

// markdownLine reduces the little Markdown a moderator may write to text:
// images go, links keep their words, heading marks go (the heading itself is
// then judged like any other short line).
func markdownLine(s string) string {
	if !strings.ContainsAny(s, "[#") {
		return s
	}
	s = mdImage.ReplaceAllString(s, "")
	s = mdLink.ReplaceAllString(s, "$1")
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

var (
	galleryRe      = regexp.MustCompile(`(?i)^\d*\s*view (the )?gallery\b|\bview gallery\b`)
	relatedMarker  = regexp.MustCompile(`(?i)^(related( content| articles| stories| coverage)?|read more|read also|also read|see also|more on this( story)?|recommended( stories)?|more from .{1,40})\s*:?$`)
	timestampRe    = regexp.MustCompile(`(?i)^(publication time|published|updated|last updated|posted|first published)\b`)
	creditRe       = regexp.MustCompile(`(?i)\bphoto(graph)?\s*:|\bphoto\s*/|\bpool photo\b|\bvia (AP|Getty Images|Reuters|AFP|EPA|Bloomberg)\b|\bgetty images\b|\bimage credit\b|\b(AFP|AP|Reuters|EPA|Sputnik)\s*/\s*[A-Z]|\b\p{Lu}\p{L}+\s*/\s*(AFP|AP|Reuters|EPA|Getty|Bloomberg)\b`)
	endCreditRe    = regexp.MustCompile(`\(([^()]*)\)\s*$`)
	languageCodes  = map[string]bool{"ua": true, "uk": true, "en": true, "ru": true, "de": true, "fr": true, "es": true, "it": true, "pl": true, "pt": true, "zh": true, "ja": true, "ar": true, "he": true, "tr": true, "nl": true, "ko": true, "hi": true, "eng": true, "ukr": true, "rus": true}
	wordBoundaryRe = regexp.MustCompile(`\s+`)
)

// isCaption recognises photo captions and credits: a paragraph that ends in
// a parenthesised credit ("(AP Photo/…)", "(… Pool Photo via AP)"), or a
// short one that carries a credit anywhere ("… Charly Triballeau/AFP via
// Getty Images", "Vladimir Putin. Photo: Russian media").
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
// continues ("White House envoy Steve Witkoff." then "White House envoy
// Steve Witkoff arrives before…").
func isAltText(p, next string) bool {
	stem := strings.TrimRight(p, ". ")
	return wordCount(p) <= 15 && stem != "" && strings.HasPrefix(next, stem)
}

func languageSwitcher(p string) bool {
	words := wordBoundaryRe.Split(strings.ToLower(strings.Trim(p, " |/")), -1)
	if len(words) < 2 {
		return false
	}
	for _, w := range words {
		if !languageCodes[strings.Trim(w, "|/·•")] {
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
