package corpus

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"dossier/internal/lang"
)

// DefaultMaxArticleBytes is the largest article file the loader reads. News
// articles are a few tens of kilobytes; anything far bigger is a mistake.
const DefaultMaxArticleBytes = 2 << 20

// ErrEmptyCorpus is returned when a corpus directory holds no articles.
var ErrEmptyCorpus = errors.New("no articles (*.md or *.txt) found")

// Errors a moderator can cause with a file; wrapped in a FileError.
var (
	ErrTooLarge    = errors.New("file too large")
	ErrEmptyFile   = errors.New("file is empty")
	ErrBinary      = errors.New("not a text file")
	ErrInvalidUTF8 = errors.New("not valid UTF-8")
	ErrNoText      = errors.New("no article text left after cleaning")
	ErrDuplicateID = errors.New("duplicate article id")
)

// LoadOptions tune LoadDir.
type LoadOptions struct {
	// MaxBytes refuses bigger files; 0 means DefaultMaxArticleBytes.
	MaxBytes int64
	// Progress, when set, is called after each file is read.
	Progress func(done, total int)
}

// LoadDir reads every article in dir (Markdown with front matter, or plain
// text in the seeds' format), cleans it, and returns the documents sorted by
// file name. Files whose names start with "." or "_" and README files are
// skipped. Every broken file is reported, each error naming its file; the
// caller decides whether a partial corpus is acceptable (a reload is not).
func LoadDir(ctx context.Context, dir string, opts LoadOptions) ([]*Document, error) {
	paths, err := articlePaths(dir)
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("%s: %w", dir, ErrEmptyCorpus)
	}
	var docs []*Document
	var errs []error
	byID := map[string]string{}
	for i, path := range paths {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		doc, err := LoadFile(path, opts.MaxBytes)
		if opts.Progress != nil {
			opts.Progress(i+1, len(paths))
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if other, dup := byID[doc.ID]; dup {
			errs = append(errs, &FileError{Path: path, Err: fmt.Errorf("%w %q, also used by %s", ErrDuplicateID, doc.ID, other)})
			continue
		}
		byID[doc.ID] = path
		docs = append(docs, doc)
	}
	if len(errs) > 0 {
		return docs, errors.Join(errs...)
	}
	return docs, nil
}

// articlePaths lists the article files under dir, following symbolic links
// to files but refusing directory loops.
func articlePaths(dir string) ([]string, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("corpus directory: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("corpus directory %s: not a directory", dir)
	}
	var paths []string
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return &FileError{Path: path, Err: err}
		}
		name := d.Name()
		if path != dir && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !isArticleName(name) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// Stat follows the link; a loop or a dangling link fails here.
			if _, err := os.Stat(path); err != nil {
				return &FileError{Path: path, Err: err}
			}
		}
		paths = append(paths, path)
		return nil
	})
	sort.Strings(paths)
	return paths, err
}

func isArticleName(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	base := strings.ToLower(strings.TrimSuffix(name, filepath.Ext(name)))
	return (ext == ".md" || ext == ".markdown" || ext == ".txt") && base != "readme"
}

