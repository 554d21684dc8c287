package articles

import (
	"slices"
	"strings"
	"unicode"

	"dossier/internal/corpus"
)

// Near-duplicate detection compares articles by their word shingles: every
// run of ShingleWords consecutive words. Two reports of the same story by
// different reporters share names and a few quotations, but rarely five
// words in a row outside those quotations; the same wire story republished
// by another site shares nearly all of them, whatever the site trimmed or
// added around it.
const (
	// ShingleWords is the length of a shingle. Five words is the usual
	// choice for news (Broder's shingling); shorter shingles match common
	// phrases ("the White House said that"), longer ones miss light edits.
	ShingleWords = 5
	// DuplicateContainment is the share of the shorter article's shingles
	// that the longer one must hold for the two to be near-duplicates.
	// Measured on the test articles (three stories: the 5 seeds, the 6
	// articles of testcorpus's second story and 2 of a third;
	// TestSeedsAreNotDuplicates): the most any two different reports share
	// is 0.09, from quotations they repeat. A wire story cut by a site to its
	// first two thirds and given another intro and sign-off
	// (TestWireCopyIsDuplicate, each of the 13 test articles) shares at
	// least 0.72. 0.5 sits in the gap between 0.09 and 0.72; a false alarm
	// costs a moderator one "Keep anyway" press, a miss serves a story twice.
	DuplicateContainment = 0.5
)

// Match is an article already served that a new one resembles.
type Match struct {
	ID, Title string
	// Containment is the share of the shorter article's shingles found in
	// the longer, 0 to 1; 1 also when both have the same URL.
	Containment float64
	SameURL     bool
}

// shingles returns the sorted, distinct hashes of a text's word n-grams.
func shingles(paragraphs []string) []uint64 {
	var words []string
	for _, p := range paragraphs {
		words = append(words, strings.FieldsFunc(strings.ToLower(p), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		})...)
	}
	var out []uint64
	for i := 0; i+ShingleWords <= len(words); i++ {
		out = append(out, hash(words[i:i+ShingleWords]))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// hash is FNV-1a over the words, each followed by a zero byte so that word
// boundaries count.
func hash(words []string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for _, w := range words {
		for i := 0; i < len(w); i++ {
			h ^= uint64(w[i])
			h *= prime
		}
		h *= prime // xor with the zero byte is a no-op; the multiply is not
	}
	return h
}

// containment is |a ∩ b| / min(|a|, |b|) for sorted, distinct a and b.
func containment(a, b []uint64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return float64(n) / float64(min(len(a), len(b)))
}

// shingleCache keeps the shingles of the articles served, by content hash,
// so that checking a new article does not shingle the whole corpus again.
type shingleCache map[string][]uint64

// of returns the shingles of d, computed once per content.
func (c shingleCache) of(d *corpus.Document) []uint64 {
	key := d.Hash()
	s, ok := c[key]
	if !ok {
		s = shingles(d.Paragraphs)
		c[key] = s
	}
	return s
}

// keep forgets every article not in docs.
func (c shingleCache) keep(docs []*corpus.Document) {
	live := map[string]bool{}
	for _, d := range docs {
		live[d.Hash()] = true
	}
	for k := range c {
		if !live[k] {
			delete(c, k)
		}
	}
}

// nearestDuplicate returns the served article that the new text (with its
// URL) duplicates most, or nil when none reaches DuplicateContainment.
func nearestDuplicate(paragraphs []string, url string, docs []*corpus.Document, cache shingleCache) *Match {
	if cache == nil {
		cache = shingleCache{}
	}
	mine := shingles(paragraphs)
	var best *Match
	for _, d := range docs {
		m := Match{ID: d.ID, Title: d.Title}
		if url != "" && d.URL != "" && sameURL(url, d.URL) {
			m.SameURL, m.Containment = true, 1
		} else {
			m.Containment = containment(mine, cache.of(d))
		}
		if m.Containment >= DuplicateContainment && (best == nil || m.Containment > best.Containment) {
			best = &m
		}
	}
	return best
}

// sameURL compares URLs ignoring the scheme, a "www." and a trailing slash.
func sameURL(a, b string) bool {
	norm := func(s string) string {
		s = strings.ToLower(s)
		s = strings.TrimPrefix(strings.TrimPrefix(s, "https://"), "http://")
		s = strings.TrimPrefix(s, "www.")
		return strings.TrimRight(s, "/")
	}
	return norm(a) == norm(b)
}
