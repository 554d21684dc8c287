package lang

import (
	"fmt"
	"time"

	"github.com/kljensen/snowball/english"

	"dossier/internal/lang/wordnet"
)

// English returns the facts of English. Each call builds a new value (it
// takes microseconds); build it once in main and pass it on.
func English() *Language {
	l := &Language{
		Code: "en",
		Name: "English",
		Stem: func(w string) string { return english.Stem(w, true) },

		StopWords:        NewWordSet(enStopWords),
		QuestionWords:    NewWordSet(enQuestionWords),
		Auxiliaries:      NewWordSet(enAuxiliaries),
		Determiners:      NewWordSet(enDeterminers),
		Indefinites:      NewWordSet(enIndefinites),
		Prepositions:     NewWordSet(enPrepositions),
		Subordinators:    NewWordSet(enSubordinators),
		ClauseBreaks:     NewWordSet(enClauseBreaks),
		Relatives:        NewWordSet(enRelatives),
		BackPronouns:     NewWordSet(enBackPronouns),
		SentenceStarters: NewWordSet(enSentenceStarters),
		SentenceAdverbs:  NewWordSet(enSentenceAdverbs),

		Months:        map[string]time.Month{},
		Weekdays:      NewWordSet(enWeekdays),
		RelativeDays:  NewWordSet(enRelativeDays),
		Periods:       NewWordSet(enPeriods),
		PeriodLeads:   NewWordSet(enPeriodLeads),
		DurationUnits: NewWordSet(enDurationUnits),
		NumberWords:   NewWordSet(enNumberWords),

		TitleAbbrevs:     NewWordSet(enTitleAbbrevs + apTitleAbbrevs()),
		NumberedAbbrevs:  NewWordSet(enNumberedAbbrevs),
		Honorifics:       NewWordSet(enHonorifics),
		TitleExpansions:  map[string]string{},
		TitleWords:       NewWordSet(enTitleWords),
		CompoundPrefixes: NewWordSet(enCompoundPrefixes),
		NameParticles:    NewWordSet(enNameParticles),
		NameSuffixes:     NewWordSet(enNameSuffixes),
		RoleNouns:        NewWordSet(enRoleNouns),
		PersonNouns:      NewWordSet(enPersonNouns),
		RelationalNouns:  NewWordSet(enRelationalNouns),
		OrgWords:         NewWordSet(enOrgWords),
		Countries:        countryNames(),
		MaleWords:        NewWordSet(enMaleWords),
		FemaleWords:      NewWordSet(enFemaleWords),
		PersonalPronouns: map[string]byte{"he": 'm', "she": 'f'},

		NamingVerbs:     NewWordSet(enNamingVerbs),
		PublishVerbs:    NewWordSet(enPublishVerbs),
		NeutralSpeech:   NewWordSet(enNeutralSpeech),
		OrdinalSuffixes: []string{"st", "nd", "rd", "th"},
		speech:          map[string]string{},
		irregular:       map[string]string{},
		loadRelated:     englishRelated,
		cue:             cueForms(enCueVerbs, enIrregular),
		comm:            commForms(enCommunicationVerbs),
		cueForm:         NewWordSet(enCueForms...),
		manner:          mannerForms(),
		phrasal:         phrasalForms(),
		documents:       NewWordSet(enDocumentNouns),
		titling:         NewWordSet(enTitling),
		issueParticles:  NewWordSet(enIssueParticles),
		Answer:          englishAnswerWords(),
	}
	for i, names := range enMonths {
		for _, n := range names {
			l.Months[n] = time.Month(i + 1)
		}
	}
	for _, p := range append(enTitleExpansions, enAPTitleExpansions...) {
		l.TitleExpansions[p[0]] = p[1]
	}
	for base, forms := range enIrregular {
		for _, f := range forms {
			l.irregular[f] = base
		}
	}
	doubled := NewWordSet(enDoubling)
	for _, lemma := range NewWordSet(enSpeechLemmas).Words() {
		for _, f := range inflect(lemma, doubled.Has(lemma), enIrregular[lemma]) {
			l.speech[f] = lemma
		}
	}
	return l
}

// englishRelated reads the related stems derived from WordNet 3.0 (package
// wordnet). The table is compiled in and checked by its tests, so failing
// to parse it is a programming error.
func englishRelated() map[string][]string {
	m, err := wordnet.Related()
	if err != nil {
		panic(fmt.Sprintf("lang: the compiled-in WordNet table is malformed: %v", err))
	}
	return m
}

