package wndb

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// Lines in WordNet 3.0's format: a licence line, then "leak" with two
// pointer symbols, three senses (one tagged in SemCor).
const index = `  1 This software and database is being provided to you, the LICENSEE, by
leak v 3 2 @ ~ 3 1 00000063 00000000 00000099
`

func TestReadIndex(t *testing.T) {
	path := filepath.Join(t.TempDir(), "index.verb")
	if err := os.WriteFile(path, []byte(index), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadIndex(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []Lemma{{Word: "leak", Offsets: []string{"00000063", "00000000", "00000099"}, Tagged: 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadIndex = %+v, want %+v", got, want)
	}

	bad := filepath.Join(t.TempDir(), "index.noun")
	if err := os.WriteFile(bad, []byte("leak n 9 0 1 1 00000001\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadIndex(bad); err == nil || !strings.Contains(err.Error(), "index.noun:1") {
		t.Errorf("a line with fewer offsets than it counts: err %v, want one naming index.noun:1", err)
	}
}

func TestSynset(t *testing.T) {
	d := Data("00000000 32 v 01 leak 0 000 | tell anonymously\n00000047 18 n 01 leaker 0 000 | one who leaks\n")
	lex, err := d.LexFile("00000047")
	if err != nil || lex != 18 {
		t.Errorf("LexFile(00000047) = %d, %v; want 18", lex, err)
	}
	f, err := d.Synset("00000000")
	if err != nil || f[4] != "leak" {
		t.Errorf("Synset(00000000) = %q, %v; want the line of leak", f, err)
	}
	for _, off := range []string{"00000003", "99999999", "x"} {
		if _, err := d.Synset(off); err == nil {
			t.Errorf("Synset(%q): no error, want one", off)
		}
	}
}
