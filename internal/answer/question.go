package answer

import (
	"strings"

	"dossier/internal/analysis"
	"dossier/internal/lang"
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
	kindReason         // why: a cause or a purpose
	kindIdentity       // who is X: X's role, title or description
	kindFrequency      // how often: "daily", "every forty years"
)

var kindNames = [...]string{"other", "entity", "time", "place", "number", "duration", "statement", "yes/no", "age", "reason", "identity", "frequency"}

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
	// surname is, for each term that is a given name, the index of its
	// surname's term, and -1 for every other term: a sentence that names
	// "Ushakov" names "Yuri Ushakov", as articles do after first mention.
	surname []int
	// words are the stems of every word of the question. An entity or
	// place already named in the question is not an answer to it.
	words map[string]bool
	// counted is the stem of the noun after "how many" ("points"), which a
	// number in the answer should be attached to; empty otherwise.
	counted string
	// countsTime: the counted noun is a unit of time ("how many days"),
	// whose numbers are then answers, not lengths of time.
	countsTime bool
	// measure: the question asks for a quantity with its unit ("how much
	// water", "how high", "what was the record level"), which a bare
	// number does not give.
	measure bool
	// money: a question of measure about a price ("how much did the
	// gates cost"), which only an amount in a currency answers.
	money bool
	// names are the stems of the proper names the question holds, and
	// numbers its numbers in digits: an answer should hold them too.
	names, numbers []string
	// nameRuns are the question's runs of capitalised words, as written
	// ("Dmitry Peskov"), for looking the speaker up in the quote index.
	nameRuns []string
	// speaker is the stem of the last word of the first run of names (a
	// surname, as articles name people): in "what did X say about T" and
	// "how did X react to T", X.
	speaker []string
	// reaction: the question asks how someone reacted ("react", "respond",
	// "defend"): taking a stand ("did not dispute it") answers it as well
	// as words do.
	reaction bool
	// asksSpeaker: a who question asks who said something ("which
	// lawmaker said Witkoff should be fired"): the answer is the name
	// that is the subject of a speech verb, which need not be "said".
	asksSpeaker bool
	// folded are the question's words, folded, in order.
	folded []string
	// predicate is, for a yes/no question, the index of the term that
	// says what is claimed of the subject ("dispute" in "Did the White
	// House dispute the transcript?"), or -1; denialPredicate: that term
	// is a word of denial ("Did Ushakov deny…?").
	predicate       int
	denialPredicate bool
	// predicateAt is the predicate's token, or -1.
	predicateAt int
	// modal: the question asks what must or may be ("Did the warning have
	// to be late?", "Could the town have been warned sooner?"), so
	// evidence with a modal answers it.
	modal bool
	// topic are the terms of the words after "about" in a statement
	// question ("what did X say about the leaked call"), to the first
	// preposition, but for words just before another content word, which
	// modify it: what X's words must be about ("call"; "the leaked plan"
	// is not about the leaked call).
	topic []string
	// sequel are the terms of the event a statement question places the
	// words after ("what did X say after the inquiry was ordered":
	// "inquiry", "order"), or before when sequelBefore: words the articles
	// date before (after) the first day a report of the event gives do not
	// answer.
	sequel       []string
	sequelBefore bool
}

// Category nouns after "which"/"what" name the kind of answer ("which
// lawmaker" wants a person). They are not terms: the answer says "Rep. Don
// Bacon", not "lawmaker". They are the answerer's own lists, not facts of
// English: the person, organisation, place and time nouns of general
// English that questions use as categories (WordNet's noun.person,
// noun.group, noun.location and noun.time heads, singular and plural),
// kept to the ones a question names an answer's kind with.
var (
	entityNouns = lang.NewWordSet(`person people man men woman women lawmaker lawmakers legislator legislators senator
senators congressman congresswoman representative representatives official officials
politician politicians leader leaders minister ministers aide aides adviser advisers
advisor advisors envoy envoys diplomat diplomats spokesman spokeswoman spokesperson
journalist journalists reporter reporters critic critics ally allies negotiator
negotiators member members candidate candidates judge lawyer executive executives
officer analyst expert experts author authors founder owner player outlet outlets
newspaper newspapers paper agency agencies organisation organization organisations
organizations company companies firm firms network networks broadcaster publication
publications channel website group groups party parties committee department ministry
institution union court embassy media source sources`)
	placeNouns = lang.NewWordSet(`country countries city cities town towns region regions territory territories state
states province provinces place places location locations area areas nation nations
venue`)
	timeNouns = lang.NewWordSet(`day days date dates year years month months time week hour decade
decades century centuries period era`)
	numberNouns = lang.NewWordSet(`number numbers percentage percent proportion share amount
amounts total sum figure figures population size count`)
)

