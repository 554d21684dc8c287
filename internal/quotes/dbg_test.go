package quotes

import (
	"os"
	"strings"
	"testing"

	"dossier/internal/corpus"
)

func TestDbgX(t *testing.T) {
	raw, _ := os.ReadFile("testdata/polnear/dev/" + os.Getenv("DBG") + ".txt")
	ps := strings.Split(string(raw), "\n\n")
	d := doc("t", ps[1:]...)
	ix := Build([]*corpus.Document{d})
	for _, q := range ix.quotes {
		if strings.Contains(q.Text, os.Getenv("Q")) {
			t.Logf("%q → %s (%s)", q.Text, q.Speaker, q.Rule)
		}
	}
}
