package quotes

// Kind says whether a quotation is a clause or more, or a word or phrase
// quoted inside the reporter's sentence.
type Kind string

// Kinds.
const (
	Full    Kind = "full"
	Partial Kind = "partial"
)

// Quote is one quotation. The same words reported by several articles are
// one Quote with several sources.
type Quote struct {
	// Text is the quotation without its marks, exactly as in the article.
	Text string
	// Speaker is the canonical name of who said it ("Yuri Ushakov"); empty
	// when it could not be attributed with confidence.
	Speaker string
	Kind    Kind
	// Rule is the rule that gave Speaker ("after": “…,” Smith said); empty
	// when the quotation is unattributed. See the package doc.
	Rule    Rule
	Sources []Source
}

// Source is where a quotation was reported.
type Source struct {
	Doc   string // article id
	Title string
	Date  string
	URL   string
	Chunk string // id of the chunk that holds the quotation
	// Context is the sentence or sentences the quotation stands in; for a
	// quotation attributed because it continues a speaker's sentence
	// (“…,” Smith said. “…”), that sentence too.
	Context string
	// Paragraph is the 1-based cleaned paragraph; Start and End are the
	// byte offsets of the quotation in it. The first source holds Text
	// exactly; another article may report the same words with a different
	// case or final punctuation ("fake" and "fake.").
	Paragraph  int
	Start, End int
}

// Speaker is a person, or an institution, quoted in the corpus.
type Speaker struct {
	Name   string
	Quotes int
	// Institution is true for an institution or a document that speaks
	// as one ("Kremlin", "State Department"); its quotations are never a
	// person's, nor a person's its.
	Institution bool
}

// Result is the answer to a lookup by speaker.
type Result struct {
	Query   string // what was asked for
	Speaker string // the canonical name matched; empty when none
	Quotes  []Quote
	// Suggestions are the closest known speakers when nothing matched.
	Suggestions []string
}
