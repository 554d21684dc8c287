// Package config reads the bot's settings once, at start: defaults, then the
// environment (and a .env file), then command-line flags. Validate reports
// every problem by the name of the variable and what it should hold.
package config

import (
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"

	"dossier/internal/answer"
	"dossier/internal/corpus"
)

// Config is every setting of the bot.
type Config struct {
	CorpusDir       string
	DataDir         string
	MaxArticleBytes int64

	// Embedder is "auto" (openai when a model server is configured, else
	// local), "local" or "openai".
	Embedder       string
	OpenAIBaseURL  string
	OpenAIAPIKey   string
	EmbeddingModel string
	ChatModel      string
	AnswerTimeout  time.Duration
	// ChatMaxTokens bounds the model's reply (max_tokens); ChatTemperature
	// is its sampling temperature; ChatContextTokens is the model's context
	// window, which the prompt and the reply must fit in together.
	ChatMaxTokens     int
	ChatTemperature   float64
	ChatContextTokens int

	DiscordToken     string
	DiscordPublicKey string
	DiscordAppID     string
	DiscordGuildID   string
	DiscordAPIBase   string
	ModeratorRoleIDs []string
	// HomeGuildIDs are the servers from which /reload may change the
	// corpus; see HomeGuilds for the default.
	HomeGuildIDs []string
	// ShardID and ShardCount place this process among the gateway's
	// shards; ShardCount 0 means "as many as Discord recommends, all in
	// this process".
	ShardID, ShardCount int
	// BotURL is the project's address, sent in the User-Agent that
	// Discord asks every bot to send ("DiscordBot (url, version)").
	BotURL    string
	RateLimit int // /ask and /quote per user per minute

	// ArticleFetchAllowPrivate lets /article add and `bot article add`
	// fetch from private, loopback and link-local addresses
	// (ARTICLE_FETCH_ALLOW_PRIVATE): for tests and private deployments.
	ArticleFetchAllowPrivate bool

	Addr        string // serve mode listen address
	MetricsAddr string // gateway mode metrics address; empty: off

	LogLevel  slog.Level
	LogFormat string // "text" or "json"
}

// Defaults.
const (
	DefaultCorpusDir       = "./corpus"
	DefaultDataDir         = "./data"
	DefaultMaxArticleBytes = corpus.DefaultMaxArticleBytes
	DefaultEmbeddingModel  = "text-embedding-3-small"
	DefaultChatModel       = "gpt-4o-mini"
	DefaultAnswerTimeout   = answer.DefaultTimeout
	// DefaultChatMaxTokens, DefaultChatTemperature and
	// DefaultChatContextTokens are the answerer's; it says why each.
	DefaultChatMaxTokens     = answer.DefaultMaxTokens
	DefaultChatTemperature   = answer.DefaultTemperature
	DefaultChatContextTokens = answer.DefaultContextTokens
	// MinChatPromptTokens is the least room CHAT_CONTEXT_TOKENS must leave
	// beside CHAT_MAX_TOKENS: the instructions (about 200 tokens), a
	// question and at least one passage.
	MinChatPromptTokens = 512
	// MaxChatTemperature is the highest temperature OpenAI's API accepts.
	MaxChatTemperature    = 2
	DefaultRateLimit      = 6
	DefaultAddr           = ":8080"
	DefaultDiscordAPIBase = "https://discord.com/api/v10"
)

// Var describes one environment variable, for errors and documentation.
type Var struct {
	Name, Want string
}

// Error is a setting that cannot be used: which variable, and what it
// should hold.
type Error struct {
	Var  string
	Got  string // the offending value; empty for secrets and missing values
	Want string
}

func (e *Error) Error() string {
	if e.Got == "" {
		return fmt.Sprintf("%s: %s", e.Var, e.Want)
	}
	return fmt.Sprintf("%s=%q: %s", e.Var, e.Got, e.Want)
}

