package lang

import (
	"strings"
	"testing"
	"time"
)

// TestListsHoldNoWordTwice: a word written twice in a list is a sign of a
// list grown by copying; every list of English is checked.
func TestListsHoldNoWordTwice(t *testing.T) {
	lists := map[string]string{
		"enStopWords": enStopWords, "enQuestionWords": enQuestionWords,
		"enAuxiliaries": enAuxiliaries, "enDeterminers": enDeterminers,
		"enIndefinites": enIndefinites, "enPrepositions": enPrepositions,
		"enSubordinators": enSubordinators, "enClauseBreaks": enClauseBreaks,
		"enRelatives": enRelatives, "enBackPronouns": enBackPronouns,
		"enSentenceStarters": enSentenceStarters, "enSentenceAdverbs": enSentenceAdverbs,
		"enWeekdays": enWeekdays, "enRelativeDays": enRelativeDays, "enPeriods": enPeriods,
		"enPeriodLeads": enPeriodLeads, "enDurationUnits": enDurationUnits,
		"enNumberWords": enNumberWords, "enTitleAbbrevs": enTitleAbbrevs,
		"enNumberedAbbrevs": enNumberedAbbrevs, "enHonorifics": enHonorifics,
		"enTitleWords": enTitleWords, "enCompoundPrefixes": enCompoundPrefixes,
		"enNameParticles": enNameParticles, "enNameSuffixes": enNameSuffixes,
		"enRoleNouns": enRoleNouns, "enRelationalNouns": enRelationalNouns,
		"enOrgWords": enOrgWords, "enMaleWords": enMaleWords, "enFemaleWords": enFemaleWords,
		"enDocumentNouns": enDocumentNouns, "enTitling": enTitling, "enIssueParticles": enIssueParticles, "enMannerOfSpeaking": enMannerOfSpeaking,
		"enSpeechLemmas": enSpeechLemmas, "enDoubling": enDoubling, "enNamingVerbs": enNamingVerbs,
		"enLocatives": enLocatives, "enEventVerbs": enEventVerbs, "enReactionVerbs": enReactionVerbs,
		"enNegations":     enNegations,
		"enDurationVerbs": enDurationVerbs, "enMeasureAdjectives": enMeasureAdjectives,
		"enFrequencyAdverbs": enFrequencyAdverbs, "enCountNouns": enCountNouns,
		"enMeasureNouns": enMeasureNouns, "enAttributionLeads": enAttributionLeads,
		"enMeasureUnits": enMeasureUnits, "enSpokesNouns": enSpokesNouns, "enTimeLeads": enTimeLeads,
		"enPlacePrepositions": enPlacePrepositions, "enContrastives": enContrastives, "enStanceVerbs": enStanceVerbs, "enDenials": enDenials, "enFrequencyWords": enFrequencyWords,
		"enUnknownPhrases": strings.Join(enUnknownPhrases, "|"), "enCauseMarkers": strings.Join(enCauseMarkers, "|"),
		"enNeutralSpeech": enNeutralSpeech,
	}
	for name, list := range lists {
		seen := map[string]bool{}
		words := strings.Fields(list)
		if strings.Contains(list, "|") { // a list of phrases
			words = strings.Split(list, "|")
		}
		for _, w := range words {
			if seen[w] {
				t.Errorf("%s holds %q twice", name, w)
			}
			if w != strings.ToLower(w) {
				t.Errorf("%s holds %q, not folded to lower case", name, w)
			}
			seen[w] = true
		}
	}
	seen := map[string]bool{}
	for _, names := range enMonths {
		for _, n := range names {
			if seen[n] {
				t.Errorf("enMonths holds %q twice", n)
			}
			seen[n] = true
		}
	}
	seen = map[string]bool{}
	for _, p := range append(enTitleExpansions, enAPTitleExpansions...) {
		if seen[p[0]] {
			t.Errorf("enTitleExpansions holds %q twice", p[0])
		}
		seen[p[0]] = true
	}
	forms := map[string]string{}
	for base, fs := range enIrregular {
		for _, f := range fs {
			if other, ok := forms[f]; ok {
				t.Errorf("irregular form %q given for both %q and %q", f, other, base)
			}
			forms[f] = base
		}
	}
}

