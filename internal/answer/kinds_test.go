package answer

import (
	"context"
	"strings"
	"testing"

	"dossier/internal/testcorpus"
)

// wantStates checks whether the unit of e's answer to question that holds
// the text holding states the kind asked.
func wantStates(t *testing.T, e *Extractor, story, question, holding string, states bool) {
	t.Helper()
	u := unitHolding(t, e, question, holding)
	if u == nil {
		t.Fatalf("%s: no unit holds %q", question, holding)
	}
	if (u.kind > 0) != states {
		t.Errorf("%s %q: unit %q kind %.2f, want states=%v", story, question, u.text(), u.kind, states)
	}
}

// unitHolding returns the shortest unit the answerer weighs for q whose
// text holds text, or nil.
func unitHolding(t *testing.T, e *Extractor, q, text string) *unit {
	t.Helper()
	results, err := e.search(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	_, units, _ := e.rank(q, results)
	var best *unit
	for _, u := range units {
		if strings.Contains(u.text(), text) && (best == nil || len(u.text()) < len(best.text())) {
			best = u
		}
	}
	return best
}

// TestKindRulesOnStories: each rule of what states the kind of thing asked,
// on both stories: a unit that gives it states the kind (it is weighed
// before the units that do not, and the answerer may answer from it); one
// that only looks like it does not (and cannot be the answer).
func TestKindRulesOnStories(t *testing.T) {
	tests := []struct {
		rule, story, question, holding string
		states                         bool
		full                           bool // states it fully (kind 1)
	}{
		// A question of measure wants a number with its unit.
		{"measure", testcorpus.Second, "How much water did the Kessel Dam release?", "up to 1,200 cubic metres per second", true, false},
		{"measure", testcorpus.Second, "How much damage did the flood cause?", "estimated the damage at 200 million euros", true, false},
		{"measure", testcorpus.Second, "How high did the river rise in Velmora?", "The river reached 6.8 metres", true, false},
		{"measure", testcorpus.Second, "What was the previous record level of the Aska?", "previous record of 6.1 metres", true, false},
		{"measure", testcorpus.Seed, "How much did Witkoff earn as a real estate developer?", "friends for over 40 years", false, false},
		// A length of time, a year or a time of day is no amount.
		{"time is no amount", testcorpus.Second, "How much water did the Kessel Dam release?", "ordered an independent inquiry into the Velmora flood", false, false},
		// A count is attached to what is counted, or to a count noun
		// after a word of the question.
		{"count", testcorpus.Second, "How many rescuers were deployed?", "more than 300 rescuers", true, false},
		{"count", testcorpus.Second, "How many people died in the flood?", "raising the death toll from the Velmora flood to three", true, false},
		{"count", testcorpus.Seed, "How many points does the revised plan have?", "revised the proposal to 19 points", true, false},
		{"count", testcorpus.Seed, "How many points were in the original peace plan?", "The initial 28-point peace plan", true, true},
		{"count", testcorpus.Second, "How many minutes of warning did the town get?", "only forty minutes before the water started to rise", true, true},
		// How often.
		{"frequency", testcorpus.Second, "How often should the valley now expect a storm like this?", "every thirty or forty years", true, false},
		{"frequency", testcorpus.Seed, "How often does Ushakov speak with Witkoff?", "“quite often”", true, false},
		// How long: "a year", and the verb of lasting carries no topic.
		{"duration", testcorpus.Second, "How long will it take to rebuild the Old Mill Bridge?", "will take at least a year to rebuild", true, false},
		{"duration", testcorpus.Seed, "How long did the phone conversation last?", "The five-minute conversation", true, false},
		// When: "within three months".
		{"time lead", testcorpus.Second, "When will the inquiry report?", "would report within three months", true, false},
		{"time lead", testcorpus.Second, "When will the aid money be paid out?", "within weeks, not months", true, false},
		{"frequency", testcorpus.Second, "How often did the fields between Dunhollow and Velmora use to flood?", "used to flood every spring", true, false},
		// The kind counts only in a sentence about the question.
		{"about the question", testcorpus.Second, "When was the Kessel Dam built?", "It will examine the dam's operating rules", false, false},
		{"about the question", testcorpus.Second, "How long has Irena Vasko been mayor of Velmora?", "Vasko said the town had received only", false, false},
		// A question's word that is only the title before its name.
		{"title", testcorpus.Second, "How long has Irena Vasko been mayor of Velmora?", "only forty minutes before the water started to rise", false, false},
		{"title", testcorpus.Second, "How long has Vasko been mayor?", "only forty minutes before the water started to rise", false, false},
		{"title", testcorpus.Seed, "How long has Witkoff been Trump's envoy?", "Trump envoy Steve Witkoff , according to the October 14 call transcript", false, false},
		// One name alone does not make a length of time about how long.
		{"one name", testcorpus.Second, "How long has Vasko been mayor?", "Vasko said the town had received only", false, false},
		{"two names", testcorpus.Seed, "How long have Witkoff and Trump known each other?", "friends for over 40 years", true, false},
		// Only a clause about the question gives its date or frequency.
		{"clause", testcorpus.Second, "When will the main road along the river reopen?", "Rail services to Marren resumed on Wednesday afternoon", false, false},
		{"clause", testcorpus.Seed, "How often does Ushakov comment on the substance of his conversations?", "I do not comment on the substance of our conversations", false, false},
		// "Did not say how" leaves other questions open.
		{"unknown", testcorpus.Seed, "How much was Bloomberg paid for the recording?", "did not say how it obtained it", false, false},
		// Whose words: a common noun as speaker, an institution through
		// its spokesperson, not the object of a verb before "and".
		{"speaker", testcorpus.Second, "How did the water authority answer the criticism of its warning?", "the water authority said it had “followed every protocol”", true, false},
		{"speaker", testcorpus.Seed, "How did the Kremlin respond to the leaked call?", "Kremlin spokesman Dmitry Peskov said the disclosure", true, false},
		{"speaker", testcorpus.Seed, "What did Trump say about Witkoff's call?", "Ushakov agreed that Putin would congratulate Trump and would say", false, false},
		{"speaker", testcorpus.Seed, "How did the Russian Embassy respond?", "The Russian Embassy in Washington did not respond", true, false},
		// "About T": T in what was said or in what it points back to, not
		// in an apposition describing the speaker.
		{"about T", testcorpus.Second, "What did Greta Moll say about her rescue?", "The walls are standing", false, false},
		{"about T", testcorpus.Seed, "What did Dmitriev say about the peace plan?", "Dmitriev suggested conveying the document informally", true, false},
		// A word that modifies T ("the leaked call") does not make words
		// about something else it modifies ("the leaked plan") about T.
		{"about T", testcorpus.Seed, "What did Rubio say about the leaked call?", "the leaked plan amounted to a Russian wish list", false, false},
		{"about T", testcorpus.Second, "What did Quint say about the flooded fields?", "visiting Velmora's flooded old town in rubber boots", false, false},
		{"about T", testcorpus.Second, "What did Vasko say about the flooded old town?", "The old town is under a metre of water", true, true},
		// "Described X as Y" reports what was said without quoting.
		{"describe as", testcorpus.Seed, "How did Trump describe Witkoff's approach?", "Trump described Witkoff’s approach as standard negotiating procedure", true, false},
		{"describe as", testcorpus.Second, "How did Jonas Rieck describe Marek Tull?", "described him as “the first to volunteer, always.”", true, true},
		// Why, without a marker of cause: what the question's thing
		// served as, or was called, with "as a/an" just after it.
		{"role as reason", testcorpus.Seed, "Why did Witkoff bring up the Gaza ceasefire?", "using Trump’s Gaza ceasefire as an ice-breaker", true, false},
		{"role as reason", testcorpus.Seed, "Why did critics object to the 28-point plan?", "Critics described it as a Russian wishlist", true, false},
		{"role as reason", testcorpus.Second, "Why was Greta Moll rescued by helicopter?", "Greta Moll, 71, a retired teacher", false, false},
		{"purpose after a comma", testcorpus.Second, "Why did the water authority open the gates of the Kessel Dam?", "to stop the reservoir from overflowing", true, false},
		{"purpose after a comma", testcorpus.Seed, "Why will Witkoff visit Russia?", "Witkoff is set to visit Russia next week", false, false},
		// How did X react: the stand X took is a reaction.
		{"stance", testcorpus.Seed, "How did the White House react to the transcript?", "The White House did not dispute the transcript’s accuracy", true, false},
		// Who said: the name that is the subject of a speech verb.
		{"who said", testcorpus.Seed, "Which lawmaker said Witkoff should be fired?", "Bacon wrote on social media", true, true},
		{"who said", testcorpus.Second, "Who said the next 48 hours are critical?", "Okafor said", true, true},
		// Who is X: appositions after an age or a possessive, a role set
		// off before the name, "X is a…".
		{"identity", testcorpus.Second, "Who is Greta Moll?", "Greta Moll, 71, a retired teacher", true, false},
		{"identity", testcorpus.Second, "Who is Lucas Feld?", "Lucas Feld is a professor of hydrology", true, false},
		{"identity", testcorpus.Seed, "Who is Jared Kushner?", "Jared Kushner, Trump’s son-in-law and informal adviser", true, false},
		{"identity", testcorpus.Seed, "Who is Jared Kushner?", "Trump’s son-in-law, Jared Kushner", true, false},
	}
	answerers := map[string]*Extractor{}
	for _, tt := range tests {
		t.Run(tt.rule+"/"+tt.question, func(t *testing.T) {
			e := answerers[tt.story]
			if e == nil {
				e, _ = storyAnswerer(t, tt.story)
				answerers[tt.story] = e
			}
			u := unitHolding(t, e, tt.question, tt.holding)
			if u == nil {
				t.Fatalf("no unit weighed holds %q", tt.holding)
			}
			if got := u.kind > 0; got != tt.states || (tt.full && u.kind < 1) {
				t.Errorf("unit %q: kind %.2f, want states=%v full=%v", u.text(), u.kind, tt.states, tt.full)
			}
		})
	}
}

// TestGivenNameHeldThroughSurname: on both stories, the unit that names a
// person by surname holds all of a question that names them in full.
func TestGivenNameHeldThroughSurname(t *testing.T) {
	for _, tt := range []struct{ story, question, holding string }{
		{testcorpus.Seed, "How old is Yuri Ushakov?", "Ushakov, 78, told reporters"},
		{testcorpus.Second, "What did Greta Moll say from her camp bed?", "Moll said from a camp bed"},
	} {
		e, _ := storyAnswerer(t, tt.story)
		u := unitHolding(t, e, tt.question, tt.holding)
		if u == nil {
			t.Errorf("%q: no unit holds %q", tt.question, tt.holding)
			continue
		}
		if held := u.match | u.related; held&1 == 0 {
			t.Errorf("%q: unit %q does not hold the given name (match %b)", tt.question, u.text(), u.match)
		}
	}
}

// TestPlaceIsNotWho: a name after a preposition of place answers where,
// not who, on the second story and on passages of another story.
func TestPlaceIsNotWho(t *testing.T) {
	e, _ := storyAnswerer(t, testcorpus.Second)
	u := unitHolding(t, e, "Who was the pilot of the helicopter that rescued Greta Moll?", "on Tanner Street by a helicopter crew")
	if u == nil || u.kind > placeAsEntity {
		t.Errorf("unit %v: want kind at most %v", u, placeAsEntity)
	}
	for _, tt := range []struct {
		text string
		want float64
	}{
		{"The envoy met the minister in Oslo after the talks.", placeAsEntity},
		{"On Monday, Halvorsen met the minister.", 1},
	} {
		c := candidatesOf(t, passages(tt.text), "Who met the minister?")
		if len(c) == 0 || c[0].Features[featKind] != tt.want {
			t.Errorf("%q: candidates %v, want kind %v", tt.text, c, tt.want)
		}
	}
}

// TestUnknownOfAnotherKind: "did not say when" states that a date is
// unknown, not a name.
func TestUnknownOfAnotherKind(t *testing.T) {
	text := "The agency did not say when the river road would reopen."
	for q, want := range map[string]bool{
		"When will the river road reopen?": true,
		"Who closed the river road?":       false,
	} {
		c := candidatesOf(t, passages(text), q)
		if len(c) == 0 || (c[0].Features[featKind] > 0) != want {
			t.Errorf("%q over %q: candidates %v, want states=%v", q, text, c, want)
		}
	}
}

// TestClauseOfContrast: a sentence is split into clauses only at a
// coordinator of contrast; "while" may open a phrase with no subject of its
// own, which leaves the date with the verb after it.
func TestClauseOfContrast(t *testing.T) {
	for _, tt := range []struct {
		text, question string
		states         bool
	}{
		{"In September 1828 Chopin, while still a student, visited Berlin with a friend.", "When did Chopin visit Berlin?", true},
		{"Rail services resumed on Wednesday, but the river road stayed closed.", "When will the river road reopen?", false},
	} {
		c := candidatesOf(t, passages(tt.text), tt.question)
		if len(c) == 0 || (c[0].Features[featKind] > 0) != tt.states {
			t.Errorf("%q over %q: candidates %v, want states=%v", tt.question, tt.text, c, tt.states)
		}
	}
}

// TestTimeWithoutNumber: a time to come and a frequency need no number
// ("within weeks", "every winter"), on passages of another story.
func TestTimeWithoutNumber(t *testing.T) {
	for _, tt := range []struct{ text, question string }{
		{"The ministry said the harbour report would come within weeks.", "When will the harbour report come?"},
		{"The harbour used to freeze every winter, the port said.", "How often did the harbour freeze?"},
	} {
		c := candidatesOf(t, passages(tt.text), tt.question)
		if len(c) == 0 || c[0].Features[featKind] == 0 {
			t.Errorf("%q over %q: candidates %v, want the kind stated", tt.question, tt.text, c)
		}
	}
}

// TestTopicInSpeakerApposition: a topic word in the apposition that says
// who the speaker is does not make their words about it; in their words
// it does.
func TestTopicInSpeakerApposition(t *testing.T) {
	for _, tt := range []struct {
		text   string
		states bool
	}{
		{"Lena Holt, the pilot who flew the rescue, went home on Friday. “I need sleep,” she said.", false},
		{"Lena Holt went home on Friday. “The rescue was the hardest I have flown,” she said.", true},
	} {
		c := candidatesOf(t, passages(tt.text), "What did Lena Holt say about the rescue?")
		if len(c) == 0 || (c[0].Features[featKind] > 0) != tt.states {
			t.Errorf("%q: candidates %v, want states=%v", tt.text, c, tt.states)
		}
	}
}

// TestStanceAnswersReaction: taking a stand answers how someone reacted,
// not what they said.
func TestStanceAnswersReaction(t *testing.T) {
	text := "The dockers' union rejected the port authority's offer on Monday."
	for q, want := range map[string]bool{
		"How did the dockers' union react to the offer?":   true,
		"What did the dockers' union say about the offer?": false,
	} {
		c := candidatesOf(t, passages(text), q)
		if len(c) == 0 || (c[0].Features[featKind] > 0) != want {
			t.Errorf("%q: candidates %v, want states=%v", q, c, want)
		}
	}
}

// TestNamingVerbReportsSpeech: a naming verb reports speech beside a
// quotation or with its "as"; "should call the minister" does not.
func TestNamingVerbReportsSpeech(t *testing.T) {
	for _, tt := range []struct {
		text, question string
		states         bool
	}{
		{"The harbour master described the dam release as reckless on Monday.", "How did the harbour master describe the dam release?", true},
		{"The harbour master should call the minister about the dam release.", "What did the harbour master say about the dam release?", false},
	} {
		c := candidatesOf(t, passages(tt.text), tt.question)
		if len(c) == 0 || (c[0].Features[featKind] > 0) != tt.states {
			t.Errorf("%q over %q: candidates %v, want states=%v", tt.question, tt.text, c, tt.states)
		}
	}
}

// TestRoleAsReason: "as a/an" gives a reason only just after a word of
// the question ("used the old school as a shelter"), not after another
// ("worked as a teacher").
func TestRoleAsReason(t *testing.T) {
	s := passages(
		"The council used the old school as a shelter during the flood in Hallen.",
		"Ines Varga, who worked as a teacher for forty years, was rescued from the old school in Hallen.",
	)
	e := NewExtractive(s)
	for _, tt := range []struct {
		question, holding string
		states            bool
	}{
		{"Why did the council use the old school?", "as a shelter", true},
		{"Why was Ines Varga rescued?", "worked as a teacher", false},
	} {
		u := unitHolding(t, e, tt.question, tt.holding)
		if u == nil {
			t.Fatalf("%q: no unit holds %q", tt.question, tt.holding)
		}
		if got := u.kind > 0; got != tt.states {
			t.Errorf("%q: unit %q kind %.2f, want states=%v", tt.question, u.text(), u.kind, tt.states)
		}
	}
}

// TestPurposeClause: an infinitive set off by a comma after words of the
// question gives a purpose ("…, to stop the reservoir from overflowing");
// "to" before a number, a name or a function word does not.
func TestPurposeClause(t *testing.T) {
	s := passages(
		"The council closed the old bridge in Hallen on Monday, to protect drivers from the rising water.",
		"The council moved the shelter in Hallen from the school, to the town hall.",
		"The council raised the levy in Hallen from 3, to 5 percent.",
		"The council sent the engineers in Hallen, to Brenna.",
	)
	e := NewExtractive(s)
	for _, tt := range []struct {
		question, holding string
		states            bool
	}{
		{"Why did the council close the old bridge?", "to protect drivers", true},
		{"Why did the council move the shelter?", "to the town hall", false},
		{"Why did the council raise the levy?", "to 5 percent", false},
		{"Why did the council send the engineers?", "to Brenna", false},
	} {
		u := unitHolding(t, e, tt.question, tt.holding)
		if u == nil {
			t.Fatalf("%q: no unit holds %q", tt.question, tt.holding)
		}
		if got := u.kind > 0; got != tt.states {
			t.Errorf("%q: unit %q kind %.2f, want states=%v", tt.question, u.text(), u.kind, tt.states)
		}
	}
}

// TestShownUnitStatesKind: when two articles report one fact and only the
// lower-ranked one states the kind asked, that one is shown and the other
// only cited: the reader sees the words that answer.
func TestShownUnitStatesKind(t *testing.T) {
	for _, tt := range []struct {
		name, story, question, stating string
		texts                          []string
	}{
		{"fixture", "", "Why did the council close the old bridge over the Aska in Hallen?", "to protect drivers",
			[]string{
				"The council closed the old bridge over the Aska in Hallen on Monday night, the mayor said.",
				"The council closed the old bridge over the Aska in Hallen on Monday, to protect drivers from the rising water.",
			}},
		{"second story", testcorpus.Second, "Why did the water authority open the gates of the Kessel Dam?", "to stop the reservoir from overflowing", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var e *Extractor
			if tt.texts != nil {
				e = NewExtractive(passages(tt.texts...))
			} else {
				ix, _ := storyIndex(t, tt.story)
				e = NewExtractive(ix)
			}
			results, err := e.search(context.Background(), tt.question)
			if err != nil {
				t.Fatal(err)
			}
			p, units, _ := e.rank(tt.question, results)
			// Put every unit that does not state the kind first, as if
			// the model had ranked it higher.
			var ranked []*unit
			for _, u := range units {
				if u.kind == 0 {
					ranked = append(ranked, u)
				}
			}
			for _, u := range units {
				if u.kind > 0 {
					ranked = append(ranked, u)
				}
			}
			for _, u := range ranked {
				u.score = 0
			}
			a := p.answer(tt.question, e.pick(p, ranked))
			if !strings.Contains(a.Text, tt.stating) {
				t.Errorf("answer %q does not show %q", a.Text, tt.stating)
			}
		})
	}
}

