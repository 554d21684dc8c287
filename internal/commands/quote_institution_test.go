package commands

import (
	"testing"

	"dossier/internal/quotes"
)

// TestQuoteAutocompleteInstitution: an institution is offered with a
// marker, so that a user can tell "Kremlin" from a person.
func TestQuoteAutocompleteInstitution(t *testing.T) {
	f := sampleQuotes()
	f.quotes = append(f.quotes, quoteOf("Kremlin", "The leak was a provocation.", quotes.Full, 50))
	f.institutions = map[string]bool{"Kremlin": true}
	reg, _ := newTestRegistry(t, deps{quotes: f})
	o := run(t, reg, typing("quote", "speaker", "krem"))
	choices := o.first.Data.Choices
	if len(choices) != 1 || choices[0].Value != "Kremlin" || choices[0].Name != "Kremlin (institution, 1 quote)" {
		t.Fatalf("choices %+v, want one: Kremlin (institution, 1 quote)", choices)
	}
	o = run(t, reg, typing("quote", "speaker", "anna"))
	if got := o.first.Data.Choices[0].Name; got != label(f, "Anna Petrova") {
		t.Errorf("person's label %q, want no institution marker", got)
	}
}
