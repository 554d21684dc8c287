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

	"dossier/internal/lang"
	"dossier/internal/modelapi"
	"dossier/internal/retrieval"
)

// DefaultTimeout bounds one model answer, retries included (ANSWER_TIMEOUT).
const DefaultTimeout = 20 * time.Second

// Defaults of the model's settings (CHAT_MAX_TOKENS, CHAT_TEMPERATURE,
// CHAT_CONTEXT_TOKENS).
const (
	// DefaultMaxTokens: the model is asked for three short sentences
	// (about 100 tokens); 512 leaves it five times that, and caps a model
	// that never stops at 3.5-8 s of generation at the 65-150 tokens/s
	// llama.cpp's server gives a 135M model on the project's 2 idle cores,
	// well inside DefaultTimeout. On cores shared with other work it gave
	// 13-38 tokens/s (14-38 s for 512 tokens); the timeout still ends such
	// a reply.
	DefaultMaxTokens = 512
	// DefaultTemperature: 0 picks the likeliest words, so the same question
	// over the same passages gets the same answer, and the model strays
	// least from the passages.
	DefaultTemperature = 0
	// DefaultContextTokens is the smallest context of the models the bot
	// is meant for: Ollama's default window (4,096 tokens); OpenAI's models
	// have far more. Six passages of at most 150 words, the instructions
	// and a 512-token reply fit in it.
	DefaultContextTokens = 4096
)

// Settings of the model answerer.
const (
	modelPassages = 6                      // passages shown to the model
	modelAttempts = 3                      // tries on a transient failure (modelapi.Transient)
	modelBackoff  = 500 * time.Millisecond // first wait between tries
	// maxModelRunes bounds a usable answer; the instructions ask for three
	// sentences, so a longer reply has not followed them.
	maxModelRunes = 3000
)

// ModelOptions are the chat model's settings. Zero values take the
// defaults, except Temperature, whose zero is the default.
type ModelOptions struct {
	Model string
	// Timeout bounds the whole answer, retries included (DefaultTimeout).
	Timeout time.Duration
	// MaxTokens bounds the reply (DefaultMaxTokens).
	MaxTokens int
	// Temperature is the sampling temperature; 0 keeps the model closest
	// to the passages and gives the same answer to the same question.
	Temperature float32
	// ContextTokens is the model's context window: the prompt is cut to fit
	// in it beside MaxTokens (DefaultContextTokens).
	ContextTokens int
}

// Model answers with a language model over numbered passages, then checks
// the answer sentence by sentence: markers naming no passage are removed,
// a sentence that the passages it cites do not support is dropped (see
// grounding.go), and the rest is renumbered in order of use. When the
// model fails, times out or leaves no supported sentence, the extractive
// answer stands in (mode llm-fallback) and the reason is logged. It is
// safe for concurrent use.
type Model struct {
	ep       modelapi.Endpoint
	opts     ModelOptions
	fallback *Extractor
	ground   *grounder
	log      *slog.Logger
	attempts int
	backoff  time.Duration
}

