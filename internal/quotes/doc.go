// Package quotes finds the direct quotations in the articles, attributes
// each to its speaker, and looks them up by speaker and topic (/quote).
//
// Its one promise is precision: a quotation given to someone must be
// theirs. A quotation whose speaker is uncertain stays unattributed, and
// the user still finds it by topic; a wrong speaker would be a misquote
// with a citation attached. Every rule below therefore gives up rather
// than guess, and the language facts it reads (speech verbs and their
// forms, role nouns, honorifics and titles, institution words, function
// words) come from the language layer, internal/lang.
//
// Build runs in three passes over the corpus; the index it returns is
// read-only.
//
// # 1. Finding (marks.go, tokens.go)
//
// findQuotes scans each paragraph for double quotation marks (curly,
// straight, low-9, guillemets), forgiving the slips of web pages: a
// straight quotation closed by a curly mark ("…”) or a curly one closed by
// a straight mark (“…") when no quotation of that kind is open inside it,
// and a curly opening mark typed for the closing one (“Frozen“), where the
// mark ends a word, or a closing one typed for the opening one where a
// line begins and a close follows (”Fear. …” ― a reader's name); single
// marks inside them are nested
// quotations, and a single curly mark outside them opens a quotation only
// at the start of a word and when its close is no apostrophe ("Trump’s").
// A quotation left open at a paragraph's end continues in the next
// paragraph if that one opens with a mark, as news style writes a
// quotation over several paragraphs. A straight mark left open before a
// whole quotation in curly marks, when a next paragraph follows that does
// not open with a straight mark, is a stray: the curly quotation stands
// alone ("Trump walked onto the stage, chanting “U-S-A!”; strayStraight).
//
// buildUnits then cuts each paragraph into sentences and joins the
// sentences a quotation runs across, so that a quotation and the words
// around it are always in one unit; "“Is it fake?” Smith asked." is joined
// too, because the question mark ends no sentence there. Each unit is
// tokenized into words, punctuation and one token per quotation; digits
// joined by a slash are one word ("9/11"), and so are the bytes of a
// letter decoded twice inside a name ("FranÃ\u0083Â§ois").
//
// # 2. Learning who is who (learn.go, people.go, names.go)
//
// Before attributing anything, learn reads the whole corpus for the
// people it names:
//
//  1. Full names: a run of capitalised words is split into titles
//     ("Russian President") and a name ("Vladimir Putin", "William D.
//     Burns": an initial inside a name is part of it; so is a month's
//     name next to a name word, "Theresa May", unless a number makes it
//     a date); a name of two
//     or more name words is a person, unless it is a country's name (lang
//     Countries: "South Korea") or the corpus writes it mostly after "in"
//     where it ends its phrase, as places are ("in New Hampshire",
//     dropPlaces). A title word after a given name is
//     a surname ("Charlie King", "Mayor Don Guardian") when the corpus
//     names someone in full with that given name or describes the two
//     words as a person ("Charlie King, a prominent New York Democrat"). A surname alone is a person only
//     after an honorific ("Mr. Smith"). Words of institutions and places
//     (lang OrgWords: "House", "Ministry") make a run no person's name.
//  2. Variants: spellings one letter apart (minTypoSurname) with the same
//     given name are one person, and a surname-only person folds into the
//     one full name with that surname.
//  3. Descriptions: appositions ("Kirill Dmitriev, a close adviser to
//     the president,"), copulas ("Smith is the mayor's aide"), titles
//     before names and descriptions set before a name ("another ally,
//     Jane Roe,") are kept as what the articles call each person. The
//     head nouns of appositions are learned as role nouns, so that a
//     story's own roles ("interlocutor", "developer") are recognised
//     without being listed anywhere.
//  4. Gender, from titles and role nouns (lang MaleWords, FemaleWords)
//     and else from the pronouns the articles use after naming someone
//     alone in a sentence; it lets a pronoun skip someone it cannot mean.
//
// Institutions and documents speak too ("the Kremlin said", "the State
// Department said: “…”", "according to the Beige Book"). A run of
// capitalised words right after "the" that heads its noun phrase is one
// (institutionRun), even when another article writes it bare ("Daily
// Caller"), because people's names take no article; a capitalised "The"
// inside a sentence counts as "the" ("according to The Federalist"). So
// is such a run holding an institution word without "the" ("Fox News",
// "Congress"), a run before a past tense ("the Security Council issued")
// or before the document it speaks through ("the IMF report stated"), and
// a country's name ("China, Pyongyang's only ally, said"). In "the Trump
// administration" or "the Clinton campaign" the name only modifies a
// lower-case noun and no institution is named; a titled name after "the"
// that heads its phrase is a person ("said the Rev. Peter Wherry"). A
// run headed by an institution word names no one and holds no description
// of someone ("the Democratic National Convention"). Institutions are kept in their own table
// (registry.orgs), never merged with a person, never a personal
// pronoun's antecedent nor the head of an apposition ("it" as a speech
// verb's subject is the institution that opens its sentence as the
// subject, when no other is named before: "The Security Council pledged
// sanctions against what it called “…”"), and listed as speakers with
// Speaker.Institution set, so that a person's quotations never go to
// their institution or the reverse. "The authority" or "the water
// authority" later refers to the one institution named that way
// (orgDescription).
//
// A speaker named by one word the articles never complete ("“…,” Swanson
// said", "said Tiegen", "CNN reported") is learned too (bare.go), but
// only where syntax leaves no other reading: the word alone is the
// subject of an inflected speech verb ("said", not "say", which a plural
// takes) opening its clause, or it closes the clause right after the
// verb that follows a quotation, or alone follows "according to". It is
// a person known by that one name,
// unless it is an acronym ("CNN", "FBI"), a country (lang Countries), the
// subject of a verb of publishing somewhere ("Reuters reported", lang
// PublishVerbs), or a place the corpus writes
// after "in" ("Russia"), which are institutions; a role noun
// ("Critics"), unless singular and capitalised mid-sentence where nothing
// else capitalises it ("“…,” Politico reported"), a word the article
// also writes in lower case, the given name of someone named in full
// ("Hillary said") or a surname already known is never such a speaker.
//
// A surname that is also a common word, a title or a month ("Small",
// "King", "Jun") starts no name run at a sentence's start, where any word
// is capitalised; there it still names the one person the article names
// in full with that surname ("Marty Small"; surnamesOf), when a speech
// verb or a comma follows it ("Small, who attended the rally, said";
// "Jun wrote"; mentions.surnameAtStart). Two people sharing it leave it
// to no one.
//
// # 3. Attributing (attribute.go, mentions.go)
//
// Each article is read in order. In every unit, mentions finds the
// references to people: names (resolved to the learned person; a wire
// story's dateline, "Washington (AFP) –", is a place and none), role
// descriptions ("the Kremlin aide", "a spokeswoman"), and pronouns; it
// marks which can be a clause's subject (not after a preposition or a
// verb, not possessive). resolve then says whom each description and
// pronoun refers to:
//
//   - a description in apposition to a name is that name;
//   - a definite description ("the envoy") is the person mentioned
//     earlier whose descriptions share its head noun, in this article
//     first, then in any; ties go to the most recent; an indefinite one
//     ("a senior aide") refers to no one known, except in the lede, where
//     the person may be named only later;
//   - a pronoun is the latest subject before it whose gender does not rule
//     it out, up to pronounReach paragraphs back; an unknown latest
//     subject ("a spokesman") makes the pronoun unknown rather than
//     reaching past it.
//
// Then attribute tries, for each quotation, the rules below in order; the
// first that finds a subject decides, and the speaker is kept only if
// that subject is one known person or institution (mention.sure): never
// a plural ("officials said", "critics say"), never an unknown
// description. The rule is kept on the Quote (Quote.Rule) and shown by
// `bot quote --explain`. Verbs that introduce quotations are the speech
// verbs of lang, the verbs that cue direct quotations in PolNeAR's train
// split, and WordNet's verbs of communication that train does not read
// otherwise ("lauded", "exhorted"; lang.QuoteLemma). A phrasal verb's
// particle ends its verb phrase, or a short phrase after it does ("as The
// New Yorker put it in a lengthy expose, “…”").
//
//  1. RuleAfter: an attribution right after the quotation — “…,” Smith
//     said; “…,” said Smith; “…,” Smith, a former aide, said (apposition
//     up to maxAppositionAfter tokens); “…,” according to Smith. A
//     quotation cut off by a comma, a question or an exclamation mark
//     takes any past tense in that slot, as news style puts only the
//     reporting verb there (“…?” Hannity pressed.; “…!” beamed Donald
//     Hartley). It comes
//     first because it is the tightest: nothing can stand between the
//     quotation and its attribution. The subject may carry words before
//     the name, up to maxSubjectPhrase ("Trump lawyer Marc Kasowitz said",
//     "said Democratic pollster Stan Greenberg", "a smiling Clinton
//     said"); the name wins over what modifies it. An apposition with
//     commas of its own ("Anne Richards, assistant secretary for
//     population, refugees, and migration, said") is read up to the comma
//     before the verb, within maxAppositionAfter tokens, unless another
//     name is coordinated in it. A name that is no one
//     known there is not the speaker; the next rules are tried. A
//     quotation inside a clause whose own speech verb has a known subject
//     ("Smith told the agency the bridge was “safe,” Reuters reported.")
//     is that subject's (RuleBefore): the attribution after it reports
//     the whole sentence.
//  2. RuleDash: a quotation signed with a dash, the name ending the
//     sentence or followed by the next quotation (“…” ― Carla Sanchez), as
//     pages collecting readers' voices write them; a paragraph that is only
//     quotation takes the known name that signs the next paragraph with a
//     dash ("- Bernie Sanders.", "-Michelle Marks, Philadelphia.";
//     signedBelow).
//  3. RuleLabel: a name set before the quotation with a colon as its
//     label, opening the sentence or after a dash, "from" or the
//     quotation before (Clinton: “…” Bush: “…”; "- Carl Bialik: “…”"), as
//     transcripts and digests write them. A transcript's paragraph opened
//     by a surname in capitals and a colon ("PENCE: …", inside its
//     quotation mark or not) gives the person the article names in full
//     with that surname every quotation of the paragraph no other rule
//     attributes, or the speaker known by that name alone when it labels
//     at least minTranscriptTurns paragraphs and is no word the article
//     writes in lower case, no role or title ("WALLACE: …" twice;
//     transcriptSpeakers); any such label starts a new speaker, so neither
//     RuleContinues nor RuleSpansParas carries one into it.
//  4. RuleNaming: a naming verb (lang NamingVerbs: call, describe, dub…)
//     at most maxNamingGap words before the quotation: Smith called it
//     “fake”. The short quotation is the verb's complement, so the verb's
//     subject is its author whatever else the sentence says.
//  5. RuleColon: after a colon, the speech verb nearest the colon with a
//     known subject (“…, Kall said: “…”"): the colon ties the quotation to
//     the clause just before it, whatever verbs come earlier.
//  6. RuleBefore: the first speech verb of the quotation's clause whose
//     subject is a person — Smith said: “…”; Smith told reporters the plan
//     was “…”. The clause starts after a semicolon, after ", but" and the
//     like, and after a leading subordinate clause, so that a speech verb
//     of another clause does not reach the quotation. The subject is found
//     by subjectOf, which skips auxiliaries and adverbs (fillers), a date,
//     a short phrase of time or manner ("at the time", maxInlinePhrase),
//     a document a speech verb in -ing follows, for the verb that issued
//     it ("issued a statement saying", "unleashed a series of tweets
//     early Friday saying": lang's document nouns, and a time between;
//     a document before a comma or a colon and the quotation, or titled
//     by it, is that verb's too: "Trump issued a statement, “…”", "Mook
//     released a memo titled “…”"; lang's titling participles),
//     a verb in -ing after "by" for the past tense before "by" ("began by
//     saying": "by saying" is a verb, not a noun after a preposition; a
//     naming verb there whose subject is not found leaves the quotation to
//     the rest of the clause, "responded to that tweet by calling
//     Alwaleed “dopey”"; any preposition before a verb in -ing leaves
//     it a verb, and one that opens a phrase set off by a comma gives it
//     the subject before the comma: "Paul Ryan, R-Wis., despite admitting
//     …"), a phrasal verb of issuing across its particle
//     ("is rolling out a new campaign message: “…”"; lang
//     IsIssueParticle),
//     a verb before "to" ("went on to say"; past a preposition's object
//     to the subject of the verb before it: "Trump took to Twitter to
//     accuse"), a relative time ("last week", "less than two weeks ago"), a place or body after "of"
//     ("Rep. Tom Cole of Oklahoma"), an institution's document ("the IMF
//     report said"),
//     a parenthesis (maxParenthesis) and an apposition (maxApposition),
//     closed by a comma or, opened by a role noun or a determiner, by the
//     verb itself ("Anthony Anton, president and CEO of Washington
//     Restaurant Association stated"),
//     which may open with a determiner, a number, "who", a role noun
//     ("chairman of the board") or a preposition ("during a town hall"),
//     and may follow another that ends with a place or a body ("Ayrault,
//     the foreign minister of France, a permanent member of …,"). It
//     gives a verb after ", adding", "and", a comma inside the quotation
//     before it ("a defense of “New York values,” saying") or a ", but"
//     with no subject of its own the clause's first subject that can speak
//     (not after a relative clause the "but" may continue); a passive
//     ("Sanders was asked by …") has no speaker for subject; a name right after the verb, set off by
//     commas, is its subject too (", explained Rosenberg, “…”"; "Said
//     Comey, “…”"). A person
//     noun from WordNet before a name (lang PersonNouns: "presidential
//     nominee Hillary Clinton") is read as her title, so the name stays a
//     subject. When the first speech verb has no known subject, the verb
//     the quotation follows, directly or after a comma, may have one
//     ("a woman asked for a photo and Clinton said, “…”"); so may it when
//     a leading subordinate clause that no comma closes runs up to that
//     verb's own comma ("When Clinton noted that … ― … ― Trump boasted,
//     “…”": the main clause is the verb's). A main clause
//     with no speech verb and no one as its subject after "As Earnest
//     explained," is the "as" clause speaker's.
//  7. RuleFinal: an attribution that closes the sentence after a comma,
//     with words between it and the quotation (“…” for the victory,
//     Sanders said.), when no other speech verb stands between them and at
//     most maxFinalTail words follow it, or what follows "said Name," ends
//     the sentence describing the speaker ("…, said Tom Berger, an analyst
//     at …"; "…, said Geert Wilders, founder of …").
//  8. RuleAccording: "according to Smith" anywhere in the sentence.
//
// A quotation no rule attributes may still take a speaker from its
// neighbours (continueSpeakers, spanParagraphs, newIndex), but only when it
// stands alone, so that nothing in its own sentence could name someone
// else:
//
//  9. RuleContinues: a sentence that is only quotation takes the speaker
//     of the sentence before it (“…,” Smith said. “…”) or the one person
//     that sentence, quoting nothing, is about as its subject, naming no
//     one else ("Smith agreed with the inspectors. “…”"), or, when its whole
//     paragraph is quotation, the speaker of the previous paragraph's last
//     sentence — its last quotation, the person its speech verb reports
//     ("Smith said the talks would resume." then a paragraph “…”), or else
//     the one person it is about, as its subject, when it names no one
//     else ("Smith has long argued for the wall." then “…”).
//  10. RuleContinuedBy: it takes the speaker of the quotation right after
//     it when that one is attributed by RuleAfter (“…” “…,” Smith said).
//  11. RuleSpansParas: a quotation over several paragraphs is one person's;
//     every part takes the speaker found for any part.
//  12. RuleSameWords: the same words (minSameWords or more) that another
//     article attributes to exactly one person are that person's.
//
// # 4. Looking up (index.go, lookup.go)
//
// The same words by the same speaker in several articles are one Quote
// with several Sources. Lookup matches the asked name against the
// speakers' canonical names (exact, then by words, then with
// allowedTypos), and ranks that speaker's quotations by the topic's terms
// in the quotation and in its context.
//
// Every window and threshold is a named constant in limits.go with its
// reason.
package quotes
