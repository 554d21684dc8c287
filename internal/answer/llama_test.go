package answer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"dossier/internal/modelapi"
)

// The tests in this file meet llama.cpp's real server (llama-server), built
// by ../shared/tools/llama-server/up.sh beside the repository (CI has
// shared/ there). Its weights are synthetic: random, so its replies are
// gibberish, which is what the grounding check must reject. The tests start
// their own server on a loopback port and stop it when they end; they are
// skipped only when the binary has not been built.

// llamaDirEnv names another llama-server folder (laid out as
// shared/tools/llama-server: bin/llama-server, weights/*.gguf), for a
// worktree whose parent holds no shared/.
const llamaDirEnv = "DOSSIER_LLAMA_SERVER_DIR"

// llamaRequiredEnv, when set (as .ci/run sets it), makes a missing server a
// failure instead of a skip.
const llamaRequiredEnv = "DOSSIER_LLAMA_SERVER_REQUIRED"

// Settings of the test server.
const (
	llamaContext   = 2048            // small: faster to allocate; the prompt needs about 1,000
	llamaStartWait = 3 * time.Minute // loading a 135M model takes seconds; a busy machine, longer
	// llamaTimeout is ANSWER_TIMEOUT in these tests: generous, because the
	// build machines' 2 cores are shared (the server read prompts at 20-50
	// tokens/s there under load, against 410-650 when idle).
	llamaTimeout = 3 * time.Minute
)

// llamaMaxTokens is max_tokens in these tests: by default enough for
// several gibberish sentences and quick on shared cores; -llama.max-tokens
// 512 measures the bot's default.
var llamaMaxTokens = flag.Int("llama.max-tokens", 64, "max_tokens asked of llama-server in the TestLlamaServer tests")

// gibberishGrammar makes the random model write sentences of made-up
// words, each ending with a well-formed citation of passage 1 to 3, and
// never finish: it ends only at max_tokens.
const gibberishGrammar = `root ::= sentence+
sentence ::= [A-Z] [a-z]{1,8} (" " word){2,6} " [" [1-3] "]. "
word ::= [a-z]{2,9}
`

// llamaServerDir finds the llama-server folder: $DOSSIER_LLAMA_SERVER_DIR,
// else shared/tools/llama-server beside the repository or beside one of
// its parent folders.
func llamaServerDir(t *testing.T) string {
	t.Helper()
	if d := os.Getenv(llamaDirEnv); d != "" {
		return d
	}
	root, err := filepath.Abs("../..") // this package is internal/answer
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("repository root not found at %s: %v", root, err)
	}
	first := "" // the nearest folder found, built or not, for the skip message
	for dir := filepath.Dir(root); ; dir = filepath.Dir(dir) {
		d := filepath.Join(dir, "shared", "tools", "llama-server")
		if _, err := os.Stat(filepath.Join(d, "bin", "llama-server")); err == nil {
			return d
		}
		if _, err := os.Stat(d); err == nil && first == "" {
			first = d
		}
		if dir == filepath.Dir(dir) {
			break
		}
	}
	if first == "" {
		first = filepath.Join(filepath.Dir(root), "shared", "tools", "llama-server")
	}
	return first
}

// llamaServer is a running llama-server.
type llamaServer struct {
	url string // http://127.0.0.1:port
}

// startLlama starts llama-server with the chat weights and extra flags, and
// stops it when the test ends.
func startLlama(t *testing.T, args ...string) *llamaServer {
	t.Helper()
	dir := llamaServerDir(t)
	bin := filepath.Join(dir, "bin", "llama-server")
	if _, err := os.Stat(bin); err != nil {
		msg := fmt.Sprintf("llama.cpp's server is not built (%s is absent): run .ci/llama-server to build it, and set %s to the folder it prints", bin, llamaDirEnv)
		if os.Getenv(llamaRequiredEnv) != "" {
			// CI builds the server first: a missing binary there is a
			// broken install step, not a reason to skip.
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	weights := filepath.Join(dir, "weights", "chat.gguf")
	if _, err := os.Stat(weights); err != nil {
		weights = filepath.Join(dir, "weights", "synthetic-smollm2-135m-shape-q8_0.gguf")
	}
	if _, err := os.Stat(weights); err != nil {
		t.Fatalf("llama-server is built but has no chat weights in %s/weights: run %s/up.sh once to generate them", dir, dir)
	}
	port := freePort(t)
	logs := &syncBuffer{}
	cmd := exec.Command(bin, append([]string{"-m", weights, "--host", "127.0.0.1", "--port", port,
		"-t", "2", "-c", fmt.Sprint(llamaContext), "--no-webui",
		// Repacking Q8_0 weights for the CPU's widest instructions stops
		// the server with SIGILL on the project's virtual machines, which
		// announce AVX-512 variants they do not run; repacking only speeds
		// it up.
		"--no-repack"}, args...)...)
	cmd.Stdout, cmd.Stderr = logs, logs
	dieWithTest(cmd)
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-exited
	})
	s := &llamaServer{url: "http://127.0.0.1:" + port}
	deadline := time.Now().Add(llamaStartWait)
	for {
		resp, err := http.Get(s.url + "/health")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s
			}
		}
		select {
		case err := <-exited:
			t.Fatalf("llama-server exited before it was ready (%v):\n%s", err, logs.String())
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("llama-server not ready after %s:\n%s", llamaStartWait, logs.String())
		}
	}
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return fmt.Sprint(ln.Addr().(*net.TCPAddr).Port)
}