func TestSpeechForms(t *testing.T) {
	en := English()
	tests := []struct {
		form, lemma string
	}{
		{"said", "say"}, {"says", "say"}, {"saying", "say"}, {"told", "tell"},
		{"wrote", "write"}, {"written", "write"}, {"insisted", "insist"},
		{"admitted", "admit"}, {"admitting", "admit"}, {"labeled", "label"},
		{"labelled", "label"}, {"denies", "deny"}, {"denied", "deny"},
		{"stresses", "stress"}, {"replied", "reply"}, {"noted", "note"}, {"noting", "note"},
	}
	for _, tt := range tests {
		got, ok := en.SpeechLemma(tt.form)
		if !ok || got != tt.lemma {
			t.Errorf("SpeechLemma(%q) = %q, %v, want %q", tt.form, got, ok, tt.lemma)
		}
	}
	for _, w := range []string{"sayed", "leak", "the", "telled"} {
		if en.IsSpeechVerb(w) {
			t.Errorf("IsSpeechVerb(%q) = true, want false", w)
		}
	}
}

func TestFacts(t *testing.T) {
	en := English()
	if m, ok := en.Month("sept"); !ok || m != time.September {
		t.Errorf("Month(sept) = %v, %v", m, ok)
	}
	if m, ok := en.Month("may"); !ok || m != time.May {
		t.Errorf("Month(may) = %v, %v", m, ok)
	}
	if en.IsMonth("monday") {
		t.Error("IsMonth(monday) = true")
	}
	if b, ok := en.BaseForm("met"); !ok || b != "meet" {
		t.Errorf("BaseForm(met) = %q, %v", b, ok)
	}
	if !en.IsStopWord("the") || en.IsStopWord("leak") {
		t.Error("stop words wrong for the/leak")
	}
	if got := en.Stem("leaked"); got != "leak" {
		t.Errorf("Stem(leaked) = %q", got)
	}
	if en.TitleExpansions["sen"] != "senator" {
		t.Errorf("TitleExpansions[sen] = %q", en.TitleExpansions["sen"])
	}
}

func TestCardinal(t *testing.T) {
	en := English()
	for in, want := range map[string]string{"4th": "4", "21st": "21", "2nd": "2", "3rd": "3", "north": "north", "th": "th", "14": "14"} {
		if got := en.Cardinal(in); got != want {
			t.Errorf("Cardinal(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFor(t *testing.T) {
	for _, code := range []string{"", "en", "EN", " en "} {
		if l, ok := For(code); !ok || l.Code != "en" {
			t.Errorf("For(%q) = %v, %v, want English", code, l, ok)
		}
	}
	for _, code := range []string{"fr", "ru", "xx"} {
		if _, ok := For(code); ok {
			t.Errorf("For(%q) found a language; the bot has only English", code)
		}
	}
}

func TestWordSetIsACopy(t *testing.T) {
	a := NewWordSet("x y")
	b := a.Union(NewWordSet("z"))
	if a.Has("z") || !b.Has("z") || !b.Has("x") || a.Len() != 2 || b.Len() != 3 {
		t.Errorf("Union changed its receiver or lost words: a=%v b=%v", a.Words(), b.Words())
	}
}

func TestCodes(t *testing.T) {
	tests := []struct {
		s            string
		lang, region bool
	}{
		{"en", true, false}, {"EN", true, false}, {"uk", true, true}, {"ukr", true, false},
		{"eng", true, false}, {"Ua", false, true}, {"the", false, false}, {"and", false, false},
		{"xx", false, false}, {"DE", true, true}, {"english", false, false}, {"", false, false},
	}
	for _, tt := range tests {
		if got := IsLanguageCode(tt.s); got != tt.lang {
			t.Errorf("IsLanguageCode(%q) = %v, want %v", tt.s, got, tt.lang)
		}
		if got := IsRegionCode(tt.s); got != tt.region {
			t.Errorf("IsRegionCode(%q) = %v, want %v", tt.s, got, tt.region)
		}
	}
}

// TestAPTitles: "Del." is a title that stands for a delegate and an
// abbreviation the splitter keeps.
func TestAPTitles(t *testing.T) {
	en := English()
	if en.TitleExpansions["del"] != "delegate" || !en.TitleAbbrevs.Has("del") || !en.TitleAbbrevs.Has("cpl") {
		t.Errorf("Del. missing: %q, %v", en.TitleExpansions["del"], en.TitleAbbrevs.Has("del"))
	}
}

// TestCountries: CLDR's English country names, one word or several,
// and those opened by a compass point with its initial alone ("N. Korea").
func TestCountries(t *testing.T) {
	l := English()
	for _, c := range []string{"japan", "china", "russia", "south korea", "n korea", "s sudan", "germany", "united states"} {
		if !l.Countries.Has(c) {
			t.Errorf("%q is no country", c)
		}
	}
	for _, w := range []string{"washington", "trump", "europe", "u states", "n", ""} {
		if l.Countries.Has(w) {
			t.Errorf("%q is a country", w)
		}
	}
}
