// Package analysis turns text into the terms that search and the local
// embedder compare: lower-cased, accent-folded words with possessives
// stripped, the language's stop words dropped, and the language's stems
// (Porter2/Snowball for English), so that "leaked" meets "leak" and
// "Ushakov's" meets "Ushakov". The language's facts come from package lang.
package analysis

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"dossier/internal/lang"
)

// Token is a word of the text as written, folded to lower case without
// accents, with its byte offsets in the original text.
type Token struct {
	Word       string // folded word; hyphenated words stay whole ("deal-maker")
	Start, End int
	// Acronym is true for dotted initialisms ("U.S." gives "us"), which are
	// never stop words.
	Acronym bool
}

// Analyzer produces search terms. It caches stems, so share one.
type Analyzer struct {
	lang  *lang.Language
	stems sync.Map // word -> stem
}

// New returns an Analyzer for a language, usually analysis.New(lang.English()).
func New(l *lang.Language) *Analyzer { return &Analyzer{lang: l} }

// Language returns the language the analyzer was built for.
func (a *Analyzer) Language() *lang.Language { return a.lang }

// IsStopWord reports whether a folded word is one of the language's stop
// words.
func (a *Analyzer) IsStopWord(w string) bool { return a.lang.IsStopWord(w) }

// Related returns the terms related in meaning or by derivation to a term
// (a stem, as Terms gives it): "respond" → "react"…, from the language's
// lexical table. The slice must not be changed.
func (a *Analyzer) Related(term string) []string { return a.lang.Related(term) }

// Terms returns the index terms of text in order: stems of the words that
// are not stop words. A hyphenated word gives its parts and the parts joined
// ("deal-maker" gives "deal", "maker", "dealmak"), so "dealmaker" and
// "deal-maker" meet.
func (a *Analyzer) Terms(text string) []string {
	var out []string
	for _, t := range Tokenize(text) {
		out = a.AppendTerms(out, t)
	}
	return out
}

// AppendTerms appends the terms of one token to out: none for a stop word.
func (a *Analyzer) AppendTerms(out []string, t Token) []string {
	if !strings.Contains(t.Word, "-") {
		if t.Acronym || !a.IsStopWord(t.Word) {
			out = append(out, a.Stem(t.Word))
		}
		return out
	}
	parts := strings.Split(t.Word, "-")
	for _, p := range parts {
		if p != "" && !a.IsStopWord(p) {
			out = append(out, a.Stem(p))
		}
	}
	return append(out, a.Stem(strings.Join(parts, "")))
}

// Stem returns the language's stem of a folded word; numbers and words of
// one or two letters stay as they are.
func (a *Analyzer) Stem(w string) string {
	if s, ok := a.stems.Load(w); ok {
		return s.(string)
	}
	s := w
	if len(w) > 2 && !isNumber(w) {
		s = a.lang.Stem(w)
	}
	a.stems.Store(w, s)
	return s
}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// Tokenize splits text into words. Letters and digits make words;
// apostrophes inside a word are dropped along with a possessive "s"
// ("Trump’s" → "trump", "won't" → "wont"); hyphens inside a word are kept;
// dotted initialisms are joined ("U.S." → "us").
func Tokenize(text string) []Token {
	var out []Token
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		start := i
		for i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				i += size
				continue
			}
			// Keep going across an inner apostrophe, hyphen or initialism dot.
			if (isApostrophe(r) || r == '-' || r == '.') && i+size < len(text) {
				n, _ := utf8.DecodeRuneInString(text[i+size:])
				if isWordRune(n) {
					i += size
					continue
				}
			}
			break
		}
		end := i
		// "U.S." keeps its final dot.
		if i < len(text) && text[i] == '.' && isInitialism(text[start:i+1]) {
			end = i + 1
			i++
		}
		out = append(out, makeToken(text[start:end], start, end)...)
	}
	return out
}

func makeToken(raw string, start, end int) []Token {
	if isInitialism(raw) {
		return []Token{{Word: fold(strings.ReplaceAll(raw, ".", "")), Start: start, End: end, Acronym: true}}
	}
	if strings.Contains(raw, ".") {
		// "mid-1980s.The" or "3.5": split at inner dots unless it is a number.
		if !isDecimal(raw) {
			var out []Token
			off := start
			for _, part := range strings.Split(raw, ".") {
				if part != "" {
					out = append(out, makeToken(part, off, off+len(part))...)
				}
				off += len(part) + 1
			}
			return out
		}
	}
	w := fold(raw)
	w = stripPossessive(w)
	w = strings.Map(func(r rune) rune {
		if isApostrophe(r) {
			return -1
		}
		return r
	}, w)
	w = strings.Trim(w, "-")
	if w == "" {
		return nil
	}
	return []Token{{Word: w, Start: start, End: end}}
}

func stripPossessive(w string) string {
	for _, suf := range []string{"'s", "’s", "s'", "s’"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf) {
			if suf[0] == 's' {
				return strings.TrimSuffix(w, suf[1:])
			}
			return strings.TrimSuffix(w, suf)
		}
	}
	return w
}

// isInitialism: single letters each followed by a dot, at least two ("U.S.",
// "D.C.", "a.m.").
func isInitialism(s string) bool {
	s = strings.TrimSuffix(s, ".")
	parts := strings.Split(s, ".")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if utf8.RuneCountInString(p) != 1 || !unicode.IsLetter([]rune(p)[0]) {
			return false
		}
	}
	return true
}

func isDecimal(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) && r != '.' && r != ',' {
			return false
		}
	}
	return true
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// fold lower-cases and removes accents: "Zelenskyy" stays, "Ünal" → "unal".
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Fold lower-cases s and removes its accents.
func Fold(s string) string { return fold(s) }

// StripInvisible removes the characters that change nothing a reader sees
// but break matching or mislead the eye: Unicode's format characters (zero-
// width spaces and joiners, the byte-order mark, soft hyphens, bidirectional
// controls). Articles, questions and every echoed text go through it.
func StripInvisible(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s)
}
