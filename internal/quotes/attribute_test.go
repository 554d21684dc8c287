package quotes

import (
	"fmt"
	"strings"
	"testing"

	"dossier/internal/corpus"
)

// article builds a document from paragraphs.
func doc(id string, paras ...string) *corpus.Document {
	return &corpus.Document{Meta: corpus.Meta{ID: id, Title: id}, Paragraphs: paras}
}

// attributions returns "text → speaker" for every quotation of the
// articles, in order ("text → " when unattributed).
func attributions(docs ...*corpus.Document) map[string]string {
	out := map[string]string{}
	ix := Build(docs)
	for _, q := range ix.All() {
		out[q.Text] = q.Speaker
	}
	return out
}

func rulesOf(docs ...*corpus.Document) map[string]Rule {
	out := map[string]Rule{}
	ix := Build(docs)
	for _, q := range ix.quotes {
		out[q.Text] = q.Rule
	}
	return out
}

type attrCase struct {
	name  string
	paras []string
	quote string // the quotation checked, as it stands between its marks
	want  string // its speaker; "" for unattributed
	rule  Rule   // the rule expected to find it; "" to not check
}

func runAttrCases(t *testing.T, cases []attrCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := doc("t", tc.paras...)
			got, ok := attributions(d)[tc.quote]
			if !ok {
				t.Fatalf("quotation %q not found; found %v", tc.quote, attributions(d))
			}
			if got != tc.want {
				t.Errorf("speaker of %q = %q, want %q", tc.quote, got, tc.want)
			}
			if tc.rule != "" {
				if rule := rulesOf(d)[tc.quote]; rule != tc.rule {
					t.Errorf("rule = %q, want %q", rule, tc.rule)
				}
			}
		})
	}
}

// Mayor Anna Kowalski and councillor Tom Berger are invented for the tests.
const intro = "Mayor Anna Kowalski and Tom Berger, the council's finance chief, met on Monday."

// TestAttributionPatterns: one case per attribution pattern, with the
// attribution after, before and inside the quotation.
func TestAttributionPatterns(t *testing.T) {
	runAttrCases(t, []attrCase{
		{"quote, name said", []string{intro, "“The bridge is safe,” Kowalski said."},
			"The bridge is safe,", "Anna Kowalski", RuleAfter},
		{"quote, said name", []string{intro, "“The bridge is safe,” said Anna Kowalski."},
			"The bridge is safe,", "Anna Kowalski", RuleAfter},
		{"quote, name told", []string{intro, "“We will rebuild,” Kowalski told reporters on Tuesday."},
			"We will rebuild,", "Anna Kowalski", RuleAfter},
		{"quote, name wrote", []string{intro, "“Costs will rise,” Berger wrote on social media."},
			"Costs will rise,", "Tom Berger", RuleAfter},
		{"quote, name added with an apposition", []string{intro, "“Costs will rise,” Berger, 61, added."},
			"Costs will rise,", "Tom Berger", RuleAfter},
		{"quote, name was quoted as saying", []string{intro, "“We will rebuild,” Kowalski was quoted as saying."},
			"We will rebuild,", "Anna Kowalski", RuleAfter},
		{"quote, according to name", []string{intro, "The bridge is “perfectly safe,” according to Berger."},
			"perfectly safe,", "Tom Berger", RuleAfter},
		{"question mark splits the sentence", []string{intro, "“Who pays for it?” Berger asked."},
			"Who pays for it?", "Tom Berger", RuleAfter},
		{"name said colon quote", []string{intro, "Kowalski said: “The bridge is safe.”"},
			"The bridge is safe.", "Anna Kowalski", RuleColon},
		{"colon: the verb nearest the colon", []string{intro, "Berger will use the vote to make news, Kowalski said: “He has a surprise.”"},
			"He has a surprise.", "Anna Kowalski", RuleColon},
		{"standalone paragraph after a paragraph about the speaker", []string{intro, "Kowalski said the bridge would reopen on Monday.", "“Nobody loses access to the water.”"},
			"Nobody loses access to the water.", "Anna Kowalski", RuleContinues},
		{"standalone paragraph after a paragraph about the speaker alone", []string{intro, "Kowalski has long argued for the bridge.", "“Nobody loses access to the water.”"},
			"Nobody loses access to the water.", "Anna Kowalski", RuleContinues},
		{"standalone paragraph after a paragraph about two people", []string{intro, "Kowalski has long argued with Berger about the bridge.", "“Nobody loses access to the water.”"},
			"Nobody loses access to the water.", "", ""},
		{"dash-signed quotation", []string{intro, "“The bridge is safe.” ― Anna Kowalski"},
			"The bridge is safe.", "Anna Kowalski", RuleDash},
		{"modifiers before the name after the quotation", []string{intro, "“The bridge is safe,” harbour commissioner Anna Kowalski said."},
			"The bridge is safe,", "Anna Kowalski", RuleAfter},
		{"modifiers before the name after said", []string{intro, "“The bridge is safe,” said harbour commissioner Anna Kowalski."},
			"The bridge is safe,", "Anna Kowalski", RuleAfter},
		{"institution after the quotation", []string{intro, "“The bridge is closed,” the Harbour Authority said."},
			"The bridge is closed,", "Harbour Authority", RuleAfter},
		{"institution before a colon", []string{intro, "The Harbour Authority said: “The bridge is closed.”"},
			"The bridge is closed.", "Harbour Authority", RuleColon},
		{"institution named without an article", []string{intro, "“The bridge is closed,” Harbour News reported."},
			"The bridge is closed,", "Harbour News", RuleAfter},
		{"a name modifying a noun is no institution", []string{intro, "“The bridge is closed,” the Kowalski campaign said."},
			"The bridge is closed,", "", ""},
		{"vague plural subject", []string{intro, "“The bridge is closed,” officials said."},
			"The bridge is closed,", "", ""},
		{"name told reporters quote", []string{intro, "Kowalski told reporters “the bridge is safe.”"},
			"the bridge is safe.", "Anna Kowalski", RuleBefore},
		{"name said that … quote", []string{intro, "Kowalski said that the bridge was “perfectly safe” for now."},
			"perfectly safe", "Anna Kowalski", RuleBefore},
		{"speech verb after auxiliaries and adverbs", []string{intro, "Berger has also repeatedly warned that costs could “spiral.”"},
			"spiral.", "Tom Berger", RuleBefore},
		{"verb before to", []string{intro, "Berger went on to suggest a “modest levy” for drivers."},
			"modest levy", "Tom Berger", RuleBefore},
		{"participle shares the subject", []string{intro, "Kowalski defended the plan, saying it was “the only option.”"},
			"the only option.", "Anna Kowalski", RuleBefore},
		{"leading subordinate clause", []string{intro, "After the vote was counted, Berger said the result was “a relief.”"},
			"a relief.", "Tom Berger", RuleBefore},
		{"according to name, before", []string{intro, "According to Berger, the levy is “unavoidable.”"},
			"unavoidable.", "Tom Berger", RuleAccording},
		{"name called it quote", []string{intro, "Berger called it “a disgrace.”"},
			"a disgrace.", "Tom Berger", RuleNaming},
		{"name described x as quote", []string{intro, "Kowalski described the audit as “nonsense.”"},
			"nonsense.", "Anna Kowalski", RuleNaming},
		{"attribution inside the quotation: first part", []string{intro, "“The bridge,” Kowalski said, “is perfectly safe.”"},
			"The bridge,", "Anna Kowalski", RuleAfter},
		{"attribution inside the quotation: second part", []string{intro, "“The bridge,” Kowalski said, “is perfectly safe.”"},
			"is perfectly safe.", "Anna Kowalski", RuleBefore},
		{"continuation after the attribution", []string{intro, "“The bridge is safe,” Kowalski said. “We checked every bolt.”"},
			"We checked every bolt.", "Anna Kowalski", RuleContinues},
		{"quotation before an attributed one", []string{intro, "“We checked every bolt.” “The bridge is safe,” Kowalski said."},
			"We checked every bolt.", "Anna Kowalski", RuleContinuedBy},
		{"quotation after a said-that sentence", []string{intro, "Kowalski said the inspection was over. “We checked every bolt.”"},
			"We checked every bolt.", "Anna Kowalski", RuleContinues},
		{"quotation after a sentence about one person", []string{intro, "Kowalski agreed with the inspectors. “We checked every bolt.”"},
			"We checked every bolt.", "Anna Kowalski", RuleContinues},
		{"quotation after a sentence about two people", []string{intro, "Kowalski agreed with Berger. “We checked every bolt.”"},
			"We checked every bolt.", "", ""},
		{"whole-quotation paragraph after a quoted paragraph", []string{intro, "“The bridge is safe,” Kowalski said.", "“We checked every bolt.”"},
			"We checked every bolt.", "Anna Kowalski", RuleContinues},
		{"quotation over several paragraphs", []string{intro, "“We will rebuild the bridge.", "“It will take two years,” Berger said."},
			"We will rebuild the bridge.", "Tom Berger", RuleSpansParas},
		{"straight quotes without a comma", []string{intro, `"The levy stays" Berger said.`},
			"The levy stays", "Tom Berger", RuleAfter},
	})
}

