package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestTableIsFresh regenerates the table from WordNet and PolNeAR's train
// split, when both are at hand (WordNet: apt-get install wordnet-base;
// PolNeAR: POLNEAR names a clone of networkdynamics/PolNeAR), and compares
// it with the committed one, so that a changed rule cannot land without
// its table and the generator gives the same file from its own output.
func TestTableIsFresh(t *testing.T) {
	const dict = "/usr/share/wordnet"
	train := filepath.Join(os.Getenv("POLNEAR"), "data", "train")
	if _, err := os.Stat(filepath.Join(dict, "verb.exc")); err != nil {
		t.Skipf("WordNet is not installed under %s: %v", dict, err)
	}
	if _, err := os.Stat(filepath.Join(train, "corenlp")); os.Getenv("POLNEAR") == "" || err != nil {
		t.Skip("set POLNEAR to a clone of networkdynamics/PolNeAR to check the table")
	}
	got, err := run(dict, train, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../commverbs_table.go")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Error("internal/lang/commverbs_table.go is stale: run POLNEAR=<clone> go generate ./internal/lang")
	}
}

func TestHasAll(t *testing.T) {
	if !all([]int{32, 32}, 32) || all([]int{32, 31}, 32) || !has([]int{31, 32}, 32) || has([]int{31}, 32) {
		t.Error("all/has disagree with their definitions")
	}
}
