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
// The question is read with general patterns of English questions. They
// give the kind of answer wanted: who or "which lawmaker" wants a name,
// "when" a date, "where" a place, "how many" a number (attached to the
// counted noun), "how long" a duration, "how old" an age, "what did X say"
// a quotation. They also give the terms to look for: the stems of the
// content words, without the words that only say what kind of answer is
// wanted ("how many", "which outlet", "say", "held"). Irregular verbs are
// taken to their base form ("met" meets "meet"), and a given name before a
// surname weighs 0.3, since articles name people by surname.
//
// The retrieved passages (8) are split into sentences, and each sentence
// is widened into a unit that can be read alone: the whole of a quotation
// that runs over several sentences; the sentence before, when it opens with
// a pronoun ("He said…") or is a quotation with no speaker. A sentence
// that would need context from another paragraph is not used. A sentence
// that holds little of the question but follows one that holds much ("A
// leaked call has surfaced… The five-minute conversation…") is shown with
// it.
//
// Each question term weighs its inverse frequency (BM25's) among the
// retrieved sentences, so the words every passage shares count little; a
// term no retrieved sentence holds weighs half as much again, because it is
// the best sign that the articles are about something else. A unit's
// relevance is the share of the question's weight it holds, 0 to 1. Its
// score adds 0.5 × how well it states the kind of thing asked for (a new
// proper name — fully when it stands where the doer would, just before one
// of the question's words or after "by", "Bloomberg leaked the call" for
// "who leaked the call", 0.7 elsewhere — a place after "in"/"at"/"to", a
// date, a number, a duration, an age, a quotation, or a statement that the
// thing is unknown), a small
// prior for the passage's search rank, and a penalty for fragments and long
// units. The answer is the best unit that clears the threshold, then up to
// two more that score at least 80% of the best and say something new.
// Units from other articles that report the same fact (Dice coefficient of
// their terms ≥ 0.5) are cited with it: one sentence, "[1][3]".
//
// # Abstention, and how the threshold was chosen
//
// The Extractor abstains when no unit holds at least DefaultThreshold of
// the question's term weight. The answer then says that the articles don't
// answer the question, carries no markers, and lists up to three closest
// passages as Citations (none when no retrieved sentence shares a word with
// the question).
//
// The threshold was chosen from the distribution of the best unit's
// relevance over two sets: the shared eval set (14 answerable, 2
// unanswerable) and testdata/dev_questions.json (20 answerable, 14
// unanswerable, written for this package before the answerer: off-topic
// questions and questions about the story's people that the articles do
// not answer). Every unanswerable question scored at most 0.39 and every
// answerable one at least 0.56. DefaultThreshold is the midpoint of that
// gap, 0.475, rounded down to 0.47: the value with the widest margin on
// both sides. TestThresholdSeparates measures the gap again on every run.
//
// A third set, testdata/heldout_questions.json (11 answerable, 9
// unanswerable), was written at the same time and used for no choice. On
// it every unanswerable question scores at most 0.31 and every answerable
// one at least 0.73; 10 of the 11 answerable are answered right and all 9
// unanswerable abstained on.
//
// The measure is a share of the question's own weight, so it does not
// depend on the size of the corpus or the length of the question. Its
// known weaknesses: a synonym ("get" asked, "obtain" written) lowers it,
// so an answerable question worded far from the articles can be abstained
// on; and a question whose words all occur in one sentence that answers
// something else (held-out h02, where "call" means a phone call in the
// articles) gets that sentence.
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