// syncBuffer collects the server's output from its two pipes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// recorder keeps the bodies of the server's replies.
type recorder struct {
	mu      sync.Mutex
	replies [][]byte
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	r.replies = append(r.replies, body)
	r.mu.Unlock()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

// groundingPassages are testdata/grounding.json's passages as search
// results: those named, in order, or all.
func groundingPassages(t *testing.T, ids ...string) *fakeSearcher {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "grounding.json"))
	if err != nil {
		t.Fatal(err)
	}
	var set groundingSet
	if err := json.Unmarshal(b, &set); err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, p := range set.Passages {
		if len(ids) == 0 || slices.Contains(ids, p.ID) {
			texts = append(texts, p.Text)
		}
	}
	return passages(texts...)
}

// TestLlamaServerGibberishFallsBack: llama.cpp's server with random
// weights, made by a grammar to cite passages in well-formed markers and
// never to stop. Its reply ends at max_tokens, its gibberish is never
// shown, and the log says why.
func TestLlamaServerGibberishFallsBack(t *testing.T) {
	grammar := filepath.Join(t.TempDir(), "gibberish.gbnf")
	if err := os.WriteFile(grammar, []byte(gibberishGrammar), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := startLlama(t, "--grammar-file", grammar)
	rec := &recorder{}
	logs := &bytes.Buffer{}
	// Three short passages of the two stories keep the prompt small: the
	// server reads it slowly on shared cores.
	s := groundingPassages(t, "seed-g", "port-a")
	m := NewModel(modelapi.Endpoint{BaseURL: srv.url + "/v1", HTTPClient: &http.Client{Transport: rec}},
		ModelOptions{Model: "synthetic", Timeout: llamaTimeout, MaxTokens: *llamaMaxTokens, ContextTokens: llamaContext},
		NewExtractive(s), slog.New(slog.NewTextHandler(logs, nil)))
	for _, q := range []string{"Who leaked the call?", "What did the union leader say about the strike?"} {
		start := time.Now()
		a, err := m.Answer(context.Background(), q)
		took := time.Since(start)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		checkAnswer(t, a, s.chunk)
		if a.Mode != LLMFallback {
			t.Errorf("%q: mode %q, want %q: the gibberish was shown: %q", q, a.Mode, LLMFallback, a.Text)
		}
		reply := lastReply(t, rec)
		if reply.Choices[0].FinishReason != "length" || reply.Usage.CompletionTokens != *llamaMaxTokens {
			t.Errorf("%q: finish_reason %q after %d tokens, want length after max_tokens %d",
				q, reply.Choices[0].FinishReason, reply.Usage.CompletionTokens, *llamaMaxTokens)
		}
		if len(findMarkers(reply.Choices[0].Message.Content)) == 0 {
			t.Errorf("%q: the server's reply has no markers, so it does not test the grounding check: %q", q, reply.Choices[0].Message.Content)
		}
		t.Logf("%q: %d tokens (finish_reason %s) in %s, answer timeout %s; server: prompt %d tokens in %.1f s, reply %d tokens in %.1f s (%.1f tokens/s); reply %.120q…",
			q, reply.Usage.CompletionTokens, reply.Choices[0].FinishReason, took.Round(time.Millisecond), llamaTimeout,
			reply.Usage.PromptTokens, reply.Timings.PromptMS/1000, reply.Timings.PredictedN, reply.Timings.PredictedMS/1000,
			reply.Timings.PredictedPerSecond, reply.Choices[0].Message.Content)
	}
	l := logs.String()
	for _, want := range []string{"dropped a sentence of the model's answer", errUnsupported.Error(), "answering extractively", "cut at max_tokens"} {
		if !strings.Contains(l, want) {
			t.Errorf("the log lacks %q:\n%s", want, l)
		}
	}
	if strings.Contains(l, "no answer within") {
		t.Errorf("the reply ran into the answer timeout instead of max_tokens:\n%s", l)
	}
	if testing.Verbose() {
		for _, line := range strings.Split(strings.TrimSpace(l), "\n") {
			t.Logf("log: %.300s", line)
		}
	}
}

type llamaReply struct {
	Choices []struct {
		FinishReason string `json:"finish_reason"`
		Message      struct{ Content string }
	}
	Usage struct {
		PromptTokens     int `json:"prompt_tokens"`
		CompletionTokens int `json:"completion_tokens"`
	}
	// Timings are llama.cpp's own measurements.
	Timings struct {
		PromptMS           float64 `json:"prompt_ms"`
		PredictedN         int     `json:"predicted_n"`
		PredictedMS        float64 `json:"predicted_ms"`
		PredictedPerSecond float64 `json:"predicted_per_second"`
	}
}

func lastReply(t *testing.T, rec *recorder) llamaReply {
	t.Helper()
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.replies) == 0 {
		t.Fatal("no reply from the server")
	}
	var r llamaReply
	if err := json.Unmarshal(rec.replies[len(rec.replies)-1], &r); err != nil || len(r.Choices) == 0 {
		t.Fatalf("reply %s: %v", rec.replies[len(rec.replies)-1], errors.Join(err, errors.New("no choices")))
	}
	return r
}

