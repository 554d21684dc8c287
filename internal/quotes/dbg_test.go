package quotes

import (
	"os"
	"path/filepath"
	"testing"

	"dossier/internal/corpus"
)

func TestDbgPolNeAR(t *testing.T) {
	name := os.Getenv("DBG")
	if name == "" {
		t.Skip()
	}
	arts := loadPolNeAR(t, filepath.Join("testdata", "polnear", "dev"))
	for _, a := range arts {
		if a.doc.ID == name {
			ix := Build([]*corpus.Document{a.doc})
			for _, q := range ix.All() {
				t.Logf("[%s] <%s> %q", q.Speaker, q.Rule, q.Text)
			}
		}
	}
}
