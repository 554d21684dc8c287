package commands

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"dossier/internal/answer"
	"dossier/internal/library"
	"dossier/internal/quotes"
)

func TestLen(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want int
	}{{"", 0}, {"abc", 3}, {"Юрий", 4}, {"“”", 2}, {"😀", 2}, {"a😀b", 4}} {
		if got := Len(tt.s); got != tt.want {
			t.Errorf("Len(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		s    string
		max  int
		want string
	}{
		{"short", 10, "short"},
		{"  padded  ", 6, "padded"},
		{"the quick brown fox jumps", 20, "the quick brown fox…"},
		{"the quick brown fox jumps", 12, "the quick…"},
		{"abcdefghijklmnop", 8, "abcdefg…"},
		{"a😀😀😀", 4, "a😀…"}, {"a😀😀😀", 3, "a…"},
		{`ends with a \\\`, 14, `ends with a…`},
		{`one\two`, 5, `one…`},
		{"anything", 1, "…"},
		{"anything", 0, ""},
	}
	for _, tt := range tests {
		got := Truncate(tt.s, tt.max)
		if got != tt.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tt.s, tt.max, got, tt.want)
		}
		if Len(got) > max(tt.max, 0) || !utf8.ValidString(got) {
			t.Errorf("Truncate(%q, %d) = %q: over the limit or broken UTF-8", tt.s, tt.max, got)
		}
	}
}

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain words, 2025-11-26.", "plain words, 2025-11-26."},
		{"*bold* _it_ ~~s~~ `code` ||spoiler||", `\*bold\* \_it\_ \~\~s\~\~ \` + "`code\\`" + ` \|\|spoiler\|\|`},
		{"[click](https://evil.example)", `\[click\](https://evil.example)`},
		{"hi @everyone and @here", "hi @\u200deveryone and @\u200dhere"},
		{"<@123> <@&456> <#789> <t:1:R>", `\<@123> \<@&456> \<#789> \<t:1:R>`},
		{"# heading\n> quote\n- item\n12. item\n-# small", "\\# heading\n\\> quote\n\\- item\n12\\. item\n\\-# small"},
		{"back\\slash", `back\\slash`},
		{"many   spaces\tand\ttabs", "many spaces and tabs"},
	}
	for _, tt := range tests {
		if got := Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLink(t *testing.T) {
	tests := []struct{ title, url, want string }{
		{"Title", "https://news.example/a?b=c", "[Title](<https://news.example/a?b=c>)"},
		{"Title", "", "Title"},
		{"Title", "javascript:alert(1)", "Title"},
		{"Title", "https://user:pw@news.example/", "Title"},
		{"Title", "ftp://news.example/", "Title"},
		{"Title", "https:///nohost", "Title"},
		{"Close) (paren", "https://news.example/a_(b)>c", `[Close) (paren](<https://news.example/a_%28b%29%3Ec>)`},
		{"[x](y) *t*", "https://news.example/", `[\[x\](y) \*t\*](<https://news.example/>)`},
	}
	for _, tt := range tests {
		if got := Link(tt.title, tt.url); got != tt.want {
			t.Errorf("Link(%q, %q) = %q, want %q", tt.title, tt.url, got, tt.want)
		}
	}
}

// TestEveryEmbedWithinLimits renders generated long and awkward inputs
// (every command, many sizes) and holds every reply to Discord's limits.
func TestEveryEmbedWithinLimits(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 150 {
		size := []int{0, 1, 50, 300, 1100, 5000, 20000}[round%7]
		ans := answer.Answer{Text: text(r, size), Abstained: round%5 == 0, Mode: answer.LLM}
		for n := range r.IntN(30) {
			ans.Citations = append(ans.Citations, answer.Citation{N: n + 1, Title: text(r, r.IntN(size+1)), Date: text(r, 12),
				URL: "https://news.example/" + text(r, r.IntN(size+1)), Text: text(r, r.IntN(size+1))})
		}
		fq := &fakeQuotes{}
		speaker := "S" + strings.TrimSpace(text(r, min(size, 90)))
		for n := range r.IntN(40) + 1 {
			q := quoteOf(speaker, text(r, r.IntN(size+1)), []quotes.Kind{quotes.Full, quotes.Partial}[n%2], n)
			q.Sources[0].Context = text(r, r.IntN(size+1))
			q.Sources[0].Title = text(r, r.IntN(size+1))
			for range r.IntN(3) {
				q.Sources = append(q.Sources, q.Sources[0])
			}
			fq.quotes = append(fq.quotes, q)
		}
		var arts []Article
		for n := range r.IntN(60) {
			arts = append(arts, Article{ID: fmt.Sprint(n), Title: text(r, r.IntN(size+1)), Outlet: text(r, r.IntN(size+1)), Date: text(r, 10)})
		}
		rep := library.Report{Added: strings.Fields(text(r, size)), Changed: strings.Fields(text(r, size)), Removed: strings.Fields(text(r, size))}
		reg, _ := newTestRegistry(t, deps{ans: &fakeAnswerer{ans: ans}, quotes: fq, cat: &fakeCatalog{arts: arts}, rel: &fakeReloader{rep: rep}})
		topic := strings.TrimSpace(text(r, min(size, 60)))
		for _, i := range []*discordgo.Interaction{
			slash(member, "ask", opt("question", text(r, min(size, MaxQuestion)))),
			slash(member, "quote", opt("speaker", speaker)),
			slash(member, "quote", opt("speaker", speaker), opt("about", topic)),
			slash(member, "sources"),
			slash(moderator, "reload"),
			typing("quote", "speaker", text(r, 3)),
		} {
			o := run(t, reg, i) // checks allowed_mentions and limits
			for _, b := range buttons(o.final) {
				run(t, reg, press(b.CustomID))
			}
		}
		reg2, _ := newTestRegistry(t, deps{rel: &fakeReloader{err: fmt.Errorf("reload: %s", text(r, size))}})
		run(t, reg2, slash(moderator, "reload"))
	}
}

// text makes n characters of awkward text: markdown, mentions, emoji
// (two UTF-16 units each), backslashes, long words and plain prose.
func text(r *rand.Rand, n int) string {
	pieces := []string{"word ", "the ", "“quoted” ", "*", "_", "`", "\\", "[", "](", "<@&123>", "@everyone ", "@here",
		"😀", "Юрий ", "\n", "# ", "> ", "||", "~", strings.Repeat("x", 40), "https://news.example/x?y=(z) "}
	var b strings.Builder
	for l := 0; l < n; {
		p := pieces[r.IntN(len(pieces))]
		b.WriteString(p)
		l += Len(p)
	}
	s := b.String()
	for Len(s) > n {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	return s
}

// TestTruncateTextNeverSplitsALink: a cut inside a Markdown link keeps the
// title and drops the address, never leaving "[Title…" or half a URL.
func TestTruncateTextNeverSplitsALink(t *testing.T) {
	long := "https://news.example/" + strings.Repeat("a", 300)
	s := "**[1]** " + Link("First article", "https://news.example/a") + "\n**[2]** " + Link("Second article", long) + "\nlast line"
	for max := 10; max < Len(s); max += 7 {
		got := TruncateText(s, max)
		if Len(got) > max {
			t.Fatalf("max %d: %d characters", max, Len(got))
		}
		if open := strings.LastIndex(got, "["); open >= 0 && !strings.Contains(got[open:], "](") && !strings.HasPrefix(got[open:], "[1]") && !strings.HasPrefix(got[open:], "[2]") {
			t.Errorf("max %d: a link is split: %q", max, got)
		}
		if strings.Contains(got, "(<https") && !strings.Contains(got[strings.LastIndex(got, "(<https"):], ">)") {
			t.Errorf("max %d: half an address: %q", max, got)
		}
	}
}

// TestDate: an ISO date becomes a Discord timestamp each reader sees in
// their own format, at noon UTC so the day holds across time zones.
func TestDate(t *testing.T) {
	for in, want := range map[string]string{
		"2025-11-26":    "<t:1764158400:D>",
		"November 2025": "November 2025",
		"":              "",
	} {
		if got := Date(in); got != want {
			t.Errorf("Date(%q) = %q, want %q", in, got, want)
		}
	}
}
