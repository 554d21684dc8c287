package quotes

import (
	"slices"
	"strings"
)

// person is someone the articles name. One person per corpus: "Yuri
// Ushakov", "Ushakov" and "Mr. Ushakov" in any article are the same person.
type person struct {
	first, last string         // folded; first is "" when only a surname is known
	lasts       []string       // every spelling of the surname ("zelensky", "zelenskyy")
	forms       map[string]int // the full name as written, and how often
	descs       []desc
	gender      byte // 'm', 'f' or 0 when the articles do not say
	mentions    int
	name        string  // canonical name, chosen by finish
	into        *person // set when merged into another person
	// org marks an institution or a document that speaks as one ("the
	// Kremlin", "the State Department"). It is never merged with a person,
	// never a pronoun's antecedent, and listed as a speaker of its own.
	org bool
}

func (p *person) root() *person {
	for p.into != nil {
		p = p.into
	}
	return p
}

// desc is what an article calls a person: "the senior Russian foreign
// policy adviser" is head "adviser" with words senior, russian, foreign,
// policy.
type desc struct {
	head  string
	words []string
	doc   int
}

// registry holds the people of the corpus and what the articles say about
// them.
type registry struct {
	people []*person
	byKey  map[string]*person // first + "|" + last
	// learned are role nouns the articles use in appositions ("Kirill
	// Dmitriev, a close adviser"), added to the general roleNouns.
	learned map[string]bool
	// byLastWord indexes people by the last word of each spelling of their
	// surname, once mergeVariants has settled who is who.
	byLastWord map[string][]*person
	// orgs are the institutions the articles quote, by folded name; kept
	// out of people so that no rule about names can merge them.
	orgs map[string]*person
	// bareOrgs are the one-word institutions learnBare found ("cnn",
	// "russia"), which a name run of that word alone names.
	bareOrgs map[string]bool
	// places are the two-word "names" dropPlaces found to be places
	// ("new|hampshire"), by key.
	places map[string]bool
}

func newRegistry() *registry {
	return &registry{byKey: map[string]*person{}, learned: map[string]bool{}, orgs: map[string]*person{}, bareOrgs: map[string]bool{}, places: map[string]bool{}}
}

// institution returns the institution a run names, named as the articles
// first write it without its article ("State Department").
func (r *registry) institution(toks []token, run nameRun) *person {
	var key, name []string
	for _, t := range toks[run.from:run.to] {
		key = append(key, t.low)
		w := t.text
		if t.poss {
			w = strings.TrimRight(strings.TrimRight(w, "sS"), "'’")
		}
		name = append(name, w)
	}
	k := strings.Join(key, " ")
	p := r.orgs[k]
	if p == nil {
		p = &person{org: true, name: strings.Join(name, " "), forms: map[string]int{}}
		r.orgs[k] = p
	}
	p.mentions++
	return p
}

// add records a full name (or, with first == "", a surname known from an
// honorific such as "Mr. Smith").
func (r *registry) add(first, last, surface string) *person {
	key := first + "|" + last
	p := r.byKey[key]
	if p == nil {
		p = &person{first: first, last: last, lasts: []string{last}, forms: map[string]int{}}
		r.byKey[key] = p
		r.people = append(r.people, p)
	}
	p = p.root()
	p.forms[surface]++
	p.mentions++
	return p
}

// isRole reports whether a folded singular noun names a role.
func (r *registry) isRole(w string) bool { return en.RoleNouns.Has(w) || r.learned[w] }

// isRoleWord reports whether a folded word, singular or plural, names a
// role ("adviser", "advisers").
func (r *registry) isRoleWord(w string) bool {
	s, _ := singular(w)
	return r.isRole(s)
}

// withLast returns the people whose surname ends with the word w.
func (r *registry) withLast(w string) []*person {
	if r.byLastWord != nil {
		return r.byLastWord[w]
	}
	var out []*person
	for _, p := range r.people {
		if p.into == nil && p.hasLast(w) {
			out = append(out, p)
		}
	}
	return out
}

