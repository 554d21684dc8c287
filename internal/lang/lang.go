// Package lang holds the facts of a natural language that the bot's rules
// rely on: which words are stop words, which verbs report speech, how months
// and titles are written, which irregular forms a verb has, which nouns name
// a person's role. Every other package takes a *Language instead of keeping
// lists of its own, so that the facts of English are written once and a
// second language is one more value, not a hunt through the code.
//
// A Language is built by its constructor (English) and is read-only after
// that: its word classes are WordSets, which have no way to be changed.
package lang

import (
	"sort"
	"strings"
	"sync"
	"time"
)

// Language is one language's facts. Build it with its constructor and pass
// it to the packages that need it; it is safe for concurrent use because
// nothing changes it after construction.
type Language struct {
	// Code is the ISO 639-1 code of the language ("en"), as articles give
	// it in their front matter.
	Code string
	// Name is the language's English name, for reports.
	Name string

	// Stem returns the stem of a folded word ("leaked" → "leak").
	Stem func(word string) string

	// StopWords carry no topic.
	StopWords WordSet
	// QuestionWords open a wh-question.
	QuestionWords WordSet
	// Auxiliaries open yes/no questions and stand between a subject and
	// its verb.
	Auxiliaries WordSet
	// Determiners open a noun phrase.
	Determiners WordSet
	// Indefinites introduce someone new rather than someone named before.
	Indefinites WordSet
	// Prepositions end a noun phrase.
	Prepositions WordSet
	// Subordinators open a subordinate clause.
	Subordinators WordSet
	// ClauseBreaks after a comma open a clause with its own subject.
	ClauseBreaks WordSet
	// Relatives open a relative clause.
	Relatives WordSet
	// Pronouns that stand for a thing or person named before.
	BackPronouns WordSet
	// SentenceStarters commonly open a sentence; after an ambiguous
	// abbreviation they tell a sentence end from "U.S. officials".
	SentenceStarters WordSet
	// SentenceAdverbs often open a sentence, capitalised, without being names.
	SentenceAdverbs WordSet

	// Months maps month names and their abbreviations to the month.
	Months map[string]time.Month
	// Weekdays are the names of the days of the week.
	Weekdays WordSet
	// RelativeDays name a day without a date ("yesterday").
	RelativeDays WordSet
	// Periods follow "last", "next"… in relative dates.
	Periods WordSet
	// PeriodLeads stand before a period in a relative date.
	PeriodLeads WordSet
	// DurationUnits measure time.
	DurationUnits WordSet
	// NumberWords are numbers written as words.
	NumberWords WordSet

	// TitleAbbrevs are abbreviations written with a period that stand before
	// a name or a number and never end a sentence ("Mr.", "Rep.", "St.").
	TitleAbbrevs WordSet
	// NumberedAbbrevs end a sentence only when no number follows ("Oct. 14",
	// "No. 2").
	NumberedAbbrevs WordSet
	// Honorifics stand before a name and are never part of it.
	Honorifics WordSet
	// TitleExpansions map abbreviated titles to the role they stand for.
	TitleExpansions map[string]string
	// TitleWords may stand, capitalised, in a title before a name ("Prime
	// Minister", "Special Envoy").
	TitleWords WordSet
	// CompoundPrefixes change what a role is ("vice president").
	CompoundPrefixes WordSet
	// NameParticles join the parts of a name ("von der Leyen").
	NameParticles WordSet
	// NameSuffixes follow a surname and are not part of it ("Jr").
	NameSuffixes WordSet
	// RoleNouns name a person by what they are ("the envoy").
	RoleNouns WordSet
	// PersonNouns are the nouns whose most frequent sense names a person,
	// from WordNet (personnouns_table.go): wider than RoleNouns ("nominee",
	// "pollster", "interlocutor"), for the rules that must recognise a
	// description of someone.
	PersonNouns WordSet
	// RelationalNouns say only that someone stands close to another.
	RelationalNouns WordSet
	// OrgWords mark a capitalised sequence as an institution, place or
	// thing, never a person's name.
	OrgWords WordSet
	// Countries are the English names of the world's countries in lower
	// case, the words of a name joined by one space ("japan", "south
	// korea"; countries.go). Alone as a speaker, such a name is a state
	// speaking as one ("China said"), not a person.
	Countries WordSet
	// MaleWords and FemaleWords are gendered role nouns and honorifics.
	MaleWords, FemaleWords WordSet
	// PersonalPronouns that refer to one person, with their gender ('m', 'f').
	PersonalPronouns map[string]byte

	// speech maps every form of a speech verb to its lemma.
	speech map[string]string
	// PublishVerbs report what a medium published ("Reuters reported");
	// their subject named by one word is an outlet.
	PublishVerbs WordSet
	// NamingVerbs name or describe with a short quotation ("called it “fake”").
	NamingVerbs WordSet
	// NeutralSpeech are the speech verbs (lemmas) that say only that
	// someone spoke, not how: "say", unlike "deny" or "warn".
	NeutralSpeech WordSet
	// OrdinalSuffixes follow the digits of an ordinal number ("4th").
	OrdinalSuffixes []string
	// cue maps every form of a verb that cues direct quotations in
	// annotated news to its lemma, comm every form of a verb of
	// communication from WordNet, and cueForm holds the surface forms that
	// cue quotations with no lemma known (cueverbs.go).
	cue, comm map[string]string
	cueForm   WordSet
	// irregular maps irregular verb forms to their base form.
	irregular map[string]string
	// manner maps the forms of verbs of manner of speaking ("barked") and
	// phrasal maps "form particle" ("shot back") to their lemma (manner.go).
	manner, phrasal map[string]string
	// documents are nouns of things that carry someone's words
	// (documents.go).
	documents WordSet
	// titling are the participles that give a document's title
	// (documents.go).
	titling WordSet
	// issueParticles are the particles of phrasal verbs of issuing a
	// document (documents.go).
	issueParticles WordSet

	// Answer holds the words an answerer needs (answer_words.go).
	Answer AnswerWords

	// loadRelated builds the table of related stems the first time Related
	// is called (it takes milliseconds, so a Language that is never asked
	// stays cheap to build); nil when the language has none.
	loadRelated func() map[string][]string
	relatedOnce sync.Once
	related     map[string][]string
}

