package brat

import (
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	const ann = "T1\tSource 0 11\tThe senator\n" +
		"T2\tCue 12 16\tsaid\n" +
		"T3\tContent 18 30;32 40\tsplit content\n" +
		"E1\tCue:T2 Source:T1 Content:T3\n" +
		"A1\tNegation E1\n" +
		"#1\tAnnotatorNotes T1\tnote\n"
	d, err := Parse(strings.NewReader(ann), 40)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Events) != 1 {
		t.Fatalf("events = %+v, want one", d.Events)
	}
	ev := d.Events[0]
	tests := []struct {
		role string
		want []Span
	}{
		{"Source", []Span{{0, 11}}},
		{"Cue", []Span{{12, 16}}},
		{"Content", []Span{{18, 30}, {32, 40}}},
		{"Missing", nil},
	}
	for _, tt := range tests {
		if got := d.Role(ev, tt.role); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Role(%s) = %v, want %v", tt.role, got, tt.want)
		}
	}
	if d.Types["T3"] != "Content" {
		t.Errorf("Types[T3] = %q, want Content", d.Types["T3"])
	}
}

// A bad line is named in the error while the rest of the file is kept.
func TestParseKeepsWhatItCanRead(t *testing.T) {
	const ann = "T1\tSource 0 5\tabcde\n" +
		"T2\tCue 3 99\ttoo far\n" +
		"T3\tCue x 4\tnot a number\n" +
		"E1\tCue:T2 Source:T1 broken\n"
	d, err := Parse(strings.NewReader(ann), 10)
	if err == nil {
		t.Fatal("no error for three bad lines")
	}
	for _, want := range []string{"line 2 (T2)", "outside the text's 10 characters", "line 3 (T3)", "line 4 (E1)"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if got := d.Spans["T1"]; !reflect.DeepEqual(got, []Span{{0, 5}}) {
		t.Errorf("T1 = %v, want kept", got)
	}
	if len(d.Events) != 1 || len(d.Events[0].Args) != 2 {
		t.Errorf("event = %+v, want its two good arguments", d.Events)
	}
}

func FuzzParse(f *testing.F) {
	f.Add("T1\tSource 0 5\tabcde\nE1\tSource:T1 Cue:T2\n", 10)
	f.Add("T1\tX 3 1;a b\n\t\nE\n", 4)
	f.Fuzz(func(t *testing.T, ann string, n int) {
		d, _ := Parse(strings.NewReader(ann), n)
		for id, spans := range d.Spans {
			for _, s := range spans {
				if s.Start < 0 || s.End < s.Start || s.End > n {
					t.Fatalf("%s kept span %v outside [0, %d]", id, s, n)
				}
			}
		}
	})
}
