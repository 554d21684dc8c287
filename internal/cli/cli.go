// Package cli is what the command line prints: the JSON shapes that other
// tools read (`bot ask --json`, `search`, `quote`, `speakers`) and the text
// a person reads. Each shape is built from the package that computed it
// and knows how to write itself as text; Write picks the form.
//
// The JSON field names are a contract: change them only with the tools
// that read them.
package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Texter is an output that can also be written for a person to read.
type Texter interface {
	WriteText(w io.Writer)
}

// Write prints v as indented JSON when asJSON is set, else as text.
func Write(w io.Writer, v Texter, asJSON bool) error {
	if asJSON {
		return WriteJSON(w, v)
	}
	v.WriteText(w)
	return nil
}

// WriteJSON prints v as indented JSON, the form of every --json output.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // articles are text, not HTML: keep "&" readable
	return enc.Encode(v)
}

// Stringer adapts a fmt.Stringer (a reload report, say) to Texter.
type Stringer struct{ fmt.Stringer }

// WriteText writes the string and a newline.
func (s Stringer) WriteText(w io.Writer) { fmt.Fprintln(w, s.String()) }

// MarshalJSON writes what is inside, not the wrapper.
func (s Stringer) MarshalJSON() ([]byte, error) { return json.Marshal(s.Stringer) }

// maxSourceRunes bounds a source line: a sentence fits; a model answer's
// cited chunk is cut short (--json gives it whole).
const maxSourceRunes = 300

// oneLine collapses white space and cuts s to n runes at a word boundary.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

func orUndated(date string) string {
	if date == "" {
		return "undated"
	}
	return date
}

func orUnattributed(s string) string {
	if s == "" {
		return "unattributed"
	}
	return s
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func indent(s string) string {
	return "   " + strings.ReplaceAll(s, "\n", "\n   ")
}
