package commands

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"dossier/internal/library"
)

func TestReload(t *testing.T) {
	rep := library.Report{Articles: 5, Chunks: 40, Added: []string{"new-article"}, Changed: []string{}, Removed: []string{"old-one"},
		ChunksAdded: 6, ChunksEmbedded: 6, EmbedCalls: 1, Quotes: 31, Saved: true, Duration: 1234 * time.Millisecond}
	broken := errors.New("reload: corpus/007-broken.md: front matter: line 3: want key: value")
	tests := []struct {
		name        string
		who         who
		err         error
		mods        Moderators
		wantReloads int32
		wantDefer   bool
		want        []string
	}{
		{"member refused", member, nil, Moderators{}, 0, false, []string{"Only moderators"}},
		{"member with another role refused", who{roles: []string{"1"}}, nil, Moderators{RoleIDs: []string{modRoleID}}, 0, false, []string{"Only moderators"}},
		{"direct message refused", inDM, nil, Moderators{}, 0, false, []string{"only in a server"}},
		{"manage server", moderator, nil, Moderators{}, 1, true, []string{"Reloaded", "5 articles in 40 passages", "1 (new-article)", "1 (old-one)", "Quotes found\n31", "1.234s, saved to disk"}},
		{"administrator", admin, nil, Moderators{}, 1, true, []string{"Reloaded"}},
		{"moderator role", roleMod, nil, Moderators{RoleIDs: []string{modRoleID}}, 1, true, []string{"Reloaded"}},
		{"broken file named, old index kept", moderator, broken, Moderators{}, 1, true, []string{"Reload failed", "still being served", "corpus/007-broken.md: front matter: line 3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fr := &fakeReloader{rep: rep, err: tt.err}
			reg, _ := newTestRegistry(t, deps{rel: fr, mods: tt.mods})
			o := run(t, reg, slash(tt.who, "reload"))
			if got := fr.calls.Load(); got != tt.wantReloads {
				t.Errorf("reloads = %d, want %d", got, tt.wantReloads)
			}
			if o.call.Deferred() != tt.wantDefer {
				t.Errorf("deferred = %v, want %v", o.call.Deferred(), tt.wantDefer)
			}
			if o.call.Deferred() && !IsPrivate(o.first) {
				t.Error("deferral is public, want private")
			}
			if !IsPrivate(o.final) {
				t.Error("reply is public, want private")
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

func TestReloadHandlerChecksRightsEvenWhenGuardsAreSkipped(t *testing.T) {
	fr := &fakeReloader{}
	cmd := Reload(fr, ReloadOptions{})
	resp, err := cmd.Handle(t.Context(), newRequest(slash(member, "reload")))
	if !errors.Is(err, ErrNotModerator) || resp != nil {
		t.Errorf("Handle by a member: %v, %v; want ErrNotModerator", resp, err)
	}
	if fr.calls.Load() != 0 {
		t.Error("reloaded for a member")
	}
}

// TestModeratorCommandsAreShownAlike: /reload and /article follow one
// rule. Without role moderators both are hidden from members without
// Manage Server (default_member_permissions "32"); with
// MODERATOR_ROLE_IDS both are listed for everyone, since Discord would
// hide them from the role, and the server-side check decides. Both work
// in servers only.
func TestModeratorCommandsAreShownAlike(t *testing.T) {
	for _, tt := range []struct {
		name     string
		mods     Moderators
		wantPerm bool
	}{
		{"moderators by permission", Moderators{}, true},
		{"moderators by role", Moderators{RoleIDs: []string{modRoleID}}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			defs := map[string]*discordgo.ApplicationCommand{
				"Reload":         Reload(&fakeReloader{}, ReloadOptions{Moderators: tt.mods}).Definition,
				"ArticleCommand": ArticleCommand(nil, ArticleOptions{Moderators: tt.mods}).Definition,
			}
			for _, d := range Definitions(tt.mods) {
				if d.Name == "reload" || d.Name == "article" {
					defs["Definitions /"+d.Name] = d
				}
			}
			if len(defs) != 4 {
				t.Fatalf("definitions %v, want /reload and /article from Definitions too", defs)
			}
			for from, def := range defs {
				hidden := def.DefaultMemberPermissions != nil && *def.DefaultMemberPermissions == discordgo.PermissionManageGuild
				if hidden != tt.wantPerm || (!tt.wantPerm && def.DefaultMemberPermissions != nil) {
					t.Errorf("%s: DefaultMemberPermissions = %v, want Manage Server: %v", from, def.DefaultMemberPermissions, tt.wantPerm)
				}
				if def.Contexts == nil || len(*def.Contexts) != 1 || (*def.Contexts)[0] != discordgo.InteractionContextGuild {
					t.Errorf("%s: Contexts = %v, want servers only", from, def.Contexts)
				}
			}
		})
	}
}

func TestConcurrentReloadsAreSerialisedAndCoalesced(t *testing.T) {
	fr := &fakeReloader{delay: 50 * time.Millisecond, rep: library.Report{Articles: 3}}
	reg, _ := newTestRegistry(t, deps{rel: fr})
	const n = 8
	var wg sync.WaitGroup
	texts := make([]string, n)
	for k := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			call := reg.Dispatch(t.Context(), slash(moderator, "reload"))
			texts[k] = visibleText(call.Finish(t.Context()).Data)
		}()
	}
	wg.Wait()
	if m := fr.maxRunning.Load(); m != 1 {
		t.Errorf("%d reloads ran at once, want 1", m)
	}
	// The first runs; the others arrive while it runs and share the next.
	if c := fr.calls.Load(); c < 1 || c > 2 {
		t.Errorf("%d reloads for %d requests, want 1 or 2", c, n)
	}
	for k, text := range texts {
		if !strings.Contains(text, "Now serving 3 articles") {
			t.Errorf("request %d got %q", k, text)
		}
	}
}

// The report names articles the bot can search but not read, and says
// nothing of other languages when there are none.
func TestReportEmbedNamesOtherLanguages(t *testing.T) {
	plain := reportEmbed(library.Report{Articles: 2})
	for _, f := range plain.Fields {
		if f.Name == "Other languages" {
			t.Errorf("a corpus with no other language shows %q", f.Value)
		}
	}
	e := reportEmbed(library.Report{Articles: 2, Unsupported: []library.Unsupported{{Doc: "entretien", Lang: "fr"}}})
	var got string
	for _, f := range e.Fields {
		if f.Name == "Other languages" {
			got = f.Value
		}
	}
	if !strings.Contains(got, "entretien (fr)") || !strings.Contains(got, "no quotations") {
		t.Errorf("Other languages = %q, want the article, its language and what it means", got)
	}
}