// TestAttributionClauses: the speaker is the subject of the speech verb,
// not the nearest name; a quotation inside a clause with its own speaker
// is that speaker's; a clause of its own needs its own speech verb.
func TestAttributionClauses(t *testing.T) {
	runAttrCases(t, []attrCase{
		{"nearest name is the object", []string{intro, "Kowalski told Berger, “You are wrong.”"},
			"You are wrong.", "Anna Kowalski", ""},
		{"nearest name is inside the reported clause", []string{intro, "Kowalski said that Berger's plan was “a fantasy.”"},
			"a fantasy.", "Anna Kowalski", ""},
		{"first speech verb of the sentence", []string{intro, "Berger suggested that Kowalski tell the press that “the levy is fair.”"},
			"the levy is fair.", "Tom Berger", ""},
		{"one word after the quotation is its speaker", []string{intro, "“The bridge is safe,” Reuters reported."},
			"The bridge is safe,", "Reuters", RuleAfter},
		{"one word after, person before", []string{intro, "Kowalski told the agency the bridge was “safe,” Reuters reported."},
			"safe,", "Anna Kowalski", RuleBefore},
		{"one word with a base-form verb is a plural", []string{intro, "“The bridge is safe,” Democrats say."},
			"The bridge is safe,", "", ""},
		{"a role noun is no name", []string{intro, "Officials met on Monday. “The bridge is safe,” Critics said."},
			"The bridge is safe,", "", ""},
		{"institution as subject, person later", []string{intro, "The council said in a statement that Kowalski had called the audit “biased.”"},
			"biased.", "Anna Kowalski", ""},
		{"coordinated subjects: the first", []string{intro, "Kowalski and Berger both called the plan “reckless.”"},
			"reckless.", "Anna Kowalski", ""},
		{"new clause after but", []string{intro, "Kowalski said the plan was ready, but critics called it “a land grab.”"},
			"a land grab.", "", ""},
		{"scare quotes without a speaker", []string{intro, "The so-called “harbour levy” takes effect in May."},
			"harbour levy", "", ""},
	})
}