// The word lists of English. Each names where its words come from; a test
// checks that none holds a word twice. The closed word classes (pronouns,
// determiners, prepositions, auxiliaries, conjunctions) are those of a
// standard grammar (Quirk et al., A Comprehensive Grammar of the English
// Language, 1985), limited to the words the rules meet.
const (
	// enStopWords: NLTK's English stop-word list (Bird, Klein & Loper,
	// Natural Language Processing with Python, 2009), plus contractions as
	// the tokenizer writes them (without the apostrophe) and a few
	// high-frequency verbs and adverbs that carry no topic in a question.
	// Question words are included: "who leaked the call" is about leaking
	// and a call.
	enStopWords = `a about above after again against all am an and any are as at be because
been before being below between both but by can could did do does doing down during each few
for from further had has have having he her here hers herself him himself his how i if in into
is it its itself just me more most my myself no nor not now of off on once only or other our
ours ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were what
when where which while who whom whose why will with would you your yours yourself yourselves
also may might must shall us s t d ll m re ve dont doesnt didnt wont cant isnt arent wasnt
werent im youre hes shes theyre weve ive thats whats lets get got one ever yet via like many
much even`

	enQuestionWords = `who whom whose what which when where why how`

	enAuxiliaries = `did does do is are was were has have had can could will would should shall
may might must`

	enDeterminers = `the a an another this that`

	enIndefinites = `a an another one`

	enPrepositions = `of to for on at in with by from about between among against into onto over
under after before during since via through toward towards without within alongside including
despite like than per amid upon behind beside near`

	enSubordinators = `after when while before as since although though because if once until
unless whereas`

	enClauseBreaks = `but while whereas although though with yet`

	enRelatives = `who whom whose which that where`

	enBackPronouns = `he she they it his her their its him them this these those such`

	// enSentenceStarters: the most frequent sentence-initial words of
	// English news text (determiners, pronouns, conjunctions, temporal
	// adverbs).
	enSentenceStarters = `the a an he she it they we i you but and in on at this that these those
there his her its their our after before when while if as so yet still meanwhile however last
earlier later according asked both neither some many most`

	// enSentenceAdverbs: connective and temporal adverbs that open sentences,
	// and plural subjects that open them capitalised without being names.
	enSentenceAdverbs = `however meanwhile moreover furthermore nevertheless nonetheless instead
indeed still also separately additionally similarly likewise overall ultimately finally then now
today yesterday earlier later recently previously currently throughout across beyond around
inside outside toward towards amid despite following according speaking asked critics supporters
officials analysts experts`

	enWeekdays = `monday tuesday wednesday thursday friday saturday sunday`

	enRelativeDays = `yesterday today tomorrow tonight`

	enPeriods = `week weekend month year morning night evening day spring summer autumn winter`

	enPeriodLeads = `last next this earlier later same previous following`

	enDurationUnits = `second seconds minute minutes hour hours day days week weeks month months
year years decade decades century centuries`

	enNumberWords = `one two three four five six seven eight nine ten eleven twelve thirteen
fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
eighty ninety hundred hundreds thousand thousands million millions billion billions dozen dozens
half several`

	// enTitleAbbrevs: the abbreviations of titles, ranks and places of the
	// AP Stylebook and of common Latin abbreviations, written with a period
	// that does not end the sentence.
	enTitleAbbrevs = `mr mrs ms dr rep reps sen sens gov gen gens lt col capt cmdr sgt cpl maj adm
prof rev hon pres amb sec supt atty st mt ft vs v jr sr messrs mme mlle fig cf approx dept e.g i.e`

	// enNumberedAbbrevs: abbreviations usually followed by a number (AP
	// month abbreviations; "No.", "Art.", "p.", "vol.").
	enNumberedAbbrevs = `jan feb mar apr jun jul aug sep sept oct nov dec no nos art p pp vol`

	enHonorifics = `mr mrs ms miss dr prof sir dame lord lady rev hon mx`

	// enTitleWords: words that form capitalised titles with a role noun
	// ("Prime Minister", "Foreign Minister", "Attorney General").
	enTitleWords = `vice prime deputy acting former special foreign first interim senior chief
general attorney lieutenant colonel major admiral sergeant superintendent defense defence interior
finance economy justice trade energy health education labor labour environment culture transport
treasury communications press national security high supreme grand`

	enCompoundPrefixes = `vice deputy assistant under lieutenant`

	// enNameParticles: the particles of European and Arabic surnames.
	enNameParticles = `von van der den de del della di da du la le bin ibn al el`

	enNameSuffixes = `jr sr ii iii iv`

	// enRoleNouns: nouns that name a person by occupation, office, kinship
	// or relation, from the person nouns of general English (the kind
	// WordNet files under noun.person); a story's own roles are learned from
	// its appositions at build time.
	enRoleNouns = `aide adviser advisor ally ambassador analyst assistant associate attorney
author boss candidate captain ceo chair chairman chairwoman chairperson chancellor chief colleague
commander commissioner congressman congresswoman consultant correspondent counsel counterpart
critic delegate democrat deputy diplomat director economist editor emissary envoy executive
expert founder general governor head journalist judge lawmaker lawyer leader legislator liaison
manager mayor member minister negotiator officer official organizer owner partner politician
premier president prosecutor professor representative republican researcher secretary senator
sheriff speaker spokesman spokeswoman spokesperson strategist businessman businesswoman investor
king queen prince princess pope monarch ruler dictator confidant confidante friend rival opponent
supporter activist commentator columnist reporter host anchor doctor scientist son daughter wife
husband father mother brother sister nephew niece cousin widow tycoon magnate billionaire
entrepreneur coach player resident witness victim mediator broker operative loyalist alderman
alderwoman councilman councilwoman councilor councillor treasurer comptroller`

	enRelationalNouns = `ally associate confidant confidante friend loyalist partner colleague
counterpart supporter protege protégé`

	// enPublishVerbs: the verbs (lemmas) of publishing that news uses
	// for what an outlet carried ("Reuters reported", "Politico
	// published"), the "report" and "publish" senses of WordNet 3.0's
	// verb.communication file; a person reported is rarely named by
	// one word alone.
	enPublishVerbs = `report publish print broadcast air`

	// enOrgWords: head nouns of institutions, places and events, and
	// number words, which make a capitalised sequence no person's name.
	enOrgWords = `house senate congress parliament committee commission council department
ministry agency office bureau administration government embassy consulate fund bank news press
times post journal network media group party union court university college school institute
foundation association corporation company inc corp ltd llc co force forces army navy guard
police service services board authority organization organisation league club team airlines
airways station base center centre hospital church state states nations republic kingdom
federation city county province region street avenue square tower hall palace one two three four
five six seven eight nine ten summit conference forum treaty accord plan act day north south east
west northern southern eastern western central island islands ocean sea river valley mountain
mountains lake park airport port bridge road channel convention caucus coalition alliance movement
initiative project program society museum library magazine review tribune herald examiner radio
television`

	enMaleWords = `mr sir lord king prince father son brother husband nephew spokesman chairman
congressman businessman`

	enFemaleWords = `mrs ms miss dame lady queen princess mother daughter sister wife niece widow
spokeswoman chairwoman congresswoman businesswoman`

	// enSpeechLemmas: verbs that report what someone said or wrote, after
	// the reporting-verb lists of the Gender Gap Tracker (Asr et al., 2021)
	// and textacy. Each gets its inflected forms.
	enSpeechLemmas = `say tell add write note claim state insist argue explain warn caution urge
suggest comment remark reply respond answer ask announce declare confirm deny acknowledge admit
assert maintain contend stress emphasize emphasise observe recall report post tweet blast slam
criticize criticise decry denounce describe call dub label term brand quip joke concede predict
promise vow pledge allege complain lament speak testify conclude continue reiterate repeat counter
retort exclaim mention indicate hint scoff quote recount elaborate inform assure reassure boast
threaten plead demand question wonder muse mock rebut charge accuse proclaim fume grumble shout
whisper yell text message`

	// enDoubling: verbs among the lemmas above that double their last
	// consonant before -ed and -ing.
	enDoubling = `admit quip slam dub label`

	enNamingVerbs = `call dub label term brand describe characterize characterise deem`

	// enNeutralSpeech: the verbs of saying that carry no manner or stance
	// (Levin's "say" verbs, class 37.7, whose core members are say and tell).
	enNeutralSpeech = `say tell`
)

