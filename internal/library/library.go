// Package library serves the story: the cleaned articles, their search index
// and (with the quotes package) their quotations, loaded from the corpus
// directory and swapped in whole on every reload, so a search sees the old
// library or the new one, never a mix, and a failed reload changes nothing.
package library

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"dossier/internal/analysis"
	"dossier/internal/corpus"
	"dossier/internal/lang"
	"dossier/internal/quotes"
	"dossier/internal/retrieval"
)

// ErrNotLoaded is returned when nothing has been loaded yet.
var ErrNotLoaded = errors.New("the library has not been loaded yet")

// Snapshot is one consistent state of the library. It is never modified.
type Snapshot struct {
	Index *retrieval.Index
	// Quotes are the quotations of the same articles, built with the index
	// so that /quote and the search never disagree about the corpus.
	Quotes   *quotes.Index
	LoadedAt time.Time
	saved    bool // the store holds this very index
	contents func() Contents
}

// Contents is what a snapshot serves, counted: /sources lists it and the
// metrics report its size.
type Contents struct {
	Articles []Article // in corpus order
	Chunks   int
	// Quotes counts distinct quotations: one reported by two articles
	// counts once here and once in each article's count.
	Quotes int
	// LoadedAt is when these articles began to be served.
	LoadedAt time.Time
}

// Article is one served article and what it holds.
type Article struct {
	ID, Title, Date, Outlet, URL string
	Chunks, Quotes               int
}

// Contents counts what the snapshot serves. It is computed once.
func (s *Snapshot) Contents() Contents {
	if s.contents == nil { // a snapshot made outside this package
		return countContents(s)
	}
	return s.contents()
}

func countContents(s *Snapshot) Contents {
	chunks := map[string]int{}
	for _, ch := range s.Index.Chunks() {
		chunks[ch.Doc.ID]++
	}
	cs := Contents{Articles: make([]Article, 0, len(s.Docs())), Chunks: s.Index.Len(), LoadedAt: s.LoadedAt}
	quotes := map[string]int{}
	if s.Quotes != nil {
		all := s.Quotes.All()
		cs.Quotes = len(all)
		for _, q := range all {
			for _, src := range q.Sources {
				quotes[src.Doc]++
			}
		}
	}
	for _, d := range s.Docs() {
		cs.Articles = append(cs.Articles, Article{ID: d.ID, Title: d.Title, Date: d.Date, Outlet: d.Outlet, URL: d.URL,
			Chunks: chunks[d.ID], Quotes: quotes[d.ID]})
	}
	return cs
}

// Docs returns the articles in corpus order.
func (s *Snapshot) Docs() []*corpus.Document { return s.Index.Docs() }

// Options configure a Library.
type Options struct {
	CorpusDir       string
	Store           *retrieval.Store // nil: nothing is saved
	Embedder        retrieval.Embedder
	Analyzer        *analysis.Analyzer
	MaxArticleBytes int64
	Logger          *slog.Logger
	// Progress, when set, hears how far a long load has got; the library
	// calls it about every tenth of the way, for big jobs only.
	Progress func(stage string, done, total int)
	// OnReload, when set, hears the outcome of every reload (metrics).
	OnReload func(Report, error)
	Now      func() time.Time
}

// Library holds the current snapshot and rebuilds it from the corpus.
type Library struct {
	opts   Options
	reload sync.Mutex // one reload at a time
	cur    atomic.Pointer[Snapshot]
}

