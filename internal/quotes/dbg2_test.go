package quotes

import (
	"os"
	"testing"

	"dossier/internal/corpus"
)

func TestDbgText(t *testing.T) {
	text := os.Getenv("DBGTEXT")
	if text == "" {
		t.Skip()
	}
	d := &corpus.Document{Meta: corpus.Meta{ID: "x"}, Paragraphs: []string{text}}
	ix := Build([]*corpus.Document{d})
	for _, q := range ix.All() {
		t.Logf("[%s] <%s> %q", q.Speaker, q.Rule, q.Text)
	}
	a := prepare(0, d)
	reg := learn([]*article{a})
	rd := &reader{reg: reg, art: a, seen: map[*person]int{}, lastPara: map[*person]int{}}
	for _, u := range a.units[0] {
		for _, m := range rd.mentions(u.toks, nameRuns(u.toks, a.lower)) {
			t.Logf("mention %d-%d kind %d personal %v person %v", m.from, m.to, m.kind, m.personal, m.person != nil)
		}
	}
}
