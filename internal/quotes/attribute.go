package quotes

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/internal/analysis"
)

// Rule names the rule that attributed a quotation; doc.go explains each.
// It is kept on the Quote so that `bot quote --explain` and the golden
// files show why a speaker was given.
type Rule string

// The attribution rules, in the order attribute tries them, then the rules
// that carry a speaker over to quotations standing alone.
const (
	RuleAfter       Rule = "after"        // “…,” Smith said / said Smith / according to Smith
	RuleDash        Rule = "dash"         // “…” ― Smith
	RuleLabel       Rule = "label"        // Smith: “…” (a transcript's or a digest's label)
	RuleNaming      Rule = "naming"       // Smith called it “…”
	RuleColon       Rule = "colon"        // …, Smith said: “…”
	RuleBefore      Rule = "before"       // Smith said (that) … “…”
	RuleFinal       Rule = "final"        // … “…” for the victory, Smith said.
	RuleAccording   Rule = "according-to" // according to Smith, … “…”
	RuleContinues   Rule = "continues"    // “…,” Smith said. “…”
	RuleContinuedBy Rule = "continued-by" // “…” “…,” Smith said.
	RuleSpansParas  Rule = "spans"        // a quotation over several paragraphs
	RuleSameWords   Rule = "same-words"   // the same words attributed in another article
)

// found is one quotation of an article with its speaker.
type found struct {
	q       int // index into article.quotes
	unit    *unit
	ui      int     // index of unit in its paragraph
	speaker *person // nil: unattributed
	rule    Rule
	kind    Kind
	// from is the sentence whose attribution a continued quotation took,
	// shown with it as context; nil otherwise.
	from *unit
}

// reader attributes the quotations of one article, keeping track of who
// has been mentioned so that pronouns and descriptions can be resolved.
type reader struct {
	reg      *registry
	art      *article
	history  []past
	seen     map[*person]int // person → order of latest mention
	lastPara map[*person]int
	seq      int
}

// read attributes every quotation of an article.
func (r *registry) read(a *article) []found {
	rd := &reader{reg: r, art: a, seen: map[*person]int{}, lastPara: map[*person]int{}}
	var out []found
	var prevParaLast *person   // speaker of the previous paragraph's last quotation
	labelled := map[int]bool{} // paragraphs a transcript's label opens
	for pi := range a.units {
		us := a.units[pi]
		lead := make([]*person, len(us))   // who speaks in each unit
		after := make([]bool, len(us))     // unit opens with a quotation attributed after it
		aboutU := make([]*person, len(us)) // the one person a unit without quotation is about
		first := len(out)
		var about *person // the one person the paragraph's last sentence is about
		for ui := range us {
			u := &us[ui]
			ms := rd.mentions(u.toks, nameRuns(u.toks, a.lower, a.given))
			rd.resolve(u.toks, ms, pi)
			for qi, t := range u.toks {
				if t.kind != quoteTok {
					continue
				}
				m, rule := rd.attribute(u.toks, ms, qi)
				f := found{q: t.q, unit: u, ui: ui, kind: kindOf(u.toks, qi, t.text)}
				if m != nil {
					m.subject = true
					if m.sure() {
						f.speaker, f.rule = m.person, rule
						lead[ui] = m.person
						after[ui] = after[ui] || qi == 0 && rule == RuleAfter
					}
				}
				out = append(out, f)
			}
			if lead[ui] == nil && !hasQuote(u.toks) {
				lead[ui] = rd.leadSpeaker(u.toks, ms)
			}
			if !hasQuote(u.toks) {
				aboutU[ui] = soleSubject(mainClause(u.toks, ms))
			}
			if ui == len(us)-1 {
				about = aboutU[ui]
			}
			rd.remember(ms, pi)
		}
		who, label := rd.transcriptLabel(pi)
		labelled[pi] = label
		for i := first; i < len(out) && who != nil; i++ {
			if out[i].speaker == nil {
				out[i].speaker, out[i].rule = who, RuleLabel
			}
		}
		if !label {
			// A transcript's label, even one naming no one known ("CHRIS:"),
			// changes the speaker: nothing carries over to its paragraph.
			continueSpeakers(out[first:], us, lead, aboutU, after, prevParaLast)
		}
		prevParaLast = nil
		if n := len(out); n > first && out[n-1].unit == &us[len(us)-1] {
			prevParaLast = out[n-1].speaker
		} else if len(us) > 0 {
			// "Smith said the talks would resume." ends the paragraph; a
			// paragraph of quotation after it is Smith's.
			prevParaLast = lead[len(us)-1]
			if prevParaLast == nil {
				prevParaLast = about
			}
		}
	}
	rd.signedBelow(out)
	spanParagraphs(out, a.quotes, labelled)
	return out
}

// signedBelow gives a paragraph that is only quotation the speaker who
// signs the next paragraph with a dash, as pages collecting quotations
// write them: a paragraph “…”, then "- Bernie Sanders." or "-Michelle
// Marks, Philadelphia.". The signature must be a known name right after
// the dash, ending the sentence or followed by a comma.
func (rd *reader) signedBelow(fs []found) {
	a := rd.art
	for i := range fs {
		f := &fs[i]
		pi := f.unit.para
		if f.speaker != nil || pi+1 >= len(a.units) || len(a.units[pi+1]) == 0 || !allPure(a.units[pi]) {
			continue
		}
		toks := a.units[pi+1][0].toks
		if len(toks) < 2 || !toks[0].punct("-―—–") {
			continue
		}
		ms := rd.mentions(toks, nameRuns(toks, a.lower, a.given))
		m := longestAt(ms, 1)
		if m == nil || m.kind != byName || !m.sure() || m.person.org || m.poss {
			continue
		}
		if m.to < len(toks) && !toks[m.to].punct(".,") {
			continue
		}
		f.speaker, f.rule = m.person, RuleDash
	}
}

