package quotes

import (
	"strings"
	"testing"
)

// TestListsHaveNoDuplicates checks that no word list of this package
// writes a word twice (a duplicate is harmless to a set but says the list
// was not read as a whole).
func TestListsHaveNoDuplicates(t *testing.T) {
	for name, list := range map[string]string{
		"fillerWords":       fillerWords,
		"ingAdjectiveWords": ingAdjectiveWords,
	} {
		seen := map[string]bool{}
		for _, w := range strings.Fields(list) {
			if seen[w] {
				t.Errorf("%s lists %q twice", name, w)
			}
			seen[w] = true
		}
	}
}
