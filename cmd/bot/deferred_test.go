package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"dossier/internal/testcorpus"
)

// The README's figure comes from
//
//	go test ./cmd/bot -run TestServeDeliversEveryDeferredAnswer -v -deferred.tries 200
//
// (200 of each kind, on each test story).
var deferredTries = flag.Int("deferred.tries", 20, "deferred interactions of each kind the Unknown Webhook test sends")

// unknownWebhookDiscord is Discord's REST API answering the first edit of
// each deferred interaction with 404 Unknown Webhook (10015), as it does
// for a few seconds after a deferral (discord-api-docs #7220). It counts
// the answers that got through, by token.
type unknownWebhookDiscord struct {
	mu        sync.Mutex
	callbacks map[string]int    // token → deferrals received
	refused   map[string]bool   // token → its first edit was refused
	delivered map[string]string // token → the message that replaced the deferral
}

func (f *unknownWebhookDiscord) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/api/v10/"), "/")
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case r.Method == http.MethodPost && len(parts) == 4 && parts[3] == "callback":
		f.callbacks[parts[2]]++
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodPatch && len(parts) == 5 && parts[0] == "webhooks":
		token := parts[2]
		if !f.refused[token] {
			f.refused[token] = true
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"message":"Unknown Webhook","code":10015}`)
			return
		}
		f.delivered[token] = string(body)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id":"1200000000000000000"}`)
	default:
		http.Error(w, `{"message":"404: Not Found","code":0}`, http.StatusNotFound)
	}
}

// TestServeDeliversEveryDeferredAnswer runs `bot serve` with a model
// server (so /ask defers) against a Discord that refuses the first edit
// after each deferral with Unknown Webhook, and sends deferred /ask and
// /reload interactions: every deferred answer must arrive.
func TestServeDeliversEveryDeferredAnswer(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode")
	}
	for _, story := range testcorpus.Names() {
		t.Run(story, func(t *testing.T) { checkDeferredAnswersArrive(t, testcorpus.Dir(t, story)) })
	}
}

func checkDeferredAnswersArrive(t *testing.T, corpusDir string) {
	discord := &unknownWebhookDiscord{callbacks: map[string]int{}, refused: map[string]bool{}, delivered: map[string]string{}}
	rest := httptest.NewServer(discord)
	defer rest.Close()
	model := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id":"1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"The articles say who published the transcript [1]."},"finish_reason":"stop"}]}`)
	}))
	defer model.Close()
	pub, priv, _ := ed25519.GenerateKey(nil)
	base, stop := startServe(t, env(
		"CORPUS_DIR", corpusDir, "DATA_DIR", t.TempDir(), "DISCORD_PUBLIC_KEY", hex.EncodeToString(pub),
		"DISCORD_API_BASE", rest.URL+"/api/v10", "OPENAI_BASE_URL", model.URL+"/v1", "EMBEDDER", "local",
		"CHAT_MODEL", "m", "RATE_LIMIT_PER_MINUTE", "1000000"))
	defer stop()

	var tokens []string
	var wg sync.WaitGroup
	sem := make(chan struct{}, 16)
	for n := range 2 * *deferredTries {
		kind := []string{"ask", "reload"}[n%2]
		token := fmt.Sprintf("%s-token-%d", kind, n)
		tokens = append(tokens, token)
		var body string
		if kind == "ask" {
			body = fmt.Sprintf(`{"type":2,"id":"%d","application_id":"2","token":"%s","version":1,"guild_id":"3","member":{"user":{"id":"%d"},"permissions":"0"},"data":{"id":"5","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"who published the transcript"}]}}`, 1000+n, token, 5000+n)
		} else {
			body = fmt.Sprintf(`{"type":2,"id":"%d","application_id":"2","token":"%s","version":1,"guild_id":"3","member":{"user":{"id":"%d"},"permissions":"32"},"data":{"id":"6","name":"reload","type":1}}`, 1000+n, token, 5000+n)
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			status := postSigned(t, base, priv, []byte(body))
			if status != http.StatusAccepted {
				t.Errorf("%s: HTTP %d, want 202 after a deferral through the callback endpoint", token, status)
			}
		}()
	}
	wg.Wait()
	lost := 0
	deadline := time.Now().Add(60 * time.Second)
	for _, token := range tokens {
		for {
			discord.mu.Lock()
			msg, ok := discord.delivered[token]
			discord.mu.Unlock()
			if ok {
				if strings.Contains(msg, "something went wrong") {
					t.Errorf("%s: delivered an apology: %s", token, msg)
				}
				break
			}
			if time.Now().After(deadline) {
				lost++
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	t.Logf("%d deferred interactions (%d /ask with a model, %d /reload), first edit of each refused with Unknown Webhook: %d delivered, %d lost",
		len(tokens), *deferredTries, *deferredTries, len(tokens)-lost, lost)
	if lost > 0 {
		t.Errorf("%d deferred answers lost", lost)
	}
	for _, token := range tokens {
		if discord.callbacks[token] != 1 {
			t.Errorf("%s: %d deferrals through the callback endpoint, want 1", token, discord.callbacks[token])
		}
	}
}

// startServe runs `bot serve` on a free loopback port until stop, and
// returns its base URL once it reports ready.
func startServe(t *testing.T, lookup func(string) (string, bool)) (base string, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	errb := &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, stdio{strings.NewReader(""), io.Discard, errb}, lookup)
	}()
	stop = func() {
		cancel()
		select {
		case <-done:
		case <-time.After(40 * time.Second):
			t.Error("serve did not stop")
		}
	}
	addrRE := regexp.MustCompile(`addr=(127\.0\.0\.1:\d+)`)
	for deadline := time.Now().Add(20 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := addrRE.FindStringSubmatch(errb.String()); m != nil {
			base = "http://" + m[1]
		}
	}
	for deadline := time.Now().Add(30 * time.Second); base != "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base, stop
			}
		}
	}
	stop()
	t.Fatalf("serve did not become ready:\n%s", errb.String())
	return "", nil
}

// postSigned sends a signed interaction and returns the HTTP status.
func postSigned(t *testing.T, base string, priv ed25519.PrivateKey, body []byte) int {
	_, status := postSignedBody(t, base, priv, body)
	return status
}

// postSignedBody sends a signed interaction and returns the reply.
func postSignedBody(t *testing.T, base string, priv ed25519.PrivateKey, body []byte) (string, int) {
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, _ := http.NewRequest(http.MethodPost, base+"/interactions", bytes.NewReader(body))
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), body...))))
	req.Header.Set("X-Signature-Timestamp", ts)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Error(err)
		return "", 0
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return string(b), resp.StatusCode
}