// TestTopicFromSentenceBefore: X's words that do not name T are about it
// when the sentence before, in their paragraph, names it; they are shown
// with that sentence. Words whose paragraph is about something else are
// not.
func TestTopicFromSentenceBefore(t *testing.T) {
	for _, tt := range []struct {
		question, holding string
		texts             []string
		states            bool
	}{
		{"What did Vasko say about the warning?", "The mayor criticised the warning",
			[]string{"The mayor criticised the warning again on Monday. “It came far too late for us,” Vasko said."}, true},
		{"What did Brandt say about the strike?", "The union leader defended the strike",
			[]string{"The union leader defended the strike at the port on Friday. “We had no choice left,” Brandt said."}, true},
		{"What did Brandt say about the strike?", "The ferry timetable changed",
			[]string{"The ferry timetable changed on Friday. “We had no choice left,” Brandt said."}, false},
	} {
		e := NewExtractive(passages(tt.texts...))
		u := unitHolding(t, e, tt.question, "said")
		if got := u != nil && u.kind > 0 && strings.Contains(u.text(), tt.holding); got != tt.states {
			t.Errorf("%q: unit %v, want states with %q = %v", tt.question, u, tt.holding, tt.states)
		}
	}
}

// TestParagraphOpenerPronoun: a paragraph that opens with "She said…" is
// about the one the paragraph before quotes, when it quotes only one: the
// sentence holds that person's name and stands as a unit of its own; with
// two speakers before it, "she" stays unresolved and the sentence is not
// used alone.
func TestParagraphOpenerPronoun(t *testing.T) {
	second, _ := storyAnswerer(t, testcorpus.Second)
	tests := []struct {
		name     string
		e        *Extractor
		question string
		holding  string
		resolved bool
	}{
		{"second story", second, "Was Greta Moll warned before the water came?", "She said she had not received any warning.", true},
		{"seed names, one speaker", NewExtractive(passages(
			"“It is a fake,” Peskov said on Tuesday.\n\nHe said the Kremlin had never recorded the call.")),
			"Did Peskov say the call was recorded?", "He said the Kremlin had never recorded the call.", true},
		{"seed names, two speakers", NewExtractive(passages(
			"“It is a fake,” Peskov said, and Ushakov said the call was private.\n\nHe said the Kremlin had never recorded the call.")),
			"Did Peskov say the call was recorded?", "He said the Kremlin had never recorded the call.", false},
		{"seed names, a speaker the question does not name", NewExtractive(passages(
			"“It is a fake,” Ushakov said on Tuesday.\n\nHe said the Kremlin had never recorded the call.")),
			"Did Peskov say the call was recorded?", "He said the Kremlin had never recorded the call.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := unitHolding(t, tt.e, tt.question, tt.holding)
			standsAlone := u != nil && u.first == 0 && strings.HasPrefix(u.text(), tt.holding)
			if standsAlone != tt.resolved {
				t.Fatalf("unit %v, stands alone %v; want %v", u != nil, standsAlone, tt.resolved)
			}
		})
	}
}

