package quotes

import (
	"os"
	"testing"

	"dossier/internal/corpus"
)

func TestZZDbgText(t *testing.T) {
	text := os.Getenv("DBGTEXT")
	if text == "" {
		t.Skip()
	}
	d := &corpus.Document{Meta: corpus.Meta{ID: "x"}, Paragraphs: []string{"Senator Elizabeth Warren spoke. Pat Caddell spoke.", text}}
	for _, q := range Build([]*corpus.Document{d}).All() {
		t.Logf("[%s] <%s> %q", q.Speaker, q.Rule, q.Text)
	}
}

func TestZZDbgDoc(t *testing.T) {
	name := os.Getenv("DBG")
	if name == "" {
		t.Skip()
	}
	for _, a := range loadPolNeAR(t, "testdata/polnear/dev") {
		if a.doc.ID == name {
			for _, q := range Build([]*corpus.Document{a.doc}).All() {
				t.Logf("[%s] <%s> %q", q.Speaker, q.Rule, q.Text)
			}
		}
	}
}

func TestZZDbgPeople(t *testing.T) {
	name := os.Getenv("DBGP")
	if name == "" {
		t.Skip()
	}
	for _, a := range loadPolNeAR(t, "testdata/polnear/dev") {
		if a.doc.ID == name {
			arts := []*article{prepare(0, a.doc)}
			reg := learn(arts)
			for _, p := range reg.people {
				if p.into == nil {
					t.Logf("%q first=%q last=%q gender=%c mentions=%d", p.name, p.first, p.last, p.gender, p.mentions)
				}
			}
		}
	}
}
