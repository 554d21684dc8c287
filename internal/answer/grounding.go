package answer

import (
	"fmt"
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
//     and every month it writes stands in the passages it cites;
//  3. at least minSupport of its content words (stems of the words that
//     are not stop words) stand in the passages it cites, each passage
//     lending only its best run of supportWindow consecutive sentences. A
//     claim comes from one or two sentences of a passage; words gathered
//     from all over a passage are a word salad, not a claim.
//
// Words match by stem ("leaked" meets "leak"), by their irregular base form
// ("met" meets "meet"), or by a shared beginning of at least
// minSharedPrefix letters covering most of the shorter word ("Russian"
// meets "Russia", "Ukrainian" meets "Ukraine").
//
// What it cannot see: a claim that reorders the passage's words into
// another meaning ("Ushakov called Witkoff" from "Witkoff called Ushakov")
// or drops a negation ("not", a stop word) keeps its words and passes.
const (
	// minSupport is the share of a sentence's content words that its
	// cited passages must hold. It was chosen on testdata/grounding.json
	// (TestGroundingSeparates prints the rates): paraphrases written as a
	// model would write them hold at least 0.6 of their words, word salads
	// drawn from the cited passage and sentences cited to the wrong passage
	// mostly hold less than 0.5.
	minSupport = 0.6
	// supportWindow is how many consecutive sentences of one passage may
	// support a sentence of the answer: a fact and the sentence that
	// continues it ("He said… It was…").
	supportWindow = 2
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
}

func newGrounder(an *analysis.Analyzer, l *lang.Language) *grounder {
	return &grounder{an: an, lang: l}
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
	sents []map[string]bool
	// months holds the months the passage names.
	months map[int]bool
}

func (g *grounder) read(text string) *evidence {
	ev := &evidence{words: map[string]bool{}, months: map[int]bool{}}
	for _, s := range corpus.Sentences(text) {
		terms := map[string]bool{}
		for _, t := range analysis.Tokenize(s) {
			w := normalizeNumber(t.Word)
			ev.words[w] = true
			if m, ok := g.lang.Month(w); ok {
				ev.months[int(m)] = true
			}
			for _, term := range g.terms(t) {
				terms[term] = true
			}
		}
		ev.sents = append(ev.sents, terms)
	}
	return ev
}

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
	toks := analysis.Tokenize(plain)
	var content []analysis.Token
	for i, t := range toks {
		if len(g.terms(t)) > 0 { // not a stop word
			content = append(content, t)
		}
		switch {
		case hasDigit(t.Word):
			if !anyHas(evs, func(ev *evidence) bool { return ev.words[normalizeNumber(t.Word)] }) {
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
	matched := make([]bool, len(content))
	for _, ev := range evs {
		for i, ok := range g.bestWindow(ev, content) {
			matched[i] = matched[i] || ok
		}
	}
	held := 0
	for _, ok := range matched {
		if ok {
			held++
		}
	}
	if share := float64(held) / float64(len(content)); share < minSupport {
		var missing []string
		for i, ok := range matched {
			if !ok {
				missing = append(missing, content[i].Word)
			}
		}
		return fmt.Errorf("only %d of its %d content words (%.0f%%, %.0f%% needed) stand together in the passages it cites %v; missing: %s",
			held, len(content), 100*share, 100*minSupport, c.cites, strings.Join(missing, " "))
	}
	return nil
}

// bestWindow returns, for each content word, whether the passage's best
// run of supportWindow sentences holds it.
func (g *grounder) bestWindow(ev *evidence, content []analysis.Token) []bool {
	forms := make([][]string, len(content))
	for i, t := range content {
		forms[i] = g.terms(t)
	}
	var best []bool
	bestN := -1
	for start := 0; start < max(1, len(ev.sents)-supportWindow+1); start++ {
		window := ev.sents[start:min(len(ev.sents), start+supportWindow)]
		got := make([]bool, len(content))
		n := 0
		for i := range content {
			got[i] = windowHas(window, forms[i])
			if got[i] {
				n++
			}
		}
		if n > bestN {
			best, bestN = got, n
		}
	}
	return best
}

func windowHas(window []map[string]bool, forms []string) bool {
	for _, s := range window {
		for _, f := range forms {
			if s[f] {
				return true
			}
			for term := range s {
				if relatedForms(f, term) {
					return true
				}
			}
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
func normalizeNumber(w string) string {
	if !hasDigit(w) {
		return w
	}
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if s := strings.TrimSuffix(w, suf); s != w && s != "" && unicode.IsDigit(rune(s[len(s)-1])) {
			return s
		}
	}
	return w
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