// TestResolution: one case per speaker-resolution rule.
func TestResolution(t *testing.T) {
	runAttrCases(t, []attrCase{
		{"pronoun: the latest subject", []string{"Mayor Anna Kowalski opened the meeting.", "“We will rebuild,” she said."},
			"We will rebuild,", "Anna Kowalski", ""},
		{"pronoun: the subject, not the object", []string{"Tom Berger met Anna Kowalski on Monday.", "“It was pointless,” he said."},
			"It was pointless,", "Tom Berger", ""},
		{"pronoun: the most recent subject", []string{"Tom Berger met Ruth Mills on Monday. Mills left early.", "“It was pointless,” she said."},
			"It was pointless,", "Ruth Mills", ""},
		{"pronoun: gender rules out the latest", []string{
			"Tom Berger, the council's spokesman, met Anna Kowalski, the city's chairwoman. Kowalski spoke first.",
			"“I am worried,” he said."},
			"I am worried,", "Tom Berger", ""},
		{"pronoun: gender learned from the article's own pronouns", []string{
			"Tom Berger presented his budget on Monday. Ruth Mills asked about the harbour.",
			"Berger answered first. “It adds up,” she said."},
			"It adds up,", "Ruth Mills", ""},
		{"pronoun: an unknown latest subject blocks", []string{intro, "A spokesman for the port declined to give details. “It is under review,” he said."},
			"It is under review,", "", ""},
		{"pronoun: nobody before", []string{"“It is under review,” he said."},
			"It is under review,", "", ""},
		{"description learned from an apposition", []string{
			"Anna Kowalski, the city's harbour commissioner, opened the meeting. Tom Berger spoke next.",
			"The commissioner said the plan was “sound.”"},
			"sound.", "Anna Kowalski", ""},
		{"description learned from a title", []string{
			"Harbour commissioner Anna Kowalski opened the meeting. Tom Berger spoke next.",
			"The commissioner said the plan was “sound.”"},
			"sound.", "Anna Kowalski", ""},
		{"description learned before a name", []string{
			"The port's new director, Tom Berger, toured the docks. Anna Kowalski joined him.",
			"The director called the docks “a mess.”"},
			"a mess.", "Tom Berger", ""},
		{"description by a shared proper noun", []string{
			"Anna Kowalski, an aide to Governor Ruth Mills, arrived late.",
			"Mills's ally said the vote was “a triumph.”"},
			"a triumph.", "Anna Kowalski", ""},
		{"description: a specific role needs that role", []string{
			"Anna Kowalski, an aide to Governor Ruth Mills, arrived late.",
			"Mills's lawyer said the vote was “a triumph.”"},
			"a triumph.", "", ""},
		{"description: modifiers decide between two", []string{
			"Anna Kowalski, the harbour commissioner, and Tom Berger, the transport commissioner, spoke.",
			"The harbour commissioner said the levy was “fair.”"},
			"fair.", "Anna Kowalski", ""},
		{"description: recency decides between equals", []string{
			"Senator Tom Berger and Senator Ruth Mills met. Berger spoke first, then Mills answered.",
			"The senator said the bill was “dead.”"},
			"dead.", "Ruth Mills", ""},
		{"description in the lede names someone introduced later", []string{
			"A senior harbour official has rejected what she called a “reckless” plan.",
			"Anna Kowalski, the senior harbour official in charge of the port, spoke after the vote."},
			"reckless", "Anna Kowalski", ""},
		{"description nobody in the article fits", []string{intro, "The treasurer said the accounts were “in order.”"},
			"in order.", "", ""},
		{"plural and unknown subjects stay unattributed", []string{intro, "Officials said the plan was “under review.”"},
			"under review.", "", ""},
		{"they stays unattributed", []string{intro, "“It is over,” they said."},
			"It is over,", "", ""},
		{"an unnamed person stays unattributed", []string{intro, "“This is wrong,” a resident said."},
			"This is wrong,", "", ""},
	})
}

// TestCanonicalNames: one name per person across the corpus, titles and
// party tags stripped, surname spellings merged.
func TestCanonicalNames(t *testing.T) {
	docs := []*corpus.Document{
		doc("a", "Mayor Anna Kowalski said the bridge was “safe.”"),
		doc("b", "Ms. Kowalski said the levy was “sound.”"),
		doc("c", "“We agree,” Kowalski said.", "“It is a scandal,” said Rep. Tom Berger (R-Ohio)."),
		doc("d", "Pavel Sokolov said the port was “ready.”", "Later Pavel Sokolow called the plan “late.”"),
	}
	got := map[string]int{}
	for _, s := range Build(docs).Speakers() {
		got[s.Name] = s.Quotes
	}
	want := map[string]int{"Anna Kowalski": 3, "Tom Berger": 1, "Pavel Sokolov": 2}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("speakers %v, want %v", got, want)
	}
}

// The same words attributed in one article and unattributed in another are
// one quotation with both sources.
func TestSameWordsAcrossArticles(t *testing.T) {
	docs := []*corpus.Document{
		doc("a", intro, "“We will rebuild the bridge within two years,” Kowalski said."),
		doc("b", "Critics pointed to one promise: “We will rebuild the bridge within two years.”"),
	}
	ix := Build(docs)
	res := ix.Lookup("Kowalski", "")
	if len(res.Quotes) != 1 || len(res.Quotes[0].Sources) != 2 {
		t.Fatalf("got %+v, want one quotation with sources in a and b", res.Quotes)
	}
	if a, b := res.Quotes[0].Sources[0].Doc, res.Quotes[0].Sources[1].Doc; a != "a" || b != "b" {
		t.Errorf("sources in %s, %s; want a, b", a, b)
	}
	if ix.Len() != 1 {
		t.Errorf("Len = %d, want 1", ix.Len())
	}
}

func TestKind(t *testing.T) {
	got := map[string]Kind{}
	for _, q := range Build([]*corpus.Document{doc("k", intro,
		"“We checked every bolt,” Kowalski said, calling the report “fake” and the audit “a partisan exercise.”")}).All() {
		got[q.Text] = q.Kind
	}
	want := map[string]Kind{"We checked every bolt,": Full, "fake": Partial, "a partisan exercise.": Partial}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("kinds %v, want %v", got, want)
	}
}

