package answer

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/internal/analysis"
	"dossier/internal/corpus"
	"dossier/internal/lang"
)

// A model's answer is shown only sentence by sentence, each sentence only
// when the passages it cites support it. Markers alone prove nothing: a
// model with random weights writes well-formed "[1]" after random words.
// A sentence is supported when
//
//  1. it cites at least one passage it was given;
//  2. every name (a capitalised word inside the sentence), every number
//     and every month it writes stands in the passages it cites; numbers
//     by value, however either writes them ("five" is "5", "four
//     thousand" is "4,000", "€50m" is "50 million euros"; see number), a
//     currency or percent sign with its word ("$50m" is not "50 million
//     euros");
//  3. at least minSupport of its content words (the words that are not
//     stop words) stand in the passages it cites, each passage lending
//     only its best run of supportWindow consecutive sentences: a claim
//     comes from one or two sentences of a passage;
//  4. of the pairs of neighbouring content words that stand there (speech
//     verbs aside: "X said Y" is also "Y, X said"), at least minNear stand
//     within maxPairGap content words of each other in the passage, when
//     there are minPairs pairs or more: a paraphrase keeps phrases together
//     ("the Kremlin aide" → "the aide"), words drawn at random from a
//     passage do not.
//
// Words match by stem ("leaked" meets "leak"), by their irregular base form
// ("met" meets "meet"), by a shared beginning of at least minSharedPrefix
// letters covering most of the shorter word ("Russian" meets "Russia",
// "benefited" meets "beneficial"), or through the language's table of
// related words (WordNet synonyms and derivations: "reacted" meets
// "responded", "dismissed" meets "fired"). A neutral speech verb ("said",
// "told") is supported by any report of speech in the passage.
//
// The thresholds were chosen on testdata/grounding.json: then 54
// sentences a model could write from 14 passages of two test stories (ten
// of them in words the passages do not use), and four kinds of unsupported
// sentence made from them (TestGroundingSeparates; -v prints the sweep over
// minPairs, synonyms, maxPairGap, minSupport and minNear). Each setting was
// charged a rejected supported sentence once and a passed unsupported one
// twice, as rates. The set now holds 66 sentences from 18 passages of
// three stories, twelve of them writing numbers otherwise than their
// passages; the setting below passes 60/66 supported sentences, 9/384
// sentences cited to the wrong passage of their story, 19/198 word salads
// of the cited passage's own words, 0/66 made-up-word sentences and 1/47
// sentences with a name or number swapped (cost 0.161; the cheapest,
// minPairs 3, costs 0.160). Many settings come within 0.02 of its cost,
// and the figures are in-sample on a small set: read them as the order of
// magnitude. The related-words table changes the cost little here, since
// a model mostly reuses the passages' words.
//
// A sentence that fails is dropped, not the answer: an honest sentence
// dropped costs a fallback to the extractive answer at worst.
//
// What it cannot see: a claim that keeps a passage's words but reverses
// their roles ("Ushakov called Witkoff" from "Witkoff called Ushakov") or
// drops a negation ("not" is a stop word) passes, and so does a number
// that the passage gives for something else ("closed for three weeks"
// over "closed for two weeks, because three of the five buildings…"): a
// number is looked for by value in the passage, not by what it counts.
const (
	minSupport = 0.7
	// supportWindow is how many consecutive sentences of one passage may
	// support a sentence of the answer: a fact and the sentence that
	// continues it ("He said… It was…").
	supportWindow = 2
	minNear       = 0.5
	maxPairGap    = 2
	minPairs      = 2
	// minSharedPrefix and minPrefixShare let a word match a related form
	// that the stemmer does not join ("russian"/"russia"): the two must
	// begin with the same 5 letters, and those must be at least 3/4 of the
	// shorter word, so "state" and "statement" do not match.
	minSharedPrefix = 5
	minPrefixShare  = 0.75
)

