package quotes

import (
	"slices"
	"strings"

	"dossier/internal/analysis"
)

type mentionKind uint8

const (
	byName mentionKind = iota
	byPronoun
	byDescription
)

// mention is a reference to someone in the reporter's words: a name with
// its title, a pronoun, or a description such as "the Kremlin diplomat".
type mention struct {
	kind     mentionKind
	from, to int     // tokens [from, to)
	person   *person // who it refers to; nil when unknown
	// personal is false for names of no known person ("Reuters") and for
	// names used as modifiers ("the Trump administration").
	personal bool
	plural   bool
	poss     bool
	subject  bool // not the object of a verb or a preposition
	gender   byte
	desc     desc     // descriptions: head and modifiers
	proper   []string // descriptions: folded capitalised modifiers ("kremlin")
	det      string   // descriptions: "the", "a", "poss", …
	appos    int      // index of the mention this one stands in apposition to, or -1
}

// sure reports whether the mention names a known person.
func (m *mention) sure() bool { return m != nil && m.personal && !m.plural && m.person != nil }

// mentions finds the references to people in a unit, in order, and marks
// which stand as subjects.
func (rd *reader) mentions(toks []token, runs []nameRun) []*mention {
	var ms []*mention
	covered := make([]bool, len(toks)+1)
	for _, run := range runs {
		if dateline(toks, run) {
			continue
		}
		var p *person
		if run.name < run.to {
			p = rd.reg.resolveRun(rd.art, toks, run)
		}
		// A name after "the" that heads its phrase is an institution even
		// when another article writes it bare ("Daily Caller"): people's
		// names take no article.
		if (p == nil || afterThe(toks, run) && run.from == run.name) && institutionRun(toks, run, rd.reg.bareOrg(toks, run)) {
			from := run.from
			if from > 0 && toks[from-1].is("the") {
				from-- // the mention holds its article: "said the Kremlin"
			}
			m := &mention{kind: byName, from: from, to: run.to, person: rd.reg.institution(toks, run), personal: true, appos: -1}
			for k := m.from; k < run.to; k++ {
				covered[k] = true
			}
			ms = append(ms, m)
			continue
		}
		if run.name == run.to {
			if en.OrgWords.Has(toks[run.to-1].low) {
				// "the Democratic National Convention" names a body even
				// where it is no speaker; none of its words is a role
				// noun heading a description of someone.
				for k := run.from; k < run.to; k++ {
					covered[k] = true
				}
			}
			continue
		}
		start, _, _ := rd.reg.title(toks, run)
		m := &mention{kind: byName, from: start, to: run.to, person: p, poss: run.poss, appos: -1}
		m.personal = p != nil || hasHonorific(toks, run)
		if start > 0 && toks[start-1].is("the", "a", "an") && !titledHead(toks, run, start) {
			m.personal = false // "the Trump administration"
		}
		if p != nil {
			m.gender = p.gender
		}
		for k := start; k < run.to; k++ {
			covered[k] = true
		}
		ms = append(ms, m)
	}
	for i := range toks {
		if m := rd.surnameAtStart(toks, i, covered); m != nil {
			covered[i] = true
			ms = append(ms, m)
		}
	}
	for h, t := range toks {
		if m := rd.orgDescription(toks, h, covered); m != nil {
			for k := m.from; k < m.to; k++ {
				covered[k] = true
			}
			ms = append(ms, m)
			continue
		}
		if t.kind != wordTok || covered[h] || en.IsStopWord(t.low) {
			continue
		}
		s, plural := singular(t.low)
		if !rd.reg.isRole(s) || h+1 < len(toks) && toks[h+1].kind == wordTok && !toks[h+1].cap && rd.reg.isRoleWord(toks[h+1].low) {
			continue // not a role, or not the head ("chief" in "chief negotiator")
		}
		start, words, det := extendLeft(toks, h)
		if det == "" && !plural {
			continue // a bare noun ("as head of") refers to no one in particular
		}
		m := &mention{kind: byDescription, from: start, to: h + 1, personal: true, plural: plural, det: det, appos: -1,
			desc: desc{head: roleHead(toks, h), words: words}}
		for k := start; k < h; k++ {
			if toks[k].cap && toks[k].kind == wordTok {
				m.proper = append(m.proper, toks[k].low)
			}
		}
		m.gender = genderOf(s)
		ms = append(ms, m)
	}
	for i, t := range toks {
		if t.kind != wordTok {
			continue
		}
		if g, ok := en.PersonalPronouns[t.low]; ok {
			ms = append(ms, &mention{kind: byPronoun, from: i, to: i + 1, personal: true, gender: g, appos: -1})
		} else if t.low == "they" {
			ms = append(ms, &mention{kind: byPronoun, from: i, to: i + 1, personal: true, plural: true, appos: -1})
		}
	}
	ms = dropNested(ms)
	markSubjects(toks, ms)
	return ms
}