// termsOf appends the search terms of one token, irregular verbs taken to
// their base form first.
func termsOf(l *lang.Language, an *analysis.Analyzer, out []string, t analysis.Token) []string {
	if base, ok := l.BaseForm(t.Word); ok {
		t.Word = base
	}
	return an.AppendTerms(out, t)
}

// parseQuestion works out the kind of answer wanted and the terms to look
// for, from general patterns of English questions.
func parseQuestion(l *lang.Language, an *analysis.Analyzer, text string) question {
	q := question{text: text, words: map[string]bool{}}
	toks := analysis.Tokenize(text)
	skip := make([]bool, len(toks)) // tokens that are not terms
	for i, t := range toks {
		q.folded = append(q.folded, t.Word)
		for _, s := range termsOf(l, an, nil, t) {
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
			if i == 0 && identityQuestion(l, text, toks) {
				q.kind = kindIdentity
			}
		case "why":
			q.kind = kindReason
		case "when":
			q.kind = kindTime
		case "where":
			q.kind = kindPlace
		case "how":
			switch next(1) {
			case "many", "much":
				q.kind, skip[i+1] = kindNumber, true
				q.measure = next(1) == "much"
				if n := next(2); n != "" && !l.Auxiliaries.Has(n) && !l.IsStopWord(n) {
					q.counted, q.countsTime = an.Stem(n), l.DurationUnits.Has(n)
				}
			case "old":
				q.kind, skip[i+1] = kindAge, true
			case "long":
				q.kind, skip[i+1] = kindDuration, true
			default:
				switch n := next(1); {
				case l.Answer.MeasureAdjectives.Has(n):
					q.kind, skip[i+1], q.measure = kindNumber, true, true
				case l.Answer.FrequencyAdverbs.Has(n):
					q.kind, skip[i+1] = kindFrequency, true
				}
			}
		case "which", "what":
			if k, at := categoryNoun(l, toks, i); k != kindOther {
				q.kind, skip[at] = k, true
				q.measure = l.Answer.MeasureNouns.Has(toks[at].Word)
			}
		}
	}
	if q.kind == kindOther {
		q.kind = otherKind(l, toks)
	}
	for _, t := range toks {
		q.money = q.money || (q.measure && l.Answer.MoneyWords.Has(t.Word))
		q.reaction = q.reaction || (q.kind == kindStatement && l.Answer.ReactionVerbs.Has(t.Word))
	}
	if q.kind == kindEntity {
		for i, t := range toks {
			// "the call" is a noun, not a speech verb.
			q.asksSpeaker = q.asksSpeaker || (l.IsSpeechVerb(t.Word) && (i == 0 || !l.Determiners.Has(toks[i-1].Word)))
		}
	}
	given := givenNames(l, text, toks)
	q.names = questionNames(an, l.IsStopWord, text, toks, given)
	q.numbers = questionNumbers(toks)
	q.nameRuns = nameRuns(l, text, toks)
	if q.kind == kindStatement {
		for i, t := range toks {
			if (t.Word == "after" || t.Word == "before") && i > 0 {
				q.sequelBefore = t.Word == "before"
				for _, u := range toks[i+1:] {
					if !l.IsStopWord(u.Word) && !l.Auxiliaries.Has(u.Word) {
						q.sequel = termsOf(l, an, q.sequel, u)
					}
				}
				break
			}
		}
		for i, t := range toks {
			if t.Word == "about" {
				rest := toks[i+1:]
				for j, u := range rest {
					if len(q.topic) > 0 && l.Prepositions.Has(u.Word) {
						break // "Witkoff's trip to Moscow": the trip
					}
					// "the leaked call": a word just before another content
					// word modifies it; the call is what the words are about.
					// A name that owns it does not modify it: words about
					// Witkoff are about "Witkoff's call".
					if j+1 < len(rest) && !l.IsStopWord(rest[j+1].Word) && !possessiveName(text, u) {
						continue
					}
					q.topic = termsOf(l, an, q.topic, u)
				}
				break
			}
		}
	}
	if len(q.nameRuns) > 0 {
		run := analysis.Tokenize(q.nameRuns[0])
		q.speaker = []string{an.Stem(run[len(run)-1].Word)}
	}
	if q.kind == kindStatement {
		if head := subjectHead(l, toks); head >= 0 {
			q.speaker = []string{an.Stem(toks[head].Word)}
		}
	}
	seen := map[string]bool{}
	termAt := make([]int, len(toks)) // the index of a token's first term, or -1
	for i, t := range toks {
		termAt[i] = -1
		if skip[i] || (q.kind == kindStatement && (sayOrTell(l, t.Word) || l.Answer.ReactionVerbs.Has(t.Word))) ||
			(q.kind == kindEntity && sayOrTell(l, t.Word)) ||
			((q.kind == kindTime || q.kind == kindPlace) && l.Answer.EventVerbs.Has(t.Word)) ||
			(q.kind == kindDuration && l.Answer.DurationVerbs.Has(t.Word)) ||
			(l.Answer.AttributionLeads.Has(t.Word) && next(toks, i) == "to") {
			continue
		}
		for _, s := range termsOf(l, an, nil, t) {
			if !seen[s] {
				seen[s] = true
				if termAt[i] < 0 {
					termAt[i] = len(q.terms)
				}
				q.terms = append(q.terms, s)
				f := 1.0
				if given[i] {
					f = givenNameFactor
				}
				q.factor = append(q.factor, f)
				q.surname = append(q.surname, -1)
			}
		}
	}
	q.predicate, q.predicateAt = -1, -1
	if q.kind == kindYesNo {
		if at := claimPredicate(l, text, toks, termAt); at >= 0 {
			q.predicate, q.predicateAt = termAt[at], at
			q.denialPredicate = l.Answer.Denials.Has(toks[at].Word)
		}
		for k := range toks {
			q.modal = q.modal || isModal(l, toks, k)
		}
	}
	for i := range toks {
		if !given[i] || termAt[i] < 0 {
			continue
		}
		j := i + 1 // the surname: the last word of the run of names
		for j+1 < len(toks) && given[j] {
			j++
		}
		// A person's name, not an institution's: a sentence that names
		// "the Department" does not name "the New York City Fire
		// Department".
		start := i
		for start > 0 && given[start-1] {
			start--
		}
		if j < len(toks) && termAt[j] >= 0 && j-start < maxPersonName && !l.OrgWords.Has(toks[j].Word) {
			q.surname[termAt[i]] = termAt[j]
		}
	}
	return q
}

