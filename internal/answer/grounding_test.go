package answer

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/internal/analysis"
	"dossier/internal/corpus"
	"dossier/internal/lang"
	"dossier/internal/modelapi"
	"dossier/internal/testcorpus"
)

// groundingSet is testdata/grounding.json: passages of the two test
// stories and sentences a model could write from them.
type groundingSet struct {
	Passages []struct{ ID, Story, Text string }
	Claims   []struct {
		Cites []string
		Text  string
	}
}

// groundingCase is one sentence and the passages it cites, in order.
type groundingCase struct {
	text  string
	texts []string
	story string
}

func loadGrounding(t *testing.T) (grounded, wrongPassage, salad, gibberish, swapped []groundingCase) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "grounding.json"))
	if err != nil {
		t.Fatal(err)
	}
	var set groundingSet
	if err := json.Unmarshal(b, &set); err != nil {
		t.Fatalf("grounding.json: %v", err)
	}
	byID := map[string]int{}
	for i, p := range set.Passages {
		byID[p.ID] = i
	}
	rng := rand.New(rand.NewPCG(2025, 1014)) // fixed: the same sets every run
	for _, c := range set.Claims {
		var texts []string
		for _, id := range c.Cites {
			i, ok := byID[id]
			if !ok {
				t.Fatalf("claim %q cites unknown passage %q", c.Text, id)
			}
			texts = append(texts, set.Passages[i].Text)
		}
		story := set.Passages[byID[c.Cites[0]]].Story
		grounded = append(grounded, groundingCase{c.Text, texts, story})
		// The same sentence cited to each other passage of its story.
		if len(c.Cites) == 1 {
			for _, p := range set.Passages {
				if p.Story == story && p.ID != c.Cites[0] {
					wrongPassage = append(wrongPassage, groundingCase{c.Text, []string{p.Text}, story})
				}
			}
		}
		n := len(contentWords(c.Text))
		// Word salad: as many words as the sentence has, drawn from the
		// cited passage, in random order.
		words := contentWords(texts[0])
		for range 3 {
			var w []string
			for range n {
				w = append(w, words[rng.IntN(len(words))])
			}
			salad = append(salad, groundingCase{strings.Join(w, " ") + ".", texts, story})
		}
		// Gibberish: made-up words, the way a model with random weights
		// writes.
		var g []string
		for range n {
			g = append(g, pseudoWord(rng))
		}
		gibberish = append(gibberish, groundingCase{strings.Join(g, " ") + ".", texts, story})
		// A detail swapped: one name or number replaced by one from
		// another passage of the story that the cited passages lack.
		if s, ok := swapDetail(c.Text, texts, set, story, rng); ok {
			swapped = append(swapped, groundingCase{s, texts, story})
		}
	}
	return
}

// contentWords are the words of text that are not stop words, as written.
// testEnglish is the language the test's sentences are written in.
var testEnglish = lang.English()

func contentWords(text string) []string {
	var out []string
	for _, t := range analysis.Tokenize(text) {
		if !testEnglish.IsStopWord(t.Word) {
			out = append(out, text[t.Start:t.End])
		}
	}
	return out
}

func pseudoWord(rng *rand.Rand) string {
	const cons, vows = "bcdfghjklmnprstvwz", "aeiou"
	var b strings.Builder
	for range 1 + rng.IntN(3) {
		b.WriteByte(cons[rng.IntN(len(cons))])
		b.WriteByte(vows[rng.IntN(len(vows))])
	}
	return b.String()
}

// details are the names (capitalised inside a sentence) and numbers, in
// digits or in words, of a text.
func details(text string) []string {
	en := lang.English()
	var out []string
	for i, t := range analysis.Tokenize(text) {
		w := text[t.Start:t.End]
		if strings.ContainsAny(w, "'’") || en.Honorifics.Has(t.Word) || en.TitleAbbrevs.Has(t.Word) {
			continue
		}
		_, word := en.Answer.NumberValues[t.Word]
		if hasDigit(w) || word || (i > 0 && isName(text, t) && !testEnglish.IsStopWord(t.Word)) {
			out = append(out, w)
		}
	}
	return out
}

