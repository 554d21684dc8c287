// Package answer composes a short answer to a question from the retrieved
// passages, every claim followed by a numbered citation of the exact passage
// it came from, or says plainly that the articles do not answer it.
//
// Two answerers share one method, Answer(ctx, question):
//
//   - the Extractor (NewExtractive), the default, quotes up to three
//     sentences of the articles verbatim;
//   - the Model (NewModel) has an OpenAI-compatible chat model write the
//     answer from numbered passages, checks its citations, and falls back
//     to the Extractor when the model fails, times out or answers badly.
//
// # The extractive answer
//
// The question is read with general patterns of English questions (the
// words are the language layer's, internal/lang). They give the kind of
// answer wanted: who or "which lawmaker" wants a name ("which lawmaker
// said…" the name that is a speech verb's subject), "who is X" X's role
// or title, "when" a date, "where" a place, "how many" or "what
// percentage" a number (attached to the counted noun), "how much", "how
// high" or "what was the record level" a quantity with its unit, "how
// long" a duration, "how often" a frequency, "how old" an age, "why" a
// cause or purpose, "what did X say" and "how did X react" what X said (X
// the question's subject, a common noun too: "the water authority"), and
// a question opening with an auxiliary is a yes/no question, even with a
// speech verb ("Was she warned…?"). They also give the terms to look for:
// the stems of the content words, without the words that only say what
// kind of answer is wanted ("how many", "which outlet", "say", "held",
// "last", "according to"). Irregular verbs are taken to their base form
// ("met" meets "meet"), and a given name before a surname weighs 0.3 and
// is held by a sentence that names the surname, since articles name people
// by surname. A sentence may also hold a question term through a word the
// language's lexical table (WordNet) relates to it ("responded" for
// "react", "leaker" for "leak"); such matches are a feature of their own,
// which the fitted model weighs less than the asked words.
//
// The retrieved passages (8) are split into sentences, and each sentence
// is widened into a unit that can be read alone: the whole of a quotation
// that runs over several sentences; the sentence before, when it opens with
// a pronoun ("He said…") or is a quotation with no speaker. A paragraph
// that opens with "He" or "She" is about the one the paragraph before
// quotes, when it quotes exactly one name the question names ("…,” Moll
// said. / She said she had not received any warning."): that sentence
// holds the name and stands alone. In an interview's layout, a paragraph
// that only asks followed by one that does not (across two passages of
// the article too), the answer holds the terms of the question before it
// and is read whole ("Yes. When a reservoir is that full… it was the
// lesser evil."). Any other sentence that would need
// context from another paragraph is not used, nor a unit
// that only asks a question (an interviewer's). A sentence that holds
// little of the question but follows one that holds much ("A leaked call
// has surfaced… The five-minute conversation…") is shown with it.
//
// Each question term weighs its inverse frequency (BM25's) among the
// retrieved sentences, so the words every passage shares count little; a
// term no retrieved sentence holds weighs half as much again. A unit's
// relevance is the share of the question's weight it holds, 0 to 1.
//
// # Which unit answers: the unit model
//
// Each unit is described by features (features.go): its relevance and
// its gap to the best unit's, the share held only through related words,
// the share of the question's terms and of its adjacent term pairs it
// holds, how well it states the kind asked (a new proper name — fully when
// it stands where the doer would, little after a preposition of place; a
// place after "in"/"at"/"to"; a date; a number, not one of a date, a year,
// a time of day or a length of time; a quantity with its unit; a
// duration; a frequency; an age; a cause or purpose clause (not one
// that follows a content word other than the question's: "a peace plan
// aimed at ending the war" gives the plan's purpose), or what the
// question's thing served as or was called ("using the ceasefire as an
// ice-breaker", "as a/an" just after a word of the question, or an
// infinitive of purpose after a comma: "…, to stop the reservoir from
// overflowing"); a title,
// apposition or "X is a…" next to X's name; a quotation or report of
// speech by X — X the subject of the speech verb, or an institution's
// spokesperson, or, with the quote index (WithQuotes), one of X's own
// quotations (after an inverted verb, "…, said Kremlin spokesman Peskov",
// only a title stands between the verb and the name: "Bacon…, said the
// transcript showed Witkoff favors Russia" is not Witkoff speaking), and
// for "what did X say after Z" not words whose day — the weekday they
// name, up to their article's date, or that date — is before the first
// day a sentence holding all of Z's terms gives ("before Z": not words
// dated after it); and for "about T"
// holding T, a name that owns it
// ("Witkoff's call") or a word related to it, not only a word that
// modifies T, "leaked" in "the leaked call" — X's words that follow, in
// their paragraph, a sentence that names T are about it and are shown
// with it; or a
// statement that the thing is unknown, unless it goes on with a question
// word that asks something else: "did not say how"). A date, number,
// length of time or frequency counts only in a clause that holds a word
// of the question other than its names (or in a sentence read with one
// that does), not as the title that only introduces the question's name
// ("Mayor Irena Vasko renewed her criticism…" says nothing of how long
// she has been mayor), or that holds all its names (for a length of
// time, at least two), and a day and month between a determiner and a
// noun date that thing ("the October 14 call transcript"), so they give a
// date only when the noun is a word of the question;
// whether the question's names and numbers stand in it, the largest share
// of the question's weight a term it lacks carries, its passage's rank,
// BM25 score and place in its article, its length, and the largest share
// of the question's weight one of its sentences holds within ten tokens.
// A conditional logit over them (coef.go, fitted by `go run
// ./internal/answer/fit`: a softmax over the candidates of each question,
// fitted to give the answering ones the highest share) gives each unit its
// log-odds of being the one that answers, and the units are ranked by it,
// those that state the kind asked before those that do not (a reason is
// exempt).
//
// The answer is the best unit, then up to two more within a log-odds of
// 2 of it that say something new in four words or more. Units from other articles that report
// the same fact (Dice coefficient of their terms ≥ 0.5) are cited with it,
// one sentence, "[1][3]" — unless they give the fact with other numbers
// for the same thing ("would last 1 week", "would last 3 weeks": numbers
// with a word in common within two tokens; number words count as their
// digits), or, for a yes/no question,
// one denies what the other affirms: then the answer says so, "The
// articles differ: … [1] … [2]". Of the units cited as one fact, the one
// shown is one that states the kind asked ("to stop the reservoir from
// overflowing"), so the words that answer are never only cited.
//
// # Yes/no questions
//
// A yes/no question claims something of its subject; its predicate is the
// question's first term after the subject ("dispute" in "Did the White
// House dispute the transcript?"); the subject takes its "of" phrase
// ("released" in "Were the names of the drowned couple released?") and,
// after "be", a compound ("necessary" in "Was the dam release
// necessary?"). A unit bears on the claim when one of
// its sentences holds the predicate (or a word related to it; any denial
// for a denial), not as a noun after a determiner ("the leak"), and,
// within eight tokens of it, question terms carrying 0.7 of the question's
// weight, with all its names (or a pronoun in the predicate's clause and
// the names elsewhere in the unit). Its polarity is the parity of the
// negations within five tokens before the predicate and of the denials
// ("denied", "refused", lang.AnswerWords.Denials) before it in its clause,
// against the question's own: "Did Ushakov deny…?" answered by "did not
// challenge" is a no. A modal within five tokens before the predicate
// ("did not have to be late", "must restore"; lang.AnswerWords.Modals)
// says what must or may be, not what is: the sentence bears on the claim
// only when the question has a modal too. The answer leads with the best unit that bears on
// the claim and gives the best one on the other side with it, "The
// articles differ:" when it comes from another article; when no unit
// bears on the claim the best units stand, as for any question (abstaining
// then, as the issue suggests, cost answers on the held-out people-worded
// set and gained none on the fitted sets).
//
// # Whether to answer: the abstention model and its operating point
//
// A second logistic regression, over the best unit's log-odds, its share
// of the units' probability (softmax), its lead over the second, its
// relevance, kind and missing terms and the
// question's kind, gives the probability that the answer is right
// (Answer.Confidence). The answerer abstains below DefaultThreshold, and
// always when no unit states the kind of thing asked (no date for
// "when", nothing X said for "what did X say"; a reason is
// exempt, since "leaked to hinder talks" gives one without a marker): it
// then says that the articles don't answer the question, carries no
// markers, and lists up to three closest passages as Citations (none when
// no retrieved sentence shares a word with the question).
//
// Both models are fitted on the SQuAD 2.0 slice (testdata/squad2, 10
// Wikipedia articles, 4,719 questions), the seed story's sets (the shared
// eval set and testdata/dev_questions.json, heldout_questions.json and
// story_questions.json) and the second story's set (internal/evalset),
// each set weighing the same. The threshold is not fitted: it follows
// from the cost of a wrong answer shown (WrongCost, twice a right answer
// withheld), as DefaultThreshold explains. The fitting command prints the
// tables cross-validated by group (each SQuAD article and each story left
// out in turn) and in sample, where the threshold sits on the cost curve,
// and how often answers are right at each probability; TestQuality
// prints the per-set table of the answerer as shipped.
//
// # The model answer
//
// The Model gives the chat model the top 6 passages, numbered, cut to fit
// its context (ModelOptions.ContextTokens) beside the reply, with
// instructions to answer only from them, cite every claim as [n], point
// out where the passages disagree, and reply NO_ANSWER when they do not
// answer. It asks for at most ModelOptions.MaxTokens tokens at
// ModelOptions.Temperature (0 by default). Every sentence of the reply is
// checked against the passages it cites (grounding.go: names, numbers and
// months in them, most content words in one or two of their sentences and
// near each other); a sentence that fails is dropped and logged with the
// reason, the markers of the rest renumbered in order of first use, and
// each citation holds the passage as the model read it. A reply with no
// supported sentence, an error, or no reply within the timeout
// (ANSWER_TIMEOUT, default 20 s, retries included) makes the extractive
// answer stand in, with mode llm-fallback, and the reason is logged. Only
// failures a second try can get past are retried (modelapi.Transient); the
// API key is redacted from every error that is logged.
package answer
