package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"dossier/internal/analysis"
	"dossier/internal/embed"
	"dossier/internal/lang"
	"dossier/internal/testcorpus"
)

// writableSeeds copies the seed story into a directory the test may change.
func writableSeeds(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range testcorpus.Files(t, testcorpus.Seed) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// newsSite serves the extraction fixtures (real news pages) on loopback and
// counts the requests it gets.
func newsSite(t *testing.T) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	hits := &atomic.Int64{}
	files := http.FileServer(http.Dir("../../internal/extract/testdata"))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, hits
}

// fakeDiscordREST records what the bot sends to Discord's REST API: the
// deferrals (POST /interactions/{id}/{token}/callback) and the follow-ups
// that replace them.
type fakeDiscordREST struct {
	mu        sync.Mutex
	callbacks []string // bodies of POST …/callback
	edits     []string // bodies of PATCH …/messages/@original and POST …/webhooks
}

func (f *fakeDiscordREST) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case r.Method == http.MethodPost && strings.HasPrefix(r.URL.Path, "/api/v10/interactions/") && strings.HasSuffix(r.URL.Path, "/callback"):
		f.callbacks = append(f.callbacks, string(body))
		w.WriteHeader(http.StatusNoContent)
		return
	case strings.HasPrefix(r.URL.Path, "/api/v10/webhooks/") && (r.Method == http.MethodPatch || r.Method == http.MethodPost):
		f.edits = append(f.edits, string(body))
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write([]byte(`{"id":"900","channel_id":"600"}`))
}

// lastCallback is the last deferral received.
func (f *fakeDiscordREST) lastCallback() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.callbacks) == 0 {
		return ""
	}
	return f.callbacks[len(f.callbacks)-1]
}

// waitEdit waits for a follow-up that holds want and returns it.
func (f *fakeDiscordREST) waitEdit(t *testing.T, want string) string {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		f.mu.Lock()
		for _, e := range f.edits {
			if strings.Contains(e, want) {
				f.mu.Unlock()
				return e
			}
		}
		f.mu.Unlock()
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	t.Fatalf("no follow-up holds %q; got %q", want, f.edits)
	return ""
}

// endpoint is a running `bot serve` and the key that signs for Discord.
type endpoint struct {
	base string
	priv ed25519.PrivateKey
	n    atomic.Int64
}

// interact posts a signed slash command from server 3 and returns the
// decoded response.
func (e *endpoint) interact(t *testing.T, perms, data string) (int, map[string]any, string) {
	t.Helper()
	return e.interactIn(t, "3", 2, perms, data)
}

// interactIn posts a signed interaction of type typ (2 command, 3 button,
// 4 autocomplete) from a member of server guild.
func (e *endpoint) interactIn(t *testing.T, guild string, typ int, perms, data string) (int, map[string]any, string) {
	t.Helper()
	id := e.n.Add(1)
	message := ""
	if typ == 3 { // a button is pressed on a (private) message of ours
		message = `"message":{"id":"77","channel_id":"600","flags":64},`
	}
	body := fmt.Appendf(nil, `{"type":%d,"id":"%d","application_id":"2","token":"tok%d","version":1,"guild_id":%q,"member":{"user":{"id":"4"},"permissions":%q},%s"data":%s}`,
		typ, id, id, guild, perms, message, data)
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, _ := http.NewRequest(http.MethodPost, e.base+"/interactions", bytes.NewReader(body))
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(e.priv, append([]byte(ts), body...))))
	req.Header.Set("X-Signature-Timestamp", ts)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out map[string]any
	json.Unmarshal(raw, &out)
	return resp.StatusCode, out, string(raw)
}

