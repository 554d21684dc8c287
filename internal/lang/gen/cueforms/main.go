// Command cueforms writes internal/lang/cueforms_table.go: the word forms
// that cue direct quotations in the train split of PolNeAR (Newell,
// Margolin & Ruths, LREC 2018; github.com/networkdynamics/PolNeAR) and that
// neither the speech verbs, the CoreNLP-lemmatised cue verbs of
// cueverbs_table.go, the verbs of communication of commverbs_table.go nor
// the verbs of manner of speaking hold ("thanked", "touted", "sings"). It
// never reads its own table, so regenerating needs no emptied file and
// gives the same file twice. It counts surface
// forms in the brat annotation and the text alone, so it needs no parse:
//
//	git clone https://github.com/networkdynamics/PolNeAR /tmp/PolNeAR
//	go run ./internal/lang/gen/cueforms -train /tmp/PolNeAR/data/train > internal/lang/cueforms_table.go
//
// A form is kept when it stands in the cues of at least -min attributions
// whose content holds a quotation mark, in at least -docs articles; when
// at least a share -share of its uses in train are inside the cue of some
// attribution; and when at most a share -noun of its uses follow a
// determiner or a possessive ("the statement") or a form of "be" ("is
// expected"), where a verb that reports speech does not stand.
// Only the train split is read: dev scores the bot, test is kept for
// release checks.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"dossier/internal/lang"
	"dossier/internal/lang/gen/polnear"
)

// determiners are the words after which a form is read as a noun (the
// articles, demonstratives and possessive determiners of English; Quirk
// et al. 1985, §5.10), and the forms of "be" after which it is read as a
// passive or an adjective ("is expected"); a verb that reports speech
// stands after neither.
var determiners = map[string]bool{"a": true, "an": true, "the": true, "this": true, "that": true,
	"these": true, "those": true, "his": true, "her": true, "its": true, "their": true, "our": true,
	"my": true, "your": true, "is": true, "are": true, "was": true, "were": true, "be": true,
	"been": true, "being": true}

// complexPrepositions are -ing forms that head complex prepositions
// ("according to"; Quirk et al. 1985, §9.10): they report nothing by
// themselves.
var complexPrepositions = map[string]bool{"according": true, "regarding": true, "concerning": true,
	"following": true, "including": true}

type word struct {
	form       string
	begin, end int // rune offsets
}

func main() {
	train := flag.String("train", "", "PolNeAR's data/train directory (text/, attributions/)")
	minEvents := flag.Int("min", 2, "fewest direct-quotation attributions a form must cue")
	minDocs := flag.Int("docs", 2, "fewest articles it must cue them in")
	minShare := flag.Float64("share", 0.5, "smallest share of a form's uses that are inside a cue")
	maxNoun := flag.Float64("noun", 0.2, "largest share of a form's uses after a determiner or a form of be")
	flag.Parse()
	if *train == "" {
		log.Fatal("give -train, PolNeAR's data/train directory")
	}
	src, err := run(*train, *minEvents, *minDocs, *minShare, *maxNoun)
	if err != nil {
		log.Fatal(err)
	}
	os.Stdout.Write(src)
}

// run returns the table's Go source.
func run(train string, minEvents, minDocs int, minShare, maxNoun float64) ([]byte, error) {
	texts, err := filepath.Glob(filepath.Join(train, "text", "*.txt"))
	if err != nil || len(texts) == 0 {
		return nil, fmt.Errorf("no articles under %s/text: %v", train, err)
	}
	en := lang.English()
	events, uses, cueUses, afterDet := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	docs := map[string]map[string]bool{}
	articles := 0
	for _, path := range texts {
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		anns, _ := filepath.Glob(filepath.Join(train, "attributions", name+"_*.ann"))
		if len(anns) == 0 {
			continue
		}
		sort.Strings(anns)
		raw, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		articles++
		text := []rune(string(raw))
		words := split(text)
		direct, all := polnear.Cues(anns[0], text)
		for i, w := range words {
			uses[w.form]++
			if i > 0 && determiners[words[i-1].form] {
				afterDet[w.form]++
			}
			for _, c := range all {
				if w.begin >= c[0] && w.end <= c[1] {
					cueUses[w.form]++
					break
				}
			}
		}
		for _, c := range direct {
			seen := map[string]bool{}
			for _, w := range words {
				if w.begin < c[0] || w.end > c[1] || seen[w.form] {
					continue
				}
				seen[w.form] = true
				events[w.form]++
				if docs[w.form] == nil {
					docs[w.form] = map[string]bool{}
				}
				docs[w.form][name] = true
			}
		}
	}
	var keep []string
	for f, n := range events {
		if covered(en, f) || en.IsStopWord(f) || complexPrepositions[f] || !verbLike(f) {
			continue
		}
		if n >= minEvents && len(docs[f]) >= minDocs && float64(cueUses[f]) >= minShare*float64(uses[f]) &&
			float64(afterDet[f]) <= maxNoun*float64(uses[f]) {
			keep = append(keep, f)
		}
	}
	sort.Strings(keep)
	var out bytes.Buffer
	fmt.Fprintf(&out, `// Code generated by go run ./internal/lang/gen/cueforms -train <PolNeAR>/data/train -min %d -docs %d -share %g -noun %g; DO NOT EDIT.

package lang

// enCueForms are word forms that cue direct quotations in the train split
// of PolNeAR v1.0.0 (%d articles; Newell, Margolin & Ruths, "An
// attribution relations corpus for political news", LREC 2018) and that
// no speech or cue verb covers: each stands in the cues of at least %d
// attributions whose content holds quotation marks, in at least %d
// articles; at least a share %g of its uses in train are inside some cue,
// and at most a share %g follow a determiner or a form of "be" (a noun's
// or a passive's place). The
// comment after each counts attributions, articles, cue uses and uses.
// PolNeAR states no licence; only these counts of its annotation are used.
var enCueForms = []string{
`, minEvents, minDocs, minShare, maxNoun, articles, minEvents, minDocs, minShare, maxNoun)
	for _, f := range keep {
		fmt.Fprintf(&out, "\t%s, // %d in %d, cue in %d of %d uses\n", strconv.Quote(f), events[f], len(docs[f]), cueUses[f], uses[f])
	}
	out.WriteString("}\n")
	return format.Source(out.Bytes())
}

// covered: the form is already a speech, cue, communication or manner
// verb's. This table's own forms are not consulted, so that running the
// generator twice gives the same file.
func covered(en *lang.Language, f string) bool {
	_, src := en.QuoteVerbSource(f)
	return src != lang.NoQuoteVerb && src != lang.CueForm
}

// verbLike: an inflected verb form, by its ending ("thanked", "touts",
// "pondering"), of lower-case letters.
func verbLike(f string) bool {
	for _, r := range f {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return len(f) > 3 && (strings.HasSuffix(f, "ed") || strings.HasSuffix(f, "s") && !strings.HasSuffix(f, "ss") || strings.HasSuffix(f, "ing"))
}

// split returns the words of text, folded to lower case, with their rune
// offsets.
func split(text []rune) []word {
	var out []word
	for i := 0; i < len(text); {
		if !unicode.IsLetter(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && (unicode.IsLetter(text[j]) || text[j] == '-') {
			j++
		}
		out = append(out, word{strings.ToLower(string(text[i:j])), i, j})
		i = j
	}
	return out
}