// dateline: the run opens the unit and a parenthesis and a dash follow
// it, as a wire story's dateline names its city and agency ("Washington
// (AFP) – Democrat Hillary Clinton …"): a place, no one who speaks.
func dateline(toks []token, run nameRun) bool {
	if run.from != 0 || run.poss {
		return false
	}
	k := skipParenthesis(toks, run.to)
	return k > run.to && k < len(toks) && toks[k].punct("-–—―")
}

// surnameAtStart reads a capitalised word opening a sentence that starts
// no name run, because the article also writes it in lower case, or it is
// a title or a month ("Small said", "King says", "Jun wrote"), as the one
// person named in full in the article with that surname ("Marty Small"),
// when a speech verb or a comma follows it: "Small, who attended the
// rally, said". Elsewhere ("Small businesses say") it stays a word.
func (rd *reader) surnameAtStart(toks []token, i int, covered []bool) *mention {
	t := toks[i]
	if covered[i] || t.kind != wordTok || !t.cap || t.poss || isAllCaps(t.text) || !sentenceStart(toks, i) || i+1 >= len(toks) {
		return nil
	}
	p := rd.art.surnames[t.low]
	if p == nil || !toks[i+1].punct(",") && !isSpeechVerb(toks, i+1) {
		return nil
	}
	return &mention{kind: byName, from: i, to: i + 1, person: p, personal: true, gender: p.gender, appos: -1}
}

// orgDescription reads "the authority" or "the water authority" at
// toks[h]: a definite description whose lower-case head is an institution
// word, which refers to the one institution, mentioned earlier in the
// article (or else anywhere in the corpus), whose name ends with that word
// and holds every modifier ("Aska Basin Water Authority"). Nil when it is
// no such description or when two institutions fit.
func (rd *reader) orgDescription(toks []token, h int, covered []bool) *mention {
	t := toks[h]
	if t.kind != wordTok || t.cap || covered[h] || !en.OrgWords.Has(t.low) || t.poss ||
		h+1 < len(toks) && toks[h+1].kind == wordTok && !toks[h+1].cap && en.OrgWords.Has(toks[h+1].low) {
		return nil
	}
	j := h - 1
	var mods []string
	for ; j >= 0 && h-j <= maxModifiers; j-- {
		w := toks[j]
		if w.kind != wordTok || w.cap && !w.is("the") || covered[j] {
			return nil
		}
		if w.is("the") {
			break
		}
		if en.IsStopWord(w.low) {
			return nil
		}
		mods = append(mods, w.low)
	}
	if j < 0 || !toks[j].is("the") {
		return nil
	}
	fits := func(cands []*person) *person {
		var found *person
		for _, p := range cands {
			words := strings.Fields(analysis.Fold(p.name))
			if len(words) == 0 || words[len(words)-1] != t.low || overlap(words, mods) != len(mods) {
				continue
			}
			if found != nil && found != p {
				return nil
			}
			found = p
		}
		return found
	}
	var local []*person
	for p := range rd.seen {
		if p.org {
			local = append(local, p)
		}
	}
	p := fits(local)
	if p == nil && len(local) == 0 {
		var all []*person
		for _, o := range rd.reg.orgs {
			all = append(all, o)
		}
		p = fits(all)
	}
	if p == nil {
		return nil
	}
	return &mention{kind: byName, from: j, to: h + 1, person: p, personal: true, appos: -1}
}

