// Package evalset holds the project's evaluation sets (questions with the
// evidence that answers them, and the quotations of three articles with their
// speakers) and the text folding their "about" notes prescribe. Tests and
// benchmarks in other packages measure against them.
package evalset

import (
	_ "embed"
	"encoding/json"
	"strings"
	"unicode"
)

//go:embed questions.json
var questionsJSON []byte

//go:embed quotes.json
var quotesJSON []byte

// Question is one evaluation question.
type Question struct {
	ID          string     `json:"id"`
	Question    string     `json:"question"`
	Answerable  bool       `json:"answerable"`
	Evidence    []string   `json:"evidence"`
	AnswerTerms [][]string `json:"answer_terms"`
}

// Quote is one gold quotation.
type Quote struct {
	Seed     string   `json:"seed"`
	Speakers []string `json:"speakers"`
	Quote    string   `json:"quote"`
	Kind     string   `json:"kind"` // "full" or "partial"
}

// Questions returns the evaluation questions.
func Questions() []Question {
	var v struct{ Questions []Question }
	if err := json.Unmarshal(questionsJSON, &v); err != nil {
		panic("evalset: questions.json: " + err.Error()) // embedded at build time
	}
	return v.Questions
}

// Quotes returns the gold quotations.
func Quotes() []Quote {
	var v struct{ Quotes []Quote }
	if err := json.Unmarshal(quotesJSON, &v); err != nil {
		panic("evalset: quotes.json: " + err.Error())
	}
	return v.Quotes
}

var folder = strings.NewReplacer(
	"“", `"`, "”", `"`, "„", `"`, "«", `"`, "»", `"`,
	"‘", "'", "’", "'", "‚", "'", "′", "'",
	"–", "-", "—", "-", "‑", "-", "‐", "-", "−", "-",
)

// Fold lower-cases s, makes curly quotes straight and dashes hyphens, and
// collapses white space: the comparison both sets' "about" notes prescribe.
func Fold(s string) string {
	return strings.Join(strings.Fields(folder.Replace(strings.ToLower(s))), " ")
}

// Contains reports whether haystack holds needle after folding both.
func Contains(haystack, needle string) bool {
	return strings.Contains(Fold(haystack), Fold(needle))
}

// QuoteMatches applies quotes.json's matching rule: after folding, either
// text contains the other, or they share at least 80% of the shorter one's
// words.
func QuoteMatches(found, gold string) bool {
	f, g := Fold(found), Fold(gold)
	if strings.Contains(f, g) || strings.Contains(g, f) {
		return true
	}
	fw, gw := words(f), words(g)
	if len(fw) > len(gw) {
		fw, gw = gw, fw
	}
	if len(fw) == 0 {
		return false
	}
	have := map[string]int{}
	for _, w := range gw {
		have[w]++
	}
	shared := 0
	for _, w := range fw {
		if have[w] > 0 {
			have[w]--
			shared++
		}
	}
	return shared*5 >= len(fw)*4
}

func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '-'
	})
}