// startModServe runs `bot serve` until the test ends and waits until it is ready.
func startModServe(t *testing.T, vars ...string) *endpoint {
	t.Helper()
	pub, priv, _ := ed25519.GenerateKey(nil)
	ctx, cancel := context.WithCancel(context.Background())
	errb := &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, stdio{strings.NewReader(""), io.Discard, errb},
			env(append(vars, "DISCORD_PUBLIC_KEY", hex.EncodeToString(pub))...))
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(40 * time.Second):
			t.Error("serve did not stop")
		}
	})
	addrRE := regexp.MustCompile(`addr=(127\.0\.0\.1:\d+)`)
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := addrRE.FindStringSubmatch(errb.String()); m != nil {
			e := &endpoint{base: "http://" + m[1], priv: priv}
			for time.Now().Before(deadline) {
				if resp, err := http.Get(e.base + "/healthz"); err == nil {
					resp.Body.Close()
					if resp.StatusCode == http.StatusOK {
						return e
					}
				}
				time.Sleep(10 * time.Millisecond)
			}
		}
	}
	t.Fatalf("serve did not become ready:\n%s", errb.String())
	return nil
}

const (
	manageServer = "32"
	noRights     = "0"
	// The fact only the added article holds, asked as a member would.
	sagQuestion = `{"id":"5","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"Which film won the top prize of best cast ensemble at the SAG awards?"}]}`
	sagTitle    = "scores historic upset at SAG awards"
)

func articleData(sub string, opts string) string {
	return fmt.Sprintf(`{"id":"6","name":"article","type":1,"options":[{"name":%q,"type":1,"options":[%s]}]}`, sub, opts)
}

// TestArticleAddAskRemoveThroughTheEndpoint: a moderator adds a page with
// /article add, /ask then answers from it with a citation; after /article
// remove the same question no longer cites it. A member is refused and
// nothing is fetched.
func TestArticleAddAskRemoveThroughTheEndpoint(t *testing.T) {
	site, hits := newsSite(t)
	discord := &fakeDiscordREST{}
	discordSrv := httptest.NewServer(discord)
	defer discordSrv.Close()
	e := startModServe(t, "CORPUS_DIR", writableSeeds(t), "DATA_DIR", t.TempDir(),
		"DISCORD_API_BASE", discordSrv.URL+"/api/v10", "ARTICLE_FETCH_ALLOW_PRIVATE", "true")

	// Before: the articles don't say.
	_, _, before := e.interact(t, noRights, sagQuestion)
	if strings.Contains(before, sagTitle) {
		t.Fatalf("the seed story already cites the SAG article: %s", before)
	}

	// A member is refused, privately, and the site sees no request.
	code, resp, raw := e.interact(t, noRights, articleData("add", fmt.Sprintf(`{"name":"url","type":3,"value":%q}`, site.URL+"/wire-reuters.html")))
	if code != 200 || resp["type"] != float64(4) || !strings.Contains(raw, "Only moderators") || !strings.Contains(raw, `"flags":64`) {
		t.Errorf("member's /article add: %d %s, want a private refusal", code, raw)
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the news site got %d requests from a member's command, want 0", n)
	}

	// A moderator adds the page: deferred privately (through the callback
	// endpoint, so the HTTP answer is 202), then the follow-up.
	code, _, raw = e.interact(t, manageServer, articleData("add", fmt.Sprintf(`{"name":"url","type":3,"value":%q}`, site.URL+"/wire-reuters.html")))
	if cb := discord.lastCallback(); code != http.StatusAccepted || !strings.Contains(cb, `"type":5`) || !strings.Contains(cb, `"flags":64`) {
		t.Fatalf("moderator's /article add: %d %s, deferral %s; want a private deferral", code, raw, cb)
	}
	added := discord.waitEdit(t, "Added:")
	for _, want := range []string{sagTitle, `\u003ct:1579521600:D\u003e`, "Reuters", "LOS ANGELES (Reuters)", `"label":"Keep"`, `"label":"Undo"`} {
		if !strings.Contains(added, want) {
			t.Errorf("the added reply lacks %q: %s", want, added)
		}
	}
	if hits.Load() != 1 {
		t.Errorf("the news site got %d requests, want 1", hits.Load())
	}

	// /ask now answers from the new article and cites it.
	_, _, after := e.interact(t, noRights, sagQuestion)
	if !strings.Contains(after, "Parasite") || !strings.Contains(after, "**Sources**") || !strings.Contains(after, sagTitle) {
		t.Fatalf("/ask after adding: %s, want an answer citing the article", after)
	}

	// /article remove, then the same question no longer cites it.
	id := regexp.MustCompile(`article:undo\|([a-z0-9-]+)`).FindStringSubmatch(added)
	if id == nil {
		t.Fatalf("no Undo button id in %s", added)
	}
	code, _, raw = e.interact(t, manageServer, articleData("remove", fmt.Sprintf(`{"name":"article","type":3,"value":%q}`, id[1])))
	if code != http.StatusAccepted {
		t.Fatalf("/article remove: %d %s, want a deferral", code, raw)
	}
	discord.waitEdit(t, "Removed:")
	_, _, removed := e.interact(t, noRights, sagQuestion)
	if strings.Contains(removed, sagTitle) {
		t.Errorf("/ask after removing still cites the article: %s", removed)
	}
}