// FromEnv fills a Config from defaults and environment variables. lookup is
// os.LookupEnv in production. Values that cannot be parsed are reported
// together, each naming its variable.
func FromEnv(lookup func(string) (string, bool)) (Config, error) {
	c := Config{
		CorpusDir: DefaultCorpusDir, DataDir: DefaultDataDir, MaxArticleBytes: DefaultMaxArticleBytes,
		Embedder: "auto", EmbeddingModel: DefaultEmbeddingModel, ChatModel: DefaultChatModel,
		AnswerTimeout: DefaultAnswerTimeout, ChatMaxTokens: DefaultChatMaxTokens,
		ChatTemperature: DefaultChatTemperature, ChatContextTokens: DefaultChatContextTokens, RateLimit: DefaultRateLimit, Addr: DefaultAddr,
		DiscordAPIBase: DefaultDiscordAPIBase, LogLevel: slog.LevelInfo, LogFormat: "text",
	}
	var errs []error
	str := func(name string, dst *string) {
		if v, ok := lookup(name); ok && strings.TrimSpace(v) != "" {
			*dst = strings.TrimSpace(v)
		}
	}
	str("CORPUS_DIR", &c.CorpusDir)
	str("DATA_DIR", &c.DataDir)
	str("EMBEDDER", &c.Embedder)
	str("OPENAI_BASE_URL", &c.OpenAIBaseURL)
	str("OPENAI_API_KEY", &c.OpenAIAPIKey)
	str("EMBEDDING_MODEL", &c.EmbeddingModel)
	str("CHAT_MODEL", &c.ChatModel)
	str("DISCORD_TOKEN", &c.DiscordToken)
	str("DISCORD_PUBLIC_KEY", &c.DiscordPublicKey)
	str("DISCORD_APP_ID", &c.DiscordAppID)
	str("DISCORD_GUILD_ID", &c.DiscordGuildID)
	str("DISCORD_API_BASE", &c.DiscordAPIBase)
	str("BOT_URL", &c.BotURL)
	str("ADDR", &c.Addr)
	str("METRICS_ADDR", &c.MetricsAddr)
	str("LOG_FORMAT", &c.LogFormat)
	if v, ok := lookup("MAX_ARTICLE_BYTES"); ok && strings.TrimSpace(v) != "" {
		n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil || n <= 0 {
			errs = append(errs, &Error{"MAX_ARTICLE_BYTES", v, "want a positive number of bytes, e.g. 2097152"})
		}
		c.MaxArticleBytes = n
	}
	if v, ok := lookup("ANSWER_TIMEOUT"); ok && strings.TrimSpace(v) != "" {
		d, err := time.ParseDuration(strings.TrimSpace(v))
		if err != nil || d <= 0 {
			errs = append(errs, &Error{"ANSWER_TIMEOUT", v, "want a positive duration, e.g. 20s"})
		}
		c.AnswerTimeout = d
	}
	positive := func(name string, dst *int, example string) {
		if v, ok := lookup(name); ok && strings.TrimSpace(v) != "" {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || n <= 0 {
				errs = append(errs, &Error{name, v, "want a positive whole number of tokens, e.g. " + example})
			}
			*dst = n
		}
	}
	positive("CHAT_MAX_TOKENS", &c.ChatMaxTokens, strconv.Itoa(DefaultChatMaxTokens))
	positive("CHAT_CONTEXT_TOKENS", &c.ChatContextTokens, strconv.Itoa(DefaultChatContextTokens))
	if v, ok := lookup("CHAT_TEMPERATURE"); ok && strings.TrimSpace(v) != "" {
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || f < 0 || f > MaxChatTemperature {
			errs = append(errs, &Error{"CHAT_TEMPERATURE", v, "want a number from 0 to 2, e.g. 0"})
		}
		c.ChatTemperature = f
	}
	if v, ok := lookup("RATE_LIMIT_PER_MINUTE"); ok && strings.TrimSpace(v) != "" {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n <= 0 {
			errs = append(errs, &Error{"RATE_LIMIT_PER_MINUTE", v, "want a positive whole number, e.g. 6"})
		}
		c.RateLimit = n
	}
	if v, ok := lookup("MODERATOR_ROLE_IDS"); ok && strings.TrimSpace(v) != "" {
		c.ModeratorRoleIDs = strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' })
	}
	if v, ok := lookup("HOME_GUILD_IDS"); ok && strings.TrimSpace(v) != "" {
		c.HomeGuildIDs = strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' })
	}
	shard := func(name string, dst *int) {
		if v, ok := lookup(name); ok && strings.TrimSpace(v) != "" {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || n < 0 {
				errs = append(errs, &Error{name, v, "want a whole number, 0 or more"})
			}
			*dst = n
		}
	}
	shard("DISCORD_SHARD_ID", &c.ShardID)
	shard("DISCORD_SHARD_COUNT", &c.ShardCount)
	if v, ok := lookup("ARTICLE_FETCH_ALLOW_PRIVATE"); ok && strings.TrimSpace(v) != "" {
		b, err := strconv.ParseBool(strings.TrimSpace(v))
		if err != nil {
			errs = append(errs, &Error{"ARTICLE_FETCH_ALLOW_PRIVATE", v, "want true or false"})
		}
		c.ArticleFetchAllowPrivate = b
	}
	if v, ok := lookup("LOG_LEVEL"); ok && strings.TrimSpace(v) != "" {
		if err := c.LogLevel.UnmarshalText([]byte(strings.TrimSpace(v))); err != nil {
			errs = append(errs, &Error{"LOG_LEVEL", v, "want debug, info, warn or error"})
		}
	}
	return c, errors.Join(errs...)
}