// values are the values of the numbers of a text, however written.
func values(g *grounder, text string) map[string]bool {
	out := map[string]bool{}
	for _, n := range g.nums.numbers(text, analysis.Tokenize(text), true) {
		out[n.value] = true
	}
	return out
}

func swapDetail(claim string, cited []string, set groundingSet, story string, rng *rand.Rand) (string, bool) {
	mine := details(claim)
	if len(mine) == 0 {
		return "", false
	}
	have := map[string]bool{}
	for _, t := range analysis.Tokenize(strings.Join(cited, " ")) {
		have[t.Word] = true
	}
	// A number the cited passages give in other words is no swap ("six"
	// for "6").
	en := lang.English()
	g := newGrounder(analysis.New(en), en)
	haveValue := values(g, strings.Join(cited, " "))
	var others []string
	for _, p := range set.Passages {
		if p.Story != story {
			continue
		}
		for _, d := range details(p.Text) {
			if !have[analysis.Fold(d)] && !anyValue(values(g, d), haveValue) {
				others = append(others, d)
			}
		}
	}
	if len(others) == 0 {
		return "", false
	}
	old := mine[rng.IntN(len(mine))]
	return strings.Replace(claim, old, others[rng.IntN(len(others))], 1), true
}

func anyValue(vs, in map[string]bool) bool {
	for v := range vs {
		if in[v] {
			return true
		}
	}
	return false
}

func acceptRate(g *grounder, cases []groundingCase) (accepted int, failures []string) {
	for _, c := range cases {
		cites := make([]int, len(c.texts))
		for i := range cites {
			cites[i] = i + 1
		}
		if err := g.support(claim{text: c.text, cites: cites}, c.texts); err == nil {
			accepted++
		} else {
			failures = append(failures, fmt.Sprintf("%q: %v", c.text, err))
		}
	}
	return accepted, failures
}

// TestGroundingSeparates measures the grounding check on both test
// stories: how many sentences a model could honestly write from the
// passages it cites pass, and how many of the same sentences cited to the
// wrong passage, word salads of the cited passage's words, made-up words,
// and sentences with one name or number swapped pass. With -v it prints
// the rates at thresholds around minSupport.
func TestGroundingSeparates(t *testing.T) {
	grounded, wrong, salad, gibberish, swapped := loadGrounding(t)
	en := lang.English()
	g := newGrounder(analysis.New(en), en)
	sets := []struct {
		name    string
		cases   []groundingCase
		maxRate float64 // the most that may pass (grounded: the least)
	}{
		{"grounded (should pass)", grounded, 0.85},
		{"wrong passage cited", wrong, 0.03},
		{"word salad of the cited passage", salad, 0.13},
		{"made-up words", gibberish, 0},
		{"a name or number swapped", swapped, 0.05},
	}
	// The sweep: each setting's cost counts a rejected grounded sentence
	// once and a passed bad one twice (a wrong answer shown costs more than
	// a right one withheld), as rates, the bad sets averaged.
	if testing.Verbose() {
		for _, mp := range []int{1, 2, 3} {
			for _, syn := range []bool{false, true} {
				for _, gap := range []int{2, 3, 4} {
					for _, th := range []float64{0.5, 0.6, 0.7} {
						for _, nr := range []float64{0, 0.4, 0.5, 0.6, 0.7} {
							g.min, g.minNear, g.gap, g.synonyms, g.minPairs = th, nr, gap, syn, mp
							var row []string
							cost := 0.0
							for i, s := range sets {
								n, _ := acceptRate(g, s.cases)
								row = append(row, fmt.Sprintf("%d/%d", n, len(s.cases)))
								rate := float64(n) / float64(len(s.cases))
								if i == 0 {
									cost += 1 - rate
								} else {
									cost += 2 * rate / float64(len(sets)-1)
								}
							}
							t.Logf("minPairs %d synonyms %v maxPairGap %d minSupport %.1f minNear %.1f: passed %s; cost %.3f",
								mp, syn, gap, th, nr, strings.Join(row, ", "), cost)
						}
					}
				}
			}
		}
	}
	g.min, g.minNear, g.gap, g.synonyms, g.minPairs = minSupport, minNear, maxPairGap, true, minPairs
	for i, s := range sets {
		n, failures := acceptRate(g, s.cases)
		rate := float64(n) / float64(len(s.cases))
		t.Logf("%-32s %3d/%3d passed (%.0f%%)", s.name, n, len(s.cases), 100*rate)
		if i == 0 {
			for _, f := range failures {
				t.Logf("  rejected: %s", f)
			}
			if testing.Verbose() {
				for _, story := range []string{"seed", "port", "velmora"} {
					var mine []groundingCase
					for _, c := range s.cases {
						if c.story == story {
							mine = append(mine, c)
						}
					}
					n, _ := acceptRate(g, mine)
					t.Logf("  %s story: %d/%d", story, n, len(mine))
				}
			}
			if rate < s.maxRate {
				t.Errorf("%s: %.0f%% passed, want at least %.0f%%", s.name, 100*rate, 100*s.maxRate)
			}
			continue
		}
		if rate > s.maxRate {
			t.Errorf("%s: %.0f%% passed, want at most %.0f%%", s.name, 100*rate, 100*s.maxRate)
		}
	}
}