// TestSurnameTitles: a title word after a given name is a surname when the
// corpus knows that given name or describes the two words as a person.
func TestSurnameTitles(t *testing.T) {
	runAttrCases(t, []attrCase{
		{"described as a person", []string{"“It is about turnout,” said Charlie King, a prominent New York Democrat."},
			"It is about turnout,", "Charlie King", RuleAfter},
		{"known given name", []string{"Don Smith spoke first.", "“The city was devastated,” said Mayor Don Guardian."},
			"The city was devastated,", "Don Guardian", RuleAfter},
		{"no given name: a title", []string{"“Talks are over,” said Foreign Minister."},
			"Talks are over,", "", ""},
	})
}

// TestSpeakerLabels: a name with a colon before a quotation labels it, as
// transcripts and digests write them; a colon after a verb's object does
// not.
func TestSpeakerLabels(t *testing.T) {
	runAttrCases(t, []attrCase{
		{"transcript", []string{intro, "Kowalski: “The harbour stays open.” Berger: “It will close.”"},
			"It will close.", "Tom Berger", RuleLabel},
		{"digest after a dash", []string{intro, "Harbour news - Anna Kowalski: “Nobody loses access to the water.”"},
			"Nobody loses access to the water.", "Anna Kowalski", RuleLabel},
		{"object before a colon", []string{intro, "The plan does not surprise the press, nor Berger: “It was expected by all.”"},
			"It was expected by all.", "", ""},
	})
	// A transcript quoted paragraph by paragraph, each opened and none
	// closed, a label in capitals opening each: the label speaks, an
	// unknown label ("HOST:") stops the speaker before it carrying over.
	transcript := []string{intro, `"KOWALSKI: Well, look, the bridge is “safe” now.`, `"HOST: You said “never” last year.`, `"And the levy?`}
	runAttrCases(t, []attrCase{
		{"capitals label inside the quotation", transcript, "KOWALSKI: Well, look, the bridge is “safe” now.", "Anna Kowalski", RuleLabel},
		{"unknown label's paragraphs go on without a speaker", transcript, "And the levy?", "", ""},
		{"unknown label takes no one's words", transcript, "HOST: You said “never” last year.", "", ""},
	})
	// A name in capitals that labels several turns is a speaker known by
	// it, even when the article never names them in full; one that opens
	// one paragraph is no one.
	turns := []string{intro, `"WALLACE: Let's start with the “levy.”`, `"KOWALSKI: It is “fair.”`, `"WALLACE: Is it “fair” to all?`, `"MARSH: A “fair” deal.`}
	runAttrCases(t, []attrCase{
		{"a transcript's speaker by one name", turns, "WALLACE: Is it “fair” to all?", "Wallace", RuleLabel},
		{"a label of one turn", turns, "MARSH: A “fair” deal.", "", ""},
	})
}

// TestFinalWithApposition: a sentence-final "said Smith" may end with an
// apposition of any length.
func TestFinalWithApposition(t *testing.T) {
	runAttrCases(t, []attrCase{
		{"apposition closes the sentence", []string{intro, "“Many would call it an embarrassment” if the vote failed, said Tom Berger, an elections analyst at the non-partisan council office of the harbour city."},
			"Many would call it an embarrassment", "Tom Berger", RuleFinal},
		{"apposition without a determiner", []string{intro, "The levy signals “the beginning of the end” for the port, said Tom Berger, chief of the council's finance office."},
			"the beginning of the end", "Tom Berger", RuleFinal},
		{"apposition with commas of its own", []string{intro, "“The steps are right,” Tom Berger, chief of finance, ports, and roads, said on the call."},
			"The steps are right,", "Tom Berger", RuleAfter},
		{"any past tense in the reporting slot", []string{intro, "“Would it be negotiable?” Kowalski pressed. Berger did not answer."},
			"Would it be negotiable?", "Anna Kowalski", RuleAfter},
		{"any past tense in the reporting slot, inverted", []string{intro, "“This is fantastic!” beamed Anna Kowalski, who had waited all day."},
			"This is fantastic!", "Anna Kowalski", RuleAfter},
		{"a question, then a name, an adverb and a speech verb", []string{intro, "“Is the bridge safe?” Kowalski then asked. Berger did not answer."},
			"Is the bridge safe?", "Anna Kowalski", RuleAfter},
		{"a past tense after a whole sentence quoted is no report", []string{intro, "“The steps are right.” Kowalski resigned."},
			"The steps are right.", "", ""},
		{"a long string of titles", []string{intro, "“The steps are right,” Kowalski, the 2026 mayoral frontrunner nationally and current polling leader in the county by a wide margin after winning the harbour primaries, said when Berger asked her."},
			"The steps are right,", "Anna Kowalski", RuleAfter},
		{"coordinated names are no one speaker", []string{intro, "“The steps are right,” Tom Berger, Anna Kowalski and Lee said."},
			"The steps are right,", "", ""},
	})
}