// TestInterviewAnswerHoldsQuestion: in an interview's layout a paragraph
// that only asks is followed by its answer, which does not repeat what was
// asked; the answer holds the question's terms and is read whole, on both
// stories. A paragraph after one that states something inherits nothing.
func TestInterviewAnswerHoldsQuestion(t *testing.T) {
	second, _ := storyAnswerer(t, testcorpus.Second)
	tests := []struct {
		name, question, holding, whole string
		e                              *Extractor
		inherits                       bool
	}{
		{"second story", "Was the water authority right to open the gates?", "Yes.", "it was the lesser evil.", second, true},
		{"seed names", "Was the transcript of the Witkoff call fake?", "No.", "Moscow knows it.", NewExtractive(passages(
			"Was the transcript of the Witkoff call fake?\n\nNo. The recording is genuine, and Moscow knows it.")), true},
		{"seed names, no question before", "Was the transcript of the Witkoff call fake?", "No.", "Moscow knows it.", NewExtractive(passages(
			"Peskov spoke about the Witkoff call on Tuesday.\n\nNo. The recording is genuine, and Moscow knows it.")), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := unitHolding(t, tt.e, tt.question, tt.holding)
			got := u != nil && strings.HasPrefix(u.text(), tt.holding) && strings.HasSuffix(u.text(), tt.whole) && u.rel >= 0.5
			if got != tt.inherits {
				t.Fatalf("answer read whole with the question's terms: %v, want %v", got, tt.inherits)
			}
		})
	}
}