// FuzzGroundModelReply: whatever a model replies, the check neither
// panics nor shows a marker that names no citation, and every sentence it
// keeps cites a passage.
func FuzzGroundModelReply(f *testing.F) {
	for _, seed := range []string{
		"The strike began on June 4 [1]. The Dockers Union called it [2][1].",
		"Qorvath plindle sut [1]. Zubrem [2-3] ostica.",
		"- The strike began on June 4. [1]\n- About 1,200 workers joined it. [2]",
		"[1] [2]. [3",
		"NO_ANSWER",
		"It began on the 4th [1, 3]; pickets closed the gates [1].",
		"About 1,200,000 workers, or €2.5bn, a dozen and twenty-one [1]. 6% over 3 years [2], $ 4 million and two hundred and fifty-eight [1].",
		"Costs: 4,00 and 1,2345 and 9,999,99 [1]; a a dozen thousand, -5 [2].",
	} {
		f.Add(seed)
	}
	s := strikePassages()
	m := NewModel(modelapi.Endpoint{BaseURL: "http://127.0.0.1:1/v1"}, ModelOptions{Model: "m"}, NewExtractive(s), nil)
	var texts []string
	for _, r := range s.results {
		texts = append(texts, r.Chunk.Text)
	}
	f.Fuzz(func(t *testing.T, reply string) {
		for _, c := range splitClaims(reply, len(texts)) {
			for _, n := range c.cites {
				if n < 1 || n > len(texts) {
					t.Fatalf("claim %q cites %d of %d passages", c.text, n, len(texts))
				}
			}
			if err := m.ground.support(c, texts); err == nil && len(c.cites) == 0 {
				t.Fatalf("claim %q supported without citing a passage", c.text)
			}
		}
		a, err := m.check(strikeQuestion, reply, s.results, texts)
		if err != nil || a.Abstained {
			return
		}
		for _, mk := range findMarkers(a.Text) {
			for _, n := range mk.nums {
				if n < 1 || n > len(a.Citations) {
					t.Fatalf("answer %q: marker %d names no citation (%d)", a.Text, n, len(a.Citations))
				}
			}
		}
	})
}

// portStory names the port strike of testdata/grounding.json, whose
// passages write percentages.
const portStory = "port"

