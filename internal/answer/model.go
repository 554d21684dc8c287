package answer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode/utf8"

	openai "github.com/sashabaranov/go-openai"

	"dossier/internal/modelapi"
	"dossier/internal/retrieval"
)

// DefaultTimeout bounds one model answer, retries included (ANSWER_TIMEOUT).
const DefaultTimeout = 20 * time.Second

// Settings of the model answerer.
const (
	modelPassages = 6                      // passages shown to the model
	modelAttempts = 3                      // tries on 429 and 5xx
	modelBackoff  = 500 * time.Millisecond // first wait between tries
	// maxModelRunes bounds a usable answer; the instructions ask for three
	// sentences, so a longer reply has not followed them.
	maxModelRunes = 3000
)

// Model answers with a language model over numbered passages, then checks
// the answer: markers naming no passage are removed, the rest renumbered
// in order of use, and an answer left with no valid citation is not shown.
// When the model fails, times out or answers badly, the extractive answer
// stands in (mode llm-fallback) and the reason is logged. It is safe for
// concurrent use.
type Model struct {
	client   *openai.Client
	model    string
	timeout  time.Duration
	fallback *Extractor
	log      *slog.Logger
	apiKey   string // only to redact it from errors
	attempts int
	backoff  time.Duration
}

// NewModel returns a model answerer that asks the chat model at the
// endpoint and falls back to the extractive answerer, whose searcher it
// also uses. A timeout of 0 means DefaultTimeout; a nil logger discards.
func NewModel(ep modelapi.Endpoint, model string, timeout time.Duration, fallback *Extractor, log *slog.Logger) *Model {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Model{
		client: modelapi.NewClient(ep), model: model, timeout: timeout, fallback: fallback, log: log,
		apiKey: ep.APIKey, attempts: modelAttempts, backoff: modelBackoff,
	}
}

// Reasons the model's answer was not used, for the log.
var (
	errNoChoice   = errors.New("the reply has no answer")
	errNoCitation = errors.New("the answer cites no passage it was given")
	errTooLong    = errors.New("the answer is far longer than asked for")
)

// Answer answers the question with the model, or with the extractive
// answerer when the model's answer cannot be used. It fails only when the
// passages cannot be searched or ctx ends.
func (m *Model) Answer(ctx context.Context, question string) (Answer, error) {
	q, err := cleanQuestion(question)
	if err != nil {
		return Answer{}, err
	}
	results, err := m.fallback.search(ctx, q)
	if err != nil {
		return Answer{}, err
	}
	passages := results[:min(len(results), modelPassages)]
	if len(passages) == 0 {
		m.log.Info("no passages to give the model; answering extractively", "question_runes", utf8.RuneCountInString(q))
		return m.fallBack(q, results), nil
	}
	a, err := m.ask(ctx, q, passages)
	if err != nil {
		if ctx.Err() != nil {
			return Answer{}, fmt.Errorf("answer: %w", ctx.Err())
		}
		m.log.Warn("model answer not used; answering extractively",
			"model", m.model, "reason", modelapi.Redact(err, m.apiKey).Error())
		return m.fallBack(q, results), nil
	}
	return a, nil
}

func (m *Model) fallBack(q string, results []retrieval.Result) Answer {
	a, _ := m.fallback.compose(q, results)
	a.Mode = LLMFallback
	return a
}

// ask calls the model, with retries, within the answer timeout, and checks
// what it wrote.
func (m *Model) ask(ctx context.Context, q string, passages []retrieval.Result) (Answer, error) {
	ctx, cancel := context.WithTimeout(ctx, m.timeout)
	defer cancel()
	req := openai.ChatCompletionRequest{Model: m.model, Messages: messages(q, passages)}
	var resp openai.ChatCompletionResponse
	err := modelapi.Retry(ctx, m.attempts, m.backoff, func(ctx context.Context) error {
		var err error
		resp, err = m.client.CreateChatCompletion(ctx, req)
		return err
	})
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return Answer{}, fmt.Errorf("no answer within %s: %w", m.timeout, err)
		}
		return Answer{}, fmt.Errorf("chat completion: %w", err)
	}
	if len(resp.Choices) == 0 {
		return Answer{}, errNoChoice
	}
	return m.check(q, resp.Choices[0].Message.Content, passages)
}

// check turns the model's reply into an answer whose every marker names a
// passage, numbered in order of use, each citation holding the passage's
// exact text.
func (m *Model) check(q, reply string, passages []retrieval.Result) (Answer, error) {
	reply = strings.TrimSpace(reply)
	if declines(reply) {
		return m.declined(q, passages), nil
	}
	if utf8.RuneCountInString(reply) > maxModelRunes {
		return Answer{}, errTooLong
	}
	text, order, dropped := renumber(reply, len(passages))
	if dropped > 0 {
		m.log.Info("removed citations that name no passage", "model", m.model, "removed", dropped)
	}
	if len(order) == 0 {
		return Answer{}, errNoCitation
	}
	a := Answer{Question: q, Text: text, Mode: LLM, Citations: make([]Citation, len(order))}
	for i, n := range order {
		a.Citations[i] = chunkCitation(i+1, passages[n-1])
	}
	return a, nil
}

// declines reports whether the model said the passages do not answer.
func declines(reply string) bool {
	return strings.HasPrefix(strings.ToUpper(strings.Trim(reply, " .*`\"'\n")), noAnswer)
}

// declined is the model's abstention, offering the passages it read as the
// closest sources.
func (m *Model) declined(q string, passages []retrieval.Result) Answer {
	a := Answer{Question: q, Text: abstainText, Abstained: true, Mode: LLM}
	for i, r := range passages[:min(len(passages), maxClosest)] {
		a.Citations = append(a.Citations, chunkCitation(i+1, r))
	}
	a.Text += abstainClosestText
	return a
}

func chunkCitation(n int, r retrieval.Result) Citation {
	c := r.Chunk
	return Citation{N: n, Doc: c.Doc.ID, Title: c.Doc.Title, Date: c.Doc.Date, URL: c.Doc.URL, Chunk: c.ID, Text: c.Text}
}
