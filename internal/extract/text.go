package extract

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"dossier/internal/corpus"
)

// ErrNotText is returned for a file that is not UTF-8 text.
var ErrNotText = errors.New("the file is not UTF-8 text")

var datePrefix = regexp.MustCompile(`^\s*date (\d{4}-\d{2}-\d{2})\s+`)

// Text reads an article from a plain text or Markdown file (a moderator's
// upload): Markdown front matter when present (title, date, url, outlet),
// else the seeds' optional "date YYYY-MM-DD" prefix and the first line as
// the title when it reads as a headline. Paragraphs are separated by blank
// lines.
func Text(body []byte) (*Article, error) {
	if !utf8.Valid(body) || strings.IndexByte(string(body), 0) >= 0 {
		return nil, ErrNotText
	}
	text := strings.ReplaceAll(string(body), "\r\n", "\n")
	fields, rest, err := corpus.ParseFrontMatter(text)
	if err != nil {
		return nil, fmt.Errorf("front matter: %w", err)
	}
	a := &Article{Title: fields["title"], Date: fields["date"], URL: fields["url"], Outlet: fields["outlet"]}
	if m := datePrefix.FindStringSubmatch(rest); m != nil {
		if a.Date == "" {
			a.Date = m[1]
		}
		rest = rest[len(m[0]):]
	}
	if a.Date != "" {
		if _, err := time.Parse("2006-01-02", a.Date); err != nil {
			return nil, fmt.Errorf("date %q: want YYYY-MM-DD", a.Date)
		}
	}
	for _, block := range strings.Split(rest, "\n\n") {
		if s := clean(strings.TrimLeft(strings.TrimSpace(block), "# ")); s != "" {
			a.Paragraphs = append(a.Paragraphs, s)
		}
	}
	if len(a.Paragraphs) == 0 {
		return nil, ErrNoArticle
	}
	if a.Title == "" {
		first, _, _ := strings.Cut(strings.TrimSpace(rest), "\n")
		first = clean(strings.TrimLeft(first, "# "))
		if n := len(strings.Fields(first)); n >= 2 && n <= 20 && !strings.ContainsAny(first[len(first)-1:], ".!?") {
			a.Title = first
			if a.Paragraphs[0] == first {
				a.Paragraphs = a.Paragraphs[1:]
			}
		}
	}
	if a.Words() < MinWords {
		return nil, fmt.Errorf("%w (%d words)", ErrNoArticle, a.Words())
	}
	return a, nil
}