// TestTitleIsNoTopic: a question's word that stands in a sentence only as
// the title before the question's name ("Mayor Irena Vasko") does not make
// the sentence, or the one read with it, about the question; nor does the
// one name of a question of how long, alone. The same words said of the
// name ("has been governor since 2019") or a question with two names
// still make it about the question.
func TestTitleIsNoTopic(t *testing.T) {
	for _, tt := range []struct {
		question, holding string
		texts             []string
		states            bool
	}{
		// The title only introduces her; the length of time is another
		// sentence's, about something else.
		{"How long has Ana Ruiz been governor?", "nine months",
			[]string{"Governor Ana Ruiz opened the new bridge over the Lenn on Monday. She said the work had taken nine months."}, false},
		{"How long has Ana Ruiz been governor?", "since 2019",
			[]string{"Ana Ruiz has been governor since 2019. She opened the new bridge over the Lenn on Monday."}, true},
		{"How long has Ana Ruiz been governor?", "six years",
			[]string{"Ruiz was elected governor in 2019 and has served for six years."}, true},
		// A title before a name as well as before the role ("Port
		// Authority chief").
		{"How long has Tomas Berg been port chief?", "three weeks",
			[]string{"On Friday, Port Authority chief Tomas Berg met the union. He said the strike could last three weeks."}, false},
		// A possessive ends the title: "Ruiz's adviser" is the adviser of
		// Ruiz, said of the one named after it.
		{"How long has Lena Ott been an adviser?", "for a decade",
			[]string{"Ruiz's adviser Lena Ott, who has worked with her for a decade, declined to comment."}, true},
		// One name alone does not make a length of time about how long
		// she has been governor; two names make it about the two.
		{"How long has Ana Ruiz been governor?", "nine months",
			[]string{"Ruiz said the repairs to the bridge would take nine months."}, false},
		{"How long have Ruiz and Weber worked together?", "twelve years",
			[]string{"Ruiz and Weber have been partners for twelve years."}, true},
	} {
		e := NewExtractive(passages(tt.texts...))
		u := unitHolding(t, e, tt.question, tt.holding)
		if u == nil {
			t.Errorf("%q: no unit weighed holds %q", tt.question, tt.holding)
			continue
		}
		if got := u.kind > 0; got != tt.states {
			t.Errorf("%q: unit %q: kind %.2f, want states=%v", tt.question, u.text(), u.kind, tt.states)
		}
	}
}

