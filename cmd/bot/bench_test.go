package main

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"dossier/internal/discord"
	"dossier/internal/testcorpus"
)

// BenchmarkSignedAskOnTheCorpus measures a signed /ask through the HTTP
// endpoint with the real wiring: signature, decoding, the extractive
// answer over the seed corpus (retrieval included), the embed, the JSON.
func BenchmarkSignedAskOnTheCorpus(b *testing.B) {
	pub, priv, _ := ed25519.GenerateKey(nil)
	m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, LookupEnv: env(
		"CORPUS_DIR", testcorpus.SeedDir(b), "DATA_DIR", b.TempDir(), "LOG_LEVEL", "error",
		"RATE_LIMIT_PER_MINUTE", "1000000000")}
	if err := m.ParseFlags([]string{"console"}); err != nil {
		b.Fatal(err)
	}
	bot, err := m.newBot(b.Context(), false)
	if err != nil {
		b.Fatal(err)
	}
	srv := discord.NewServer(discord.ServerOptions{PublicKey: pub, Dispatcher: bot.reg})
	body := []byte(`{"type":2,"id":"1","application_id":"2","token":"t","version":1,"guild_id":"3","member":{"user":{"id":"4"},"permissions":"0"},"data":{"id":"5","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"who leaked the call"}]}}`)
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	sig := hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), body...)))
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest(http.MethodPost, "/interactions", bytes.NewReader(body))
		r.Header.Set("X-Signature-Ed25519", sig)
		r.Header.Set("X-Signature-Timestamp", ts)
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		if w.Code != http.StatusOK || !bytes.Contains(w.Body.Bytes(), []byte(`"type":4`)) {
			b.Fatalf("status %d: %s", w.Code, w.Body)
		}
	}
}