// transcriptLabel returns the speaker of a transcript's paragraph, which
// opens with a surname in capitals and a colon, inside its quotation mark
// or not ("PENCE: Well, look, …"): everything the paragraph quotes is said
// in that person's words. The surname must be that of someone the article
// names in full (Mike Pence), so that "UPDATE:" or "CORRECTION:" name no
// one.
func (rd *reader) transcriptLabel(pi int) (who *person, labelled bool) {
	p := strings.TrimLeft(rd.art.doc.Paragraphs[pi], " \"“")
	label, _, ok := strings.Cut(p, ":")
	if !ok || !isAllCaps(label) || strings.ContainsFunc(label, func(r rune) bool { return !unicode.IsLetter(r) }) {
		return nil, false
	}
	w := analysis.Fold(label)
	for _, p := range rd.art.named {
		if p.hasLast(w) && !p.org {
			if who != nil && who != p {
				return nil, true // two people of that surname
			}
			who = p
		}
	}
	return who, true
}

// allPure: every unit of a paragraph is quotation and punctuation only.
func allPure(us []unit) bool {
	for _, u := range us {
		if !isPure(u.toks) {
			return false
		}
	}
	return len(us) > 0
}

// mainClause returns the mentions after a leading subordinate clause
// ("When Wallace died in 1998, President Clinton released the following
// statement:"), so that its subject does not count as the sentence's.
func mainClause(toks []token, ms []*mention) []*mention {
	start := sentenceClause(toks, len(toks))
	i := 0
	for i < len(ms) && ms[i].from < start {
		i++
	}
	return ms[i:]
}

// soleSubject returns the person a sentence is about: its first mention,
// a subject that names one known person, when it mentions no other person
// ("Trump, 70, has long argued for the wall."). Nil otherwise.
func soleSubject(ms []*mention) *person {
	var who *person
	for i, m := range ms {
		if !m.personal {
			continue
		}
		if i == 0 && m.subject && m.sure() && !m.person.org {
			who = m.person
			continue
		}
		if m.person != who {
			return nil
		}
	}
	return who
}

// remember adds a unit's subject mentions to the history pronouns search.
func (rd *reader) remember(ms []*mention, para int) {
	for _, m := range ms {
		if m.subject && m.personal && (m.person == nil || !m.person.org) {
			rd.history = append(rd.history, past{person: m.person, para: para, personal: true, plural: m.plural, gender: m.gender})
		}
	}
}

// continueSpeakers gives unattributed quotations that stand alone in their
// sentence the speaker of the sentence before (“…,” Smith said. “…”), or of
// the previous paragraph's last quotation when the whole paragraph is
// quotation, or of the quotation right after them (“…” “…,” Smith said).
func continueSpeakers(fs []found, us []unit, lead, about []*person, after []bool, prevPara *person) {
	allPure := true
	for _, u := range us {
		allPure = allPure && isPure(u.toks)
	}
	for i := range fs {
		f := &fs[i]
		ui := f.ui
		if f.speaker != nil || !isPure(f.unit.toks) {
			continue
		}
		switch {
		case ui > 0 && lead[ui-1] != nil:
			f.speaker, f.rule, f.from = lead[ui-1], RuleContinues, &us[ui-1]
		case ui > 0 && about[ui-1] != nil:
			// "Sanders identified young voters' exhaustion as a reason.
			// “The younger people are …”": the one person the sentence
			// before is about, as its subject, naming no one else.
			f.speaker, f.rule, f.from = about[ui-1], RuleContinues, &us[ui-1]
		case ui == 0 && allPure && prevPara != nil:
			f.speaker, f.rule = prevPara, RuleContinues
		case ui+1 < len(us) && after[ui+1] && lead[ui+1] != nil:
			f.speaker, f.rule, f.from = lead[ui+1], RuleContinuedBy, &us[ui+1]
		default:
			continue
		}
		lead[ui] = f.speaker
	}
}

// spanParagraphs gives every part of a quotation that runs over several
// paragraphs the speaker found for any part. A paragraph a transcript's
// label opens starts a new speaker's part, though the marks run on.
func spanParagraphs(fs []found, quotes []span, labelled map[int]bool) {
	byQuote := map[int]int{}
	for i, f := range fs {
		byQuote[f.q] = i
	}
	for start := 0; start < len(quotes); {
		end := start + 1
		for end < len(quotes) && quotes[end].continued && quotes[end-1].unclosed && !labelled[quotes[end].para] {
			end++
		}
		var who *person
		for q := start; q < end; q++ {
			if i, ok := byQuote[q]; ok && fs[i].speaker != nil && who == nil {
				who = fs[i].speaker
			}
		}
		for q := start; q < end && who != nil; q++ {
			if i, ok := byQuote[q]; ok && fs[i].speaker == nil {
				fs[i].speaker, fs[i].rule = who, RuleSpansParas
			}
		}
		start = end
	}
}

func hasQuote(toks []token) bool {
	for _, t := range toks {
		if t.kind == quoteTok {
			return true
		}
	}
	return false
}

// isPure: the unit is quotation and punctuation only.
func isPure(toks []token) bool {
	for _, t := range toks {
		if t.kind == wordTok {
			return false
		}
	}
	return hasQuote(toks)
}

