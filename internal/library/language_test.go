package library

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/internal/testcorpus"
)

// An article in a language the bot has no layer for is served for search,
// named in the reload's report with its language, and never read for
// quotations with English rules.
func TestArticleInAnotherLanguageIsSearchableAndReported(t *testing.T) {
	const french = `---
id: entretien-ministre
title: "Entretien avec la ministre"
lang: fr
---
« Nous reconstruirons les digues avant l'hiver », a déclaré la ministre Amélie Ferrand mardi à Lyon.

La ministre a ajouté que les travaux commenceraient lundi prochain.
`
	for _, story := range []string{testcorpus.Seed, testcorpus.Second} {
		t.Run(story, func(t *testing.T) {
			dir := testcorpus.CopyTo(t, story, t.TempDir())
			if err := os.WriteFile(filepath.Join(dir, "entretien.md"), []byte(french), 0o644); err != nil {
				t.Fatal(err)
			}
			lib, _ := newTestLibrary(t, dir)
			rep, err := lib.Reload(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(rep.UnsupportedIDs(), ","); got != "entretien-ministre (fr)" {
				t.Errorf("report names unsupported %q, want entretien-ministre (fr)", got)
			}
			if !strings.Contains(rep.String(), "entretien-ministre (fr)") {
				t.Errorf("the report for people does not name the article:\n%s", rep)
			}
			res, err := lib.Search(context.Background(), "digues avant l'hiver", 3)
			if err != nil {
				t.Fatal(err)
			}
			if len(res) == 0 || res[0].Chunk.Doc.ID != "entretien-ministre" {
				t.Errorf("the French article is not the first result for its own words: %+v", res)
			}
			for _, q := range lib.Snapshot().Quotes.All() {
				for _, src := range q.Sources {
					if src.Doc == "entretien-ministre" {
						t.Errorf("a quotation was read from the French article: %+v", q)
					}
				}
			}
			// A second reload with nothing changed still names it.
			rep, err = lib.Reload(context.Background())
			if err != nil || len(rep.Unsupported) != 1 {
				t.Errorf("unchanged reload: unsupported %v, err %v", rep.Unsupported, err)
			}
		})
	}
}