// AddCorpusFlags registers the flags every subcommand takes. Their defaults
// are the values already in c, so a flag overrides the environment.
func (c *Config) AddCorpusFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.CorpusDir, "corpus", c.CorpusDir, "directory of articles (CORPUS_DIR)")
	fs.StringVar(&c.DataDir, "data", c.DataDir, "directory for the saved index (DATA_DIR)")
}

// HomeGuilds are the servers from which the corpus may be changed:
// HOME_GUILD_IDS, or else the server the commands are registered in
// (DISCORD_GUILD_ID); none (any server) when neither is set.
func (c *Config) HomeGuilds() []string {
	if len(c.HomeGuildIDs) > 0 {
		return c.HomeGuildIDs
	}
	if c.DiscordGuildID != "" {
		return []string{c.DiscordGuildID}
	}
	return nil
}

// UseOpenAI reports whether a model server is configured.
func (c *Config) UseOpenAI() bool { return c.OpenAIAPIKey != "" || c.OpenAIBaseURL != "" }

// EmbedWithOpenAI reports whether chunks are embedded by the model server.
func (c *Config) EmbedWithOpenAI() bool {
	return c.Embedder == "openai" || (c.Embedder == "auto" && c.UseOpenAI())
}

// Mode is what the program has been asked to do; each needs different
// settings.
type Mode int

// Modes.
const (
	ModeLocal    Mode = iota // CLI commands and console: no Discord
	ModeGateway              // run: needs DISCORD_TOKEN
	ModeHTTP                 // serve: needs DISCORD_PUBLIC_KEY
	ModeRegister             // register: needs DISCORD_TOKEN
)

