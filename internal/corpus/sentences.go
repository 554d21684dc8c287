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

// The splitter's word lists. They are English's and the same words as
// internal/lang's TitleAbbrevs, NumberedAbbrevs and SentenceStarters; they
// stay here until the splitter takes a *lang.Language (issue 9, item 3). A
// test checks each for duplicates.
var (
	// titleAbbrevs stand before a name and never end a sentence ("Rep. Jane
	// Roe", "Mr. Roe"): the title, rank and place abbreviations of the AP
	// Stylebook and common Latin abbreviations.
	titleAbbrevs = strings.Fields(`mr mrs ms dr rep reps sen sens gov gen gens lt col capt cmdr sgt cpl
maj adm prof rev hon pres amb sec st mt ft vs v jr sr messrs mme mlle fig cf approx dept e.g i.e`)
	// numberedAbbrevs end a sentence only when no number follows ("Oct. 14",
	// "No. 2"): the AP Stylebook's month abbreviations and "No.", "Art.",
	// "p.", "vol.".
	numberedAbbrevs = strings.Fields(`jan feb mar apr jun jul aug sep sept oct nov dec no nos art p pp vol`)
	// starterWords commonly open a sentence; after an ambiguous abbreviation
	// such as "U.S." they tell a sentence end from "U.S. officials": the most
	// frequent sentence-initial words of English news text (determiners,
	// pronouns, conjunctions, temporal adverbs).
	starterWords = strings.Fields(`the a an he she it they we i you but and in on at this that these
those there his her its their our after before when while if as so yet still meanwhile however last
earlier later according asked both neither some many most`)
	// attributionForms are the past and present forms of the reporting verbs
	// of a short attribution after a quoted question or exclamation ("“Would
	// he do less?” Roe asked."): English's common verbs of saying.
	attributionForms = strings.Fields(`said says asked asks told added wrote replied shouted exclaimed
remarked noted insisted wondered demanded`)
)

var (
	titles           = set(titleAbbrevs...)
	numbered         = set(numberedAbbrevs...)
	starters         = set(starterWords...)
	attributionVerbs = set(attributionForms...)
)

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
