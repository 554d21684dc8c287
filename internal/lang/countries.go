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
// A name opened by a compass point is also kept with its initial alone, as
// headlines abbreviate it ("N. Korea", "S. Sudan"), folded like any word:
// "n korea".
func countryNames() WordSet {
	names := display.English.Regions()
	// the compass points that open the names headlines abbreviate
	compassPoints := NewWordSet("north south east west")
	m := map[string]struct{}{}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			r, err := language.ParseRegion(string([]rune{a, b}))
			if err != nil || !r.IsCountry() {
				continue
			}
			if n := strings.ToLower(names.Name(r)); n != "" {
				ws := strings.Fields(n)
				m[strings.Join(ws, " ")] = struct{}{}
				if len(ws) > 1 && compassPoints.Has(ws[0]) {
					// "N. Korea", folded as words are: "n korea"
					m[ws[0][:1]+" "+strings.Join(ws[1:], " ")] = struct{}{}
				}
			}
		}
	}
	return WordSet{m: m}
}
