package quotes

import "strings"

// The word lists below are general English, not knowledge of any one story:
// which verbs report speech, which nouns name a person's role, which
// capitalised words belong to institutions rather than to people. What the
// articles say about their own people (appositions, titles) is learned from
// the text at build time; see people.go.

func wordSet(lists ...string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lists {
		for _, w := range strings.Fields(l) {
			m[w] = true
		}
	}
	return m
}

// speechLemmas are verbs that report what someone said or wrote, in the
// spirit of the Gender Gap Tracker's quote-verb list and textacy's
// reporting verbs. Each gets its inflected forms in speechVerbs.
const speechLemmas = `say tell add write note claim state insist argue explain warn caution urge
suggest comment remark reply respond answer ask announce declare confirm deny acknowledge admit
assert maintain contend stress emphasize emphasise observe recall report post tweet blast slam
criticize criticise decry denounce describe call dub label term brand quip joke concede predict
promise vow pledge allege complain lament speak testify conclude continue reiterate repeat
counter retort exclaim mention indicate hint scoff quote recount elaborate inform assure reassure
boast threaten plead demand question wonder muse mock rebut insist complain charge accuse
proclaim fume grumble shout whisper yell text message`

// irregular gives the past forms of speech verbs that do not add -ed.
var irregular = map[string][]string{
	"say":   {"said"},
	"tell":  {"told"},
	"write": {"wrote", "written"},
	"speak": {"spoke", "spoken"},
}

// doubled are verbs that double their last consonant before -ed and -ing.
var doubled = wordSet("admit quip slam dub label")

// speechVerbs maps every form of a speech verb to its lemma.
var speechVerbs = func() map[string]string {
	m := map[string]string{}
	for _, l := range strings.Fields(speechLemmas) {
		for _, f := range inflect(l) {
			m[f] = l
		}
	}
	return m
}()

// inflect returns the lemma, its -s, past and -ing forms.
func inflect(l string) []string {
	last := l[len(l)-1]
	stem := l
	if doubled[l] {
		stem = l + string(last)
	}
	var s3, past, ing string
	switch {
	case strings.HasSuffix(l, "s") || strings.HasSuffix(l, "sh") || strings.HasSuffix(l, "ch") || strings.HasSuffix(l, "x"):
		s3 = l + "es"
	case strings.HasSuffix(l, "y") && !isVowel(l[len(l)-2]):
		s3 = l[:len(l)-1] + "ies"
	default:
		s3 = l + "s"
	}
	switch {
	case strings.HasSuffix(l, "e"):
		past = l + "d"
		ing = l[:len(l)-1] + "ing"
	case strings.HasSuffix(l, "y") && !isVowel(l[len(l)-2]):
		past = l[:len(l)-1] + "ied"
		ing = l + "ing"
	default:
		past = stem + "ed"
		ing = stem + "ing"
	}
	forms := []string{l, s3, ing}
	if irr, ok := irregular[l]; ok {
		return append(forms, irr...)
	}
	if l == "label" {
		forms = append(forms, "labeled", "labeling")
	}
	return append(forms, past)
}

func isVowel(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }

// namingVerbs bind a short quotation to their subject more tightly than any
// other verb: in `X called it “fake”` the words are X's whatever else the
// sentence says.
var namingVerbs = wordSet("call dub label term brand describe characterize characterise deem")

// roleNouns name a person by what they are ("the envoy", "a close adviser").
// Heads learned from the articles' appositions are added at build time.
var roleNouns = wordSet(`aide adviser advisor ally ambassador analyst assistant associate attorney
author boss candidate captain ceo chair chairman chairwoman chairperson chancellor chief colleague
commander commissioner congressman congresswoman consultant correspondent counsel counterpart
critic delegate democrat deputy developer diplomat director economist editor emissary envoy
executive expert founder general governor head interlocutor journalist judge lawmaker lawyer
leader legislator liaison manager mayor member minister negotiator officer official organizer
owner partner politician premier president prosecutor professor representative republican
researcher secretary senator sheriff speaker spokesman spokeswoman spokesperson strategist
businessman businesswoman investor king queen prince princess pope monarch ruler dictator
confidant friend rival opponent supporter activist commentator columnist propagandist reporter
host anchor doctor scientist son daughter wife husband son-in-law daughter-in-law father mother
brother sister nephew niece cousin widow tycoon magnate billionaire entrepreneur coach player
captain resident witness victim spokesperson envoy chancellor negotiator mediator broker
operative loyalist confidante adviser-in-chief`)

// relational nouns say only that someone stands close to another person;
// "the mayor's ally" may be whoever the articles tie to the mayor, while
// "the mayor's lawyer" must be someone they call a lawyer.
var relational = wordSet("ally associate confidant confidante friend loyalist partner colleague counterpart supporter protege protégé")

// compoundPrefixes change what the role is ("vice president" is not "the
// president"), so they stay part of the head.
var compoundPrefixes = wordSet("vice deputy assistant under lieutenant")

