package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestTableIsFresh regenerates the table from the WordNet files, when they
// are installed (Debian: apt-get install wordnet-base), and compares it
// with the committed one, so a changed rule cannot land without its table.
func TestTableIsFresh(t *testing.T) {
	const dict = "/usr/share/wordnet"
	if _, err := os.Stat(filepath.Join(dict, "cntlist.rev")); err != nil {
		t.Skipf("WordNet is not installed under %s: %v", dict, err)
	}
	out := filepath.Join(t.TempDir(), "related.txt")
	if err := run(dict, out); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../related.txt")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Error("internal/lang/wordnet/related.txt is stale: run go generate ./internal/lang/wordnet")
	}
}

func TestPlainWord(t *testing.T) {
	for w, want := range map[string]bool{
		"leak": true, "give_notice": false, "Dmitriev": false, "dead-on": false, "a": false, "x2": false,
	} {
		if got := plainWord(w); got != want {
			t.Errorf("plainWord(%q) = %v, want %v", w, got, want)
		}
	}
}

func TestInflected(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"increase", "increased", true},
		{"care", "careful", true},
		{"direct", "direction", true},
		{"relate", "relation", true},
		{"produce", "producing", true},
		{"near", "nearly", true},
		{"quit", "quite", false},
		{"quite", "quits", false},
		{"author", "authorize", false},
		{"author", "authority", false},
		{"universe", "university", false},
	} {
		if got := inflected(tt.a, tt.b); got != tt.want {
			t.Errorf("inflected(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
