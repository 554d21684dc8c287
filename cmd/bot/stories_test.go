package main

import (
	"encoding/json"
	"slices"
	"testing"

	"dossier/internal/evalset"
	"dossier/internal/testcorpus"
)

// TestEveryStoryEndToEnd runs the command line over each test story as a
// user would after putting that story's articles in the corpus: index it,
// ask a question its articles answer and one they do not, list a person's
// quotations. The questions come from the story's evaluation set.
func TestEveryStoryEndToEnd(t *testing.T) {
	tests := []struct {
		story                  string
		answerable, unanswered string // ids in the story's question set
		speakerQuery, speaker  string
		goldComplete           bool // the gold set lists every quotation of every article
	}{
		{testcorpus.Seed, "q02", "q16", "ushakov", "Yuri Ushakov", false},
		{testcorpus.Second, "s18", "s36", "vasko", "Irena Vasko", true},
	}
	for _, tt := range tests {
		t.Run(tt.story, func(t *testing.T) {
			dir, data := testcorpus.Dir(t, tt.story), t.TempDir()
			questions := map[string]evalset.Question{}
			for _, q := range evalset.StoryQuestions(tt.story) {
				questions[q.ID] = q
			}

			code, out, errOut := runBot(t, "index", "--json", "--corpus", dir, "--data", data)
			if code != 0 {
				t.Fatalf("index: exit %d: %s", code, errOut)
			}
			var rep struct {
				Articles       int      `json:"articles"`
				Added          []string `json:"added"`
				Chunks         int      `json:"chunks"`
				ChunksEmbedded int      `json:"chunks_embedded"`
			}
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatalf("index output is not JSON: %v\n%s", err, out)
			}
			if n := len(testcorpus.Files(t, tt.story)); rep.Articles != n || len(rep.Added) != n || rep.Chunks == 0 || rep.ChunksEmbedded != rep.Chunks {
				t.Errorf("index report %s, want %d articles added and every chunk embedded", out, n)
			}

			q := questions[tt.answerable]
			a := ask(t, dir, data, q.Question)
			if a.Abstained || len(a.Citations) == 0 {
				t.Fatalf("%s %q: abstained or no citations: %+v", q.ID, q.Question, a)
			}
			for _, group := range q.AnswerTerms {
				if !slices.ContainsFunc(group, func(term string) bool { return evalset.Contains(a.Answer, term) }) {
					t.Errorf("%s: answer %q holds none of %q", q.ID, a.Answer, group)
				}
			}
			if !slices.ContainsFunc(a.Citations, func(c citation) bool {
				return slices.ContainsFunc(q.Evidence, func(e string) bool { return evalset.Contains(c.Text, e) })
			}) {
				t.Errorf("%s: no citation holds the evidence %q: %+v", q.ID, q.Evidence, a.Citations)
			}

			q = questions[tt.unanswered]
			if a := ask(t, dir, data, q.Question); !a.Abstained {
				t.Errorf("%s %q: answered %q, want the articles not to answer it", q.ID, q.Question, a.Answer)
			}

			code, out, errOut = runBot(t, "quote", "--json", "--corpus", dir, "--data", data, tt.speakerQuery)
			if code != 0 {
				t.Fatalf("quote: exit %d: %s", code, errOut)
			}
			var quotes struct {
				Speaker string `json:"speaker"`
				Quotes  []struct {
					Text string `json:"text"`
				} `json:"quotes"`
			}
			if err := json.Unmarshal([]byte(out), &quotes); err != nil {
				t.Fatalf("quote output is not JSON: %v\n%s", err, out)
			}
			if quotes.Speaker != tt.speaker || len(quotes.Quotes) == 0 {
				t.Fatalf("quote %s: speaker %q with %d quotations, want %s's", tt.speakerQuery, quotes.Speaker, len(quotes.Quotes), tt.speaker)
			}
			// Every quotation listed that the gold set holds is one it gives
			// this speaker; where the gold set is complete, it holds them all.
			for _, got := range quotes.Quotes {
				var gold []evalset.Quote
				for _, g := range evalset.StoryQuotes(tt.story) {
					if evalset.QuoteMatches(got.Text, g.Quote) {
						gold = append(gold, g)
					}
				}
				switch {
				case len(gold) == 0 && tt.goldComplete:
					t.Errorf("quote %q listed for %s is not in the gold set", got.Text, tt.speaker)
				case len(gold) > 0 && !slices.ContainsFunc(gold, func(g evalset.Quote) bool { return slices.Contains(g.Speakers, tt.speaker) }):
					t.Errorf("quote %q listed for %s, who is not its speaker in the gold set", got.Text, tt.speaker)
				}
			}
		})
	}
}

// citation and askOutput are the parts of `bot ask --json` these tests read.
type citation struct {
	Text string `json:"text"`
}

type askOutput struct {
	Answer    string     `json:"answer"`
	Abstained bool       `json:"abstained"`
	Citations []citation `json:"citations"`
}

func ask(t *testing.T, dir, data, question string) askOutput {
	t.Helper()
	code, out, errOut := runBot(t, "ask", "--json", "--corpus", dir, "--data", data, question)
	if code != 0 {
		t.Fatalf("ask %q: exit %d: %s", question, code, errOut)
	}
	var a askOutput
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatalf("ask output is not JSON: %v\n%s", err, out)
	}
	return a
}
