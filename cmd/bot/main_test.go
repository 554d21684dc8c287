package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"dossier/internal/testcorpus"
)

// noEnv is an environment with nothing set, so tests do not depend on the
// machine's variables.
func noEnv(string) (string, bool) { return "", false }

// stdio is where a test's command reads and writes.
type stdio struct {
	in       io.Reader
	out, err io.Writer
}

// run runs the command line through Main, as main does, with the given
// input, output and environment, and returns the exit code.
func run(ctx context.Context, args []string, io stdio, lookup func(string) (string, bool)) int {
	m := &Main{Stdin: io.in, Stdout: io.out, Stderr: io.err, LookupEnv: lookup}
	return m.Main(ctx, args)
}

// runBot runs the command line in-process and returns its exit code and
// output.
func runBot(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, stdio{strings.NewReader(""), &out, &errb}, noEnv)
	return code, out.String(), errb.String()
}

func keys(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func TestSearchJSON(t *testing.T) {
	data := t.TempDir()
	code, out, errOut := runBot(t, "search", "--json", "-k", "3", "--corpus", testcorpus.SeedDir(t), "--data", data, "who leaked the call")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if !reflect.DeepEqual(keys(got), []string{"query", "results"}) || got["query"] != "who leaked the call" {
		t.Fatalf("top level %v", got)
	}
	results := got["results"].([]any)
	if len(results) != 3 {
		t.Fatalf("got %d results, want 3", len(results))
	}
	want := []string{"chunk", "date", "doc", "rank", "score", "text", "title", "url"}
	for i, r := range results {
		m := r.(map[string]any)
		if !reflect.DeepEqual(keys(m), want) {
			t.Errorf("result %d keys %v, want %v", i, keys(m), want)
		}
		if m["rank"].(float64) != float64(i+1) || m["text"] == "" || !strings.HasPrefix(m["chunk"].(string), m["doc"].(string)+"#") {
			t.Errorf("result %d: %v", i, m)
		}
	}
	if _, err := os.Stat(filepath.Join(data, "index-local-v1-384.bin")); err != nil {
		t.Errorf("first run did not save the index: %v", err)
	}
}

func TestSearchAnswersFromLastGoodIndexWhenCorpusBreaks(t *testing.T) {
	dir, data := t.TempDir(), t.TempDir()
	testcorpus.CopyTo(t, testcorpus.Seed, dir)
	if code, _, errOut := runBot(t, "index", "--corpus", dir, "--data", data); code != 0 {
		t.Fatalf("index: exit %d: %s", code, errOut)
	}
	broken := filepath.Join(dir, "broken.md")
	os.WriteFile(broken, []byte("---\nid: x\ntitle oops\n---\nText."), 0o644)
	code, out, errOut := runBot(t, "search", "--corpus", dir, "--data", data, "Tomahawk")
	if code != 0 || !strings.Contains(out, "Tomahawk") {
		t.Fatalf("exit %d, output %q, stderr %q: want an answer from the last good index", code, out, errOut)
	}
	if !strings.Contains(errOut, broken) || !strings.Contains(errOut, "last good index") {
		t.Errorf("stderr %q does not explain the failed refresh naming %s", errOut, broken)
	}
}

func TestIndexReport(t *testing.T) {
	data := t.TempDir()
	code, out, errOut := runBot(t, "index", "--json", "--corpus", testcorpus.SeedDir(t), "--data", data)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var m map[string]any
	json.Unmarshal([]byte(out), &m)
	if m["articles"].(float64) != 5 || len(m["added"].([]any)) != 5 || m["chunks_embedded"] != m["chunks"] {
		t.Errorf("first index report: %s", out)
	}
	code, out, _ = runBot(t, "index", "--json", "--corpus", testcorpus.SeedDir(t), "--data", data)
	json.Unmarshal([]byte(out), &m)
	if code != 0 || m["embed_calls"].(float64) != 0 || len(m["added"].([]any)) != 0 {
		t.Errorf("second index report should show no work: %s", out)
	}
}

func TestCommandLineErrors(t *testing.T) {
	tests := []struct {
		args     []string
		wantCode int
		wantErr  string
	}{
		{[]string{"nonsense"}, 2, "unknown command"},
		{[]string{"search", "--corpus", testcorpus.SeedDir(t), "--data", "DATA"}, 1, "give a query"},
		{[]string{"search", "-k", "0", "--data", "DATA", "x"}, 1, "-k 0"},
		{[]string{"search", "--no-such-flag", "x"}, 2, "flag provided but not defined"},
		{[]string{"search", "--corpus", "/no/such/dir", "--data", "DATA", "x"}, 1, "/no/such/dir"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			for i, a := range tt.args {
				if a == "DATA" {
					tt.args[i] = t.TempDir()
				}
			}
			code, _, errOut := runBot(t, tt.args...)
			if code != tt.wantCode || !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", code, errOut, tt.wantCode, tt.wantErr)
			}
		})
	}
}