// titledHead reports whether a name run whose title starts at toks[start],
// after "the", is a titled name that heads its noun phrase: it has a title
// or an honorific before the name ("the Rev.", "the Post's senior editor"),
// and punctuation, a quotation, the end, a speech verb or an adverb follows
// it ("said the Rev. Peter Wherry, of …", "the Speaker of the House Rep.
// Paul Ryan (R-Wis.) said"). Then the article belongs to the title, not to
// a noun the name modifies ("the Trump administration"); "a" or "an"
// before a name still makes a kind of person ("an Iowa Democrat").
func titledHead(toks []token, run nameRun, start int) bool {
	to := run.to
	if run.name == start || start == 0 || !toks[start-1].is("the") {
		return false
	}
	return to == len(toks) || toks[to].kind != wordTok || isSpeechVerb(toks, to) || isFiller(toks[to])
}

func genderOf(head string) byte {
	switch {
	case en.MaleWords.Has(head):
		return 'm'
	case en.FemaleWords.Has(head):
		return 'f'
	}
	return 0
}

// dropNested removes names inside a description ("Putin" in "a top Putin
// aide"): there they say whose aide, not who speaks.
func dropNested(ms []*mention) []*mention {
	slices.SortStableFunc(ms, func(a, b *mention) int { return a.from - b.from })
	// reach[i] is the furthest end of the descriptions among the first i+1
	// that start at or before descs[i].from.
	var descs []*mention
	var reach []int
	for _, m := range ms {
		if m.kind == byDescription {
			r := m.to
			if n := len(reach); n > 0 {
				r = max(r, reach[n-1])
			}
			descs = append(descs, m)
			reach = append(reach, r)
		}
	}
	var out []*mention
	for _, m := range ms {
		if m.kind != byDescription {
			// the last description starting at or before m
			i, _ := slices.BinarySearchFunc(descs, m.from+1, func(d *mention, from int) int { return d.from - from })
			if i > 0 && reach[i-1] >= m.to {
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

// markSubjects marks the mentions that can be the subject of a clause: not
// possessive, not after a preposition or a verb; and links appositions
// ("Ann Lee, the mayor's aide," and "the mayor's aide, Ann Lee,").
func markSubjects(toks []token, ms []*mention) {
	for i, m := range ms {
		m.subject = !m.poss
		if m.from == 0 || m.poss {
			continue
		}
		prevEnds := i > 0 && ms[i-1].to == m.from-1
		p := toks[m.from-1]
		switch {
		case p.punct(",") && prevEnds && ms[i-1].personal && (ms[i-1].person == nil || !ms[i-1].person.org) &&
			sentenceClause(toks, m.from) != m.from:
			// "Before the convention, Cleveland Police Chief Calvin
			// Williams lobbied": the comma closes a leading clause, it
			// opens no apposition.
			m.appos = i - 1
			m.subject = ms[i-1].subject
		case p.is("and", "or") && prevEnds:
			m.subject = ms[i-1].subject
		case p.kind != wordTok:
		case en.Prepositions.Has(p.low) || en.Relatives.Has(p.low) && p.low != "that" || en.IsSpeechVerb(p.low) && !p.poss:
			m.subject = false
		case !p.cap && !en.IsStopWord(p.low) && !fillers.Has(p.low) && !isRoleNoun(p.low):
			// after a verb: "Trump defended Witkoff"; but a person noun
			// before a name is its title ("presidential nominee Hillary
			// Clinton was…")
			m.subject = false
		}
	}
}

// past is a subject mention of an earlier unit, for pronouns.
type past struct {
	person   *person
	para     int
	personal bool
	plural   bool
	gender   byte
}

// resolve fills in who each description and pronoun of a unit refers to.
func (rd *reader) resolve(toks []token, ms []*mention, para int) {
	for i, m := range ms {
		switch m.kind {
		case byDescription:
			switch {
			case m.plural:
			case m.appos >= 0 && ms[m.appos].kind == byName:
				m.person = ms[m.appos].person
			case i+1 < len(ms) && ms[i+1].appos == i && ms[i+1].kind == byName:
				m.person = ms[i+1].person
			default:
				m.person = rd.resolveDescription(m, para)
			}
		case byPronoun:
			if !m.plural {
				m.person = rd.antecedent(ms[:i], m, para)
			}
		}
		if m.person != nil && m.personal {
			rd.seq++
			rd.seen[m.person] = rd.seq
			rd.lastPara[m.person] = para
		}
	}
}

// antecedent is the person a pronoun refers to: the latest subject before
// it, in this unit or the recent paragraphs, whose gender does not rule it
// out. A latest subject who is unknown ("a spokesman") makes the pronoun
// unknown too, rather than reaching past them to someone else.
func (rd *reader) antecedent(before []*mention, m *mention, para int) *person {
	for i := len(before) - 1; i >= 0; i-- {
		b := before[i]
		if !b.subject || !b.personal || b.plural || b.person != nil && b.person.org {
			continue
		}
		if g := genderOfMention(b); g != 0 && m.gender != 0 && g != m.gender {
			continue
		}
		return b.person
	}
	for i := len(rd.history) - 1; i >= 0; i-- {
		h := rd.history[i]
		if h.para < para-pronounReach {
			break
		}
		if !h.personal || h.plural {
			continue
		}
		g := h.gender
		if h.person != nil && h.person.gender != 0 {
			g = h.person.gender
		}
		if g != 0 && m.gender != 0 && g != m.gender {
			continue
		}
		return h.person
	}
	return nil
}

func genderOfMention(m *mention) byte {
	if m.person != nil && m.person.gender != 0 {
		return m.person.gender
	}
	return m.gender
}

// resolveDescription finds the person a description refers to, using what
// the articles say about people: first a person this article describes
// with the same role noun, then one the corpus does, then — for a vague
// relation such as "the mayor's ally" — the one recent person whose
// descriptions share the proper noun ("an aide to Mayor Lee").
// The person must have been mentioned before, except in an article's first
// paragraph, where "A senior aide said …" may name him only later. Ties go
// to the latest mentioned.
func (rd *reader) resolveDescription(m *mention, para int) *person {
	anaphoric := m.det != "" && !en.Indefinites.Has(m.det)
	var cands []*person
	if anaphoric {
		for p := range rd.seen {
			cands = append(cands, p)
		}
	}
	lede := para == 0
	if p := rd.pick(m, excludeNamed(cands, m.desc.words), false, para); p != nil || !lede {
		return p
	}
	return rd.pick(m, excludeNamed(rd.art.named, m.desc.words), true, para)
}

// pick chooses among candidates by role noun (as this article uses it,
// then as any article does), then modifier overlap, then recency (or, for a
// description in the lede, order of first mention).
func (rd *reader) pick(m *mention, cands []*person, lede bool, para int) *person {
	for _, local := range []bool{true, false} {
		var best *person
		bestScore := -1
		for _, p := range cands {
			score := -1
			for _, d := range p.root().descs {
				if d.head == m.desc.head && (!local || d.doc == rd.art.idx) {
					score = max(score, overlap(d.words, m.desc.words))
				}
			}
			if score >= 0 && (score > bestScore || score == bestScore && rd.later(p, best, lede)) {
				best, bestScore = p, score
			}
		}
		if best != nil {
			return best
		}
	}
	if lede || len(m.proper) == 0 || !en.RelationalNouns.Has(m.desc.head) {
		return nil
	}
	var found *person
	for _, p := range cands {
		if rd.lastPara[p] < para-relationReach {
			continue
		}
		for _, d := range p.root().descs {
			if overlap(d.words, m.proper) > 0 {
				if found != nil && found != p {
					return nil // two people fit: do not guess
				}
				found = p
				break
			}
		}
	}
	return found
}

// later reports whether p should win a tie over q: mentioned more recently,
// or for the lede, named earlier in the article.
func (rd *reader) later(p, q *person, lede bool) bool {
	if q == nil {
		return true
	}
	if lede {
		return slices.Index(rd.art.named, p) < slices.Index(rd.art.named, q)
	}
	return rd.seen[p] > rd.seen[q]
}

// excludeNamed drops the people named inside the description itself.
func excludeNamed(ps []*person, words []string) []*person {
	var out []*person
	for _, p := range ps {
		if overlap(p.root().nameWords(), words) == 0 {
			out = append(out, p.root())
		}
	}
	slices.SortFunc(out, func(a, b *person) int { return strings.Compare(a.first+a.last, b.first+b.last) })
	return slices.Compact(out)
}

func overlap(a, b []string) int {
	n := 0
	for _, x := range a {
		if slices.Contains(b, x) {
			n++
		}
	}
	return n
}
