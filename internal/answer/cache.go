package answer

import (
	"strings"
	"sync"

	"dossier/internal/analysis"
	"dossier/internal/corpus"
	"dossier/internal/lang"
)

// maxCachedParagraphs bounds the paragraph cache: the seed story has about
// a hundred paragraphs and a served corpus some thousands, so the paragraphs
// questions keep retrieving stay analysed, while a corpus of 100,000 chunks
// cannot grow the cache without bound (it is emptied when full).
const maxCachedParagraphs = 8192

// paragraphCache keeps the sentences of the paragraphs already analysed,
// keyed by their exact text: splitting and tokenizing them is most of an
// answer's own work, and the same passages are retrieved again and again.
// The sentences it holds are never changed; a pool copies them before
// marking what a question matches. It is safe for concurrent use.
type paragraphCache struct {
	mu sync.RWMutex
	m  map[string][]sentence
}

// sentences returns the analysed sentences of a paragraph.
func (c *paragraphCache) sentences(l *lang.Language, an *analysis.Analyzer, text string) []sentence {
	if c != nil {
		c.mu.RLock()
		s, ok := c.m[text]
		c.mu.RUnlock()
		if ok {
			return s
		}
	}
	var out []sentence
	for _, span := range corpus.SplitSentences(text) {
		out = append(out, *newSentence(l, an, text, span))
	}
	if c != nil {
		c.mu.Lock()
		if c.m == nil || len(c.m) >= maxCachedParagraphs {
			c.m = map[string][]sentence{}
		}
		c.m[strings.Clone(text)] = out
		c.mu.Unlock()
	}
	return out
}
