package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/internal/lang"
)

// Span is a byte range [Start, End) of a text.
type Span struct{ Start, End int }

// Sentences splits a paragraph into sentences. Each is an exact substring of
// the paragraph.
func Sentences(p string) []string {
	spans := SplitSentences(p)
	out := make([]string, len(spans))
	for i, s := range spans {
		out[i] = p[s.Start:s.End]
	}
	return out
}

// Splitter splits paragraphs into sentences with one language's
// abbreviations: which periods belong to a title ("Mr."), which end a
// sentence only before a non-number ("Oct. 14"), which words open a
// sentence after an ambiguous abbreviation ("U.S."), and which verbs make a
// short attribution after a quoted question. The language's facts come
// from internal/lang; the splitter keeps no list of its own.
type Splitter struct {
	lang *lang.Language
}

// NewSplitter returns a splitter for the language l.
func NewSplitter(l *lang.Language) *Splitter { return &Splitter{lang: l} }

// english splits the articles the bot reads today, all of which are in
// English (an article in another language is indexed for search only and
// never split for quotations; see the library).
var english = NewSplitter(lang.English())

// SplitSentences returns the byte spans of the sentences of p by English's
// rules (Splitter.Split).
func SplitSentences(p string) []Span { return english.Split(p) }

// SplitSentences returns the byte spans of the sentences of p, leading and
// trailing spaces excluded. A sentence ends at ".", "!", "?" or "…",
// together with any closing quotes and brackets after it, when white space
// and then a capital, a digit or an opening quote follow, unless the period
// belongs to an abbreviation ("Mr.", "Oct. 14", "U.S. officials", "J.").
// Quotations ending in `,”` do not end a sentence; `.”` does.
func (sp *Splitter) Split(p string) []Span {
	var spans []Span
	start := skipSpace(p, 0)
	for i := start; i < len(p); {
		r, size := utf8.DecodeRuneInString(p[i:])
		if !strings.ContainsRune(".!?…", r) {
			i += size
			continue
		}
		end := i + size
		for end < len(p) {
			r2, s2 := utf8.DecodeRuneInString(p[end:])
			if !strings.ContainsRune(".!?…"+closers, r2) {
				break
			}
			end += s2
		}
		next := skipSpace(p, end)
		if next == len(p) {
			break
		}
		if next > end && sp.isBoundary(p, start, i, end, next) {
			spans = append(spans, Span{start, end})
			start = next
		}
		i = end
	}
	if e := trimRightSpace(p, len(p)); e > start {
		spans = append(spans, Span{start, e})
	}
	return spans
}

// isBoundary decides whether the punctuation at p[dot:end] ends the sentence
// that began at start, given that the next one would begin at next.
func (sp *Splitter) isBoundary(p string, start, dot, end, next int) bool {
	n, _ := utf8.DecodeRuneInString(p[next:])
	if !(unicode.IsUpper(n) || unicode.IsDigit(n) || strings.ContainsRune("\"“‘'([«", n)) {
		return false
	}
	if p[dot] != '.' || end != dot+1 {
		// "?", "!", "…" or a period inside closing quotes. A quoted question
		// or exclamation followed by its attribution is one sentence:
		// "“Would he do less?” Bacon asked."
		_, size := utf8.DecodeRuneInString(p[dot:])
		quoted := end > dot+size // closing quotes follow the mark
		return !(p[dot] != '.' && quoted && sp.isAttribution(p[next:]))
	}
	word := wordBefore(p, start, dot)
	lw := strings.ToLower(word)
	nextWord := strings.ToLower(firstWord(p[next:]))
	switch {
	case sp.lang.TitleAbbrevs.Has(lw):
		return false
	case sp.lang.NumberedAbbrevs.Has(lw):
		return !unicode.IsDigit(n)
	case utf8.RuneCountInString(word) == 1 && unicode.IsUpper([]rune(word)[0]):
		return false // an initial: "John F. Kennedy"
	case strings.Contains(word, "."):
		return sp.lang.SentenceStarters.Has(nextWord) // "U.S.", "a.m.": ends only before a typical opener
	}
	return true
}

// isAttribution reports whether s opens with a short clause such as "Bacon
// asked." or "the senator wrote on X,": at most four words, one of them an
// speech verb, then punctuation.
func (sp *Splitter) isAttribution(s string) bool {
	words := strings.Fields(s)
	for i := 0; i < len(words) && i < 5; i++ {
		w := strings.ToLower(strings.TrimRight(words[i], ".,;:"))
		if sp.lang.IsSpeechVerb(w) {
			return true
		}
		if strings.ContainsAny(words[i], ".!?") {
			return false
		}
	}
	return false
}

// wordBefore is the word that ends at p[dot], including inner periods.
func wordBefore(p string, start, dot int) string {
	i := dot
	for i > start {
		r, size := utf8.DecodeLastRuneInString(p[:i])
		if !(unicode.IsLetter(r) || r == '.') {
			break
		}
		i -= size
	}
	return strings.Trim(p[i:dot], ".")
}

func firstWord(s string) string {
	s = strings.TrimLeft(s, "\"“‘'([«")
	i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if i < 0 {
		return s
	}
	return s[:i]
}

func skipSpace(p string, i int) int {
	for i < len(p) {
		r, size := utf8.DecodeRuneInString(p[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return i
}

func trimRightSpace(p string, i int) int {
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(p[:i])
		if !unicode.IsSpace(r) {
			break
		}
		i -= size
	}
	return i
}
