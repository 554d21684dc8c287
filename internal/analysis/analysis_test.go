package analysis

import (
	"reflect"
	"testing"

	"dossier/internal/lang"
)

func TestTerms(t *testing.T) {
	a := New(lang.English())
	tests := []struct {
		in   string
		want []string
	}{
		{"Who leaked the call?", []string{"leak", "call"}},
		{"the leak", []string{"leak"}},
		{"Ushakov’s aide", []string{"ushakov", "aid"}},
		{"Ushakov's", []string{"ushakov"}},
		{"the deal-maker", []string{"deal", "maker", "dealmak"}},
		{"a dealmaker", []string{"dealmak"}},
		{"U.S. officials", []string{"us", "offici"}},
		{"tell us more", []string{"tell"}},
		{"Zelenskyy Ünal", []string{"zelenskyy", "unal"}},
		{"the 28-point plan", []string{"28", "point", "28point", "plan"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := a.Terms(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Terms(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokenizeOffsets(t *testing.T) {
	text := "“Ushakov’s” call, U.S.-brokered."
	for _, tok := range Tokenize(text) {
		if tok.Start < 0 || tok.End > len(text) || tok.Start >= tok.End {
			t.Fatalf("token %+v outside %q", tok, text)
		}
	}
	got := Tokenize(text)
	if got[0].Word != "ushakov" || text[got[0].Start:got[0].End] != "Ushakov’s" {
		t.Errorf("first token %+v (%q)", got[0], text[got[0].Start:got[0].End])
	}
	if got[2].Word != "us" || !got[2].Acronym {
		t.Errorf("third token %+v, want the acronym us", got[2])
	}
}

func FuzzTokenize(f *testing.F) {
	f.Add("U.S.-brokered deal-maker’s 3.5 a.b.c. ‘x’")
	f.Fuzz(func(t *testing.T, s string) {
		for _, tok := range Tokenize(s) {
			if tok.Start < 0 || tok.End > len(s) || tok.Start >= tok.End || tok.Word == "" {
				t.Fatalf("bad token %+v in %q", tok, s)
			}
		}
	})
}

func TestStripInvisible(t *testing.T) {
	for in, want := range map[string]string{
		"Ush\u200bakov":         "Ushakov",
		"\ufeffre\u00adopen":    "reopen",
		"who \u202eti\u202c?":   "who ti?",
		"plain text, “quoted”.": "plain text, “quoted”.",
	} {
		if got := StripInvisible(in); got != want {
			t.Errorf("StripInvisible(%q) = %q, want %q", in, got, want)
		}
	}
}
