package answer

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/internal/analysis"
	"dossier/internal/lang"
)

// numberReader reads the numbers a text writes, by value, with the
// language's number words. The grounding check compares a model's numbers
// with its passages' through it, and the answerer the numbers of sentences
// cited together, so that "four thousand" and "4,000" are one number in
// both.
type numberReader struct {
	lang *lang.Language
}

// number is a number a text writes, however it writes it: the tokens it
// spans and its value in digits, without separators ("4000", "6.8").
// "5", "five", "5th" and "fifth" are 5; "4,000", "four thousand" and
// "4 thousand" are 4000; "€50m", "50 million" and "fifty million" are
// 50000000; "twenty-one" is 21 and "a dozen" 12. A model may write a
// passage's number in other words; it may not write another number.
type number struct {
	first, last int // the tokens it spans
	value       string
}

// numbers finds the numbers of text, given its tokens. loose reads the
// loose number words ("one", "first") alone as numbers too: generous,
// which is safe for the passages, not for the model's sentence.
func (r numberReader) numbers(text string, toks []analysis.Token, loose bool) []number {
	var out []number
	for i := 0; i < len(toks); i++ {
		v, last, ok := r.leadValue(text, toks, i, loose)
		if !ok {
			continue
		}
		v, last = r.scaled(toks, v, last)
		out = append(out, number{first: i, last: last, value: formatValue(v)})
		i = last
	}
	return out
}

// leadValue reads the number that token i begins, without the scale words
// after it: digits (with thousands separators, a decimal point, an
// ordinal suffix, or glued to a money scale after a currency sign), a
// number word or a compound of them ("fifty-eight"), or "a" before a scale
// word ("a dozen"). A compound's other words ("28-point", "five-minute")
// are not part of the number. It returns the value and the last token
// read.
func (r numberReader) leadValue(text string, toks []analysis.Token, i int, loose bool) (float64, int, bool) {
	w := toks[i].Word
	head, _, compound := strings.Cut(w, "-")
	if head == "" || w == "" {
		return 0, i, false
	}
	if hasDigit(head) {
		return r.digitsValue(text, toks, i, head)
	}
	if next := i + 1; next < len(toks) && !compound && r.lang.Answer.IndefiniteArticles.Has(w) {
		// "a dozen", "a million": an article counts one before a scale word.
		if _, ok := r.lang.Answer.NumberScales[toks[next].Word]; ok {
			return 1, i, true
		}
		return 0, i, false
	}
	if s, ok := r.lang.Answer.NumberScales[w]; ok {
		return s, i, true // "hundred rescuers": one hundred
	}
	v, ok := r.wordNumber(w, loose)
	return v, i, ok
}

// wordNumber is the value of a number written in words in one token: a
// cardinal ("five"), an ordinal ("fifth"), a compound of the tens and a
// unit ("fifty-eight", "twenty-first"), or the number word that begins a
// compound ("five-minute"); with loose, a loose number alone ("one").
func (r numberReader) wordNumber(w string, loose bool) (float64, bool) {
	head, tail, compound := strings.Cut(w, "-")
	v, ok := r.wordValue(head, loose || compound)
	if !ok {
		return 0, false
	}
	if tens := v >= 20 && v < 100 && int(v)%10 == 0; compound && tens {
		unit, _, _ := strings.Cut(tail, "-")
		if u, ok := r.wordValue(unit, true); ok && u < 10 {
			v += u
		}
	}
	return v, true
}

// wordValue is the value of a number word: a cardinal ("five"), an ordinal
// ("fifth"), and with loose a loose number ("one", "first").
func (r numberReader) wordValue(w string, loose bool) (float64, bool) {
	d, ok := r.lang.Answer.NumberValues[w]
	if !ok {
		d, ok = r.lang.Answer.OrdinalValues[w]
	}
	if !ok && loose {
		d, ok = r.lang.Answer.LooseNumbers[w]
	}
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseFloat(d, 64)
	return v, err == nil
}