// attribute returns the mention of the speaker of the quotation toks[qi]
// and the rule that found it. A nil mention, or one that is not sure(),
// leaves the quotation unattributed. The rules, in order (doc.go says
// why): RuleAfter, RuleDash, RuleLabel, RuleNaming, RuleColon, RuleBefore,
// RuleAccording.
func (rd *reader) attribute(toks []token, ms []*mention, qi int) (*mention, Rule) {
	if m := afterQuote(toks, ms, qi); m != nil && m.personal {
		// "Kowalski told the agency the bridge was “safe,” Reuters
		// reported.": a quotation inside a clause whose own speech verb
		// has a known subject is that subject's; the attribution after it
		// reports the whole sentence.
		if before, ok := firstSpeaker(toks, ms, clauseStart(toks, qi), qi); ok && before.sure() && qi > 0 && toks[qi-1].kind == wordTok {
			return before, RuleBefore
		}
		return m, RuleAfter
	}
	if m := dashSigned(toks, ms, qi); m != nil {
		return m, RuleDash
	}
	if m := speakerLabel(toks, ms, qi); m != nil {
		return m, RuleLabel
	}
	if k := namingVerb(toks, qi); k >= 0 {
		if m := personal(subjectOf(toks, ms, k, 0)); m != nil || k == 0 || !toks[k-1].is("by") {
			return m, RuleNaming
		}
		// "Trump responded to that tweet by calling Alwaleed “dopey”": a
		// naming verb after "by" whose subject is not found right before
		// it is read with the rest of the clause.
	}
	from := clauseStart(toks, qi)
	if qi > 0 && toks[qi-1].punct(":") {
		// "…, Kall said: “…”": the speech verb nearest the colon introduces
		// the quotation, whatever verbs come earlier in the sentence.
		for k := qi - 2; k >= from; k-- {
			if isSpeechVerb(toks, k) {
				if m := personal(subjectOf(toks, ms, k, from)); m != nil {
					return m, RuleColon
				}
				break
			}
		}
	}
	if k := titledAt(toks, qi); k > from {
		// "Trump issued a statement, “…”", "Mook released a memo titled
		// “…”": the document's words and its title are its issuer's.
		if v := issuingVerb(toks, k, from); v >= 0 {
			if m := personal(subjectOf(toks, ms, v, from)); m.sure() {
				return m, RuleBefore
			}
		}
	}
	m, ok := firstSpeaker(toks, ms, from, qi)
	if ok && m.sure() {
		return m, RuleBefore
	}
	if v := adjacentVerb(toks, qi); v >= from {
		// "At one point, a woman asked for a photo and Clinton said,
		// “…”": the verb the quotation follows introduces it when no
		// known speaker comes earlier in the clause.
		if n := personal(subjectOf(toks, ms, v, from)); n.sure() {
			return n, RuleBefore
		}
	} else if v >= 0 && from == qi {
		// "When Clinton noted that Trump paid no tax ― as was true for
		// years ― Trump boasted, “…”": a leading subordinate clause that no
		// comma closes runs up to the comma after the verb the quotation
		// follows, which belongs to the main clause; its subject speaks.
		if n := personal(subjectOf(toks, ms, v, 0)); n.sure() {
			return n, RuleBefore
		}
	}
	if ok {
		return m, RuleBefore
	}
	if start := sentenceClause(toks, qi); from > start && !toks[from-1].punct(";") && !hasSpeechVerb(toks, from, qi) {
		// "McConnell says that the people want a leader, but instead Obama
		// is giving them “lectures.”": a clause after "but" with no speech
		// verb of its own goes on with what the speech verb before it
		// reports.
		if m, ok := firstSpeaker(toks, ms, start, from); ok {
			return m, RuleBefore
		}
	}
	if m := finalAttribution(toks, ms, qi); m != nil && m.personal {
		return m, RuleFinal
	}
	if from > 0 && toks[from].kind == quoteTok {
		// "As Smith put it, “…”": the quotation opens the main clause.
		if m, ok := firstSpeaker(toks, ms, 0, from); ok {
			return m, RuleBefore
		}
	}
	if from > 0 && toks[0].is("as") && !hasSpeechVerb(toks, from, qi) && !slices.ContainsFunc(ms, func(m *mention) bool {
		return m.from >= from && m.from < qi && m.subject && m.personal
	}) {
		// "As White House press secretary Josh Earnest explained, three
		// taxes were postponed, “which sounds like a lot”": a main clause
		// with no speech verb and no one as its subject is what the "as"
		// clause's speaker said ("As Blumenthal spoke, the NRA was …" is
		// the NRA's doing).
		if m, ok := firstSpeaker(toks, ms, 0, from); ok && m.sure() {
			return m, RuleBefore
		}
	}
	for k := 0; k+2 < len(toks); k++ {
		if toks[k].is("according") && toks[k+1].is("to") {
			if m := phraseAt(toks, ms, k+2); m != nil && m.personal && m.kind == byName {
				// "according to conservative talk radio host Rush
				// Limbaugh": the name after its title.
				return m, RuleAccording
			}
			if m := startingAt(ms, k+2); m != nil && m.personal {
				return m, RuleAccording
			}
		}
	}
	return nil, ""
}

// adjacentVerb returns the speech verb the quotation toks[qi] follows
// directly or after a comma ("Clinton said, “…”", "Ryan said “…”"), or -1.
func adjacentVerb(toks []token, qi int) int {
	v := qi - 1
	if v >= 0 && toks[v].punct(",") {
		v--
	}
	if v >= 0 && isSpeechVerb(toks, v) {
		return v
	}
	return -1
}

func personal(m *mention) *mention {
	if m == nil || !m.personal {
		return nil
	}
	return m
}

// firstSpeaker returns the subject of the first speech verb in
// toks[from:to] whose subject is a person. ok is false when there is none;
// a person who cannot be identified ("a spokesman said") ends the search
// with ok true and an unsure mention.
func firstSpeaker(toks []token, ms []*mention, from, to int) (*mention, bool) {
	for k := from; k < to; k++ {
		if !isSpeechVerb(toks, k) {
			continue
		}
		if m := personal(subjectOf(toks, ms, k, from)); m != nil {
			return m, true
		}
		// The subject after its verb, set off by a comma or a colon:
		// "Because of the calendar, explained Rosenberg, “…”", or with the
		// verb opening the clause: "Said Comey, “…”".
		if k == from || toks[k-1].punct(",") {
			if m := personal(phraseAt(toks, ms, k+1)); m != nil && m.kind == byName &&
				m.to < to && toks[m.to].punct(",:") {
				return m, true
			}
		}
	}
	return nil, false
}

// leadSpeaker is who speaks in a sentence without quotation ("Smith said
// the talks would resume."), for the quotation that may follow it.
func (rd *reader) leadSpeaker(toks []token, ms []*mention) *person {
	if m, ok := firstSpeaker(toks, ms, 0, len(toks)); ok && m.sure() {
		return m.person
	}
	return nil
}