// subjectHead returns the token that heads the subject of a question about
// what someone said or how they reacted: the last word between the
// auxiliary after the question word and the speech or reaction verb ("How
// did the water authority answer…" gives "authority", "What did Trump
// say…" "Trump"), or -1 when the question is not so built.
func subjectHead(l *lang.Language, toks []analysis.Token) int {
	aux := -1
	for i, t := range toks {
		switch {
		case aux < 0 && l.Auxiliaries.Has(t.Word) && i > 0:
			aux = i
		case aux >= 0 && (l.IsSpeechVerb(t.Word) || l.Answer.ReactionVerbs.Has(t.Word)):
			if i-1 > aux && !l.IsStopWord(toks[i-1].Word) {
				return i - 1
			}
			return -1
		}
	}
	return -1
}

// claimPredicate returns the token of a yes/no question that says what
// it claims of its subject: the first term after the subject, which
// follows the opening auxiliary and its determiners and is a run of
// names ("Did the White House dispute…") or one word ("Is the transcript
// real?", "Has the hydrologist…"); -1 when there is none.
//
// After a form of "be" the subject may be a compound ("Was the dam release
// necessary?"): the last of a run of two or more lower-case content words
// is the predicate, unless a determiner follows, which opens the
// predicate ("Was the flood warning a mistake?"). A phrase with "of"
// belongs to the subject, and the last of its run of two or more content
// words is the predicate ("Were the names of the drowned couple
// released?", "Did the mayor of Velmora criticise…"), unless, after
// "be", a determiner follows.
func claimPredicate(l *lang.Language, text string, toks []analysis.Token, termAt []int) int {
	if len(toks) == 0 {
		return -1
	}
	be := isBe(toks[0].Word)
	// lastOfRun returns the end of the run of content words from i and
	// whether its last word is the predicate.
	lastOfRun := func(i int, names bool) (int, bool) {
		j := i
		for i < len(toks) && !l.IsStopWord(toks[i].Word) && (names || !capitalised(text, toks[i])) {
			i++
		}
		opens := be && i < len(toks) && l.Determiners.Has(toks[i].Word)
		return i, i-j >= 2 && !opens && termAt[i-1] >= 0 && !capitalised(text, toks[i-1])
	}
	i := 1
	for i < len(toks) && l.Determiners.Has(toks[i].Word) {
		i++
	}
	switch {
	case i < len(toks) && capitalised(text, toks[i]):
		for i < len(toks) && (capitalised(text, toks[i]) || l.NameParticles.Has(toks[i].Word)) {
			i++
		}
	case be:
		end, ok := lastOfRun(i, false)
		switch {
		case ok && (end >= len(toks) || toks[end].Word != "of"):
			return end - 1
		case end < len(toks) && l.Determiners.Has(toks[end].Word):
			i = end // the whole run is the subject
		default:
			i++
		}
	default:
		i++
	}
	for i < len(toks) && toks[i].Word == "of" {
		i++
		for i < len(toks) && l.Determiners.Has(toks[i].Word) {
			i++
		}
		end, ok := lastOfRun(i, true)
		if ok {
			return end - 1
		}
		if end == i {
			break
		}
		i = end
	}
	for ; i < len(toks); i++ {
		if termAt[i] >= 0 && !capitalised(text, toks[i]) {
			return i
		}
	}
	return -1
}

