package evalset

import (
	_ "embed"
	"encoding/json"
)

// seedPeopleJSON is the seed story's set of questions worded the way
// people ask them (see SeedPeopleQuestions).
//
//go:embed testdata/seed_people.json
var seedPeopleJSON []byte

// SeedPeopleQuestions returns 137 questions about the seed story worded
// the way people ask them: paraphrases with synonyms of the articles'
// words, yes/no questions (some on which the articles disagree), why, "who
// is X", "what did X say about T", "how did X react", who/when/where/how
// many; and, a third of them, questions about the story that the articles
// do not answer (amounts, dates and reactions they do not give, people
// they do not quote). Same format and rules as Questions; for fitting and
// measuring answer selection and abstention.
func SeedPeopleQuestions() []Question {
	var v struct{ Questions []Question }
	if err := json.Unmarshal(seedPeopleJSON, &v); err != nil {
		panic("evalset: testdata/seed_people.json: " + err.Error()) // embedded at build time
	}
	return v.Questions
}
