package lang

// AnswerWords are the facts of a language that an answerer needs beyond
// the word classes of Language: how a sentence says where, that something
// is not known, why something was done, and which verbs ask for a
// reaction rather than a fact.
type AnswerWords struct {
	// Locatives stand before a place ("in Miami", "aboard Air Force One",
	// "visited Israel").
	Locatives WordSet
	// EventVerbs only say that something happened; in a when or where
	// question ("where was it held") they carry no topic.
	EventVerbs WordSet
	// ReactionVerbs ask how someone took something ("how did X react",
	// "defend", "justify"); the answer is what they said or did about it.
	ReactionVerbs WordSet
	// UnknownPhrases say that the thing asked for is not known.
	UnknownPhrases []string
	// CauseMarkers open a clause that gives a cause or a purpose ("because",
	// "to hinder", "meant to", "in order to").
	CauseMarkers []string
	// Negations turn a statement into its denial ("not", "never").
	Negations WordSet
}

// englishAnswerWords returns English's answer words. Sources: locatives,
// negations and cause and purpose subordinators are the closed classes of
// a standard grammar (Quirk et al., A Comprehensive Grammar of the English
// Language, 1985: prepositions of place, §9.15–9.30; negators, §10.54;
// clauses of reason and purpose, §15.45–15.49); event and reaction verbs
// are WordNet 3.1's verbs of occurrence (verb.change "happen, occur, take
// place") and of reaction (verb.communication "react, respond") with
// their inflected forms (a bare infinitive of purpose, "leaked to hinder
// talks", cannot be told from other infinitives without a parser, so only
// its marked forms are listed); unknown phrases are the ways the AP Stylebook's
// entry on anonymous sources says a fact is withheld.
func englishAnswerWords() AnswerWords {
	return AnswerWords{
		Locatives:      NewWordSet(enLocatives),
		EventVerbs:     NewWordSet(enEventVerbs),
		ReactionVerbs:  NewWordSet(enReactionVerbs),
		UnknownPhrases: enUnknownPhrases,
		CauseMarkers:   enCauseMarkers,
		Negations:      NewWordSet(enNegations),
	}
}

const (
	enLocatives = `in at to from near aboard inside outside into across throughout visited visit
visiting toward towards`

	enEventVerbs = `hold held take took taken place happen happened occur occurred located based`

	enReactionVerbs = `react reacted reacts reaction respond responded responds response defend
defended justify justified think thought feel felt`

	enNegations = `not no never nobody nothing neither nor none cannot`
)

var (
	enUnknownPhrases = []string{"unknown", "unclear", "not known", "did not say", "didn't say",
		"declined to say", "would not say", "refused to say", "not disclosed", "undisclosed",
		"unidentified", "not been identified", "did not disclose", "did not reveal"}

	enCauseMarkers = []string{"because", "due to", "owing to", "as a result of", "in order to",
		"so that", "so as to", "aimed at", "aims to", "aimed to", "meant to", "intended to",
		"with the intention of", "designed to", "in an effort to", "in a bid to", "seeking to",
		"for fear of", "the reason", "reason for", "aim of", "purpose of", "in response to"}
)
