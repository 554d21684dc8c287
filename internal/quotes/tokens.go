package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/internal/analysis"
	"dossier/internal/corpus"
)

type tokKind uint8

const (
	wordTok tokKind = iota
	punctTok
	quoteTok // a whole quotation, marks included
)

// token is a word, a punctuation mark or a whole quotation of a paragraph.
type token struct {
	kind tokKind
	text string // as written; a quotation token holds its quoted words
	// low is the word folded to lower case without accents, with a
	// possessive ’s and an abbreviation's dots removed ("Rep." → "rep").
	low        string
	start, end int  // byte offsets in the paragraph
	cap        bool // starts with an upper-case letter
	poss       bool // "Trump’s", "officials’"
	q          int  // quotation tokens: index of the quotation in the document
}

func (t token) is(words ...string) bool {
	if t.kind != wordTok {
		return false
	}
	for _, w := range words {
		if t.low == w {
			return true
		}
	}
	return false
}

func (t token) punct(marks string) bool {
	return t.kind == punctTok && strings.Contains(marks, t.text)
}

// unit is a sentence of a paragraph, or several when a quotation runs
// across sentence ends: the words around a quotation always share its unit.
type unit struct {
	para       int
	start, end int
	toks       []token
}

// buildUnits cuts paragraph p into units and tokenizes them. quotes are the
// document's quotations; only those of this paragraph are used.
func buildUnits(para int, p string, quotes []span) []unit {
	var mine []int
	for i, q := range quotes {
		if q.para == para {
			mine = append(mine, i)
		}
	}
	var units []unit
	k := 0 // first quotation not before the unit
	for _, s := range mergeAcrossQuotes(corpus.SplitSentences(p), quotes, mine) {
		for k < len(mine) && quotes[mine[k]].open < s.Start {
			k++
		}
		units = append(units, unit{para: para, start: s.Start, end: s.End, toks: tokenize(p, s.Start, s.End, quotes, mine[k:])})
	}
	// "“Is it fake?” Smith asked." is split after the question mark; the
	// attribution belongs with the quotation before it. (A quotation ending
	// in a period ends its sentence: what follows is a new one.)
	for i := 1; i < len(units); i++ {
		prev := units[i-1].toks
		if endsWithQuestion(prev) && startsWithAttribution(units[i].toks) {
			units[i-1].end = units[i].end
			units[i-1].toks = append(units[i-1].toks, units[i].toks...)
			units = append(units[:i], units[i+1:]...)
			i--
		}
	}
	return units
}

// mergeAcrossQuotes joins sentences so that no quotation crosses a unit's
// end.
func mergeAcrossQuotes(sents []corpus.Span, quotes []span, mine []int) []corpus.Span {
	var out []corpus.Span
	k := 0 // quotations are in order and do not overlap
	for i := 0; i < len(sents); i++ {
		cur := sents[i]
		for {
			for k < len(mine) && quotes[mine[k]].close <= cur.End {
				k++
			}
			if k == len(mine) || quotes[mine[k]].open >= cur.End || i+1 == len(sents) {
				break
			}
			i++ // the quotation runs past the sentence's end
			cur.End = sents[i].End
		}
		out = append(out, cur)
	}
	return out
}

// endsWithQuestion: the unit ends with a quotation that ends in "?" or "!".
func endsWithQuestion(toks []token) bool {
	if len(toks) == 0 || toks[len(toks)-1].kind != quoteTok {
		return false
	}
	text := toks[len(toks)-1].text
	return strings.HasSuffix(text, "?") || strings.HasSuffix(text, "!")
}

