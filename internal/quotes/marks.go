package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is one quotation found in a paragraph: the marks and the words
// between them.
type span struct {
	para int // 0-based paragraph
	// open is the offset of the opening mark; close the offset just past
	// the closing mark, or the paragraph's length when it is left open.
	open, close int
	// start and end are the quoted words without marks or outer spaces.
	start, end int
	// unclosed: the paragraph ends before the quotation does.
	unclosed bool
	// continued: the quotation goes on from the previous paragraph, which
	// left it open (the convention for a quotation of several paragraphs:
	// each opens with a mark, only the last closes).
	continued bool
}

// closers maps each opening double mark to the marks that close it.
var closers = map[rune]string{
	'“': "”",
	'„': "”“",
	'«': "»",
	'"': `"`,
}

// findQuotes returns the quotations of an article's paragraphs in order.
// Double marks (curly, straight, low-9 and guillemets) delimit quotations;
// single marks inside them are nested quotations and stay part of the text.
// A single curly mark outside double marks opens a quotation only when it
// stands at the start of a word and its closing mark is not an apostrophe.
func findQuotes(paras []string) []span {
	var out []span
	carry := false // the previous paragraph left a quotation open
	for i, p := range paras {
		spans := scanParagraph(i, p)
		if n := len(spans); n > 0 && strayStraight(p, spans[n-1], paras[i+1:]) {
			// "Trump walked onto the stage, chanting “U-S-A! U-S-A!”: a
			// straight mark left open before a whole quotation in curly
			// marks, that the next paragraph does not go on with, is a
			// slip; the curly one is the quotation. The paragraph is
			// read again whole, with the stray mark blanked: the spans
			// before it come back unchanged, as they close before it.
			at := spans[n-1].open
			spans = scanParagraph(i, p[:at]+" "+p[at+1:])
		}
		if carry && len(spans) > 0 && spans[0].open == firstNonSpace(p) {
			spans[0].continued = true
		}
		carry = len(spans) > 0 && spans[len(spans)-1].unclosed
		out = append(out, spans...)
	}
	return out
}

// strayStraight: the quotation s, last of paragraph p, opens with a
// straight mark that never closes; the rest of the paragraph holds a
// quotation in curly marks, opened and closed; and a next paragraph
// follows that does not open with a straight mark, as one that carries
// the quotation on would ("…“Equal Justice Under Law” anymore. ¶ "The
// latest…"). The article's last paragraph keeps its quotation open.
func strayStraight(p string, s span, next []string) bool {
	if !s.unclosed || p[s.open] != '"' {
		return false
	}
	rest := p[s.open+1:]
	o := strings.IndexRune(rest, '“')
	if o < 0 || !strings.ContainsRune(rest[o:], '”') {
		return false
	}
	return len(next) > 0 && !strings.HasPrefix(next[0][firstNonSpace(next[0]):], `"`)
}

// scanParagraph finds the quotations of one paragraph.
func scanParagraph(para int, p string) []span {
	var out []span
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRuneInString(p[i:])
		switch {
		case closers[r] != "":
			s, next := scanDouble(para, p, i, r, size)
			if s.end > s.start {
				out = append(out, s)
			}
			i = next
		case r == '”' && lineStart(p, i) && letterAt(p, i+size) && strings.ContainsRune(p[i+size:], '”'):
			// ”Fear. I am afraid…” ― a closing mark typed for the opening
			// one where a line begins, and closed later: where nothing
			// can end, it opens.
			s, next := scanDouble(para, p, i, '“', size)
			if s.end > s.start {
				out = append(out, s)
			}
			i = next
		case r == '‘' && wordStart(p, i):
			if s, next, ok := scanSingle(para, p, i, size); ok {
				out = append(out, s)
				i = next
				continue
			}
			i += size
		default:
			i += size
		}
	}
	return out
}

