// Package articles lets moderators change the corpus while the bot runs:
// add an article from a link or a file, remove one, list them. An added
// article is written as Markdown with front matter into the corpus
// directory, atomically, and the library is reloaded; a reload that fails
// takes the new file back out, so the articles served before keep being
// served. An article whose text nearly duplicates one already served waits
// in corpus/.pending until a moderator keeps it anyway; a removed one goes
// to corpus/.removed, where it can be restored by hand. The loader skips
// both directories, as it skips every name starting with a dot.
package articles

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"dossier/internal/corpus"
	"dossier/internal/extract"
	"dossier/internal/fetch"
	"dossier/internal/library"
)

// Directories under the corpus directory; the loader skips dot-directories.
const (
	PendingDir = ".pending"
	RemovedDir = ".removed"
)

// Errors a moderator can cause; callers tell them apart with errors.Is.
var (
	ErrNotFound        = errors.New("no article with that id")
	ErrFileType        = errors.New("only .txt, .md and .html files can be added")
	ErrTooLarge        = errors.New("the file is too large")
	ErrPendingNotFound = errors.New("that article is no longer waiting: it was kept or discarded already")
	// ErrReload wraps a reload that failed after a change; the change was
	// undone and the previous articles are still served.
	ErrReload = errors.New("reload failed; the change was undone")
)

// Library is what the manager needs of the served library.
type Library interface {
	Reload(ctx context.Context) (library.Report, error)
	Snapshot() *library.Snapshot
}

// Fetcher downloads a page or an attachment; *fetch.Fetcher is one.
type Fetcher interface {
	Get(ctx context.Context, url string) (*fetch.Page, error)
}

// Options configure a Manager.
type Options struct {
	CorpusDir string
	Library   Library
	Fetcher   Fetcher
	// MaxArticleBytes is the largest article file the loader reads
	// (MAX_ARTICLE_BYTES); a bigger article is refused before it is
	// written. 0: corpus.DefaultMaxArticleBytes.
	MaxArticleBytes int64
	// MaxFileBytes is the largest upload accepted. 0: fetch.DefaultMaxBytes.
	MaxFileBytes int64
	Logger       *slog.Logger
}

// Manager adds and removes articles. It is safe for concurrent use: changes
// are made one at a time, each with its reload, so two moderators adding at
// once both get their articles.
type Manager struct {
	opts Options
	mu   sync.Mutex // one change to the corpus, and its reload, at a time
	// shingles of the articles served, for the near-duplicate check;
	// guarded by mu.
	shingles shingleCache
}

// New returns a Manager.
func New(opts Options) *Manager {
	if opts.MaxArticleBytes <= 0 {
		opts.MaxArticleBytes = corpus.DefaultMaxArticleBytes
	}
	if opts.MaxFileBytes <= 0 {
		opts.MaxFileBytes = fetch.DefaultMaxBytes
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return &Manager{opts: opts, shingles: shingleCache{}}
}

// Added is what adding an article did.
type Added struct {
	corpus.Meta
	Path  string
	Words int    // words served, after cleaning
	Lead  string // the first sentences served
	// Duplicate is set when the article nearly duplicates one already
	// served; it then waits under PendingID until Confirm keeps it.
	Duplicate *Match
	PendingID string
	Report    library.Report // the reload that served it; zero while pending
}

// FromURL fetches a page and extracts its article.
func (m *Manager) FromURL(ctx context.Context, url string) (*extract.Article, error) {
	if m.opts.Fetcher == nil {
		return nil, errors.New("no fetcher configured")
	}
	p, err := m.opts.Fetcher.Get(ctx, url)
	if err != nil {
		return nil, err
	}
	return fromPage(p)
}

// FromAttachment downloads a file a moderator attached in Discord (from the
// URL Discord gives) and extracts its article. size is the size Discord
// reports, checked before anything is downloaded.
func (m *Manager) FromAttachment(ctx context.Context, name, url string, size int64) (*extract.Article, error) {
	if err := m.checkFile(name, size); err != nil {
		return nil, err
	}
	if m.opts.Fetcher == nil {
		return nil, errors.New("no fetcher configured")
	}
	p, err := m.opts.Fetcher.Get(ctx, url)
	if err != nil {
		return nil, err
	}
	return m.FromFile(name, p.Body)
}

// FromFile extracts the article of a .txt, .md or .html file.
func (m *Manager) FromFile(name string, body []byte) (*extract.Article, error) {
	if err := m.checkFile(name, int64(len(body))); err != nil {
		return nil, err
	}
	if fileKind(name) == "html" {
		return extract.HTML(body, "", "text/html")
	}
	return extract.Text(body)
}

func (m *Manager) checkFile(name string, size int64) error {
	if fileKind(name) == "" {
		return fmt.Errorf("%q: %w", name, ErrFileType)
	}
	if size > m.opts.MaxFileBytes {
		return fmt.Errorf("%q: %w: %d bytes, the limit is %d", name, ErrTooLarge, size, m.opts.MaxFileBytes)
	}
	return nil
}

func fileKind(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm":
		return "html"
	case ".txt", ".md", ".markdown":
		return "text"
	}
	return ""
}

