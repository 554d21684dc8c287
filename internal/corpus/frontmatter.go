package corpus

import (
	"fmt"
	"strings"
)

// FileError says which file, and where in it, could not be read as an
// article. Callers use errors.As to name the file to the user.
type FileError struct {
	Path string
	Line int // 0 when the problem is not on one line
	Err  error
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *FileError) Unwrap() error { return e.Err }

// frontMatterKeys are the keys an article's front matter may hold. Unknown
// keys are refused so that a typo ("tilte") is caught, not silently dropped.
var frontMatterKeys = map[string]bool{
	"id": true, "title": true, "date": true, "url": true, "outlet": true, "seed": true, "lang": true,
}

// lineError is an error at a line of the input, before the file is known.
type lineError struct {
	line int
	msg  string
}

func (e *lineError) Error() string { return e.msg }

// ParseFrontMatter splits a Markdown article into its front matter and body.
// The front matter is a flat YAML mapping between two "---" lines: one
// "key: value" per line, values bare or in single or double quotes, "#"
// comments allowed. A text that does not start with "---" has none. Errors
// carry the 1-based line number.
func ParseFrontMatter(text string) (fields map[string]string, body string, err error) {
	text = strings.TrimPrefix(text, "\ufeff")
	lines := strings.SplitAfter(text, "\n")
	if strings.TrimRight(lines[0], " \t\r\n") != "---" {
		return map[string]string{}, text, nil
	}
	fields = map[string]string{}
	for i := 1; i < len(lines); i++ {
		lineNo := i + 1
		s := strings.TrimRight(lines[i], " \t\r\n")
		if s == "---" {
			return fields, strings.Join(lines[i+1:], ""), nil
		}
		if t := strings.TrimSpace(s); t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		key, value, ok := strings.Cut(s, ":")
		key = strings.TrimSpace(key)
		if !ok || key == "" || strings.ContainsAny(key, " \t\"'") {
			return nil, "", &lineError{lineNo, fmt.Sprintf("front matter: want \"key: value\", got %q", s)}
		}
		if !frontMatterKeys[key] {
			return nil, "", &lineError{lineNo, fmt.Sprintf("front matter: unknown key %q (known: id, title, date, url, outlet, seed, lang)", key)}
		}
		if _, dup := fields[key]; dup {
			return nil, "", &lineError{lineNo, fmt.Sprintf("front matter: key %q given twice", key)}
		}
		v, err := unquote(strings.TrimSpace(value))
		if err != nil {
			return nil, "", &lineError{lineNo, fmt.Sprintf("front matter: %s: %v", key, err)}
		}
		fields[key] = v
	}
	return nil, "", &lineError{1, "front matter: opened with \"---\" but never closed"}
}

// unquote reads a bare, 'single' or "double" quoted YAML scalar.
func unquote(v string) (string, error) {
	if v == "" {
		return "", nil
	}
	switch v[0] {
	case '"':
		var b strings.Builder
		for i := 1; i < len(v); i++ {
			c := v[i]
			switch {
			case c == '"':
				if strings.TrimSpace(v[i+1:]) != "" && !strings.HasPrefix(strings.TrimSpace(v[i+1:]), "#") {
					return "", fmt.Errorf("text after closing quote: %q", v[i+1:])
				}
				return b.String(), nil
			case c == '\\' && i+1 < len(v):
				i++
				switch v[i] {
				case 'n':
					b.WriteByte('\n')
				case 't':
					b.WriteByte('\t')
				case '"', '\\', '/':
					b.WriteByte(v[i])
				default:
					return "", fmt.Errorf("unknown escape \\%c", v[i])
				}
			default:
				b.WriteByte(c)
			}
		}
		return "", fmt.Errorf("unclosed double quote")
	case '\'':
		var b strings.Builder
		for i := 1; i < len(v); i++ {
			if v[i] != '\'' {
				b.WriteByte(v[i])
				continue
			}
			if i+1 < len(v) && v[i+1] == '\'' {
				b.WriteByte('\'')
				i++
				continue
			}
			if strings.TrimSpace(v[i+1:]) != "" && !strings.HasPrefix(strings.TrimSpace(v[i+1:]), "#") {
				return "", fmt.Errorf("text after closing quote: %q", v[i+1:])
			}
			return b.String(), nil
		}
		return "", fmt.Errorf("unclosed single quote")
	}
	// A bare scalar ends at " #", YAML's comment marker.
	if i := strings.Index(v, " #"); i >= 0 {
		v = strings.TrimSpace(v[:i])
	}
	return v, nil
}