// New returns an empty library; call LoadSaved and Reload to fill it.
func New(opts Options) *Library {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Analyzer == nil {
		opts.Analyzer = analysis.New(lang.English())
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Library{opts: opts}
}

// StaleError is a Load whose refresh from the corpus failed while the
// index saved by an earlier run keeps serving.
type StaleError struct {
	CorpusDir string
	Err       error
}

func (e *StaleError) Error() string {
	return fmt.Sprintf("could not refresh the index from %s, answering from the last good index:\n%v", e.CorpusDir, e.Err)
}

func (e *StaleError) Unwrap() error { return e.Err }

// Open returns a library loaded as Load does. On a *StaleError the
// library is returned too, serving the saved index.
func Open(ctx context.Context, opts Options) (*Library, error) {
	l := New(opts)
	err := l.Load(ctx)
	var stale *StaleError
	if err != nil && !errors.As(err, &stale) {
		return nil, err
	}
	return l, err
}

// Load serves the saved index, if there is a usable one, then refreshes it
// from the corpus. When the refresh fails but the saved index serves, the
// error is a *StaleError; any other error means there is nothing to serve.
func (l *Library) Load(ctx context.Context) error {
	if err := l.LoadSaved(ctx); err != nil && !errors.Is(err, retrieval.ErrNoIndex) {
		l.opts.Logger.Warn("saved index unusable; rebuilding from the corpus", "err", err)
	}
	if _, err := l.Reload(ctx); err != nil {
		if l.Snapshot() == nil {
			return err
		}
		return &StaleError{CorpusDir: l.opts.CorpusDir, Err: err}
	}
	return nil
}

// Start loads the library in the background, as Load does, for a bot
// that answers (and reports not ready) meanwhile. Failures are logged:
// until a load succeeds, a moderator's reload can try again. stop cancels
// the load and waits for it.
func (l *Library) Start(ctx context.Context) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		err := l.Load(ctx)
		var stale *StaleError
		switch {
		case errors.As(err, &stale):
			l.opts.Logger.Error("could not refresh the index; answering from the saved one", "err", stale.Err)
		case err != nil:
			l.opts.Logger.Error("no index to answer from: fix the corpus and reload", "err", err)
		}
	}()
	return func() { cancel(); <-done }
}

// Snapshot returns the current snapshot, or nil before the first load.
func (l *Library) Snapshot() *Snapshot { return l.cur.Load() }

// Contents counts what the current snapshot serves; ErrNotLoaded before
// the first load.
func (l *Library) Contents() (Contents, error) {
	s := l.cur.Load()
	if s == nil {
		return Contents{}, ErrNotLoaded
	}
	return s.Contents(), nil
}

// Search searches the current snapshot.
func (l *Library) Search(ctx context.Context, query string, k int) ([]retrieval.Result, error) {
	s := l.cur.Load()
	if s == nil {
		return nil, ErrNotLoaded
	}
	return s.Index.Search(ctx, query, k)
}

// Match returns the canonical name of the quoted speaker a query names in
// the current snapshot (quotes.Index.Match); "" before the first load. With
// Lookup it lets the answerer find a speaker's own quotations.
func (l *Library) Match(query string) (name string, exact bool) {
	s := l.cur.Load()
	if s == nil || s.Quotes == nil {
		return "", false
	}
	return s.Quotes.Match(query)
}

// Lookup returns a speaker's quotations in the current snapshot, ordered by
// the topic (quotes.Index.Lookup); an empty result before the first load.
func (l *Library) Lookup(speaker, topic string) quotes.Result {
	s := l.cur.Load()
	if s == nil || s.Quotes == nil {
		return quotes.Result{Query: speaker}
	}
	return s.Quotes.Lookup(speaker, topic)
}

// LoadSaved serves the index saved by an earlier run, if there is one, so
// the bot can answer before the corpus has been read again. A missing index
// gives retrieval.ErrNoIndex; a damaged one another error. Either way the
// library stays as it was and a Reload rebuilds from the corpus.
func (l *Library) LoadSaved(ctx context.Context) error {
	if l.opts.Store == nil {
		return retrieval.ErrNoIndex
	}
	l.reload.Lock()
	defer l.reload.Unlock()
	ix, err := l.opts.Store.Load(ctx, l.opts.Embedder, l.opts.Analyzer)
	if err != nil {
		return err
	}
	snap := l.snapshot(ix)
	snap.saved = true
	l.cur.Store(snap)
	l.opts.Logger.Info("loaded saved index", "articles", len(ix.Docs()), "chunks", ix.Len(), "embedder", ix.EmbedderID())
	return nil
}

func (l *Library) snapshot(ix *retrieval.Index) *Snapshot {
	readable, _ := byLanguage(ix.Docs())
	s := &Snapshot{Index: ix, Quotes: quotes.Build(readable), LoadedAt: l.opts.Now()}
	s.contents = sync.OnceValue(func() Contents { return countContents(s) })
	return s
}

