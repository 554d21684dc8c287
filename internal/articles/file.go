package articles

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"dossier/internal/corpus"
)

// render writes an article as the loader reads it: front matter (see
// corpus.ParseFrontMatter), then one paragraph per line, separated by
// blank lines.
func render(m corpus.Meta, paragraphs []string) string {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "id: %s\n", m.ID)
	fmt.Fprintf(&b, "title: %s\n", quote(m.Title))
	if m.Date != "" {
		fmt.Fprintf(&b, "date: %s\n", m.Date)
	}
	if m.URL != "" {
		fmt.Fprintf(&b, "url: %s\n", quote(m.URL))
	}
	if m.Outlet != "" {
		fmt.Fprintf(&b, "outlet: %s\n", quote(m.Outlet))
	}
	if m.Lang != "" {
		fmt.Fprintf(&b, "lang: %s\n", m.Lang)
	}
	b.WriteString("---\n")
	for i, p := range paragraphs {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(strings.Join(strings.Fields(p), " "))
		b.WriteString("\n")
	}
	return b.String()
}

// quote writes a double-quoted scalar in the escapes the front-matter
// parser reads: \" and \\; line breaks become spaces.
var quoter = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ", "\r", " ")

func quote(s string) string { return `"` + quoter.Replace(s) + `"` }

// writeAtomic writes path through a temporary file in the same directory
// and a rename, so that a reader (a reload) sees the old file or the whole
// new one, never half of it. The temporary name starts with a dot, which
// the loader skips.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".tmp-article-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	serr := f.Sync()
	cerr := f.Close()
	if err := firstErr(werr, serr, cerr); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp, 0o644); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

var idRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

// validID accepts the ids corpus.Slug makes, so an id from a button or the
// command line cannot name a path outside the corpus.
func validID(id string) bool { return idRe.MatchString(id) }

func validURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