// Validate checks the settings the mode needs and reports every problem.
func (c *Config) Validate(mode Mode) error {
	var errs []error
	bad := func(v, got, want string) { errs = append(errs, &Error{v, got, want}) }
	if c.CorpusDir == "" {
		bad("CORPUS_DIR", "", "want the directory of articles, e.g. ./corpus")
	}
	if c.DataDir == "" {
		bad("DATA_DIR", "", "want a directory for the saved index, e.g. ./data")
	}
	switch c.Embedder {
	case "auto", "local":
	case "openai":
		if !c.UseOpenAI() {
			bad("EMBEDDER", c.Embedder, "openai needs OPENAI_API_KEY or OPENAI_BASE_URL")
		}
	default:
		bad("EMBEDDER", c.Embedder, "want auto, local or openai")
	}
	if c.OpenAIBaseURL != "" {
		if err := checkURL(c.OpenAIBaseURL); err != "" {
			bad("OPENAI_BASE_URL", c.OpenAIBaseURL, err+", e.g. http://localhost:11434/v1")
		}
	}
	if c.UseOpenAI() && c.ChatModel == "" {
		bad("CHAT_MODEL", "", "want a chat model name, e.g. gpt-4o-mini")
	}
	if c.UseOpenAI() && c.ChatMaxTokens > 0 && c.ChatContextTokens > 0 && c.ChatContextTokens < c.ChatMaxTokens+MinChatPromptTokens {
		bad("CHAT_CONTEXT_TOKENS", strconv.Itoa(c.ChatContextTokens), fmt.Sprintf(
			"want at least CHAT_MAX_TOKENS (%d) + %d tokens for the instructions, the question and a passage",
			c.ChatMaxTokens, MinChatPromptTokens))
	}
	if c.EmbedWithOpenAI() && c.EmbeddingModel == "" {
		bad("EMBEDDING_MODEL", "", "want an embedding model name, e.g. text-embedding-3-small")
	}
	if err := checkURL(c.DiscordAPIBase); err != "" {
		bad("DISCORD_API_BASE", c.DiscordAPIBase, err+", e.g. https://discord.com/api/v10")
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		bad("LOG_FORMAT", c.LogFormat, "want text or json")
	}
	for _, id := range c.ModeratorRoleIDs {
		if !isSnowflake(id) {
			bad("MODERATOR_ROLE_IDS", id, "want role ids (numbers), separated by commas")
		}
	}
	if c.DiscordGuildID != "" && !isSnowflake(c.DiscordGuildID) {
		bad("DISCORD_GUILD_ID", c.DiscordGuildID, "want a server id (a number)")
	}
	for _, id := range c.HomeGuildIDs {
		if !isSnowflake(id) {
			bad("HOME_GUILD_IDS", id, "want server ids (numbers), separated by commas")
		}
	}
	switch {
	case c.ShardCount == 0 && c.ShardID != 0:
		bad("DISCORD_SHARD_ID", strconv.Itoa(c.ShardID), "needs DISCORD_SHARD_COUNT (the total number of shards) too")
	case c.ShardCount > 0 && c.ShardID >= c.ShardCount:
		bad("DISCORD_SHARD_ID", strconv.Itoa(c.ShardID), fmt.Sprintf("want 0 to %d: shard ids count from 0 below DISCORD_SHARD_COUNT=%d", c.ShardCount-1, c.ShardCount))
	}
	if c.BotURL != "" {
		if err := checkURL(c.BotURL); err != "" {
			bad("BOT_URL", c.BotURL, err+", e.g. https://github.com/you/dossier")
		}
	}
	if c.DiscordAppID != "" && !isSnowflake(c.DiscordAppID) {
		bad("DISCORD_APP_ID", c.DiscordAppID, "want the application id (a number)")
	}
	switch mode {
	case ModeGateway, ModeRegister:
		if c.DiscordToken == "" {
			bad("DISCORD_TOKEN", "", "want the bot token from the Discord developer portal (Bot tab)")
		} else if strings.ContainsAny(c.DiscordToken, " \t\n") {
			bad("DISCORD_TOKEN", "", "contains white space; paste the token alone, without \"Bot \"")
		}
	case ModeHTTP:
		if c.DiscordPublicKey == "" {
			bad("DISCORD_PUBLIC_KEY", "", "want the application's public key (64 hex characters, General Information tab)")
		} else if b, err := hex.DecodeString(c.DiscordPublicKey); err != nil || len(b) != 32 {
			bad("DISCORD_PUBLIC_KEY", c.DiscordPublicKey, "want 64 hex characters")
		}
		if c.Addr == "" {
			bad("ADDR", "", "want a listen address, e.g. :8080")
		}
	}
	if c.MetricsAddr != "" && !strings.Contains(c.MetricsAddr, ":") {
		bad("METRICS_ADDR", c.MetricsAddr, "want host:port or :port, e.g. :9090")
	}
	return errors.Join(errs...)
}

func checkURL(s string) string {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return "not a URL"
	case u.Scheme != "http" && u.Scheme != "https":
		return "want a URL starting with http:// or https://"
	case u.Host == "":
		return "the URL has no host"
	}
	return ""
}

func isSnowflake(s string) bool {
	if len(s) == 0 || len(s) > 20 {
		return false
	}
	_, err := strconv.ParseUint(s, 10, 64)
	return err == nil
}

// Logger returns the structured log the settings ask for, writing to w.
// Quiet commands print their result on stdout, so routine lines would only
// be noise unless the operator asked for them: they log warnings and worse
// unless LOG_LEVEL says otherwise.
func (c *Config) Logger(w io.Writer, quiet bool) *slog.Logger {
	level := c.LogLevel
	if quiet && level == slog.LevelInfo {
		level = slog.LevelWarn
	}
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// ModelOptions are the chat model's settings as the answerer takes them.
func (c *Config) ModelOptions() answer.ModelOptions {
	return answer.ModelOptions{Model: c.ChatModel, Timeout: c.AnswerTimeout, MaxTokens: c.ChatMaxTokens,
		Temperature: float32(c.ChatTemperature), ContextTokens: c.ChatContextTokens}
}