func fromPage(p *fetch.Page) (*extract.Article, error) {
	switch p.ContentType {
	case "text/plain", "text/markdown", "text/x-markdown":
		a, err := extract.Text(p.Body)
		if err == nil && a.URL == "" {
			a.URL = p.URL
		}
		return a, err
	}
	return extract.HTML(p.Body, p.URL, p.ContentType+"; charset="+p.Charset)
}

// Add writes the article into the corpus and reloads. A near-duplicate of
// an article already served is not added unless force is set: it waits in
// the pending directory, and the result says which article it resembles.
func (m *Manager) Add(ctx context.Context, a *extract.Article, force bool) (*Added, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	docs := m.docs(ctx)
	res, content, err := m.prepare(a, docs)
	if err != nil {
		return nil, err
	}
	if !force {
		m.shingles.keep(docs)
		if d := nearestDuplicate(a.Paragraphs, a.URL, docs, m.shingles); d != nil {
			res.Duplicate = d
			path, err := m.write(filepath.Join(m.opts.CorpusDir, PendingDir), res.ID, content)
			if err != nil {
				return nil, err
			}
			res.PendingID = strings.TrimSuffix(filepath.Base(path), ".md")
			res.Path = path
			m.opts.Logger.Info("article held as a near-duplicate", "pending", res.PendingID, "of", d.ID, "containment", d.Containment)
			return res, nil
		}
	}
	path, err := m.write(m.opts.CorpusDir, res.ID, content)
	if err != nil {
		return nil, err
	}
	return m.serve(ctx, res, path, func() error { return os.Remove(path) })
}

// Confirm adds an article held as a near-duplicate ("Keep anyway").
func (m *Manager) Confirm(ctx context.Context, pendingID string) (*Added, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	src, err := m.pendingPath(pendingID)
	if err != nil {
		return nil, err
	}
	doc, err := corpus.LoadFile(src, m.opts.MaxArticleBytes)
	if err != nil {
		return nil, fmt.Errorf("pending article: %w", err)
	}
	docs := m.docs(ctx)
	id := m.uniqueID(doc.ID, docs)
	dst := filepath.Join(m.opts.CorpusDir, id+".md")
	content, err := os.ReadFile(src)
	if err != nil {
		return nil, err
	}
	if id != doc.ID { // the id was taken meanwhile: rewrite the front matter
		doc.ID = id
		content = []byte(render(doc.Meta, doc.Paragraphs))
	}
	if err := writeAtomic(dst, content); err != nil {
		return nil, err
	}
	os.Remove(src)
	res := describe(doc.Meta, doc.Paragraphs)
	return m.serve(ctx, res, dst, func() error {
		// Put it back where it waited, so a second press can try again.
		return errors.Join(writeAtomic(src, content), os.Remove(dst))
	})
}

// Discard drops an article held as a near-duplicate ("Undo" on it).
func (m *Manager) Discard(pendingID string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	p, err := m.pendingPath(pendingID)
	if err != nil {
		return err
	}
	return os.Remove(p)
}

// Remove moves an article's file to the removed directory and reloads; a
// reload that fails puts the file back.
func (m *Manager) Remove(ctx context.Context, id string) (corpus.Meta, library.Report, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var doc *corpus.Document
	for _, d := range m.docs(ctx) {
		if d.ID == id {
			doc = d
		}
	}
	if doc == nil {
		return corpus.Meta{}, library.Report{}, fmt.Errorf("%q: %w", id, ErrNotFound)
	}
	dir := filepath.Join(m.opts.CorpusDir, RemovedDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return corpus.Meta{}, library.Report{}, err
	}
	dst := freeName(dir, filepath.Base(doc.Path))
	if err := os.Rename(doc.Path, dst); err != nil {
		return corpus.Meta{}, library.Report{}, fmt.Errorf("move %s to %s: %w", doc.Path, RemovedDir, err)
	}
	rep, err := m.opts.Library.Reload(ctx)
	if err != nil {
		if rerr := os.Rename(dst, doc.Path); rerr != nil {
			err = errors.Join(err, rerr)
		}
		return corpus.Meta{}, library.Report{}, fmt.Errorf("removing %s: %w: %w", id, ErrReload, err)
	}
	m.opts.Logger.Info("article removed", "id", id, "moved_to", dst)
	return doc.Meta, rep, nil
}

// List returns the articles served, in corpus order.
func (m *Manager) List(ctx context.Context) []corpus.Meta {
	var out []corpus.Meta
	for _, d := range m.docs(ctx) {
		out = append(out, d.Meta)
	}
	return out
}

