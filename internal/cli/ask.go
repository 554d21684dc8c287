package cli

import (
	"fmt"
	"io"

	"dossier/internal/answer"
)

// Answer is the shape of `ask --json`.
type Answer struct {
	Question  string     `json:"question"`
	Answer    string     `json:"answer"`
	Abstained bool       `json:"abstained"`
	Mode      string     `json:"mode"`
	Citations []Citation `json:"citations"`
}

// Citation is one numbered source of an answer.
type Citation struct {
	N     int    `json:"n"`
	Doc   string `json:"doc"`
	Title string `json:"title"`
	Date  string `json:"date"`
	URL   string `json:"url"`
	Chunk string `json:"chunk"`
	Text  string `json:"text"`
}

// NewAnswer is the printable form of an answer.
func NewAnswer(ans answer.Answer) Answer {
	out := Answer{Question: ans.Question, Answer: ans.Text, Abstained: ans.Abstained, Mode: string(ans.Mode), Citations: []Citation{}}
	for _, c := range ans.Citations {
		out.Citations = append(out.Citations, Citation{N: c.N, Doc: c.Doc, Title: c.Title, Date: c.Date, URL: c.URL, Chunk: c.Chunk, Text: c.Text})
	}
	return out
}

// WriteText writes the answer, a blank line, then one line per source:
// "[1] Title (date), passage".
func (a Answer) WriteText(w io.Writer) {
	fmt.Fprintln(w, a.Answer)
	if len(a.Citations) > 0 {
		fmt.Fprintln(w)
	}
	for _, c := range a.Citations {
		fmt.Fprintf(w, "[%d] %s (%s), %s\n", c.N, c.Title, orUndated(c.Date), oneLine(c.Text, maxSourceRunes))
	}
}