// possessiveName reports whether token t of text is a capitalised name
// followed by a possessive "'s" ("Witkoff's call").
func possessiveName(text string, t analysis.Token) bool {
	if !capitalised(text, t) {
		return false
	}
	for _, s := range []string{"'s", "’s"} {
		if strings.HasSuffix(text[t.Start:t.End], s) || strings.HasPrefix(text[t.End:], s) {
			return true
		}
	}
	return false
}

// next is the folded word after token i, or "".
func next(toks []analysis.Token, i int) string {
	if i+1 < len(toks) {
		return toks[i+1].Word
	}
	return ""
}

// categoryNoun reads the noun that names the kind of answer after "which"
// or "what" at token i: the next word ("which lawmaker", "what date"), or
// the head of the noun phrase after a form of "be" ("what was the previous
// record level of the Aska": the last word before a preposition or the
// end). It returns the kind and the noun's token, or kindOther.
func categoryNoun(l *lang.Language, toks []analysis.Token, i int) (kind, int) {
	at := i + 1
	if at < len(toks) && isBe(toks[at].Word) {
		j := at + 1
		for j < len(toks) && l.Determiners.Has(toks[j].Word) {
			j++
		}
		head := -1
		for ; j < len(toks) && !l.IsStopWord(toks[j].Word) && !l.Prepositions.Has(toks[j].Word); j++ {
			head = j
		}
		if head < 0 {
			return kindOther, 0
		}
		at = head
	}
	if at >= len(toks) {
		return kindOther, 0
	}
	switch n := toks[at].Word; {
	case entityNouns.Has(n):
		return kindEntity, at
	case placeNouns.Has(n):
		return kindPlace, at
	case timeNouns.Has(n):
		return kindTime, at
	case numberNouns.Has(n), l.Answer.MeasureNouns.Has(n):
		return kindNumber, at
	}
	return kindOther, 0
}

