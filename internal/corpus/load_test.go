package corpus

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestParseFrontMatter(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		want     map[string]string
		body     string
		errLine  int
		errMatch string
	}{
		{"none", "Just text.\n", map[string]string{}, "Just text.\n", 0, ""},
		{"bare, quoted and commented values",
			"---\nid: a-1\ntitle: \"Say \\\"hi\\\"\"\noutlet: 'It''s news' # comment\n# a comment line\ndate: 2025-11-26\n---\nBody\n",
			map[string]string{"id": "a-1", "title": `Say "hi"`, "outlet": "It's news", "date": "2025-11-26"}, "Body\n", 0, ""},
		{"never closed", "---\nid: a\n", nil, "", 1, "never closed"},
		{"not key value", "---\nid a\n---\n", nil, "", 2, "key: value"},
		{"unknown key", "---\nid: a\ntilte: x\n---\n", nil, "", 3, "unknown key"},
		{"duplicate key", "---\nid: a\nid: b\n---\n", nil, "", 3, "twice"},
		{"unclosed quote", "---\ntitle: \"open\n---\n", nil, "", 2, "unclosed"},
		{"text after quote", "---\ntitle: \"a\" b\n---\n", nil, "", 2, "after closing quote"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, body, err := ParseFrontMatter(tt.in)
			if tt.errMatch != "" {
				var le *lineError
				if !errors.As(err, &le) || le.line != tt.errLine || !strings.Contains(err.Error(), tt.errMatch) {
					t.Fatalf("err = %v, want line %d mentioning %q", err, tt.errLine, tt.errMatch)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) || body != tt.body {
				t.Fatalf("got %v, body %q; want %v, body %q", got, body, tt.want, tt.body)
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Errorf("%s = %q, want %q", k, got[k], v)
				}
			}
		})
	}
}

func FuzzParseFrontMatter(f *testing.F) {
	for _, s := range []string{"---\nid: a\n---\nx", "---\ntitle: \"a\\\"", "---\n'", "---\r\nid: x\r\n---\r\n", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fields, body, err := ParseFrontMatter(s)
		if err != nil {
			var le *lineError
			if !errors.As(err, &le) || le.line < 1 || le.line > strings.Count(s, "\n")+1 {
				t.Fatalf("error %v has no line inside the text", err)
			}
			return
		}
		if !strings.HasSuffix(s, body) {
			t.Fatalf("body %q is not the end of the input", body)
		}
		for k := range fields {
			if !frontMatterKeys[k] {
				t.Fatalf("unknown key %q accepted", k)
			}
		}
	})
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadPlainTextArticle(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "My Story 01.txt", " date 2025-11-27 Envoy meets aide in Geneva\n\nThe envoy met the aide on Thursday. They talked for an hour.\n")
	docs, err := LoadDir(context.Background(), dir, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	if d.ID != "my-story-01" || d.Date != "2025-11-27" || d.Title != "Envoy meets aide in Geneva" {
		t.Errorf("got id %q date %q title %q", d.ID, d.Date, d.Title)
	}
	if len(d.Paragraphs) != 1 || d.Paragraphs[0] != "The envoy met the aide on Thursday. They talked for an hour." {
		t.Errorf("paragraphs = %q", d.Paragraphs)
	}
}

func TestLoadLanguage(t *testing.T) {
	tests := []struct{ file, content, want string }{
		{"none.md", "---\nid: a\n---\nThe text.", DefaultLang},
		{"plain.txt", "The text.", DefaultLang},
		{"french.md", "---\nid: b\nlang: fr\n---\nLe texte.", "fr"},
		{"upper.md", "---\nid: c\nlang: DE\n---\nDer Text.", "de"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			d, err := LoadFile(writeFile(t, t.TempDir(), tt.file, tt.content), 0)
			if err != nil {
				t.Fatal(err)
			}
			if d.Lang != tt.want {
				t.Errorf("Lang = %q, want %q", d.Lang, tt.want)
			}
		})
	}
}

