// Package wordnet holds a compact table of related English words taken from
// Princeton WordNet 3.0: for each Snowball stem, the stems of its synonyms in
// the senses people mostly mean, its derivationally related forms and its
// narrow verb hypernyms ("respond" → "react", "leak" → "leaker", "fire" →
// "dismiss", "remov"; "obtain" → "get"). It lets a question's words meet an
// article's when they say the same thing in other words.
//
// related.txt is generated at development time by ./gen from WordNet's
// database files (Debian package wordnet-base); its header gives the
// selection rule and its numbers. WordNet's licence is in LICENSE-WordNet.
package wordnet

import (
	_ "embed"
	"fmt"
	"strings"
)

//go:generate go run ./gen -dict /usr/share/wordnet -out related.txt

//go:embed related.txt
var related string

// Related parses the table into stem → related stems, each list sorted and
// without the stem itself. Every call parses anew (a few milliseconds);
// callers keep the result.
func Related() (map[string][]string, error) {
	return Parse(related)
}

// Parse reads a table in related.txt's format: lines starting with "#" are
// comments; every other line is a stem and its related stems, separated by
// spaces.
func Parse(text string) (map[string][]string, error) {
	m := make(map[string][]string, strings.Count(text, "\n"))
	n := 0
	for line := range strings.Lines(text) {
		n++
		line = strings.TrimRight(line, "\r\n")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 2 {
			return nil, fmt.Errorf("wordnet table line %d: a stem without related stems: %q", n, line)
		}
		if _, dup := m[f[0]]; dup {
			return nil, fmt.Errorf("wordnet table line %d: stem %q listed twice", n, f[0])
		}
		m[f[0]] = f[1:]
	}
	return m, nil
}
