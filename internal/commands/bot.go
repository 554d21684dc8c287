package commands

import (
	"log/slog"

	"github.com/bwmarrin/discordgo"

	"dossier/internal/answer"
	"dossier/internal/library"
)

// Definitions returns the bot's slash commands as they are registered with
// Discord, in the order /help lists them; mods says who moderates. Registering
// needs nothing else: no library, no answerer. A new command adds its
// definition here and its constructor to New; TestDefinitionsMatchTheBot
// keeps the two in step.
func Definitions(mods Moderators) []*discordgo.ApplicationCommand {
	byRole := len(mods.RoleIDs) > 0
	return installable(
		askDefinition(), quoteDefinition(), sourcesDefinition(), reloadDefinition(byRole),
		articleDefinition(byRole), helpDefinition(),
	)
}

// installable marks every command as one of a server install only
// (integration_types [0]): with user installs enabled in the developer
// portal, a command without it would run wherever a user took the bot,
// outside any server's moderators.
func installable(defs ...*discordgo.ApplicationCommand) []*discordgo.ApplicationCommand {
	for _, d := range defs {
		d.IntegrationTypes = &[]discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall}
	}
	return defs
}

// Services are what the bot's commands answer from.
type Services struct {
	Answerer Answerer
	Quotes   QuoteSource
	Catalog  Catalog
	Reloader Reloader
	// Articles adds and removes articles (/article); nil: /article says
	// it is not set up.
	Articles ArticleManager
}

// Options are the bot's policies for its commands.
type Options struct {
	// SlowAnswers is set when a language model answers: /ask then defers.
	SlowAnswers bool
	// Limiter is the per-user limit that /ask and /quote share; nil: none.
	Limiter    *Limiter
	Moderators Moderators
	// Answered, when set, hears every answer /ask gives (metrics).
	Answered func(answer.Answer)
	Log      *slog.Logger
}

// New returns the registry of the bot's commands over s.
func New(s Services, o Options) (*Registry, error) {
	cmds := []*Command{
		Ask(s.Answerer, AskOptions{Slow: o.SlowAnswers, Limiter: o.Limiter, Answered: o.Answered}),
		Quote(s.Quotes, QuoteOptions{Limiter: o.Limiter}),
		Sources(s.Catalog),
		Reload(s.Reloader, ReloadOptions{Moderators: o.Moderators, Log: o.Log}),
		ArticleCommand(s.Articles, ArticleOptions{Moderators: o.Moderators, Log: o.Log}),
	}
	cmds = append(cmds, helpFor(cmds, &o.Moderators))
	for _, c := range cmds {
		installable(c.Definition)
	}
	return NewRegistry(o.Log, cmds...)
}

// Snapshots is the library as the commands read it; *library.Library is
// the real one.
type Snapshots interface {
	Snapshot() *library.Snapshot
}

// LibraryQuotes reads the quote index of the snapshot being served, which
// each reload replaces.
func LibraryQuotes(lib Snapshots) QuoteSource {
	return func() QuoteIndex {
		s := lib.Snapshot()
		if s == nil || s.Quotes == nil {
			return nil // a nil *quotes.Index must not become a non-nil interface
		}
		return s.Quotes
	}
}