// hasLast reports whether any spelling of the person's surname ends with
// the word w.
func (p *person) hasLast(w string) bool {
	for _, l := range p.root().lasts {
		if lastWord(l) == w {
			return true
		}
	}
	return false
}

// mergeVariants makes one person of names that differ only by a typo or a
// transliteration of the surname ("Zelensky", "Zelenskyy") with the same
// given name, and folds surname-only people into the one full name that has
// their surname.
func (r *registry) mergeVariants() {
	for i, a := range r.people {
		for _, b := range r.people[i+1:] {
			if a.into != nil || b.into != nil || a.first == "" || a.first != b.first || a.last == b.last {
				continue
			}
			if len(a.last) >= minTypoSurname && len(b.last) >= minTypoSurname && editDistance(a.last, b.last, 1) <= 1 {
				mergeInto(b, a)
			}
		}
	}
	for _, p := range r.people {
		if p.into != nil || p.first != "" {
			continue
		}
		var full []*person
		for _, q := range r.withLast(lastWord(p.last)) {
			if q.first != "" {
				full = append(full, q)
			}
		}
		if len(full) == 1 {
			mergeInto(p, full[0])
		}
	}
	r.byLastWord = map[string][]*person{}
	for _, p := range r.people {
		if p.into != nil {
			continue
		}
		seen := map[string]bool{}
		for _, l := range p.lasts {
			if w := lastWord(l); !seen[w] {
				seen[w] = true
				r.byLastWord[w] = append(r.byLastWord[w], p)
			}
		}
	}
}

// mergeInto folds person b into a, keeping the better-known as the root.
func mergeInto(b, a *person) {
	a, b = a.root(), b.root()
	if a == b {
		return
	}
	if b.mentions > a.mentions && b.first != "" {
		a, b = b, a
	}
	for f, n := range b.forms {
		a.forms[f] += n
	}
	a.descs = append(a.descs, b.descs...)
	for _, l := range b.lasts {
		if !slices.Contains(a.lasts, l) {
			a.lasts = append(a.lasts, l)
		}
	}
	a.mentions += b.mentions
	if a.gender == 0 {
		a.gender = b.gender
	}
	b.into = a
}

// finish chooses each person's canonical name: the full name as the corpus
// most often writes it; ties go to the longer, then the first in order.
func (r *registry) finish() {
	for _, p := range r.people {
		if p.into != nil {
			continue
		}
		forms := make([]string, 0, len(p.forms))
		for f := range p.forms {
			forms = append(forms, f)
		}
		slices.SortFunc(forms, func(x, y string) int {
			if p.forms[x] != p.forms[y] {
				return p.forms[y] - p.forms[x]
			}
			if len(x) != len(y) {
				return len(y) - len(x)
			}
			return strings.Compare(x, y)
		})
		p.name = forms[0]
	}
}

// noteGender records what a title or role says of a person's gender.
func (p *person) noteGender(words ...string) {
	for _, w := range words {
		switch {
		case en.MaleWords.Has(w):
			p.gender = 'm'
		case en.FemaleWords.Has(w):
			p.gender = 'f'
		}
	}
}

// nameWords are the folded words of a person's name, to keep "Putin's
// ally" from resolving to Putin.
func (p *person) nameWords() []string {
	return strings.Fields(p.first + " " + p.last)
}

// extendLeft walks left from the role noun at toks[h] over its modifiers to
// the start of the noun phrase. It returns the start, the folded modifiers
// and the determiner ("the", "a", … or "poss" for "Putin’s ally"; "" when
// there is none).
func extendLeft(toks []token, h int) (start int, words []string, det string) {
	start = h
	for j := h - 1; j >= 0 && h-j <= maxModifiers; j-- {
		t := toks[j]
		if t.kind != wordTok {
			break
		}
		switch {
		case en.Determiners.Has(t.low):
			return j, words, t.low
		case t.is("his", "her", "their", "its"):
			return j, words, "poss"
		case t.poss:
			return j, append(words, t.low), "poss"
		case en.Prepositions.Has(t.low) || en.IsStopWord(t.low) || en.IsSpeechVerb(t.low) || en.Relatives.Has(t.low) || quoteVerbPast(t.low):
			return start, words, ""
		case !t.cap && strings.HasSuffix(t.low, "ing") && !ingAdjectives.Has(t.low):
			return start, words, ""
		case isNumberWord(t.low):
			words = append(words, t.low)
		default:
			words = append(words, t.low)
		}
		start = j
	}
	return start, words, ""
}

