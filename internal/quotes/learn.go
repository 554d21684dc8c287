package quotes

import (
	"maps"
	"slices"
	"strings"
	"unicode"

	"dossier/internal/analysis"
	"dossier/internal/corpus"
)

// article is one document prepared for attribution: its quotations, its
// units, and the people it names.
type article struct {
	idx    int
	doc    *corpus.Document
	quotes []span
	units  [][]unit // per paragraph
	// lower holds the words the article writes in lower case somewhere.
	lower map[string]bool
	// given is the corpus's given names (nameRuns), shared by every
	// article once learn has read the full names; nil before.
	given map[string]bool
	// count is how often each person is named in full in the article.
	count map[*person]int
	// surnames maps the folded last word of a surname to the one person
	// named in full in the article who bears it (surnamesOf); a surname two
	// of them share is left out.
	surnames map[string]*person
	named    []*person // people named in full, in order of first mention
}

func prepare(idx int, d *corpus.Document) *article {
	a := &article{idx: idx, doc: d, quotes: findQuotes(d.Paragraphs), lower: map[string]bool{}, count: map[*person]int{}}
	for i, p := range d.Paragraphs {
		a.units = append(a.units, buildUnits(i, p, a.quotes))
	}
	for _, us := range a.units {
		for _, u := range us {
			for _, t := range u.toks {
				if t.kind == wordTok && !t.cap {
					a.lower[t.low] = true
				}
			}
		}
	}
	return a
}

// each calls f for every unit of the article with its name runs.
func (a *article) each(f func(u *unit, runs []nameRun)) {
	for pi := range a.units {
		for ui := range a.units[pi] {
			u := &a.units[pi][ui]
			f(u, nameRuns(u.toks, a.lower, a.given))
		}
	}
}

func (a *article) note(p *person) {
	p = p.root()
	if a.count[p] == 0 {
		a.named = append(a.named, p)
	}
	a.count[p]++
}

// settle counts merged people once, under the person they were merged
// into.
func (a *article) settle() {
	named, count := a.named, a.count
	a.named, a.count = nil, map[*person]int{}
	for _, p := range named {
		root := p.root()
		if a.count[root] == 0 {
			a.named = append(a.named, root)
		}
		a.count[root] += count[p]
	}
}

// transcriptSpeakers returns the folded names that label the turns of a
// transcript in the article ("WALLACE: …"), a name in capitals before a
// colon opening at least minTranscriptTurns paragraphs, when the article
// never writes it in lower case and it is no function word, role or
// title ("NOTE:", "UPDATE:"). Such a name is learned as a person known by
// it, who folds into the one person named in full with that surname.
func transcriptSpeakers(a *article) []string {
	turns := map[string]int{}
	var out []string
	for _, p := range a.doc.Paragraphs {
		label, _, ok := strings.Cut(strings.TrimLeft(p, " \"“"), ":")
		if !ok || !isAllCaps(label) || len(label) < minBareName || strings.ContainsFunc(label, func(r rune) bool { return !unicode.IsLetter(r) }) {
			continue
		}
		w := analysis.Fold(label)
		if a.lower[w] || en.IsStopWord(w) || isRoleNoun(w) || isTitleWord(w) || en.OrgWords.Has(w) || en.Countries.Has(w) {
			continue
		}
		if turns[w]++; turns[w] == minTranscriptTurns {
			out = append(out, w)
		}
	}
	return out
}

// runCountry: the whole run, titles and all, is a country's name of
// several words ("North Korea", whose "North" reads as a title word).
func runCountry(toks []token, run nameRun) bool {
	if run.to-run.from < minNameWords {
		return false
	}
	var ws []string
	for _, t := range toks[run.from:run.to] {
		ws = append(ws, t.low)
	}
	return en.Countries.Has(strings.Join(ws, " "))
}

// nameWordCount counts the words of a name that are not particles or
// suffixes.
func nameWordCount(words []string) int {
	n := 0
	for _, w := range words {
		if !en.NameParticles.Has(w) && !en.NameSuffixes.Has(w) {
			n++
		}
	}
	return n
}

