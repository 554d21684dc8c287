package lang

import (
	"strconv"
	"strings"
)

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
	// DurationVerbs only say that something went on for a time ("how long
	// did the call last", "how long will it take"); in a how-long question
	// they carry no topic.
	DurationVerbs WordSet
	// MeasureAdjectives after "how" ask for a measure, a number with its
	// unit: "how high did the river rise", "how far", "how deep".
	MeasureAdjectives WordSet
	// FrequencyAdverbs after "how" ask how often something happens ("how
	// often", "how frequently"): a period ("every forty years").
	FrequencyAdverbs WordSet
	// CountNouns stand for "the number of" something: a number after them
	// counts what the sentence is about ("the death toll rose to five").
	CountNouns WordSet
	// MeasureNouns name a quantity that is given as a number with a unit
	// ("the level of the river", "the cost"): "what was the record level"
	// asks for a number.
	MeasureNouns WordSet
	// MeasureUnits follow a number to make it a quantity of something
	// ("6.8 metres", "200 million euros", "12 percent").
	MeasureUnits WordSet
	// CurrencyUnits are the measure units that are money ("euros",
	// "dollars"); MoneyWords in a question of measure ask for money ("how
	// much did the gates cost", "how much was he paid"), which only an
	// amount in a currency answers: "30 kilometres" is no price.
	CurrencyUnits, MoneyWords WordSet
	// FrequencyWords say how often something happens ("daily", "often").
	FrequencyWords WordSet
	// SpokesNouns name one who speaks for an institution ("Kremlin
	// spokesman Dmitry Peskov said" is the Kremlin speaking).
	SpokesNouns WordSet
	// TimeLeads turn a length of time into a time to come ("within three
	// months", "in two weeks").
	TimeLeads WordSet
	// OrdinalUnits are units of time that are also ordinals: "a second
	// leaked call" counts no time, "a year" does.
	OrdinalUnits WordSet
	// NumberValues write the number words of a single word in digits
	// ("five" → "5"), so that "five" and "5" meet and "three" and "five"
	// differ. "One" is left out: it is as often a pronoun ("one of them").
	NumberValues map[string]string
	// OrdinalValues write the ordinal words in digits ("third" → "3"), so
	// that "the third call" and "the 3rd call" meet.
	OrdinalValues map[string]string
	// LooseNumbers are number words that are as often something else:
	// "one" a pronoun ("one of them"), "first" an adverb ("first
	// reported"). They count as numbers inside a compound or before a
	// scale ("twenty-one", "twenty-first", "one million"), and where
	// reading generously is safe.
	LooseNumbers map[string]string
	// NumberScales multiply the number before them ("4 million", "two
	// hundred", "a dozen": 12); MoneyScales do so glued to an amount after
	// a currency sign ("€50m", "$2bn") and nowhere else ("2m" may be two
	// metres).
	NumberScales, MoneyScales map[string]float64
	// IndefiniteArticles count one before a scale word ("a dozen", "a
	// million"); NumberJoiners join the parts of a number written in words
	// ("two hundred and fifty").
	IndefiniteArticles, NumberJoiners WordSet
	// NumberSigns are the signs written against a number ("20%", "$2m"),
	// with the word each stands for ("percent", "dollar").
	NumberSigns map[string]string
	// PlacePrepositions put a place after them: a name there ("on Tanner
	// Street", "in Velmora") is where, not who.
	PlacePrepositions WordSet
	// Contrastives after a comma join a clause that reports a fact of its
	// own ("…resumed on Wednesday, but the main road remained closed").
	Contrastives WordSet
	// StanceVerbs take a position on something without reporting words
	// ("did not dispute the transcript", "rejected the plan"): a reaction,
	// when the question asks how someone reacted.
	StanceVerbs WordSet
	// Denials say that something is not so without a negation ("Russia
	// denies leaking the call", "disputed the account"): in a yes/no
	// question's evidence each turns the claim around, as "not" does.
	Denials WordSet
	// Modals say what must, may or can be, not what is ("could", "should",
	// "must"); ModalLeads do so before "to" ("did not have to be late",
	// "needs to be"). "Will" and "would" are left out: they report what
	// is to come ("said he would not step down").
	Modals     WordSet
	ModalLeads WordSet
	// AttributionLeads introduce whose account a question asks for
	// ("according to Peskov"): they carry no topic.
	AttributionLeads WordSet
	// RecordLeads put before a record the words they report were taken
	// from ("said in the transcript", "according to the recording",
	// "quoted from the letter").
	RecordLeads WordSet
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

		DurationVerbs:      NewWordSet(enDurationVerbs),
		MeasureAdjectives:  NewWordSet(enMeasureAdjectives),
		FrequencyAdverbs:   NewWordSet(enFrequencyAdverbs),
		CountNouns:         NewWordSet(enCountNouns),
		MeasureNouns:       NewWordSet(enMeasureNouns),
		AttributionLeads:   NewWordSet(enAttributionLeads),
		RecordLeads:        NewWordSet(enRecordLeads),
		MeasureUnits:       NewWordSet(enMeasureUnits + " " + enCurrencyUnits),
		CurrencyUnits:      NewWordSet(enCurrencyUnits),
		MoneyWords:         NewWordSet(enMoneyWords),
		FrequencyWords:     NewWordSet(enFrequencyWords),
		SpokesNouns:        NewWordSet(enSpokesNouns),
		TimeLeads:          NewWordSet(enTimeLeads),
		OrdinalUnits:       NewWordSet(`second`),
		NumberValues:       enNumberValues(),
		OrdinalValues:      enOrdinalValues(),
		LooseNumbers:       map[string]string{"one": "1", "first": "1"},
		NumberScales:       enNumberScales(),
		MoneyScales:        enMoneyScales(),
		IndefiniteArticles: NewWordSet(`a an`),
		NumberJoiners:      NewWordSet(`and`),
		NumberSigns:        enNumberSigns(),
		PlacePrepositions:  NewWordSet(enPlacePrepositions),
		Contrastives:       NewWordSet(enContrastives),
		StanceVerbs:        NewWordSet(enStanceVerbs),
		Denials:            NewWordSet(enDenials),
		Modals:             NewWordSet(enModals),
		ModalLeads:         NewWordSet(enModalLeads),
	}
}

