package commands

import (
	"errors"
	"strings"
	"testing"
)

func TestQuotePageRoundTrip(t *testing.T) {
	tests := []quotePage{
		{Speaker: "Anna Petrova"},
		{Speaker: "Юрий Ушаков", Topic: "WhatsApp", Page: 3},
		{Speaker: `A|B\C`, Topic: `pipe | and \ slash`, Page: 999},
		{Speaker: "x", Topic: strings.Repeat("t", 60), Page: 12},
	}
	for _, p := range tests {
		id, ok := p.encode()
		if !ok {
			t.Errorf("encode(%+v) refused", p)
			continue
		}
		if Len(id) > MaxCustomID {
			t.Errorf("encode(%+v) = %d characters, limit %d", p, Len(id), MaxCustomID)
		}
		got, err := decodeQuotePage(id)
		if err != nil || got != p {
			t.Errorf("decode(%q) = %+v, %v; want %+v", id, got, err, p)
		}
	}
}

func TestQuotePageEncodeRefuses(t *testing.T) {
	for _, p := range []quotePage{
		{Speaker: ""},
		{Speaker: "x", Page: -1},
		{Speaker: "x", Page: 1000},
		{Speaker: strings.Repeat("n", 60), Topic: strings.Repeat("t", 60)}, // over 100
		{Speaker: "x", Topic: "tab\there"},
		{Speaker: " padded"},
	} {
		if id, ok := p.encode(); ok {
			t.Errorf("encode(%+v) = %q, want refused", p, id)
		}
	}
}

func TestDecodeQuotePageRejects(t *testing.T) {
	for _, id := range []string{
		"", "quote:", "quote:1", "quote:1|0|x", "quote:1|0|x|y|z", "ask:1|0|x|", "quote:2|0|x|",
		"quote:1|00|x|", "quote:1|-1|x|", "quote:1|1000|x|", "quote:1|+1|x|", "quote:1| 1|x|", "quote:1|1e2|x|",
		"quote:1|0||topic", `quote:1|0|x\|`, `quote:1|0|x\n|`, "quote:1|0|x\x00|", "quote:1|0| x|", "quote:1|0|x|\xff",
		"quote:1|0|" + strings.Repeat("a", 100) + "|",
	} {
		if p, err := decodeQuotePage(id); err == nil || !errors.Is(err, ErrBadComponent) {
			t.Errorf("decode(%q) = %+v, %v; want an ErrBadComponent", id, p, err)
		}
	}
}

// FuzzDecodeQuotePage: whatever arrives as a custom id, decoding never
// panics, and an id it accepts is exactly the one encode writes for it.
func FuzzDecodeQuotePage(f *testing.F) {
	for _, s := range []string{"quote:1|0|Anna Petrova|", `quote:1|12|A\|B|x\\y`, "quote:1|0|x|", "quote:", "", "quote:1|0|x\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		p, err := decodeQuotePage(id)
		if err != nil {
			return
		}
		again, ok := p.encode()
		if !ok || again != id {
			t.Errorf("decode(%q) = %+v, which encodes to %q (ok %v)", id, p, again, ok)
		}
	})
}
