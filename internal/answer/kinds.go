package answer

import (
	"math/bits"
	"slices"
	"strings"
	"time"
	"unicode"

	"dossier/internal/lang"
)

// kindScore says how well a unit states the kind of thing the question asks
// for, from 0 (not at all) to 1.
func (p *pool) kindScore(u *unit) float64 {
	best := 0.0
	about := false // a sentence so far in the unit is about the question
	for _, s := range u.sents() {
		// A sentence read with the one before it ("A leaked phone call
		// has surfaced… The five-minute conversation…") is about what
		// that one is about.
		here := p.aboutQuestion(s)
		switch {
		case here && p.topicMask != 0 && p.clauseKinds():
			// "Rail services resumed on Wednesday, but the main road
			// remained closed": the date is the clause's, and only a
			// clause about the question gives its answer.
			for _, c := range p.clauses(s) {
				if p.holdsTopicTerm(c) || p.holdsAllNames(matchTerms(p.q.terms[:len(p.weight)], c.stems)) {
					best = max(best, p.sentenceKind(c))
				}
			}
		case here || about:
			best = max(best, p.sentenceKind(s))
		}
		about = about || here
	}
	// What someone said is their words: a quotation by someone else
	// ("what did Peskov say" answered with Ushakov's words) is not an
	// answer. When the quote index knows the speaker, a unit that holds one
	// of their quotations states it fully and one that only names them at
	// most as reported speech; without the index, the unit must at least
	// name them.
	// "What did X say about T": words about something else do not answer.
	if p.q.kind == kindStatement && len(p.q.topic) > 0 && !p.holdsTopic(u) {
		return 0
	}
	// "What did X say after Z": words the articles date before Z were said
	// before it; "before Z", words dated after it.
	if p.q.kind == kindStatement && len(p.q.sequel) > 0 && p.outOfSequence(u) {
		return 0
	}
	if p.q.kind == kindStatement && len(p.q.speaker) > 0 {
		switch {
		case p.speakerQuotes != nil && u.holdsQuoteOf():
			return 1
		case !p.speaks(u):
			return 0
		}
	}
	return best
}

// outOfSequence reports whether the words of the unit were printed or
// said before the event the question places them after (after the event
// it places them before): the unit's day is before (after) the first day
// a retrieved sentence that holds all the event's terms (or words related
// to them) gives it. "The government on Saturday ordered an inquiry" and,
// in the same article, "went back to her house on Friday… “The walls are
// standing,” she said" put her words before the inquiry. A sentence of the
// unit that reports the event itself does not date the words. With no
// dated report of the event nothing is known.
func (p *pool) outOfSequence(u *unit) bool {
	if !p.q.sequelBefore && p.fromRecordOfSequel(u) {
		return true
	}
	first := p.firstSequelDay()
	if first.IsZero() {
		return false
	}
	day, ok := time.Time{}, false
	for _, s := range u.sents() {
		if p.holdsAll(s, p.q.sequel) {
			continue
		}
		if day, ok = p.dayOf(u.para, s); ok {
			break
		}
	}
	if p.q.sequelBefore {
		return ok && day.After(first)
	}
	return ok && day.Before(first)
}

// fromRecordOfSequel reports whether a sentence of the unit takes its
// words from a record that is the question's event ("Witkoff said in the
// transcript", "according to the transcript" for "what did Witkoff say
// after the transcript was published"): the record holds words said
// before it came out, whatever day the article reports them.
func (p *pool) fromRecordOfSequel(u *unit) bool {
	for _, s := range u.sents() {
		for i, t := range s.toks {
			if !p.l.Answer.RecordLeads.Has(t.Word) {
				continue
			}
			for j := i + 1; j <= min(i+recordReach, len(s.toks)-1) && sameClause(s, i, j); j++ {
				if p.isSequelTerm(s, j) {
					return true
				}
			}
		}
	}
	return false
}

// recordReach is how many tokens after "in" or "according" the record
// may stand ("according to the leaked transcript": the lead, "to", a
// determiner and one modifier).
const recordReach = 4

// isSequelTerm reports whether token j is a term of the question's event
// or a word related to one.
func (p *pool) isSequelTerm(s *sentence, j int) bool {
	for _, t := range p.q.sequel {
		for _, st := range s.stems[j] {
			if p.termOrRelated(st, t) {
				return true
			}
		}
	}
	return false
}

// firstSequelDay is the first day a retrieved sentence that holds all the
// terms of the question's event gives it, or zero.
func (p *pool) firstSequelDay() time.Time {
	if p.sequelDone {
		return p.sequelDay
	}
	p.sequelDone = true
	for _, para := range p.paras {
		for _, s := range para.sents {
			if !p.holdsAll(s, p.q.sequel) {
				continue
			}
			if d, ok := p.dayOf(para, s); ok && (p.sequelDay.IsZero() || d.Before(p.sequelDay)) {
				p.sequelDay = d
			}
		}
	}
	return p.sequelDay
}

// dayOf is the day a sentence gives what it reports: the weekday it names,
// the latest such day up to its article's date, or else the article's date.
func (p *pool) dayOf(para *paragraph, s *sentence) (time.Time, bool) {
	date, err := time.Parse(time.DateOnly, p.results[para.result].Chunk.Doc.Date)
	if err != nil {
		return time.Time{}, false
	}
	for i := range s.toks {
		if wd, ok := p.weekday(word(s, i)); ok {
			return date.AddDate(0, 0, -((int(date.Weekday()) - int(wd) + 7) % 7)), true
		}
	}
	return date, true
}

// weekday returns the day of the week a folded word names. The language
// layer says which words are weekdays; their order is the calendar's,
// which the time package gives in English.
func (p *pool) weekday(w string) (time.Weekday, bool) {
	if !p.l.Weekdays.Has(w) {
		return 0, false
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		if strings.EqualFold(d.String(), w) {
			return d, true
		}
	}
	return 0, false
}

// termOrRelated reports whether a stem is the term t or a word related to it.
func (p *pool) termOrRelated(st, t string) bool {
	return sameTerm(st, t) || slices.Contains(p.related(t), st)
}

