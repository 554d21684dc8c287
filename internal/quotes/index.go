package quotes

import (
	"cmp"
	"slices"
	"strings"

	"dossier/internal/analysis"
	"dossier/internal/corpus"
)

// Index holds every quotation of the corpus with its speaker. It is built
// once per snapshot and never modified, so it is safe for concurrent use.
type Index struct {
	quotes    []Quote          // in corpus order of their first source
	bySpeaker map[string][]int // canonical name → indexes into quotes
	speakers  []Speaker        // most quoted first
	names     []speakerName    // for lookup
	terms     [][]string       // analyzed terms of each quote's text
	context   [][]string       // analyzed terms of each quote's contexts
	an        *analysis.Analyzer
}

// Build finds the quotations of the articles and attributes them. It is
// deterministic: the same articles give the same index.
func Build(docs []*corpus.Document) *Index {
	arts := make([]*article, len(docs))
	for i, d := range docs {
		arts[i] = prepare(i, d)
	}
	reg := learn(arts)
	var occs []occurrence
	for _, a := range arts {
		occs = append(occs, occurrences(a, reg.read(a))...)
	}
	return newIndex(occs)
}

// occurrence is one quotation at one place in one article.
type occurrence struct {
	Quote
	doc int
	org bool // the speaker is an institution
}

func occurrences(a *article, fs []found) []occurrence {
	chunks := locateChunks(a.doc)
	byQuote := map[int]found{}
	for _, f := range fs {
		byQuote[f.q] = f
	}
	var out []occurrence
	for qi, q := range a.quotes {
		p := a.doc.Paragraphs[q.para]
		f, ok := byQuote[qi]
		ctx := p
		if ok {
			start, end := f.unit.start, f.unit.end
			if f.from != nil {
				start, end = min(start, f.from.start), max(end, f.from.end)
			}
			ctx = p[start:end]
			if len(ctx) > maxContext {
				ctx = window(p, start, end, q)
			}
		} else {
			f.kind = kindOf(nil, 0, p[q.start:q.end])
		}
		o := occurrence{doc: a.idx, Quote: Quote{Text: p[q.start:q.end], Kind: f.kind, Rule: f.rule}}
		if f.speaker != nil {
			o.Speaker, o.org = f.speaker.name, f.speaker.org
		}
		o.Sources = []Source{{
			Doc: a.doc.ID, Title: a.doc.Title, Date: a.doc.Date, URL: a.doc.URL,
			Chunk: chunks.find(q.para, q.start), Context: ctx,
			Paragraph: q.para + 1, Start: q.start, End: q.end,
		}}
		out = append(out, o)
	}
	return out
}

// maxContext is the longest context kept whole, in bytes (about a Discord
// embed field). A longer run-on sentence is cut to contextMargin bytes
// either side of the quotation, at spaces, so the context stays verbatim.
const (
	maxContext    = 1000
	contextMargin = 300
)

// window returns the part of p[start:end] around quotation q, cut at
// spaces.
func window(p string, start, end int, q span) string {
	from, to := max(start, q.open-contextMargin), min(end, q.close+contextMargin)
	if from > start {
		if i := strings.IndexByte(p[from:q.open], ' '); i >= 0 {
			from += i + 1
		} else {
			from = q.open
		}
	}
	if to < end {
		if i := strings.LastIndexByte(p[q.close:to], ' '); i >= 0 {
			to = q.close + i
		} else {
			to = q.close
		}
	}
	return p[from:to]
}

