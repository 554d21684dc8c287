package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestTableIsFresh regenerates the cue forms from PolNeAR's train split
// when POLNEAR names a clone of networkdynamics/PolNeAR, with the flags of
// the go:generate line, and compares them with the committed table: the
// generator reads no table of its own, so it gives that file again.
func TestTableIsFresh(t *testing.T) {
	train := filepath.Join(os.Getenv("POLNEAR"), "data", "train")
	if _, err := os.Stat(filepath.Join(train, "attributions")); os.Getenv("POLNEAR") == "" || err != nil {
		t.Skip("set POLNEAR to a clone of networkdynamics/PolNeAR to check the table")
	}
	got, err := run(train, 2, 2, 0.6, 0.2)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../cueforms_table.go")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Error("internal/lang/cueforms_table.go is stale: run POLNEAR=<clone> go generate ./internal/lang")
	}
}

func TestVerbLike(t *testing.T) {
	for w, want := range map[string]bool{"thanked": true, "touts": true, "pondering": true, "boss": false, "said": false, "Obama": false} {
		if got := verbLike(w); got != want {
			t.Errorf("verbLike(%q) = %v, want %v", w, got, want)
		}
	}
}