// TestCauseOfWhatItFollows: a marker of cause just after a content word
// that is not the question's ("a peace plan aimed at ending…") gives that
// thing's purpose, not the question's reason; after a word of the
// question, after "was", or opening with a function word ("because", "in
// order to") it still gives the reason.
func TestCauseOfWhatItFollows(t *testing.T) {
	stories := []struct {
		story, question, holding string
		states                   bool
	}{
		{testcorpus.Seed, "Why did Bloomberg decide to publish the transcript?", "a peace plan aimed at ending Russia’s war", false},
		{testcorpus.Seed, "Why was the conversation leaked, according to Peskov?", "the disclosure was intended to undermine peace efforts", true},
		{testcorpus.Seed, "Why did Dmitriev travel to Florida?", "aimed at creating a 28-point peace framework", true},
		{testcorpus.Second, "Why will the schools remain closed for two weeks?", "because three of the town's five school buildings were damaged", true},
	}
	answerers := map[string]*Extractor{}
	for _, tt := range stories {
		e := answerers[tt.story]
		if e == nil {
			e, _ = storyAnswerer(t, tt.story)
			answerers[tt.story] = e
		}
		u := unitHolding(t, e, tt.question, tt.holding)
		if u == nil {
			t.Errorf("%q: no unit weighed holds %q", tt.question, tt.holding)
			continue
		}
		if got := u.kind > 0; got != tt.states {
			t.Errorf("%q: unit %q: kind %.2f, want states=%v", tt.question, u.text(), u.kind, tt.states)
		}
	}
	for _, tt := range []struct {
		question, text string
		states         bool
	}{
		{"Why did the council close the bridge?", "The council, which closed the bridge on Monday, presented a repair plan aimed at reopening the road by June.", false},
		{"Why did the council close the bridge?", "The council closed the bridge in order to protect drivers from falling stones.", true},
		{"Why did the council close the bridge?", "The council said closing the bridge was meant to protect drivers from falling stones.", true},
		{"Why did the council close the bridge?", "The council closed the bridge and ordered two ferries designed to carry the traffic instead.", false},
	} {
		e := NewExtractive(passages(tt.text))
		u := unitHolding(t, e, tt.question, "bridge")
		if u == nil {
			t.Errorf("%q: no unit weighed holds the bridge", tt.question)
			continue
		}
		if got := u.kind > 0; got != tt.states {
			t.Errorf("%q: unit %q: kind %.2f, want states=%v", tt.question, u.text(), u.kind, tt.states)
		}
	}
}

