// Package testcorpus gives tests their own stories, so that no test reads the
// corpus the bot serves (corpus/ at the top of the repository, which a
// moderator may replace with any other story at any time).
//
// The stories live in this package's testdata folder:
//
//   - seed: a frozen copy of the five seed articles (the leaked Witkoff call),
//     exactly as corpus/ held them when the tests were moved here;
//   - second: a story the team wrote for tests about something unrelated (a
//     river flood in the invented town of Velmora, with invented people,
//     bodies and places), over six days and in four house styles: wire
//     stories, web pages with their boilerplate, a Q&A interview and a plain
//     text file in the seeds' format. Its evaluation sets are in
//     internal/evalset. Every rule is tested on both stories.
//
// The functions return absolute directories, found from this source file's
// location, so a test in any package can call them whatever its working
// directory.
package testcorpus

import (
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// Story names, as they appear in test names and in the evaluation sets.
const (
	Seed   = "seed"
	Second = "second"
)

// Names lists every test story, the seed story first.
func Names() []string { return []string{Seed, Second} }

// Dir returns the absolute directory of the named story's articles. It fails
// the test when the story does not exist.
func Dir(tb testing.TB, name string) string {
	tb.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		tb.Fatal("testcorpus: cannot locate the package's source")
	}
	dir := filepath.Join(filepath.Dir(file), "testdata", name)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		tb.Fatalf("testcorpus: story %q: no directory %s", name, dir)
	}
	return dir
}

// SeedDir returns the directory of the frozen seed story.
func SeedDir(tb testing.TB) string {
	tb.Helper()
	return Dir(tb, Seed)
}

// SecondDir returns the directory of the second story, written for tests:
// the Velmora flood, in wire, web-page, interview and plain-text styles.
func SecondDir(tb testing.TB) string {
	tb.Helper()
	return Dir(tb, Second)
}

// Files returns the article files of the named story, sorted by name: its
// Markdown and text files but the README that describes the story (which
// the corpus loader skips too).
func Files(tb testing.TB, name string) []string {
	tb.Helper()
	dir := Dir(tb, name)
	var files []string
	for _, pattern := range []string{"*.md", "*.txt"} {
		m, err := filepath.Glob(filepath.Join(dir, pattern))
		if err != nil {
			tb.Fatal(err)
		}
		for _, f := range m {
			if !strings.EqualFold(filepath.Base(f), "README.md") {
				files = append(files, f)
			}
		}
	}
	if len(files) == 0 {
		tb.Fatalf("testcorpus: story %q has no articles in %s", name, dir)
	}
	sort.Strings(files)
	return files
}

// CopyTo copies the named story's articles into dir (created if needed), for
// tests that edit, add or remove articles, and returns dir.
func CopyTo(tb testing.TB, name, dir string) string {
	tb.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	for _, f := range Files(tb, name) {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}