// afterQuote reads an attribution that follows the quotation directly.
func afterQuote(toks []token, ms []*mention, qi int) *mention {
	j := qi + 1
	for j < len(toks) && toks[j].punct(",—–") {
		j++
	}
	if j >= len(toks) || toks[j].kind != wordTok {
		return nil
	}
	if isSpeechVerb(toks, j) && longestAt(ms, j) == nil {
		if strings.HasSuffix(toks[j].low, "ing") {
			return nil // "“…,” telling reporters": the words after it are its object
		}
		// said Smith; said Democratic pollster Stan Greenberg
		if m := phraseAt(toks, ms, j+1); m != nil && m.from == j+1 {
			return m
		}
		if m := phraseAt(toks, ms, j+1); m != nil && m.kind == byName && (m.to == len(toks) || toks[m.to].kind != wordTok || en.IsStopWord(toks[m.to].low)) {
			// "said Cruz constituent Dan Golvach when asked": a function
			// word ends the phrase the name closes.
			return m
		}
		return nil
	}
	if toks[j].is("according") && j+1 < len(toks) && toks[j+1].is("to") {
		return startingAt(ms, j+2)
	}
	if !toks[j].cap && isPastTense(toks[j].low) && cutQuote(toks, qi) && longestAt(ms, j) == nil {
		// “This is fantastic!” beamed Donald Hartley: the reporting slot,
		// inverted (bookism).
		if m := phraseAt(toks, ms, j+1); m != nil && m.kind == byName && m.from == j+1 {
			return m
		}
	}
	m := phraseAt(toks, ms, j)
	if m == nil {
		return nil
	}
	if bookism(toks, qi, m) {
		return m
	}
	k := skipOrigin(toks, skipParenthesis(toks, m.to))
	// "Smith, 61, said", "Smith, a former aide, said", or several
	// appositions in a row ("Scott Pruitt, the attorney general of
	// Oklahoma, one of the states suing the EPA, said"), all within
	// maxAppositionAfter tokens of the name.
	for start := k; k+1 < len(toks) && toks[k].punct(",") && !isSpeechVerb(toks, k+1) && !isFiller(toks[k+1]); {
		if k > start && !descriptionStart(toks, k+1) && !isNumberWord(toks[k+1].low) {
			break // a second apposition must read as one: "…, one of the states suing the EPA,"
		}
		next := -1
		for e := k + 1; e < len(toks) && e < start+maxAppositionAfter; e++ {
			if toks[e].punct(",") {
				next = e
				break
			}
		}
		if next < 0 {
			break
		}
		k = next
	}
	if k < len(toks) && toks[k].punct(",") {
		k++
	}
	for k < len(toks) && isFiller(toks[k]) {
		k++
	}
	if k < len(toks) && isSpeechVerb(toks, k) {
		return m
	}
	if commaVerbWithin(toks, skipOrigin(toks, skipParenthesis(toks, m.to))) {
		return m // "Anne Richards, assistant secretary for population, refugees, and migration, said"
	}
	return nil
}

// commaVerbWithin reports whether an apposition that opens at toks[k]
// with a comma reaches a speech verb after a comma within
// maxAppositionAfter tokens, with no quotation, clause end, speech verb or
// coordinated name ("Smith, Jones and Lee said") on the way: the
// apposition holds commas of its own ("for population, refugees, and
// migration,").
// bookism: a quotation cut off by a comma, a question or an exclamation
// mark, then a name and a past tense that ends the clause (“…,” Hannity
// started. “…?” Hannity pressed.): whatever the verb, news style puts
// there only the verb that reports the quotation.
func bookism(toks []token, qi int, m *mention) bool {
	v := m.to
	if !cutQuote(toks, qi) || m.kind != byName || v >= len(toks) || toks[v].kind != wordTok || toks[v].cap || !isPastTense(toks[v].low) {
		return false
	}
	return v+1 == len(toks) || toks[v+1].punct(".,;:!?") || toks[v+1].kind == quoteTok
}

// cutQuote: the quotation ends with a comma, a question or an
// exclamation mark, inside its marks or right after them: an attribution
// must follow to end the sentence.
func cutQuote(toks []token, qi int) bool {
	q := strings.TrimSpace(toks[qi].text)
	return strings.HasSuffix(q, ",") || strings.HasSuffix(q, "?") || strings.HasSuffix(q, "!") ||
		qi+1 < len(toks) && toks[qi+1].punct(",")
}

func commaVerbWithin(toks []token, k int) bool {
	if k >= len(toks) || !toks[k].punct(",") {
		return false
	}
	for e := k + 1; e < len(toks) && e <= k+maxAppositionAfter; e++ {
		t := toks[e]
		switch {
		case t.kind == quoteTok || t.punct(";.:?!()"):
			return false
		case t.is("and", "or") && e+1 < len(toks) && toks[e+1].cap:
			return false
		case isSpeechVerb(toks, e):
			j := e - 1
			for j > k && isFiller(toks[j]) {
				j--
			}
			return toks[j].punct(",")
		}
	}
	return false
}

// dashSigned reads a quotation signed with a dash, as web pages and
// collections of readers' voices write them: “…” ― Carla Sanchez. The
// name must follow the dash directly and end the sentence, or be followed
// by the next quotation; anything else after it makes the dash an aside.
func dashSigned(toks []token, ms []*mention, qi int) *mention {
	j := qi + 1
	if j >= len(toks) || !toks[j].punct("―—–-") {
		return nil
	}
	m := longestAt(ms, j+1)
	if m == nil || m.kind != byName || m.poss {
		return nil
	}
	k := m.to
	for k < len(toks) && toks[k].punct(".") {
		k++
	}
	if k == len(toks) || toks[k].kind == quoteTok {
		return m
	}
	return nil
}

// speakerLabel reads a name set before the quotation with a colon as its
// label, as transcripts and digests write them: "Clinton: “…” Bush: “…”",
// "- Carl Bialik: “…”", "More from Jones: “…”". The name must open its
// sentence, or follow a dash, "from" or the quotation before it, so that
// "…, said Smith:" and "asked Smith: “…”" stay with the other rules.
func speakerLabel(toks []token, ms []*mention, qi int) *mention {
	if qi < 2 || !toks[qi-1].punct(":") {
		return nil
	}
	k := skipParenthesisBack(toks, qi-2)
	m := endingAt(ms, k)
	if m == nil || m.kind != byName || !m.personal || m.poss {
		return nil
	}
	m = coordinated(toks, ms, m)
	if m.from > 0 && !titledLabel(toks, m.from) {
		p := toks[m.from-1]
		if !p.punct("-—–―") && !p.is("from") && p.kind != quoteTok {
			return nil
		}
	}
	return m
}

