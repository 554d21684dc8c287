package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a testing.TB that keeps the failure instead of failing.
type recorder struct {
	testing.TB
	msg string
}

func (r *recorder) Helper()                   {}
func (r *recorder) Errorf(f string, a ...any) { r.msg = strings.TrimSpace(fmt.Sprintf(f, a...)) }

func TestCheckPrintsADiff(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.golden")
	os.WriteFile(path, []byte("one\ntwo\nthree\n"), 0o644)
	r := &recorder{TB: t}
	Check(r, path, "one\n2\nthree\n", false)
	if !hasLine(r.msg, "-", `"two",`) || !hasLine(r.msg, "+", `"2",`) {
		t.Errorf("failure does not show just the changed line as a diff:\n%s", r.msg)
	}
	r.msg = ""
	Check(r, path, "one\ntwo\nthree\n", false)
	if r.msg != "" {
		t.Errorf("same output reported as different: %s", r.msg)
	}
	Check(r, path, "new\n", true)
	if b, _ := os.ReadFile(path); string(b) != "new\n" || r.msg != "" {
		t.Errorf("update wrote %q (%s), want the new output", b, r.msg)
	}
}

// hasLine reports whether the diff has a line marked mark holding text.
// go-cmp varies its spacing on purpose, so spaces are not compared.
func hasLine(diff, mark, text string) bool {
	for _, l := range strings.Split(diff, "\n") {
		l = strings.TrimSpace(l)
		if rest, ok := strings.CutPrefix(l, mark); ok && strings.TrimSpace(rest) == text {
			return true
		}
	}
	return false
}