// NewModel returns a model answerer that asks the chat model at the
// endpoint and falls back to the extractive answerer, whose searcher and
// analyzer it also uses. A nil logger discards.
func NewModel(ep modelapi.Endpoint, o ModelOptions, fallback *Extractor, log *slog.Logger) *Model {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxTokens <= 0 {
		o.MaxTokens = DefaultMaxTokens
	}
	if o.ContextTokens <= 0 {
		o.ContextTokens = DefaultContextTokens
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Model{
		ep: ep, opts: o, fallback: fallback, ground: newGrounder(fallback.analyzer, lang.English()), log: log,
		attempts: modelAttempts, backoff: modelBackoff,
	}
}

// Reasons the model's answer was not used, for the log.
var (
	errNoChoice   = errors.New("the reply has no answer")
	errNoCitation = errors.New("the answer cites no passage it was given")
	errTooLong    = errors.New("the answer is far longer than asked for")
	// errUnsupported: every sentence failed the grounding check; the log
	// has each sentence's reason.
	errUnsupported = errors.New("no sentence of the answer is supported by the passages it cites")
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
			"model", m.opts.Model, "reason", modelapi.Redact(err, m.ep.APIKey).Error())
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
	ctx, cancel := context.WithTimeout(ctx, m.opts.Timeout)
	defer cancel()
	p, err := buildPrompt(q, passages, m.opts.ContextTokens-m.opts.MaxTokens)
	if err != nil {
		return Answer{}, err
	}
	if p.trimmed {
		m.log.Info("passages cut to fit the model's context", "model", m.opts.Model,
			"context_tokens", m.opts.ContextTokens, "passages", len(p.texts), "of", len(passages))
	}
	req := modelapi.ChatRequest{Model: m.opts.Model, Messages: p.messages,
		MaxTokens: m.opts.MaxTokens, Temperature: m.opts.Temperature}
	var resp openai.ChatCompletionResponse
	err = modelapi.Retry(ctx, m.attempts, m.backoff, func(ctx context.Context) error {
		var err error
		resp, err = modelapi.Chat(ctx, m.ep, req)
		return err
	})
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return Answer{}, fmt.Errorf("no answer within %s: %w", m.opts.Timeout, err)
		}
		return Answer{}, fmt.Errorf("chat completion: %w", err)
	}
	if len(resp.Choices) == 0 {
		return Answer{}, errNoChoice
	}
	choice := resp.Choices[0]
	if choice.FinishReason == openai.FinishReasonLength {
		m.log.Info("the model's reply was cut at max_tokens", "model", m.opts.Model, "max_tokens", m.opts.MaxTokens)
	}
	return m.check(q, choice.Message.Content, passages[:len(p.texts)], p.texts)
}

// check turns the model's reply into an answer of the sentences that the
// passages they cite support, every marker naming a passage, numbered in
// order of use, each citation holding the passage as the model read it.
// texts are those passages' texts as given to the model (maybe cut).
func (m *Model) check(q, reply string, passages []retrieval.Result, texts []string) (Answer, error) {
	reply = strings.TrimSpace(reply)
	if declines(reply) {
		return m.declined(q, passages), nil
	}
	if utf8.RuneCountInString(reply) > maxModelRunes {
		return Answer{}, errTooLong
	}
	claims := splitClaims(reply, len(passages))
	var kept []string
	cited := false
	for i, c := range claims {
		cited = cited || len(c.cites) > 0
		if err := m.ground.support(c, texts); err != nil {
			m.log.Info("dropped a sentence of the model's answer", "model", m.opts.Model,
				"sentence", i+1, "text", c.text, "reason", err.Error())
			continue
		}
		kept = append(kept, c.text)
	}
	if !cited {
		return Answer{}, errNoCitation
	}
	if len(kept) == 0 {
		return Answer{}, fmt.Errorf("%w (%d sentences dropped)", errUnsupported, len(claims))
	}
	text, order, dropped := renumber(strings.Join(kept, " "), len(passages))
	if dropped > 0 {
		m.log.Info("removed citations that name no passage", "model", m.opts.Model, "removed", dropped)
	}
	a := Answer{Question: q, Text: text, Mode: LLM, Citations: make([]Citation, len(order))}
	for i, n := range order {
		a.Citations[i] = chunkCitation(i+1, passages[n-1], texts[n-1])
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
		a.Citations = append(a.Citations, chunkCitation(i+1, r, r.Chunk.Text))
	}
	a.Text += abstainClosestText
	return a
}

// chunkCitation cites a passage; text is the part of it given to the
// model (the whole chunk unless it was cut to fit the context).
func chunkCitation(n int, r retrieval.Result, text string) Citation {
	c := r.Chunk
	return Citation{N: n, Doc: c.Doc.ID, Title: c.Doc.Title, Date: c.Doc.Date, URL: c.Doc.URL, Chunk: c.ID, Text: text}
}