// quoteVerbPast: a past or -ing form of a verb that may introduce a
// quotation ("exhorted", "lauding"), which ends a description as a speech
// verb does ("Cruz exhorted Republicans" describes no one).
func quoteVerbPast(w string) bool {
	l, ok := en.QuoteLemma(w)
	return ok && l != w && !strings.HasSuffix(w, "s")
}

// looksVerbal: a word with a verb's ending that is no role noun
// ("emerged", "saying") cannot head a description.
func looksVerbal(w string) bool {
	return !en.RoleNouns.Has(w) && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing"))
}

func isNumberWord(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if r < '0' || r > '9' {
			return en.NumberWords.Has(w)
		}
	}
	return true
}

// roleHead returns the singular head of a title word ("Rep." →
// "representative"), joining a compound prefix before it ("Vice President"
// → "vice president").
func roleHead(toks []token, i int) string {
	w := toks[i].low
	if full := en.TitleExpansions[w]; full != "" {
		w = full
	}
	w, _ = singular(w)
	if i > 0 && toks[i-1].kind == wordTok && en.CompoundPrefixes.Has(toks[i-1].low) {
		w = toks[i-1].low + " " + w
	}
	return w
}

// parseDescription reads a description such as "a close adviser to the
// president" or "one of the key negotiators" in toks[from:to]: determiner,
// modifiers, the head noun (the last word before a preposition, a relative
// pronoun or the end) and a prepositional complement, whose words are kept
// too. ok is false when toks[from:to] does not read as one.
func parseDescription(toks []token, from, to int) (d desc, ok bool) {
	i := from
	if i+1 < to && toks[i].is("one") && toks[i+1].is("of") {
		i += 2
	}
	if i < to && (en.Determiners.Has(toks[i].low) || toks[i].is("his", "her", "their")) && toks[i].kind == wordTok {
		i++
	}
	j := i
	for j < to && toks[j].kind == wordTok && !en.Prepositions.Has(toks[j].low) && !en.Relatives.Has(toks[j].low) && !toks[j].is("and", "or", "but") {
		if toks[j].poss {
			d.words = append(d.words, toks[j].low)
			i = j + 1
		}
		j++
	}
	if j == i {
		return desc{}, false
	}
	head := toks[j-1]
	if head.poss || en.IsStopWord(head.low) || isNumberWord(head.low) || looksVerbal(head.low) {
		return desc{}, false
	}
	d.head, _ = singular(head.low)
	if j-2 >= i && en.CompoundPrefixes.Has(toks[j-2].low) {
		d.head = toks[j-2].low + " " + d.head
	}
	for _, t := range toks[i : j-1] {
		d.words = append(d.words, t.low)
	}
	if j < to && en.Prepositions.Has(toks[j].low) {
		for _, t := range toks[j+1 : to] {
			if t.kind != wordTok || en.Relatives.Has(t.low) {
				break
			}
			if !en.IsStopWord(t.low) {
				d.words = append(d.words, t.low)
			}
		}
	}
	return d, true
}

// descriptionStart reports whether toks[i] can open an apposition that
// describes a person: a determiner, "one of", or a possessive name.
func descriptionStart(toks []token, i int) bool {
	t := toks[i]
	return t.kind == wordTok && (en.Determiners.Has(t.low) || t.is("one") || t.poss && t.cap)
}

// editDistance is the Levenshtein distance between a and b, or max+1 as
// soon as it exceeds max.
func editDistance(a, b string, max int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > max || -d > max {
		return max + 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > max {
			return max + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
