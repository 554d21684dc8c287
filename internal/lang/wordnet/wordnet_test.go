package wordnet

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    map[string][]string
		wantErr string
	}{
		{"lines and comments", "# header\nleak disclos leaker\n\nrespond react\n",
			map[string][]string{"leak": {"disclos", "leaker"}, "respond": {"react"}}, ""},
		{"stem alone", "leak\n", nil, "line 1: a stem without related stems"},
		{"stem twice", "leak leaker\nleak disclos\n", nil, `line 2: stem "leak" listed twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("Parse = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

// TestTableCarriesLicence: the generated table parses, states where it
// comes from, and ships with WordNet's licence.
func TestTableCarriesLicence(t *testing.T) {
	if _, err := Related(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(related, "WordNet 3.0 Copyright 2006 by Princeton University") {
		t.Error("related.txt lacks WordNet's copyright notice")
	}
	lic, err := os.ReadFile("LICENSE-WordNet")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(lic), "Permission to use, copy, modify and distribute this software") {
		t.Error("LICENSE-WordNet does not hold the WordNet 3.0 licence")
	}
}