// Reload reads the corpus again and swaps in the new library. Only new or
// changed chunks are embedded. When any article is broken, the embedder
// fails, or the index cannot be saved, the current library keeps serving and
// the error names the cause (the file, for a broken article). Reloads are
// serialised; searches are never blocked.
func (l *Library) Reload(ctx context.Context) (rep Report, err error) {
	l.reload.Lock()
	defer l.reload.Unlock()
	if l.opts.OnReload != nil {
		defer func() { l.opts.OnReload(rep, err) }()
	}
	start := l.opts.Now()
	log := l.opts.Logger
	prev := l.cur.Load()

	docs, err := corpus.LoadDir(ctx, l.opts.CorpusDir, corpus.LoadOptions{
		MaxBytes: l.opts.MaxArticleBytes,
		Progress: l.throttled("reading articles"),
	})
	if err != nil {
		return Report{}, fmt.Errorf("reload: %w", err)
	}
	if prev != nil && prev.saved && sameDocs(prev.Docs(), docs) {
		// Nothing changed and the index on disk is this one: rebuilding
		// would only produce the same snapshot again.
		rep = diff(prev.Index, prev.Index)
		rep.Quotes, rep.Saved = prev.Quotes.Len(), true
		_, rep.Unsupported = byLanguage(docs)
		rep.Duration = l.opts.Now().Sub(start)
		log.Info("reloaded", rep.LogAttrs()...)
		return rep, nil
	}
	var prevIx *retrieval.Index
	if prev != nil {
		prevIx = prev.Index
	}
	ix, stats, err := retrieval.Build(ctx, docs, l.opts.Embedder, l.opts.Analyzer, retrieval.BuildOptions{
		Previous: prevIx,
		Progress: l.throttled("embedding chunks"),
		Logger:   log,
	})
	if err != nil {
		return Report{}, fmt.Errorf("reload: %w", err)
	}
	rep = diff(prevIx, ix)
	rep.ChunksEmbedded, rep.EmbedCalls = stats.Embedded, stats.EmbedCalls
	if l.opts.Store != nil {
		if err := l.opts.Store.Save(ix); err != nil {
			if prev != nil {
				return Report{}, fmt.Errorf("reload: %w", err)
			}
			// Nothing serves yet: an unsaved index beats none. The next
			// reload tries to save again.
			log.Warn("serving an index that could not be saved", "err", err)
		} else {
			rep.Saved = true
		}
	}
	snap := l.snapshot(ix)
	snap.saved = rep.Saved
	rep.Quotes = snap.Quotes.Len()
	_, rep.Unsupported = byLanguage(docs)
	for _, u := range rep.Unsupported {
		log.Warn("article in a language without a layer: indexed for search only", "doc", u.Doc, "lang", u.Lang)
	}
	l.cur.Store(snap)
	rep.Duration = l.opts.Now().Sub(start)
	log.Info("reloaded", rep.LogAttrs()...)
	return rep, nil
}

// byLanguage splits the articles into those written in a language the bot
// has a layer for (lang.For), whose quotations can be read, and the others,
// which are served for search only and named in the reload's report rather
// than parsed with another language's rules.
func byLanguage(docs []*corpus.Document) (readable []*corpus.Document, unsupported []Unsupported) {
	unsupported = []Unsupported{}
	for _, d := range docs {
		if _, ok := lang.For(d.Lang); ok {
			readable = append(readable, d)
			continue
		}
		unsupported = append(unsupported, Unsupported{Doc: d.ID, Lang: d.Lang})
	}
	return readable, unsupported
}

// sameDocs reports whether two loads of the corpus gave the same articles,
// in the same order, with the same text and metadata.
func sameDocs(a, b []*corpus.Document) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].ID != b[i].ID || a[i].Hash() != b[i].Hash() {
			return false
		}
	}
	return true
}

// throttled returns a progress callback that reports about every tenth of
// the way, and only for jobs big enough that someone is waiting on them.
func (l *Library) throttled(stage string) func(done, total int) {
	const big = 200
	next := 0
	return func(done, total int) {
		if total < big {
			return
		}
		if done >= next || done == total {
			l.opts.Logger.Info(stage, "done", done, "total", total)
			if l.opts.Progress != nil {
				l.opts.Progress(stage, done, total)
			}
			next = done + max(total/10, 1)
		}
	}
}