// TestVerbFirst: a clause opened by its speech verb takes the name after
// it as its subject ("Said Comey, “…”").
func TestVerbFirst(t *testing.T) {
	runAttrCases(t, []attrCase{
		{"said first", []string{intro, "Berger said little. Said Kowalski, “The harbour will stay open to everyone.”"},
			"The harbour will stay open to everyone.", "Anna Kowalski", RuleBefore},
		{"a preposition's object is no subject; the verb before it has one", []string{intro, "“The port is calm,” Reuters reported.", "Kowalski took to Reuters overnight to accuse the council of a “land grab.”"},
			"land grab.", "Anna Kowalski", RuleBefore},
		{"a preposition's object is no subject", []string{intro, "“The port is calm,” Reuters reported.", "Kowalski's ally took to Reuters overnight to accuse the council of a “land grab.”"},
			"land grab.", "", ""},
		{"a document's -ing verb reports its issuer", []string{intro, "Kowalski released a new radio ad calling the levy “a fair deal for all.”"},
			"a fair deal for all.", "Anna Kowalski", RuleNaming},
		{"documents, and a time between them and the -ing verb", []string{intro, "Kowalski unleashed a series of tweets early Friday saying that Berger had shown bad judgment in hiring an aide “as a favour.”"},
			"as a favour.", "Anna Kowalski", RuleBefore},
		{"a document and a comma before the quotation", []string{intro, "Right after the vote, Kowalski issued a statement, “The harbour stays open to everyone.”"},
			"The harbour stays open to everyone.", "Anna Kowalski", RuleBefore},
		{"a document's title", []string{intro, "Kowalski released a memo titled “The Facts on the Levy.”"},
			"The Facts on the Levy.", "Anna Kowalski", RuleBefore},
		{"a time after a document names no issuer", []string{intro, "The council got a letter on Monday saying that Berger had been “too hasty.”"},
			"too hasty.", "", ""},
		{"a phrase after a phrasal verb's particle that ends it", []string{intro, "The levy is a trap, as Kowalski put it in a lengthy interview, “the harbour's ransom.”"},
			"the harbour's ransom.", "Anna Kowalski", RuleBefore},
		{"a phrase that goes on is no end of the phrasal verb", []string{intro, "Kowalski went on at length about the harbour that Berger “loves.”"},
			"loves.", "", ""},
		{"a quotation verb's past ends a description to its right", []string{intro, "Kowalski exhorted Republicans to “vote your conscience.”"},
			"vote your conscience.", "Anna Kowalski", RuleBefore},
		{"an aside opened by with and closed by a comma", []string{intro, "Kowalski, with unconcealed delight, chided Berger for his “harbour plan.”"},
			"harbour plan.", "Anna Kowalski", RuleBefore},
		{"a clause opened by with has its own subject", []string{intro, "Kowalski spoke first, with Berger calling the levy “fair.”"},
			"fair.", "Tom Berger", ""},
		{"an apposition no comma closes", []string{intro, "Kowalski, president and chief of the harbour board stated, “The levy is a math problem.”"},
			"The levy is a math problem.", "Anna Kowalski", RuleBefore},
		{"a name after a comma is no apposition", []string{intro, "Kowalski, Berger and the board stated, “The levy is a math problem.”"},
			"The levy is a math problem.", "", ""},
		{"a time counted back between subject and verb", []string{intro, "Kowalski less than two weeks ago said that the levy was “fair to everyone.”"},
			"fair to everyone.", "Anna Kowalski", RuleBefore},
		{"a phrase of time between subject and verb", []string{intro, "Kowalski at the time said the levy was “fair to everyone.”"},
			"fair to everyone.", "Anna Kowalski", RuleBefore},
	})
}

// TestSignedBelow: a paragraph of quotation signed by the next paragraph
// with a dash is the signer's.
func TestSignedBelow(t *testing.T) {
	runAttrCases(t, []attrCase{
		{"signature paragraph", []string{intro, "“The harbour will stay open to everyone, whatever the council says.”", "- Anna Kowalski, Newport."},
			"The harbour will stay open to everyone, whatever the council says.", "Anna Kowalski", RuleDash},
		{"a dash that opens a sentence", []string{intro, "“The harbour will stay open to everyone, whatever the council says.”", "- Kowalski spoke later, and Berger said nothing."},
			"The harbour will stay open to everyone, whatever the council says.", "", ""},
	})
}