const (
	enLocatives = `in at to from near aboard inside outside into across throughout visited visit
visiting toward towards`

	enEventVerbs = `hold held take took taken place happen happened occur occurred located based`

	enReactionVerbs = `react reacted reacts reaction respond responded responds response defend
defended justify justified think thought feel felt`

	enNegations = `not no never nobody nothing neither nor none cannot`

	// enDurationVerbs: WordNet 3.1's verbs of lasting (verb.stative "last,
	// endure, go on, take") with their inflected forms.
	enDurationVerbs = `last lasts lasted lasting take takes took taken taking go goes went gone
continue continues continued endure endured`

	// enMeasureAdjectives: the dimension and degree adjectives that "how"
	// turns into a question of measure (Quirk et al. §7.88, measure
	// phrases: "six metres high", "30 kilometres far").
	enMeasureAdjectives = `high deep far tall wide big large heavy fast hot cold warm strong low
severe expensive costly`

	enFrequencyAdverbs = `often frequently`

	// enCountNouns: the nouns of WordNet 3.1's noun.quantity that stand for
	// a count of something else ("toll", "tally").
	enCountNouns = `toll tally total count number figure`

	// enMeasureNouns: WordNet 3.1's noun.attribute and noun.quantity heads
	// of the magnitudes news gives in numbers.
	enMeasureNouns = `level height depth length width distance speed rate cost price amount
sum total value weight size volume temperature budget salary fee fine toll`

	enAttributionLeads = `according`

	// enRecordLeads: the prepositions of source (Quirk et al. §9.63:
	// "in", "from") and "according (to)".
	enRecordLeads = `in from according`

	// enPlacePrepositions: the prepositions of position of Quirk et al.
	// §9.17–9.27 that take a place, not a person ("to" and "from" take
	// both: "spoke to Ushakov", "a call from Putin").
	enPlacePrepositions = `in at on near inside outside into onto across throughout aboard`

	// enContrastives: the coordinators and the conjunct of contrast that
	// join two main clauses (Quirk et al. §13.2, §15.51: "but", "yet",
	// "whereas"); "while" and "although" open subordinate clauses that
	// may lack a subject ("Chopin, while still a student, visited Berlin").
	enContrastives = `but yet whereas`

	// enStanceVerbs: WordNet 3.1's verbs of taking a stand (verb.communication
	// "dispute, challenge, reject, welcome, condemn, dismiss, protest,
	// oppose, endorse, praise") that the speech verbs of lang do not hold,
	// with their inflected forms.
	enStanceVerbs = `dispute disputes disputed disputing challenge challenges challenged
challenging reject rejects rejected rejecting welcome welcomes welcomed welcoming condemn
condemns condemned condemning dismiss dismisses dismissed dismissing protest protests protested
protesting oppose opposes opposed opposing endorse endorses endorsed endorsing praise praises
praised praising`

	// enDenials: WordNet 3.1's verbs of denying (verb.communication "deny,
	// dispute, challenge, contradict, refute, rebut, reject, dismiss,
	// refuse") with their inflected forms, and the noun "denial".
	enDenials = `deny denies denied denying denial dispute disputes disputed disputing challenge
challenges challenged challenging contradict contradicts contradicted contradicting refute refutes
refuted refuting rebut rebuts rebutted rebutting reject rejects rejected rejecting dismiss dismisses
dismissed dismissing refuse refuses refused refusing`

	// enModals: the modal auxiliaries of possibility and obligation
	// (Quirk et al. §4.49–4.54) but "will", "would" and "shall", which mark
	// the future; enModalLeads: the semi-auxiliaries of obligation before
	// "to" ("have to", "need to", "ought to").
	enModals     = `can cannot could may might must should`
	enModalLeads = `have has had having need needs needed ought`

	// enTimeLeads: the prepositions of time that take a length of time
	// (Quirk et al. §9.37–9.45: "in", "within", "after", "for").
	enTimeLeads = `in within after`

	// enMeasureUnits: the SI units and their common multiples and the
	// imperial units, singular and plural, with the abbreviations news
	// writes after a number; enCurrencyUnits: the currencies of ISO 4217
	// by their English names ("pound" is both: a weight and a currency).
	enMeasureUnits = `metre metres meter meters kilometre kilometres kilometer kilometers km
centimetre centimetres centimeter centimeters cm millimetre millimetres millimeter millimeters mm
mile miles foot feet ft inch inches yard yards gram grams kilogram kilograms kg tonne tonnes ton
tons pound pounds lb lbs litre litres liter liters gallon gallons barrel barrels degree degrees
percent hectare hectares acre acres knot knots mph watt watts megawatt megawatts
kilowatt kilowatts`
	enCurrencyUnits = `euro euros dollar dollars cent cents pence pound pounds sterling yen
yuan renminbi rouble roubles ruble rubles franc francs krona kronor krone kroner rupee rupees
peso pesos real reais rand won lira shekel shekels zloty forint`

	// enMoneyWords: WordNet 3.1's verbs and nouns of paying and prices
	// (verb.possession "cost, pay, spend, fund"; noun.possession "price,
	// fee, salary, wage, budget, compensation, fine"), with their
	// inflected forms.
	enMoneyWords = `cost costs costing price prices priced pay pays paid paying spend spends
spent spending fund funds funded funding budget budgets fee fees salary salaries wage wages
compensation fine fines fined worth`

	// enSpokesNouns: the person nouns of WordNet 3.1 for a speaker on an
	// institution's behalf (spokesperson, its synonyms and plurals) and the
	// heads of the offices that give its statements (AP Stylebook,
	// "spokesman, spokeswoman").
	enSpokesNouns = `spokesman spokeswoman spokesperson spokesmen spokeswomen spokespeople
secretary director official officials representative representatives`

	// enFrequencyWords: WordNet 3.1's adverbs of frequency (adv.all
	// "often", "daily", "regularly"…) that news uses.
	enFrequencyWords = `often frequently daily weekly monthly yearly annually hourly nightly
regularly routinely rarely seldom occasionally sometimes usually constantly repeatedly twice`
)

// enNumberValues maps the English number words of one word, two to
// twenty and the tens, to their digits.
func enNumberValues() map[string]string {
	m := map[string]string{}
	for i, w := range strings.Fields(`two three four five six seven eight nine ten eleven twelve
thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty`) {
		m[w] = strconv.Itoa(i + 2)
	}
	for i, w := range strings.Fields(`thirty forty fifty sixty seventy eighty ninety`) {
		m[w] = strconv.Itoa(30 + 10*i)
	}
	return m
}

var (
	enUnknownPhrases = []string{"unknown", "unclear", "not known", "did not say", "didn't say",
		"declined to say", "would not say", "refused to say", "not disclosed", "undisclosed",
		"unidentified", "not been identified", "did not disclose", "did not reveal"}

	enCauseMarkers = []string{"because", "due to", "owing to", "as a result of", "in order to",
		"so that", "so as to", "aimed at", "aims to", "aimed to", "meant to", "intended to",
		"with the intention of", "designed to", "in an effort to", "in a bid to", "seeking to",
		"for fear of", "the reason", "reason for", "aim of", "purpose of", "in response to"}
)