// TestArticleRefusedOutsideTheHomeServers: with HOME_GUILD_IDS naming
// another server, a member with Manage Server here is refused /article
// (every subcommand, its autocomplete and every button: Keep, Undo, Keep
// anyway, Discard, the list's pages) privately and at once: nothing is
// deferred, the article site sees no request and the corpus is unchanged.
// The same moderator in the home server is answered.
func TestArticleRefusedOutsideTheHomeServers(t *testing.T) {
	site, hits := newsSite(t)
	discord := &fakeDiscordREST{}
	discordSrv := httptest.NewServer(discord)
	defer discordSrv.Close()
	dir := writableSeeds(t)
	before := tree(t, dir)
	e := startModServe(t, "CORPUS_DIR", dir, "DATA_DIR", t.TempDir(), "HOME_GUILD_IDS", "999",
		"DISCORD_API_BASE", discordSrv.URL+"/api/v10", "ARTICLE_FETCH_ALLOW_PRIVATE", "true")
	const seedID = "ushakov-fake-transcript"
	for _, tt := range []struct {
		name string
		typ  int
		data string
	}{
		{"add url", 2, articleData("add", fmt.Sprintf(`{"name":"url","type":3,"value":%q}`, site.URL+"/wire-reuters.html"))},
		{"add file", 2, `{"id":"6","name":"article","type":1,"options":[{"name":"add","type":1,"options":[{"name":"file","type":11,"value":"900"}]}],` +
			fmt.Sprintf(`"resolved":{"attachments":{"900":{"id":"900","filename":"wire.html","size":1000,"url":%q}}}}`, site.URL+"/wire-reuters.html")},
		{"remove", 2, articleData("remove", fmt.Sprintf(`{"name":"article","type":3,"value":%q}`, seedID))},
		{"list", 2, articleData("list", "")},
		{"Keep", 3, `{"custom_id":"article:keep|` + seedID + `","component_type":2}`},
		{"Undo", 3, `{"custom_id":"article:undo|` + seedID + `","component_type":2}`},
		{"Keep anyway", 3, `{"custom_id":"article:force|pending-one","component_type":2}`},
		{"Discard", 3, `{"custom_id":"article:drop|pending-one","component_type":2}`},
		{"Next page", 3, `{"custom_id":"article:page|1","component_type":2}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, resp, raw := e.interactIn(t, "3", tt.typ, manageServer, tt.data)
			if code != http.StatusOK || resp["type"] != float64(4) || !strings.Contains(raw, "home server") || !strings.Contains(raw, `"flags":64`) {
				t.Errorf("/article %s outside the home servers: %d %s, want a private refusal naming the home server", tt.name, code, raw)
			}
		})
	}
	// Autocomplete shows no titles outside the home servers.
	typing := `{"id":"6","name":"article","type":1,"options":[{"name":"remove","type":1,"options":[{"name":"article","type":3,"value":"putin","focused":true}]}]}`
	if _, _, raw := e.interactIn(t, "3", 4, manageServer, typing); !strings.Contains(raw, `"choices":[]`) {
		t.Errorf("autocomplete outside the home servers: %s, want no titles", raw)
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the news site got %d requests, want 0", n)
	}
	if after := tree(t, dir); after != before {
		t.Errorf("the corpus changed:\nbefore %s\nafter  %s", before, after)
	}
	discord.mu.Lock()
	deferrals := len(discord.callbacks)
	discord.mu.Unlock()
	if deferrals != 0 {
		t.Errorf("%d deferrals sent, want none: the refusal is the first reply", deferrals)
	}

	// The same moderator in the home server: the list, and the titles.
	if code, _, raw := e.interactIn(t, "999", 2, manageServer, articleData("list", "")); code != http.StatusOK || !strings.Contains(raw, "Articles (5)") {
		t.Errorf("/article list in the home server: %d %s", code, raw)
	}
	if _, _, raw := e.interactIn(t, "999", 4, manageServer, typing); !strings.Contains(raw, seedID) {
		t.Errorf("autocomplete in the home server: %s, want the seed article", raw)
	}
}

// tree lists a directory's files, hidden ones and subdirectories included.
func tree(t *testing.T, dir string) string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		names = append(names, rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(names, " ")
}

// TestArticleCommandLine: bot article add FILE|URL, list, remove.
func TestArticleCommandLine(t *testing.T) {
	dir, data := writableSeeds(t), t.TempDir()
	site, _ := newsSite(t)
	vars := env("CORPUS_DIR", dir, "DATA_DIR", data, "ARTICLE_FETCH_ALLOW_PRIVATE", "true")
	bot := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := run(t.Context(), args, stdio{strings.NewReader(""), &out, &errb}, vars)
		return code, out.String(), errb.String()
	}
	article := filepath.Join(t.TempDir(), "harbour.md")
	os.WriteFile(article, []byte("---\ntitle: \"Harbour reopens after storm repairs\"\ndate: 2025-11-02\noutlet: Gazette\n---\n"+
		strings.Repeat("The harbour reopened on Monday after a week of repairs to the main quay, the port authority said. ", 8)), 0o644)

	code, out, errOut := bot("article", "--json", "add", article)
	var got struct {
		ID     string `json:"id"`
		Words  int    `json:"words"`
		Report struct{ Articles int }
	}
	if err := json.Unmarshal([]byte(out), &got); code != 0 || err != nil || got.ID != "harbour-reopens-after-storm-repairs" || got.Report.Articles != 6 {
		t.Fatalf("article add FILE: exit %d, %+v (%v)\n%s%s", code, got, err, out, errOut)
	}
	if code, out, _ := bot("article", "list"); code != 0 || !strings.Contains(out, "harbour-reopens-after-storm-repairs  2025-11-02 · Gazette · Harbour reopens") {
		t.Errorf("article list: exit %d\n%s", code, out)
	}
	if code, _, errOut := bot("article", "add", article); code == 0 || !strings.Contains(errOut, "near-duplicate of harbour-reopens-after-storm-repairs") {
		t.Errorf("second add: exit %d, %s", code, errOut)
	}
	if code, out, errOut := bot("article", "add", "--force", article); code != 0 || !strings.Contains(out, "added harbour-reopens-after-storm-repairs-2") {
		t.Errorf("add --force: exit %d, %s%s", code, out, errOut)
	}
	if code, out, errOut := bot("article", "add", site.URL+"/js-shell.html"); code == 0 || !strings.Contains(errOut, "needs JavaScript") {
		t.Errorf("add a JavaScript page: exit %d, %s%s", code, out, errOut)
	}
	if code, out, errOut := bot("article", "remove", "harbour-reopens-after-storm-repairs"); code != 0 || !strings.Contains(out, "removed harbour-reopens-after-storm-repairs") {
		t.Errorf("remove: exit %d, %s%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, ".removed", "harbour-reopens-after-storm-repairs.md")); err != nil {
		t.Errorf("removed file not kept: %v", err)
	}
	if code, _, errOut := bot("article", "frobnicate"); code == 0 || !strings.Contains(errOut, "usage: bot article add") {
		t.Errorf("bad subcommand: exit %d, %s", code, errOut)
	}
}

// heldEmbeddings speaks /v1/embeddings with the local embedder's vectors;
// while hold is set, each request waits for release, as a slow model
// server does.
type heldEmbeddings struct {
	hold    atomic.Bool
	held    chan struct{} // a request is waiting
	release chan struct{}
}

func (h *heldEmbeddings) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var req struct{ Input []string }
	json.NewDecoder(r.Body).Decode(&req)
	if h.hold.Load() {
		select {
		case h.held <- struct{}{}:
		default:
		}
		<-h.release
	}
	local := embed.NewLocal(analysis.New(lang.English()), 64)
	type item struct {
		Object    string    `json:"object"`
		Index     int       `json:"index"`
		Embedding []float32 `json:"embedding"`
	}
	out := struct {
		Object string `json:"object"`
		Data   []item `json:"data"`
	}{Object: "list"}
	for i, text := range req.Input {
		out.Data = append(out.Data, item{"embedding", i, local.Vector(text)})
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(out)
}

// TestKeepAnywayWithASlowEmbedderIsDeferred: with an embedding server,
// "Keep anyway" reloads the library and embeds the article's passages,
// which may take longer than Discord's three seconds. Through `bot serve`
// the press is acknowledged (202, a deferred update through the callback
// endpoint) while the embedding server still holds the request; the
// message becomes "Added:" once it answers.
func TestKeepAnywayWithASlowEmbedderIsDeferred(t *testing.T) {
	site, _ := newsSite(t)
	discord := &fakeDiscordREST{}
	discordSrv := httptest.NewServer(discord)
	defer discordSrv.Close()
	emb := &heldEmbeddings{held: make(chan struct{}, 1), release: make(chan struct{})}
	embSrv := httptest.NewServer(emb)
	defer embSrv.Close()
	defer func() {
		if emb.hold.Load() {
			close(emb.release)
		}
	}()
	e := startModServe(t, "CORPUS_DIR", writableSeeds(t), "DATA_DIR", t.TempDir(),
		"DISCORD_API_BASE", discordSrv.URL+"/api/v10", "ARTICLE_FETCH_ALLOW_PRIVATE", "true",
		"OPENAI_BASE_URL", embSrv.URL+"/v1", "EMBEDDER", "openai", "EMBEDDING_MODEL", "m")
	add := articleData("add", fmt.Sprintf(`{"name":"url","type":3,"value":%q}`, site.URL+"/wire-reuters.html"))
	if code, _, raw := e.interact(t, manageServer, add); code != http.StatusAccepted {
		t.Fatalf("first /article add: %d %s", code, raw)
	}
	discord.waitEdit(t, "Added:")
	// The same story republished with a word changed is held as a
	// near-duplicate; its passages differ, so keeping it embeds them.
	page, err := os.ReadFile("../../internal/extract/testdata/wire-reuters.html")
	if err != nil {
		t.Fatal(err)
	}
	republished := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(bytes.ReplaceAll(page, []byte("thriller"), []byte("black comedy")))
	}))
	defer republished.Close()
	again := articleData("add", fmt.Sprintf(`{"name":"url","type":3,"value":%q}`, republished.URL+"/parasite.html"))
	if code, _, raw := e.interact(t, manageServer, again); code != http.StatusAccepted {
		t.Fatalf("second /article add: %d %s", code, raw)
	}
	held := discord.waitEdit(t, "Not added yet")
	pending := regexp.MustCompile(`article:force\|[a-z0-9-]+`).FindString(held)
	if pending == "" {
		t.Fatalf("no Keep anyway button in %s", held)
	}
	discord.mu.Lock()
	before := len(discord.edits)
	discord.mu.Unlock()

	// The press is answered while the embedding server holds the
	// reload's request.
	emb.hold.Store(true)
	code, _, raw := e.interactIn(t, "3", 3, manageServer, fmt.Sprintf(`{"custom_id":%q,"component_type":2}`, pending))
	select {
	case <-emb.held:
	case <-time.After(20 * time.Second):
		t.Fatal("Keep anyway did not reach the embedding server")
	}
	if code != http.StatusAccepted || discord.lastCallback() != `{"type":6}` {
		t.Errorf("Keep anyway: HTTP %d %s, deferral %s; want 202 and a deferred update {\"type\":6}", code, raw, discord.lastCallback())
	}
	emb.hold.Store(false)
	close(emb.release)
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		discord.mu.Lock()
		edits := discord.edits[before:]
		discord.mu.Unlock()
		if len(edits) > 0 {
			if !strings.Contains(edits[0], "Added: ") || !strings.Contains(edits[0], sagTitle) {
				t.Errorf("after the reload the message became %s, want the article added", edits[0])
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the message was not edited after the reload")
		}
	}
}