// LoadFile reads one article. Markdown files carry front matter; text files
// are in the seeds' format: an optional "date YYYY-MM-DD " prefix, then the
// text. Missing ids and titles are derived from the file name and the text.
func LoadFile(path string, maxBytes int64) (*Document, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxArticleBytes
	}
	fail := func(line int, err error) (*Document, error) {
		return nil, &FileError{Path: path, Line: line, Err: err}
	}
	info, err := os.Stat(path)
	if err != nil {
		return fail(0, err)
	}
	if info.Size() > maxBytes {
		return fail(0, fmt.Errorf("%w: %d bytes, the limit is %d (MAX_ARTICLE_BYTES)", ErrTooLarge, info.Size(), maxBytes))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fail(0, err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return fail(0, ErrEmptyFile)
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return fail(1+bytes.Count(data[:i], []byte("\n")), fmt.Errorf("%w: NUL byte at offset %d", ErrBinary, i))
	}
	if !utf8.Valid(data) {
		off := firstInvalidUTF8(data)
		return fail(1+bytes.Count(data[:off], []byte("\n")), fmt.Errorf("%w: bad byte at offset %d", ErrInvalidUTF8, off))
	}
	return parseArticle(path, string(data))
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

var datePrefix = regexp.MustCompile(`^\s*date (\d{4}-\d{2}-\d{2})\s+`)

func parseArticle(path, text string) (*Document, error) {
	fields := map[string]string{}
	body := text
	if ext := strings.ToLower(filepath.Ext(path)); ext == ".md" || ext == ".markdown" {
		var err error
		fields, body, err = ParseFrontMatter(text)
		if err != nil {
			var le *lineError
			if errors.As(err, &le) {
				return nil, &FileError{Path: path, Line: le.line, Err: errors.New(le.msg)}
			}
			return nil, &FileError{Path: path, Err: err}
		}
	}
	if m := datePrefix.FindStringSubmatch(body); m != nil {
		if fields["date"] == "" {
			fields["date"] = m[1]
		}
		body = body[len(m[0]):]
	}
	meta := Meta{
		ID: fields["id"], Title: fields["title"], Date: fields["date"],
		URL: fields["url"], Outlet: fields["outlet"], Seed: fields["seed"], Lang: fields["lang"],
	}
	if err := validateMeta(&meta, path); err != nil {
		return nil, &FileError{Path: path, Err: err}
	}
	paras, _ := Clean(body, meta.Title)
	if len(paras) == 0 {
		return nil, &FileError{Path: path, Err: ErrNoText}
	}
	if meta.Title == "" {
		meta.Title = deriveTitle(body, paras)
	}
	return &Document{Meta: meta, Path: path, Paragraphs: paras}, nil
}

var slugRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

func validateMeta(m *Meta, path string) error {
	if m.ID == "" {
		m.ID = Slug(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
	}
	if !slugRe.MatchString(m.ID) {
		return fmt.Errorf("front matter: id %q: want lower-case letters, digits and hyphens, at most 64", m.ID)
	}
	if m.Date != "" {
		if _, err := time.Parse("2006-01-02", m.Date); err != nil {
			return fmt.Errorf("front matter: date %q: want YYYY-MM-DD", m.Date)
		}
	}
	switch {
	case m.Lang == "":
		m.Lang = DefaultLang
	case len(m.Lang) != 2 || !lang.IsLanguageCode(m.Lang):
		return fmt.Errorf("front matter: lang %q: want a two-letter ISO 639-1 code such as %q", m.Lang, DefaultLang)
	default:
		m.Lang = strings.ToLower(m.Lang)
	}
	if m.URL != "" {
		u, err := url.Parse(m.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("front matter: url %q: want an absolute http(s) URL", m.URL)
		}
	}
	return nil
}

// Slug turns a file name into an article id.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimRight(b.String(), "-")
	if len(out) > 64 {
		out = strings.TrimRight(out[:64], "-")
	}
	if out == "" {
		out = "article"
	}
	return out
}

// deriveTitle gives an article without front matter a title: its first
// line when that reads as a headline, otherwise its opening words.
func deriveTitle(body string, paras []string) string {
	first := collapse(strings.SplitN(strings.TrimSpace(normalizeSpace(body)), "\n", 2)[0])
	if n := wordCount(first); n >= 3 && n <= 20 && !endsSentence(first) {
		return first
	}
	return shorten(Sentences(paras[0])[0], 90)
}

// shorten cuts s at a word boundary to at most n bytes, adding an ellipsis.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	for cut <= 0 && n > 0 && !utf8.RuneStart(s[n]) {
		n-- // no space to cut at: at least keep whole characters
	}
	if cut <= 0 {
		cut = n
	}
	return strings.TrimRight(s[:cut], " ,;:") + "…"
}