// grounder checks model sentences against the passages they cite. It is
// safe for concurrent use.
type grounder struct {
	an   *analysis.Analyzer
	lang *lang.Language
	nums numberReader
	// min and minNear are minSupport and minNear; fields so that tests can
	// sweep them.
	min, minNear float64
	gap          int  // maxPairGap
	synonyms     bool // match the language's related words
	minPairs     int  // minPairs
}

func newGrounder(an *analysis.Analyzer, l *lang.Language) *grounder {
	return &grounder{an: an, lang: l, nums: numberReader{lang: l}, min: minSupport, minNear: minNear, gap: maxPairGap, synonyms: true, minPairs: minPairs}
}

// claim is one sentence of a model's answer.
type claim struct {
	text  string // as the model wrote it, markers included
	cites []int  // the passages it cites that exist (1-based), in order, distinct
}

// splitClaims cuts a model's reply into sentences, each with the passages
// it cites. Lines are cut first (a model may answer in a list), then
// sentences. A marker the model put after the period ("began. [1]")
// belongs to the sentence before it.
func splitClaims(reply string, passages int) []claim {
	var out []claim
	for _, line := range strings.Split(reply, "\n") {
		line = strings.TrimLeft(strings.TrimSpace(line), "-*•·> ")
		if line == "" {
			continue
		}
		for _, s := range corpus.Sentences(line) {
			ms := findMarkers(s)
			if len(ms) > 0 && ms[0].start == 0 && len(out) > 0 {
				// "[1] The union…" after "…began." : the leading markers
				// are the previous sentence's.
				lead := 0
				for _, m := range ms {
					if strings.TrimSpace(s[lead:m.start]) != "" {
						break
					}
					lead = m.end
				}
				prev := &out[len(out)-1]
				prev.text += " " + strings.TrimSpace(s[:lead])
				prev.cites = citedIn(prev.text, passages)
				s = strings.TrimSpace(s[lead:])
				if s == "" {
					continue
				}
			}
			out = append(out, claim{text: s, cites: citedIn(s, passages)})
		}
	}
	return out
}

