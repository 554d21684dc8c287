package answer

import (
	"fmt"
	"strconv"
	"strings"
)

// marker is one citation marker in a text: "[3]", or a list a model may
// write, "[1, 3]" or "[2-4]".
type marker struct {
	start, end int   // byte offsets of the brackets
	nums       []int // the passage numbers it names, in order
}

// maxMarkerNum bounds the numbers read from a marker; no answer cites more
// passages than this.
const maxMarkerNum = 999

// findMarkers returns the citation markers of text in order. A bracket
// holding anything but numbers, commas, semicolons, dashes and spaces
// ("[Trump]") is not a marker.
func findMarkers(text string) []marker {
	var out []marker
	for i := 0; i < len(text); i++ {
		if text[i] != '[' {
			continue
		}
		j := strings.IndexByte(text[i+1:], ']')
		if j < 0 {
			break
		}
		if nums, ok := parseMarker(text[i+1 : i+1+j]); ok {
			out = append(out, marker{start: i, end: i + j + 2, nums: nums})
			i += j + 1
		}
	}
	return out
}

// parseMarker reads the inside of a bracket: numbers separated by commas or
// semicolons, or ranges "2-4" (en dash too).
func parseMarker(s string) ([]int, bool) {
	// Spaces do not count towards the limit, so tidying them cannot turn a
	// bracket into a marker.
	if compact := strings.Join(strings.Fields(s), ""); compact == "" || len(compact) > 40 {
		return nil, false
	}
	var nums []int
	// Every item must be a number: "[1,,2]" is not a marker, so tidying
	// the spaces out of "[1, ,2]" cannot make one.
	for _, part := range strings.Split(strings.ReplaceAll(s, ";", ","), ",") {
		part = strings.TrimSpace(part)
		lo, hi, isRange := strings.Cut(strings.ReplaceAll(part, "–", "-"), "-")
		a, err := markerNum(lo)
		if err != nil {
			return nil, false
		}
		b := a
		if isRange {
			if b, err = markerNum(hi); err != nil || b < a || b-a > 20 {
				return nil, false
			}
		}
		for n := a; n <= b; n++ {
			nums = append(nums, n)
		}
	}
	return nums, len(nums) > 0
}

func markerNum(s string) (int, error) {
	s = strings.TrimSpace(s)
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > maxMarkerNum || s == "" || s[0] == '+' || s[0] == '-' {
		return 0, fmt.Errorf("not a passage number: %q", s)
	}
	return n, nil
}

// hasMarker reports whether text holds anything that reads as a citation
// marker. Corpus sentences that do (footnotes such as "[2]") are not
// quoted: their brackets would be taken for the answer's own.
func hasMarker(text string) bool { return len(findMarkers(text)) > 0 }

// renumber rewrites the markers of a model's answer: numbers that name no
// passage (outside 1..passages) are dropped, the rest renumbered in order
// of first use, each marker written as "[1][2]". It returns the new text
// and, for each new number, the passage it names (1-based), and how many
// numbers were dropped.
func renumber(text string, passages int) (out string, order []int, dropped int) {
	newNum := map[int]int{}
	var b, plain strings.Builder // plain: the model's text since the last marker written
	last := 0
	flush := func() {
		b.WriteString(unmark(plain.String()))
		plain.Reset()
	}
	for _, m := range findMarkers(text) {
		plain.WriteString(text[last:m.start])
		last = m.end
		written := map[int]bool{}
		for _, n := range m.nums {
			if n < 1 || n > passages {
				dropped++
				continue
			}
			if newNum[n] == 0 {
				order = append(order, n)
				newNum[n] = len(order)
			}
			if !written[newNum[n]] {
				written[newNum[n]] = true
				flush()
				fmt.Fprintf(&b, "[%d]", newNum[n])
			}
		}
	}
	plain.WriteString(text[last:])
	flush()
	return tidySpaces(b.String()), order, dropped
}

// unmark removes the brackets of anything in s that reads as a marker.
// The model's text holds none, but removing a dropped marker can join its
// neighbours into one: "[1[9]]" less "[9]" is "[1]".
func unmark(s string) string {
	for {
		ms := findMarkers(s)
		if len(ms) == 0 {
			return s
		}
		var b strings.Builder
		last := 0
		for _, m := range ms {
			b.WriteString(s[last:m.start])
			b.WriteString(s[m.start+1 : m.end-1])
			last = m.end
		}
		b.WriteString(s[last:])
		s = b.String()
	}
}

// tidySpaces removes the spaces a dropped marker leaves before
// punctuation or at line ends, and runs of spaces.
func tidySpaces(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		for strings.Contains(l, "  ") {
			l = strings.ReplaceAll(l, "  ", " ")
		}
		for _, p := range []string{".", ",", ";", ":", "!", "?"} {
			l = strings.ReplaceAll(l, " "+p, p)
		}
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}
