package lang

import "strings"

// inflect returns a regular verb's forms: the lemma, its third person
// singular, its -ing form and its past, or the irregular forms given
// instead of the past. doubled says whether the verb doubles its last
// consonant before -ed and -ing ("admit" → "admitted").
func inflect(lemma string, doubled bool, irregular []string) []string {
	n := len(lemma)
	stem := lemma
	if doubled {
		stem = lemma + lemma[n-1:]
	}
	consonantY := n > 1 && lemma[n-1] == 'y' && !isVowel(lemma[n-2])
	var s3, past, ing string
	switch {
	case strings.HasSuffix(lemma, "s") || strings.HasSuffix(lemma, "sh") ||
		strings.HasSuffix(lemma, "ch") || strings.HasSuffix(lemma, "x"):
		s3 = lemma + "es"
	case consonantY:
		s3 = lemma[:n-1] + "ies"
	default:
		s3 = lemma + "s"
	}
	switch {
	case strings.HasSuffix(lemma, "e"):
		past, ing = lemma+"d", lemma[:n-1]+"ing"
	case consonantY:
		past, ing = lemma[:n-1]+"ied", lemma+"ing"
	default:
		past, ing = stem+"ed", stem+"ing"
	}
	forms := []string{lemma, s3, ing}
	if len(irregular) > 0 {
		return append(forms, irregular...)
	}
	if doubled && strings.HasSuffix(lemma, "l") {
		// American spelling keeps one l: "labeled", "labeling".
		forms = append(forms, lemma+"ed", lemma+"ing")
	}
	return append(forms, past)
}

func isVowel(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }
