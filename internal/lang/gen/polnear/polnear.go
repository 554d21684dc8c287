// Package polnear reads what the lexicon generators need from PolNeAR's
// attribution annotations (brat files whose events link a Source, a Cue
// and a Content): the spans of the cues, and the tokens of the Stanford
// CoreNLP parse PolNeAR ships with each article.
package polnear

import (
	"encoding/xml"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"dossier/internal/brat"
)

// A Token is one word of CoreNLP's parse, with its lemma, its Penn
// Treebank tag and its character offsets in the article's text.
type Token struct {
	Word  string `xml:"word"`
	Lemma string `xml:"lemma"`
	Begin int    `xml:"CharacterOffsetBegin"`
	End   int    `xml:"CharacterOffsetEnd"`
	POS   string `xml:"POS"`
}

// Inside reports whether the token lies within the character span.
func (t Token) Inside(span [2]int) bool { return t.Begin >= span[0] && t.End <= span[1] }

// Tokens reads the CoreNLP parse of the article name under train
// (corenlp/NAME.txt.xml).
func Tokens(train, name string) ([]Token, error) {
	data, err := os.ReadFile(filepath.Join(train, "corenlp", name+".txt.xml"))
	if err != nil {
		return nil, err
	}
	var doc struct {
		Tokens []Token `xml:"document>sentences>sentence>tokens>token"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return doc.Tokens, nil
}

// Cues returns the character spans of the cues of the brat file at path,
// annotating text: those of attributions whose content holds a quotation
// mark (direct quotations), and all. Lines the parser cannot read are left
// out; a file that cannot be opened stops the generator.
func Cues(path string, text []rune) (direct, all [][2]int) {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	d, _ := brat.Parse(f, len(text))
	for _, ev := range d.Events {
		var cs [][2]int
		for _, s := range d.Role(ev, "Cue") {
			cs = append(cs, [2]int{s.Start, s.End})
		}
		quoted := false
		for _, s := range d.Role(ev, "Content") {
			quoted = quoted || strings.ContainsAny(string(text[s.Start:s.End]), "“”\"")
		}
		if quoted {
			direct = append(direct, cs...)
		}
		all = append(all, cs...)
	}
	return direct, all
}
