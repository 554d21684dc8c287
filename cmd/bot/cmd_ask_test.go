package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"dossier/internal/testcorpus"
)

// runAsk runs `bot ask` over the seed corpus with the given environment.
func runAsk(t *testing.T, env map[string]string, args ...string) (code int, out, errOut string) {
	t.Helper()
	var o, e bytes.Buffer
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	full := append([]string{"ask", "--corpus", testcorpus.SeedDir(t), "--data", t.TempDir()}, args...)
	code = run(context.Background(), full, stdio{strings.NewReader(""), &o, &e}, lookup)
	return code, o.String(), e.String()
}

var sourceLine = regexp.MustCompile(`^\[\d+\] .+ \((\d{4}-\d{2}-\d{2}|undated)\), \S.*$`)

func TestAskPrintsAnswerThenSources(t *testing.T) {
	code, out, errOut := runAsk(t, nil, "who leaked the call")
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	answer, sources, ok := strings.Cut(strings.TrimRight(out, "\n"), "\n\n")
	if !ok || !strings.Contains(answer, "[1]") {
		t.Fatalf("output:\n%s\nwant the answer with markers, a blank line, then the sources", out)
	}
	for i, line := range strings.Split(sources, "\n") {
		if !sourceLine.MatchString(line) || !strings.HasPrefix(line, fmt.Sprintf("[%d] ", i+1)) {
			t.Errorf("source line %d = %q, want \"[%d] Title (date), passage\"", i+1, line, i+1)
		}
	}
}

func TestAskJSONShape(t *testing.T) {
	code, out, errOut := runAsk(t, nil, "--json", "When did the Witkoff-Ushakov call take place?")
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	assertKeys(t, "answer", v, "question", "answer", "abstained", "mode", "citations")
	if v["mode"] != "extractive" || v["abstained"] != false || v["question"] != "When did the Witkoff-Ushakov call take place?" {
		t.Errorf("mode %v abstained %v question %v", v["mode"], v["abstained"], v["question"])
	}
	cites, _ := v["citations"].([]any)
	if len(cites) == 0 {
		t.Fatalf("citations = %v, want some", v["citations"])
	}
	for _, c := range cites {
		assertKeys(t, "citation", c.(map[string]any), "n", "doc", "title", "date", "url", "chunk", "text")
	}
}

func TestAskJSONAbstention(t *testing.T) {
	_, out, _ := runAsk(t, nil, "--json", "What is the capital of Australia?")
	var v struct {
		Answer    string
		Abstained bool
		Citations []any
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if !v.Abstained || v.Citations == nil || strings.Contains(v.Answer, "[") {
		t.Errorf("got %+v, want an abstention with a citations array and no markers", v)
	}
}

func assertKeys(t *testing.T, what string, v map[string]any, keys ...string) {
	t.Helper()
	var got []string
	for k := range v {
		got = append(got, k)
	}
	slices.Sort(got)
	slices.Sort(keys)
	if !slices.Equal(got, keys) {
		t.Errorf("%s keys = %v, want %v", what, got, keys)
	}
}

// TestAskUsesConfiguredModel: with OPENAI_BASE_URL set, ask goes through the
// model, and falls back to extractive when the model fails.
func TestAskUsesConfiguredModel(t *testing.T) {
	for _, tt := range []struct {
		status int
		body   string
		mode   string
	}{
		{http.StatusOK, `{"id":"1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Bloomberg published the transcript [1]."},"finish_reason":"stop"}]}`, "llm"},
		{http.StatusBadRequest, `{"error":{"message":"no such model","type":"invalid_request_error"}}`, "llm-fallback"},
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/v1/chat/completions" {
				t.Errorf("request to %s, want /v1/chat/completions", r.URL.Path)
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(tt.status)
			fmt.Fprint(w, tt.body)
		}))
		env := map[string]string{"OPENAI_BASE_URL": srv.URL + "/v1", "EMBEDDER": "local", "CHAT_MODEL": "m"}
		code, out, errOut := runAsk(t, env, "--json", "Which outlet published the transcript of the call?")
		srv.Close()
		var v struct{ Mode string }
		if err := json.Unmarshal([]byte(out), &v); err != nil || code != 0 {
			t.Fatalf("exit %d, %v, stderr:\n%s", code, err, errOut)
		}
		if v.Mode != tt.mode {
			t.Errorf("status %d: mode = %q, want %q", tt.status, v.Mode, tt.mode)
		}
	}
}

func TestAskWithoutQuestion(t *testing.T) {
	code, _, errOut := runAsk(t, nil)
	if code != 1 || !strings.Contains(errOut, "give a question") {
		t.Errorf("exit %d, stderr %q: want 1 and a hint", code, errOut)
	}
}
