package lang

import (
	"strings"

	"golang.org/x/text/language"
)

// IsLanguageCode reports whether s, in any case, is an ISO 639-1 language
// code ("en", "UK") or the ISO 639-2 code of such a language ("eng",
// "ukr"), as language switchers on web pages print them. The registry is
// x/text's copy of IANA's, so no list is kept here. Three-letter codes of
// languages with no two-letter code ("the", "and" are such codes) are not
// accepted: on a web page they are words.
func IsLanguageCode(s string) bool {
	if n := len(s); n != 2 && n != 3 {
		return false
	}
	b, err := language.ParseBase(strings.ToLower(s))
	return err == nil && len(b.String()) == 2
}

// IsRegionCode reports whether s, in any case, is an ISO 3166-1 alpha-2
// region code ("UA", "de"): some switchers show a country for its
// language.
func IsRegionCode(s string) bool {
	if len(s) != 2 {
		return false
	}
	r, err := language.ParseRegion(strings.ToUpper(s))
	return err == nil && r.IsCountry()
}
