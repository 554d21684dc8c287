package quotes

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"

	"dossier/internal/corpus"
	"dossier/internal/evalset"
	"dossier/internal/testcorpus"
)

// foundQuote is one occurrence of a found quotation in a gold article.
type foundQuote struct {
	text, speaker string
	doc           string
	para          int
}

// goldTally counts, for a set of gold quotations and the found quotations
// that best match them, the figures of the evaluation.
type goldTally struct {
	gold, detected, recalled int // gold quotations
	withSpeaker, correct     int // found quotations that match a gold one
}

func (t goldTally) row(kind string) string {
	return fmt.Sprintf("%-8s %5d %9d %7s %9d %7s %12d %8d %9s",
		kind, t.gold, t.detected, pct(t.detected, t.gold), t.recalled, pct(t.recalled, t.gold),
		t.withSpeaker, t.correct, pct(t.correct, t.withSpeaker))
}

func pct(n, d int) string {
	if d == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(d))
}

func ratio(n, d int) float64 {
	if d == 0 {
		return 1
	}
	return float64(n) / float64(d)
}

// TestEvalQuotes measures the index against the gold quotations of
// evalset.Quotes(), with the matching rule of quotes.json
// (evalset.QuoteMatches). The definitions:
//
//   - A found quotation is one source of a Quote in an article that has
//     gold items: the text at Paragraph[Start:End] and the Quote's speaker.
//   - Detection recall: the share of gold quotations that some found
//     quotation of the same article matches.
//   - Attribution recall: the share of gold quotations that some found
//     quotation of the same article matches with a speaker the gold item
//     accepts (any name in its speakers).
//   - Attribution precision: of the found quotations in the gold articles
//     that match a gold quotation and carry a speaker, the share whose
//     speaker is accepted. A found quotation is judged against the gold
//     quotation it matches best (most words shared after folding); when
//     several match equally well, any of them accepting it is enough.
//   - False detections: found quotations in those articles that match no
//     gold quotation (reported, not bounded: the gold set lists speech,
//     and a scare-quoted term would count here).
//
// Per kind, gold quotations are counted under their own kind and found
// quotations under the kind of the gold quotation they match best.
func TestEvalQuotes(t *testing.T) {
	for _, story := range testcorpus.Names() {
		t.Run(story, func(t *testing.T) {
			tally := evalQuotes(t, loadStory(t, story), evalset.StoryQuotes(story))
			for _, k := range []string{"full", "partial", "all"} {
				c, min := tally[k], minQuoteFigures[story]
				if r := ratio(c.detected, c.gold); r < min.detection {
					t.Errorf("%s: detection recall %.3f, want ≥ %.2f", k, r, min.detection)
				}
				if r := ratio(c.recalled, c.gold); r < min.recall {
					t.Errorf("%s: attribution recall %.3f, want ≥ %.2f", k, r, min.recall)
				}
				if p := ratio(c.correct, c.withSpeaker); p < min.precision {
					t.Errorf("%s: attribution precision %.3f, want ≥ %.2f", k, p, min.precision)
				}
			}
		})
	}
}

// minQuoteFigures are the bars of TestEvalQuotes per test story, for each
// kind and for all quotations. The seed story's are the project's. On the
// second story, which the rules were not written against, detection and
// precision meet the same bars (when it was written: detection 100%,
// precision 100%), but attribution recall does not yet (full 95.5%, partial
// 70%, all 87.5%: institutions that speak and "the colonel said" are left
// unattributed); its recall floor is half, below every kind's figure, so
// that a change that loses ground fails while issue 12 raises it.
var minQuoteFigures = map[string]struct{ detection, recall, precision float64 }{
	testcorpus.Seed:   {0.95, 0.90, 0.95},
	testcorpus.Second: {0.95, 0.50, 0.95},
}

// evalQuotes measures the index built from docs against the gold
// quotations, logs the table and every miss, and returns the tally by kind.
func evalQuotes(t *testing.T, docs []*corpus.Document, gold []evalset.Quote) map[string]*goldTally {
	docOf := map[string]*corpus.Document{}
	for _, g := range gold {
		for _, d := range docs {
			if g.InArticle(d.Seed, d.Path) {
				docOf[g.Seed] = d
			}
		}
	}
	for _, g := range gold {
		if docOf[g.Seed] == nil {
			t.Skipf("the corpus does not hold the evaluation article %s", g.Seed)
		}
	}
	ix := Build(docs)
	goldDocs := map[string]bool{}
	for _, g := range gold {
		goldDocs[docOf[g.Seed].ID] = true
	}
	var found []foundQuote
	for _, q := range ix.All() {
		for _, s := range q.Sources {
			if goldDocs[s.Doc] {
				d := docByID(docs, s.Doc)
				found = append(found, foundQuote{text: d.Paragraphs[s.Paragraph-1][s.Start:s.End], speaker: q.Speaker, doc: s.Doc, para: s.Paragraph})
			}
		}
	}

	tally := map[string]*goldTally{"full": {}, "partial": {}, "all": {}}
	var misses []string
	for _, g := range gold {
		doc := docOf[g.Seed].ID
		detected, recalled := false, false
		var speakers []string
		for _, f := range found {
			if f.doc == doc && evalset.QuoteMatches(f.text, g.Quote) {
				detected = true
				speakers = append(speakers, orNone(f.speaker))
				recalled = recalled || slices.Contains(g.Speakers, f.speaker)
			}
		}
		for _, k := range []string{g.Kind, "all"} {
			tally[k].gold++
			tally[k].detected += b2i(detected)
			tally[k].recalled += b2i(recalled)
		}
		switch {
		case !detected:
			misses = append(misses, fmt.Sprintf("not detected: %s %q (%s)", doc, g.Quote, g.Speakers[0]))
		case !recalled:
			misses = append(misses, fmt.Sprintf("not attributed: %s %q: found %v, want one of %v", doc, g.Quote, speakers, g.Speakers))
		}
	}
	falseDetections := 0
	for _, f := range found {
		best := bestGold(gold, docOf, f)
		if len(best) == 0 {
			falseDetections++
			misses = append(misses, fmt.Sprintf("false detection: %s ¶%d %q (%s)", f.doc, f.para, f.text, orNone(f.speaker)))
			continue
		}
		if f.speaker == "" {
			continue
		}
		ok := slices.ContainsFunc(best, func(g evalset.Quote) bool { return slices.Contains(g.Speakers, f.speaker) })
		for _, k := range []string{best[0].Kind, "all"} {
			tally[k].withSpeaker++
			tally[k].correct += b2i(ok)
		}
		if !ok {
			misses = append(misses, fmt.Sprintf("wrong speaker: %s ¶%d %q: %s, want one of %v", f.doc, f.para, f.text, f.speaker, best[0].Speakers))
		}
	}

	t.Logf("\n%-8s %5s %9s %7s %9s %7s %12s %8s %9s\n%s\n%s\n%s\nfalse detections: %d of %d found quotations in the %d gold articles",
		"kind", "gold", "detected", "recall", "recalled", "recall", "with speaker", "correct", "precision",
		tally["full"].row("full"), tally["partial"].row("partial"), tally["all"].row("all"),
		falseDetections, len(found), len(goldDocs))
	for _, m := range misses {
		t.Log(m)
	}
	return tally
}

// bestGold returns the gold quotations of f's article that f matches with
// the most shared words (several when tied).
func bestGold(gold []evalset.Quote, docOf map[string]*corpus.Document, f foundQuote) []evalset.Quote {
	var best []evalset.Quote
	bestScore := -1.0
	for _, g := range gold {
		if docOf[g.Seed].ID != f.doc || !evalset.QuoteMatches(f.text, g.Quote) {
			continue
		}
		s := jaccard(foldWords(f.text), foldWords(g.Quote))
		switch {
		case s > bestScore:
			best, bestScore = []evalset.Quote{g}, s
		case s == bestScore:
			best = append(best, g)
		}
	}
	return best
}

func foldWords(s string) []string {
	return strings.FieldsFunc(evalset.Fold(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '-'
	})
}

func jaccard(a, b []string) float64 {
	inter := 0
	rest := slices.Clone(b)
	for _, w := range a {
		if i := slices.Index(rest, w); i >= 0 {
			inter++
			rest = slices.Delete(rest, i, i+1)
		}
	}
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

func docByID(docs []*corpus.Document, id string) *corpus.Document {
	for _, d := range docs {
		if d.ID == id {
			return d
		}
	}
	return nil
}

func orNone(s string) string {
	if s == "" {
		return "unattributed"
	}
	return s
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