// TestInvertedVerbSpeaker: after an inverted speech verb ("…, said
// Peskov") only the speaker's title stands before the name; a name further
// on, past other words, is what the words are about, so "How did X respond
// to Y's criticism?" is not answered by Y's words about X.
func TestInvertedVerbSpeaker(t *testing.T) {
	t.Run("stories", func(t *testing.T) {
		tests := []struct {
			story, question, holding string
			states                   bool
		}{
			// Bacon speaks, about Witkoff: not Witkoff's response.
			{testcorpus.Seed, "How did Witkoff respond to Bacon's criticism?", "said the transcript showed Witkoff favors Russia", false},
			// The same sentence inverted with its speaker's title before the name.
			{testcorpus.Seed, "What did Peskov say about the disclosure?", "Kremlin spokesman Dmitry Peskov said the disclosure", true},
			// "said Pieter Halloran, director of…": the name right after the verb.
			{testcorpus.Second, "What did Halloran say about the release?", "Without the release, the dam itself would have been at risk", true},
		}
		for _, tt := range tests {
			e, _ := storyAnswerer(t, tt.story)
			wantStates(t, e, tt.story, tt.question, tt.holding, tt.states)
		}
	})
	t.Run("passages", func(t *testing.T) {
		for _, tt := range []struct {
			text, question string
			states         bool
		}{
			{"Vasko, who has criticised the dam's operators, said the report showed Halloran ignored the forecasts.", "How did Halloran react to Vasko's criticism?", false},
			{"“We followed every protocol,” said the director Halloran.", "How did Halloran react to Vasko's criticism?", true},
			{"“We followed every protocol,” said Halloran.", "How did Halloran react to Vasko's criticism?", true},
			{"“The forecasts were clear,” said the mayor, who blamed Halloran.", "How did Halloran react to Vasko's criticism?", false},
		} {
			c := candidatesOf(t, passages(tt.text), tt.question)
			if len(c) == 0 || (c[0].Features[featKind] > 0) != tt.states {
				t.Errorf("%q: candidates %v, want states=%v", tt.text, c, tt.states)
			}
		}
	})
}

