package answer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"dossier/internal/modelapi"
)

var _ interface {
	Answer(context.Context, string) (Answer, error)
} = (*Model)(nil)

const testKey = "sk-test-0123456789abcdef"

// fakeChat is an OpenAI-compatible /v1/chat/completions endpoint whose
// reply to the n-th request (from 0) is set by the test.
type fakeChat struct {
	t     *testing.T
	reply func(n int, w http.ResponseWriter, r *http.Request)

	mu       sync.Mutex
	requests []openai.ChatCompletionRequest
	raw      []map[string]any // the same requests, as sent
	auth     []string
}

func (f *fakeChat) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
		f.t.Errorf("request %s %s, want POST /v1/chat/completions", r.Method, r.URL.Path)
		http.NotFound(w, r)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		f.t.Errorf("request body: %v", err)
	}
	var req openai.ChatCompletionRequest
	var raw map[string]any
	if err := json.Unmarshal(body, &req); err != nil {
		f.t.Errorf("request body: %v", err)
	}
	if err := json.Unmarshal(body, &raw); err != nil {
		f.t.Errorf("request body: %v", err)
	}
	f.mu.Lock()
	n := len(f.requests)
	f.requests = append(f.requests, req)
	f.raw = append(f.raw, raw)
	f.auth = append(f.auth, r.Header.Get("Authorization"))
	f.mu.Unlock()
	f.reply(n, w, r)
}

func (f *fakeChat) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.requests)
}

// completion replies with a chat completion whose message is content.
func completion(content string) func(int, http.ResponseWriter, *http.Request) {
	return func(_ int, w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{
			"id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "test-model",
			"choices": []map[string]any{{
				"index": 0, "finish_reason": "stop",
				"message": map[string]any{"role": "assistant", "content": content},
			}},
			"usage": map[string]int{"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
		})
	}
}

