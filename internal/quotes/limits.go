package quotes

// The windows and thresholds of the rules, in tokens unless they say
// otherwise. They were set on the seed story and the port-strike test
// story (testdata/port-strike) as the smallest values that let every
// construction of those articles through, and checked on PolNeAR's
// train and dev articles (testdata/polnear); a larger window lets a
// speech verb reach a subject that is not its own.
const (
	// maxAppositionAfter is how far "Smith, a former aide to the mayor,"
	// may run between the name after a quotation and the comma that
	// closes the apposition before "said": appositions of news style
	// are a noun phrase with a complement, rarely over a dozen words. A
	// candidate's string of titles runs longer ("Trump, the 2016 GOP
	// presidential frontrunner nationally and current polling leader in
	// South Carolina by a wide margin after …, said": 26); 30 lets it
	// through and attributes no quotation of PolNeAR train or dev wrongly
	// that 20 left unattributed.
	maxAppositionAfter = 30

	// maxSubjectPhrase is how many words the subject after a quotation
	// may have before its speech verb ("Clinton campaign spokesman Brian
	// Fallon said"): a name with a title and the modifiers of the title.
	maxSubjectPhrase = 8

	// maxFinalTail is how many words may follow a sentence-final
	// attribution ("…, Smith said on Monday in a statement."): a time and
	// a place or a medium; more, and the clause says something else.
	maxFinalTail = 6

	// maxNamingGap is how many words a naming verb may stand before its
	// quotation ("called the plan a “…”", "described it as “…”"): the
	// object of the verb and a determiner; further away, the verb names
	// something else.
	maxNamingGap = 4

	// maxApposition is how far apposed looks back from the comma before a
	// verb for the comma that opens an apposition ("Smith, the mayor's
	// long-serving chief of staff since 2019, said"): a long apposition
	// with a relative clause fits; two clauses do not.
	maxApposition = 25

	// maxParenthesis is the longest parenthesis skipped after a name
	// ("Sen. Smith (R-Neb.)", "(pictured)"); a longer one is an aside
	// with its own subject.
	maxParenthesis = 8

	// maxInlinePhrase is the longest phrase of time or manner read
	// between a subject and its verb ("Trump at the time said", "Smith in
	// a statement said"): a preposition, a determiner, a modifier and a
	// noun.
	maxInlinePhrase = 4

	// maxModifiers is how many words a description may have before its
	// head noun ("the senior Russian foreign policy adviser"); English
	// noun phrases in news rarely pile up more.
	maxModifiers = 6

	// maxReverseApposition is the longest description read before a name
	// it describes ("another close ally of the mayor, Jane Roe").
	maxReverseApposition = 5

	// maxAttributionLead is how many tokens a sentence may open with
	// before its speech verb and still be only an attribution ("Smith
	// asked.", "the official added"), to be joined to the question
	// before it.
	maxAttributionLead = 4

	// minNameWords is how many name words (a given name and a surname)
	// make a run of capitalised words a person by itself; one word is a
	// person only after an honorific ("Mr. Smith"), or as the surname of
	// someone named in full elsewhere, because alone it may be a place or
	// an outlet ("Reuters").
	minNameWords = 2

	// minFullWords is the fewest words a full quotation has; one or two
	// words quoted inside the reporter's sentence are a partial one.
	minFullWords = 3

	// minSameWords is the fewest words for which the same quotation in
	// two articles is taken to be the same person's: a short phrase
	// ("fake news") may be anyone's.
	minSameWords = 4

	// minLyAdverb is the shortest -ly word read as an adverb between a
	// subject and its verb ("also", "only" are listed; "firmly" is
	// recognised by its ending, "ally" and "fly" are too short).
	minLyAdverb = 5

	// minTypoSurname is the shortest surname two spellings of which
	// (one letter apart) are merged as one person; shorter names differ
	// by one letter too often ("Lee", "Lea").
	minTypoSurname = 5

	// pronounReach is how many paragraphs back a pronoun looks for its
	// antecedent; news rarely leaves a pronoun further from its name.
	pronounReach = 2

	// relationReach is how many paragraphs back a vague relation ("the
	// mayor's ally") looks for the person it may stand for.
	relationReach = 3

	// minBareName is the shortest word learnBare takes for a speaker's
	// one name: "Oz" and "Ban" are names, a single letter is an initial.
	minBareName = 2

	// minAllCaps is above how many letters a word written in capitals is
	// a headline or credit rather than an acronym ("DRISCOLL", not "NATO").
	minAllCaps = 3

	// minPastTense is the shortest word ending in -ed read as a past
	// tense after an institution's name ("the Security Council issued"):
	// shorter ones are nouns ("bed", "seed", "creed" have at most five
	// letters with "breed" and "greed"); "voted", "ruled" have five too
	// and are lost, which leaves the name unread rather than misread.
	minPastTense = 6

	// minPlaceUses is how many times a two-word name must follow "in"
	// (and in half its uses or more) to be a place rather than a person
	// ("in New Hampshire"): once may be "confidence in Jane Roe".
	minPlaceUses = 2

	// minTranscriptTurns is how many paragraphs a name in capitals must
	// open with a colon to be a transcript's speaker ("WALLACE: …"): a
	// transcript gives each speaker several turns, where a note or an
	// update opens one paragraph.
	minTranscriptTurns = 2
)
