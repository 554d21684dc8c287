package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
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

// titles are abbreviations that stand before a name and never end a
// sentence: "Rep. Don Bacon", "Mr. Trump".
var titles = set("mr", "mrs", "ms", "dr", "rep", "reps", "sen", "sens", "gov", "gen", "lt", "col",
	"capt", "cmdr", "sgt", "cpl", "maj", "adm", "prof", "rev", "hon", "pres", "amb", "sec", "gens",
	"st", "mt", "ft", "vs", "v", "jr", "sr", "messrs", "mme", "mlle", "fig", "cf", "approx", "dept", "e.g", "i.e")

// numbered end a sentence only when no number follows: "Oct. 14", "No. 2".
var numbered = set("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "art", "p", "pp", "vol")

// starters are words that commonly open a sentence; after an ambiguous
// abbreviation such as "U.S." they tell a sentence end from "U.S. officials".
var starters = set("the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "but", "and", "in",
	"on", "at", "this", "that", "these", "those", "there", "his", "her", "its", "their", "our",
	"after", "before", "when", "while", "if", "as", "so", "yet", "still", "meanwhile", "however",
	"last", "earlier", "later", "according", "asked", "both", "neither", "some", "many", "most")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// SplitSentences returns the byte spans of the sentences of p, leading and
// trailing spaces excluded. A sentence ends at ".", "!", "?" or "…",
// together with any closing quotes and brackets after it, when white space
// and then a capital, a digit or an opening quote follow, unless the period
// belongs to an abbreviation ("Mr.", "Oct. 14", "U.S. officials", "J.").
// Quotations ending in `,”` do not end a sentence; `.”` does.
func SplitSentences(p string) []Span {
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
		if next > end && isBoundary(p, start, i, end, next) {
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
func isBoundary(p string, start, dot, end, next int) bool {
	n, _ := utf8.DecodeRuneInString(p[next:])
	if !(unicode.IsUpper(n) || unicode.IsDigit(n) || strings.ContainsRune("\"“‘'([«", n)) {
		return false
	}
	if p[dot] != '.' || end != dot+1 {
		// "?", "!", "…" or a period inside closing quotes. A quoted question
		// or exclamation followed by its attribution is one sentence:
		// "“Would he do less?” Bacon asked."
		return !(p[dot] != '.' && end > dot+1 && isAttribution(p[next:]))
	}
	word := wordBefore(p, start, dot)
	lw := strings.ToLower(word)
	nextWord := strings.ToLower(firstWord(p[next:]))
	switch {
	case titles[lw]:
		return false
	case numbered[lw]:
		return !unicode.IsDigit(n)
	case utf8.RuneCountInString(word) == 1 && unicode.IsUpper([]rune(word)[0]):
		return false // an initial: "John F. Kennedy"
	case strings.Contains(word, "."):
		return starters[nextWord] // "U.S.", "a.m.": ends only before a typical opener
	}
	return true
}

// attributionVerbs are the verbs of a short attribution after a quoted
// question or exclamation.
var attributionVerbs = set("said", "says", "asked", "asks", "told", "added", "wrote", "replied",
	"shouted", "exclaimed", "remarked", "noted", "insisted", "wondered", "demanded")

// isAttribution reports whether s opens with a short clause such as "Bacon
// asked." or "the senator wrote on X,": at most four words, one of them an
// attribution verb, then punctuation.
func isAttribution(s string) bool {
	words := strings.Fields(s)
	for i := 0; i < len(words) && i < 5; i++ {
		w := strings.ToLower(strings.TrimRight(words[i], ".,;:"))
		if attributionVerbs[w] {
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