// learn reads every article for the people it names and for what it says
// about them: full names first (so that "Ushakov" can be told from
// "Reuters"), then appositions, which also teach which nouns name roles,
// then titles before names and descriptions placed before a name.
func learn(arts []*article) *registry {
	r := newRegistry()
	var bare []bareSpeaker
	places := map[string]bool{}
	for _, a := range arts {
		for _, w := range transcriptSpeakers(a) {
			a.note(r.add("", w, strings.ToUpper(w[:1])+w[1:]))
		}
		a.each(func(u *unit, runs []nameRun) {
			placeWords(u.toks, places)
			for _, run := range runs {
				words := run.words(u.toks)
				first, last := nameKey(words)
				switch {
				case afterThe(u.toks, run) && run.from == run.name && institutionRun(u.toks, run, false):
					// "the Daily Caller": an institution, no one's name
				case len(words) >= minNameWords && en.Countries.Has(strings.Join(words, " ")) || runCountry(u.toks, run):
					// "South Korea", "New Zealand", "N. Korea": a country,
					// no one's name; nor is "Korea" after "North" one
				case nameWordCount(words) >= minNameWords && first != "":
					a.note(r.add(first, last, run.surface(u.toks)))
				case nameWordCount(words) == 1 && hasHonorific(u.toks, run):
					r.add("", last, run.surface(u.toks))
				default:
					if c, ok := bareCandidate(a, u.toks, run); ok {
						bare = append(bare, c)
					}
				}
			}
		})
	}
	r.dropPlaces(arts)
	given := map[string]bool{}
	for _, p := range r.people {
		if p.first != "" {
			given[p.first] = true
		}
	}
	for _, a := range arts {
		a.each(func(u *unit, runs []nameRun) {
			for _, run := range runs {
				// "Charlie King, a prominent New York Democrat,": a
				// capitalised word and a title word described as a
				// person are a given name and a surname.
				if run.name == run.to && run.to-run.from == minNameWords && isNameWord(u.toks[run.from]) &&
					surnameTitle(u.toks[run.to-1]) && describedAsPerson(u.toks, run) {
					given[u.toks[run.from].low] = true
				}
			}
		})
	}
	for _, a := range arts {
		a.given = given
		a.each(func(u *unit, runs []nameRun) {
			for _, run := range runs {
				if words := run.words(u.toks); len(words) == minNameWords && surnameTitle(u.toks[run.to-1]) {
					first, last := nameKey(words)
					if !r.places[first+"|"+last] && !en.Countries.Has(strings.Join(words, " ")) {
						a.note(r.add(first, last, run.surface(u.toks)))
					}
				}
			}
		})
	}
	r.learnBare(bare, places)
	r.mergeVariants()
	for _, a := range arts {
		a.settle()
		a.surnames = surnamesOf(a.named)
	}
	for _, a := range arts {
		a.each(func(u *unit, runs []nameRun) {
			for _, run := range runs {
				p := r.resolveRun(a, u.toks, run)
				if p == nil || run.poss {
					continue
				}
				for _, d := range appositions(u.toks, run) {
					r.describe(p, a.idx, d)
					r.learned[d.head] = true
				}
				for _, d := range copulas(u.toks, run) {
					if r.isRole(d.head) {
						r.describe(p, a.idx, d)
					}
				}
			}
		})
	}
	for _, a := range arts {
		a.each(func(u *unit, runs []nameRun) {
			for _, run := range runs {
				p := r.resolveRun(a, u.toks, run)
				if p == nil {
					continue
				}
				p.noteGender(run.titles(u.toks)...)
				start, d, ok := r.title(u.toks, run)
				if ok && !strings.Contains(d.head, " ") {
					r.learned[d.head] = true
				}
				if ok {
					r.describe(p, a.idx, d)
				}
				if d, ok := r.reverseApposition(u.toks, runs, start); ok {
					r.describe(p, a.idx, d)
				}
			}
		})
	}
	r.learnGender(arts)
	r.finish()
	return r
}

// dropPlaces removes the "people" the corpus writes mostly after "in":
// "in New Hampshire", "in British Columbia" name places, whose two
// capitalised words look like a given name and a surname. A person is
// rarely "in" anyone; at least minPlaceUses such uses, half or more of
// those where the name ends its phrase, make a place.
func (r *registry) dropPlaces(arts []*article) {
	total, in := map[*person]int{}, map[*person]int{}
	for _, a := range arts {
		a.each(func(u *unit, runs []nameRun) {
			for _, run := range runs {
				words := run.words(u.toks)
				if nameWordCount(words) < minNameWords || run.name != run.from || run.to < len(u.toks) && u.toks[run.to].kind == wordTok {
					continue // counted where the name ends its phrase: "in New Hampshire,", "Jane Roe."
				}
				first, last := nameKey(words)
				p := r.byKey[first+"|"+last]
				if p == nil {
					continue
				}
				total[p]++
				if run.from > 0 && u.toks[run.from-1].is("in") {
					in[p]++
				}
			}
		})
	}
	place := func(p *person) bool { return in[p] >= minPlaceUses && 2*in[p] >= total[p] }
	r.people = slices.DeleteFunc(r.people, place)
	maps.DeleteFunc(r.byKey, func(key string, p *person) bool {
		if place(p) {
			r.places[key] = true // no later pass may name it again
		}
		return place(p)
	})
	for _, a := range arts {
		a.named = slices.DeleteFunc(a.named, place)
	}
}

