package lang

// enDocumentNouns are nouns of things that carry what someone says, after
// the communication nouns of WordNet 3.0 (the noun.communication
// lexicographer file: statement, memo, letter, advertisement…), with
// the newer "tweet", "email" and "op-ed". A speech verb in -ing after one
// ("issued a statement saying", "released an ad calling") reports what
// the issuer says.
const enDocumentNouns = `statement memo memorandum letter ad advertisement email e-mail tweet video
release column op-ed editorial message note petition notice communique report post`

// IsDocumentNoun reports whether a folded noun names a document that
// carries someone's words (enDocumentNouns).
func (l *Language) IsDocumentNoun(w string) bool { return l.documents.Has(w) }

// enTitling are the participles that give a document's title after it
// ("a memo titled “…”", "a column entitled “…”"): the verbs of naming a
// work, WordNet 3.0's "entitle, title" (verb.communication) and
// "headline".
const enTitling = `titled entitled headlined`

// IsTitling reports whether a folded word gives the title of the document
// before it (enTitling).
func (l *Language) IsTitling(w string) bool { return l.titling.Has(w) }
