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

// enIssueParticles are the adverb particles of the phrasal verbs of
// issuing a document, as the Cambridge and Oxford learner's dictionaries
// of phrasal verbs list them: "put out", "send out", "roll out", "give
// out", "hand out" a statement; "put up", "post up" a notice. Between the
// verb and the document's determiner ("rolled out a new ad: “…”") they
// leave the verb its object.
const enIssueParticles = `out up`

// IsIssueParticle reports whether a folded word is the particle of a
// phrasal verb of issuing a document (enIssueParticles).
func (l *Language) IsIssueParticle(w string) bool { return l.issueParticles.Has(w) }
