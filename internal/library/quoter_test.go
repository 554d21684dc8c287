package library

import (
	"context"
	"testing"

	"dossier/internal/testcorpus"
)

// TestQuoterReadsTheServedSnapshot: the answerer's view of the quote index
// (Match, Lookup) is empty before the first load and the served quotes
// after it, on both stories.
func TestQuoterReadsTheServedSnapshot(t *testing.T) {
	for _, tt := range []struct{ story, speaker string }{
		{testcorpus.Seed, "Ushakov"},
		{testcorpus.Second, "Vasko"},
	} {
		t.Run(tt.story, func(t *testing.T) {
			lib, _ := newTestLibrary(t, testcorpus.CopyTo(t, tt.story, t.TempDir()))
			if name, _ := lib.Match(tt.speaker); name != "" {
				t.Errorf("before the first load Match(%q) = %q, want none", tt.speaker, name)
			}
			if r := lib.Lookup(tt.speaker, ""); len(r.Quotes) != 0 {
				t.Errorf("before the first load Lookup found %d quotes", len(r.Quotes))
			}
			if _, err := lib.Reload(context.Background()); err != nil {
				t.Fatal(err)
			}
			name, exact := lib.Match(tt.speaker)
			if name == "" || !exact {
				t.Fatalf("Match(%q) = %q, %v; want the speaker", tt.speaker, name, exact)
			}
			if r := lib.Lookup(name, ""); r.Speaker != name || len(r.Quotes) == 0 {
				t.Errorf("Lookup(%q) = speaker %q with %d quotes, want their quotes", name, r.Speaker, len(r.Quotes))
			}
		})
	}
}