// learnGender reads the articles' own pronouns: a sentence that names one
// person, describes no one else, and goes on with "he", "his" or "him" (or
// "she", "her") votes for that person's gender. A person whose gender no
// title or role gives takes the gender all votes agree on.
func (r *registry) learnGender(arts []*article) {
	votes := map[*person]*[2]int{}
	for _, a := range arts {
		a.each(func(u *unit, runs []nameRun) {
			var who *person
			after := 0
			for _, run := range runs {
				if run.name == run.to {
					continue
				}
				p := r.resolveRun(a, u.toks, run)
				switch {
				case p == nil:
				case who == nil:
					who, after = p, run.to
				case who != p:
					return // two people: the pronoun could be either's
				}
			}
			if who == nil {
				return
			}
			var male, female int
			for k, t := range u.toks[after:] {
				switch {
				case t.kind != wordTok:
				case t.is("he", "him", "his", "himself"):
					male++
				case t.is("she", "her", "hers", "herself"):
					female++
				case !t.cap && r.isRoleWord(t.low) && !(after+k+1 < len(u.toks) && u.toks[after+k+1].cap):
					return // "… met a lawyer; she …": someone else is in the sentence
				}
			}
			if male == 0 && female == 0 || male > 0 && female > 0 {
				return
			}
			v := votes[who]
			if v == nil {
				v = &[2]int{}
				votes[who] = v
			}
			if male > 0 {
				v[0]++
			} else {
				v[1]++
			}
		})
	}
	for p, v := range votes {
		switch {
		case p.gender != 0:
		case v[0] > 0 && v[1] == 0:
			p.gender = 'm'
		case v[1] > 0 && v[0] == 0:
			p.gender = 'f'
		}
	}
}

func (r *registry) describe(p *person, doc int, d desc) {
	p = p.root()
	d.doc = doc
	for _, o := range p.descs {
		if o.doc == d.doc && o.head == d.head && slices.Equal(o.words, d.words) {
			return // an article repeating itself teaches nothing new
		}
	}
	p.descs = append(p.descs, d)
	p.noteGender(d.head)
}

func hasHonorific(toks []token, run nameRun) bool {
	for _, t := range toks[run.from:run.name] {
		if en.Honorifics.Has(t.low) {
			return true
		}
	}
	return false
}

// resolveRun returns the person a name run names: a full name directly; a
// surname alone as the person of that surname the article names most, or
// else the corpus does. Nil when the run names no known person ("Reuters").
func (r *registry) resolveRun(a *article, toks []token, run nameRun) *person {
	words := run.words(toks)
	if nameWordCount(words) == 0 {
		return nil
	}
	first, last := nameKey(words)
	if p := r.byKey[first+"|"+last]; p != nil {
		return p.root()
	}
	if first != "" && nameWordCount(words) >= minNameWords {
		return nil
	}
	w := lastWord(last)
	var best *person
	for _, p := range a.named {
		if p.hasLast(w) && (best == nil || a.count[p] > a.count[best]) {
			best = p
		}
	}
	if best != nil {
		return best.root()
	}
	if first == "" {
		// "Hillary said" where the article names Hillary Clinton: the one
		// person of the article with that given name.
		for _, p := range a.named {
			if p.root().first == w {
				if best != nil && best.root() != p.root() {
					return nil
				}
				best = p
			}
		}
		if best != nil {
			return best.root()
		}
	}
	for _, p := range r.withLast(w) {
		if best == nil || p.mentions > best.mentions {
			best = p
		}
	}
	return best
}

// describedAsPerson: the run is followed by an apposition whose head is
// a role noun ("…, a prominent New York Democrat").
func describedAsPerson(toks []token, run nameRun) bool {
	for _, d := range appositions(toks, run) {
		if isRoleNoun(d.head) {
			return true
		}
	}
	return false
}

// appositions reads "Name, a/the/one of/Possessive … ," after a name run.
func appositions(toks []token, run nameRun) []desc {
	k := skipParenthesis(toks, run.to)
	if k+1 >= len(toks) || !toks[k].punct(",") || !descriptionStart(toks, k+1) {
		return nil
	}
	end := k + 1
	relative := false
	for end < len(toks) && !toks[end].punct(",;.:—()") && toks[end].kind != quoteTok {
		relative = relative || en.Relatives.Has(toks[end].low)
		if !relative && isSpeechVerb(toks, end) {
			return nil // "Smith, the official said," is no apposition
		}
		end++
	}
	return descriptionParts(toks, k+1, end)
}