// titledLabel: the words before a label's name, toks[:from], open the
// sentence and are only its title, as transcripts write a speaker with
// the office they held ("Former secretary of state Hillary Rodham
// Clinton: “…”"): at most maxSubjectPhrase words, one of them a title or
// role word, none a verb of speech or a past tense.
func titledLabel(toks []token, from int) bool {
	if from > maxSubjectPhrase {
		return false
	}
	titled := false
	for k := range from {
		t := toks[k]
		if t.kind != wordTok || t.poss || isSpeechVerb(toks, k) || pastForm(t.low) || en.IsStopWord(t.low) && !t.is("of") {
			return false
		}
		titled = titled || isTitleWord(t.low)
	}
	return titled
}

// skipParenthesisBack steps back over a parenthesis that ends at toks[k]
// ("Rep. Trey Gowdy (R-S.C.):") and returns the token before it.
func skipParenthesisBack(toks []token, k int) int {
	if k < 0 || !toks[k].punct(")") {
		return k
	}
	for j := k - 1; j >= 0 && k-j <= maxParenthesis; j-- {
		if toks[j].punct("(") {
			return j - 1
		}
	}
	return k
}

// phraseAt returns the mention that a noun phrase starting at toks[j]
// stands for. The phrase may carry words before the name: "Trump lawyer
// Marc Kasowitz", "a smiling Clinton", "Tulsa police Chief Chuck Jordan".
// It is the last mention of the phrase, a name winning over what modifies
// it; nil when the phrase opens with a function word ("when Clinton
// blasted him") or holds no mention.
func phraseAt(toks []token, ms []*mention, j int) *mention {
	var m *mention
	for e := j; e < len(toks) && e-j < maxSubjectPhrase && toks[e].kind == wordTok && !isSpeechVerb(toks, e) && !isFiller(toks[e]); {
		if n := longestAt(ms, e); n != nil && (m == nil || n.kind == byName) {
			m, e = n, n.to
			continue
		}
		if toks[e].is("of", "and") && m == nil && e > j && isTitleWord(toks[e-1].low) {
			// "former secretary of state Hillary Clinton", "former
			// Pennsylvania Gov. and Democratic National Committee
			// Chairman Ed Rendell": titles joined before the name.
			e++
			continue
		}
		if en.IsStopWord(toks[e].low) && !acronym(toks[e].text) && (m != nil || !en.Determiners.Has(toks[e].low)) {
			break // a function word ends the phrase, or opens none
		}
		e++
	}
	return m
}

// finalAttribution reads an attribution that closes the sentence after a
// comma, with words between it and the quotation: "The plan is “dead” for
// now, Smith said on Monday." It must end the sentence (at most
// maxFinalTail words after it), and no other speech verb may stand between
// the quotation and it, so that it reports the whole sentence.
func finalAttribution(toks []token, ms []*mention, qi int) *mention {
	end := len(toks)
	for end > 0 && toks[end-1].kind == punctTok {
		end--
	}
	for k := end - 1; k > qi+1; k-- {
		if toks[k].kind == quoteTok {
			return nil
		}
		if !toks[k].punct(",") {
			continue
		}
		m := afterQuote(toks, ms, k)
		if m == nil && !hasSpeechVerb(toks, k+1, relativeEnd(toks, k+1, end)) {
			// the comma opens an apposition: "…, said Smith, an analyst
			// at …", "…, a union that has endorsed Sanders"
			continue
		}
		if m == nil {
			return nil
		}
		v := m.to
		if v <= k {
			return nil
		}
		for v < end && !isSpeechVerb(toks, v) {
			v++
		}
		if v == end {
			v = k + 1 // "said Smith": the verb comes first
		}
		tail := max(v, m.to)
		if v == k+1 && m.to+1 < end && toks[m.to].punct(",") {
			// "…, said David Wasserman, an elections analyst at …", "…, said
			// Geert Wilders, founder of …": what follows the name after
			// "said Name," describes the speaker and closes the sentence.
			tail = end
		}
		if end-tail > maxFinalTail {
			return nil
		}
		for j := qi + 1; j < k; j++ {
			if isSpeechVerb(toks, j) || toks[j].kind == quoteTok {
				return nil
			}
		}
		return m
	}
	return nil
}

// relativeEnd returns where a relative clause opens in toks[from:to] ("a
// union that has endorsed Sanders"), or to: its verbs report nothing of
// the sentence's.
func relativeEnd(toks []token, from, to int) int {
	for k := from; k < to; k++ {
		if toks[k].kind == wordTok && en.Relatives.Has(toks[k].low) {
			return k
		}
	}
	return to
}

// skipOrigin skips "of" and a capitalised place or institution after a
// name ("Del. Stacey Plaskett of the Virgin Islands", "Mr. Morgan of the
// Sierra Club", "Jeffrey Lewis of the James Martin Center for
// Nonproliferation Studies": "of", "and", "for" inside a name), at most maxParenthesis tokens, and returns where the
// sentence goes on.
func skipOrigin(toks []token, k int) int {
	if k+1 >= len(toks) || !toks[k].is("of") {
		return k
	}
	j := k + 1
	if toks[j].is("the") {
		j++
	}
	if j >= len(toks) || !toks[j].cap {
		return k
	}
	for j < len(toks) && j-k <= maxParenthesis && toks[j].kind == wordTok && (toks[j].cap || toks[j].is("of", "and") || toks[j].is("for") && j+1 < len(toks) && toks[j+1].cap) {
		j++
	}
	if j-k > maxParenthesis {
		return k
	}
	return j
}

// namingVerb returns the index of a naming verb that takes the quotation
// as its complement ("called it “…”", "described the plan as “…”"), or -1.
func namingVerb(toks []token, qi int) int {
	j := qi - 1
	if j >= 0 && toks[j].is("as") {
		j--
	}
	for n := 0; j >= 0 && n <= maxNamingGap; n, j = n+1, j-1 {
		if toks[j].kind != wordTok {
			return -1
		}
		if en.NamingVerbs.Has(lemma(toks[j].low)) && isSpeechVerb(toks, j) {
			return j
		}
	}
	return -1
}