// TestNumbers: how the grounding check reads a number, however written.
func TestNumbers(t *testing.T) {
	en := lang.English()
	g := newGrounder(analysis.New(en), en)
	for _, c := range []struct {
		text  string
		loose bool
		want  string // the values, space-separated
	}{
		{"about 4,000 residents", false, "4000"},
		{"50,000,000 euros", false, "50000000"},
		{"on October 14, 2025", false, "14 2025"},
		{"1,2345 and 2025,000", false, "1 2345 2025 0"},
		{"6.8 metres, 6.8 million", false, "6.8 6800000"},
		{"two hundred and fifty people", false, "250"},
		{"three thousand five hundred", false, "3500"},
		{"4 million and two helicopters", false, "4000000 2"},
		{"a dozen helicopters, a million", false, "12 1000000"},
		{"hundreds of people, a car", false, ""},
		{"€2.5bn, $4m, £3 million", false, "2500000000 4000000 3000000"},
		{"a 2m wall, the 1980s", false, ""},
		{"fifty-eight and sixty-one", false, "58 61"},
		{"the twenty-first day, the 3rd call, a third call", false, "21 3 3"},
		{"a 28-point plan, a five-minute call", false, "28 5"},
		{"one of them first said", false, ""},
		{"one of them first said", true, "1 1"},
		{"one million people", false, "1000000"},
	} {
		var got []string
		for _, n := range g.nums.numbers(c.text, analysis.Tokenize(c.text), c.loose) {
			got = append(got, n.value)
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("numbers(%q, loose %v) = %q, want %q", c.text, c.loose, strings.Join(got, " "), c.want)
		}
	}
}

// TestGroundingNumberSigns: a sign and its word are one: "€3m" in a
// passage gives "3 million euros", "4%" gives "4 percent"; another
// currency or a percentage of another number fails.
func TestGroundingNumberSigns(t *testing.T) {
	en := lang.English()
	g := newGrounder(analysis.New(en), en)
	const passage = "The council approved €3m for repairs to the bridge and a 4% rise in harbour fees."
	for _, c := range []struct {
		claim string
		pass  bool
	}{
		{"The council approved 3 million euros for repairs to the bridge [1].", true},
		{"The council approved three million euros for repairs to the bridge [1].", true},
		{"The council approved €3 million for repairs to the bridge [1].", true},
		{"The council approved 3 million dollars for repairs to the bridge [1].", false},
		{"The council approved £3m for repairs to the bridge [1].", false},
		{"The council approved 30 million euros for repairs to the bridge [1].", false},
		{"The council approved a 4 percent rise in harbour fees [1].", true},
		{"The council approved a four percent rise in harbour fees [1].", true},
		{"The council approved a 5 percent rise in harbour fees [1].", false},
		{"The council approved a 4 euro rise in harbour fees [1].", false},
	} {
		err := g.support(claim{text: c.claim, cites: []int{1}}, []string{passage})
		if (err == nil) != c.pass {
			t.Errorf("%q: supported %v (%v), want %v", c.claim, err == nil, err, c.pass)
		}
	}
}

// storyParagraph returns the paragraph of a test story's articles that
// holds anchor, as the articles are read for the index; for portStory,
// the passage of testdata/grounding.json.
func storyParagraph(t *testing.T, story, anchor string) string {
	t.Helper()
	if story == portStory {
		b, err := os.ReadFile(filepath.Join("testdata", "grounding.json"))
		if err != nil {
			t.Fatal(err)
		}
		var set groundingSet
		if err := json.Unmarshal(b, &set); err != nil {
			t.Fatalf("grounding.json: %v", err)
		}
		for _, p := range set.Passages {
			if p.Story == story && strings.Contains(p.Text, anchor) {
				return p.Text
			}
		}
		t.Fatalf("no passage of %s holds %q", story, anchor)
	}
	docs, err := corpus.LoadDir(context.Background(), testcorpus.Dir(t, story), corpus.LoadOptions{})
	if err != nil {
		t.Fatalf("load %s: %v", story, err)
	}
	for _, d := range docs {
		for _, p := range d.Paragraphs {
			if strings.Contains(p, anchor) {
				return p
			}
		}
	}
	t.Fatalf("no paragraph of %s holds %q", story, anchor)
	return ""
}