// TestNamesAndClausesInNews: constructions of wire and newspaper copy
// found on PolNeAR's train split (testdata/polnear), one case each, with
// the invented people of intro.
func TestNamesAndClausesInNews(t *testing.T) {
	runAttrCases(t, []attrCase{
		{"middle initial", []string{intro, "“The levy stays,” said Alderman Anna J. Kowalski, whose ward includes the port."},
			"The levy stays,", "Anna Kowalski", RuleAfter},
		{"titled name after the", []string{intro, "Kowalski opened the session. “Let us pray,” said the Rev. Tom Berger, of St. Mark's Church."},
			"Let us pray,", "Tom Berger", RuleAfter},
		{"article before a name that modifies a noun", []string{intro, "“The bridge is safe,” said the Kowalski administration."},
			"The bridge is safe,", "", ""},
		{"second apposition describes a place", []string{intro, "Tom Berger, the finance chief of Dover, a port on the Channel, said the levy was “fair.”"},
			"fair.", "Tom Berger", RuleBefore},
		{"origin before an apposition", []string{intro, "Mayor Anna Kowalski of Dover, a former engineer, said the bridge was “safe.”"},
			"safe.", "Anna Kowalski", RuleBefore},
		{"according to a titled name", []string{intro, "The levy is “fair,” according to finance chief Tom Berger."},
			"fair,", "Tom Berger", RuleAccording},
		{"comma closing a leading clause", []string{intro, "Before the vote, finance chief Tom Berger lobbied for the levy, saying, “It is fair.”"},
			"It is fair.", "Tom Berger", RuleBefore},
		{"verb right before the quotation", []string{intro, "At one point, a resident asked for a photo and Kowalski said, “Of course.”"},
			"Of course.", "Anna Kowalski", RuleBefore},
		{"comma inside the quotation ends the clause", []string{intro, "Kowalski defended the “harbour levy,” saying the port “needs the money.”"},
			"needs the money.", "Anna Kowalski", RuleBefore},
		{"-ing verb after a quotation takes no subject after it", []string{intro, "Kowalski called the levy “fair,” telling reporters the port “needs the money.”"},
			"needs the money.", "Anna Kowalski", RuleBefore},
		{"verb after but shares the subject", []string{intro, "Berger did not name the mayor, but told reporters, “The levy is hers.”"},
			"The levy is hers.", "Tom Berger", RuleBefore},
		{"but after a relative clause", []string{intro, "Berger was asked by Kowalski, who backs the levy, but has criticised its cost, “Will you vote?”"},
			"Will you vote?", "", ""},
		{"passive speech verb", []string{intro, "Berger was asked about the levy: “Will you vote for it?”"},
			"Will you vote for it?", "", ""},
		{"name after an inverted verb ends at a function word", []string{intro, "“The levy stays,” said port worker Tom Berger when asked about the vote."},
			"The levy stays,", "Tom Berger", RuleAfter},
		{"paragraph introducing the next after a leading clause", []string{intro, "When Berger left, Kowalski released the following statement:", "“We won the vote.”"},
			"We won the vote.", "Anna Kowalski", RuleContinues},
		{"institution speaking through its report", []string{intro, "“The port will recover,” the Port Authority report stated."},
			"The port will recover,", "Port Authority", RuleAfter},
		{"origin between subject and verb", []string{intro, "Mayor Anna Kowalski of Dover said the levy was “fair.”"},
			"fair.", "Anna Kowalski", RuleBefore},
		{"relative time between subject and verb", []string{intro, "Berger (Finance) last week said the levy was “fair.”"},
			"fair.", "Tom Berger", RuleBefore},
		{"as-clause speaker for a main clause with no speaker", []string{intro, "As Kowalski explained, three taxes were postponed, “which sounds like a lot of money.”"},
			"which sounds like a lot of money.", "Anna Kowalski", RuleBefore},
		{"as-clause when the main clause has its own subject", []string{intro, "As Kowalski spoke, the Port Authority was lobbying against “any levy at all.”"},
			"any levy at all.", "", ""},
		{"phrasal verb with an adverb before the colon", []string{intro, "When Kowalski objected, Berger fired back forcefully: “The levy stays.”"},
			"The levy stays.", "Tom Berger", RuleColon},
		{"as X puts it", []string{intro, "As The Post's Tom Berger puts it, “The levy is here to stay.”"},
			"The levy is here to stay.", "Tom Berger", RuleBefore},
		{"two-word place is no one", []string{intro, "Berger campaigned in New Carlow. Kowalski won in New Carlow.", "Speaking in Salem, New Carlow, Kowalski went after Berger, calling him “a total stiff.”"},
			"a total stiff.", "Anna Kowalski", ""},
		{"title with of after an inverted verb", []string{intro, "“The port comes first,” said former secretary of state Anna Kowalski, who chairs the board."},
			"The port comes first,", "Anna Kowalski", RuleAfter},
		{"verb form opening a name's title after the quotation", []string{intro, "“We know better,” state Sen. Tom Berger (D) said about halfway through."},
			"We know better,", "Tom Berger", RuleAfter},
		{"apposition opened by a role noun, then a second", []string{intro, "Tom Berger, chairman of the board of the Dover Port Authority, the city's funding arm, said it would act only if “the vote passes.”"},
			"the vote passes.", "Tom Berger", RuleBefore},
		{"inverted verb with a titled name before a colon", []string{intro, "In other words, explained finance chief Tom Berger: “What does the levy pay for?”"},
			"What does the levy pay for?", "Tom Berger", ""},
		{"prepositional aside between subject and verb", []string{intro, "Kowalski, during a town hall meeting in Dover, Kent, said she was “going to keep the port open.”"},
			"going to keep the port open.", "Anna Kowalski", RuleBefore},
		{"relative clause after a preposition is no aside", []string{intro, "Kowalski also attacked Berger, with whom she clashed at the meeting, calling him a “loser.”"},
			"loser.", "Anna Kowalski", ""},
		{"country with an apposition", []string{intro, "Even China, the port's largest client, said it was “resolutely opposed” to the levy."},
			"resolutely opposed", "China", RuleBefore},
		{"possessor's article before a title", []string{intro, "“The levy is dead” the Post's senior politics editor Tom Berger responded."},
			"The levy is dead", "Tom Berger", RuleAfter},
		{"final attribution whose apposition holds a relative clause", []string{intro, "“We are happy” about the vote, said Tom Berger, head of the Dover Union, a union that has endorsed Kowalski."},
			"We are happy", "Tom Berger", RuleFinal},
		{"institution before a past tense", []string{intro, "The Port Authority issued a statement calling the levy “unlawful.”"},
			"unlawful.", "Port Authority", ""},
	})
}

