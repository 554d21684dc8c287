package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"dossier/internal/discord"
	"dossier/internal/testcorpus"
)

// The load test's size. CI runs it small under -race; the figures in the
// README come from
//
//	go test ./cmd/bot -run TestLoad -v -load.requests 30000 -load.clients 16
var (
	loadRequests = flag.Int("load.requests", 400, "signed interactions the load test sends")
	loadClients  = flag.Int("load.clients", 8, "concurrent clients of the load test")
	loadFor      = flag.Duration("load.max", 2*time.Minute, "bound on the load test's sending time")
	loadOnly     = flag.String("load.only", "", "send only this kind: ask, quote or autocomplete")
	// With -load.url the test sends to a bot already running elsewhere
	// ("bot serve" in another process, to measure its memory alone), signing
	// with -load.seed, the hex Ed25519 seed of the key whose public half the
	// bot was given. No reloads run then.
	loadURL  = flag.String("load.url", "", "interactions URL of a running bot (default: start one in the test)")
	loadSeed = flag.String("load.seed", "", "hex Ed25519 private key seed for -load.url")
)

// loadKind is one kind of interaction the load test sends.
type loadKind struct {
	name   string
	body   func(n int) string
	expect string // in every good response body
}

// loadKinds: mostly /ask (the bot's main job), some /quote and autocomplete.
// Each request comes from a different user, as in a busy server.
var loadKinds = []loadKind{
	{"ask", func(n int) string {
		qs := []string{"who leaked the call", "When did the Witkoff-Ushakov call take place?", "What did Ushakov say about WhatsApp?", "How many points were in the original peace plan?"}
		return slash(n, "ask", `{"name":"question","type":3,"value":"`+qs[n%len(qs)]+`"}`)
		// A reply cites passages whether it answers or abstains (whether
		// it answers right is TestQuality's concern, not the load's).
	}, `**[1]**`},
	{"quote", func(n int) string {
		return slash(n, "quote", `{"name":"speaker","type":3,"value":"Ushakov"},{"name":"about","type":3,"value":"WhatsApp"}`)
	}, `Quotes of Yuri Ushakov`},
	{"autocomplete", func(n int) string {
		return fmt.Sprintf(`{"type":4,"id":"%d","application_id":"2","token":"t%d","version":1,"guild_id":"3","member":{"user":{"id":"%d"},"permissions":"0"},"data":{"id":"5","name":"quote","type":1,"options":[{"name":"speaker","type":3,"value":"wit","focused":true}]}}`, n, n, 1000+n)
	}, `"value":"Steve Witkoff"`},
}

func slash(n int, name, options string) string {
	return fmt.Sprintf(`{"type":2,"id":"%d","application_id":"2","token":"t%d","version":1,"guild_id":"3","member":{"user":{"id":"%d"},"permissions":"0"},"data":{"id":"5","name":"%s","type":1,"options":[%s]}}`, n, n, 1000+n, name, options)
}

// signedRequest is a request body with its signature headers, made before
// the clock starts: signing is the client's cost, not the server's.
type signedRequest struct {
	kind    int
	body    []byte
	sig, ts string
	latency time.Duration
	sent    bool
	// problem says what was wrong with the response; empty when it was a
	// right answer. Bodies are not kept, so the process's memory is the
	// server's.
	problem string
}

// TestLoad starts the HTTP interactions endpoint on loopback over a copy of
// the corpus and sends signed /ask, /quote and autocomplete interactions
// from concurrent clients while a moderator-style reload, which changes an
// article each time, runs every second. It reports throughput and latency
// percentiles; it asserts that every request was answered, correctly, and
// that every reload succeeded — never a time.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test skipped in -short mode")
	}
	if *loadURL != "" {
		seed, err := hex.DecodeString(*loadSeed)
		if err != nil || len(seed) != ed25519.SeedSize {
			t.Fatalf("-load.seed: want %d hex-encoded bytes", ed25519.SeedSize)
		}
		reqs := signedRequests(t, ed25519.NewKeyFromSeed(seed))
		elapsed := sendAll(*loadURL, reqs)
		report(t, reqs, elapsed, 0)
		return
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	corpusDir := t.TempDir()
	testcorpus.CopyTo(t, testcorpus.Seed, corpusDir)
	files := testcorpus.Files(t, testcorpus.Seed)
	pub, priv, _ := ed25519.GenerateKey(nil)
	m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, LookupEnv: env(
		"CORPUS_DIR", corpusDir, "DATA_DIR", t.TempDir(), "LOG_LEVEL", "error",
		"RATE_LIMIT_PER_MINUTE", "1000000", "DISCORD_PUBLIC_KEY", hex.EncodeToString(pub))}
	if err := m.ParseFlags([]string{"serve"}); err != nil {
		t.Fatal(err)
	}
	b, err := m.newBot(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	srv := discord.NewServer(discord.ServerOptions{PublicKey: pub, Dispatcher: b.reg, Ready: b.ready})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln, 10*time.Second) }()
	url := "http://" + ln.Addr().String() + "/interactions"

	reqs := signedRequests(t, priv)

	// A reload every second, each changing one article, as a moderator
	// editing the corpus would.
	var reloads, reloadErrors atomic.Int64
	stopReloads := make(chan struct{})
	reloadsDone := make(chan struct{})
	go func() {
		defer close(reloadsDone)
		path := filepath.Join(corpusDir, filepath.Base(files[0]))
		orig, _ := os.ReadFile(path)
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for i := 0; ; i++ {
			if i > 0 { // the first reload starts with the load
				select {
				case <-stopReloads:
					return
				case <-tick.C:
				}
			}
			os.WriteFile(path, append(slices.Clip(orig), fmt.Sprintf("\nThe reload test added sentence number %d.\n", i)...), 0o644)
			if _, err := b.lib.Reload(ctx); err != nil {
				reloadErrors.Add(1)
				t.Errorf("reload %d: %v", i, err)
			}
			reloads.Add(1)
		}
	}()

	elapsed := sendAll(url, reqs)
	close(stopReloads)
	<-reloadsDone
	cancel()
	if err := <-served; err != nil {
		t.Errorf("server: %v", err)
	}

	report(t, reqs, elapsed, reloads.Load())
	if reloadErrors.Load() > 0 {
		t.Errorf("%d reloads failed", reloadErrors.Load())
	}
}