// maxGroupDigits is how many digits may stand before the first thousands
// separator ("4,000", "950,000"): more, and the comma is punctuation
// ("2025,000" is not a number).
const maxGroupDigits = 3

// digitsValue reads a number written in digits that token i begins with
// head, the token's part before a hyphen.
func (r numberReader) digitsValue(text string, toks []analysis.Token, i int, head string) (float64, int, bool) {
	head = r.lang.Cardinal(head) // "14th" is 14
	first := i
	if next := i + 1; isDigits(head) && head == toks[i].Word && next < len(toks) &&
		toks[i].End+1 == toks[next].Start && text[toks[i].End] == '.' && hasDigitPrefix(toks[next].Word) {
		// "€2.5bn": the tokenizer keeps a decimal together only when no
		// letters follow it.
		head, i = head+"."+toks[next].Word, next
	}
	end := strings.IndexFunc(head, func(r rune) bool { return !unicode.IsDigit(r) && r != '.' })
	digits, suffix := head, ""
	if end >= 0 {
		digits, suffix = head[:end], head[end:]
	}
	v, err := strconv.ParseFloat(digits, 64)
	if err != nil || digits == "" {
		return 0, i, false
	}
	if suffix != "" {
		// "€50m": a money scale after a currency sign; any other letters
		// ("1980s", "2m") leave the token to be matched as written.
		s, ok := r.lang.Answer.MoneyScales[suffix]
		if !ok || !afterCurrencySign(text, toks[first].Start) {
			return 0, i, false
		}
		return v * s, i, true
	}
	last := i
	if !strings.Contains(digits, ".") && len(digits) <= maxGroupDigits && !strings.Contains(toks[i].Word, "-") {
		// "4,000", "50,000,000": the tokenizer cuts at the separators.
		for last+1 < len(toks) && toks[last].End+1 == toks[last+1].Start && text[toks[last].End] == ',' &&
			len(toks[last+1].Word) == maxGroupDigits && isDigits(toks[last+1].Word) {
			n, _ := strconv.ParseFloat(toks[last+1].Word, 64)
			v = v*1000 + n
			last++
		}
	}
	return v, last, true
}

// scaled applies the scale words after a number ("4 million", "two
// hundred and fifty", "three thousand five hundred") and returns the value
// and the last token read.
func (r numberReader) scaled(toks []analysis.Token, v float64, last int) (float64, int) {
	total, cur := 0.0, v
	lastScale := 0.0 // the last scale word read; 0 before any
	for j := last + 1; j < len(toks); j++ {
		w := toks[j].Word
		if s, ok := r.lang.Answer.NumberScales[w]; ok {
			if s < 1000 {
				cur *= s
			} else {
				total += cur * s
				cur = 0
			}
			lastScale, last = s, j
			continue
		}
		if lastScale == 0 || hasDigit(w) {
			break
		}
		// After a scale word, a smaller number in words adds: "two hundred
		// (and) fifty", "three thousand five hundred". "And" joins only
		// after "hundred": "4 million and two helicopters" are two things.
		k := j
		if r.lang.Answer.NumberJoiners.Has(w) && k+1 < len(toks) && lastScale < 1000 {
			k++
		}
		u, ok := r.wordNumber(toks[k].Word, false)
		if !ok || u >= lastScale {
			break
		}
		cur += u
		last, j = k, k
	}
	return total + cur, last
}

// afterCurrencySign reports whether a currency sign ("$", "€", "£")
// stands right before byte offset at.
func afterCurrencySign(text string, at int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:at])
	return unicode.Is(unicode.Sc, r)
}

func hasDigitPrefix(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsDigit(r)
}

// valuePrecision rounds values before they are compared, so that
// "6.8 million" and "6800000" meet despite the floating point.
const valuePrecision = 1e6

func formatValue(v float64) string {
	return strconv.FormatFloat(math.Round(v*valuePrecision)/valuePrecision, 'f', -1, 64)
}
