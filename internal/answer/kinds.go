package answer

import (
	"strings"
	"unicode"
)

// Word lists for recognising the kind of thing a sentence states. They are
// general English, not words of any one story.
var (
	months = wordSet("january", "february", "march", "april", "may", "june", "july", "august",
		"september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul",
		"aug", "sep", "sept", "oct", "nov", "dec")
	weekdays = wordSet("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
	// relativeDays name a day without a date.
	relativeDays = wordSet("yesterday", "today", "tomorrow", "tonight")
	// periods follow "last", "next", "earlier"… in relative dates.
	periods       = wordSet("week", "weekend", "month", "year", "morning", "night", "evening", "day")
	periodLeads   = wordSet("last", "next", "this", "earlier", "later", "same", "previous", "following")
	numberWords   = wordSet("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "dozen", "dozens", "half")
	durationUnits = wordSet("second", "seconds", "minute", "minutes", "hour", "hours", "day", "days",
		"week", "weeks", "month", "months", "year", "years", "decade", "decades", "century", "centuries")
	// locatives stand before a place: "in Miami", "aboard Air Force One",
	// "visited Israel".
	locatives = wordSet("in", "at", "to", "from", "near", "aboard", "inside", "outside", "into",
		"across", "throughout", "visited", "visit", "visiting", "toward", "towards")
	// speechWords report speech in a sentence.
	speechWords = wordSet("said", "says", "say", "told", "tell", "wrote", "writes", "posted", "called",
		"described", "claimed", "claims", "remarked", "noted", "added", "argued", "insisted",
		"warned", "stated", "urged", "responded", "denied", "accused", "dismissed", "criticized",
		"criticised", "according")
)

// unknownPhrases say that the thing asked for is not known, which answers
// a who, when, where or how-many question as squarely as a name does.
var unknownPhrases = []string{"unknown", "unclear", "not known", "did not say", "didn't say",
	"declined to say", "would not say", "refused to say", "not disclosed", "undisclosed",
	"unidentified", "not been identified", "did not disclose", "did not reveal"}

// kindScore says how well a unit states the kind of thing the question asks
// for, from 0 (not at all) to 1.
func (p *pool) kindScore(u *unit) float64 {
	best := 0.0
	for _, s := range u.sents() {
		best = max(best, p.sentenceKind(s))
	}
	return best
}

func (p *pool) sentenceKind(s *sentence) float64 {
	switch p.q.kind {
	case kindEntity:
		return max(p.newName(s, false), statesUnknown(s))
	case kindPlace:
		return max(p.newName(s, true), statesUnknown(s))
	case kindTime:
		return max(dateScore(s), statesUnknown(s))
	case kindNumber:
		return max(p.numberScore(s), statesUnknown(s))
	case kindDuration:
		return max(durationScore(s), statesUnknown(s))
	case kindStatement:
		return statementScore(s)
	case kindAge:
		return p.ageScore(s)
	}
	return 0
}

// newName scores a proper name the question does not already hold: 1 for
// one (for places: one after a locative), 0.4 for a place question's name
// with no locative before it.
func (p *pool) newName(s *sentence, place bool) float64 {
	best := 0.0
	for i, t := range s.toks {
		if !p.isName(s, i) || months[t.Word] || weekdays[t.Word] || p.inQuestion(s, i) {
			continue
		}
		if !place {
			if p.nearQuestionTerm(s, i) {
				return 1
			}
			best = max(best, 0.7)
			continue
		}
		for j := max(0, i-2); j < i; j++ {
			if locatives[s.toks[j].Word] {
				return 1
			}
		}
		best = 0.4
	}
	return best
}

// nearQuestionTerm reports whether the name at token i stands where the
// one who did what the question asks about would: just before one of the
// question's words ("Bloomberg leaked the call" for "who leaked the
// call"), or after "by" just after one ("was not leaked by Moscow").
func (p *pool) nearQuestionTerm(s *sentence, i int) bool {
	for j := i + 1; j <= min(i+3, len(s.toks)-1) && sameClause(s, i, j); j++ {
		if p.isQuestionTerm(s, j) && !p.isName(s, j) {
			return true
		}
	}
	if i >= 2 && word(s, i-1) == "by" {
		for j := i - 2; j >= max(0, i-4) && sameClause(s, j, i); j-- {
			if p.isQuestionTerm(s, j) && !p.isName(s, j) {
				return true
			}
		}
	}
	return false
}

// isQuestionTerm reports whether token i of s is one of the question's
// content terms (not a stop word such as "the").
func (p *pool) isQuestionTerm(s *sentence, i int) bool {
	for _, st := range s.stems[i] {
		for _, t := range p.q.terms {
			if sameTerm(st, t) {
				return true
			}
		}
	}
	return false
}

// sameClause reports whether no punctuation separates tokens i < j.
func sameClause(s *sentence, i, j int) bool {
	return !strings.ContainsAny(s.text[s.toks[i].End:s.toks[j].Start], ",;:.!?“”\"()—")
}

// inQuestion reports whether token i of s is a word of the question.
func (p *pool) inQuestion(s *sentence, i int) bool {
	for _, st := range s.stems[i] {
		if p.q.words[st] {
			return true
		}
	}
	return len(s.stems[i]) == 0 && p.q.words[s.toks[i].Word]
}

// dateScore is 1 for a calendar date, 0.8 for a year, a weekday or a
// relative date ("last week", "yesterday").
func dateScore(s *sentence) float64 {
	best := 0.0
	for i, t := range s.toks {
		switch {
		case months[t.Word] && capitalised(s.text, t) && (isDigits(word(s, i+1)) || isDigits(word(s, i-1))):
			return 1
		case isYear(t.Word):
			best = max(best, 0.8)
		case weekdays[t.Word] || relativeDays[t.Word]:
			best = max(best, 0.8)
		case periodLeads[t.Word] && periods[word(s, i+1)]:
			best = max(best, 0.8)
		case t.Word == "ago":
			best = max(best, 0.8)
		}
	}
	return best
}

// numberScore is 1 for a number attached to the noun the question counts
// ("28-point" for "how many points"), or for any number when the question
// names no noun; 0.5 for a number attached to something else. Numbers in
// dates do not count.
func (p *pool) numberScore(s *sentence) float64 {
	best := 0.0
	for i, t := range s.toks {
		if !isNumber(t.Word) || months[word(s, i-1)] || months[word(s, i+1)] {
			continue
		}
		if p.q.counted == "" {
			return 1
		}
		for j := i; j <= min(i+2, len(s.toks)-1); j++ {
			for _, st := range s.stems[j] {
				if sameTerm(st, p.q.counted) {
					return 1
				}
			}
		}
		best = 0.5
	}
	return best
}

// ageScore is 1 for a person's age: "Ushakov, 78," after a name the
// question holds, "78-year-old", "aged 78".
func (p *pool) ageScore(s *sentence) float64 {
	for i, t := range s.toks {
		switch {
		case strings.HasSuffix(t.Word, "-year-old") && isNumber(strings.Split(t.Word, "-")[0]):
			return 1
		case (t.Word == "aged" || t.Word == "age") && isDigits(word(s, i+1)):
			return 1
		case isDigits(t.Word) && len(t.Word) <= 3 && i > 0 && p.isName(s, i-1) && p.inQuestion(s, i-1) &&
			strings.TrimSpace(s.text[s.toks[i-1].End:t.Start]) == "," && strings.HasPrefix(s.text[t.End:], ","):
			return 1
		}
	}
	return 0
}

// durationScore is 1 for a length of time: a number before a unit of time
// ("five-minute", "40 years") or "since" before a year ("since 2012").
func durationScore(s *sentence) float64 {
	for i, t := range s.toks {
		if parts := strings.Split(t.Word, "-"); len(parts) > 1 && isNumber(parts[0]) && durationUnits[parts[len(parts)-1]] {
			return 1
		}
		if isNumber(t.Word) && durationUnits[word(s, i+1)] {
			return 1
		}
		if t.Word == "since" {
			for j := i + 1; j <= min(i+3, len(s.toks)-1); j++ {
				if strings.IndexFunc(s.toks[j].Word, unicode.IsDigit) >= 0 {
					return 1
				}
			}
		}
	}
	return 0
}

// statementScore is 1 for a quotation, 0.6 for reported speech.
func statementScore(s *sentence) float64 {
	if strings.ContainsAny(s.text, "“\"") {
		return 1
	}
	for _, t := range s.toks {
		if speechWords[t.Word] {
			return 0.6
		}
	}
	return 0
}

func statesUnknown(s *sentence) float64 {
	folded := strings.ToLower(strings.ReplaceAll(s.text, "’", "'"))
	for _, ph := range unknownPhrases {
		if strings.Contains(folded, ph) {
			return 1
		}
	}
	return 0
}

// word is the folded word of token i, or "" outside the sentence.
func word(s *sentence, i int) string {
	if i < 0 || i >= len(s.toks) {
		return ""
	}
	return s.toks[i].Word
}

func isNumber(w string) bool {
	if numberWords[w] {
		return true
	}
	if parts := strings.Split(w, "-"); len(parts) > 1 {
		return isNumber(parts[0])
	}
	return w != "" && strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) && r != ',' && r != '.' }) < 0
}

func isDigits(w string) bool {
	return w != "" && strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
}

func isYear(w string) bool {
	return len(w) == 4 && isDigits(w) && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20"))
}