// serve reloads after a file was written; when the reload fails, undo
// takes the file back out and the error says why.
func (m *Manager) serve(ctx context.Context, res *Added, path string, undo func() error) (*Added, error) {
	rep, err := m.opts.Library.Reload(ctx)
	if err != nil {
		if uerr := undo(); uerr != nil {
			err = errors.Join(err, fmt.Errorf("taking %s back out: %w", path, uerr))
		}
		m.opts.Logger.Warn("reload after adding an article failed; the article was taken out", "path", path, "err", err)
		return nil, fmt.Errorf("%w: %w", ErrReload, err)
	}
	res.ID = strings.TrimSuffix(filepath.Base(path), ".md")
	res.Path, res.Report = path, rep
	m.opts.Logger.Info("article added", "id", res.ID, "title", res.Title, "words", res.Words)
	return res, nil
}

// docs returns the articles served now, or those on disk before the first
// load.
func (m *Manager) docs(ctx context.Context) []*corpus.Document {
	if s := m.opts.Library.Snapshot(); s != nil {
		return s.Docs()
	}
	docs, _ := corpus.LoadDir(ctx, m.opts.CorpusDir, corpus.LoadOptions{MaxBytes: m.opts.MaxArticleBytes})
	return docs
}

// prepare gives the article an id and renders its file.
func (m *Manager) prepare(a *extract.Article, docs []*corpus.Document) (*Added, string, error) {
	meta := corpus.Meta{ID: m.uniqueID(titleSlug(a.Title), docs), Title: a.Title, Date: a.Date, URL: a.URL, Outlet: a.Outlet, Lang: a.Lang}
	if !validURL(meta.URL) {
		meta.URL = ""
	}
	res := describe(meta, a.Paragraphs)
	if res.Words == 0 {
		return nil, "", extract.ErrNoArticle
	}
	content := render(meta, a.Paragraphs)
	if int64(len(content)) > m.opts.MaxArticleBytes {
		return nil, "", fmt.Errorf("%w: the article is %d bytes, the limit is %d (MAX_ARTICLE_BYTES)", ErrTooLarge, len(content), m.opts.MaxArticleBytes)
	}
	return res, content, nil
}

// leadSentences is how many sentences the reply quotes: enough to
// recognise the article, short enough for a Discord field.
const leadSentences = 2

// describe says what will be served: the text as the loader cleans it.
func describe(meta corpus.Meta, paragraphs []string) *Added {
	served, _ := corpus.Clean(strings.Join(paragraphs, "\n\n"), meta.Title)
	res := &Added{Meta: meta}
	for _, p := range served {
		res.Words += len(strings.Fields(p))
	}
	if len(served) > 0 {
		s := corpus.Sentences(served[0])
		res.Lead = strings.Join(s[:min(leadSentences, len(s))], " ")
	}
	return res
}

// maxSlug is the longest id made from a title: the loader allows 64
// characters, and a "-NN" suffix for a taken slug must still fit.
const maxSlug = 60

// titleSlug makes an id of a title's leading words, cut between words.
func titleSlug(title string) string {
	words := strings.Fields(title)
	slug := ""
	for i := range words {
		s := corpus.Slug(strings.Join(words[:i+1], " "))
		if len(s) > maxSlug && slug != "" {
			break
		}
		slug = s
	}
	if slug == "" || len(slug) > maxSlug {
		slug = strings.TrimRight(corpus.Slug(title)[:min(len(corpus.Slug(title)), maxSlug)], "-")
	}
	return slug
}

// uniqueID returns slug, or slug-2, slug-3… when an article, a pending
// article or a file already uses it.
func (m *Manager) uniqueID(slug string, docs []*corpus.Document) string {
	taken := func(id string) bool {
		if slices.ContainsFunc(docs, func(d *corpus.Document) bool { return d.ID == id }) {
			return true
		}
		for _, dir := range []string{m.opts.CorpusDir, filepath.Join(m.opts.CorpusDir, PendingDir)} {
			for _, ext := range []string{".md", ".txt", ".markdown"} {
				if _, err := os.Lstat(filepath.Join(dir, id+ext)); err == nil {
					return true
				}
			}
		}
		return false
	}
	id := slug
	for n := 2; taken(id); n++ {
		suffix := fmt.Sprintf("-%d", n)
		id = strings.TrimRight(slug[:min(len(slug), 64-len(suffix))], "-") + suffix
	}
	return id
}

// write writes content as <id>.md in dir; uniqueID chose a free id.
func (m *Manager) write(dir, id string, content string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(dir, id+".md")
	return path, writeAtomic(path, []byte(content))
}

func (m *Manager) pendingPath(id string) (string, error) {
	if !validID(id) {
		return "", ErrPendingNotFound
	}
	p := filepath.Join(m.opts.CorpusDir, PendingDir, id+".md")
	if _, err := os.Stat(p); err != nil {
		return "", ErrPendingNotFound
	}
	return p, nil
}

// freeName returns dir/name, or dir/<stem>-2<ext>… when that is taken.
func freeName(dir, name string) string {
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	p := filepath.Join(dir, name)
	for n := 2; ; n++ {
		if _, err := os.Lstat(p); errors.Is(err, os.ErrNotExist) {
			return p
		}
		p = filepath.Join(dir, fmt.Sprintf("%s-%d%s", stem, n, ext))
	}
}