// signedRequests makes the requests: 70% /ask, 15% /quote, 15%
// autocomplete, unless -load.only says otherwise.
func signedRequests(t *testing.T, priv ed25519.PrivateKey) []*signedRequest {
	t.Helper()
	reqs := make([]*signedRequest, *loadRequests)
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	for n := range reqs {
		k := 0
		switch n % 20 {
		case 0, 7, 14:
			k = 1
		case 3, 10, 17:
			k = 2
		}
		if *loadOnly != "" {
			k = slices.IndexFunc(loadKinds, func(l loadKind) bool { return l.name == *loadOnly })
			if k < 0 {
				t.Fatalf("-load.only %q: want ask, quote or autocomplete", *loadOnly)
			}
		}
		body := []byte(loadKinds[k].body(n))
		reqs[n] = &signedRequest{kind: k, body: body, ts: ts,
			sig: hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), body...)))}
	}
	return reqs
}

// sendAll sends the requests from -load.clients concurrent clients, each
// sending its next request as soon as the last is answered, and returns
// how long it took.
func sendAll(url string, reqs []*signedRequest) time.Duration {
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: *loadClients}}
	var next atomic.Int64
	var wg sync.WaitGroup
	deadline := time.Now().Add(*loadFor)
	start := time.Now()
	for c := 0; c < *loadClients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				n := int(next.Add(1)) - 1
				if n >= len(reqs) || time.Now().After(deadline) {
					return
				}
				send(client, url, reqs[n])
			}
		}()
	}
	wg.Wait()
	return time.Since(start)
}

func send(client *http.Client, url string, r *signedRequest) {
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(r.body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Ed25519", r.sig)
	req.Header.Set("X-Signature-Timestamp", r.ts)
	t0 := time.Now()
	r.sent = true
	resp, err := client.Do(req)
	if err != nil {
		r.problem = err.Error()
		return
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	r.latency = time.Since(t0)
	switch {
	case resp.StatusCode != http.StatusOK:
		r.problem = fmt.Sprintf("status %d: %.200s", resp.StatusCode, body)
	case !bytes.Contains(body, []byte(loadKinds[r.kind].expect)):
		r.problem = fmt.Sprintf("no %s in %.200s", loadKinds[r.kind].expect, body)
	case bytes.Contains(body, []byte(`"flags":64`)): // private: an error or a refusal
		r.problem = fmt.Sprintf("private reply %.200s", body)
	}
}

// report logs throughput and latency percentiles per kind, and fails the
// test for every request that was dropped or answered wrongly.
func report(t *testing.T, reqs []*signedRequest, elapsed time.Duration, reloads int64) {
	t.Helper()
	var all []time.Duration
	byKind := make([][]time.Duration, len(loadKinds))
	sent, bad := 0, 0
	for _, r := range reqs {
		if !r.sent {
			continue // the time bound was reached first
		}
		sent++
		if r.problem != "" {
			if bad++; bad <= 5 {
				t.Errorf("%s request: %s", loadKinds[r.kind].name, r.problem)
			}
			continue
		}
		all = append(all, r.latency)
		byKind[r.kind] = append(byKind[r.kind], r.latency)
	}
	if sent < len(reqs) {
		t.Logf("the time bound stopped the test after %d of %d requests", sent, len(reqs))
	}
	if bad > 0 {
		t.Errorf("%d of %d requests dropped or answered wrongly", bad, sent)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d signed interactions from %d clients in %s (%d reloads meanwhile): %.0f per second\n",
		sent, *loadClients, elapsed.Round(time.Millisecond), reloads, float64(sent)/elapsed.Seconds())
	fmt.Fprintf(&b, "%-13s %7s %9s %9s %9s\n", "kind", "count", "p50", "p99", "max")
	line := func(name string, d []time.Duration) {
		if len(d) == 0 {
			return
		}
		slices.Sort(d)
		fmt.Fprintf(&b, "%-13s %7d %9s %9s %9s\n", name, len(d), pct(d, 50), pct(d, 99), d[len(d)-1].Round(time.Microsecond))
	}
	for k, d := range byKind {
		line(loadKinds[k].name, d)
	}
	line("all", all)
	if peak := peakRSS(); peak != "" {
		fmt.Fprintf(&b, "peak resident memory of the test process (server and clients): %s\n", peak)
	}
	t.Log("\n" + b.String())
}

// peakRSS is the process's peak resident set size, where Linux reports it.
func peakRSS() string {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

func pct(sorted []time.Duration, p int) time.Duration {
	i := (len(sorted)*p + 99) / 100
	return sorted[min(max(i-1, 0), len(sorted)-1)].Round(time.Microsecond)
}
