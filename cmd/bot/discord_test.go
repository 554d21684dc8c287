package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
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

// env is an environment holding only the given variables.
func env(kv ...string) func(string) (string, bool) {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

// syncBuffer is a buffer that a running command writes while the test
// reads it.
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

func TestConsoleIsTheDefaultWithoutAToken(t *testing.T) {
	in := "/ask who leaked the call\n/quote Ushakov\n/sources\n"
	var out, errb bytes.Buffer
	code := run(t.Context(), nil, stdio{strings.NewReader(in), &out, &errb},
		env("CORPUS_DIR", testcorpus.SeedDir(t), "DATA_DIR", t.TempDir()))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(errb.String(), "DISCORD_TOKEN is not set") || !strings.Contains(errb.String(), `"bot run"`) {
		t.Errorf("the console did not say that no token is set and how to connect:\n%s", errb.String())
	}
	got := out.String()
	for _, want := range []string{
		"> /ask who leaked the call\n== who leaked the call ==\n", "\nSources\n[1] ",
		"> /quote Ushakov\n== Quotes of ", "\n— ",
		"> /sources\n== The 5 articles I answer from ==",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("transcript lacks %q:\n%s", want, got)
		}
	}
	if m := regexp.MustCompile(`(\d+) passages indexed, (\d+) quotes found`).FindStringSubmatch(got); m == nil || m[1] == "0" || m[2] == "0" {
		t.Errorf("/sources counts %v, want passages and quotes", m)
	}
	if strings.Contains(got, "something went wrong") || strings.Contains(got, "(only you can see this)") {
		t.Errorf("a command failed:\n%s", got)
	}
}

func TestNoCommandWithATokenRunsTheGateway(t *testing.T) {
	fake := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, `{"message":"401: Unauthorized","code":0}`, http.StatusUnauthorized)
	}))
	defer fake.Close()
	var out, errb bytes.Buffer
	code := run(t.Context(), nil, stdio{strings.NewReader(""), &out, &errb}, env(
		"CORPUS_DIR", testcorpus.SeedDir(t), "DATA_DIR", t.TempDir(),
		"DISCORD_TOKEN", "not-a-real-token", "DISCORD_API_BASE", fake.URL+"/api/v10"))
	if code == 0 || !strings.Contains(errb.String(), "look up the application id") {
		t.Errorf("exit %d, stderr %q: want the gateway mode's failure to look up the application", code, errb.String())
	}
	if strings.Contains(errb.String(), "not-a-real-token") {
		t.Error("the token appears in the output")
	}
}

func TestHelpPrintsUsage(t *testing.T) {
	code, out, _ := runBot(t, "help")
	for _, want := range []string{"run ", "serve ", "console ", "register ", "index ", "search "} {
		if code != 0 || !strings.Contains(out, "  "+want) {
			t.Errorf("help (exit %d) lacks %q:\n%s", code, want, out)
		}
	}
}

func TestDiscordModesNeedTheirCredentials(t *testing.T) {
	tests := []struct {
		cmd, want string
	}{
		{"run", "DISCORD_TOKEN"},
		{"register", "DISCORD_TOKEN"},
		{"serve", "DISCORD_PUBLIC_KEY"},
	}
	for _, tt := range tests {
		code, _, errOut := runBot(t, tt.cmd)
		if code == 0 || !strings.Contains(errOut, tt.want) {
			t.Errorf("%s: exit %d, stderr %q; want an error naming %s", tt.cmd, code, errOut, tt.want)
		}
	}
}