// enMonths: month names and their AP abbreviations, January first.
var enMonths = [12][]string{
	{"january", "jan"}, {"february", "feb"}, {"march", "mar"}, {"april", "apr"}, {"may"},
	{"june", "jun"}, {"july", "jul"}, {"august", "aug"}, {"september", "sep", "sept"},
	{"october", "oct"}, {"november", "nov"}, {"december", "dec"},
}

// enTitleExpansions: abbreviated titles (AP Stylebook) and the role each
// stands for.
var enTitleExpansions = [][2]string{
	{"rep", "representative"}, {"reps", "representative"}, {"sen", "senator"},
	{"sens", "senator"}, {"gov", "governor"}, {"gen", "general"}, {"lt", "lieutenant"},
	{"col", "colonel"}, {"capt", "captain"}, {"cmdr", "commander"}, {"sgt", "sergeant"},
	{"maj", "major"}, {"adm", "admiral"}, {"amb", "ambassador"}, {"sec", "secretary"},
	{"pres", "president"}, {"supt", "superintendent"}, {"atty", "attorney"},
}

// enIrregular: the common irregular verbs of English with their past and
// participle forms (and "says", which the stemmer leaves alone).
var enIrregular = map[string][]string{
	"say": {"said", "says"}, "tell": {"told"}, "write": {"wrote", "written"},
	"meet": {"met"}, "take": {"took", "taken"}, "speak": {"spoke", "spoken"},
	"give": {"gave", "given"}, "get": {"got", "gotten"}, "go": {"went", "gone"},
	"make": {"made"}, "come": {"came"}, "think": {"thought"}, "know": {"knew", "known"},
	"leave": {"left"}, "send": {"sent"}, "find": {"found"}, "hold": {"held"}, "win": {"won"},
	"pay": {"paid"}, "lead": {"led"}, "bring": {"brought"}, "buy": {"bought"},
	"see": {"saw", "seen"}, "eat": {"ate", "eaten"}, "begin": {"began", "begun"},
	"hear": {"heard"}, "keep": {"kept"}, "lose": {"lost"}, "mean": {"meant"}, "run": {"ran"},
	"sit": {"sat"}, "stand": {"stood"}, "understand": {"understood"}, "wear": {"wore", "worn"},
	"choose": {"chose", "chosen"}, "draw": {"drew", "drawn"}, "fall": {"fell", "fallen"},
	"feel": {"felt"}, "fly": {"flew", "flown"}, "forget": {"forgot", "forgotten"},
	"grow": {"grew", "grown"}, "hide": {"hid", "hidden"}, "hang": {"hung"}, "lie": {"lay", "lain"},
	"light": {"lit"}, "rise": {"rose", "risen"}, "sell": {"sold"}, "show": {"shown"},
	"spend": {"spent"}, "strike": {"struck"}, "teach": {"taught"}, "throw": {"threw", "thrown"},
	"wake": {"woke", "woken"}, "become": {"became"}, "build": {"built"}, "deal": {"dealt"},
	"fight": {"fought"}, "seek": {"sought"}, "break": {"broke", "broken"}, "do": {"did", "done"},
	"drive": {"drove", "driven"}, "forbid": {"forbade", "forbidden"}, "shake": {"shook", "shaken"},
	"steal": {"stole", "stolen"}, "swear": {"swore", "sworn"}, "tear": {"tore", "torn"},
	"bite": {"bit", "bitten"}, "blow": {"blew", "blown"}, "freeze": {"froze", "frozen"},
	"ride": {"rode", "ridden"}, "ring": {"rang", "rung"}, "sing": {"sang", "sung"},
	"sink": {"sank", "sunk"}, "swim": {"swam", "swum"}, "catch": {"caught"}, "feed": {"fed"},
	"flee": {"fled"}, "bind": {"bound"}, "dig": {"dug"}, "lend": {"lent"}, "shoot": {"shot"},
	"slide": {"slid"}, "spin": {"spun"}, "stick": {"stuck"}, "sting": {"stung"},
	"swing": {"swung"}, "weep": {"wept"}, "wind": {"wound"}, "withdraw": {"withdrew", "withdrawn"},
	"undertake": {"undertook", "undertaken"}, "overtake": {"overtook", "overtaken"},
	"mislead": {"misled"}, "arise": {"arose", "arisen"}, "awake": {"awoke", "awoken"},
	"bear": {"bore", "borne"}, "beat": {"beaten"}, "bend": {"bent"}, "bleed": {"bled"},
	"breed": {"bred"}, "creep": {"crept"}, "sleep": {"slept"}, "sweep": {"swept"},
	"speed": {"sped"}, "spit": {"spat"}, "strive": {"strove", "striven"}, "tread": {"trod", "trodden"},
}
