package discord

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"dossier/internal/commands"
)

func TestMarshalResponse(t *testing.T) {
	msg := &discordgo.InteractionResponseData{Content: "hi", Flags: discordgo.MessageFlagsEphemeral}
	tests := []struct {
		name string
		resp *discordgo.InteractionResponse
		want string
	}{
		{"pong", &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}, `{"type":1}`},
		{"message without mentions set", &discordgo.InteractionResponse{Type: 4, Data: &discordgo.InteractionResponseData{Content: "hi"}},
			`{"type":4,"data":{"content":"hi","embeds":[],"components":[],"allowed_mentions":{"parse":[],"replied_user":false}}}`},
		{"mentions allowed by mistake are dropped", &discordgo.InteractionResponse{Type: 4, Data: &discordgo.InteractionResponseData{Content: "hi",
			AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{discordgo.AllowedMentionTypeEveryone}}}},
			`{"type":4,"data":{"content":"hi","embeds":[],"components":[],"allowed_mentions":{"parse":[],"replied_user":false}}}`},
		{"private message", &discordgo.InteractionResponse{Type: 4, Data: msg},
			`{"type":4,"data":{"content":"hi","embeds":[],"components":[],"allowed_mentions":{"parse":[],"replied_user":false},"flags":64}}`},
		{"private deferral", &discordgo.InteractionResponse{Type: 5, Data: msg},
			`{"type":5,"data":{"flags":64,"allowed_mentions":{"parse":[],"replied_user":false}}}`},
		{"autocomplete with nothing", &discordgo.InteractionResponse{Type: 8, Data: &discordgo.InteractionResponseData{}},
			`{"type":8,"data":{"choices":[]}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := marshalResponse(tt.resp)
			if err != nil || string(b) != tt.want {
				t.Errorf("got %s, %v\nwant %s", b, err, tt.want)
			}
		})
	}
	if _, err := marshalResponse(&discordgo.InteractionResponse{Type: 9}); err == nil {
		t.Error("a modal (type 9) was encoded; we never send one")
	}
}

// FuzzDecodeInteraction: no payload, however odd, panics the decoder or
// the commands behind it, and every accepted one gets a response we can
// encode.
func FuzzDecodeInteraction(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, name := range files {
		b, _ := os.ReadFile(name)
		f.Add(b)
	}
	f.Add([]byte(`{"type":2,"id":"1","application_id":"2","token":"t","user":{"id":"3"},"data":{"name":"ask","options":[{"name":"question","type":3,"value":7}]}}`))
	f.Add([]byte(`{"type":3,"id":"1","application_id":"2","token":"t","user":{"id":"3"},"data":{"custom_id":"quote:1|0|x|"}}`))
	f.Add([]byte(`{"type":5,"id":"1","application_id":"2","token":"t","user":{"id":"3"},"data":{"custom_id":"m","components":[{"type":1,"components":[{"type":4}]}]}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		i, err := decodeInteraction(body)
		if err != nil {
			return
		}
		var logs strings.Builder
		reg, _ := commands.NewRegistry(slog.New(slog.NewTextHandler(&logs, nil)),
			commands.Ask(&fakeAnswerer{}, commands.AskOptions{}),
			commands.Quote(func() commands.QuoteIndex { return fakeQuotes{n: 3} }, commands.QuoteOptions{}))
		call := reg.Dispatch(context.Background(), i)
		if call.Response == nil {
			t.Fatal("no response")
		}
		if _, err := marshalResponse(call.Response); err != nil {
			t.Fatalf("cannot encode the response: %v", err)
		}
		if strings.Contains(logs.String(), "panicked") {
			t.Fatalf("a handler panicked on %s:\n%s", body, logs.String())
		}
		if _, err := json.Marshal(i); err != nil {
			t.Fatalf("accepted interaction does not re-encode: %v", err)
		}
	})
}