func TestLoadDerivesTitleFromFirstSentence(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", "The envoy met the aide on Thursday in a hotel outside Geneva, far from the cameras and the press corps that had followed him for days. They talked.")
	docs, err := LoadDir(context.Background(), dir, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := docs[0].Title; !strings.HasPrefix(got, "The envoy met the aide") || !strings.HasSuffix(got, "…") || len(got) > 95 {
		t.Errorf("title = %q", got)
	}
}

func TestLoadErrorsNameTheFile(t *testing.T) {
	tests := []struct {
		name, file, content string
		want                error
		line                int
		mention             string
	}{
		{"empty", "empty.md", "  \n\n", ErrEmptyFile, 0, ""},
		{"binary", "bin.txt", "abc\n\x00\x01\x02", ErrBinary, 2, ""},
		{"invalid utf-8", "bad.txt", "ok line\nbad \xff byte", ErrInvalidUTF8, 2, ""},
		{"broken front matter", "fm.md", "---\nid: x\ntitle \"no colon\"\n---\nText here.", nil, 3, "key: value"},
		{"bad date", "date.md", "---\nid: x\ndate: 26/11/2025\n---\nText here.", nil, 0, "YYYY-MM-DD"},
		{"bad url", "url.md", "---\nid: x\nurl: example.com/a\n---\nText here.", nil, 0, "http"},
		{"bad id", "id.md", "---\nid: Not A Slug\n---\nText here.", nil, 0, "lower-case"},
		{"unknown language", "lang.md", "---\nid: x\nlang: xx\n---\nText here.", nil, 0, "ISO 639-1"},
		{"language by name", "lang-name.md", "---\nid: x\nlang: English\n---\nText here.", nil, 0, "ISO 639-1"},
		{"nothing but furniture", "menu.txt", "Home\nNews\nSport\n", ErrNoText, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := writeFile(t, dir, tt.file, tt.content)
			_, err := LoadDir(context.Background(), dir, LoadOptions{})
			var fe *FileError
			if !errors.As(err, &fe) || fe.Path != path {
				t.Fatalf("err = %v, want a FileError naming %s", err, path)
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
			if fe.Line != tt.line {
				t.Errorf("line = %d, want %d (%v)", fe.Line, tt.line, err)
			}
			if !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("err = %v, want it to mention %q", err, tt.mention)
			}
		})
	}
}

func TestLoadRefusesLargeFile(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "big.txt", strings.Repeat("All work and no play. ", 100))
	_, err := LoadDir(context.Background(), dir, LoadOptions{MaxBytes: 1000})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "2200 bytes") || !strings.Contains(err.Error(), "1000") {
		t.Fatalf("err = %v, want ErrTooLarge with the size and the limit", err)
	}
}

func TestLoadDuplicateIDs(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.md", "---\nid: same\n---\nFirst article text.")
	writeFile(t, dir, "b.md", "---\nid: same\n---\nSecond article text.")
	_, err := LoadDir(context.Background(), dir, LoadOptions{})
	if !errors.Is(err, ErrDuplicateID) || !strings.Contains(err.Error(), "b.md") || !strings.Contains(err.Error(), "a.md") {
		t.Fatalf("err = %v, want ErrDuplicateID naming both files", err)
	}
}

func TestLoadEmptyDirectory(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "notes.json", "{}")
	writeFile(t, dir, "README.md", "About this folder.")
	if _, err := LoadDir(context.Background(), dir, LoadOptions{}); !errors.Is(err, ErrEmptyCorpus) {
		t.Fatalf("err = %v, want ErrEmptyCorpus", err)
	}
	if _, err := LoadDir(context.Background(), filepath.Join(dir, "missing"), LoadOptions{}); err == nil {
		t.Fatal("a missing directory loaded")
	}
}

func TestLoadSymlinkLoop(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "good.md", "---\nid: good\n---\nA good article.")
	loop := filepath.Join(dir, "loop.md")
	if err := os.Symlink(loop, loop); err != nil {
		t.Skipf("symlinks unsupported: %v", err)
	}
	_, err := LoadDir(context.Background(), dir, LoadOptions{})
	var fe *FileError
	if !errors.As(err, &fe) || fe.Path != loop {
		t.Fatalf("err = %v, want a FileError naming %s", err, loop)
	}
}

func TestLoadUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every file")
	}
	dir := t.TempDir()
	path := writeFile(t, dir, "secret.md", "---\nid: s\n---\nText.")
	os.Chmod(path, 0)
	_, err := LoadDir(context.Background(), dir, LoadOptions{})
	var fe *FileError
	if !errors.As(err, &fe) || fe.Path != path {
		t.Fatalf("err = %v, want a FileError naming %s", err, path)
	}
}

func TestChunks(t *testing.T) {
	for _, d := range loadStories(t) {
		chunks := ChunkDocument(d)
		text := d.Text()
		nextPara := 1
		for i, c := range chunks {
			if want := d.ID + "#" + strconv.Itoa(i+1); c.ID != want {
				t.Errorf("chunk id %q, want %q", c.ID, want)
			}
			if c.Doc != d.Meta {
				t.Errorf("%s: doc metadata %+v, want %+v", c.ID, c.Doc, d.Meta)
			}
			if !strings.Contains(text, c.Text) {
				t.Errorf("%s: text is not a passage of the article", c.ID)
			}
			if w := wordCount(c.Text); w > MaxChunkWords {
				t.Errorf("%s: %d words, over %d", c.ID, w, MaxChunkWords)
			}
			if c.FirstParagraph > c.LastParagraph || (c.FirstParagraph != nextPara && !c.Continues) {
				t.Errorf("%s: paragraphs %d-%d, expected to start at %d", c.ID, c.FirstParagraph, c.LastParagraph, nextPara)
			}
			nextPara = c.LastParagraph + 1
			// No sentence is split: every sentence of the covered paragraphs
			// is wholly inside one chunk.
			for p := c.FirstParagraph; p <= c.LastParagraph; p++ {
				for _, s := range Sentences(d.Paragraphs[p-1]) {
					in := strings.Contains(c.Text, s)
					if !in && !(c.Continues && p == c.FirstParagraph) && !(p == c.LastParagraph && i+1 < len(chunks) && chunks[i+1].Continues) {
						t.Errorf("%s: sentence %q split or missing", c.ID, s)
					}
				}
			}
		}
		if nextPara != len(d.Paragraphs)+1 {
			t.Errorf("%s: chunks cover paragraphs up to %d of %d", d.ID, nextPara-1, len(d.Paragraphs))
		}
		// Chunking is deterministic, so ids are stable across reloads.
		again := ChunkDocument(d)
		for i := range again {
			if again[i] != chunks[i] {
				t.Fatalf("%s: chunking is not stable", d.ID)
			}
		}
	}
}

func TestChunkLongParagraphSplitsAtSentences(t *testing.T) {
	sentence := "The envoy and the aide spoke at length about the plan and its many points today. "
	d := &Document{Meta: Meta{ID: "long"}, Paragraphs: []string{"Intro paragraph here.", strings.TrimSpace(strings.Repeat(sentence, 30))}}
	chunks := ChunkDocument(d)
	if len(chunks) < 3 {
		t.Fatalf("got %d chunks, want the long paragraph cut into several", len(chunks))
	}
	for _, c := range chunks {
		if wordCount(c.Text) > MaxChunkWords {
			t.Errorf("%s has %d words", c.ID, wordCount(c.Text))
		}
		if !strings.HasSuffix(c.Text, ".") {
			t.Errorf("%s does not end at a sentence: %q", c.ID, c.Text[len(c.Text)-20:])
		}
	}
	if !chunks[len(chunks)-1].Continues {
		t.Error("last piece of the long paragraph not marked as continuing")
	}
}

func TestLoadRefuses50MBFileWithoutReadingIt(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "huge.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(50 << 20) // sparse: the test does not write 50 MB
	f.Close()
	_, err = LoadDir(context.Background(), dir, LoadOptions{})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "52428800 bytes") || !strings.Contains(err.Error(), "2097152") || !strings.Contains(err.Error(), path) {
		t.Fatalf("err = %v, want the file, its size and the limit", err)
	}
}

func TestLoadDanglingSymlink(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "gone.md")
	if err := os.Symlink(filepath.Join(dir, "missing.md"), link); err != nil {
		t.Skipf("symlinks unsupported: %v", err)
	}
	_, err := LoadDir(context.Background(), dir, LoadOptions{})
	var fe *FileError
	if !errors.As(err, &fe) || fe.Path != link {
		t.Fatalf("err = %v, want a FileError naming %s", err, link)
	}
}