// TestRegisterSendsTheCommands: bot register sends every command to the
// fake Discord; /reload and /article are hidden from members without
// Manage Server ("32"), unless MODERATOR_ROLE_IDS names moderator roles:
// then both are listed for everyone (Discord would hide them from the
// role) and checked server-side.
func TestRegisterSendsTheCommands(t *testing.T) {
	for _, tt := range []struct {
		name, roles, wantPerms string
	}{
		{"moderators by permission", "", "32"},
		{"moderators by role", "333", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got struct {
				method, path, auth string
				body               []byte
			}
			fake := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				got.method, got.path, got.auth = r.Method, r.URL.Path, r.Header.Get("Authorization")
				got.body, _ = io.ReadAll(r.Body)
				w.Header().Set("Content-Type", "application/json")
				w.Write(got.body)
			}))
			defer fake.Close()
			var out, errb bytes.Buffer
			code := run(t.Context(), []string{"register"}, stdio{strings.NewReader(""), &out, &errb}, env(
				"DISCORD_TOKEN", "tok", "DISCORD_APP_ID", "111", "DISCORD_GUILD_ID", "222", "DISCORD_API_BASE", fake.URL+"/api/v10",
				"MODERATOR_ROLE_IDS", tt.roles))
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			if got.method != http.MethodPut || got.path != "/api/v10/applications/111/guilds/222/commands" || got.auth != "Bot tok" {
				t.Errorf("request %s %s (auth %q), want PUT /api/v10/applications/111/guilds/222/commands with the bot token", got.method, got.path, got.auth)
			}
			var cmds []struct {
				Name                     string
				DefaultMemberPermissions *string `json:"default_member_permissions"`
				IntegrationTypes         []int   `json:"integration_types"`
				Contexts                 []int   `json:"contexts"`
			}
			json.Unmarshal(got.body, &cmds)
			var names []string
			for _, c := range cmds {
				names = append(names, c.Name)
				if len(c.IntegrationTypes) != 1 || c.IntegrationTypes[0] != 0 {
					t.Errorf("/%s registered with integration_types %v, want [0] (server installs only)", c.Name, c.IntegrationTypes)
				}
				if c.Name != "reload" && c.Name != "article" {
					continue
				}
				perms := ""
				if c.DefaultMemberPermissions != nil {
					perms = *c.DefaultMemberPermissions
				}
				if perms != tt.wantPerms {
					t.Errorf("/%s registered with default_member_permissions %q, want %q", c.Name, perms, tt.wantPerms)
				}
				if len(c.Contexts) != 1 || c.Contexts[0] != 0 {
					t.Errorf("/%s registered with contexts %v, want [0] (servers only)", c.Name, c.Contexts)
				}
			}
			if strings.Join(names, " ") != "ask quote sources reload article help" {
				t.Errorf("registered %v", names)
			}
			if !strings.Contains(out.String(), "registered 6 commands for application 111") {
				t.Errorf("stdout %q", out.String())
			}
		})
	}
}

func TestServeAnswersSignedInteractions(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(nil)
	ctx, cancel := context.WithCancel(t.Context())
	errb := &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, stdio{strings.NewReader(""), io.Discard, errb}, env(
			"CORPUS_DIR", testcorpus.SeedDir(t), "DATA_DIR", t.TempDir(), "DISCORD_PUBLIC_KEY", hex.EncodeToString(pub)))
	}()
	addrRE := regexp.MustCompile(`addr=(127\.0\.0\.1:\d+)`)
	var addr string
	for deadline := time.Now().Add(20 * time.Second); addr == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := addrRE.FindStringSubmatch(errb.String()); m != nil {
			addr = m[1]
		}
	}
	if addr == "" {
		cancel()
		t.Fatalf("serve did not start:\n%s", errb.String())
	}
	base := "http://" + addr
	// The endpoint listens while the articles load, and reports not ready
	// (503) until they have.
	ready := false
	for deadline := time.Now().Add(20 * time.Second); !ready && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		resp, err := http.Get(base + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		switch resp.StatusCode {
		case http.StatusOK:
			ready = true
		case http.StatusServiceUnavailable:
		default:
			t.Fatalf("healthz answered %d", resp.StatusCode)
		}
	}
	if !ready {
		t.Fatal("healthz never reported ready")
	}
	body := []byte(`{"type":2,"id":"1","application_id":"2","token":"t","version":1,"guild_id":"3","member":{"user":{"id":"4"},"permissions":"0"},"data":{"id":"5","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"who leaked the call"}]}}`)
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, _ := http.NewRequest(http.MethodPost, base+"/interactions", bytes.NewReader(body))
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), body...))))
	req.Header.Set("X-Signature-Timestamp", ts)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	reply, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Contains(reply, []byte(`"type":4`)) || !bytes.Contains(reply, []byte(`**Sources**`)) {
		t.Errorf("signed /ask: %d %s, want an answer with sources", resp.StatusCode, reply)
	}
	req, _ = http.NewRequest(http.MethodPost, base+"/interactions", bytes.NewReader(body))
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("unsigned request: %v %v, want 401", resp, err)
	}
	resp, err = http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{
		`dossier_interactions_total{command="ask",outcome="ok"} 1`,
		`dossier_answers_total{mode="extractive"} 1`,
		`dossier_interaction_seconds_count{command="ask"} 1`,
		`dossier_reloads_total{outcome="ok"} 1`,
		`dossier_index_articles 5`,
	} {
		if !bytes.Contains(metrics, []byte(want)) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d after the signal, want 0:\n%s", code, errb.String())
		}
	case <-time.After(40 * time.Second):
		t.Fatal("serve did not stop")
	}
}