// newIndex merges occurrences of the same words by the same speaker into
// one quote with several sources, and gives an unattributed occurrence the
// speaker another article names for exactly the same words (a sentence or
// more; a word or two may be anyone's).
func newIndex(occs []occurrence) *Index {
	ix := &Index{bySpeaker: map[string][]int{}, an: analysis.New(en)}
	bySpeakerText := map[string]int{}
	speakersOf := map[string][]string{} // normalized text → speakers
	for _, o := range occs {
		if o.Speaker != "" {
			n := normalize(o.Text)
			if !slices.Contains(speakersOf[n], o.Speaker) {
				speakersOf[n] = append(speakersOf[n], o.Speaker)
			}
		}
	}
	for _, o := range occs {
		n := normalize(o.Text)
		if o.Speaker == "" && len(strings.Fields(n)) >= minSameWords && len(speakersOf[n]) == 1 {
			o.Speaker, o.Rule = speakersOf[n][0], RuleSameWords
		}
		key := o.Speaker + "\x00" + n
		if i, ok := bySpeakerText[key]; ok {
			ix.quotes[i].Sources = append(ix.quotes[i].Sources, o.Sources...)
			continue
		}
		bySpeakerText[key] = len(ix.quotes)
		ix.quotes = append(ix.quotes, o.Quote)
	}
	counts := map[string]int{}
	orgs := map[string]bool{}
	for _, o := range occs {
		if o.org {
			orgs[o.Speaker] = true
		}
	}
	for i, q := range ix.quotes {
		ix.terms = append(ix.terms, ix.an.Terms(q.Text))
		var ctx []string
		for _, s := range q.Sources {
			ctx = append(ctx, ix.an.Terms(s.Context)...)
		}
		ix.context = append(ix.context, ctx)
		if q.Speaker != "" {
			ix.bySpeaker[q.Speaker] = append(ix.bySpeaker[q.Speaker], i)
			counts[q.Speaker]++
		}
	}
	for name, n := range counts {
		ix.speakers = append(ix.speakers, Speaker{Name: name, Quotes: n, Institution: orgs[name]})
	}
	slices.SortFunc(ix.speakers, func(a, b Speaker) int {
		return cmp.Or(b.Quotes-a.Quotes, strings.Compare(a.Name, b.Name))
	})
	for _, s := range ix.speakers {
		ix.names = append(ix.names, newSpeakerName(s))
	}
	return ix
}

// normalize folds a quotation for comparison: case, accents, curly quotes
// and dashes, white space, and the punctuation at its ends.
func normalize(s string) string {
	s = analysis.Fold(s)
	s = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "—", "-", "–", "-").Replace(s)
	s = strings.Join(strings.Fields(s), " ")
	return strings.Trim(s, ` .,;:!?…"'-`)
}

// Len is the number of distinct quotations.
func (ix *Index) Len() int { return len(ix.quotes) }

// All returns every quotation in corpus order; unattributed ones have an
// empty Speaker.
func (ix *Index) All() []Quote {
	out := make([]Quote, len(ix.quotes))
	for i, q := range ix.quotes {
		out[i] = clone(q)
	}
	return out
}

// Speakers returns the people quoted, most quoted first.
func (ix *Index) Speakers() []Speaker { return slices.Clone(ix.speakers) }

func clone(q Quote) Quote {
	q.Sources = slices.Clone(q.Sources)
	return q
}

// chunkMap finds the chunk that holds a position of a paragraph.
type chunkMap map[int][]chunkPart // 0-based paragraph → parts in order

type chunkPart struct {
	start, end int
	id         string
}

// locateChunks maps each paragraph's byte ranges to the chunks that hold
// them. A chunk's text is whole paragraphs joined by blank lines, or a run
// of sentences of one paragraph, so each part is found in its paragraph.
func locateChunks(d *corpus.Document) chunkMap {
	m := chunkMap{}
	for _, c := range corpus.ChunkDocument(d) {
		parts := strings.Split(c.Text, "\n\n")
		for i, part := range parts {
			para := c.FirstParagraph - 1 + i
			if para < 0 || para >= len(d.Paragraphs) {
				continue
			}
			from := 0
			if prev := m[para]; len(prev) > 0 {
				from = prev[len(prev)-1].end
			}
			off := strings.Index(d.Paragraphs[para][from:], part)
			if off < 0 {
				off = 0
			}
			m[para] = append(m[para], chunkPart{start: from + off, end: from + off + len(part), id: c.ID})
		}
	}
	return m
}

func (m chunkMap) find(para, pos int) string {
	parts := m[para]
	for _, p := range parts {
		if pos >= p.start && pos < p.end {
			return p.id
		}
	}
	if len(parts) > 0 {
		return parts[0].id
	}
	return ""
}
