// Package embed turns text into vectors: a local, deterministic embedder that
// needs no network and no model files, and a client for any OpenAI-compatible
// /v1/embeddings endpoint.
package embed

import (
	"context"
	"fmt"
	"math"
	"strings"

	"dossier/internal/analysis"
)

// DefaultLocalDims is the local embedder's vector size: large enough that
// hashed features rarely collide in a news story's vocabulary, small enough
// that 100,000 chunks fit in a couple of hundred megabytes.
const DefaultLocalDims = 384

// Feature weights of the local embedder. Stems carry the topic; word pairs
// reward phrases ("peace plan"); character trigrams of the written word let
// spelling variants and names that the stemmer does not know meet
// ("Zelensky", "Zelenskyy").
const (
	weightStem    = 1.0
	weightBigram  = 0.5
	weightTrigram = 0.6 // shared by all of a word's trigrams
)

// weightRelated scales, in a query's vector, the stems related to the
// asked ones (synonyms and derivations from the language's lexical table:
// "react" for "respond"), so a passage that says it in other words comes
// closer without outweighing one that uses the asked words. Kept small
// because hashed features collide: on the SQuAD 2.0 slice (vectors alone,
// passage hit@5) 0 gives 0.757, 0.05 gives 0.758, 0.1 0.757, 0.15 0.752,
// 0.3 0.732, 0.5 0.563 (with terms the corpus lacks weighing nothing, as
// retrieval weights them).
const weightRelated = 0.05

// Local is a feature-hashing embedder: stems, stem pairs and character
// trigrams are hashed into a fixed number of signed dimensions, and the
// vector is L2-normalised. It is deterministic, so vectors can be stored and
// compared across runs of the program.
type Local struct {
	dims     int
	analyzer *analysis.Analyzer
}

// NewLocal returns a local embedder with dims dimensions (DefaultLocalDims
// when dims is 0).
func NewLocal(a *analysis.Analyzer, dims int) *Local {
	if dims <= 0 {
		dims = DefaultLocalDims
	}
	return &Local{dims: dims, analyzer: a}
}

// ID names the embedder and its settings; vectors of different IDs never mix.
func (l *Local) ID() string { return fmt.Sprintf("local-v1-%d", l.dims) }

// Embed returns one vector per text. It never fails except on cancellation.
func (l *Local) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	for i, t := range texts {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		out[i] = l.Vector(t)
	}
	return out, nil
}

// Vector embeds one text, as written: a document's vector.
func (l *Local) Vector(text string) []float32 { return l.vector(text, nil, false) }

// WeightedVector embeds a query whose terms matter unequally: each feature
// of a term is scaled by weight(term) (for example the term's inverse
// document frequency in the corpus), and the stems related to the query's
// (see weightRelated) are added at a fraction of their weight. Documents
// are embedded by Vector, unweighted and unexpanded, so their vectors do
// not change when the corpus does.
func (l *Local) WeightedVector(text string, weight func(term string) float64) []float32 {
	return l.vector(text, weight, true)
}

func (l *Local) vector(text string, weight func(term string) float64, expand bool) []float32 {
	v := make([]float32, l.dims)
	var terms, all []string
	prev := ""
	for _, tok := range analysis.Tokenize(text) {
		terms = l.analyzer.AppendTerms(terms[:0], tok)
		if len(terms) == 0 {
			prev = "" // pairs do not span stop words
			continue
		}
		w := float32(1)
		if weight != nil {
			w = float32(weight(terms[len(terms)-1]))
		}
		l.addTrigrams(v, tok.Word, w)
		for _, term := range terms {
			if weight != nil {
				w = float32(weight(term))
			}
			l.add(v, "w", term, "", w*weightStem)
			if prev != "" {
				l.add(v, "b", prev, term, w*weightBigram)
			}
			prev = term
		}
		if expand {
			all = append(all, terms...)
		}
	}
	if expand {
		l.addRelated(v, all, weight)
	}
	normalize(v)
	return v
}

// addRelated adds the stem feature of every term related to an asked one
// and not asked itself, once, at weightRelated of its own weight.
func (l *Local) addRelated(v []float32, asked []string, weight func(term string) float64) {
	seen := make(map[string]bool, 4*len(asked))
	for _, t := range asked {
		seen[t] = true
	}
	for _, t := range asked {
		for _, r := range l.analyzer.Related(t) {
			if seen[r] {
				continue
			}
			seen[r] = true
			w := 1.0
			if weight != nil {
				w = weight(r)
			}
			l.add(v, "w", r, "", float32(w*weightRelated*weightStem))
		}
	}
}

func (l *Local) addTrigrams(v []float32, word string, scale float32) {
	w := "<" + strings.ReplaceAll(word, "-", "") + ">"
	n := len(w) - 2
	if n <= 0 {
		return
	}
	weight := scale * float32(weightTrigram/math.Sqrt(float64(n)))
	for i := 0; i+3 <= len(w); i++ {
		l.add(v, "c", w[i:i+3], "", weight)
	}
}

// add hashes a feature (kind, a, b) into v with a sign taken from the hash,
// so collisions cancel out on average instead of piling up.
func (l *Local) add(v []float32, kind, a, b string, weight float32) {
	h := fnv(kind, a, b)
	i := int(h % uint64(l.dims))
	if h&(1<<63) != 0 {
		weight = -weight
	}
	v[i] += weight
}

// fnv is 64-bit FNV-1a over kind, a separator, a, a separator and b, without
// building the joined string.
func fnv(parts ...string) uint64 {
	h := uint64(14695981039346656037)
	for _, p := range parts {
		for i := 0; i < len(p); i++ {
			h ^= uint64(p[i])
			h *= 1099511628211
		}
		h ^= 0xff
		h *= 1099511628211
	}
	return h
}

func normalize(v []float32) {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	if sum == 0 {
		return
	}
	inv := float32(1 / math.Sqrt(sum))
	for i := range v {
		v[i] *= inv
	}
}
