// Package evalset holds the project's evaluation sets (questions with the
// evidence that answers them, and quotations with their speakers) and the
// text folding their "about" notes prescribe. Tests and benchmarks in other
// packages measure against them.
//
// There is one pair of sets per test story (see internal/testcorpus): the
// seed story's, copied from the shared evaluation folder (questions.json,
// quotes.json), and the second story's, written by the team with the
// articles (second/questions.json, second/quotes.json).
package evalset

import (
	"embed"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"unicode"
)

// Story names, the same as internal/testcorpus's.
const (
	SeedStory   = "seed"
	SecondStory = "second"
)

// Stories lists the stories that have evaluation sets, the seed story first.
func Stories() []string { return []string{SeedStory, SecondStory} }

//go:embed questions.json quotes.json second/questions.json second/quotes.json
var sets embed.FS

// setFile is where the named story's set of the given kind is embedded.
func setFile(story, kind string) string {
	if story == SeedStory {
		return kind + ".json"
	}
	return story + "/" + kind + ".json"
}

// load decodes one embedded set; the sets are part of the build, so a
// broken or missing one is a programming error.
func load(story, kind string, v any) {
	name := setFile(story, kind)
	data, err := sets.ReadFile(name)
	if err != nil {
		panic(fmt.Sprintf("evalset: story %q has no %s set: %v", story, kind, err))
	}
	if err := json.Unmarshal(data, v); err != nil {
		panic(fmt.Sprintf("evalset: %s: %v", name, err))
	}
}

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
	// Seed names the article: for the seed story the seed file its front
	// matter names ("seed:"), for the second story the article's file name.
	Seed     string   `json:"seed"`
	Speakers []string `json:"speakers"`
	Quote    string   `json:"quote"`
	Kind     string   `json:"kind"` // "full" or "partial"
}

// InArticle reports whether q belongs to the article read from path whose
// front matter names seed (empty when it has none).
func (q Quote) InArticle(seed, path string) bool {
	return q.Seed == filepath.Base(path) || (seed != "" && q.Seed == seed)
}

// Questions returns the seed story's evaluation questions.
func Questions() []Question { return StoryQuestions(SeedStory) }

// Quotes returns the seed story's gold quotations.
func Quotes() []Quote { return StoryQuotes(SeedStory) }

// StoryQuestions returns the named story's evaluation questions. It panics
// for a story without a set: the stories are fixed at build time.
func StoryQuestions(story string) []Question {
	var v struct{ Questions []Question }
	load(story, "questions", &v)
	return v.Questions
}

// StoryQuotes returns the named story's gold quotations.
func StoryQuotes(story string) []Quote {
	var v struct{ Quotes []Quote }
	load(story, "quotes", &v)
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
