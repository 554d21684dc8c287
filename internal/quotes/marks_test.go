package quotes

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func quoteTexts(paras []string, spans []span) []string {
	var out []string
	for _, s := range spans {
		out = append(out, paras[s.para][s.start:s.end])
	}
	return out
}

func TestFindQuotes(t *testing.T) {
	tests := []struct {
		name  string
		paras []string
		want  []string
	}{
		{"curly", []string{"The mayor called it “fake” twice."}, []string{"fake"}},
		{"straight", []string{`"It works," she said.`}, []string{"It works,"}},
		{"several in one paragraph", []string{"“One,” he said. “Two.”"}, []string{"One,", "Two."}},
		{"nested single quotes stay inside", []string{"“He told me, ‘never again,’ and left,” she said."}, []string{"He told me, ‘never again,’ and left,"}},
		{"nested straight single quotes", []string{`"He said 'no' to me," she said.`}, []string{"He said 'no' to me,"}},
		{"single curly quotes at top level", []string{"The so-called ‘peace plan’ failed."}, []string{"peace plan"}},
		{"apostrophes are not quotes", []string{"The mayor’s plan and the officials’ view, ’90s style."}, nil},
		{"low-9 marks", []string{"Er sagte „nein“ dazu."}, []string{"nein"}},
		{"guillemets", []string{"Il a dit «non» hier."}, []string{"non"}},
		{"empty quotes are skipped", []string{"He said “” and “ ” then “yes”."}, []string{"yes"}},
		{"stray closing mark is text", []string{"A 12” screen and “ok”."}, []string{"ok"}},
		{"unclosed runs to the paragraph end", []string{"She said “we will win. "}, []string{"we will win."}},
		{"curly opened, straight closed", []string{`“Deals are no requirement," Smith said.`}, []string{"Deals are no requirement,"}},
		{"straight opened, curly closed", []string{`"Deals are no requirement,” Smith said.`}, []string{"Deals are no requirement,"}},
		{"straight opened, curly closed, straight later", []string{`"No deal,” said Ann Lee. "He is wrong."`}, []string{"No deal,", "He is wrong."}},
		{"curly opening mark typed to close", []string{"He blasted “Frozen“ and the books for being “pro-gay,“ said Kevin Swanson."}, []string{"Frozen", "pro-gay,"}},
		{"stray straight mark before a curly quotation", []string{`"Trump walked onto the stage, chanting “U-S-A! U-S-A!”`, "He spoke for an hour."}, []string{"U-S-A! U-S-A!"}},
		{"straight quotation carried on keeps its curly one", []string{`"The department isn’t about “Equal Justice” anymore.`, `"The latest example is a lawsuit," she said.`}, []string{"The department isn’t about “Equal Justice” anymore.", "The latest example is a lawsuit,"}},
		{"curly quotation inside a straight one", []string{`"Read the question: “Is it fair?” Yes," he said.`}, []string{"Read the question: “Is it fair?” Yes,"}},
		{"curly opened, straight closed, straight later", []string{`“They feel good," Obama said. "Or not."`}, []string{"They feel good,", "Or not."}},
		{"straight quotation inside a curly one", []string{`“He said "no" to me,” she said.`}, []string{`He said "no" to me,`}},
		{"unclosed straight quotation with a curly one inside", []string{`"The department isn’t about “Equal Justice” anymore. It is about power.`}, []string{"The department isn’t about “Equal Justice” anymore. It is about power."}},
		{"closing mark typed to open a line", []string{"”Fear. I am afraid.” ― Ann Lee\n”Hope.” ― Tom Roe"}, []string{"Fear. I am afraid.", "Hope."}},
		{"closing mark typed to open after a direction mark", []string{"\u202a”This is why,” said John Roe."}, []string{"This is why,"}},
		{"closing mark at a line start with no close is text", []string{"”Fear and hope"}, nil},
		{"curly opening mark inside nests", []string{"“He called it “fake” twice,” she said."}, []string{"He called it “fake” twice,"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := quoteTexts(tt.paras, findQuotes(tt.paras))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// A quotation of several paragraphs opens each with a mark and closes only
// the last; the parts are marked so attribution can be shared.
func TestFindQuotesAcrossParagraphs(t *testing.T) {
	paras := []string{
		"“We will rebuild the bridge.",
		"“It will take two years,” Kowalski said.",
		"Nobody asked about “costs.”",
	}
	spans := findQuotes(paras)
	if got, want := quoteTexts(paras, spans), []string{"We will rebuild the bridge.", "It will take two years,", "costs."}; !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	if !spans[0].unclosed || spans[0].continued {
		t.Errorf("first part: unclosed %v continued %v, want true false", spans[0].unclosed, spans[0].continued)
	}
	if spans[1].unclosed || !spans[1].continued {
		t.Errorf("second part: unclosed %v continued %v, want false true", spans[1].unclosed, spans[1].continued)
	}
	if spans[2].continued {
		t.Error("a quotation after a closed one is not a continuation")
	}
}

// FuzzFindQuotes: never panics; every span lies inside its paragraph, in
// order, with its text between its marks and holding a word.
func FuzzFindQuotes(f *testing.F) {
	for _, s := range []string{
		"“One,” he said. “Two.”", `"a" "b`, "‘x’ ’y‘", "„a“ «b» «c", "“a ‘b’ c”", "\xff“\xfe”", "“", "”“",
	} {
		f.Add(s, "“continued,” she said.")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		paras := []string{a, b}
		prevEnd := map[int]int{}
		for _, s := range findQuotes(paras) {
			p := paras[s.para]
			if !(0 <= s.open && s.open <= s.start && s.start < s.end && s.end <= s.close && s.close <= len(p)) {
				t.Fatalf("span %+v out of order or outside paragraph of %d bytes", s, len(p))
			}
			if s.open < prevEnd[s.para] {
				t.Fatalf("span %+v overlaps the previous one", s)
			}
			prevEnd[s.para] = s.close
			if !hasWordRune(p[s.start:s.end]) {
				t.Fatalf("span text %q has no word", p[s.start:s.end])
			}
			if utf8.ValidString(p) && !utf8.ValidString(p[s.start:s.end]) {
				t.Fatalf("span %+v cuts a character", s)
			}
			if strings.TrimSpace(p[s.start:s.end]) != p[s.start:s.end] {
				t.Fatalf("span text %q not trimmed", p[s.start:s.end])
			}
		}
	})
}