// clauseStart returns where the clause holding toks[qi] begins: after a
// semicolon, after ", but", ", while", ", with" and the like, and after a
// leading subordinate clause ("After the meeting ended, …").
func clauseStart(toks []token, qi int) int {
	start := sentenceClause(toks, qi)
	for k := qi - 1; k > start; k-- {
		if toks[k].punct(";") {
			return k + 1
		}
		if toks[k].punct(",") && k+1 < qi && toks[k+1].kind == wordTok && en.ClauseBreaks.Has(toks[k+1].low) && !closedAside(toks, k+1, qi) {
			return k + 1
		}
	}
	return start
}

// closedAside: the phrase opened at toks[i] by "with" is a short aside
// that a comma closes ("Cruz, with unconcealed delight, chided"), at most
// maxInlinePhrase lower-case words, not a clause of its own (", with
// Smith saying …").
func closedAside(toks []token, i, qi int) bool {
	if !toks[i].is("with") {
		return false
	}
	for e := i + 1; e < qi && e-i <= maxInlinePhrase+1; e++ {
		switch t := toks[e]; {
		case t.punct(","):
			return e > i+1
		case t.kind != wordTok || t.cap || isSpeechVerb(toks, e):
			return false
		}
	}
	return false
}

// sentenceClause returns where the main clause of the sentence holding
// toks[qi] begins: after a leading subordinate clause ("After the meeting
// ended, …"), else at the start.
func sentenceClause(toks []token, qi int) int {
	if len(toks) > 0 && toks[0].kind == wordTok && en.Subordinators.Has(toks[0].low) {
		for k := 1; k < qi; k++ {
			if toks[k].punct(",") {
				return k + 1
			}
		}
	}
	return 0
}

// hasSpeechVerb reports whether toks[from:to] holds a speech verb.
func hasSpeechVerb(toks []token, from, to int) bool {
	for k := from; k < to; k++ {
		if isSpeechVerb(toks, k) {
			return true
		}
	}
	return false
}

// subjectOf finds the subject of the verb toks[k], looking no further left
// than from. It skips auxiliaries and adverbs ("has also said"), a time
// ("on Tuesday", "two weeks ago"), a verb before "to" ("went on to suggest"), a
// parenthesis ("(R-Neb.)") and an apposition ("Smith, 61,"). After a comma
// or "and" with no subject of its own (", adding", "and added"), the verb
// shares the clause's first subject. Nil when the subject is no mention
// (an institution, a thing).
func subjectOf(toks []token, ms []*mention, k, from int) *mention {
	if v := documentVerb(toks, k, from); v >= 0 {
		return subjectOf(toks, ms, v, from) // "Smith issued a statement saying"
	}
	j := k - 1
	viaTo := false // "went on to suggest": the verb's subject is the earlier verb's
	for j >= from {
		t := toks[j]
		switch {
		case isFiller(t):
			if !viaTo && t.is("is", "are", "was", "were", "be", "been", "being") && !strings.HasSuffix(toks[k].low, "ing") {
				return nil // a passive: "Sanders was asked by Bill Maher" names who was asked
			}
			j--
			continue
		case t.is("to"):
			viaTo = true
			j--
			if j >= from && toks[j].is("on") {
				j--
			}
			if j >= from && toks[j].kind == wordTok && !toks[j].cap && endingAt(ms, j) == nil {
				j--
			}
			continue
		case t.is("by") && j == k-1 && strings.HasSuffix(toks[k].low, "ing"):
			// "Dean appeared on MSNBC and began by saying", "Trump
			// responded by saying": the -ing verb after "by" has the
			// subject of the past tense right before it ("responded to
			// that tweet by calling" reads on as before).
			if v := toks[j-1]; j-1 > from && v.kind == wordTok && !v.cap && endingAt(ms, j-1) == nil && pastForm(v.low) {
				j -= 2
				continue
			}
		case t.kind == wordTok && !t.cap && en.Prepositions.Has(t.low) && !t.is("to", "by") && j == k-1 && strings.HasSuffix(toks[k].low, "ing") && j-1 > from && toks[j-1].punct(","):
			// "Paul Ryan, R-Wis., despite admitting that …": a speech verb
			// in -ing after a preposition that opens a phrase set off by
			// a comma has the subject the comma follows ("sings to
			// Clinton before asking her" is no such phrase).
			j--
			continue
		case t.cap && isCalendarWord(t.low) && j-1 >= from && toks[j-1].is("on", "last", "this", "later", "earlier"):
			j -= 2
			continue
		case !t.cap && en.Periods.Has(t.low) && j-1 >= from && toks[j-1].is("last", "this", "that", "later", "earlier"):
			j -= 2 // "Feinstein (D-Calif.) last week said"
			continue
		case t.is("ago"):
			// "The State Department less than two weeks ago said": a time
			// counted back, of at most maxInlinePhrase lower-case words.
			p := j - 1
			for p >= from && j-p <= maxInlinePhrase && toks[p].kind == wordTok && !toks[p].cap && endingAt(ms, p) == nil {
				p--
			}
			if p < j-1 && p >= from && endingAt(ms, p) != nil {
				j = p
				continue
			}
		case t.punct(")"):
			for j >= from && !toks[j].punct("(") {
				j--
			}
			j--
			continue
		}
		break
	}
	if j < from {
		return nil
	}
	t := toks[j]
	switch {
	case t.punct(","):
		if m := apposed(toks, ms, j, from); m != nil {
			return coordinated(toks, ms, m)
		}
		return inherit(ms, from, k)
	case t.kind == quoteTok && strings.HasSuffix(strings.TrimSpace(t.text), ","):
		// "Trump has delivered a defense of “New York values,” saying":
		// the comma inside the quotation ends the clause.
		return inherit(ms, from, k)
	case t.is("but", "yet") && j == from:
		// "Carson did not mention his opponents, but told his
		// supporters": a clause of a verb alone shares the sentence's
		// subject, unless it may go on with a relative clause that ends
		// right before it ("Maher, who backs Sanders, but has dismissed …").
		start := sentenceClause(toks, k)
		for i := j - 2; i >= start; i-- {
			if toks[i].punct(",") {
				if r := toks[i+1]; r.kind == wordTok && en.Relatives.Has(r.low) {
					return nil
				}
				break
			}
		}
		return inherit(ms, start, k)
	case t.is("and", "or", "but", "then"):
		return inherit(ms, from, k)
	}
	if t.is("it") {
		return itsInstitution(toks, ms, j)
	}
	if issuedBy(toks, j) && j-1 >= from {
		if m := endingAt(ms, j-1); m != nil && m.person != nil && m.person.org {
			return m // "The IMF report said that …": the institution speaks
		}
	}
	if m := endingAt(ms, j); m != nil {
		if m.from >= 2 && toks[m.from-1].is("of") {
			if b := endingAt(ms, m.from-2); b != nil && b.personal && (b.person == nil || !b.person.org) {
				// "G.K. Butterfield of North Carolina said", "the
				// spokesman of the Kremlin said": the place or body says
				// where the subject comes from.
				m = b
			}
		}
		if viaTo && m.from > 0 && toks[m.from-1].kind == wordTok && en.Prepositions.Has(toks[m.from-1].low) {
			// "Trump took to Twitter overnight to accuse": Twitter is no
			// subject; the verb before its preposition may have one.
			p := m.from - 2
			if p >= from && toks[p].kind == wordTok && !toks[p].cap && endingAt(ms, p) == nil {
				p--
			}
			for p >= from && isFiller(toks[p]) {
				p--
			}
			if n := endingAt(ms, p); p >= from && n != nil && n.subject && n.personal {
				return coordinated(toks, ms, n)
			}
			return nil
		}
		return coordinated(toks, ms, m)
	}
	if p := inlinePhrase(toks, ms, j, from); p >= 0 {
		if m := endingAt(ms, p-1); m != nil && m.subject {
			return coordinated(toks, ms, m) // "Trump at the time said"
		}
	}
	return unclosedApposition(toks, ms, k, from)
}

