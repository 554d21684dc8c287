package quotes

import (
	"strings"

	"dossier/internal/lang"
)

// en is the language layer every rule reads: speech verbs with their
// forms, role nouns, honorifics and titles, institution words, function
// words. It lives in internal/lang, written once for the whole bot; a
// Language is read-only after construction, so sharing it is safe.
var en = lang.English()

// The few lists below belong to quotation attribution alone, so they stay
// here; each says where its words come from, and TestListsHaveNoDuplicates
// checks that none holds a word twice.
const (
	// fillerWords may stand between a subject and its speech verb: the
	// auxiliaries and negation of English grammar (Quirk et al. 1985,
	// §3.21) and the adverbs of time, manner and stance that news
	// writing puts there ("Smith also said", "he has since said"), and
	// the conjuncts set off inside a clause ("Carter however said"; Quirk
	// et al. 1985, §8.134); words
	// ending in -ly are recognised by their suffix (isFiller).
	fillerWords = `has have had was were is are be been being would will could can may
might should must did does do not also then later again earlier previously reportedly allegedly
apparently separately further repeatedly once still already never always just only even both each
jointly together subsequently ultimately initially quickly immediately first last since now
publicly privately today yesterday tonight recently however though meanwhile instead nevertheless
nonetheless likewise`

	// ingAdjectiveWords are -ing participles that English uses as
	// adjectives in titles before a role noun ("ranking member", "acting
	// director"; the participial adjectives of Quirk et al. 1985, §7.15),
	// so they do not end a description as a verb would.
	ingAdjectiveWords = `ranking leading acting outgoing incoming governing ruling founding
sitting serving visiting`
)

var (
	fillers       = lang.NewWordSet(fillerWords)
	ingAdjectives = lang.NewWordSet(ingAdjectiveWords)
)

// isTitleAbbrev reports whether a folded word is an abbreviated title that
// stands for a role ("rep" → representative).
func isTitleAbbrev(w string) bool {
	_, ok := en.TitleExpansions[w]
	return ok
}

// isCalendarWord reports whether a folded word names a month or a day,
// which is capitalised without being a name.
func isCalendarWord(w string) bool { return en.IsMonth(w) || en.Weekdays.Has(w) }

// singular returns the singular of a role noun ("negotiators" →
// "negotiator") and whether the word was plural.
func singular(w string) (string, bool) {
	switch {
	case en.RoleNouns.Has(w):
		return w, false
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y", true
	case strings.HasSuffix(w, "men") && en.RoleNouns.Has(w[:len(w)-3]+"man"):
		return w[:len(w)-3] + "man", true
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") && len(w) > 3:
		return w[:len(w)-1], true
	}
	return w, false
}

// isRoleNoun reports whether a folded singular noun names a person by what
// they are: lang's role nouns and WordNet's person nouns ("nominee",
// "pollster", "interlocutor").
func isRoleNoun(w string) bool { return en.RoleNouns.Has(w) || en.PersonNouns.Has(w) }
