// Package corpus loads the story's articles from disk, cleans away web-page
// boilerplate, splits the text into sentences and cuts it into chunks that the
// retrieval index embeds.
package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// Meta is what the front matter of an article says about it.
type Meta struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Date   string `json:"date,omitempty"`   // YYYY-MM-DD, empty when unknown
	URL    string `json:"url,omitempty"`    // empty unless the article establishes it
	Outlet string `json:"outlet,omitempty"` // empty unless the article establishes it
	Seed   string `json:"seed,omitempty"`   // the seed file the article came from
	// Lang is the ISO 639-1 code of the article's language, from the front
	// matter's "lang:", DefaultLang when the article does not say.
	Lang string `json:"lang"`
}

// DefaultLang is the language of an article that does not name one: the
// seed story and the articles moderators have added so far are English.
const DefaultLang = "en"

// Document is one cleaned article.
type Document struct {
	Meta
	// Path is the file the article was read from.
	Path string `json:"path"`
	// Paragraphs is the cleaned text, one entry per paragraph. Every later
	// stage (chunks, citations, quotes) quotes these strings verbatim.
	Paragraphs []string `json:"paragraphs"`
}

// Text is the cleaned article, paragraphs separated by a blank line.
func (d *Document) Text() string { return strings.Join(d.Paragraphs, "\n\n") }

// Hash identifies the document's content and metadata, so a reload can tell
// an unchanged article from a changed one.
func (d *Document) Hash() string {
	h := sha256.New()
	for _, s := range []string{d.ID, d.Title, d.Date, d.URL, d.Outlet, d.Seed, d.Lang} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	for _, p := range d.Paragraphs {
		h.Write([]byte(p))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// Chunk is a passage of one document: whole sentences, following paragraphs,
// small enough to embed and to cite.
type Chunk struct {
	// ID is "<doc-id>#<n>", n counting from 1 within the document.
	ID  string `json:"id"`
	Doc Meta   `json:"doc"`
	// FirstParagraph and LastParagraph are the 1-based numbers of the
	// cleaned paragraphs the chunk covers.
	FirstParagraph int `json:"first_paragraph"`
	LastParagraph  int `json:"last_paragraph"`
	// Continues is true when the chunk starts in the middle of a paragraph
	// that the previous chunk began (a paragraph too long for one chunk).
	Continues bool `json:"continues,omitempty"`
	// Text is the exact cleaned text: whole paragraphs separated by a blank
	// line, or a run of whole sentences of one paragraph.
	Text string `json:"text"`
}
