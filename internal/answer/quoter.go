package answer

import (
	"strings"

	"dossier/internal/quotes"
)

// Quoter looks up the quotations attributed to a speaker; *quotes.Index
// satisfies it. With one, "what did X say (about T)" is answered from X's
// own quotations, those about T first.
type Quoter interface {
	// Match returns the canonical name of the speaker a query names, and
	// whether the query spells it (not a near spelling).
	Match(query string) (name string, exact bool)
	// Lookup returns the speaker's quotations, ordered by the topic.
	Lookup(speaker, topic string) quotes.Result
}

// WithQuotes lets the answerer find a speaker's quotations in the quote
// index.
func WithQuotes(q Quoter) Option { return func(e *Extractor) { e.quotes = q } }

// maxSpeakerQuotes bounds the quotations of a speaker matched against the
// retrieved sentences: the lookup puts those about the question's topic
// first.
const maxSpeakerQuotes = 20

// lookupSpeaker returns the quotations of the speaker a statement question
// names, or nil when there is no quote index, the question names no one
// the index knows by that spelling, or it is not about what someone said.
func lookupSpeaker(qr Quoter, q *question) []string {
	if qr == nil || q.kind != kindStatement || len(q.nameRuns) == 0 {
		return nil
	}
	for _, run := range q.nameRuns[:1] {
		name, exact := qr.Match(run)
		if name == "" || !exact {
			continue
		}
		res := qr.Lookup(name, q.text)
		var out []string
		for i, qt := range res.Quotes {
			if i == maxSpeakerQuotes {
				break
			}
			out = append(out, strings.ToLower(qt.Text))
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

// marksSpeakerQuote reports whether a sentence holds one of the speaker's
// quotations (or, for a quotation over several sentences, a part of one).
func marksSpeakerQuote(folded []string, sentence string) bool {
	s := strings.ToLower(sentence)
	for _, qt := range folded {
		if len(qt) >= minQuoteMatch && (strings.Contains(s, qt) || (len(s) >= minQuoteMatch && strings.Contains(qt, strings.Trim(s, "\"“” ")))) {
			return true
		}
	}
	return false
}

// minQuoteMatch is the shortest quotation matched against a sentence: a
// one-word quotation ("fake") stands in too many sentences to say whose
// they are.
const minQuoteMatch = 12
