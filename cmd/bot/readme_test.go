package main

import (
	"bytes"
	"flag"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"dossier/internal/testcorpus"
)

var updateReadme = flag.Bool("readme.update", false, "rewrite the README's console samples with what the console prints")

// readmePath is the README whose samples TestReadmeSamplesMatchTheConsole checks.
const readmePath = "../../README.md"

// consoleSample matches a fenced ```text block, indented or not, whose
// first line is a command as the console echoes it ("> /ask …").
var consoleSample = regexp.MustCompile("(?m)^( *)```text\n((?:.*\n)*?)( *)```$")

// tookRE is the time a reload took, which differs from run to run.
var tookRE = regexp.MustCompile(`Took: [0-9.]+(?:ns|µs|ms|s|m[0-9.]+s)`)

// TestReadmeSamplesMatchTheConsole: every console sample in README.md is
// what the console prints for its commands on the frozen seed story
// (internal/testcorpus), so the README shows what is sent. Rewrite them
// with `go test ./cmd/bot -run TestReadmeSamples -readme.update` after
// checking the diff.
func TestReadmeSamplesMatchTheConsole(t *testing.T) {
	readme, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	samples := 0
	updated := consoleSample.ReplaceAllStringFunc(string(readme), func(block string) string {
		m := consoleSample.FindStringSubmatch(block)
		indent, body := m[1], unindent(m[2], m[1])
		if !strings.HasPrefix(body, "> /") {
			return block
		}
		samples++
		var cmds []string
		for _, line := range strings.Split(body, "\n") {
			if strings.HasPrefix(line, "> /") {
				cmds = append(cmds, strings.TrimPrefix(line, "> "))
			}
		}
		got := consoleTranscript(t, cmds)
		if *updateReadme {
			return indent + "```text\n" + reindent(got, indent) + indent + "```"
		}
		// Compared line by line, the diff shows only the lines that changed.
		if diff := cmp.Diff(strings.Split(norm(body), "\n"), strings.Split(norm(got), "\n")); diff != "" {
			t.Errorf("README sample of %q differs from what the console prints (-README +console); go test ./cmd/bot -run TestReadmeSamples -readme.update rewrites it:\n%s", cmds, diff)
		}
		return block
	})
	if samples < 5 {
		t.Errorf("found %d console samples in the README, want the /ask, /quote, /sources, /reload and /article samples", samples)
	}
	if *updateReadme && updated != string(readme) {
		if err := os.WriteFile(readmePath, []byte(updated), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Log("README samples rewritten")
	}
}

// consoleTranscript runs commands at the console over the seed story.
func consoleTranscript(t *testing.T, cmds []string) string {
	t.Helper()
	var out, errb bytes.Buffer
	in := strings.Join(cmds, "\n") + "\n"
	code := run(t.Context(), []string{"console"}, stdio{strings.NewReader(in), &out, &errb},
		env("CORPUS_DIR", testcorpus.SeedDir(t), "DATA_DIR", t.TempDir()))
	if code != 0 {
		t.Fatalf("console exit %d: %s", code, errb.String())
	}
	return strings.TrimRight(out.String(), "\n") + "\n"
}

func norm(s string) string {
	return tookRE.ReplaceAllString(strings.TrimRight(s, "\n"), "Took: …")
}

func unindent(s, indent string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, indent)
	}
	return strings.Join(lines, "\n")
}

func reindent(s, indent string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = indent + l
		}
	}
	return strings.Join(lines, "\n") + "\n"
}