// failure replies with an OpenAI error body and the status.
func failure(status int, message string) func(int, http.ResponseWriter, *http.Request) {
	return func(_ int, w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"error":{"message":%q,"type":"server_error","code":null}}`, message)
	}
}

// strikePassages are the passages every model test searches.
func strikePassages() *fakeSearcher {
	return passages(
		"The strike at the port began on June 4. Pickets closed the gates.",
		"The Dockers Union called the strike at the port. About 1,200 workers joined it.",
		"The port workers marched to City Hall on June 6.",
	)
}

const strikeQuestion = "When did the strike at the port begin?"

type modelSetup struct {
	model *Model
	chat  *fakeChat
	logs  *bytes.Buffer
	s     *fakeSearcher
}

func newModelSetup(t *testing.T, timeout time.Duration, reply func(int, http.ResponseWriter, *http.Request)) *modelSetup {
	t.Helper()
	return newModelSetupWith(t, ModelOptions{Model: "test-model", Timeout: timeout}, strikePassages(), reply)
}

func newModelSetupWith(t *testing.T, o ModelOptions, s *fakeSearcher, reply func(int, http.ResponseWriter, *http.Request)) *modelSetup {
	t.Helper()
	chat := &fakeChat{t: t, reply: reply}
	srv := httptest.NewServer(chat)
	t.Cleanup(srv.Close)
	logs := &bytes.Buffer{}
	m := NewModel(modelapi.Endpoint{BaseURL: srv.URL + "/v1", APIKey: testKey}, o,
		NewExtractive(s), slog.New(slog.NewTextHandler(logs, nil)))
	m.backoff = time.Millisecond
	return &modelSetup{model: m, chat: chat, logs: logs, s: s}
}

func (ms *modelSetup) ask(t *testing.T, q string) Answer {
	t.Helper()
	a, err := ms.model.Answer(context.Background(), q)
	if err != nil {
		t.Fatalf("Answer: %v", err)
	}
	checkAnswer(t, a, ms.s.chunk)
	if strings.Contains(ms.logs.String(), testKey) {
		t.Errorf("the API key is in the logs:\n%s", ms.logs)
	}
	return a
}

func TestModelWellCitedAnswerPassesThrough(t *testing.T) {
	ms := newModelSetup(t, time.Second, completion("The strike began on June 4 [1]. The Dockers Union called it [2][1]."))
	a := ms.ask(t, strikeQuestion)
	if a.Mode != LLM || a.Abstained {
		t.Fatalf("mode %q abstained %v, want llm", a.Mode, a.Abstained)
	}
	if want := "The strike began on June 4 [1]. The Dockers Union called it [2][1]."; a.Text != want {
		t.Errorf("text = %q, want %q", a.Text, want)
	}
	for i, want := range []string{"a1#1", "a2#1"} {
		if a.Citations[i].Chunk != want || a.Citations[i].Text != ms.s.results[i].Chunk.Text {
			t.Errorf("citation %d = %+v, want chunk %s with its exact text", i+1, a.Citations[i], want)
		}
	}
}

func TestModelCitationsRenumberedInOrderOfUse(t *testing.T) {
	ms := newModelSetup(t, time.Second, completion("The union called it [2]. It began on June 4 [1][2]."))
	a := ms.ask(t, strikeQuestion)
	if want := "The union called it [1]. It began on June 4 [2][1]."; a.Text != want {
		t.Errorf("text = %q, want %q", a.Text, want)
	}
	if len(a.Citations) != 2 || a.Citations[0].Chunk != "a2#1" || a.Citations[1].Chunk != "a1#1" {
		t.Errorf("citations = %+v, want a2#1 then a1#1", a.Citations)
	}
}

// TestModelMadeUpCitationRemoved: a sentence citing only a passage the
// model was not given cites nothing, and is dropped with its reason.
func TestModelMadeUpCitationRemoved(t *testing.T) {
	ms := newModelSetup(t, time.Second, completion("The strike began on June 4 [1]. It was the longest strike ever [9]."))
	a := ms.ask(t, strikeQuestion)
	if want := "The strike began on June 4 [1]."; a.Mode != LLM || a.Text != want {
		t.Errorf("mode %q text %q, want llm %q", a.Mode, a.Text, want)
	}
	if len(a.Citations) != 1 {
		t.Errorf("%d citations, want 1", len(a.Citations))
	}
	if l := ms.logs.String(); !strings.Contains(l, "longest strike ever") || !strings.Contains(l, "cites no passage") {
		t.Errorf("the log does not say which sentence was dropped and why:\n%s", l)
	}
}

// TestModelFallsBack: each way the model can fail leaves the extractive
// answer standing in, with mode llm-fallback and the reason logged.
func TestModelFallsBack(t *testing.T) {
	want, err := NewExtractive(strikePassages()).Answer(context.Background(), strikeQuestion)
	if err != nil {
		t.Fatal(err)
	}
	hang := func(_ int, _ http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}
	tests := []struct {
		name     string
		reply    func(int, http.ResponseWriter, *http.Request)
		requests int    // how many calls the answerer should make
		logged   string // in the log's reason
	}{
		{"no citation", completion("The strike began on June 4."), 1, errNoCitation.Error()},
		{"only made-up citations", completion("The strike began on June 4 [7]."), 1, errNoCitation.Error()},
		{"server unavailable, retried", failure(http.StatusServiceUnavailable, "loading model"), modelAttempts, "503"},
		{"output could not be parsed, not retried", failure(http.StatusInternalServerError,
			"The model produced output that does not match the expected Content-only format"), 1, "500"},
		{"timeout", hang, 1, "no answer within"},
		{"malformed JSON", func(_ int, w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"choices": [{"message": {"content": "June 4 [1]"`)
		}, 1, "chat completion"},
		{"no choices", func(_ int, w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"id":"x","object":"chat.completion","choices":[]}`)
		}, 1, errNoChoice.Error()},
		{"far too long", completion(strings.Repeat("The strike began on June 4 [1]. ", 200)), 1, errTooLong.Error()},
		{"bad request", failure(http.StatusBadRequest, "unknown model"), 1, "400"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Only the hanging server needs a short timeout; the others
			// get room for a slow, loaded machine, so that they fail for
			// their own reason and not for the clock.
			timeout := 5 * time.Second
			if tt.name == "timeout" {
				timeout = 200 * time.Millisecond
			}
			ms := newModelSetup(t, timeout, tt.reply)
			a := ms.ask(t, strikeQuestion)
			if a.Mode != LLMFallback {
				t.Errorf("mode = %q, want %q", a.Mode, LLMFallback)
			}
			if a.Text != want.Text || len(a.Citations) != len(want.Citations) {
				t.Errorf("text = %q, want the extractive answer %q", a.Text, want.Text)
			}
			if got := ms.chat.count(); got != tt.requests {
				t.Errorf("%d requests, want %d", got, tt.requests)
			}
			if logs := ms.logs.String(); !strings.Contains(logs, "answering extractively") || !strings.Contains(logs, tt.logged) {
				t.Errorf("logs do not give the reason %q:\n%s", tt.logged, logs)
			}
		})
	}
}

func TestModelRetriesRateLimit(t *testing.T) {
	ms := newModelSetup(t, 5*time.Second, func(n int, w http.ResponseWriter, r *http.Request) {
		if n == 0 {
			failure(http.StatusTooManyRequests, "slow down")(n, w, r)
			return
		}
		completion("The strike began on June 4 [1].")(n, w, r)
	})
	a := ms.ask(t, strikeQuestion)
	if a.Mode != LLM || ms.chat.count() != 2 {
		t.Errorf("mode %q after %d requests, want llm after 2", a.Mode, ms.chat.count())
	}
}

func TestModelRequestCarriesQuestionAndPassages(t *testing.T) {
	ms := newModelSetup(t, time.Second, completion("June 4 [1]."))
	ms.ask(t, strikeQuestion)
	if ms.chat.count() != 1 {
		t.Fatalf("%d requests, want 1", ms.chat.count())
	}
	req := ms.chat.requests[0]
	if req.Model != "test-model" {
		t.Errorf("model = %q, want test-model", req.Model)
	}
	if ms.chat.auth[0] != "Bearer "+testKey {
		t.Errorf("Authorization = %q, want the bearer key", ms.chat.auth[0])
	}
	if len(req.Messages) != 2 || req.Messages[0].Role != openai.ChatMessageRoleSystem || req.Messages[1].Role != openai.ChatMessageRoleUser {
		t.Fatalf("messages = %+v, want system then user", req.Messages)
	}
	for _, rule := range []string{"only the numbered passages", "[2], or [1][3]", "disagree", noAnswer} {
		if !strings.Contains(req.Messages[0].Content, rule) {
			t.Errorf("instructions lack %q", rule)
		}
	}
	user := req.Messages[1].Content
	if !strings.Contains(user, "Question: "+strikeQuestion) {
		t.Errorf("user message lacks the question:\n%s", user)
	}
	for i, r := range ms.s.results {
		head := fmt.Sprintf("[%d] %q (%s)\n%s", i+1, r.Chunk.Doc.Title, r.Chunk.Doc.Date, r.Chunk.Text)
		if !strings.Contains(user, head) {
			t.Errorf("user message lacks passage %d as %q:\n%s", i+1, head, user)
		}
	}
}

func TestModelDeclines(t *testing.T) {
	ms := newModelSetup(t, time.Second, completion(noAnswer))
	a := ms.ask(t, "What did the workers eat?")
	if !a.Abstained || a.Mode != LLM || len(findMarkers(a.Text)) > 0 || len(a.Citations) == 0 {
		t.Errorf("got %+v, want an abstention by the model offering the passages it read", a)
	}
}

func TestModelKeyNeverLogged(t *testing.T) {
	ms := newModelSetup(t, time.Second, failure(http.StatusUnauthorized, "Incorrect API key provided: "+testKey))
	a := ms.ask(t, strikeQuestion) // ask checks the logs hold no key
	if a.Mode != LLMFallback {
		t.Errorf("mode = %q, want %q", a.Mode, LLMFallback)
	}
	if !strings.Contains(ms.logs.String(), "[redacted]") {
		t.Errorf("logs = %s, want the echoed key redacted", ms.logs)
	}
}

func TestModelStopsWhenCallerGivesUp(t *testing.T) {
	ms := newModelSetup(t, 5*time.Second, func(_ int, _ http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := ms.model.Answer(ctx, strikeQuestion)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the caller's deadline", err)
	}
}

// TestModelServerDown: nothing listens at the model server's address; the
// extractive answer stands in and the log says why.
func TestModelServerDown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	logs := &bytes.Buffer{}
	s := strikePassages()
	m := NewModel(modelapi.Endpoint{BaseURL: "http://" + addr + "/v1", APIKey: testKey}, ModelOptions{Model: "test-model", Timeout: 2 * time.Second},
		NewExtractive(s), slog.New(slog.NewTextHandler(logs, nil)))
	m.backoff = time.Millisecond
	a, err := m.Answer(context.Background(), strikeQuestion)
	if err != nil {
		t.Fatal(err)
	}
	if a.Mode != LLMFallback || a.Abstained {
		t.Errorf("mode %q abstained %v, want an extractive fallback answer", a.Mode, a.Abstained)
	}
	if l := logs.String(); !strings.Contains(l, "answering extractively") || !strings.Contains(l, "connection refused") || strings.Contains(l, testKey) {
		t.Errorf("log does not give the reason (or shows the key):\n%s", l)
	}
}

// TestModelRequestLimits: max_tokens and temperature are sent as set, a
// temperature of 0 included (go-openai's own request would omit it).
func TestModelRequestLimits(t *testing.T) {
	tests := []struct {
		name      string
		o         ModelOptions
		maxTokens float64
		temp      float64
	}{
		{"defaults", ModelOptions{Model: "m"}, DefaultMaxTokens, 0},
		{"set", ModelOptions{Model: "m", MaxTokens: 100, Temperature: 0.5}, 100, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := newModelSetupWith(t, tt.o, strikePassages(), completion("The strike began on June 4 [1]."))
			ms.ask(t, strikeQuestion)
			raw := ms.chat.raw[0]
			if got, ok := raw["max_tokens"].(float64); !ok || got != tt.maxTokens {
				t.Errorf("max_tokens = %v, want %v", raw["max_tokens"], tt.maxTokens)
			}
			if got, ok := raw["temperature"].(float64); !ok || got != tt.temp {
				t.Errorf("temperature = %v (sent: %v), want %v", raw["temperature"], ok, tt.temp)
			}
		})
	}
}

// TestModelGroundedAnswerPasses: a paraphrase whose every sentence the
// cited passages support is shown with its citations.
func TestModelGroundedAnswerPasses(t *testing.T) {
	reply := "The Dockers Union called the port strike, which started on June 4 [2][1]. Roughly 1,200 workers joined it [2]."
	ms := newModelSetup(t, time.Second, completion(reply))
	a := ms.ask(t, strikeQuestion)
	want := "The Dockers Union called the port strike, which started on June 4 [1][2]. Roughly 1,200 workers joined it [1]."
	if a.Mode != LLM || a.Text != want {
		t.Fatalf("mode %q text %q, want llm %q", a.Mode, a.Text, want)
	}
	if len(a.Citations) != 2 || a.Citations[0].Chunk != "a2#1" || a.Citations[1].Chunk != "a1#1" {
		t.Errorf("citations = %+v, want a2#1 then a1#1", a.Citations)
	}
	if strings.Contains(ms.logs.String(), "dropped") {
		t.Errorf("a supported sentence was dropped:\n%s", ms.logs)
	}
}

// TestModelDropsUnsupportedSentences: the sentences the cited passages do
// not support are dropped, each logged with its reason; the rest stands,
// renumbered.
func TestModelDropsUnsupportedSentences(t *testing.T) {
	reply := "The strike began on June 4 [1]. The mayor ordered police to end it on June 9 [1]. " +
		"The Teamsters called the strike [2]. About 1,200 workers joined it [2]."
	ms := newModelSetup(t, time.Second, completion(reply))
	a := ms.ask(t, strikeQuestion)
	if want := "The strike began on June 4 [1]. About 1,200 workers joined it [2]."; a.Mode != LLM || a.Text != want {
		t.Errorf("mode %q text %q, want llm %q", a.Mode, a.Text, want)
	}
	logs := ms.logs.String()
	for _, want := range []string{`the number \"9\"`, `the name \"Teamsters\"`} {
		if !strings.Contains(logs, want) {
			t.Errorf("the log lacks the reason %s:\n%s", want, logs)
		}
	}
}

