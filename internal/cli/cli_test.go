package cli

import "testing"

func TestOneLine(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 8, "short"},
		{"two\n\nparagraphs", 20, "two paragraphs"},
		{"a b c d e f g h i j", 8, "a b c d…"},
		{"unbreakableword", 8, "unbreaka…"},
	}
	for _, tt := range tests {
		if got := oneLine(tt.in, tt.n); got != tt.want {
			t.Errorf("oneLine(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}