// startsWithAttribution: "Smith asked.", "he said", "said Smith", "the
// official added" — a short subject and a speech verb, or the reverse —
// or a sentence of a name and a past tense alone ("Hannity pressed.").
func startsWithAttribution(toks []token) bool {
	named := true // only capitalised words so far
	for i := 0; i < len(toks) && i < maxAttributionLead; i++ {
		t := toks[i]
		if t.punct(",") && i > 0 {
			continue // "Rep. Glenn Thompson, R-Pa., said"
		}
		if t.kind != wordTok {
			return false
		}
		if isSpeechVerb(toks, i) {
			return true
		}
		// "Hannity pressed.": capitalised words, then a past tense that
		// ends the sentence (bookism).
		if i > 0 && named && !t.cap && isPastTense(t.low) && (i+1 == len(toks) || i+2 == len(toks) && toks[i+1].punct(".")) {
			return true
		}
		named = named && t.cap
	}
	return false
}

// tokenize splits p[from:to] into tokens, each quotation of the paragraph
// that starts in the range becoming one token.
func tokenize(p string, from, to int, quotes []span, mine []int) []token {
	var out []token
	next := 0 // next quotation of this paragraph to consider
	for i := from; i < to; {
		for next < len(mine) && quotes[mine[next]].open < i {
			next++
		}
		if next < len(mine) && quotes[mine[next]].open == i {
			q := quotes[mine[next]]
			out = append(out, token{kind: quoteTok, text: p[q.start:q.end], start: q.open, end: q.close, q: mine[next]})
			i = q.close
			next++
			continue
		}
		r, size := utf8.DecodeRuneInString(p[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case isWordRune(r):
			end := wordEnd(p, i, to)
			out = append(out, makeWord(p[i:end], i, end))
			i = end
		default:
			out = append(out, token{kind: punctTok, text: p[i : i+size], low: p[i : i+size], start: i, end: i + size})
			i += size
		}
	}
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isMojibake: a C1 control or a Latin-1 sign (U+0080–U+00BF), which UTF-8
// text decoded as Latin-1 leaves inside words ("Ã\u0083Â§" for "ç"),
// less the no-break space and the guillemets, which are a space and
// quotation marks.
func isMojibake(r rune) bool {
	return r >= 0x80 && r <= 0xbf && r != '\u00a0' && r != '«' && r != '»'
}

// missingSpace: a dot between a word in lower case and a capital ends a
// sentence whose space was lost ("Trump said.Trump claimed"); abbreviations
// ("U.S.", "Mr.Smith") and addresses ("Politico.com") keep theirs.
func missingSpace(before string, next rune) bool {
	return unicode.IsUpper(next) && utf8.RuneCountInString(before) >= 2 && strings.ToLower(before) == before && !strings.Contains(before, ".")
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// wordEnd returns the end of the word starting at i: letters and digits,
// joined by inner apostrophes, hyphens and dots ("son-in-law", "U.S."),
// digits by a slash ("9/11", "24/7": a date or a number read as one), and
// a final dot for abbreviations that take one ("Rep.", "Mr.", "J.").
func wordEnd(p string, i, to int) int {
	j := i
	for j < to {
		r, size := utf8.DecodeRuneInString(p[j:])
		if isWordRune(r) {
			j += size
			continue
		}
		if j > i && isMojibake(r) {
			// "FranÃ\u0083Â§ois": a letter's UTF-8 bytes read as Latin-1
			// leave controls and signs inside the word; it goes on when a
			// letter follows them.
			e := j
			for e < to {
				m, sz := utf8.DecodeRuneInString(p[e:])
				if !isMojibake(m) {
					break
				}
				e += sz
			}
			if n, _ := utf8.DecodeRuneInString(p[e:]); e < to && isWordRune(n) {
				j = e
				continue
			}
			break
		}
		if (isApostrophe(r) || r == '-' || r == '.' || r == '/') && j+size < to {
			n, _ := utf8.DecodeRuneInString(p[j+size:])
			prev, _ := utf8.DecodeLastRuneInString(p[i:j])
			if isWordRune(n) && (r != '/' || unicode.IsDigit(prev) && unicode.IsDigit(n)) && !(r == '.' && missingSpace(p[i:j], n)) {
				j += size
				continue
			}
		}
		break
	}
	if j < to && p[j] == '.' {
		w := strings.ToLower(strings.ReplaceAll(p[i:j], ".", ""))
		if en.Honorifics.Has(w) || isTitleAbbrev(w) || strings.Contains(p[i:j], ".") || utf8.RuneCountInString(p[i:j]) == 1 && unicode.IsUpper([]rune(p[i:j])[0]) {
			j++
		}
	}
	return j
}

func makeWord(w string, start, end int) token {
	t := token{kind: wordTok, text: w, start: start, end: end}
	r, _ := utf8.DecodeRuneInString(w)
	t.cap = unicode.IsUpper(r)
	low := analysis.Fold(w)
	low = strings.ReplaceAll(low, "’", "'")
	switch {
	case strings.HasSuffix(low, "'s") && len(low) > 2:
		low, t.poss = low[:len(low)-2], true
	case strings.HasSuffix(low, "s'"):
		low, t.poss = low[:len(low)-1], true
	}
	t.low = strings.ReplaceAll(low, ".", "")
	return t
}

// isSpeechVerb reports whether toks[i] is a speech verb used as a verb: not
// after a determiner or a possessive ("the report", "his comment").
func isSpeechVerb(toks []token, i int) bool {
	t := toks[i]
	if t.kind != wordTok || t.cap && i > 0 {
		return false
	}
	if _, ok := en.QuoteLemma(t.low); !ok && !phrasalAt(toks, i) {
		return false
	}
	if i > 0 {
		prev := toks[i-1]
		if prev.kind == wordTok && (en.Determiners.Has(prev.low) || prev.poss || prev.is("his", "her", "their", "its", "our", "my", "your") || prev.is("news") && !prev.cap) {
			return false
		}
		if prev.kind == wordTok && en.Prepositions.Has(prev.low) && prev.low != "to" && !strings.HasSuffix(t.low, "ing") {
			return false // a noun: "in charge", "for comment"; "by saying", "despite admitting" are verbs
		}
	}
	return true
}

// phrasalAt reports whether toks[i] heads a phrasal verb of retort or
// continuation ("shot back", "went on") that introduces a quotation: its
// particle must end the verb phrase (a punctuation mark, a quotation or
// the end follows), or be followed by a short phrase that ends it ("put
// it in a lengthy exposé,"), or, for "back", open its complement ("fired
// back at Smith"), so that "went on television" and "pushed back the
// vote" are not speech.
func phrasalAt(toks []token, i int) bool {
	if i+1 >= len(toks) || toks[i+1].kind != wordTok {
		return false
	}
	if _, ok := en.PhrasalLemma(toks[i].low, toks[i+1].low); !ok {
		return false
	}
	if i+2 == len(toks) || toks[i+2].kind != wordTok {
		return true
	}
	if isFiller(toks[i+2]) && (i+3 == len(toks) || toks[i+3].kind != wordTok) {
		return true // "fired back forcefully: “…”"
	}
	if toks[i+1].is("back") && toks[i+2].is("at", "with", "against", "that") {
		return true
	}
	return phraseEndsClause(toks, i+2)
}

// phraseEndsClause: a short phrase of place or manner opens at toks[p]
// and ends the verb phrase ("put it in a lengthy exposé, “…”"; "shot back
// on Twitter: “…”"): a preposition, then at most maxInlinePhrase words
// none of which is a speech verb, then a punctuation mark, a quotation or
// the end.
func phraseEndsClause(toks []token, p int) bool {
	if !en.Prepositions.Has(toks[p].low) || toks[p].is("of", "to") {
		return false
	}
	for e := p + 1; e <= p+maxInlinePhrase; e++ {
		if e == len(toks) || toks[e].kind != wordTok {
			return e > p+1
		}
		if isSpeechVerb(toks, e) {
			return false
		}
	}
	return false
}

// lemma returns the lemma of a speech verb form; a phrasal verb's head
// ("shot") gives the lemma of its phrasal verb.
func lemma(w string) string {
	if l, ok := en.QuoteLemma(w); ok {
		return l
	}
	l, _ := en.PhrasalHead(w)
	return l
}

// isAllCaps reports whether a word of several letters is written in
// capitals, as headlines and credits are ("DRISCOLL").
func isAllCaps(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n > minAllCaps
}
