package embed

import (
	"context"
	"errors"
	"fmt"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"dossier/internal/modelapi"
)

// OpenAI embeds through any OpenAI-compatible /v1/embeddings endpoint
// (OpenAI, Ollama, vLLM, LM Studio).
type OpenAI struct {
	client    *openai.Client
	key       string
	model     string
	batchSize int
	timeout   time.Duration
	attempts  int
	backoff   time.Duration
}

// OpenAIOptions configure the OpenAI embedder. Zero values take defaults.
type OpenAIOptions struct {
	Model     string        // required
	BatchSize int           // texts per request, default 64
	Timeout   time.Duration // per request, default 30s
	Attempts  int           // tries per batch on 429/5xx, default 4
	Backoff   time.Duration // first retry delay, default 500ms
}

// NewOpenAI returns an embedder for the endpoint.
func NewOpenAI(e modelapi.Endpoint, o OpenAIOptions) *OpenAI {
	if o.BatchSize <= 0 {
		o.BatchSize = 64
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.Attempts <= 0 {
		o.Attempts = 4
	}
	if o.Backoff <= 0 {
		o.Backoff = 500 * time.Millisecond
	}
	return &OpenAI{client: modelapi.NewClient(e), key: e.APIKey, model: o.Model,
		batchSize: o.BatchSize, timeout: o.Timeout, attempts: o.Attempts, backoff: o.Backoff}
}

// ID names the model; vectors of different models never mix.
func (o *OpenAI) ID() string { return "openai-" + o.model }

// ErrBadResponse is returned when the server answers with the wrong number
// or shape of vectors.
var ErrBadResponse = errors.New("embedding server returned an unusable response")

// Embed sends the texts in batches and returns their vectors in order.
func (o *OpenAI) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, 0, len(texts))
	for start := 0; start < len(texts); start += o.batchSize {
		end := min(start+o.batchSize, len(texts))
		vecs, err := o.embedBatch(ctx, texts[start:end])
		if err != nil {
			return nil, fmt.Errorf("embed texts %d-%d of %d with %s: %w", start+1, end, len(texts), o.model, modelapi.Redact(err, o.key))
		}
		out = append(out, vecs...)
	}
	return out, nil
}

func (o *OpenAI) embedBatch(ctx context.Context, batch []string) ([][]float32, error) {
	var resp openai.EmbeddingResponse
	err := modelapi.Retry(ctx, o.attempts, o.backoff, func(ctx context.Context) error {
		ctx, cancel := context.WithTimeout(ctx, o.timeout)
		defer cancel()
		var err error
		resp, err = o.client.CreateEmbeddings(ctx, openai.EmbeddingRequestStrings{
			Input: batch,
			Model: openai.EmbeddingModel(o.model),
		})
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(resp.Data) != len(batch) {
		return nil, fmt.Errorf("%w: %d vectors for %d texts", ErrBadResponse, len(resp.Data), len(batch))
	}
	vecs := make([][]float32, len(batch))
	for _, d := range resp.Data {
		if d.Index < 0 || d.Index >= len(batch) || vecs[d.Index] != nil || len(d.Embedding) == 0 {
			return nil, fmt.Errorf("%w: bad or repeated index %d", ErrBadResponse, d.Index)
		}
		vecs[d.Index] = d.Embedding
	}
	for _, v := range vecs[1:] {
		if len(v) != len(vecs[0]) {
			return nil, fmt.Errorf("%w: vectors of different lengths", ErrBadResponse)
		}
	}
	return vecs, nil
}
