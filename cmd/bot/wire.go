package main

import (
	"context"
	"fmt"
	"time"

	"dossier/internal/analysis"
	"dossier/internal/answer"
	"dossier/internal/articles"
	"dossier/internal/cli"
	"dossier/internal/commands"
	"dossier/internal/embed"
	"dossier/internal/fetch"
	"dossier/internal/lang"
	"dossier/internal/library"
	"dossier/internal/metrics"
	"dossier/internal/modelapi"
	"dossier/internal/retrieval"
)

// shutdownGrace bounds how long a stopping bot waits for the interactions
// in flight, answers being written included.
const shutdownGrace = 30 * time.Second

// libraryOptions describe the configured library; onReload, when set,
// hears every reload.
func (m *Main) libraryOptions(onReload func(library.Report, error)) library.Options {
	an := analysis.New(lang.English())
	var emb retrieval.Embedder = embed.NewLocal(an, 0)
	if m.Config.EmbedWithOpenAI() {
		emb = embed.NewOpenAI(m.endpoint(), embed.OpenAIOptions{Model: m.Config.EmbeddingModel})
	}
	return library.Options{
		CorpusDir:       m.Config.CorpusDir,
		Store:           &retrieval.Store{Dir: m.Config.DataDir, Logger: m.Log},
		Embedder:        emb,
		Analyzer:        an,
		MaxArticleBytes: m.Config.MaxArticleBytes,
		Logger:          m.Log,
		Progress: func(stage string, done, total int) {
			fmt.Fprintf(m.Stderr, "%s: %d/%d\n", stage, done, total)
		},
		OnReload: onReload,
	}
}

// cli is the one-shot commands over the configured library.
func (m *Main) cli() *cli.CLI {
	return &cli.CLI{Out: m.Stdout, Err: m.Stderr, JSON: m.json, Library: m.libraryOptions(nil),
		Answerer: func(s answer.Searcher) cli.Answerer { return m.answerer(s) },
		Fetcher:  m.fetcher()}
}

// fetcher fetches the pages moderators add; private addresses only when
// ARTICLE_FETCH_ALLOW_PRIVATE is set.
func (m *Main) fetcher() *fetch.Fetcher {
	return fetch.New(fetch.Options{AllowPrivate: m.Config.ArticleFetchAllowPrivate})
}

func (m *Main) endpoint() modelapi.Endpoint {
	return modelapi.Endpoint{BaseURL: m.Config.OpenAIBaseURL, APIKey: m.Config.OpenAIAPIKey}
}

// answerer is the answerer the configuration asks for: the model answerer,
// falling back to the extractive one, when a model server is configured
// (OPENAI_API_KEY or OPENAI_BASE_URL); else the extractive one.
func (m *Main) answerer(s answer.Searcher) commands.Answerer {
	var opts []answer.Option
	if q, ok := s.(answer.Quoter); ok { // the library: "what did X say" from X's quotations
		opts = append(opts, answer.WithQuotes(q))
	}
	ext := answer.NewExtractive(s, opts...)
	if !m.Config.UseOpenAI() {
		return ext
	}
	return answer.NewModel(m.endpoint(), m.Config.ModelOptions(), ext, m.Log)
}

// bot is what every mode that answers commands shares: the library, the
// command registry over it, and the metrics both report to.
type bot struct {
	lib     *library.Library
	reg     *commands.Registry
	metrics *metrics.Metrics
}

// newBot builds the library and the commands. The console loads before it
// answers. The Discord modes start answering (and report not ready, and
// "still loading" to users) while the library loads behind them.
func (m *Main) newBot(ctx context.Context, loadInBackground bool) (*bot, error) {
	b := &bot{}
	// The metrics read the served index and hear every reload, the first
	// one included, so they exist before the library.
	b.metrics = metrics.New(func() metrics.Size {
		c, _ := b.lib.Contents()
		return metrics.Size{Articles: len(c.Articles), Chunks: c.Chunks, Quotes: c.Quotes}
	})
	opts := m.libraryOptions(func(_ library.Report, err error) { b.metrics.Reload(err) })
	if loadInBackground {
		b.lib = library.New(opts)
		m.stop = b.lib.Start(ctx)
	} else {
		lib, err := (&cli.CLI{Err: m.Stderr, Library: opts}).Open(ctx)
		if err != nil {
			return nil, err
		}
		b.lib = lib
	}
	reg, err := commands.New(
		commands.Services{Answerer: m.answerer(b.lib), Quotes: commands.LibraryQuotes(b.lib), Catalog: b.lib, Reloader: b.lib,
			Articles: articles.New(articles.Options{CorpusDir: m.Config.CorpusDir, Library: b.lib, Fetcher: m.fetcher(),
				MaxArticleBytes: m.Config.MaxArticleBytes, Logger: m.Log})},
		commands.Options{
			SlowAnswers: m.Config.UseOpenAI(),
			Limiter:     commands.NewLimiter(m.Config.RateLimit, time.Now),
			Moderators:  m.moderators(),
			Answered:    func(a answer.Answer) { b.metrics.Answer(string(a.Mode), a.Abstained) },
			Log:         m.Log,
		})
	if err != nil {
		return nil, err
	}
	reg.SetObserver(b.metrics)
	b.reg = reg
	return b, nil
}

// moderators are who may change the corpus, and from which servers. At
// the console, the operator's own pretend server is the only one.
func (m *Main) moderators() commands.Moderators {
	mods := commands.Moderators{RoleIDs: m.Config.ModeratorRoleIDs, HomeGuildIDs: m.Config.HomeGuilds()}
	if m.cmd.name == "console" {
		mods.HomeGuildIDs = nil
	}
	return mods
}

// ready reports whether there is an index to answer from, for health checks.
func (b *bot) ready() error {
	if b.lib.Snapshot() == nil {
		return library.ErrNotLoaded
	}
	return nil
}
