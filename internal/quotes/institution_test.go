package quotes

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dossier/internal/corpus"
	"dossier/internal/testcorpus"
)

// TestQuoteInstitution: /quote of an institution works on two stories —
// the water authority of the second test story, which speaks through "the
// water authority said", and the International Atomic Energy Agency of a
// PolNeAR dev article — and its quotations stay apart from the people it
// employs.
func TestQuoteInstitution(t *testing.T) {
	var polnear []*corpus.Document
	for _, a := range loadPolNeAR(t, filepath.Join("testdata", "polnear", "dev")) {
		polnear = append(polnear, a.doc)
	}
	tests := []struct {
		story       string
		docs        []*corpus.Document
		query, want string
		quote       string // one of its quotations
		person      string // someone of the institution, quoted apart; "" for none
	}{
		{"second", loadStory(t, testcorpus.Second), "water authority", "Aska Basin Water Authority",
			"show that the release saved lives downstream.", "Pieter Halloran"},
		{"polnear dev", polnear, "International Atomic Energy Agency", "International Atomic Energy Agency",
			"complete disregard of the repeated demands of the international community.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.story, func(t *testing.T) {
			ix := Build(tt.docs)
			res := ix.Lookup(tt.query, "")
			if res.Speaker != tt.want {
				t.Fatalf("Lookup(%q) speaker %q, want %q", tt.query, res.Speaker, tt.want)
			}
			if !slices.ContainsFunc(res.Quotes, func(q Quote) bool { return q.Text == tt.quote }) {
				t.Errorf("Lookup(%q) lacks %q: %+v", tt.query, tt.quote, res.Quotes)
			}
			i := slices.IndexFunc(ix.Speakers(), func(s Speaker) bool { return s.Name == tt.want })
			if i < 0 || !ix.Speakers()[i].Institution {
				t.Errorf("speaker %q not listed as an institution: %+v", tt.want, ix.Speakers())
			}
			if tt.person == "" {
				return
			}
			for _, q := range ix.Lookup(tt.person, "").Quotes {
				if q.Speaker != tt.person || slices.ContainsFunc(res.Quotes, func(o Quote) bool { return o.Text == q.Text }) {
					t.Errorf("%q is both %s's and %s's", q.Text, tt.person, tt.want)
				}
			}
			if strings.Contains(ix.Lookup(tt.person, "").Speaker, "Authority") {
				t.Errorf("Lookup(%q) reached the institution", tt.person)
			}
		})
	}
}

// TestQuoteKremlinWhiteHouse: /quote Kremlin and /quote "White House" find
// what those institutions said, and not what a spokesman of theirs said.
func TestQuoteKremlinWhiteHouse(t *testing.T) {
	ix := Build([]*corpus.Document{doc("talks",
		"Dmitry Peskov, the Kremlin spokesman, spoke on Monday.",
		"“The talks were useful,” the Kremlin said in a statement.",
		"The White House said: “We will not comment on a leaked call.”",
		"“Nothing was agreed,” Peskov said.")})
	for _, tc := range []struct{ query, speaker, quote string }{
		{"Kremlin", "Kremlin", "The talks were useful,"},
		{"White House", "White House", "We will not comment on a leaked call."},
		{"Peskov", "Dmitry Peskov", "Nothing was agreed,"},
	} {
		res := ix.Lookup(tc.query, "")
		if res.Speaker != tc.speaker || len(res.Quotes) != 1 || res.Quotes[0].Text != tc.quote {
			t.Errorf("Lookup(%q) = %q %+v, want %q with only %q", tc.query, res.Speaker, res.Quotes, tc.speaker, tc.quote)
		}
	}
}

// TestBareSpeakers: a speaker named by one word the articles never
// complete is a person, unless the word is an acronym, a place the
// corpus writes after "in", a country or an outlet that "reported"; a given name alone is the one person of the
// article named in full with it.
func TestBareSpeakers(t *testing.T) {
	ix := Build([]*corpus.Document{
		doc("rally",
			"Supporters gathered in Russia and in Ohio on Monday.",
			"“I came for the music,” Labbot said.",
			"“The vote was fair,” CNN reported.",
			"“Pyongyang must stop,” Russia insisted.",
			"“The test was reckless,” Japan said.",
			"“The levy failed,” Axios reported. “It was close,” Axios added.",
			"Hillary Clinton spoke last. “We will win,” Hillary said.",
			"“The senator is a bomb-thrower,” Politico reported.",
			"Critics disagreed. “The levy is unfair,” Critics said."),
	})
	for _, tc := range []struct {
		quote, speaker string
		institution    bool
	}{
		{"I came for the music,", "Labbot", false},
		{"The vote was fair,", "CNN", true},
		{"Pyongyang must stop,", "Russia", true},
		{"The test was reckless,", "Japan", true},
		{"It was close,", "Axios", true},
		{"We will win,", "Hillary Clinton", false},
		{"The senator is a bomb-thrower,", "Politico", true}, // a person noun in WordNet, capitalised mid-sentence
		{"The levy is unfair,", "", false},                   // a plural role noun is no one's name
	} {
		i := slices.IndexFunc(ix.All(), func(q Quote) bool { return q.Text == tc.quote })
		if i < 0 {
			t.Fatalf("%q not found", tc.quote)
		}
		if got := ix.All()[i].Speaker; got != tc.speaker {
			t.Errorf("speaker of %q = %q, want %q", tc.quote, got, tc.speaker)
			continue
		}
		if tc.speaker == "" {
			continue
		}
		j := slices.IndexFunc(ix.Speakers(), func(s Speaker) bool { return s.Name == tc.speaker })
		if j < 0 || ix.Speakers()[j].Institution != tc.institution {
			t.Errorf("speaker %q: want institution=%v in %+v", tc.speaker, tc.institution, ix.Speakers())
		}
	}
}

// TestCountryAbbreviations: a country abbreviated as headlines write it
// ("N. Korea") is no one's name, so the country's quotation goes to the
// country, not to a person named Korea.
func TestCountryAbbreviations(t *testing.T) {
	ix := Build([]*corpus.Document{doc("t", "World leaders denounce N. Korea test; Obama vows consequences.",
		"South Korea accused the North's leader of “fanatic recklessness.”",
		"“We will not accept North Korea as a nuclear state,” Obama said.")})
	for _, s := range ix.Speakers() {
		if strings.Contains(s.Name, "Korea") && (!s.Institution || s.Name != "South Korea") {
			t.Errorf("speaker %+v: a country read as a person", s)
		}
	}
	if got := attributions(doc("t", "World leaders denounce N. Korea test.", "South Korea accused the North's leader of “fanatic recklessness.”"))["fanatic recklessness."]; got != "South Korea" {
		t.Errorf("speaker of the country's words = %q, want South Korea", got)
	}
}

// TestItsInstitution: "it" as the subject of a speech verb is the
// institution that opens the sentence as its subject, when no other
// institution is named before it; a person never takes it.
func TestItsInstitution(t *testing.T) {
	runAttrCases(t, []attrCase{
		{"what it called", []string{"The Kremlin met on Friday.", "The Kremlin condemned what it called “a provocation.”"},
			"a provocation.", "Kremlin", RuleNaming},
		{"a person is no it", []string{intro, "Kowalski condemned what it called “a provocation.”"},
			"a provocation.", "", ""},
		{"two institutions", []string{"The Kremlin met the State Department.", "The Kremlin asked the State Department about what it called “a provocation.”"},
			"a provocation.", "", ""},
	})
}
