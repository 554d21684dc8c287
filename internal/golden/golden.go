// Package golden compares a test's output with a file under testdata and,
// when they differ, prints what changed as a line diff, not two walls of
// text. With update set (each package's -update flag) it rewrites the file
// first, so a deliberate change is one `go test -update` and a review of
// `git diff`.
package golden

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Check compares got with the file at path, after writing got there when
// update is set.
func Check(t testing.TB, path, got string, update bool) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	// Compared line by line, the diff shows only the lines that changed.
	if diff := cmp.Diff(strings.Split(string(want), "\n"), strings.Split(got, "\n")); diff != "" {
		t.Errorf("output differs from %s (-want +got); run go test -update after checking:\n%s", path, diff)
	}
}
