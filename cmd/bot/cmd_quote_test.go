package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"dossier/internal/cli"
)

// quoteCorpus writes a one-article corpus and returns the flags that point
// a command at it.
func quoteCorpus(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	corpusDir := filepath.Join(dir, "articles")
	if err := os.Mkdir(corpusDir, 0o755); err != nil {
		t.Fatal(err)
	}
	article := "---\nid: harbour\ntitle: Harbour plan\ndate: 2024-05-02\n---\n" +
		"Mayor Anna Kowalski defended the harbour plan on Monday.\n\n" +
		"“The harbour will stay open to everyone,” Kowalski said. “Nobody loses access to the water.”\n\n" +
		"Port director José Núñez called the plan “a fair deal.”\n\n" +
		"The plan was described by some as a “land grab.”\n"
	if err := os.WriteFile(filepath.Join(corpusDir, "harbour.md"), []byte(article), 0o644); err != nil {
		t.Fatal(err)
	}
	return []string{"--corpus", corpusDir, "--data", filepath.Join(dir, "data")}
}

func TestQuoteJSON(t *testing.T) {
	flags := quoteCorpus(t)
	code, out, errOut := runBot(t, append(append([]string{"quote", "--json"}, flags...), "kowalsky", "water")...)
	if code != 0 {
		t.Fatalf("exit code %d, stderr: %s", code, errOut)
	}
	// The shape other tools read: exactly these keys.
	var raw map[string]any
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if got, want := keys(raw), []string{"query", "quotes", "speaker", "suggestions"}; !reflect.DeepEqual(got, want) {
		t.Errorf("top-level keys %v, want %v", got, want)
	}
	var res cli.Quotes
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Speaker != "Anna Kowalski" || res.Query != "kowalsky" {
		t.Errorf("speaker %q for query %q, want Anna Kowalski for kowalsky", res.Speaker, res.Query)
	}
	if len(res.Quotes) != 2 {
		t.Fatalf("got %d quotes, want 2: %+v", len(res.Quotes), res.Quotes)
	}
	// The topic "water" puts the quotation about the water first.
	if got, want := res.Quotes[0].Text, "Nobody loses access to the water."; got != want {
		t.Errorf("first quote %q, want %q", got, want)
	}
	src := res.Quotes[0].Sources[0]
	if src.Doc != "harbour" || src.Chunk != "harbour#1" || src.Date != "2024-05-02" || !strings.Contains(src.Context, "Kowalski said") {
		t.Errorf("source %+v, want doc harbour, chunk harbour#1, the date and the sentence with the attribution", src)
	}
	entry := raw["quotes"].([]any)[0].(map[string]any)
	if got, want := keys(entry), []string{"rule", "sources", "speaker", "text"}; !reflect.DeepEqual(got, want) {
		t.Errorf("quote keys %v, want %v", got, want)
	}
	source := entry["sources"].([]any)[0].(map[string]any)
	if got, want := keys(source), []string{"chunk", "context", "date", "doc", "title", "url"}; !reflect.DeepEqual(got, want) {
		t.Errorf("source keys %v, want %v", got, want)
	}
}

func TestQuoteSpeakerAndTopicWords(t *testing.T) {
	flags := quoteCorpus(t)
	code, out, _ := runBot(t, append(append([]string{"quote", "--json"}, flags...), "jose", "nunez", "deal")...)
	var res cli.Quotes
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != 0 {
		t.Fatalf("exit %d, %v: %s", code, err, out)
	}
	if res.Speaker != "José Núñez" || res.Query != "jose nunez" {
		t.Errorf("speaker %q for query %q, want José Núñez for \"jose nunez\"", res.Speaker, res.Query)
	}
}

func TestQuoteNoMatchSuggests(t *testing.T) {
	flags := quoteCorpus(t)
	code, out, _ := runBot(t, append(append([]string{"quote", "--json"}, flags...), "Smith")...)
	var res cli.Quotes
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != 0 {
		t.Fatalf("exit %d, %v: %s", code, err, out)
	}
	if res.Speaker != "" || len(res.Quotes) != 0 || len(res.Suggestions) == 0 {
		t.Errorf("got speaker %q, %d quotes, suggestions %v; want no speaker, no quotes, some suggestions", res.Speaker, len(res.Quotes), res.Suggestions)
	}
	if !strings.Contains(out, `"quotes": []`) {
		t.Errorf("quotes should be an empty list, not null:\n%s", out)
	}
	_, text, _ := runBot(t, append(append([]string{"quote"}, flags...), "Smith")...)
	if !strings.Contains(text, `No quoted speaker matches "Smith". Closest:`) {
		t.Errorf("text output %q, want the no-match sentence with suggestions", text)
	}
}

func TestQuoteAll(t *testing.T) {
	flags := quoteCorpus(t)
	code, out, _ := runBot(t, append([]string{"quote", "--all", "--json"}, flags...)...)
	var res cli.Quotes
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != 0 {
		t.Fatalf("exit %d, %v: %s", code, err, out)
	}
	var unattributed []string
	for _, q := range res.Quotes {
		if q.Speaker == "" {
			unattributed = append(unattributed, q.Text)
		}
	}
	if len(res.Quotes) != 4 || !reflect.DeepEqual(unattributed, []string{"land grab."}) {
		t.Errorf("got %d quotes, unattributed %q; want 4 with only \"land grab.\" unattributed", len(res.Quotes), unattributed)
	}
}

func TestSpeakers(t *testing.T) {
	flags := quoteCorpus(t)
	code, out, _ := runBot(t, append([]string{"speakers", "--json"}, flags...)...)
	var res cli.Speakers
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != 0 {
		t.Fatalf("exit %d, %v: %s", code, err, out)
	}
	want := []cli.Speaker{{Name: "Anna Kowalski", Quotes: 2}, {Name: "José Núñez", Quotes: 1}}
	if !reflect.DeepEqual(res.Speakers, want) {
		t.Errorf("speakers %+v, want %+v", res.Speakers, want)
	}
}

func TestQuoteUsageErrors(t *testing.T) {
	flags := quoteCorpus(t)
	for _, args := range [][]string{
		append([]string{"quote"}, flags...),
		append(append([]string{"quote", "--all"}, flags...), "Kowalski"),
		append(append([]string{"speakers"}, flags...), "extra"),
	} {
		code, _, errOut := runBot(t, args...)
		if code != 1 || errOut == "" {
			t.Errorf("%v: exit %d, stderr %q; want exit 1 with a message", args, code, errOut)
		}
	}
}

// TestQuoteExplain: --explain prints the rule that attributed each
// quotation under it.
func TestQuoteExplain(t *testing.T) {
	flags := quoteCorpus(t)
	code, out, _ := runBot(t, append(append([]string{"quote", "--explain"}, flags...), "Kowalski")...)
	if code != 0 || !strings.Contains(out, "“The harbour will stay open to everyone,”\n   rule: after\n") ||
		!strings.Contains(out, "“Nobody loses access to the water.”\n   rule: continues\n") {
		t.Errorf("exit %d, want each quotation followed by its rule (after, continues):\n%s", code, out)
	}
}