// TestLlamaServerTokenEstimate checks the prompt's token estimate against
// llama.cpp's tokenizer (the Llama-2 vocabulary of the synthetic model):
// no passage, and no whole prompt, may hold more tokens than estimated.
func TestLlamaServerTokenEstimate(t *testing.T) {
	srv := startLlama(t)
	s := groundingPassages(t)
	minRatio, maxRatio, nBytes, tokens := 1e9, 0.0, 0, 0
	for _, r := range s.results {
		text := r.Chunk.Text
		n := countTokens(t, srv, text)
		if est := estimateTokens(text); est < n {
			t.Errorf("passage %s: estimated %d tokens, the tokenizer counts %d", r.Chunk.ID, est, n)
		}
		ratio := float64(len(text)) / float64(n)
		minRatio, maxRatio = min(minRatio, ratio), max(maxRatio, ratio)
		nBytes += len(text)
		tokens += n
	}
	t.Logf("%d passages: %.2f-%.2f bytes per token, %.2f overall; the estimate assumes %d",
		len(s.results), minRatio, maxRatio, float64(nBytes)/float64(tokens), bytesPerToken)

	// The whole prompt, as the server counts it after its chat template.
	p, err := buildPrompt("Who leaked the call, and what did Ushakov say about it?", s.results[:modelPassages], llamaContext-*llamaMaxTokens)
	if err != nil {
		t.Fatal(err)
	}
	est := 3 * messageOverheadTokens
	for _, m := range p.messages {
		est += estimateTokens(m.Content)
	}
	rec := &recorder{}
	_, err = modelapi.Chat(context.Background(), modelapi.Endpoint{BaseURL: srv.url + "/v1", HTTPClient: &http.Client{Transport: rec}},
		modelapi.ChatRequest{Model: "synthetic", Messages: p.messages, MaxTokens: 1})
	if err != nil {
		t.Fatal(err)
	}
	got := lastReply(t, rec).Usage.PromptTokens
	if got > est {
		t.Errorf("prompt: estimated %d tokens, the server counted %d", est, got)
	}
	t.Logf("prompt of %d passages: estimated %d tokens, the server counted %d", len(p.texts), est, got)
}

func countTokens(t *testing.T, srv *llamaServer, text string) int {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"content": text, "add_special": false})
	resp, err := http.Post(srv.url+"/tokenize", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var v struct{ Tokens []json.RawMessage }
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		t.Fatal(err)
	}
	return len(v.Tokens)
}

// TestLlamaServerRefusalNotRetried: a server whose context is smaller than
// the answerer was told (CHAT_CONTEXT_TOKENS set too high) refuses the
// prompt with a 4xx; that cannot succeed on a second try, so the answerer
// asks once and falls back at once, saying why.
func TestLlamaServerRefusalNotRetried(t *testing.T) {
	srv := startLlama(t, "-c", "256") // the later -c wins
	rec := &recorder{}
	logs := &bytes.Buffer{}
	s := groundingPassages(t, "seed-g", "port-a")
	m := NewModel(modelapi.Endpoint{BaseURL: srv.url + "/v1", HTTPClient: &http.Client{Transport: rec}},
		ModelOptions{Model: "synthetic", Timeout: llamaTimeout, MaxTokens: 16, ContextTokens: DefaultContextTokens},
		NewExtractive(s), slog.New(slog.NewTextHandler(logs, nil)))
	a, err := m.Answer(context.Background(), "Who leaked the call?")
	if err != nil {
		t.Fatal(err)
	}
	if a.Mode != LLMFallback {
		t.Errorf("mode %q, want %q", a.Mode, LLMFallback)
	}
	rec.mu.Lock()
	n := len(rec.replies)
	rec.mu.Unlock()
	if n != 1 {
		t.Errorf("%d requests, want 1: a refusal is not retried", n)
	}
	if l := logs.String(); !strings.Contains(l, "status code: 4") || !strings.Contains(l, "answering extractively") {
		t.Errorf("the log does not give the server's refusal:\n%s", l)
	}
	t.Logf("log: %s", strings.TrimSpace(logs.String()))
}
