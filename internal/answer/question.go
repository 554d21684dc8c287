package answer

import (
	"strings"

	"dossier/internal/analysis"
)

// kind is the kind of answer a question asks for. It only ranks sentences:
// a question of any kind may be answered by a sentence that lacks it ("the
// source remains unknown" answers "who leaked it").
type kind int

const (
	kindOther     kind = iota
	kindEntity         // who, which lawmaker, which outlet: a person or organisation
	kindTime           // when, what day
	kindPlace          // where, which country
	kindNumber         // how many, how much, how old
	kindDuration       // how long
	kindStatement      // what did X say, how did X react: a quotation or report of speech
	kindYesNo          // did, is, was …
	kindAge            // how old
)

var kindNames = [...]string{"other", "entity", "time", "place", "number", "duration", "statement", "yes/no", "age"}

func (k kind) String() string { return kindNames[k] }

// question is what the answerer needs to know about a question.
type question struct {
	text string
	kind kind
	// terms are the distinct search terms the answer's sentences should
	// contain: stems of the content words, without the words that only say
	// what kind of answer is wanted ("how many", "which lawmaker").
	terms []string
	// factor scales each term's weight: 1, or less for a given name that
	// stands before a surname ("Yuri Ushakov"), since articles name people
	// by surname after the first mention.
	factor []float64
	// words are the stems of every word of the question. An entity or
	// place already named in the question is not an answer to it.
	words map[string]bool
	// counted is the stem of the noun after "how many" ("points"), which a
	// number in the answer should be attached to; empty otherwise.
	counted string
}

// auxiliaries start yes/no questions and follow "what"/"which" when no
// noun does ("what did …").
var auxiliaries = wordSet("did", "does", "do", "is", "are", "was", "were", "has", "have", "had",
	"can", "could", "will", "would", "should", "shall", "may", "might", "must")

// speechVerbs mark a question about what someone said; the answer is a
// quotation or a report of speech. "say" and "tell" are dropped from the
// terms of such questions because the answer says "wrote", "posted",
// "called it"… as often as "said".
var speechVerbs = wordSet("say", "said", "says", "tell", "told", "think", "thought", "describe",
	"described", "respond", "responded", "react", "reacted", "defend", "defended", "claim",
	"claimed", "call", "called", "write", "wrote", "comment", "commented", "explain", "explained",
	"justify", "justified", "argue", "argued", "warn", "warned", "criticise", "criticize")

var dropWhenStatement = wordSet("say", "said", "says", "tell", "told")

// eventVerbs only say that something happened; in a when or where
// question ("where was it held", "when did it take place") they carry no
// topic, and the answer rarely repeats them.
var eventVerbs = wordSet("hold", "held", "take", "took", "taken", "place", "happen", "happened",
	"occur", "occurred", "located", "based")

// Category nouns after "which"/"what" name the kind of answer ("which
// lawmaker" wants a person). They are not terms: the answer says "Rep. Don
// Bacon", not "lawmaker".
var (
	entityNouns = wordSet("person", "people", "man", "men", "woman", "women", "lawmaker", "lawmakers",
		"legislator", "legislators", "senator", "senators", "congressman", "congresswoman",
		"representative", "representatives", "official", "officials", "politician", "politicians",
		"leader", "leaders", "minister", "ministers", "aide", "aides", "adviser", "advisers",
		"advisor", "advisors", "envoy", "envoys", "diplomat", "diplomats", "spokesman",
		"spokeswoman", "spokesperson", "journalist", "journalists", "reporter", "reporters",
		"critic", "critics", "ally", "allies", "negotiator", "negotiators", "member", "members",
		"candidate", "candidates", "judge", "lawyer", "executive", "executives", "officer",
		"analyst", "expert", "experts", "author", "authors", "founder", "owner", "player",
		"outlet", "outlets", "newspaper", "newspapers", "paper", "agency", "agencies",
		"organisation", "organization", "organisations", "organizations", "company",
		"companies", "firm", "firms", "network", "networks", "broadcaster", "publication",
		"publications", "channel", "website", "group", "groups", "party", "parties",
		"committee", "department", "ministry", "institution", "union", "court", "embassy",
		"media", "source", "sources")
	placeNouns = wordSet("country", "countries", "city", "cities", "town", "towns", "region",
		"regions", "territory", "territories", "state", "states", "province", "provinces",
		"place", "places", "location", "locations", "area", "areas", "nation", "nations", "venue")
	timeNouns = wordSet("day", "days", "date", "dates", "year", "years", "month", "months",
		"time", "week", "hour")
)