// TestServeRefusesReloadOutsideHomeServers: the corpus serves every server
// the bot is in, so /reload is refused, server-side, to a moderator of any
// server outside HOME_GUILD_IDS, and allowed in a home server.
func TestServeRefusesReloadOutsideHomeServers(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(nil)
	rest := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	defer rest.Close()
	base, stop := startServe(t, env("CORPUS_DIR", testcorpus.SeedDir(t), "DATA_DIR", t.TempDir(),
		"DISCORD_PUBLIC_KEY", hex.EncodeToString(pub), "DISCORD_API_BASE", rest.URL+"/api/v10", "HOME_GUILD_IDS", "111"))
	defer stop()
	reload := func(guild string) string {
		return `{"type":2,"id":"7","application_id":"2","token":"t-` + guild + `","version":1,"guild_id":"` + guild + `","member":{"user":{"id":"4"},"permissions":"32"},"data":{"id":"6","name":"reload","type":1}}`
	}
	body, status := postSignedBody(t, base, priv, []byte(reload("222")))
	if status != http.StatusOK || !strings.Contains(body, "home server") || !strings.Contains(body, `"flags":64`) {
		t.Errorf("/reload from server 222 by a Manage Server member: %d %s, want a private refusal naming the home server", status, body)
	}
	if _, status := postSignedBody(t, base, priv, []byte(reload("111"))); status != http.StatusAccepted {
		t.Errorf("/reload from the home server 111: HTTP %d, want 202 (deferred, then reloaded)", status)
	}
}

// TestRegisterClearGuild: moving from one server's registration to global
// leaves the server's copies, which Discord shows beside the global ones;
// register --clear-guild removes them first.
func TestRegisterClearGuild(t *testing.T) {
	var mu sync.Mutex
	var reqs []string
	fake := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var cmds []any
		json.Unmarshal(body, &cmds)
		mu.Lock()
		reqs = append(reqs, r.Method+" "+r.URL.Path+" "+strconv.Itoa(len(cmds)))
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	}))
	defer fake.Close()
	var out, errb bytes.Buffer
	code := run(t.Context(), []string{"register", "--clear-guild", "222"}, stdio{strings.NewReader(""), &out, &errb}, env(
		"DISCORD_TOKEN", "tok", "DISCORD_APP_ID", "111", "DISCORD_API_BASE", fake.URL+"/api/v10"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	want := "PUT /api/v10/applications/111/guilds/222/commands 0\nPUT /api/v10/applications/111/commands 6"
	if got := strings.Join(reqs, "\n"); !strings.HasPrefix(got, want) {
		t.Errorf("requests:\n%s\nwant:\n%s", got, want)
	}
	if !strings.Contains(out.String(), "removed the commands registered in server 222") {
		t.Errorf("stdout %q", out.String())
	}
}

// TestOnlyShardZeroRegisters: processes that each run one shard share one
// registration, shard 0's; shard 1 goes straight to the gateway.
func TestOnlyShardZeroRegisters(t *testing.T) {
	var mu sync.Mutex
	var reqs []string
	fake := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		reqs = append(reqs, r.Method+" "+r.URL.Path)
		mu.Unlock()
		http.Error(w, `{"message":"401: Unauthorized","code":0}`, http.StatusUnauthorized)
	}))
	defer fake.Close()
	var out, errb bytes.Buffer
	code := run(t.Context(), []string{"run"}, stdio{strings.NewReader(""), &out, &errb}, env(
		"CORPUS_DIR", testcorpus.SeedDir(t), "DATA_DIR", t.TempDir(), "DISCORD_TOKEN", "tok", "DISCORD_APP_ID", "111",
		"DISCORD_SHARD_ID", "1", "DISCORD_SHARD_COUNT", "2", "DISCORD_API_BASE", fake.URL+"/api/v10"))
	if code == 0 || !strings.Contains(errb.String(), "shard 1 of 2") {
		t.Errorf("exit %d, stderr %q: want shard 1 of 2 to fail to connect to the fake", code, errb.String())
	}
	mu.Lock()
	defer mu.Unlock()
	for _, r := range reqs {
		if strings.HasPrefix(r, "PUT ") {
			t.Errorf("shard 1 registered the commands: %s", r)
		}
	}
	if len(reqs) == 0 {
		t.Error("shard 1 never asked Discord for the gateway")
	}
}
