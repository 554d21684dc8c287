// Package brat reads brat standoff annotation files (.ann), the format in
// which annotated corpora such as PolNeAR give their attributions: text-
// bound annotations ("T3\tSource 10 24\tthe senator") mark spans of the
// text, and events ("E1\tCue:T5 Source:T3 Content:T4") link them by role.
//
// Offsets are counted in characters (Unicode code points) of the text, as
// brat counts them; callers that index bytes convert.
package brat

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Span is a character range [Start, End) of the annotated text.
type Span struct{ Start, End int }

// Arg is one argument of an event: the role it plays and the annotation
// that plays it.
type Arg struct{ Role, ID string }

// Event links annotations by role.
type Event struct {
	ID   string
	Args []Arg
}

// Doc is what a .ann file says about one text.
type Doc struct {
	// Spans are the spans of each text-bound annotation, by id ("T3"); a
	// discontinuous annotation has several.
	Spans map[string][]Span
	// Types are the types of the text-bound annotations ("Source").
	Types  map[string]string
	Events []Event
}

// Parse reads a .ann file for a text of textLen characters. It keeps every
// annotation it can read; the error, when not nil, names each line it could
// not (a span outside the text, an offset that is not a number), so a
// caller may refuse the file or go on without those lines. Lines of other
// kinds (relations, attributes, notes) are skipped: attributions do not use
// them.
func Parse(r io.Reader, textLen int) (*Doc, error) {
	d := &Doc{Spans: map[string][]Span{}, Types: map[string]string{}}
	var errs []error
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) < 2 || fields[0] == "" {
			continue
		}
		id := fields[0]
		switch id[0] {
		case 'T':
			typ, ranges, _ := strings.Cut(fields[1], " ")
			d.Types[id] = typ
			for _, rg := range strings.Split(ranges, ";") {
				s, err := parseSpan(rg, textLen)
				if err != nil {
					errs = append(errs, fmt.Errorf("line %d (%s): %w", n, id, err))
					continue
				}
				d.Spans[id] = append(d.Spans[id], s)
			}
		case 'E':
			ev := Event{ID: id}
			for _, a := range strings.Fields(fields[1]) {
				role, ref, ok := strings.Cut(a, ":")
				if !ok {
					errs = append(errs, fmt.Errorf("line %d (%s): argument %q has no role", n, id, a))
					continue
				}
				ev.Args = append(ev.Args, Arg{Role: role, ID: ref})
			}
			d.Events = append(d.Events, ev)
		}
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, err)
	}
	return d, errors.Join(errs...)
}

func parseSpan(rg string, textLen int) (Span, error) {
	a, b, _ := strings.Cut(rg, " ")
	s, err1 := strconv.Atoi(a)
	e, err2 := strconv.Atoi(b)
	if err1 != nil || err2 != nil {
		return Span{}, fmt.Errorf("span %q is not two numbers", rg)
	}
	if s < 0 || e < s || e > textLen {
		return Span{}, fmt.Errorf("span %q lies outside the text's %d characters", rg, textLen)
	}
	return Span{s, e}, nil
}

// Role returns the spans of the arguments of ev that play role, in order.
func (d *Doc) Role(ev Event, role string) []Span {
	var out []Span
	for _, a := range ev.Args {
		if a.Role == role {
			out = append(out, d.Spans[a.ID]...)
		}
	}
	return out
}