// identityQuestion reports whether a question that opens with "who" asks
// who someone is: "Who is Kirill Dmitriev?", "who was Ushakov" — a form of
// "be" and then only a name.
func identityQuestion(l *lang.Language, text string, toks []analysis.Token) bool {
	if len(toks) < 3 || !isBe(toks[1].Word) {
		return false
	}
	for _, t := range toks[2:] {
		if !capitalised(text, t) && !l.NameParticles.Has(t.Word) {
			return false
		}
	}
	return true
}

func isBe(w string) bool { return w == "is" || w == "was" || w == "are" || w == "were" }

// nameRuns returns the runs of capitalised words of the question after
// its first word, as written.
func nameRuns(l *lang.Language, text string, toks []analysis.Token) []string {
	var out []string
	start := -1
	flush := func(end int) {
		if start >= 0 {
			out = append(out, text[toks[start].Start:toks[end].End])
			start = -1
		}
	}
	for i := 1; i < len(toks); i++ {
		name := capitalised(text, toks[i]) && !l.IsStopWord(toks[i].Word)
		joined := start >= 0 && strings.TrimSpace(text[toks[i-1].End:toks[i].Start]) == ""
		switch {
		case name && (start < 0 || joined):
			if start < 0 {
				start = i
			}
		case name:
			flush(i - 1)
			start = i
		default:
			flush(i - 1)
		}
	}
	flush(len(toks) - 1)
	return out
}

// maxPersonName bounds the words of a person's name ("Yuri Ushakov",
// "Mary Ann Evans"); a longer run of names is an institution's.
const maxPersonName = 3

// givenNameFactor is the weight of a given name relative to a surname.
const givenNameFactor = 0.3

// givenNames marks the tokens of the question that begin a run of
// capitalised words ("Gregory" in "Gregory Meeks"): every word of a name
// but the last.
func givenNames(l *lang.Language, text string, toks []analysis.Token) []bool {
	given := make([]bool, len(toks))
	isCap := func(i int) bool {
		return i < len(toks) && !l.IsStopWord(toks[i].Word) && capitalised(text, toks[i]) &&
			(i == len(toks)-1 || strings.TrimSpace(text[toks[i].End:toks[i+1].Start]) == "")
	}
	for i := range toks {
		given[i] = i > 0 && isCap(i) && isCap(i+1) && capitalised(text, toks[i+1])
	}
	return given
}

// otherKind tells statement and yes/no questions apart from the rest.
//
// A question that opens with an auxiliary is a yes/no question even when
// it holds a speech verb ("Was Greta Moll warned…?", "Did Ushakov say
// anyone could listen?"): it asks whether, and the evidence for or
// against is the answer, whoever gives it.
func otherKind(l *lang.Language, toks []analysis.Token) kind {
	if len(toks) > 0 && l.Auxiliaries.Has(toks[0].Word) {
		return kindYesNo
	}
	for _, t := range toks {
		if l.IsSpeechVerb(t.Word) || l.Answer.ReactionVerbs.Has(t.Word) {
			return kindStatement
		}
	}
	return kindOther
}

// sayOrTell reports whether w is a form of "say" or "tell", which a
// question about what someone said drops from its terms (as it drops
// "react" and "respond"): the answer says "wrote", "posted", "called it"…
// as often as "said", and rarely repeats "reacted".
func sayOrTell(l *lang.Language, w string) bool {
	lemma, _ := l.SpeechLemma(w)
	return lemma == "say" || lemma == "tell"
}