// TestInitialsInNames: an initial inside a name is part of it, though
// alone "d" and "t" read as function words.
func TestInitialsInNames(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Yesterday William D. Burns spoke.", "william d burns"},
		{"Yesterday Gregory T. Angelo spoke.", "gregory t angelo"},
	} {
		a := prepare(0, doc("t", tc.text))
		u := a.units[0][0]
		var got []string
		for _, r := range nameRuns(u.toks, a.lower, nil) {
			got = append(got, strings.Join(r.words(u.toks), " "))
		}
		if len(got) != 1 || got[0] != tc.want {
			t.Errorf("%q: name words %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestWordsOfDigits: digits joined by a slash are one word ("9/11"), so a
// description that opens with a date reads as one phrase; a slash between
// words still separates them. The bytes of a letter decoded twice stay in
// their word ("FranÃ\u0083Â§ois"); a dot between a lower-case word and
// a capital ends a sentence whose space was lost ("said.Trump").
func TestWordsOfDigits(t *testing.T) {
	s := "9/11 widow and/or 24/7"
	var got []string
	for _, tk := range tokenize(s, 0, len(s), nil, nil) {
		got = append(got, tk.text)
	}
	if want := "9/11|widow|and|/|or|24/7"; strings.Join(got, "|") != want {
		t.Errorf("tokens %q, want %q", strings.Join(got, "|"), want)
	}
	// Mis-decoded UTF-8 inside a name stays in its word; a sign between
	// spaces, a no-break space and guillemets still separate words.
	s = "said.Trump Politico.com U.S. Mr.Smith"
	got = nil
	for _, tk := range tokenize(s, 0, len(s), nil, nil) {
		got = append(got, tk.text)
	}
	if want := "said|.|Trump|Politico.com|U.S.|Mr.Smith"; strings.Join(got, "|") != want {
		t.Errorf("tokens %q, want %q", strings.Join(got, "|"), want)
	}
	s = "Fran\u00c3\u0083\u00c2\u00a7ois Pe\u00c3\u00b1a costs 5 \u00a7 the\u00a0judge \u00abyes\u00bb"
	got = nil
	for _, tk := range tokenize(s, 0, len(s), nil, nil) {
		got = append(got, tk.text)
	}
	if want := "Fran\u00c3\u0083\u00c2\u00a7ois|Pe\u00c3\u00b1a|costs|5|\u00a7|the|judge|\u00ab|yes|\u00bb"; strings.Join(got, "|") != want {
		t.Errorf("tokens %q, want %q", strings.Join(got, "|"), want)
	}
	runAttrCases(t, []attrCase{
		{"a date opens the subject's description", []string{intro, "“The levy is wrong,” said 9/11 widow Anna Kowalski."},
			"The levy is wrong,", "Anna Kowalski", RuleAfter},
		{"a mis-decoded name", []string{"Fran\u00c3\u0083\u00c2\u00a7ois Hollande met Berger.", "“Europe must defend itself,” French President Fran\u00c3\u0083\u00c2\u00a7ois Hollande said."},
			"Europe must defend itself,", "Fran\u00c3\u0083\u00c2\u00a7ois Hollande", RuleAfter},
	})
}

// TestMonthNames: a month's name next to a name word is part of a
// person's name ("Theresa May", "Jan Brewer"), not of a date.
func TestMonthNames(t *testing.T) {
	runAttrCases(t, []attrCase{
		{"a month as surname", []string{intro, "“We will leave,” Theresa May said."},
			"We will leave,", "Theresa May", RuleAfter},
		{"a month as given name", []string{intro, "“We will stay,” said Jan Brewer."},
			"We will stay,", "Jan Brewer", RuleAfter},
		{"a date after a weekday is no one", []string{intro, "“We will stay,” Berger said on Tuesday, May 5."},
			"We will stay,", "Tom Berger", RuleAfter},
	})
	s := "Kowalski met Berger on Friday May 5."
	ix := Build([]*corpus.Document{doc("t", intro, s, "“We will stay,” Kowalski said.")})
	for _, sp := range ix.Speakers() {
		if strings.Contains(sp.Name, "May") || strings.Contains(sp.Name, "Friday") {
			t.Errorf("a date made a speaker: %q", sp.Name)
		}
	}
}

// TestSurnameAtSentenceStart: a surname that is also a common word, a
// title or a month opens a sentence as the one person named in full with
// it, before a speech verb or a comma; elsewhere it stays a word, and two
// people sharing it leave it to no one.
func TestSurnameAtSentenceStart(t *testing.T) {
	runAttrCases(t, []attrCase{
		{name: "common word", paras: []string{
			"City Council president Marty Small said the trip was an opportunity for small businesses.",
			"Small, who attended the rally on Wednesday, said that “Trump bagged millions of dollars.”",
		}, quote: "Trump bagged millions of dollars.", want: "Marty Small"},
		{name: "month", paras: []string{
			"The columnist Ai Jun wrote in the Global Times on Monday in June.",
			`"The Chinese people have had enough," Jun wrote.`,
		}, quote: "The Chinese people have had enough,", want: "Ai Jun"},
		{name: "no verb after it", paras: []string{
			"City Council president Marty Small said the trip was an opportunity for small businesses.",
			"Small businesses back the “Atlantic City first” plan.",
		}, quote: "Atlantic City first", want: ""},
		{name: "two people share it", paras: []string{
			"Marty Small and Ellen Small spoke for small businesses at the hearing.",
			"Small said that “the city needs jobs.”",
		}, quote: "the city needs jobs.", want: ""},
	})
}

// TestSubordinateClauseWithoutComma: a leading "When …" clause that no
// comma closes before the main clause's speech verb leaves the quotation
// to that verb's subject, not to the speaker of the subordinate clause.
func TestSubordinateClauseWithoutComma(t *testing.T) {
	runAttrCases(t, []attrCase{
		{name: "dash aside", paras: []string{
			"Hillary Clinton and Donald Trump met in the first debate.",
			"When Clinton noted that Trump paid no federal income tax ― as was true for years ― Trump boasted, “That makes me smart.”",
		}, quote: "That makes me smart.", want: "Donald Trump", rule: RuleBefore},
		{name: "comma closes it", paras: []string{
			"Hillary Clinton and Donald Trump met in the first debate.",
			"When Clinton noted the tax returns, Trump boasted, “That makes me smart.”",
		}, quote: "That makes me smart.", want: "Donald Trump"},
	})
}

// TestSpeechVerbAfterBy: "by saying" is a speech verb whose subject is the
// past tense's before it ("began by saying"); after an object ("responded
// to that tweet by calling") the clause's own speech verb speaks.
func TestSpeechVerbAfterBy(t *testing.T) {
	runAttrCases(t, []attrCase{
		{name: "began by saying", paras: []string{
			"Howard Dean spoke about Hillary Clinton's health.",
			"Dean, a medical doctor, then appeared on MSNBC on Tuesday and began by saying he would “never” diagnose someone through television.",
		}, quote: "never", want: "Howard Dean"},
		{name: "responded by saying", paras: []string{
			"Donald Trump and Jeb Bush met in Iowa.",
			"Trump responded by saying that “the governor is low energy.”",
		}, quote: "the governor is low energy.", want: "Donald Trump"},
		{name: "object before by", paras: []string{
			"Donald Trump and Prince Alwaleed bin Talal traded insults.",
			"Trump responded to that tweet by calling Alwaleed “dopey.”",
		}, quote: "dopey.", want: "Donald Trump"},
	})
}

// TestDocumentAfterParticle: a phrasal verb of issuing keeps its document
// across its particle ("rolling out a … message: “…”"); a document after
// a preposition is someone else's.
func TestDocumentAfterParticle(t *testing.T) {
	runAttrCases(t, []attrCase{
		{name: "rolling out", paras: []string{
			"President Barack Obama spoke to black voters.",
			"President Obama is rolling out a new and more personal campaign message: \"It's about me.\"",
		}, quote: "It's about me.", want: "Barack Obama", rule: RuleBefore},
		{name: "put out", paras: []string{
			"Senator Elizabeth Warren spoke in Boston on Monday.",
			"Warren put out a statement: “We will not back down.”",
		}, quote: "We will not back down.", want: "Elizabeth Warren"},
		{name: "reacting to a memo", paras: []string{
			"Senator Elizabeth Warren spoke in Boston on Monday.",
			"Warren was reacting to a memo: “We will not back down.”",
		}, quote: "We will not back down.", want: ""},
	})
}

// TestTitledLabel: a transcript's label may give the speaker's office
// before the name ("Former secretary of state Hillary Rodham Clinton:
// “…”"); a clause before the name is no label.
func TestTitledLabel(t *testing.T) {
	runAttrCases(t, []attrCase{
		{name: "office before the name", paras: []string{
			`Rep. Trey Gowdy (R-S.C.):"Who told you that?"`,
			`Former secretary of state Hillary Rodham Clinton:"We learned that from the State Department."`,
		}, quote: "We learned that from the State Department.", want: "Hillary Rodham Clinton", rule: RuleLabel},
		{name: "a clause before the name", paras: []string{
			"Hillary Rodham Clinton testified on Thursday.",
			`The timing does not surprise Hillary Rodham Clinton: "We learned that from the State Department."`,
		}, quote: "We learned that from the State Department.", want: ""},
	})
}

// TestTitlesJoinedBeforeName: titles joined by "and" before the name
// after an inverted speech verb belong to it ("said former Pennsylvania
// Gov. and Democratic National Committee Chairman Ed Rendell").
func TestTitlesJoinedBeforeName(t *testing.T) {
	runAttrCases(t, []attrCase{
		{name: "two titles", paras: []string{
			"Ed Rendell campaigned in Philadelphia.",
			"“He’s reprising that role,” said former Pennsylvania Gov. and Democratic National Committee Chairman Ed Rendell.",
		}, quote: "He’s reprising that role,", want: "Ed Rendell", rule: RuleAfter},
	})
}

// TestOriginWithFor: an institution after "of" may hold "for" ("Jeffrey
// Lewis of the James Martin Center for Nonproliferation Studies wrote").
func TestOriginWithFor(t *testing.T) {
	runAttrCases(t, []attrCase{
		{name: "center for", paras: []string{
			"Jeffrey Lewis studies North Korea.",
			`"It would seem to be a bit of a stretch," Jeffrey Lewis of the James Martin Center for Nonproliferation Studies wrote in December.`,
		}, quote: "It would seem to be a bit of a stretch,", want: "Jeffrey Lewis", rule: RuleAfter},
		{name: "for and a lower-case word", paras: []string{
			"Jeffrey Lewis studies North Korea.",
			`"It would seem to be a bit of a stretch," Jeffrey Lewis of the Center for years wrote in December.`,
		}, quote: "It would seem to be a bit of a stretch,", want: ""},
	})
}

// TestSpeechVerbAfterPreposition: a speech verb in -ing after a
// preposition that opens a phrase set off by a comma has the subject the
// comma follows ("Paul Ryan, R-Wis., despite admitting …"); after an
// object ("sings to Clinton before asking her") it has none.
func TestSpeechVerbAfterPreposition(t *testing.T) {
	runAttrCases(t, []attrCase{
		{name: "despite admitting", paras: []string{
			"House Speaker Paul Ryan spoke on Friday.",
			"House Speaker Paul Ryan, R-Wis., despite admitting that he did have his concerns about “trial lawyers trying to get rich,” said the bill should pass.",
		}, quote: "trial lawyers trying to get rich,", want: "Paul Ryan"},
		{name: "before asking after an object", paras: []string{
			"Mary J. Blige met Hillary Clinton for her show.",
			"Blige sings to Clinton before asking her, “Where do we go from here?”",
		}, quote: "Where do we go from here?", want: ""},
	})
}

// TestDateline: a wire story's dateline ("Washington (AFP) –") is a place,
// not the subject of the sentence it opens; a name with a parenthesis but
// no dash still speaks.
func TestDateline(t *testing.T) {
	runAttrCases(t, []attrCase{
		{name: "dateline", paras: []string{
			"George Washington crossed the Delaware in 1776.",
			"Washington (AFP) – Democrat Hillary Clinton has taken a swipe at Donald Trump’s stance on Brexit, saying that “bombastic comments” do more harm than good.",
		}, quote: "bombastic comments", want: "Hillary Clinton"},
		{name: "no dash", paras: []string{
			"Rep. Don Bacon spoke in Omaha.",
			"Bacon (R-Neb.) took a swipe at the plan, saying that “the votes are not there.”",
		}, quote: "the votes are not there.", want: "Don Bacon"},
	})
}