// copulas reads "Name is a/the … ." when the name opens the sentence.
func copulas(toks []token, run nameRun) []desc {
	if run.from != 0 {
		return nil
	}
	k := skipParenthesis(toks, run.to)
	if k+1 >= len(toks) || !toks[k].is("is", "was") || !descriptionStart(toks, k+1) {
		return nil
	}
	end := k + 1
	for end < len(toks) && !toks[end].punct(",;.:—()") && toks[end].kind != quoteTok {
		end++
	}
	return descriptionParts(toks, k+1, end)
}

// descriptionParts splits "an adviser to the president and head of the
// fund" at "and" and parses each part.
func descriptionParts(toks []token, from, to int) []desc {
	var out []desc
	start := from
	for i := from; i <= to; i++ {
		if i < to && !toks[i].is("and") {
			continue
		}
		if d, ok := parseDescription(toks, start, i); ok && (start == from || en.RoleNouns.Has(d.head)) {
			out = append(out, d)
		}
		start = i + 1
	}
	return out
}

func skipParenthesis(toks []token, k int) int {
	if k < len(toks) && toks[k].punct("(") {
		for j := k + 1; j < len(toks) && j < k+maxParenthesis; j++ {
			if toks[j].punct(")") {
				return j + 1
			}
		}
	}
	return k
}

// title reads the title a name run carries ("Ukrainian President", "Rep.")
// or that stands before it in lower case ("senior Kremlin diplomat Yuri
// Ushakov"). start is where the whole phrase begins.
func (r *registry) title(toks []token, run nameRun) (start int, d desc, ok bool) {
	start = run.from
	for k := run.name - 1; k >= run.from; k-- {
		s, _ := singular(toks[k].low)
		// A title word right before the name is its head ("Colonel Dana
		// Okafor"), and later "the colonel" refers to her.
		if en.RoleNouns.Has(s) || isTitleAbbrev(toks[k].low) || r.learned[s] || k == run.name-1 && en.TitleWords.Has(s) {
			d.head, ok = roleHead(toks, k), true
			for _, t := range toks[run.from:k] {
				if !en.Honorifics.Has(t.low) && !en.CompoundPrefixes.Has(t.low) {
					d.words = append(d.words, t.low)
				}
			}
			break
		}
	}
	k := run.from - 1
	if k < 0 || toks[k].kind != wordTok || toks[k].cap {
		return start, d, ok
	}
	s, plural := singular(toks[k].low)
	if plural || !r.isRole(s) {
		return start, d, ok
	}
	from, words, _ := extendLeft(toks, k)
	if from > 0 && (isFiller(toks[from-1]) || toks[from-1].is("to")) || slices.ContainsFunc(words, func(w string) bool { return fillers.Has(w) }) {
		return start, d, ok // a verb that is also a noun: "would still host Smith"
	}
	if !ok {
		d.head, ok = roleHead(toks, k), true
	}
	d.words = append(d.words, words...)
	return from, d, ok
}

// reverseApposition reads a description that stands before a name, set off
// by a comma: "another close ally, Jane Roe," or "the mayor's chief of
// staff, John Doe,". The phrase must not itself be an apposition of an
// earlier name ("Ann Lee, the mayor's aide, John Doe said" is about Lee).
func (r *registry) reverseApposition(toks []token, runs []nameRun, start int) (desc, bool) {
	if start < 2 || !toks[start-1].punct(",") {
		return desc{}, false
	}
	e := start - 2
	for h := e; h >= 0 && e-h <= maxReverseApposition; h-- {
		t := toks[h]
		if t.kind != wordTok {
			return desc{}, false
		}
		s, plural := singular(t.low)
		if !r.isRole(s) || plural || !(h == e || en.Prepositions.Has(toks[h+1].low)) {
			continue
		}
		from, words, det := extendLeft(toks, h)
		if det == "" || (from >= 2 && toks[from-1].punct(",") && endsRun(runs, from-1)) {
			return desc{}, false
		}
		d := desc{head: roleHead(toks, h), words: words}
		for _, c := range toks[h+1 : e+1] {
			if c.kind == wordTok && !en.Prepositions.Has(c.low) {
				d.words = append(d.words, c.low)
			}
		}
		return d, true
	}
	return desc{}, false
}

// endsRun reports whether a name run ends just before toks[k].
func endsRun(runs []nameRun, k int) bool {
	for _, r := range runs {
		if r.to == k && r.name < r.to {
			return true
		}
	}
	return false
}

// surnamesOf maps the last word of the surname of each person named in
// full ("Marty Small", "Billie Jean King", "Ai Jun") to that person, when
// no other person named in full shares it; institutions have none.
func surnamesOf(named []*person) map[string]*person {
	m := map[string]*person{}
	for _, p := range named {
		if p.org || p.first == "" {
			continue
		}
		w := lastWord(p.last)
		if q, ok := m[w]; ok && q != p {
			m[w] = nil
			continue
		}
		m[w] = p
	}
	return m
}