// TestWordsAfterEvent: "what did X say after Z" is not answered by words
// the articles place before Z (nor "before Z" by words placed after it): the unit's day (the weekday it names, up to
// its article's date, or that date) must not be before the first day a
// sentence reporting Z gives.
func TestWordsAfterEvent(t *testing.T) {
	t.Run("stories", func(t *testing.T) {
		tests := []struct {
			story, question, holding string
			states                   bool
		}{
			// Friday's words, in the article of Saturday's inquiry.
			{testcorpus.Second, "What did Greta Moll say after the inquiry was ordered?", "The walls are standing", false},
			{testcorpus.Second, "What did Greta Moll say about her house?", "The walls are standing", true},
			{testcorpus.Second, "What did Halloran say after the inquiry was ordered?", "I will not resign", true},
			// "before Z": Tuesday's words report Sunday night's opening.
			{testcorpus.Second, "What did Vasko say before the gates were opened?", "received the authority's alert at 10:50 p.m.", false},
			{testcorpus.Second, "What did Vasko say after the gates were opened?", "received the authority's alert at 10:50 p.m.", true},
			{testcorpus.Second, "What did Halloran say before the inquiry was ordered?", "I will not resign", false},
			// Wednesday's words, after Tuesday's publication.
			{testcorpus.Seed, "What did Ushakov say after the transcript was published?", "of course unacceptable", true},
			// Words taken from the record that came out were said before it.
			{testcorpus.Seed, "What did Witkoff say after the transcript was published?", "Witkoff said in the transcript published by Bloomberg", false},
			{testcorpus.Seed, "What did Witkoff say before the transcript was published?", "Witkoff said in the transcript published by Bloomberg", true},
		}
		for _, tt := range tests {
			e, _ := storyAnswerer(t, tt.story)
			wantStates(t, e, tt.story, tt.question, tt.holding, tt.states)
		}
	})
	t.Run("passages", func(t *testing.T) {
		// passages dates its articles 2025-01-01 (a Wednesday), 2025-01-02…
		for _, tt := range []struct {
			words, event string
			states       bool
		}{
			{"“The transcript is fake,” Dmitriev said on Monday.", "Bloomberg published the transcript on Tuesday.", false},
			{"“The transcript is fake,” Dmitriev said on Wednesday.", "Bloomberg published the transcript on Tuesday.", true},
			{"“The transcript is fake,” Dmitriev said.", "Bloomberg published the transcript on Tuesday.", true},
			// Printed the day before any article reports the publication.
			{"“The transcript is fake,” Dmitriev said.", "Bloomberg published the transcript.", false},
			{"Bloomberg published the transcript. “The transcript is fake,” Dmitriev said.", "Bloomberg published the transcript.", true},
			// Words from the transcript itself, reported after it came out.
			{"“The call went well,” Dmitriev said, according to the transcript.", "Bloomberg published the transcript on Tuesday.", false},
			{"“The call went well,” Dmitriev said in the leaked transcript.", "Bloomberg published the transcript on Tuesday.", false},
			{"“The call went well,” Dmitriev said in an interview on Wednesday.", "Bloomberg published the transcript on Tuesday.", true},
		} {
			c := candidatesOf(t, passages(tt.words, tt.event), "What did Dmitriev say after Bloomberg published the transcript?")
			var got *Candidate
			for i := range c {
				if strings.Contains(c[i].Text, "Dmitriev") {
					got = &c[i]
				}
			}
			if got == nil || (got.Features[featKind] > 0) != tt.states {
				t.Errorf("%q then %q: candidates %v, want states=%v", tt.words, tt.event, c, tt.states)
			}
		}
	})
}

