package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"dossier/internal/answer"
	"dossier/internal/config"
)

// askJSON is the shape of `ask --json`; other tools read it.
type askJSON struct {
	Question  string         `json:"question"`
	Answer    string         `json:"answer"`
	Abstained bool           `json:"abstained"`
	Mode      string         `json:"mode"`
	Citations []citationJSON `json:"citations"`
}

type citationJSON struct {
	N     int    `json:"n"`
	Doc   string `json:"doc"`
	Title string `json:"title"`
	Date  string `json:"date"`
	URL   string `json:"url"`
	Chunk string `json:"chunk"`
	Text  string `json:"text"`
}

// questionAnswerer is what `ask` needs: the extractive and the model
// answerer both satisfy it.
type questionAnswerer interface {
	Answer(ctx context.Context, question string) (answer.Answer, error)
}

func cmdAsk(ctx context.Context, a *app, args []string) error {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the answer as JSON")
	if err := a.parse(fs, args, config.ModeLocal, true); err != nil {
		return err
	}
	question := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if question == "" {
		return fmt.Errorf("give a question, e.g. bot ask \"who leaked the call\"")
	}
	lib, err := a.openLibrary(ctx)
	if err != nil {
		return err
	}
	ans, err := a.newAnswerer(lib).Answer(ctx, question)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(a.io.out, toAskJSON(ans))
	}
	printAnswer(a.io.out, ans)
	return nil
}

// newAnswerer builds the answerer the configuration asks for: the model
// answerer, falling back to the extractive one, when a model server is
// configured (OPENAI_API_KEY or OPENAI_BASE_URL); else the extractive one.
func (a *app) newAnswerer(s answer.Searcher) questionAnswerer {
	ext := answer.NewExtractive(s)
	if !a.cfg.UseOpenAI() {
		return ext
	}
	return answer.NewModel(a.endpoint(), answer.ModelOptions{
		Model: a.cfg.ChatModel, Timeout: a.cfg.AnswerTimeout, MaxTokens: a.cfg.ChatMaxTokens,
		Temperature: float32(a.cfg.ChatTemperature), ContextTokens: a.cfg.ChatContextTokens,
	}, ext, a.log)
}

func toAskJSON(ans answer.Answer) askJSON {
	out := askJSON{Question: ans.Question, Answer: ans.Text, Abstained: ans.Abstained, Mode: string(ans.Mode), Citations: []citationJSON{}}
	for _, c := range ans.Citations {
		out.Citations = append(out.Citations, citationJSON{N: c.N, Doc: c.Doc, Title: c.Title, Date: c.Date, URL: c.URL, Chunk: c.Chunk, Text: c.Text})
	}
	return out
}

// maxSourceRunes bounds a source line: a sentence fits; a model answer's
// cited chunk is cut short (--json gives it whole).
const maxSourceRunes = 300

// printAnswer writes the answer, a blank line, then one line per source:
// "[1] Title (date), passage".
func printAnswer(w io.Writer, ans answer.Answer) {
	fmt.Fprintln(w, ans.Text)
	if len(ans.Citations) > 0 {
		fmt.Fprintln(w)
	}
	for _, c := range ans.Citations {
		fmt.Fprintf(w, "[%d] %s (%s), %s\n", c.N, c.Title, orUndated(c.Date), oneLine(c.Text, maxSourceRunes))
	}
}

// oneLine collapses white space and cuts s to n runes at a word boundary.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
