// Package polnear reads what the lexicon generators need from PolNeAR's
// attribution annotations (brat files whose events link a Source, a Cue
// and a Content): the spans of the cues.
package polnear

import (
	"log"
	"os"
	"strings"

	"dossier/internal/brat"
)

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
