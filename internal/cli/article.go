package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"dossier/internal/articles"
	"dossier/internal/corpus"
	"dossier/internal/extract"
	"dossier/internal/library"
)

// ArticleUsage is how `bot article` is used.
const ArticleUsage = `usage: bot article add [--force] URL|FILE   fetch a page (or read a .txt, .md or .html file) into the corpus
       bot article remove ID                 move an article to corpus/.removed
       bot article list                      list the articles`

// ErrNearDuplicate is returned by `article add` for an article that nearly
// duplicates one in the corpus; --force adds it anyway.
var ErrNearDuplicate = errors.New("near-duplicate")

// Article runs `bot article add|remove|list`.
func (c *CLI) Article(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%s", ArticleUsage)
	}
	sub, rest := args[0], args[1:]
	fs := flag.NewFlagSet("article "+sub, flag.ContinueOnError)
	fs.SetOutput(c.Err)
	force := false
	if sub == "add" {
		fs.BoolVar(&force, "force", false, "add a near-duplicate of an article in the corpus anyway")
	}
	if err := fs.Parse(rest); err != nil {
		return err
	}
	rest = fs.Args()
	lib, err := c.Open(ctx)
	if err != nil {
		return err
	}
	m := articles.New(articles.Options{
		CorpusDir: c.Library.CorpusDir, Library: lib, Fetcher: c.Fetcher,
		MaxArticleBytes: c.Library.MaxArticleBytes, Logger: c.Library.Logger,
	})
	switch {
	case sub == "add" && len(rest) == 1:
		return c.addArticle(ctx, m, rest[0], force)
	case sub == "remove" && len(rest) == 1:
		meta, rep, err := m.Remove(ctx, rest[0])
		if err != nil {
			return err
		}
		return Write(c.Out, &Removed{Meta: meta, Report: rep}, c.JSON)
	case sub == "list" && len(rest) == 0:
		return Write(c.Out, ArticleList(m.List(ctx)), c.JSON)
	}
	return fmt.Errorf("%s", ArticleUsage)
}

func (c *CLI) addArticle(ctx context.Context, m *articles.Manager, source string, force bool) error {
	var a *extract.Article
	var err error
	if strings.Contains(source, "://") {
		a, err = m.FromURL(ctx, source)
	} else {
		var body []byte
		if body, err = readLimited(source, c.maxFileBytes()); err == nil {
			a, err = m.FromFile(filepath.Base(source), body)
		}
	}
	if err != nil {
		return fmt.Errorf("%s: %w", source, err)
	}
	res, err := m.Add(ctx, a, force)
	if err != nil {
		return err
	}
	if res.Duplicate != nil {
		// The command line has no button to press later: nothing waits.
		m.Discard(res.PendingID)
		Write(c.Out, &Added{Added: res}, c.JSON)
		return fmt.Errorf("%w of %s: not added; run again with --force to add it anyway", ErrNearDuplicate, res.Duplicate.ID)
	}
	return Write(c.Out, &Added{Added: res}, c.JSON)
}

func (c *CLI) maxFileBytes() int64 {
	if c.MaxFileBytes > 0 {
		return c.MaxFileBytes
	}
	return 5 << 20
}

// readLimited reads a file, refusing one larger than limit.
func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	body, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(body)) > limit {
		return nil, fmt.Errorf("%w: more than %d bytes", articles.ErrTooLarge, limit)
	}
	return body, nil
}

// Added is what `article add` prints.
type Added struct{ *articles.Added }

// MarshalJSON writes {"id", "title", "date", "url", "outlet", "words",
// "lead", "path", "duplicate", "report"}.
func (a *Added) MarshalJSON() ([]byte, error) {
	type match struct {
		ID          string  `json:"id"`
		Title       string  `json:"title"`
		Containment float64 `json:"containment"`
		SameURL     bool    `json:"same_url"`
	}
	out := struct {
		corpus.Meta
		Words     int             `json:"words"`
		Lead      string          `json:"lead"`
		Path      string          `json:"path,omitempty"`
		Duplicate *match          `json:"duplicate,omitempty"`
		Report    *library.Report `json:"report,omitempty"`
	}{Meta: a.Meta, Words: a.Words, Lead: a.Lead}
	if d := a.Duplicate; d != nil {
		out.Duplicate = &match{d.ID, d.Title, d.Containment, d.SameURL}
	} else {
		out.Path, out.Report = a.Path, &a.Report
	}
	return json.Marshal(out)
}

// WriteText writes the article's metadata, size and first sentences.
func (a *Added) WriteText(w io.Writer) {
	if d := a.Duplicate; d != nil {
		how := fmt.Sprintf("%.0f%% of its text is in", 100*d.Containment)
		if d.SameURL {
			how = "same link as"
		}
		fmt.Fprintf(w, "near-duplicate: %s — %s %s (%s)\n", a.Title, how, d.Title, d.ID)
		return
	}
	fmt.Fprintf(w, "added %s: %s\n", a.ID, a.Title)
	fmt.Fprintf(w, "  %s · %s · %d words · %s\n", orUndated(a.Date), orUnknown(a.Outlet), a.Words, a.Path)
	fmt.Fprintf(w, "  %s\n", oneLine(a.Lead, maxSourceRunes))
	fmt.Fprintf(w, "  now serving %d articles\n", a.Report.Articles)
}

// Removed is what `article remove` prints.
type Removed struct {
	Meta   corpus.Meta    `json:"article"`
	Report library.Report `json:"report"`
}

// WriteText names the article removed.
func (r *Removed) WriteText(w io.Writer) {
	fmt.Fprintf(w, "removed %s: %s (moved to %s/)\n  now serving %d articles\n", r.Meta.ID, r.Meta.Title, articles.RemovedDir, r.Report.Articles)
}

// ArticleList is what `article list` prints.
type ArticleList []corpus.Meta

// MarshalJSON writes {"articles": [...]}.
func (l ArticleList) MarshalJSON() ([]byte, error) {
	if l == nil {
		l = ArticleList{}
	}
	return json.Marshal(struct {
		Articles []corpus.Meta `json:"articles"`
	}{l})
}

// WriteText writes one line per article.
func (l ArticleList) WriteText(w io.Writer) {
	for _, m := range l {
		fmt.Fprintf(w, "%s  %s · %s · %s\n", m.ID, orUndated(m.Date), orUnknown(m.Outlet), m.Title)
	}
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown outlet"
	}
	return s
}
