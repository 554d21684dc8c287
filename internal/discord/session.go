package discord

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// NewSession returns a discordgo session for the bot token whose REST
// calls go to apiBase. discordgo computes its endpoints from discord.com
// when the program starts; rather than change those package variables, the
// session's HTTP client rewrites each request's address, so a REST proxy
// or a test's fake server receives them. The gateway is whatever address
// GET /gateway on that API returns.
func NewSession(token, apiBase string, transport http.RoundTripper) (*discordgo.Session, error) {
	s, err := discordgo.New("Bot " + token)
	if err != nil {
		return nil, fmt.Errorf("discord session: %w", err)
	}
	rt, err := newRewriter(apiBase, transport)
	if err != nil {
		return nil, err
	}
	s.Client = &http.Client{Transport: rt, Timeout: 20 * time.Second}
	// Interactions arrive whatever the intents; asking for none means
	// Discord sends no other events and needs no privileged intent.
	s.Identify.Intents = discordgo.IntentsNone
	s.StateEnabled = false
	s.ShouldReconnectOnError = true
	// discordgo drops its warnings unless asked; they include why the
	// gateway closed, which Gateway.Run acts on.
	s.LogLevel = discordgo.LogWarning
	return s, nil
}

// rewriter sends requests for discordgo's API root to another one.
type rewriter struct {
	from string   // discordgo's root, e.g. https://discord.com/api/v9/
	to   *url.URL // the configured root
	next http.RoundTripper
}

func newRewriter(base string, next http.RoundTripper) (*rewriter, error) {
	to, err := url.Parse(strings.TrimRight(base, "/") + "/")
	if err != nil || (to.Scheme != "http" && to.Scheme != "https") || to.Host == "" {
		return nil, fmt.Errorf("discord API base %q: want an http(s) URL such as https://discord.com/api/v10", base)
	}
	if next == nil {
		next = http.DefaultTransport
	}
	return &rewriter{from: discordgo.EndpointAPI, to: to, next: next}, nil
}

func (rw *rewriter) RoundTrip(req *http.Request) (*http.Response, error) {
	rest, ok := strings.CutPrefix(req.URL.String(), rw.from)
	if !ok {
		return rw.next.RoundTrip(req)
	}
	u, err := rw.to.Parse(rest)
	if err != nil {
		return nil, fmt.Errorf("rewrite %s: %w", req.URL.Path, err)
	}
	r := req.Clone(req.Context())
	r.URL, r.Host = u, u.Host
	return rw.next.RoundTrip(r)
}

// ApplicationID asks Discord which application the bot token belongs to.
func ApplicationID(ctx context.Context, s *discordgo.Session) (string, error) {
	body, err := s.RequestWithBucketID(http.MethodGet, discordgo.EndpointOAuth2Application("@me"), nil,
		discordgo.EndpointOAuth2Application(""), discordgo.WithContext(ctx))
	if err != nil {
		return "", fmt.Errorf("look up the application id (set DISCORD_APP_ID to skip this): %w", err)
	}
	var app discordgo.Application
	if err := discordgo.Unmarshal(body, &app); err != nil || app.ID == "" {
		return "", fmt.Errorf("look up the application id: unexpected reply %.100q", body)
	}
	return app.ID, nil
}

// Register replaces the application's commands with defs in one request
// (bulk overwrite): in the server guildID when it is set, where changes
// show at once, else globally.
func Register(ctx context.Context, s *discordgo.Session, appID, guildID string, defs []*discordgo.ApplicationCommand) ([]*discordgo.ApplicationCommand, error) {
	got, err := s.ApplicationCommandBulkOverwrite(appID, guildID, defs, discordgo.WithContext(ctx))
	if err != nil {
		where := "globally"
		if guildID != "" {
			where = "in server " + guildID
		}
		return nil, fmt.Errorf("register %d commands %s: %w", len(defs), where, err)
	}
	return got, nil
}
