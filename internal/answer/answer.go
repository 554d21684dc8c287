package answer

// Mode says how an answer was composed.
type Mode string

// Modes.
const (
	// Extractive answers quote sentences of the articles verbatim.
	Extractive Mode = "extractive"
	// LLM answers were written by a language model from numbered passages
	// and checked before being shown.
	LLM Mode = "llm"
	// LLMFallback is an extractive answer given because the model failed or
	// wrote an answer that did not pass the checks.
	LLMFallback Mode = "llm-fallback"
)

// Answer is the reply to one question.
type Answer struct {
	Question string
	// Text is the answer, each claim followed by markers such as [1] or
	// [1][3], numbered in order of first use. When Abstained, it says that
	// the articles do not answer the question and carries no markers.
	Text string
	// Citations are the passages behind the markers: Citations[i].N == i+1.
	// When Abstained, they are the closest passages found, offered as
	// "closest sources", not as support.
	Citations []Citation
	Abstained bool
	Mode      Mode
	// Confidence is the fitted model's probability that the best passage
	// found answers the question (extractive answers; 0 otherwise). The
	// answerer abstains below its threshold.
	Confidence float64
}

// Citation is one cited passage.
type Citation struct {
	N     int    // the number in the answer's [n] markers
	Doc   string // article id
	Title string
	Date  string // YYYY-MM-DD or empty
	URL   string // empty when the article does not establish one
	Chunk string // chunk id, "<doc>#<n>"
	// Text is the cited passage exactly as it stands in the cleaned article:
	// a sentence or the whole chunk, never paraphrased.
	Text string
}