// citedIn returns the passage numbers the markers of s name, within
// 1..passages, distinct, in order.
func citedIn(s string, passages int) []int {
	var out []int
	seen := map[int]bool{}
	for _, m := range findMarkers(s) {
		for _, n := range m.nums {
			if n >= 1 && n <= passages && !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return out
}

// evidence is one passage, read for checking.
type evidence struct {
	words map[string]bool // folded words, ordinal suffixes removed from numbers
	// sents holds, for each sentence, the forms (see terms) of each of its
	// content words, in order.
	sents [][][]string
	// months holds the months the passage names.
	months map[int]bool
	// numbers holds the values of the numbers the passage writes, in
	// digits (see number), "one" and "first" included.
	numbers map[string]bool
	// signed holds its numbers that carry a sign or its word ("€50m",
	// "50 million euros", "6%"), as signedValue.
	signed map[string]bool
	// reports: the passage reports speech (holds a speech verb).
	reports bool
}

func (g *grounder) read(text string) *evidence {
	ev := &evidence{words: map[string]bool{}, months: map[int]bool{}, numbers: map[string]bool{}, signed: map[string]bool{}}
	for _, s := range corpus.Sentences(text) {
		var words [][]string
		toks := analysis.Tokenize(s)
		nums := g.nums.numbers(s, toks, true)
		for i := 0; i < len(toks); i++ {
			t := toks[i]
			w := g.normalizeNumber(t.Word)
			ev.words[w] = true
			if m, ok := g.lang.Month(w); ok {
				ev.months[int(m)] = true
			}
			ev.reports = ev.reports || g.lang.IsSpeechVerb(w)
			forms := g.terms(t)
			if len(nums) > 0 && nums[0].first == i {
				// A number is one word, whatever its tokens ("4,000",
				// "four thousand"), known also by its value.
				n := nums[0]
				nums = nums[1:]
				ev.numbers[n.value] = true
				forms = append(forms, numberForm(n.value))
				for _, t := range toks[i+1 : n.last+1] {
					ev.words[g.normalizeNumber(t.Word)] = true
				}
				i = n.last
				if sign, ok := g.signWord(s, toks[n.first], toks[n.last]); ok {
					// "€50m" says "euros", "6%" says "percent": the sign's
					// word follows the number.
					ev.signed[signedValue(n.value, g.an.Stem(sign))] = true
					words = append(words, forms)
					forms = []string{g.an.Stem(sign)}
				} else if next := n.last + 1; next < len(toks) && g.isSignWord(toks[next].Word) {
					ev.signed[signedValue(n.value, g.an.Stem(toks[next].Word))] = true
				}
			}
			if len(forms) > 0 {
				words = append(words, forms)
			}
		}
		ev.sents = append(ev.sents, words)
	}
	return ev
}

// numberForm is the form a number is compared by as a word: its value,
// marked so that no word's form meets it ("five" and "5" both give "#5").
func numberForm(value string) string { return "#" + value }

// terms are the forms a word is compared by: its stem, and the stem of its
// base form when it is an irregular verb form.
func (g *grounder) terms(t analysis.Token) []string {
	out := g.an.AppendTerms(nil, t)
	if len(out) == 0 {
		return nil // a stop word
	}
	if base, ok := g.lang.BaseForm(t.Word); ok {
		out = append(out, g.an.Stem(base))
	}
	return out
}

// support returns nil when the passages a claim cites support it, or an
// error saying why not. texts are the passages as the model saw them.
func (g *grounder) support(c claim, texts []string) error {
	if len(c.cites) == 0 {
		return fmt.Errorf("cites no passage it was given")
	}
	evs := make([]*evidence, len(c.cites))
	for i, n := range c.cites {
		evs[i] = g.read(texts[n-1])
	}
	plain := stripMarkers(c.text)
	var content []claimWord
	var words []string // the same words, folded
	toks := analysis.Tokenize(plain)
	nums := g.nums.numbers(plain, toks, false)
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		forms := g.terms(t)
		var num *number
		if len(nums) > 0 && nums[0].first == i {
			num = &nums[0]
			nums = nums[1:]
			forms = append(forms, numberForm(num.value))
		}
		if len(forms) > 0 { // not a stop word
			w := claimWord{forms: forms}
			if g.synonyms {
				for _, f := range forms {
					w.related = append(w.related, g.an.Related(f)...)
				}
			}
			content = append(content, w)
			words = append(words, t.Word)
		}
		switch {
		case num != nil:
			i = num.last
			written := plain[t.Start:toks[num.last].End]
			if !anyHas(evs, func(ev *evidence) bool { return ev.numbers[num.value] }) {
				return fmt.Errorf("the number %q (%s) is not in the passages it cites %v", written, num.value, c.cites)
			}
			// "$50m" or "50 million dollars" over "50 million euros" is
			// another amount.
			sign, ok := g.signWord(plain, t, toks[num.last])
			if next := num.last + 1; !ok && next < len(toks) && g.isSignWord(toks[next].Word) {
				sign, ok = toks[next].Word, true
			}
			if ok && !anyHas(evs, func(ev *evidence) bool { return ev.signed[signedValue(num.value, g.an.Stem(sign))] }) {
				return fmt.Errorf("the number %q is not in %s in the passages it cites %v", written, sign, c.cites)
			}
		case hasDigit(t.Word):
			if !anyHas(evs, func(ev *evidence) bool { return ev.words[g.normalizeNumber(t.Word)] }) {
				return fmt.Errorf("the number %q is not in the passages it cites %v", plain[t.Start:t.End], c.cites)
			}
		case g.lang.IsMonth(t.Word):
			m, _ := g.lang.Month(t.Word)
			if !anyHas(evs, func(ev *evidence) bool { return ev.months[int(m)] }) {
				return fmt.Errorf("the month %q is not in the passages it cites %v", plain[t.Start:t.End], c.cites)
			}
		case i > 0 && isName(plain, t) && !g.lang.IsStopWord(t.Word) && !g.lang.Honorifics.Has(t.Word):
			if !anyHas(evs, func(ev *evidence) bool { return ev.hasWord(t.Word) }) {
				return fmt.Errorf("the name %q is not in the passages it cites %v", plain[t.Start:t.End], c.cites)
			}
		}
	}
	if len(content) == 0 {
		return fmt.Errorf("it says nothing the passages could support (no content words)")
	}
	// Where each content word stands in each passage's best window.
	at := make([][][]int, len(evs))
	for i, ev := range evs {
		at[i] = bestWindow(ev, content)
	}
	var missing []string
	for w := range content {
		if anyPassage(at, func(pos [][]int) bool { return len(pos[w]) > 0 }) {
			continue
		}
		// "said" restates that someone spoke; any report of speech in the
		// passage supports it, wherever it stands ("…,” he told reporters).
		if lemma, ok := g.lang.SpeechLemma(words[w]); ok && g.lang.NeutralSpeech.Has(lemma) && anyHas(evs, func(ev *evidence) bool { return ev.reports }) {
			continue
		}
		missing = append(missing, words[w])
	}
	held := len(content) - len(missing)
	if share := float64(held) / float64(len(content)); share < g.min {
		return fmt.Errorf("only %d of its %d content words (%.0f%%, %.0f%% needed) stand together in the passages it cites %v; missing: %s",
			held, len(content), 100*share, 100*g.min, c.cites, strings.Join(missing, " "))
	}
	// Of the pairs of neighbouring content words that the passages hold,
	// how many stand near each other there too.
	// The words that stand in a window, in the sentence's order, without
	// speech verbs: an attribution moves freely ("X said Y", "Y, X said").
	var placed []int
	for w := range content {
		if _, speech := g.lang.SpeechLemma(words[w]); !speech &&
			anyPassage(at, func(pos [][]int) bool { return len(pos[w]) > 0 }) {
			placed = append(placed, w)
		}
	}
	pairs, nearPairs := len(placed)-1, 0
	for i := 0; i+1 < len(placed); i++ {
		a, b := placed[i], placed[i+1]
		if anyPassage(at, func(pos [][]int) bool { return near(pos[a], pos[b], g.gap) }) {
			nearPairs++
		}
	}
	if pairs >= g.minPairs {
		if share := float64(nearPairs) / float64(pairs); share < g.minNear {
			return fmt.Errorf("its words are in the passages it cites %v but scattered: %d of %d neighbouring pairs stand within %d words there (%.0f%% needed)",
				c.cites, nearPairs, pairs, g.gap, 100*g.minNear)
		}
	}
	return nil
}

// bestWindow finds the passage's run of supportWindow sentences that holds
// the most of the content words, and returns where each stands in it (the
// positions of the run's content words; none when it is not there).
func bestWindow(ev *evidence, content []claimWord) [][]int {
	var best [][]int
	bestN := -1
	for start := 0; start < max(1, len(ev.sents)-supportWindow+1); start++ {
		var window [][]string
		for _, s := range ev.sents[start:min(len(ev.sents), start+supportWindow)] {
			window = append(window, s...)
		}
		at := make([][]int, len(content))
		n := 0
		for i, w := range content {
			for p, have := range window {
				if w.matches(have) {
					at[i] = append(at[i], p)
				}
			}
			if len(at[i]) > 0 {
				n++
			}
		}
		if n > bestN {
			best, bestN = at, n
		}
	}
	return best
}

// claimWord is a content word of a model's sentence: its forms (see
// terms), and the stems the language relates to them (synonyms and
// derivations from WordNet: "responded" meets "reacted").
type claimWord struct {
	forms, related []string
}

// matches reports whether a passage word, given by its forms, is the
// claim's word: a form in common, forms related by their beginnings
// (relatedForms), or a related stem.
func (w claimWord) matches(have []string) bool {
	for _, y := range have {
		for _, x := range w.forms {
			if x == y || relatedForms(x, y) {
				return true
			}
		}
		if slices.Contains(w.related, y) {
			return true
		}
	}
	return false
}

// near reports whether some position in a and some in b are at most
// maxPairGap content words apart, in either order.
func near(a, b []int, gap int) bool {
	for _, x := range a {
		for _, y := range b {
			if x != y && x-y <= gap && y-x <= gap {
				return true
			}
		}
	}
	return false
}

func anyPassage(at [][][]int, f func([][]int) bool) bool {
	for _, pos := range at {
		if f(pos) {
			return true
		}
	}
	return false
}

// hasWord reports whether the passage holds the folded word, or a related
// form of it (see relatedForms).
func (ev *evidence) hasWord(w string) bool {
	if ev.words[w] {
		return true
	}
	for v := range ev.words {
		if relatedForms(w, v) {
			return true
		}
	}
	return false
}

// relatedForms reports whether two words begin alike enough to be forms of
// one word that the stemmer keeps apart ("russian", "russia").
func relatedForms(a, b string) bool {
	if hasDigit(a) || hasDigit(b) {
		return false // numbers meet by value only: "40000" is not "400000"
	}
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	shorter := min(len(a), len(b))
	return n >= minSharedPrefix && float64(n) >= minPrefixShare*float64(shorter)
}

func anyHas(evs []*evidence, f func(*evidence) bool) bool {
	for _, ev := range evs {
		if f(ev) {
			return true
		}
	}
	return false
}

// isName reports whether the token is written with a capital, as names are
// inside a sentence.
func isName(text string, t analysis.Token) bool {
	r, _ := utf8.DecodeRuneInString(text[t.Start:])
	return unicode.IsUpper(r)
}

func hasDigit(w string) bool {
	return strings.IndexFunc(w, unicode.IsDigit) >= 0
}

// normalizeNumber writes "4th" as "4", so an ordinal meets its number.
func (g *grounder) normalizeNumber(w string) string {
	if !hasDigit(w) {
		return w
	}
	return g.lang.Cardinal(w)
}

// stripMarkers removes the citation markers of s, leaving its words.
func stripMarkers(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range findMarkers(s) {
		b.WriteString(s[last:m.start])
		b.WriteByte(' ')
		last = m.end
	}
	b.WriteString(s[last:])
	return b.String()
}

// signWord returns the word of the sign written against a number, from
// its first token to its last: a currency sign before it ("€50m", "$ 2"),
// a percent sign after it ("20%", "20 %").
func (g *grounder) signWord(text string, first, last analysis.Token) (string, bool) {
	before := strings.TrimRight(text[:first.Start], " ")
	r, _ := utf8.DecodeLastRuneInString(before)
	if w, ok := g.lang.Answer.NumberSigns[string(r)]; ok && unicode.Is(unicode.Sc, r) {
		return w, true
	}
	after := strings.TrimLeft(text[last.End:], " ")
	r, _ = utf8.DecodeRuneInString(after)
	if w, ok := g.lang.Answer.NumberSigns[string(r)]; ok && !unicode.Is(unicode.Sc, r) {
		return w, true
	}
	return "", false
}

// signedValue names a number with the stem of its sign's word: "50000000
// euro".
func signedValue(value, sign string) string { return value + " " + sign }

// isSignWord reports whether a folded word is one that a number sign
// stands for ("euros", "percent").
func (g *grounder) isSignWord(w string) bool {
	st := g.an.Stem(w)
	for _, sw := range g.lang.Answer.NumberSigns {
		if g.an.Stem(sw) == st {
			return true
		}
	}
	return false
}