// TestDateOfAnotherThing: a day and month between a determiner and a noun
// date that thing ("the October 14 call transcript"): they answer "when"
// only when the noun is a word of the question.
func TestDateOfAnotherThing(t *testing.T) {
	t.Run("stories", func(t *testing.T) {
		tests := []struct {
			story, question, holding string
			states                   bool
		}{
			{testcorpus.Seed, "When did Witkoff get the transcript?", "according to the October 14 call transcript", false},
			{testcorpus.Seed, "When was the call?", "according to the October 14 call transcript", true},
			// An abbreviated month ends in a full stop that ends no clause.
			{testcorpus.Seed, "When did Trump make Witkoff his special envoy?", "Details of the Oct. 14 conversation", false},
			{testcorpus.Seed, "When did Ushakov and Witkoff have their conversation?", "Details of the Oct. 14 conversation", true},
			// A date after "on" dates the clause's event.
			{testcorpus.Second, "When will the town hold a memorial for the victims?", "a memorial for the five victims on Sunday, April 26", true},
			{testcorpus.Second, "When was the inquiry ordered?", "on Saturday ordered an independent inquiry", true},
		}
		for _, tt := range tests {
			e, _ := storyAnswerer(t, tt.story)
			wantStates(t, e, tt.story, tt.question, tt.holding, tt.states)
		}
	})
	t.Run("passages", func(t *testing.T) {
		for _, tt := range []struct {
			text, question string
			states         bool
		}{
			{"Halloran, according to the April 12 flood report, ordered the gates opened.", "When did Halloran receive the report?", false},
			{"Halloran, according to the April 12 report, ordered the gates opened.", "When did Halloran receive the report?", true},
			{"Halloran, according to the Apr. 12 flood report, ordered the gates opened.", "When did Halloran receive the report?", false},
			{"Halloran received the report on April 12.", "When did Halloran receive the report?", true},
			{"Halloran read the November 1830 report.", "When did Halloran read the report?", true},
		} {
			c := candidatesOf(t, passages(tt.text), tt.question)
			if len(c) == 0 || (c[0].Features[featKind] > 0) != tt.states {
				t.Errorf("%q: candidates %v, want states=%v", tt.text, c, tt.states)
			}
		}
	})
}

// TestPriceWantsMoney: a question about a price ("how much did X cost",
// "how much funding") is answered only by an amount of money; a distance
// or a percentage near the same words is no price. Two stories: the
// second story's fixture and a port story written here.
func TestPriceWantsMoney(t *testing.T) {
	port := []string{
		"The new harbour gates in Hallen, which cost more than planned, stand 30 metres high, the port authority said.",
		"Traffic through the new harbour gates in Hallen rose 12% in their first month, the port authority said.",
	}
	tests := []struct {
		name     string
		answerer func(t *testing.T) *Extractor
		question string
		want     string // "" means abstain
	}{
		{"distance is no price", func(t *testing.T) *Extractor { return NewExtractive(passages(port...)) },
			"How much did the new harbour gates in Hallen cost?", ""},
		{"amount in a currency", func(t *testing.T) *Extractor {
			return NewExtractive(passages(append(port, "The new harbour gates in Hallen cost 12 million euros, the port authority said.")...))
		}, "How much did the new harbour gates in Hallen cost?", "12 million euros"},
		{"currency sign", func(t *testing.T) *Extractor {
			return NewExtractive(passages(append(port, "The new harbour gates in Hallen cost $14m, the port authority said.")...))
		}, "How much did the new harbour gates in Hallen cost?", "$14m"},
		{"distance is no price", func(t *testing.T) *Extractor { e, _ := storyAnswerer(t, testcorpus.Second); return e },
			"How much did the spillway gates of the Kessel Dam cost?", ""},
		{"amount in a currency", func(t *testing.T) *Extractor { e, _ := storyAnswerer(t, testcorpus.Second); return e },
			"How much funding did the minister promise for flood-hit families?", "50 million euros"},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.question, func(t *testing.T) {
			a, err := tt.answerer(t).Answer(context.Background(), tt.question)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tt.want == "" && !a.Abstained:
				t.Errorf("answered %q, want an abstention", a.Text)
			case tt.want != "" && (a.Abstained || !strings.Contains(a.Text, tt.want)):
				t.Errorf("answer %q (abstained %v), want one holding %q", a.Text, a.Abstained, tt.want)
			}
		})
	}
}