// pastForm: a verb's past tense, regular ("responded") or irregular
// ("began").
func pastForm(w string) bool {
	_, irregular := en.BaseForm(w)
	return isPastTense(w) || irregular
}

// unclosedApposition: the subject before an apposition that no comma
// closes ("Anthony Anton, president and CEO of Washington Restaurant
// Association stated"): a person's name, a comma, then a description
// opened by a role noun or a determiner that runs to the verb toks[k]
// within maxApposition tokens, with no verb or comma of its own.
func unclosedApposition(toks []token, ms []*mention, k, from int) *mention {
	for c := k - 1; c > from && k-c <= maxApposition; c-- {
		t := toks[c]
		if t.kind == quoteTok || t.punct(";:()") || isSpeechVerb(toks, c) || !t.cap && isPastTense(t.low) {
			return nil
		}
		if !t.punct(",") {
			continue
		}
		before := endingAt(ms, c-1)
		if before == nil || !before.subject || !before.personal || before.kind != byName || before.person == nil || before.person.org || c+1 >= k {
			return nil
		}
		first := toks[c+1]
		if s, _ := singular(first.low); first.kind == wordTok && !first.cap && (isRoleNoun(s) || en.Determiners.Has(first.low)) {
			return before
		}
		return nil
	}
	return nil
}

// itsInstitution: "it" as a speech verb's subject is the institution
// that is the subject of the sentence's main clause before it, when no
// other institution or thing is named between them ("The Security Council
// pledged sanctions against what it called “a clear threat”"); a pronoun
// never refers to a person's institution otherwise.
func itsInstitution(toks []token, ms []*mention, j int) *mention {
	var org *mention
	for _, m := range ms {
		if m.from >= j {
			break
		}
		if m.person != nil && m.person.org {
			if org != nil {
				return nil // two institutions: "it" may be either
			}
			org = m
		}
	}
	if org == nil || !org.subject || org.from != firstWordAt(toks, 0) && !(org.from > 0 && toks[org.from-1].is("the") && org.from-1 == firstWordAt(toks, 0)) {
		return nil
	}
	return org
}

// firstWordAt returns the index of the first word token from i on.
func firstWordAt(toks []token, i int) int {
	for i < len(toks) && toks[i].kind != wordTok {
		i++
	}
	return i
}

// documentVerb returns the verb whose object is the document a speech
// verb in -ing follows ("released a new radio ad calling": "released";
// "unleashed a series of tweets early Friday saying"), or -1: the document
// noun, singular or plural, right before the verb or before a time that
// stands between them ("a statement Thursday night condemning").
func documentVerb(toks []token, k, from int) int {
	if !strings.HasSuffix(toks[k].low, "ing") {
		return -1
	}
	return issuingVerb(toks, k, from)
}

// titledAt returns where the document a quotation gives the words or the
// title of ends, plus one: the quotation follows a comma or a colon
// ("a statement, “…”"), or a participle that titles it, with or without
// a comma ("a memo titled “…”", "a column, entitled, “…”"); else -1.
func titledAt(toks []token, qi int) int {
	k := qi - 1
	if k >= 0 && toks[k].punct(",:") {
		k--
	}
	if k >= 0 && toks[k].kind == wordTok && en.IsTitling(toks[k].low) {
		if k-1 >= 0 && toks[k-1].punct(",") {
			return k - 1
		}
		return k
	}
	if k == qi-2 {
		return qi - 1
	}
	return -1
}

// issuingVerb returns the verb whose object is a document that ends right
// before toks[k], or -1: a document noun, singular or plural, perhaps
// followed by a time ("a statement Thursday night"), a determiner at most
// maxModifiers words before it, and a lower-case word before that
// ("issued a statement").
func issuingVerb(toks []token, k, from int) int {
	n := k - 1
	for n > from && timeWord(toks[n]) {
		n--
	}
	if n < from || toks[n].kind != wordTok || toks[n].cap || !en.IsDocumentNoun(toks[n].low) && !en.IsDocumentNoun(strings.TrimSuffix(toks[n].low, "s")) {
		return -1
	}
	for d := n - 1; d > from && n-d <= maxModifiers; d-- {
		t := toks[d]
		if t.kind != wordTok {
			return -1
		}
		if en.Determiners.Has(t.low) {
			v := d - 1
			if v-1 > from && toks[v].kind == wordTok && en.IsIssueParticle(toks[v].low) {
				v-- // "is rolling out a new campaign message: “…”"
			}
			if t := toks[v]; t.kind == wordTok && !t.cap && !en.IsStopWord(t.low) {
				return v
			}
			return -1
		}
	}
	return -1
}

