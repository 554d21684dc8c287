package corpus

import (
	"fmt"
	"strings"
)

// Chunk sizes in words. Passages of about a hundred words hold one or two
// facts with their context: small enough that a question's passage ranks
// first, large enough that "he said" still has its "he".
const (
	MinChunkWords = 60
	MaxChunkWords = 150
)

// piece is a run of whole sentences of one paragraph (often all of them).
type piece struct {
	para      int // 1-based paragraph number
	text      string
	words     int
	continues bool // not the paragraph's first sentence
}

// ChunkDocument cuts a cleaned document into chunks that follow paragraphs
// and never split a sentence. Paragraphs are packed whole while a chunk stays
// under MaxChunkWords; a chunk that has reached MinChunkWords is closed before
// it would overflow. A paragraph longer than MaxChunkWords is cut between
// sentences. A single sentence longer than MaxChunkWords stays whole.
func ChunkDocument(d *Document) []Chunk {
	var chunks []Chunk
	var cur []piece
	words := 0
	flush := func() {
		if len(cur) == 0 {
			return
		}
		chunks = append(chunks, makeChunk(d, len(chunks)+1, cur))
		cur, words = nil, 0
	}
	for i, p := range d.Paragraphs {
		for _, pc := range paragraphPieces(i+1, p) {
			if words+pc.words > MaxChunkWords && (words >= MinChunkWords || pc.words > MaxChunkWords-words) {
				flush()
			}
			cur = append(cur, pc)
			words += pc.words
		}
	}
	flush()
	return chunks
}

// paragraphPieces returns the paragraph whole when it fits in a chunk, or
// else its sentences grouped into runs of at most MaxChunkWords.
func paragraphPieces(n int, p string) []piece {
	w := wordCount(p)
	if w <= MaxChunkWords {
		return []piece{{para: n, text: p, words: w}}
	}
	var out []piece
	spans := SplitSentences(p)
	start, words := spans[0].Start, 0
	for i, s := range spans {
		sw := wordCount(p[s.Start:s.End])
		if words > 0 && words+sw > MaxChunkWords {
			out = append(out, piece{para: n, text: p[start:spans[i-1].End], words: words, continues: len(out) > 0})
			start, words = s.Start, 0
		}
		words += sw
	}
	out = append(out, piece{para: n, text: p[start:spans[len(spans)-1].End], words: words, continues: len(out) > 0})
	return out
}

// makeChunk joins pieces: pieces of different paragraphs are separated by a
// blank line, consecutive pieces of one paragraph by a space, so the text is
// always a substring of Document.Text (or of one paragraph).
func makeChunk(d *Document, n int, pieces []piece) Chunk {
	var b strings.Builder
	for i, pc := range pieces {
		if i > 0 {
			if pc.para == pieces[i-1].para {
				b.WriteString(" ")
			} else {
				b.WriteString("\n\n")
			}
		}
		b.WriteString(pc.text)
	}
	return Chunk{
		ID:             fmt.Sprintf("%s#%d", d.ID, n),
		Doc:            d.Meta,
		FirstParagraph: pieces[0].para,
		LastParagraph:  pieces[len(pieces)-1].para,
		Continues:      pieces[0].continues,
		Text:           b.String(),
	}
}