// scanDouble reads a quotation opened by mark at p[i:i+size]. A second
// opening mark of the same kind inside it nests; the quotation ends when
// its own closing mark is reached, or at the end of the paragraph.
func scanDouble(para int, p string, i int, mark rune, size int) (span, int) {
	want := closers[mark]
	depth := 1
	inner := 0 // quotations of the other kind opened inside: “ in "…", " in “…”
	j := i + size
	for j < len(p) {
		r, sz := utf8.DecodeRuneInString(p[j:])
		switch {
		case mark == '"' && r == '“', mark == '“' && r == '"' && !endsWord(p, j, sz):
			inner++
		case mark == '"' && r == '”' && inner > 0, mark == '“' && r == '"' && inner > 0:
			inner--
		case containsRune(want, r):
			depth--
			if depth == 0 || mark == '"' {
				return makeSpan(para, p, i, i+size, j, j+sz, false), j + sz
			}
		case depth == 1 && slipCloses(mark, r) && endsWord(p, j, sz):
			// "…” or “Frozen“: a web page's slip of the closing mark,
			// told by where it stands — right after a word, before a
			// space or punctuation — where no quotation opens.
			return makeSpan(para, p, i, i+size, j, j+sz, false), j + sz
		case r == mark && mark != '"':
			depth++
		}
		j += sz
	}
	if alt := mixedCloser[mark]; alt != 0 {
		// “…" or "…”: a web page's slip between curly and straight marks.
		// The other kind closes the quotation when it ends a word.
		inner := 0 // “…” inside "…, or "…" inside “…: not the slip
		for j := i + size; j < len(p); {
			r, sz := utf8.DecodeRuneInString(p[j:])
			switch {
			case mark == '"' && r == '“', mark == '“' && r == '"' && !endsWord(p, j, sz):
				inner++
				j += sz
				continue
			case r == alt && inner > 0:
				inner--
				j += sz
				continue
			}
			if r == alt && j > i+size && !isSpaceByte(p[j-1]) {
				if n, _ := utf8.DecodeRuneInString(p[j+sz:]); j+sz == len(p) || !unicode.IsLetter(n) {
					return makeSpan(para, p, i, i+size, j, j+sz, false), j + sz
				}
			}
			j += sz
		}
	}
	return makeSpan(para, p, i, i+size, len(p), len(p), true), len(p)
}

// slipCloses reports whether r, though not mark's closing mark, closes a
// quotation opened by mark when it ends a word: a curly closing mark after
// a straight opening one ("…”), a straight one after a curly opening one
// (“…"), or a curly opening mark typed for the closing one (“…“).
func slipCloses(mark, r rune) bool {
	return mark == '"' && r == '”' || mark == '“' && (r == '“' || r == '"')
}

// endsWord: the mark at p[j:j+sz] follows a word or its punctuation and
// no letter or digit follows it.
func endsWord(p string, j, sz int) bool {
	prev, _ := utf8.DecodeLastRuneInString(p[:j])
	if j == 0 || unicode.IsSpace(prev) || prev == '(' || prev == '[' || prev == '—' {
		return false
	}
	if j+sz == len(p) {
		return true
	}
	next, _ := utf8.DecodeRuneInString(p[j+sz:])
	return !unicode.IsLetter(next) && !unicode.IsDigit(next)
}

// mixedCloser is the mark that closes a quotation whose own closing mark
// never comes: a curly opening closed by a straight mark, or the reverse.
var mixedCloser = map[rune]rune{'“': '"', '"': '”'}

// scanSingle reads a top-level single-quoted phrase (‘…’). The closing ’
// must not be followed by a letter, which would make it an apostrophe
// ("Trump’s"); without such a close the mark is left as text.
func scanSingle(para int, p string, i, size int) (span, int, bool) {
	for j := i + size; j < len(p); {
		r, sz := utf8.DecodeRuneInString(p[j:])
		if r == '“' || r == '"' {
			return span{}, 0, false
		}
		if r == '’' {
			n, _ := utf8.DecodeRuneInString(p[j+sz:])
			if j+sz >= len(p) || !unicode.IsLetter(n) {
				s := makeSpan(para, p, i, i+size, j, j+sz, false)
				return s, j + sz, s.end > s.start
			}
		}
		j += sz
	}
	return span{}, 0, false
}

// makeSpan trims the text between the marks; a span with no letter or
// digit in it is returned empty (start == end).
func makeSpan(para int, p string, open, textStart, textEnd, close int, unclosed bool) span {
	s, e := textStart, textEnd
	for s < e {
		r, size := utf8.DecodeRuneInString(p[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += size
	}
	for e > s {
		r, size := utf8.DecodeLastRuneInString(p[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= size
	}
	if !hasWordRune(p[s:e]) {
		e = s
	}
	return span{para: para, open: open, close: close, start: s, end: e, unclosed: unclosed}
}

func wordStart(p string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(p[:i])
	return unicode.IsSpace(r) || r == '(' || r == '[' || r == '—' || r == '–' || r == '-'
}

// lineStart: only spaces and invisible format characters (a
// left-to-right mark pasted from a social network) stand between p[i] and
// the start of its line.
func lineStart(p string, i int) bool {
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(p[:i])
		if r == '\n' {
			return true
		}
		if !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r) {
			return false
		}
		i -= size
	}
	return true
}

// letterAt: a letter begins at p[i].
func letterAt(p string, i int) bool {
	r, _ := utf8.DecodeRuneInString(p[i:])
	return i < len(p) && unicode.IsLetter(r)
}

func firstNonSpace(p string) int {
	i := 0
	for i < len(p) && isSpaceByte(p[i]) {
		i++
	}
	return i
}

func isSpaceByte(b byte) bool { return b == ' ' || b == '\n' || b == '\t' || b == '\r' }

func hasWordRune(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func containsRune(s string, r rune) bool {
	for _, c := range s {
		if c == r {
			return true
		}
	}
	return false
}
