package commands

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestSources(t *testing.T) {
	var many []Article
	for i := range 300 {
		many = append(many, Article{ID: fmt.Sprint(i), Title: strings.Repeat("Long title ", 15), URL: "https://news.example/" + fmt.Sprint(i), Chunks: 2, Quotes: 1})
	}
	tests := []struct {
		name        string
		cat         *fakeCatalog
		wantPrivate bool
		want        []string
	}{
		{"articles", &fakeCatalog{arts: sampleArticles(), quotes: 3}, false, []string{
			"The 2 articles I answer from",
			"**1.** [First article](<https://news.example/a>)\n<t:1764072000:D> · Example News · 7 passages · 4 quotes",
			"**2.** Second article\nundated · 3 passages · 0 quotes",
			"10 passages indexed, 3 quotes found"}},
		{"none", &fakeCatalog{}, false, []string{"No articles are loaded yet"}},
		{"many are cut with a count", &fakeCatalog{arts: many, quotes: 250}, false, []string{"The 300 articles", "more articles.", "600 passages indexed, 250 quotes found"}},
		{"failure", &fakeCatalog{err: errors.New("disk on fire")}, true, []string{"something went wrong"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg, _ := newTestRegistry(t, deps{cat: tt.cat})
			o := run(t, reg, slash(member, "sources"))
			if IsPrivate(o.final) != tt.wantPrivate {
				t.Errorf("private = %v, want %v", IsPrivate(o.final), tt.wantPrivate)
			}
			text := visibleText(o.final.Data)
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("reply lacks %q:\n%s", w, text)
				}
			}
		})
	}
}

func TestHelpListsEveryCommand(t *testing.T) {
	reg, _ := newTestRegistry(t, deps{})
	o := run(t, reg, slash(member, "help"))
	if !IsPrivate(o.final) {
		t.Error("help is public, want private")
	}
	text := visibleText(o.final.Data)
	for _, d := range reg.Definitions() {
		if !strings.Contains(text, "`/"+d.Name) {
			t.Errorf("help lacks /%s:\n%s", d.Name, text)
		}
	}
	for _, w := range []string{"/ask question:… [private:…]", "/quote speaker:… [about:…]", "cite the passage"} {
		if !strings.Contains(text, w) {
			t.Errorf("help lacks %q", w)
		}
	}
}

// TestHelpTellsModeratorsHowReloadIsShown: a moderator's /help says who
// sees /reload in Discord's picker and, when it is hidden by permission,
// how a server admin shows it to a moderator role; a member's does not.
func TestHelpTellsModeratorsHowReloadIsShown(t *testing.T) {
	for _, tt := range []struct {
		name  string
		mods  Moderators
		who   who
		wants []string
	}{
		{"admin, hidden by permission", Moderators{}, admin, []string{"For moderators", "Integrations", "`/reload` and `/article`", "MODERATOR_ROLE_IDS"}},
		{"role moderator, listed for all", Moderators{RoleIDs: []string{"42"}}, who{roles: []string{"42"}}, []string{"For moderators", "`/reload` and `/article` are listed for everyone"}},
		{"member", Moderators{}, member, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			reg, err := New(Services{}, Options{Moderators: tt.mods})
			if err != nil {
				t.Fatal(err)
			}
			text := visibleText(run(t, reg, slash(tt.who, "help")).final.Data)
			for _, w := range tt.wants {
				if !strings.Contains(text, w) {
					t.Errorf("help lacks %q:\n%s", w, text)
				}
			}
			if tt.wants == nil && strings.Contains(text, "For moderators") {
				t.Errorf("a member's help has the moderators' section:\n%s", text)
			}
		})
	}
}

// TestSourcesCarriesWhenTheArticlesWereLoaded: the embed's timestamp,
// shown by each reader's client in their own zone and format, says how
// current the list is.
func TestSourcesCarriesWhenTheArticlesWereLoaded(t *testing.T) {
	at := time.Date(2025, 11, 27, 9, 30, 0, 0, time.FixedZone("CET", 3600))
	reg, _ := newTestRegistry(t, deps{cat: &fakeCatalog{arts: sampleArticles(), quotes: 3, loadedAt: at}})
	o := run(t, reg, slash(member, "sources"))
	if got := o.final.Data.Embeds[0].Timestamp; got != "2025-11-27T08:30:00Z" {
		t.Errorf("timestamp %q, want 2025-11-27T08:30:00Z (ISO 8601, UTC)", got)
	}
}