// irregular maps irregular verb forms to their base form, so that "met"
// meets "meet" and "said" meets "say": the stemmer only knows regular
// endings.
var irregular = map[string]string{
	"said": "say", "says": "say", "told": "tell", "wrote": "write", "written": "write",
	"met": "meet", "took": "take", "taken": "take", "spoke": "speak", "spoken": "speak",
	"gave": "give", "given": "give", "got": "get", "gotten": "get", "went": "go", "gone": "go",
	"made": "make", "came": "come", "thought": "think", "knew": "know", "known": "know",
	"left": "leave", "sent": "send", "found": "find", "held": "hold", "won": "win", "paid": "pay",
	"led": "lead", "brought": "bring", "bought": "buy", "saw": "see", "seen": "see", "ate": "eat",
	"eaten": "eat", "began": "begin", "begun": "begin", "heard": "hear", "kept": "keep",
	"lost": "lose", "meant": "mean", "ran": "run", "sat": "sit", "stood": "stand",
	"understood": "understand", "wore": "wear", "worn": "wear", "chose": "choose",
	"chosen": "choose", "drew": "draw", "drawn": "draw", "fell": "fall", "fallen": "fall",
	"felt": "feel", "flew": "fly", "flown": "fly", "forgot": "forget", "grew": "grow",
	"hid": "hide", "hit": "hit", "hung": "hang", "lay": "lie", "lit": "light", "rose": "rise",
	"sold": "sell", "shown": "show", "spent": "spend", "struck": "strike", "taught": "teach",
	"threw": "throw", "thrown": "throw", "woke": "wake", "became": "become", "built": "build",
	"dealt": "deal", "fought": "fight", "sought": "seek", "broke": "break", "broken": "break",
}

// termsOf appends the search terms of one token, irregular verbs taken to
// their base form first.
func termsOf(an *analysis.Analyzer, out []string, t analysis.Token) []string {
	if base, ok := irregular[t.Word]; ok {
		t.Word = base
	}
	return an.AppendTerms(out, t)
}

// parseQuestion works out the kind of answer wanted and the terms to look
// for, from general patterns of English questions.
func parseQuestion(an *analysis.Analyzer, text string) question {
	q := question{text: text, words: map[string]bool{}}
	toks := analysis.Tokenize(text)
	skip := make([]bool, len(toks)) // tokens that are not terms
	for i, t := range toks {
		for _, s := range termsOf(an, nil, t) {
			q.words[s] = true
		}
		q.words[an.Stem(t.Word)] = true
		if q.kind != kindOther {
			continue
		}
		next := func(j int) string {
			if i+j < len(toks) {
				return toks[i+j].Word
			}
			return ""
		}
		switch t.Word {
		case "who", "whom", "whose":
			q.kind = kindEntity
		case "when":
			q.kind = kindTime
		case "where":
			q.kind = kindPlace
		case "how":
			switch next(1) {
			case "many", "much":
				q.kind, skip[i+1] = kindNumber, true
				if n := next(2); n != "" && !auxiliaries[n] && !analysis.IsStopWord(n) {
					q.counted = an.Stem(n)
				}
			case "old":
				q.kind, skip[i+1] = kindAge, true
			case "long":
				q.kind, skip[i+1] = kindDuration, true
			}
		case "which", "what":
			n := next(1)
			switch {
			case entityNouns[n]:
				q.kind, skip[i+1] = kindEntity, true
			case placeNouns[n]:
				q.kind, skip[i+1] = kindPlace, true
			case timeNouns[n]:
				q.kind, skip[i+1] = kindTime, true
			}
		}
	}
	if q.kind == kindOther {
		q.kind = otherKind(toks)
	}
	given := givenNames(text, toks)
	seen := map[string]bool{}
	for i, t := range toks {
		if skip[i] || (q.kind == kindStatement && dropWhenStatement[t.Word]) ||
			((q.kind == kindTime || q.kind == kindPlace) && eventVerbs[t.Word]) {
			continue
		}
		for _, s := range termsOf(an, nil, t) {
			if !seen[s] {
				seen[s] = true
				q.terms = append(q.terms, s)
				f := 1.0
				if given[i] {
					f = givenNameFactor
				}
				q.factor = append(q.factor, f)
			}
		}
	}
	return q
}

// givenNameFactor is the weight of a given name relative to a surname.
const givenNameFactor = 0.3

// givenNames marks the tokens of the question that begin a run of
// capitalised words ("Gregory" in "Gregory Meeks"): every word of a name
// but the last.
func givenNames(text string, toks []analysis.Token) []bool {
	given := make([]bool, len(toks))
	isCap := func(i int) bool {
		return i < len(toks) && !analysis.IsStopWord(toks[i].Word) && capitalised(text, toks[i]) &&
			(i == len(toks)-1 || strings.TrimSpace(text[toks[i].End:toks[i+1].Start]) == "")
	}
	for i := range toks {
		given[i] = i > 0 && isCap(i) && isCap(i+1) && capitalised(text, toks[i+1])
	}
	return given
}

// otherKind tells statement and yes/no questions apart from the rest.
func otherKind(toks []analysis.Token) kind {
	for _, t := range toks {
		if speechVerbs[t.Word] {
			return kindStatement
		}
	}
	if len(toks) > 0 && auxiliaries[toks[0].Word] {
		return kindYesNo
	}
	return kindOther
}

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[strings.ToLower(w)] = true
	}
	return m
}