// timeWord: a word of a time set after an object ("early Friday", "Monday
// night", "on Tuesday"): a day or month, a period of the day or week, or
// the words that open them.
func timeWord(t token) bool {
	return t.kind == wordTok && (t.cap && isCalendarWord(t.low) ||
		!t.cap && (en.Periods.Has(t.low) || t.is("early", "late", "on", "last", "this", "overnight", "today", "yesterday")))
}

// inlinePhrase returns where a short prepositional phrase of time or
// manner that ends at toks[j] begins ("at the time", "in a statement"),
// or -1: at most maxInlinePhrase lower-case words, naming no one, opened
// by a preposition.
func inlinePhrase(toks []token, ms []*mention, j, from int) int {
	for p := j; p > from && j-p < maxInlinePhrase; p-- {
		t := toks[p]
		if t.kind != wordTok || t.cap || endingAt(ms, p) != nil || startingAt(ms, p) != nil {
			return -1
		}
		if p < j && en.Prepositions.Has(t.low) && !t.is("of", "to", "for", "by") {
			return p
		}
	}
	return -1
}

// apposed returns the mention before an apposition that ends with the
// comma toks[j]: "Smith, 61," / "Smith, a former aide," / "the mayor's
// aide, John Doe,". Nil when the commas enclose something else.
func apposed(toks []token, ms []*mention, j, from int) *mention {
	for k := j - 1; k >= from && j-k <= maxApposition; k-- {
		if !toks[k].punct(",") {
			continue
		}
		before := endingAt(ms, k-1)
		if before == nil || k+1 >= j {
			return nil
		}
		if (!before.personal || !before.subject) && before.from >= 2 && toks[before.from-1].is("of") {
			if b := endingAt(ms, before.from-2); b != nil && b.personal {
				before = b // "Rep. Tom Cole of Oklahoma, an ally of …,"
			}
		}
		place := startingAt(ms, k+1)
		if (!before.personal || !before.subject) && (descriptionStart(toks, k+1) || isNumberWord(toks[k+1].low) || asidePhrase(toks, k+1) ||
			place != nil && place.to == j && !place.personal) { // "… in Columbus, Ohio, said"
			// "Jean-Marc Ayrault, the foreign minister of France, a
			// permanent member of the Security Council, said": the
			// apposition describes a place or a body ending an earlier
			// one, no subject; the subject stands before that.
			if m := apposed(toks, ms, k, from); m != nil && m.personal {
				return m
			}
		}
		if name := startingAt(ms, k+1); name != nil && name.to == j && name.kind == byName {
			return name // a description, then the name it describes
		}
		first := toks[k+1]
		if s, _ := singular(first.low); descriptionStart(toks, k+1) || isNumberWord(first.low) || first.is("who", "whose") ||
			first.kind == wordTok && !first.cap && isRoleNoun(s) || asidePhrase(toks, k+1) {
			return before // "Smith, chairman of the board,", "Smith, in a statement,"
		}
		return nil
	}
	return nil
}

// asidePhrase: toks[i] opens a prepositional phrase set off by commas
// after a subject ("Clinton, during a town hall meeting in Columbus,
// Ohio, said"), not a relative clause ("Trump, with whom he clashed,").
func asidePhrase(toks []token, i int) bool {
	t := toks[i]
	return t.kind == wordTok && !t.cap && en.Prepositions.Has(t.low) &&
		i+1 < len(toks) && !(toks[i+1].kind == wordTok && en.Relatives.Has(toks[i+1].low))
}

// coordinated returns the first of coordinated subjects: in "Smith and
// Jones said", Smith.
func coordinated(toks []token, ms []*mention, m *mention) *mention {
	for {
		s := m.from
		if m.appos >= 0 && ms[m.appos].to == s-1 {
			s = ms[m.appos].from // "another ally, Jane Roe": look before the ally
		}
		if s < 2 || !toks[s-1].is("and") {
			return m
		}
		prev := endingAt(ms, s-2)
		if prev == nil || !prev.personal || prev.poss {
			return m
		}
		m = prev
	}
}

// inherit returns the first subject of the clause toks[from:k] that can
// speak: in "Democratic nominee Hillary Clinton, at a later press gaggle,
// said", Clinton rather than the party name before her title.
func inherit(ms []*mention, from, k int) *mention {
	for _, m := range ms {
		if m.from >= from && m.to <= k && m.subject && m.personal {
			return m
		}
	}
	return nil
}

func isFiller(t token) bool {
	if t.kind != wordTok || t.cap {
		return false
	}
	return fillers.Has(t.low) || len(t.low) >= minLyAdverb && strings.HasSuffix(t.low, "ly") && !en.RoleNouns.Has(t.low)
}

func endingAt(ms []*mention, j int) *mention {
	var best *mention
	for _, m := range ms {
		if m.to == j+1 && (best == nil || m.kind == byName) {
			best = m
		}
	}
	return best
}

// longestAt returns the longest mention starting at token j: "Trump
// lawyer Marc Kasowitz" (a name with its title) rather than "Trump".
func longestAt(ms []*mention, j int) *mention {
	var best *mention
	for _, m := range ms {
		if m.from == j && (best == nil || m.to > best.to) {
			best = m
		}
	}
	return best
}

func startingAt(ms []*mention, j int) *mention {
	for _, m := range ms {
		if m.from == j {
			return m
		}
	}
	return nil
}

// kindOf says whether a quotation is a clause or more (full) or a word or
// phrase inside the reporter's sentence (partial): three words or more that
// open with a capital or stand as the sentence.
func kindOf(toks []token, qi int, text string) Kind {
	if len(strings.Fields(text)) < minFullWords {
		return Partial
	}
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(text, "[(…'‘\""))
	if unicode.IsUpper(r) || qi == 0 || toks[qi-1].punct(":") {
		return Full
	}
	return Partial
}