// TestModelUngroundedFallsBack: replies with well-formed markers that the
// passages do not support are never shown; the extractive answer stands in
// and the log says why.
func TestModelUngroundedFallsBack(t *testing.T) {
	tests := []struct{ name, reply, reason string }{
		{"gibberish", "Qorvath plindle sut [1]. Zubrem ostica vantel morrow [2][3].", "content words"},
		{"wrong passage cited", "The strike began on June 4 [3].", `the number \"4\"`},
		{"made-up name", "Mayor Ortiz ended the strike [1].", `the name \"Ortiz\"`},
		{"other words, same citations", "Farmers blocked the highway with tractors [1][2].", "content words"},
		{"no content", "It was so [1].", "no content words"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := newModelSetup(t, time.Second, completion(tt.reply))
			a := ms.ask(t, strikeQuestion)
			if a.Mode != LLMFallback {
				t.Errorf("mode = %q, want %q (text %q)", a.Mode, LLMFallback, a.Text)
			}
			logs := ms.logs.String()
			for _, want := range []string{"dropped a sentence", tt.reason, errUnsupported.Error(), "answering extractively"} {
				if !strings.Contains(logs, want) {
					t.Errorf("the log lacks %q:\n%s", want, logs)
				}
			}
		})
	}
}

// TestModelPromptFitsContext: passages that do not fit in the context
// beside the reply are cut at a sentence end or left out, and what the
// model read is what the citation shows.
func TestModelPromptFitsContext(t *testing.T) {
	long := func(topic string) string {
		var b strings.Builder
		for i := range 10 {
			fmt.Fprintf(&b, "The %s report number %d was filed by the port authority today. ", topic, i+1)
		}
		return strings.TrimSpace(b.String())
	}
	s := passages(long("first"), long("second"), long("third"))
	passage := estimateTokens(s.results[0].Chunk.Text)
	o := ModelOptions{Model: "m", MaxTokens: 100}
	// Room for the rules, the question, one passage and half another.
	o.ContextTokens = o.MaxTokens + estimateTokens(systemPrompt) + 3*messageOverheadTokens + passage*3/2 + 60
	ms := newModelSetupWith(t, o, s, completion("The port authority filed the first report today [1]. It filed the second report today [2]."))
	a := ms.ask(t, "Who filed the reports?")
	req := ms.chat.requests[0]
	used := 3 * messageOverheadTokens
	for _, msg := range req.Messages {
		used += estimateTokens(msg.Content)
	}
	if used > o.ContextTokens-o.MaxTokens {
		t.Errorf("prompt is %d tokens by the estimate, want at most %d", used, o.ContextTokens-o.MaxTokens)
	}
	user := req.Messages[1].Content
	if !strings.Contains(user, s.results[0].Chunk.Text) || strings.Contains(user, s.results[1].Chunk.Text) || strings.Contains(user, "[3]") {
		t.Fatalf("want passage 1 whole, passage 2 cut and passage 3 left out:\n%s", user)
	}
	if a.Mode != LLM || len(a.Citations) != 2 {
		t.Fatalf("mode %q citations %d, want llm with 2", a.Mode, len(a.Citations))
	}
	cut := a.Citations[1].Text
	if cut == s.results[1].Chunk.Text || !strings.HasPrefix(s.results[1].Chunk.Text, cut) || !strings.HasSuffix(cut, ".") || !strings.Contains(user, cut) {
		t.Errorf("citation 2 = %q, want the part of passage 2 the model read, ending at a sentence", cut)
	}
	if !strings.Contains(ms.logs.String(), "passages cut to fit") {
		t.Errorf("the log does not say the passages were cut:\n%s", ms.logs)
	}
}

func TestModelNoRoomForPassages(t *testing.T) {
	o := ModelOptions{Model: "m", MaxTokens: 512, ContextTokens: 600}
	ms := newModelSetupWith(t, o, strikePassages(), completion("The strike began on June 4 [1]."))
	a := ms.ask(t, strikeQuestion)
	if a.Mode != LLMFallback || ms.chat.count() != 0 {
		t.Errorf("mode %q after %d requests, want llm-fallback without asking", a.Mode, ms.chat.count())
	}
	if !strings.Contains(ms.logs.String(), "CHAT_CONTEXT_TOKENS") {
		t.Errorf("the log does not name the setting to change:\n%s", ms.logs)
	}
}