// holdsAll reports whether s holds each of terms, or a word related to it.
func (p *pool) holdsAll(s *sentence, terms []string) bool {
	for _, t := range terms {
		found := false
		for _, ss := range s.stems {
			for _, st := range ss {
				found = found || p.termOrRelated(st, t)
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// aboutQuestion reports whether a sentence's answer of the kind asked can
// be about the question: for a date, place, number, length of time,
// or frequency, the sentence must hold one of the question's words
// other than its names, or a word related to one, not as a title that
// only introduces the question's name, or all of its names (a paraphrase
// of its verb beside them; two names at least for a length of time). "It
// will examine the dam's rules" does not make the date of the sentence
// before it the date the dam was built, nor does "Mayor Irena Vasko" make
// any length of time in her sentence, or the next, how long she has been
// mayor.
func (p *pool) aboutQuestion(s *sentence) bool {
	switch p.q.kind {
	case kindTime, kindPlace, kindNumber, kindDuration, kindFrequency:
	default:
		return true
	}
	return p.topicMask == 0 || ((s.match|s.related)&p.topicMask != 0 && p.holdsTopicTerm(s)) || p.holdsAllNames(s.match)
}

// holdsAllNames reports whether a match holds every proper name of a
// question that has some: "In 1828 he travelled to Berlin" is about
// "when did Chopin visit Berlin" though it words the visit otherwise, when
// the sentence names Chopin too.
//
// A length of time needs durationNames of them: "how long has Vasko been
// mayor" asks how long a state lasts that her name alone does not tell
// ("Vasko said the town had received only forty minutes' warning"),
// while "how long have Witkoff and Trump known each other" names the pair
// whose time together any length of time beside both names gives.
func (p *pool) holdsAllNames(match uint64) bool {
	if p.q.kind == kindDuration && bits.OnesCount64(p.nameMask) < durationNames {
		return false
	}
	return p.nameMask != 0 && match&p.nameMask == p.nameMask
}

// durationNames is how many names a question of how long must hold for a
// sentence that holds them all, and no other word of the question, to be
// about it. Dates keep a single name ("when did Beyonce rise to fame":
// requiring two for every kind withheld 7 right SQuAD answers in
// TestQuality -squad.full); for lengths of time two lose no right answer
// on any set there.
const durationNames = 2

// clauseKinds reports whether the kind asked is read clause by clause
// (aboutQuestion's kinds but places, which follow a locative in a clause
// of their own as often as not: "…, at a shelter in the sports hall").
func (p *pool) clauseKinds() bool {
	switch p.q.kind {
	case kindTime, kindNumber, kindDuration, kindFrequency:
		return true
	}
	return false
}

// clauses splits a sentence at a semicolon and at a comma before a
// coordinator of contrast, which joins a clause with a fact of its own
// (", but the main road…"). The
// clauses share the sentence's text and token offsets.
func (p *pool) clauses(s *sentence) []*sentence {
	var out []*sentence
	start := 0
	for i := 1; i < len(s.toks); i++ {
		gap := s.text[s.toks[i-1].End:s.toks[i].Start]
		if strings.Contains(gap, ";") || (strings.Contains(gap, ",") && p.l.Answer.Contrastives.Has(s.toks[i].Word)) {
			out = append(out, &sentence{text: s.text, toks: s.toks[start:i], stems: s.stems[start:i]})
			start = i
		}
	}
	if start == 0 {
		return []*sentence{s}
	}
	return append(out, &sentence{text: s.text, toks: s.toks[start:], stems: s.stems[start:]})
}

// holdsTopicTerm reports whether a clause holds one of the question's
// terms other than its names, or a word related to one, other than as a
// title that only introduces a name (titleOfName): "Mayor Irena Vasko
// said…" names her, and says nothing of her being mayor.
func (p *pool) holdsTopicTerm(c *sentence) bool {
	for j := range c.stems {
		if p.isTopicToken(c, j) {
			return true
		}
	}
	return false
}

// isTopicToken reports whether token j is one of the question's terms
// other than its names, or a word related to one, other than as a title
// that only introduces a name.
func (p *pool) isTopicToken(c *sentence, j int) bool {
	return slices.ContainsFunc(c.stems[j], p.isTopicStem) && !p.titleOfName(c, j)
}

// isTopicStem reports whether a stem is one of the question's terms other
// than its names, or related to one.
func (p *pool) isTopicStem(st string) bool {
	if p.relatedMask[st]&p.topicMask != 0 {
		return true
	}
	for i, t := range p.q.terms[:len(p.weight)] {
		if p.topicMask&(1<<i) != 0 && sameTerm(st, t) {
			return true
		}
	}
	return false
}

// titleOfName reports whether token j is part of a title that only
// introduces one of the question's names: a role or title word written
// with a capital or after a name, or a name before one ("Army
// Secretary", "Kremlin spokesman"), followed in its clause by a run of
// names and roles that holds the question's name, with at most
// titleReach tokens from j to the role word. "Mayor Irena Vasko renewed
// her criticism…" names her; it does not say how long she has been
// mayor. A possessive ends the title ("Chopin's sister Emilia" says whose
// sister she is).
func (p *pool) titleOfName(s *sentence, j int) bool {
	role := p.isRole(word(s, j))
	switch {
	case !role && !p.isName(s, j):
		return false
	case role && !capitalised(s.text, s.toks[j]) && (j == 0 || !p.isName(s, j-1) || !sameClause(s, j-1, j) || possessive(s, j-1)):
		// "his youngest sister Emilia" describes her; a title is
		// written with a capital or after a name ("Kremlin spokesman").
		return false
	}
	k := j + 1
	for ; !role && k <= min(j+titleReach, len(s.toks)-1) && sameClause(s, j, k) && !possessive(s, k-1); k++ {
		switch {
		case p.isRole(word(s, k)):
			role = true
		case !p.isName(s, k):
			return false
		}
	}
	for ; role && k < len(s.toks) && sameClause(s, j, k) && !possessive(s, k-1); k++ {
		switch {
		case p.namesQuestion(s, k):
			return true
		case !p.isName(s, k) && !p.isRole(word(s, k)):
			return false
		}
	}
	return false
}

// titleReach is how far before its role word a title may begin: two
// names before it ("White House envoy").
const titleReach = 2

// namesQuestion reports whether token k is written as a name and is one
// of the question's names (a surname, a given name, the name of a place
// or thing).
func (p *pool) namesQuestion(s *sentence, k int) bool {
	if !p.isName(s, k) {
		return false
	}
	for _, st := range s.stems[k] {
		for i, t := range p.q.terms[:len(p.weight)] {
			if p.topicMask&(1<<i) == 0 && sameTerm(st, t) {
				return true
			}
		}
	}
	return false
}

// speakerWindow is how far before a speech verb its subject may stand
// ("Ushakov, 78, told reporters", "Rep. Don Bacon wrote").
const speakerWindow = 5

// speaks reports whether the unit reports speech by one the question
// names: a speech verb whose nearest name before it (within speakerWindow
// tokens, same clause) or just after it ("said Ushakov", "according to
// Ushakov") is one of theirs, or whose subject is a pronoun when an
// earlier sentence of the unit names them.
func (p *pool) speaks(u *unit) bool {
	named := false // an earlier sentence of the unit names them
	for _, s := range u.sents() {
		quoted := strings.ContainsAny(s.text, "“\"")
		for j, t := range s.toks {
			if !p.reportVerb(t.Word) {
				continue
			}
			// "Putin should call Trump": a naming verb reports speech only
			// beside a quotation ("called it “fake”") or with what it
			// names the thing as ("described the approach as standard").
			if lemma, _ := p.l.SpeechLemma(t.Word); p.l.NamingVerbs.Has(lemma) && !quoted && !namesAs(s, j) {
				continue
			}
			role := false // a role noun stands between the verb and a name: "a Putin aide said"
			for k := j - 1; k >= max(0, j-speakerWindow) && sameClause(s, k, j); k-- {
				w := word(s, k)
				if p.l.PersonalPronouns[w] != 0 || w == "they" {
					if named {
						return true
					}
					break
				}
				// The speaker may be named by a common noun ("the water
				// authority said") as well as a name.
				if p.isQuestionName(s, k) && !role {
					return true
				}
				// "Putin would congratulate Trump and would say": the verb
				// after a conjunction has the subject of the clause before,
				// not the name just before it.
				if coordinators.Has(w) {
					break
				}
				if p.isName(s, k) {
					if p.speaksFor(s, k) {
						return true
					}
					// "The Russian Embassy in Washington did not
					// respond": a place after a preposition qualifies
					// the subject before it.
					m := k
					for m > 0 && p.isName(s, m-1) && sameClause(s, m-1, k) {
						m--
					}
					if m >= 2 && p.l.Prepositions.Has(word(s, m-1)) && sameClause(s, m-2, k) {
						k = m - 1
						continue
					}
					break
				}
				role = role || p.isRole(w)
			}
			if p.inverted(s, j) {
				for k := j + 1; k <= min(j+4, len(s.toks)-1); k++ {
					if p.isName(s, k) {
						if p.isQuestionName(s, k) && !possessive(s, k) {
							return true
						}
						break
					}
					// Only the speaker's title stands between an inverted
					// verb and their name ("said Kremlin spokesman Dmitry
					// Peskov"): in "…, said the transcript showed Witkoff
					// favors Russia" the verb's subject stood before it, and
					// the name is what its words are about.
					if !p.speakerTitleWord(word(s, k)) {
						break
					}
				}
			}
		}
		for i := range s.toks {
			named = named || (p.isName(s, i) && p.isQuestionName(s, i))
		}
	}
	return false
}

// speakerTitleWord reports whether a folded word can stand in a
// speaker's title between an inverted speech verb and the name: a
// determiner, a title, a role or a word for a spokesperson.
func (p *pool) speakerTitleWord(w string) bool {
	return p.l.Determiners.Has(w) || p.l.TitleWords.Has(w) || p.isRole(w) || p.l.Answer.SpokesNouns.Has(w)
}

// coordinators join clauses; a speech verb after one has the subject of
// the clause before it. They are the answerer's own list: the central
// coordinators of English grammar (Quirk et al. §13.2).
var coordinators = lang.NewWordSet(`and or but`)

// maxSpokesWords bounds the title between an institution and its
// spokesperson's name ("White House communications director").
const maxSpokesWords = 3

// speaksFor reports whether the name that ends at token k is that of a
// spokesperson of the one the question asks about: the institution, then
// a title naming one who speaks for it, then the name ("Kremlin spokesman
// Dmitry Peskov said" for "how did the Kremlin respond").
func (p *pool) speaksFor(s *sentence, k int) bool {
	m := k
	for m > 0 && p.isName(s, m-1) && !p.isQuestionName(s, m-1) && sameClause(s, m-1, k) {
		m--
	}
	spokes := false
	for n := m - 1; n >= max(0, m-maxSpokesWords) && sameClause(s, n, k); n-- {
		w := word(s, n)
		switch {
		case p.l.Answer.SpokesNouns.Has(w):
			spokes = true
		case p.isQuestionName(s, n):
			return spokes && !possessive(s, n)
		case !p.l.TitleWords.Has(w) && !p.isRole(w):
			return false
		}
	}
	return false
}

// namingWindow is how far after a naming verb its "as" may stand
// ("described Witkoff’s approach as…").
const namingWindow = 5

// namesAs reports whether "as" follows the naming verb at token j in its
// clause: "described X as Y" says what someone called X.
func namesAs(s *sentence, j int) bool {
	for k := j + 1; k <= min(j+namingWindow, len(s.toks)-1) && sameClause(s, j, k); k++ {
		if word(s, k) == "as" {
			return true
		}
	}
	return false
}

// inverted reports whether the speech verb at token j puts its speaker
// after it: "according to Ushakov", or "…,” said Ushakov" after a
// quotation or a comma. Verbs that take the one spoken to as their object
// ("told Putin's adviser", "urged Kyiv") never do.
func (p *pool) inverted(s *sentence, j int) bool {
	if word(s, j) == "according" {
		return true
	}
	if lemma, _ := p.l.SpeechLemma(word(s, j)); objectSpeech.Has(lemma) || j == 0 {
		return false
	}
	return strings.ContainsAny(s.text[s.toks[j-1].End:s.toks[j].Start], ",”\"")
}

// objectSpeech are speech verbs whose object is the one spoken to. They
// are the answerer's own list: the reporting verbs of lang that take an
// indirect object in English grammar (Quirk et al. §16.55).
var objectSpeech = lang.NewWordSet(`tell ask urge inform assure reassure warn accuse advise
caution question charge`)

// possessive reports whether token i is followed by "'s": "Putin's
// adviser" names whose adviser, not who spoke.
func possessive(s *sentence, i int) bool {
	rest := s.text[s.toks[i].End:]
	return strings.HasPrefix(rest, "’s") || strings.HasPrefix(rest, "'s")
}

// isQuestionName reports whether token i of s names the speaker the
// question asks about.
func (p *pool) isQuestionName(s *sentence, i int) bool {
	for _, st := range s.stems[i] {
		for _, n := range p.q.speaker {
			if sameTerm(st, n) {
				return true
			}
		}
	}
	return false
}

// holdsTopic reports whether the unit holds a term of the question's
// topic, or a word related to one, other than in an apposition that
// describes the speaker: "Greta Moll, the teacher rescued from her roof,
// went back… “The walls are standing,” she said" says who she is, not what
// she said about her rescue.
func (p *pool) holdsTopic(u *unit) bool {
	for _, s := range u.sents() {
		describes := p.speakerApposition(s)
		for i, ss := range s.stems {
			if describes[i] {
				continue
			}
			for _, st := range ss {
				for _, t := range p.q.topic {
					if p.termOrRelated(st, t) {
						return true
					}
				}
			}
		}
	}
	return false
}

// speakerApposition marks the tokens of s that stand in an apposition
// after the name of the speaker the question asks about: from the comma
// after the name to the next comma.
func (p *pool) speakerApposition(s *sentence) []bool {
	var in []bool
	for i := 0; i+1 < len(s.toks); i++ {
		if !p.isQuestionName(s, i) || !gapIs(s, i, ",") {
			continue
		}
		if in == nil {
			in = make([]bool, len(s.toks))
		}
		for j := i + 1; j < len(s.toks); j++ {
			in[j] = true
			if j+1 < len(s.toks) && strings.Contains(s.text[s.toks[j].End:s.toks[j+1].Start], ",") {
				break
			}
		}
	}
	if in == nil {
		return make([]bool, len(s.toks))
	}
	return in
}

// reportedSpeech is how well a unit that reports speech without quoting
// ("X said that…") states what someone said.
const reportedSpeech = 0.6

// holdsQuoteOf reports whether a sentence of the unit holds a quotation of
// the speaker the question asks about.
func (u *unit) holdsQuoteOf() bool {
	for _, s := range u.sents() {
		if s.speakerQuote {
			return true
		}
	}
	return false
}
func (p *pool) sentenceKind(s *sentence) float64 {
	switch p.q.kind {
	case kindEntity:
		return max(p.newName(s, false), p.statesUnknown(s))
	case kindPlace:
		return max(p.newName(s, true), p.statesUnknown(s))
	case kindTime:
		return max(p.dateScore(s), p.statesUnknown(s))
	case kindNumber:
		return max(p.numberScore(s), p.statesUnknown(s))
	case kindDuration:
		return max(p.durationScore(s), p.statesUnknown(s))
	case kindStatement:
		return p.statementScore(s)
	case kindAge:
		return p.ageScore(s)
	case kindReason:
		return p.reasonScore(s)
	case kindIdentity:
		return p.identityScore(s)
	case kindFrequency:
		return p.frequencyScore(s)
	}
	return 0
}

// newName scores a proper name the question does not already hold: 1 for
// one (for places: one after a locative), 0.4 for a place question's name
// with no locative before it.
func (p *pool) newName(s *sentence, place bool) float64 {
	best := 0.0
	for i, t := range s.toks {
		if !p.isName(s, i) || p.l.IsMonth(t.Word) || p.l.Weekdays.Has(t.Word) || p.inQuestion(s, i) {
			continue
		}
		if !place {
			if p.afterPlacePreposition(s, i) {
				// "lifted from the roof of her house on Tanner Street":
				// a place, not who did it.
				best = max(best, placeAsEntity)
				continue
			}
			if p.nearQuestionTerm(s, i) || (p.q.asksSpeaker && p.speakerOfVerb(s, i)) {
				return 1
			}
			best = max(best, 0.7)
			continue
		}
		for j := max(0, i-2); j < i; j++ {
			if p.l.Answer.Locatives.Has(s.toks[j].Word) {
				return 1
			}
		}
		best = 0.4
	}
	return best
}

// placeAsEntity is how well a name that stands as a place states who or
// which: a little, since "which outlet" may be answered "in Bloomberg".
const placeAsEntity = 0.3

// afterPlacePreposition reports whether the name at token i follows a
// preposition of place, its run of names and a determiner between ("on
// Tanner Street", "in the Velmora sports hall").
func (p *pool) afterPlacePreposition(s *sentence, i int) bool {
	j := i - 1
	for j >= 0 && (p.isName(s, j) || p.l.Determiners.Has(word(s, j))) && sameClause(s, j, i) {
		j--
	}
	return j >= 0 && j < i && p.l.Answer.PlacePrepositions.Has(word(s, j)) && (j+1 == i || sameClause(s, j, i))
}

// speakerOfVerb reports whether the name at token i is the subject of a
// speech verb: just before it ("Bacon wrote", "Bacon also said") or just
// after it past a quotation or comma ("…,” said Bacon").
func (p *pool) speakerOfVerb(s *sentence, i int) bool {
	for j := i + 1; j <= min(i+2, len(s.toks)-1) && sameClause(s, i, j); j++ {
		if p.l.IsSpeechVerb(word(s, j)) {
			return true
		}
	}
	return i > 0 && p.l.IsSpeechVerb(word(s, i-1)) && p.inverted(s, i-1)
}

// nearQuestionTerm reports whether the name at token i stands where the
// one who did what the question asks about would: just before one of the
// question's words ("Bloomberg leaked the call" for "who leaked the
// call"), or after "by" just after one ("was not leaked by Moscow").
func (p *pool) nearQuestionTerm(s *sentence, i int) bool {
	for j := i + 1; j <= min(i+3, len(s.toks)-1) && sameClause(s, i, j); j++ {
		if p.isQuestionTerm(s, j) && !p.isName(s, j) {
			return true
		}
	}
	if i >= 2 && word(s, i-1) == "by" {
		for j := i - 2; j >= max(0, i-4) && sameClause(s, j, i); j-- {
			if p.isQuestionTerm(s, j) && !p.isName(s, j) {
				return true
			}
		}
	}
	return false
}

// isQuestionTerm reports whether token i of s is one of the question's
// content terms (not a stop word such as "the").
func (p *pool) isQuestionTerm(s *sentence, i int) bool {
	for _, st := range s.stems[i] {
		for _, t := range p.q.terms {
			if sameTerm(st, t) {
				return true
			}
		}
	}
	return false
}

// sameClause reports whether no punctuation separates tokens i < j.
func sameClause(s *sentence, i, j int) bool {
	return !strings.ContainsAny(s.text[s.toks[i].End:s.toks[j].Start], ",;:.!?“”\"()—")
}

// inQuestion reports whether token i of s is a word of the question.
func (p *pool) inQuestion(s *sentence, i int) bool {
	for _, st := range s.stems[i] {
		if p.q.words[st] {
			return true
		}
	}
	return len(s.stems[i]) == 0 && p.q.words[s.toks[i].Word]
}

// dateScore is 1 for a calendar date, 0.8 for a year, a weekday or a
// relative date ("last week", "yesterday").
func (p *pool) dateScore(s *sentence) float64 {
	best := 0.0
	for i, t := range s.toks {
		switch {
		case p.l.IsMonth(t.Word) && capitalised(s.text, t) && (isDigits(word(s, i+1)) || isDigits(word(s, i-1))):
			if p.namesOtherEvent(s, i) {
				continue
			}
			return 1
		case isYear(t.Word) || isDecade(t.Word):
			best = max(best, 0.8)
		case (t.Word == "century" || t.Word == "centuries") && p.isOrdinal(word(s, i-1)):
			best = max(best, 0.8)
		case p.l.Weekdays.Has(t.Word) || p.l.RelativeDays.Has(t.Word):
			best = max(best, 0.8)
		case p.l.PeriodLeads.Has(t.Word) && p.l.Periods.Has(word(s, i+1)):
			best = max(best, 0.8)
		case t.Word == "ago":
			best = max(best, 0.8)
		case p.l.Answer.TimeLeads.Has(t.Word) && (p.countOfTime(s, i+1) || p.unitsOfTime(word(s, i+1))):
			best = max(best, 0.8) // "within three months", "in two weeks", "within weeks"
		}
	}
	return best
}

// countOfTime reports whether a length of time starts at token i: a
// number or "a" before a unit of time ("three months", "a year").
func (p *pool) countOfTime(s *sentence, i int) bool {
	w, unit := word(s, i), word(s, i+1)
	if !p.l.DurationUnits.Has(unit) {
		return false
	}
	return p.isNumber(w) || (p.l.Indefinites.Has(w) && !p.l.Answer.OrdinalUnits.Has(unit))
}

// unitsOfTime reports whether w is a unit of time in the plural, which
// counts some of them ("within weeks, not months").
func (p *pool) unitsOfTime(w string) bool {
	return strings.HasSuffix(w, "s") && p.l.DurationUnits.Has(w) && p.l.DurationUnits.Has(strings.TrimSuffix(w, "s"))
}

// numberScore is 1 for a number attached to what the question counts:
// the counted noun or a word related to it ("300 rescuers", "the damage
// at 200 million euros"), or a count noun after a word of the question
// ("the death toll rose to five" for "how many people died"); for a
// question of measure ("how much water", "how high"), a number with its
// unit ("1,200 cubic metres", "6.8 metres"); for any other question of
// number, any number. A number attached to something else scores 0.5,
// except for a question of measure that names nothing measured ("how
// high", "how much was he paid"), which a bare number does not answer.
// Numbers in dates, years, times of day and lengths of time ("five days")
// do not count unless the question counts units of time.
func (p *pool) numberScore(s *sentence) float64 {
	best := 0.0
	for i, t := range s.toks {
		if p.signedAmount(s, i) && p.q.measure {
			return 1
		}
		if !p.isNumber(t.Word) || p.l.IsMonth(word(s, i-1)) || p.l.IsMonth(word(s, i+1)) || p.timeNumber(s, i) {
			continue
		}
		switch {
		case p.q.counted != "" && p.countedNear(s, i):
			return 1
		case p.q.measure && p.withUnit(s, i):
			return 1
		case p.q.counted == "" && !p.q.measure:
			return 1
		case !p.q.measure || p.q.counted != "":
			// "How much energy": a bare number may still be the amount.
			best = 0.5
		}
	}
	return best
}

// Windows of the number rules, in tokens of one clause: the counted noun
// stands just after its number ("300 rescuers", "two more victims") or a
// few words before it ("the damage at 200 million"); a count noun may
// stand further before ("the death toll from the flood to three").
const (
	countedAfter  = 2
	countedBefore = 3
	countBefore   = 6
	unitAfter     = 3
)

// countedNear reports whether the number at token i is attached to what
// the question counts.
func (p *pool) countedNear(s *sentence, i int) bool {
	// "the 28-point plan" for "how many points".
	if parts := strings.Split(word(s, i), "-"); len(parts) > 1 && sameTerm(p.an.Stem(parts[len(parts)-1]), p.q.counted) {
		return true
	}
	for j := max(0, i-countBefore); j <= min(i+countedAfter, len(s.toks)-1); j++ {
		if j == i || !sameClause(s, min(i, j), max(i, j)) {
			continue
		}
		if (j > i || i-j <= countedBefore) && p.isCounted(s, j) {
			return true
		}
		if j < i && p.l.Answer.CountNouns.Has(word(s, j)) && j > 0 &&
			(p.isQuestionTerm(s, j-1) || p.isRelatedTerm(s, j-1) || p.isCounted(s, j-1)) {
			return true
		}
	}
	return false
}

// isCounted reports whether token j is the question's counted noun or a
// word related to it.
func (p *pool) isCounted(s *sentence, j int) bool {
	return slices.ContainsFunc(s.stems[j], func(st string) bool { return p.termOrRelated(st, p.q.counted) })
}

// isRelatedTerm reports whether token j is a word related to one of the
// question's terms ("death" for "died").
func (p *pool) isRelatedTerm(s *sentence, j int) bool {
	for _, st := range s.stems[j] {
		if p.relatedMask[st] != 0 {
			return true
		}
	}
	return false
}

// withUnit reports whether the number at token i is a quantity: a unit
// of measure or currency follows within unitAfter tokens ("1,200 cubic
// metres", "200 million euros", "5 GB", "71%") or a currency sign stands
// before it. For a question about a price, only a currency counts.
func (p *pool) withUnit(s *sentence, i int) bool {
	if currencyBefore(s, i) {
		return true
	}
	units := p.l.Answer.MeasureUnits
	if p.q.money {
		units = p.l.Answer.CurrencyUnits
	} else if strings.HasPrefix(s.text[s.toks[i].End:], "%") {
		return true
	}
	for j := i + 1; j <= min(i+unitAfter, len(s.toks)-1) && sameClause(s, i, j); j++ {
		if units.Has(word(s, j)) || (!p.q.money && unitSymbol(s.text[s.toks[j].Start:s.toks[j].End])) {
			return true
		}
	}
	parts := strings.Split(s.toks[i].Word, "-")
	return len(parts) > 1 && units.Has(parts[len(parts)-1])
}

// signedAmount reports whether token i is an amount of money written with
// a scale letter after a currency sign ("$14m", "€2bn"), which isNumber
// does not read: alone, "2m" may be two metres.
func (p *pool) signedAmount(s *sentence, i int) bool {
	w := s.toks[i].Word
	end := strings.LastIndexFunc(w, unicode.IsDigit)
	if end < 0 || !p.isNumber(w[:end+1]) {
		return false
	}
	if _, ok := p.l.Answer.MoneyScales[w[end+1:]]; !ok {
		return false
	}
	return currencyBefore(s, i)
}

// currencyBefore reports whether a currency sign stands just before token
// i ("US$ 80", "€50").
func currencyBefore(s *sentence, i int) bool {
	before := s.text[:s.toks[i].Start]
	return strings.ContainsAny(before[max(0, len(before)-currencyReach):], "$€£¥")
}

// currencyReach is how many bytes before a number a currency sign may
// stand ("US$ 80", "€50").
const currencyReach = 6

// unitSymbol reports whether a word as written is a unit's symbol: two or
// three capitals ("GB", "MW", "EJ").
func unitSymbol(w string) bool {
	return len(w) >= 2 && len(w) <= 3 && strings.IndexFunc(w, func(r rune) bool { return r < 'A' || r > 'Z' }) < 0
}

// timeNumber reports whether the number at token i gives a time rather
// than an amount: a year, a length of time ("five days", "five-minute")
// or a time of day ("9:30 p.m."), unless the question counts units of
// time ("how many days").
func (p *pool) timeNumber(s *sentence, i int) bool {
	if p.q.countsTime {
		return false
	}
	w := s.toks[i].Word
	parts := strings.Split(w, "-")
	switch {
	case isYear(w), p.l.DurationUnits.Has(word(s, i+1)), len(parts) > 1 && p.l.DurationUnits.Has(parts[len(parts)-1]):
		return true
	}
	rest := s.text[s.toks[i].End:]
	return strings.HasPrefix(rest, ":") || strings.HasPrefix(strings.TrimSpace(rest), "a.m.") || strings.HasPrefix(strings.TrimSpace(rest), "p.m.")
}

// namesOtherEvent reports whether the date whose month is token i, with
// its day, stands before a noun, after a determiner, as that thing's date
// ("according to the October 14 call transcript"), and the noun is not a
// word of the question: it dates the call, not when Witkoff got the
// transcript.
func (p *pool) namesOtherEvent(s *sentence, i int) bool {
	if i == 0 || !p.l.Determiners.Has(word(s, i-1)) || !isDigits(word(s, i+1)) || len(word(s, i+1)) > 2 || i+2 >= len(s.toks) {
		return false
	}
	n := i + 2
	if !sameClause(s, i+1, n) || p.l.IsStopWord(word(s, n)) || isDigits(word(s, n)) {
		return false
	}
	return !p.isQuestionTerm(s, n)
}

// frequencyScore is 1 for a sentence that says how often: an adverb of
// frequency ("daily", "quite often") or "every" before a period ("every
// thirty or forty years", "every day").
func (p *pool) frequencyScore(s *sentence) float64 {
	for i, t := range s.toks {
		if p.l.Answer.FrequencyWords.Has(t.Word) {
			return 1
		}
		if t.Word == "every" {
			for j := i + 1; j <= min(i+4, len(s.toks)-1); j++ {
				if p.l.DurationUnits.Has(word(s, j)) || p.l.Periods.Has(word(s, j)) {
					return 1
				}
			}
		}
	}
	return 0
}

// reasonScore is 1 for a sentence that gives a cause or a purpose:
// "because…", "meant to…", "aimed at…", "to hinder…" after "in order";
// roleReason for one that says what the question's thing served as or
// was taken for, with no marker of cause: "using Trump’s Gaza ceasefire as
// an ice-breaker", "congratulate Trump on the Gaza agreement as an entry
// point", "Critics described it as a Russian wishlist".
func (p *pool) reasonScore(s *sentence) float64 {
	folded := " " + strings.ToLower(strings.Join(strings.Fields(s.text), " ")) + " "
	for _, m := range p.l.Answer.CauseMarkers {
		if strings.Contains(folded, " "+m+" ") && p.causeOfQuestion(s, strings.Fields(m)) {
			return 1
		}
	}
	if p.purposeClause(s) {
		return purposeReason
	}
	for i, t := range s.toks {
		if t.Word != "as" || !p.l.Indefinites.Has(word(s, i+1)) || !sameClause(s, i, i+1) {
			continue
		}
		for j := i - 1; j >= max(0, i-roleReach) && sameClause(s, j, i); j-- {
			if p.isQuestionTerm(s, j) {
				return roleReason
			}
		}
	}
	return 0
}

// causeOfQuestion reports whether a marker of cause found in s may give
// the cause of what the question asks about. A marker that follows a
// content word directly ("a peace plan aimed at ending Russia’s war",
// "delays due to the storm") gives the cause or purpose of that word's
// thing: it answers only when that word is one of the question's (other
// than as a title) or its names. "…on a peace plan aimed at ending
// Russia’s war in Ukraine, according to a transcript of the call
// published Tuesday by Bloomberg News" gives the plan's purpose, not why
// Bloomberg published the transcript; "the disclosure was intended to
// undermine peace efforts" and "because…" are left as they are. A marker
// the tokens do not show as written keeps its sentence's reason.
func (p *pool) causeOfQuestion(s *sentence, marker []string) bool {
	seen := false
	for i := 0; i+len(marker) <= len(s.toks); i++ {
		if !tokensAre(s, i, marker) {
			continue
		}
		seen = true
		if i == 0 || !p.modifiesOther(s, i-1, marker) {
			return true
		}
	}
	return !seen
}

// modifiesOther reports whether a marker of cause just after token k
// gives the cause of k's thing, which is not the question's: k is a
// content word in the marker's clause, neither a form of "be" nor one of
// the question's words or names, and the marker opens with a content word
// ("aimed at", not "because" or "in order to").
func (p *pool) modifiesOther(s *sentence, k int, marker []string) bool {
	before := word(s, k)
	return sameClause(s, k, k+1) && !p.l.IsStopWord(before) && !p.l.IsStopWord(marker[0]) && !isBe(before) &&
		!p.isTopicToken(s, k) && !p.namesQuestion(s, k)
}

// tokensAre reports whether the folded words of s from token i are words.
func tokensAre(s *sentence, i int, words []string) bool {
	for n, w := range words {
		if word(s, i+n) != w {
			return false
		}
	}
	return true
}

// purposeClause reports whether a sentence goes on, after a comma, with an
// infinitive of purpose following words of the question: "the authority
// opened the spillway gates of the Kessel Dam, about 30 kilometres
// upstream, to stop the reservoir from overflowing". The word after "to"
// must be a lower-case content word, so that "rose from 3, to 5", ", to
// the north" and ", to Moscow" are no purpose.
func (p *pool) purposeClause(s *sentence) bool {
	for i, t := range s.toks {
		if t.Word != "to" || !gapIs(s, i-1, ",") || i+1 >= len(s.toks) {
			continue
		}
		next := s.toks[i+1]
		if !sameClause(s, i, i+1) || p.l.IsStopWord(next.Word) || capitalised(s.text, next) || p.isNumber(next.Word) {
			continue
		}
		for j := range i {
			if p.isQuestionTerm(s, j) && !p.isName(s, j) {
				return true
			}
		}
	}
	return false
}

// A role given with "as a/an" (roleReason) gives the reason less surely
// than a marker of cause ("worked as a teacher" is no purpose); it must
// stand within roleReach tokens after a word of the question.
//
// An infinitive of purpose set off by a comma (purposeReason) gives one
// less surely than a marker too: "…, to the dismay of" is none.
const (
	purposeReason = 0.8
	roleReason    = 0.8
	roleReach     = 4
)

// identityScore is 1 for a sentence that says who the question's person
// is: a role noun or title next to their name ("Army Secretary Dan
// Driscoll", "Trump’s son-in-law, Jared Kushner"), in an apposition after
// it ("Kirill Dmitriev, head of the fund", "Greta Moll, 71, a retired
// teacher", "Jared Kushner, Trump’s son-in-law") or after "is" ("Lucas
// Feld is a professor of hydrology").
func (p *pool) identityScore(s *sentence) float64 {
	n := len(s.toks)
	for i := 0; i < n; i++ {
		if !p.isName(s, i) || !p.inQuestion(s, i) {
			continue
		}
		end := i // the last word of the name
		for end+1 < n && p.isName(s, end+1) && p.inQuestion(s, end+1) {
			end++
		}
		// A title or role before the name, in the same clause or set off
		// by a comma.
		for j := max(0, i-identityBefore); j < i; j++ {
			if p.isPerson(word(s, j)) && (sameClause(s, j, i) || gapIs(s, i-1, ",") && (j == i-1 || sameClause(s, j, i-1))) {
				return 1
			}
		}
		// An apposition or a copula after it.
		j := end + 1
		switch {
		case j < n && isBe(word(s, j)) && sameClause(s, end, j):
			j++
		case j < n && gapIs(s, end, ","):
		default:
			i = end
			continue
		}
		for k := j; k < min(j+identityAfter, n); k++ {
			if k > j && !sameClause(s, k-1, k) && !(gapIs(s, k-1, ",") && isDigits(word(s, k-1))) {
				break // the clause ends, unless after an age ("Moll, 71, a…")
			}
			if p.isPerson(word(s, k)) {
				return 1
			}
		}
		i = end
	}
	return 0
}

// How far from a name its description may stand, in tokens: a title
// before it ("Army Secretary"), an apposition or a copula's complement
// after it ("Trump’s son-in-law and informal adviser").
const (
	identityBefore = 3
	identityAfter  = 6
)

// gapIs reports whether only sep and spaces stand between token i and the
// next.
func gapIs(s *sentence, i int, sep string) bool {
	if i < 0 || i+1 >= len(s.toks) {
		return false
	}
	return strings.TrimSpace(s.text[s.toks[i].End:s.toks[i+1].Start]) == sep
}

// isPerson reports whether a folded word names a person by what they are:
// a role, a title or a person noun ("teacher", "son-in-law").
func (p *pool) isPerson(w string) bool {
	if p.isRole(w) || p.l.PersonNouns.Has(w) {
		return true
	}
	if parts := strings.Split(w, "-"); len(parts) > 1 {
		return p.isRole(parts[0]) || p.isRole(parts[len(parts)-1]) ||
			p.l.PersonNouns.Has(parts[0]) || p.l.PersonNouns.Has(parts[len(parts)-1])
	}
	return strings.HasSuffix(w, "s") && p.l.PersonNouns.Has(strings.TrimSuffix(w, "s"))
}

// isRole reports whether a folded word names a role, office or title.
func (p *pool) isRole(w string) bool {
	if p.l.RoleNouns.Has(w) || p.l.TitleAbbrevs.Has(w) || p.l.Honorifics.Has(w) {
		return true
	}
	if _, ok := p.l.TitleExpansions[w]; ok {
		return true
	}
	return strings.HasSuffix(w, "s") && p.l.RoleNouns.Has(strings.TrimSuffix(w, "s"))
}

// ageScore is 1 for a person's age: "Ushakov, 78," after a name the
// question holds, "78-year-old", "aged 78".
func (p *pool) ageScore(s *sentence) float64 {
	for i, t := range s.toks {
		switch {
		case strings.HasSuffix(t.Word, "-year-old") && p.isNumber(strings.Split(t.Word, "-")[0]):
			return 1
		case (t.Word == "aged" || t.Word == "age") && isDigits(word(s, i+1)):
			return 1
		case isDigits(t.Word) && len(t.Word) <= 3 && i > 0 && p.isName(s, i-1) && p.inQuestion(s, i-1) &&
			strings.TrimSpace(s.text[s.toks[i-1].End:t.Start]) == "," && strings.HasPrefix(s.text[t.End:], ","):
			return 1
		}
	}
	return 0
}

// durationScore is 1 for a length of time: a number before a unit of time
// ("five-minute", "40 years") or "since" before a year ("since 2012").
func (p *pool) durationScore(s *sentence) float64 {
	for i, t := range s.toks {
		if parts := strings.Split(t.Word, "-"); len(parts) > 1 && p.isNumber(parts[0]) && p.l.DurationUnits.Has(parts[len(parts)-1]) {
			return 1
		}
		// "five days", and "a year" or "an hour": the article counts one.
		if p.countOfTime(s, i) {
			return 1
		}
		if t.Word == "since" {
			for j := i + 1; j <= min(i+3, len(s.toks)-1); j++ {
				if strings.IndexFunc(s.toks[j].Word, unicode.IsDigit) >= 0 {
					return 1
				}
			}
		}
	}
	return 0
}

// statementScore is 1 for a quotation, reportedSpeech for reported speech.
func (p *pool) statementScore(s *sentence) float64 {
	if strings.ContainsAny(s.text, "“\"") {
		return 1
	}
	for _, t := range s.toks {
		if p.reportVerb(t.Word) {
			return reportedSpeech
		}
	}
	return 0
}

// reportVerb reports whether w reports what someone said ("said",
// "according"), or, for a question of how someone reacted, the stand they
// took ("disputed").
func (p *pool) reportVerb(w string) bool {
	return p.l.IsSpeechVerb(w) || w == "according" || (p.q.reaction && p.l.Answer.StanceVerbs.Has(w))
}

// statesUnknown is 1 for a sentence that says the thing asked is not
// known ("the source remains unknown", "declined to say"). When the phrase
// goes on with a question word, what is unknown is what that word asks:
// "did not say how it obtained it" leaves how much was paid, or who
// leaked, as open as before.
func (p *pool) statesUnknown(s *sentence) float64 {
	folded := strings.ToLower(strings.ReplaceAll(s.text, "’", "'"))
	for _, ph := range p.l.Answer.UnknownPhrases {
		for from := 0; ; {
			at := strings.Index(folded[from:], ph)
			if at < 0 {
				break
			}
			from += at + len(ph)
			rest := strings.Fields(folded[from:])
			if len(rest) == 0 || !p.l.QuestionWords.Has(rest[0]) {
				return 1
			}
			next := ""
			if len(rest) > 1 {
				next = rest[1]
			}
			if k := p.whKind(rest[0], next); k == kindOther || k == p.q.kind {
				return 1
			}
		}
	}
	return 0
}

// whKind is the kind of answer a question word asks for (with the word
// after "how"), kindOther when it could ask for any.
func (p *pool) whKind(wh, next string) kind {
	switch wh {
	case "who", "whom", "whose":
		return kindEntity
	case "when":
		return kindTime
	case "where":
		return kindPlace
	case "why":
		return kindReason
	case "how":
		switch {
		case next == "many" || next == "much" || p.l.Answer.MeasureAdjectives.Has(next):
			return kindNumber
		case next == "long":
			return kindDuration
		case next == "old":
			return kindAge
		case p.l.Answer.FrequencyAdverbs.Has(next):
			return kindFrequency
		}
		return kindStatement // how it was done: a manner, not a fact of any kind asked
	}
	return kindOther
}

// word is the folded word of token i, or "" outside the sentence.
func word(s *sentence, i int) string {
	if i < 0 || i >= len(s.toks) {
		return ""
	}
	return s.toks[i].Word
}

func (p *pool) isNumber(w string) bool {
	if p.l.NumberWords.Has(w) {
		return true
	}
	if parts := strings.Split(w, "-"); len(parts) > 1 {
		return p.isNumber(parts[0])
	}
	return w != "" && strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) && r != ',' && r != '.' }) < 0
}

func isDigits(w string) bool {
	return w != "" && strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
}

// isDecade reports whether w names a decade: "1990s", "1990's".
func isDecade(w string) bool {
	w = strings.TrimSuffix(strings.TrimSuffix(w, "s"), "'")
	return isYear(w) && strings.HasSuffix(w, "0")
}

// isOrdinal reports whether w is an ordinal written in digits: "19th".
func (p *pool) isOrdinal(w string) bool {
	for _, suf := range p.l.OrdinalSuffixes {
		if n, ok := strings.CutSuffix(w, suf); ok && isDigits(n) {
			return true
		}
	}
	return false
}

func isYear(w string) bool {
	return len(w) == 4 && isDigits(w) && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20"))
}