// Related returns the stems related in meaning or by derivation to a stem
// as Stem gives it ("respond" → "react", "answer"…; "leak" → "leaker",
// "disclos"…), most useful to let a question's words meet an article's.
// The list is sorted, never holds stem itself, and must not be changed.
// It is nil for a stem the language knows nothing about.
func (l *Language) Related(stem string) []string {
	l.relatedOnce.Do(func() {
		if l.loadRelated != nil {
			l.related = l.loadRelated()
		}
	})
	return l.related[stem]
}

// Cardinal writes an ordinal in digits as its number ("4th" → "4") so
// that the two meet; any other word is returned as it is.
func (l *Language) Cardinal(w string) string {
	for _, suf := range l.OrdinalSuffixes {
		if s := strings.TrimSuffix(w, suf); s != w && s != "" && s[len(s)-1] >= '0' && s[len(s)-1] <= '9' {
			return s
		}
	}
	return w
}

// IsStopWord reports whether a folded word is a stop word.
func (l *Language) IsStopWord(w string) bool { return l.StopWords.Has(w) }

// Month returns the month a folded word names ("oct", "october").
func (l *Language) Month(w string) (time.Month, bool) {
	m, ok := l.Months[w]
	return m, ok
}

// IsMonth reports whether a folded word names a month.
func (l *Language) IsMonth(w string) bool {
	_, ok := l.Months[w]
	return ok
}

// SpeechLemma returns the lemma of a speech verb in any form ("said" →
// "say", "insisted" → "insist") and whether w is one.
func (l *Language) SpeechLemma(w string) (string, bool) {
	s, ok := l.speech[w]
	return s, ok
}

// IsSpeechVerb reports whether a folded word is a form of a speech verb.
func (l *Language) IsSpeechVerb(w string) bool {
	_, ok := l.speech[w]
	return ok
}

// SpeechForms returns every form of every speech verb, sorted.
func (l *Language) SpeechForms() []string {
	out := make([]string, 0, len(l.speech))
	for f := range l.speech {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// BaseForm returns the base form of an irregular verb form ("met" →
// "meet") and whether w is one. Regular forms are left to the stemmer.
func (l *Language) BaseForm(w string) (string, bool) {
	b, ok := l.irregular[w]
	return b, ok
}

// WordSet is a read-only set of folded words.
type WordSet struct{ m map[string]struct{} }

// NewWordSet returns the set of the white-space separated words in lists.
func NewWordSet(lists ...string) WordSet {
	m := map[string]struct{}{}
	for _, l := range lists {
		for _, w := range strings.Fields(l) {
			m[w] = struct{}{}
		}
	}
	return WordSet{m: m}
}

// Has reports whether w is in the set.
func (s WordSet) Has(w string) bool {
	_, ok := s.m[w]
	return ok
}

// Len returns the number of words in the set.
func (s WordSet) Len() int { return len(s.m) }

// Words returns the set's words, sorted.
func (s WordSet) Words() []string {
	out := make([]string, 0, len(s.m))
	for w := range s.m {
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}

// Union returns a new set holding the words of s and of others.
func (s WordSet) Union(others ...WordSet) WordSet {
	m := make(map[string]struct{}, len(s.m))
	for w := range s.m {
		m[w] = struct{}{}
	}
	for _, o := range others {
		for w := range o.m {
			m[w] = struct{}{}
		}
	}
	return WordSet{m: m}
}

// For returns the language whose ISO 639-1 code is code ("en"), and
// whether the bot has one. An empty code means English, the default of
// an article that does not say.
func For(code string) (*Language, bool) {
	switch strings.ToLower(strings.TrimSpace(code)) {
	case "", "en":
		return English(), true
	}
	return nil, false
}