// honorifics stand before a name and are never part of it.
var honorifics = wordSet("mr mrs ms miss dr prof sir dame lord lady rev hon mx")

// titleAbbrevs are abbreviated titles and the role they stand for.
var titleAbbrevs = map[string]string{
	"rep": "representative", "reps": "representative", "sen": "senator", "sens": "senator",
	"gov": "governor", "gen": "general", "lt": "lieutenant", "col": "colonel", "capt": "captain",
	"cmdr": "commander", "sgt": "sergeant", "maj": "major", "adm": "admiral", "amb": "ambassador",
	"sec": "secretary", "pres": "president", "supt": "superintendent", "atty": "attorney",
}

// titleWords may stand, capitalised, in a title before a name: "Vice
// President", "Prime Minister", "Foreign Minister", "Special Envoy".
var titleWords = wordSet(`vice prime deputy acting former special foreign first interim
senior chief general attorney lieutenant colonel major admiral sergeant superintendent
defense defence interior finance economy justice trade energy health education labor
labour environment culture transport treasury communications press national security
high supreme grand`)

// orgWords mark a capitalised sequence as an institution, place or thing,
// never a person's name.
var orgWords = wordSet(`house senate congress parliament committee commission council department
ministry agency office bureau administration government embassy consulate fund bank news
press times post journal network media group party union court university college school
institute foundation association corporation company inc corp ltd llc co force forces army
navy guard police service services board authority organization organisation league club team
airlines airways station base center centre hospital church state states nations republic
kingdom federation city county province region street avenue square tower hall palace one two
three four five six seven eight nine ten summit conference forum treaty accord plan act day
north south east west northern southern eastern western central island islands ocean sea
river valley mountain mountains lake park airport port bridge road channel`)

// calendarWords are capitalised but name days and months.
var calendarWords = wordSet(`monday tuesday wednesday thursday friday saturday sunday january
february march april may june july august september october november december jan feb mar apr
jun jul aug sep sept oct nov dec`)

// particles join the parts of a name: "Ursula von der Leyen".
var particles = wordSet("von van der den de del della di da du la le bin ibn al el")

// nameSuffixes follow a surname and are not part of it.
var nameSuffixes = wordSet("jr sr ii iii iv")

// determiners open a description: "the envoy", "a senior aide".
var determiners = wordSet("the a an another this that")

// indefinites introduce someone new, not someone already named.
var indefinites = wordSet("a an another one")

// prepositions end a noun phrase and mark what follows as no subject.
var prepositions = wordSet(`of to for on at in with by from about between among against into
onto over under after before during since via through toward towards without within alongside
including despite like than per amid upon behind beside near`)

// fillers may stand between a subject and its speech verb: auxiliaries,
// negations and common adverbs ("Ushakov also said", "he has since said").
var fillers = wordSet(`has have had was were is are be been being would will could can may
might should must did does do not also then later again earlier previously reportedly allegedly
apparently separately further repeatedly once still already never always just only even
both each jointly together
subsequently ultimately initially quickly immediately first last since now publicly privately
today yesterday tonight recently`)

// subordinators open a clause that a sentence can lead with; a speech verb
// in such a clause does not introduce the main clause's quotation.
var subordinators = wordSet("after when while before as since although though because if once until unless whereas")

// sentenceAdverbs often open a sentence, capitalised, without being names.
var sentenceAdverbs = wordSet(`however meanwhile moreover furthermore nevertheless nonetheless
instead indeed still also separately additionally similarly likewise overall ultimately finally
then now today yesterday earlier later recently previously currently asked throughout across
beyond around inside outside toward towards amid despite following according speaking asked
critics supporters officials analysts experts`)

// clauseBreaks after a comma start a new clause with its own subject.
var clauseBreaks = wordSet("but while whereas although though with yet")

// relatives open a relative clause inside an apposition.
var relatives = wordSet("who whom whose which that where")

// gendered role nouns and honorifics let a pronoun skip someone it cannot
// refer to.
var (
	maleWords   = wordSet("mr sir lord king prince father son brother husband nephew spokesman chairman congressman businessman son-in-law")
	femaleWords = wordSet("mrs ms miss dame lady queen princess mother daughter sister wife niece widow spokeswoman chairwoman congresswoman businesswoman daughter-in-law")
)

// pronouns that refer to one person, with their gender.
var personalPronouns = map[string]byte{"he": 'm', "she": 'f'}

// singular returns the singular of a role noun ("negotiators" →
// "negotiator") and whether the word was plural.
func singular(w string) (string, bool) {
	switch {
	case roleNouns[w]:
		return w, false
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y", true
	case strings.HasSuffix(w, "men") && roleNouns[w[:len(w)-3]+"man"]:
		return w[:len(w)-3] + "man", true
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") && len(w) > 3:
		return w[:len(w)-1], true
	}
	return w, false
}
