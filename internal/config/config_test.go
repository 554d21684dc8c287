package config

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func env(kv ...string) func(string) (string, bool) {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestDefaults(t *testing.T) {
	c, err := FromEnv(env())
	if err != nil {
		t.Fatal(err)
	}
	if c.CorpusDir != "./corpus" || c.DataDir != "./data" || c.RateLimit != 6 || c.AnswerTimeout != 20*time.Second || c.UseOpenAI() || c.EmbedWithOpenAI() {
		t.Errorf("defaults: %+v", c)
	}
	if err := c.Validate(ModeLocal); err != nil {
		t.Errorf("defaults do not validate for local use: %v", err)
	}
	if c.ChatMaxTokens != 512 || c.ChatTemperature != 0 || c.ChatContextTokens != 4096 {
		t.Errorf("chat defaults: max tokens %d, temperature %v, context %d; want 512, 0, 4096",
			c.ChatMaxTokens, c.ChatTemperature, c.ChatContextTokens)
	}
	c, _ = FromEnv(env("OPENAI_BASE_URL", "http://localhost:8090/v1"))
	if err := c.Validate(ModeLocal); err != nil {
		t.Errorf("defaults do not validate with a model server: %v", err)
	}
}

func TestChatSettings(t *testing.T) {
	c, err := FromEnv(env("CHAT_MAX_TOKENS", "256", "CHAT_TEMPERATURE", "0.7", "CHAT_CONTEXT_TOKENS", "8192"))
	if err != nil {
		t.Fatal(err)
	}
	if c.ChatMaxTokens != 256 || c.ChatTemperature != 0.7 || c.ChatContextTokens != 8192 {
		t.Errorf("got max tokens %d, temperature %v, context %d; want 256, 0.7, 8192",
			c.ChatMaxTokens, c.ChatTemperature, c.ChatContextTokens)
	}
}

func TestArticleFetchAllowPrivate(t *testing.T) {
	if c, _ := FromEnv(env()); c.ArticleFetchAllowPrivate {
		t.Error("private addresses must be refused by default")
	}
	if c, err := FromEnv(env("ARTICLE_FETCH_ALLOW_PRIVATE", "true")); err != nil || !c.ArticleFetchAllowPrivate {
		t.Errorf("ARTICLE_FETCH_ALLOW_PRIVATE=true: %v, %v", c.ArticleFetchAllowPrivate, err)
	}
}

func TestOpenAISwitch(t *testing.T) {
	c, _ := FromEnv(env("OPENAI_BASE_URL", "http://localhost:11434/v1"))
	if !c.UseOpenAI() || !c.EmbedWithOpenAI() {
		t.Error("a base URL should switch on the model server")
	}
	c, _ = FromEnv(env("OPENAI_API_KEY", "sk-x", "EMBEDDER", "local"))
	if !c.UseOpenAI() || c.EmbedWithOpenAI() {
		t.Error("EMBEDDER=local should keep local embeddings with a chat model")
	}
}

func TestParseErrorsNameTheVariable(t *testing.T) {
	tests := []struct{ name, value string }{
		{"MAX_ARTICLE_BYTES", "lots"},
		{"ANSWER_TIMEOUT", "20"},
		{"RATE_LIMIT_PER_MINUTE", "-1"},
		{"LOG_LEVEL", "loud"},
		{"ARTICLE_FETCH_ALLOW_PRIVATE", "sometimes"},
		{"CHAT_MAX_TOKENS", "0"},
		{"CHAT_MAX_TOKENS", "many"},
		{"CHAT_CONTEXT_TOKENS", "-4096"},
		{"CHAT_TEMPERATURE", "hot"},
		{"CHAT_TEMPERATURE", "2.5"},
		{"CHAT_TEMPERATURE", "-0.1"},
	}
	for _, tt := range tests {
		_, err := FromEnv(env(tt.name, tt.value))
		var ce *Error
		if !errors.As(err, &ce) || ce.Var != tt.name || !strings.Contains(err.Error(), "want") {
			t.Errorf("%s=%s: err = %v, want one naming the variable and what it wants", tt.name, tt.value, err)
		}
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name    string
		env     []string
		mode    Mode
		wantVar string // "" means valid
	}{
		{"gateway without token", nil, ModeGateway, "DISCORD_TOKEN"},
		{"register without token", nil, ModeRegister, "DISCORD_TOKEN"},
		{"gateway with token", []string{"DISCORD_TOKEN", "abc.def.ghi"}, ModeGateway, ""},
		{"token with a Bot prefix", []string{"DISCORD_TOKEN", "Bot abc"}, ModeGateway, "DISCORD_TOKEN"},
		{"http without public key", nil, ModeHTTP, "DISCORD_PUBLIC_KEY"},
		{"public key too short", []string{"DISCORD_PUBLIC_KEY", "abcd"}, ModeHTTP, "DISCORD_PUBLIC_KEY"},
		{"public key not hex", []string{"DISCORD_PUBLIC_KEY", strings.Repeat("zz", 32)}, ModeHTTP, "DISCORD_PUBLIC_KEY"},
		{"good public key", []string{"DISCORD_PUBLIC_KEY", strings.Repeat("ab", 32)}, ModeHTTP, ""},
		{"base URL without scheme", []string{"OPENAI_BASE_URL", "localhost:11434/v1"}, ModeLocal, "OPENAI_BASE_URL"},
		{"API base without scheme", []string{"DISCORD_API_BASE", "discord.com/api"}, ModeLocal, "DISCORD_API_BASE"},
		{"unknown embedder", []string{"EMBEDDER", "magic"}, ModeLocal, "EMBEDDER"},
		{"openai embedder without a server", []string{"EMBEDDER", "openai"}, ModeLocal, "EMBEDDER"},
		{"role ids not numbers", []string{"MODERATOR_ROLE_IDS", "123,mods"}, ModeLocal, "MODERATOR_ROLE_IDS"},
		{"guild id not a number", []string{"DISCORD_GUILD_ID", "my-server"}, ModeLocal, "DISCORD_GUILD_ID"},
		{"log format", []string{"LOG_FORMAT", "xml"}, ModeLocal, "LOG_FORMAT"},
		{"metrics address", []string{"METRICS_ADDR", "9090"}, ModeLocal, "METRICS_ADDR"},
		{"home guild ids not numbers", []string{"HOME_GUILD_IDS", "123,home"}, ModeLocal, "HOME_GUILD_IDS"},
		{"home guild ids", []string{"HOME_GUILD_IDS", "123, 456"}, ModeLocal, ""},
		{"shard count not a number", []string{"DISCORD_SHARD_COUNT", "two"}, ModeGateway, "DISCORD_SHARD_COUNT"},
		{"shard id without a count", []string{"DISCORD_TOKEN", "t", "DISCORD_SHARD_ID", "1"}, ModeGateway, "DISCORD_SHARD_ID"},
		{"shard id past the count", []string{"DISCORD_TOKEN", "t", "DISCORD_SHARD_ID", "2", "DISCORD_SHARD_COUNT", "2"}, ModeGateway, "DISCORD_SHARD_ID"},
		{"shard 1 of 2", []string{"DISCORD_TOKEN", "t", "DISCORD_SHARD_ID", "1", "DISCORD_SHARD_COUNT", "2"}, ModeGateway, ""},
		{"bot URL without scheme", []string{"BOT_URL", "github.com/x"}, ModeLocal, "BOT_URL"},
		{"context too small for the reply", []string{"OPENAI_BASE_URL", "http://localhost:8090/v1",
			"CHAT_MAX_TOKENS", "512", "CHAT_CONTEXT_TOKENS", "800"}, ModeLocal, "CHAT_CONTEXT_TOKENS"},
		{"context just large enough", []string{"OPENAI_BASE_URL", "http://localhost:8090/v1",
			"CHAT_MAX_TOKENS", "512", "CHAT_CONTEXT_TOKENS", "1024"}, ModeLocal, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := FromEnv(env(tt.env...))
			if err == nil {
				err = c.Validate(tt.mode)
			}
			if tt.wantVar == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			var ce *Error
			if !errors.As(err, &ce) || ce.Var != tt.wantVar {
				t.Fatalf("err = %v, want one naming %s", err, tt.wantVar)
			}
		})
	}
}

func TestSecretsStayOutOfErrors(t *testing.T) {
	c, _ := FromEnv(env("DISCORD_TOKEN", "Bot secret-token-value"))
	if err := c.Validate(ModeGateway); err == nil || strings.Contains(err.Error(), "secret-token-value") {
		t.Fatalf("err = %v: want an error that does not repeat the token", err)
	}
}

func TestHomeGuilds(t *testing.T) {
	for _, tt := range []struct {
		env  []string
		want string
	}{
		{nil, ""},
		{[]string{"DISCORD_GUILD_ID", "7"}, "7"},
		{[]string{"DISCORD_GUILD_ID", "7", "HOME_GUILD_IDS", "8,9"}, "8 9"},
	} {
		c, _ := FromEnv(env(tt.env...))
		if got := strings.Join(c.HomeGuilds(), " "); got != tt.want {
			t.Errorf("%v: HomeGuilds = %q, want %q", tt.env, got, tt.want)
		}
	}
}
