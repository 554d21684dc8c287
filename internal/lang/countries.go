package lang

import (
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// countryNames returns the English names of the countries of ISO 3166-1
// as the Unicode CLDR writes them (golang.org/x/text/language/display), in
// lower case: "japan", "china", "south korea", "bosnia & herzegovina".
// Every two-letter code is tried; those CLDR knows as a country give a name.
func countryNames() WordSet {
	names := display.English.Regions()
	m := map[string]struct{}{}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			r, err := language.ParseRegion(string([]rune{a, b}))
			if err != nil || !r.IsCountry() {
				continue
			}
			if n := strings.ToLower(names.Name(r)); n != "" {
				m[strings.Join(strings.Fields(n), " ")] = struct{}{}
			}
		}
	}
	return WordSet{m: m}
}