// TestGroundingNumbers: a number stands in the passages when its value
// does, however either writes it (digits, words, thousands separators,
// a scale word, an ordinal, a percent sign); a number whose value the
// passages lack fails in any form.
func TestGroundingNumbers(t *testing.T) {
	en := lang.English()
	g := newGrounder(analysis.New(en), en)
	cases := []struct {
		story, anchor string // the cited passage: the paragraph holding anchor
		claim         string
		pass          bool
	}{
		// Velmora flood: "killing two people and forcing about 4,000
		// residents from their homes".
		{testcorpus.Second, "killing two people", "The river burst its banks in Velmora, killing 2 people [1].", true},
		{testcorpus.Second, "killing two people", "The river burst its banks in Velmora, killing two people [1].", true},
		{testcorpus.Second, "killing two people", "The flood forced about 4000 residents from their homes [1].", true},
		{testcorpus.Second, "killing two people", "The flood forced about 4,000 residents from their homes [1].", true},
		{testcorpus.Second, "killing two people", "The flood forced about four thousand residents from their homes [1].", true},
		{testcorpus.Second, "killing two people", "The river burst its banks after 3 days of torrential rain [1].", true},
		{testcorpus.Second, "killing two people", "The river burst its banks in Velmora, killing seven people [1].", false},
		{testcorpus.Second, "killing two people", "The river burst its banks in Velmora, killing 7 people [1].", false},
		{testcorpus.Second, "killing two people", "The flood forced about 4 residents from their homes [1].", false},
		{testcorpus.Second, "killing two people", "The flood forced about 40,000 residents from their homes [1].", false},
		{testcorpus.Second, "killing two people", "The flood forced about forty thousand residents from their homes [1].", false},
		{testcorpus.Second, "killing two people", "The flood forced about 4 million residents from their homes [1].", false},
		// "more than 300 rescuers were working in the area with boats and
		// two helicopters".
		{testcorpus.Second, "more than 300 rescuers", "More than three hundred rescuers were working in the area [1].", true},
		{testcorpus.Second, "more than 300 rescuers", "More than 300 rescuers worked in the area with boats and 2 helicopters [1].", true},
		{testcorpus.Second, "more than 300 rescuers", "More than 3,000 rescuers were working in the area [1].", false},
		{testcorpus.Second, "more than 300 rescuers", "More than 300 rescuers worked in the area with boats and a dozen helicopters [1].", false},
		// "bringing the death toll to five".
		{testcorpus.Second, "bringing the death toll to five", "Two men were found in a car, bringing the death toll to 5 [1].", true},
		{testcorpus.Second, "bringing the death toll to five", "Two men, aged fifty-eight and sixty-one, were found in a car [1].", true},
		{testcorpus.Second, "bringing the death toll to five", "Two men were found in a car, bringing the death toll to seven [1].", false},
		{testcorpus.Second, "bringing the death toll to five", "Two men were found in a car, bringing the death toll to 6 [1].", false},
		{testcorpus.Second, "bringing the death toll to five", "Two men, aged fifty-eight and sixty-two, were found in a car [1].", false},
		// "schools would remain closed for two weeks".
		{testcorpus.Second, "remain closed for two weeks", "The municipality said schools would remain closed for 2 weeks [1].", true},
		{testcorpus.Second, "remain closed for two weeks", "The municipality said schools would remain closed for four weeks [1].", false},
		// "promised 50 million euros in emergency aid".
		{testcorpus.Second, "50 million euros", "Rafael Quint promised fifty million euros in emergency aid [1].", true},
		{testcorpus.Second, "50 million euros", "Rafael Quint promised €50m in emergency aid [1].", true},
		{testcorpus.Second, "50 million euros", "Rafael Quint promised 50,000,000 euros in emergency aid [1].", true},
		{testcorpus.Second, "50 million euros", "Rafael Quint promised 5 million euros in emergency aid [1].", false},
		{testcorpus.Second, "50 million euros", "Rafael Quint promised 50 billion euros in emergency aid [1].", false},
		{testcorpus.Second, "50 million euros", "Rafael Quint promised €50bn in emergency aid [1].", false},
		{testcorpus.Second, "50 million euros", "Rafael Quint promised 50 euros in emergency aid [1].", false},
		{testcorpus.Second, "50 million euros", "Rafael Quint promised €50 million in emergency aid [1].", true},
		{testcorpus.Second, "50 million euros", "Rafael Quint promised $50m in emergency aid [1].", false},
		{testcorpus.Second, "50 million euros", "Rafael Quint promised £50 million in emergency aid [1].", false},
		{testcorpus.Second, "50 million euros", "Rafael Quint promised 50 million dollars in emergency aid [1].", false},
		// "50m" alone may be fifty metres: it is matched as written.
		{testcorpus.Second, "50 million euros", "Rafael Quint promised 50m euros in emergency aid [1].", false},
		// The port strike: "the authority offered a 6 percent raise over
		// three years"; "Six percent over three years is a pay cut".
		{portStory, "offered a 6 percent raise", "The authority offered a 6% raise over three years [1].", true},
		{portStory, "offered a 6 percent raise", "The authority offered a six percent raise over 3 years [1].", true},
		{portStory, "offered a 6 percent raise", "The authority offered a 7% raise over three years [1].", false},
		{portStory, "offered a 6 percent raise", "The authority offered a 6 percent raise over four years [1].", false},
		{portStory, "offered a 6 percent raise", "The authority offered a $6 raise over three years [1].", false},
		{portStory, "Six percent over three years", "The union chief said 6% over 3 years is a pay cut once inflation is counted [1].", true},
		{portStory, "Six percent over three years", "The union chief said 60% over 3 years is a pay cut once inflation is counted [1].", false},
		// Seed story: "The five-minute conversation, which took place on
		// October 14, 2025".
		{testcorpus.Seed, "The five-minute conversation", "The five-minute conversation took place on October 14, 2025 [1].", true},
		{testcorpus.Seed, "The five-minute conversation", "The 5-minute conversation took place on October 14th [1].", true},
		{testcorpus.Seed, "The five-minute conversation", "The conversation lasted 5 minutes and took place on October 14 [1].", true},
		{testcorpus.Seed, "The five-minute conversation", "The ten-minute conversation took place on October 14 [1].", false},
		{testcorpus.Seed, "The five-minute conversation", "The conversation lasted 10 minutes and took place on October 14 [1].", false},
		{testcorpus.Seed, "The five-minute conversation", "The five-minute conversation took place on October 24 [1].", false},
		// "The initial 28-point peace plan … revised the proposal to 19
		// points".
		{testcorpus.Seed, "The initial 28-point peace plan", "The initial peace plan had 28 points [1].", true},
		{testcorpus.Seed, "The initial 28-point peace plan", "The initial peace plan had twenty-eight points [1].", true},
		{testcorpus.Seed, "The initial 28-point peace plan", "Marco Rubio revised the proposal to nineteen points [1].", true},
		{testcorpus.Seed, "The initial 28-point peace plan", "The initial peace plan had twenty-one points [1].", false},
		{testcorpus.Seed, "The initial 28-point peace plan", "Marco Rubio revised the proposal to twelve points [1].", false},
		// "a second leaked conversation emerged".
		{testcorpus.Seed, "a second leaked conversation", "After the call with Witkoff, a 2nd leaked conversation emerged [1].", true},
		{testcorpus.Seed, "a second leaked conversation", "After the call with Witkoff, a third leaked conversation emerged [1].", false},
		// "friends for over 40 years".
		{testcorpus.Seed, "friends for over 40 years", "Witkoff and Trump have been friends for over forty years [1].", true},
		{testcorpus.Seed, "friends for over 40 years", "Witkoff and Trump have been friends for over fourteen years [1].", false},
		{testcorpus.Seed, "friends for over 40 years", "Witkoff and Trump have been friends for over 4 years [1].", false},
	}
	paragraphs := map[string]string{}
	for _, c := range cases {
		key := c.story + "\x00" + c.anchor
		p, ok := paragraphs[key]
		if !ok {
			p = storyParagraph(t, c.story, c.anchor)
			paragraphs[key] = p
		}
		err := g.support(claim{text: c.claim, cites: []int{1}}, []string{p})
		if (err == nil) != c.pass {
			t.Errorf("%s: %q: supported %v (%v), want %v", c.story, c.claim, err == nil, err, c.pass)
		}
	}
}
