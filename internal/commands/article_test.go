package commands

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/bwmarrin/discordgo"

	"dossier/internal/articles"
	"dossier/internal/corpus"
	"dossier/internal/extract"
	"dossier/internal/fetch"
	"dossier/internal/library"
)

// fakeManager records what /article asked of it.
type fakeManager struct {
	mu      sync.Mutex
	fetched []string // URLs and attachment URLs fetched
	fromErr error
	added   *articles.Added
	removed []string
	metas   []corpus.Meta
}

var _ ArticleManager = (*fakeManager)(nil)

func (f *fakeManager) FromURL(ctx context.Context, url string) (*extract.Article, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fetched = append(f.fetched, url)
	return &extract.Article{Title: "T"}, f.fromErr
}

func (f *fakeManager) FromAttachment(ctx context.Context, name, url string, size int64) (*extract.Article, error) {
	return f.FromURL(ctx, url)
}

func (f *fakeManager) Add(ctx context.Context, a *extract.Article, force bool) (*articles.Added, error) {
	return f.added, nil
}

func (f *fakeManager) Confirm(ctx context.Context, id string) (*articles.Added, error) {
	if id != "pending-one" {
		return nil, articles.ErrPendingNotFound
	}
	a := *f.added
	a.Duplicate, a.PendingID = nil, ""
	return &a, nil
}

func (f *fakeManager) Discard(id string) error { return nil }

func (f *fakeManager) Remove(ctx context.Context, id string) (corpus.Meta, library.Report, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, m := range f.metas {
		if m.ID == id {
			f.removed = append(f.removed, id)
			return m, library.Report{Articles: len(f.metas) - 1}, nil
		}
	}
	return corpus.Meta{}, library.Report{}, fmt.Errorf("%q: %w", id, articles.ErrNotFound)
}

func (f *fakeManager) List(ctx context.Context) []corpus.Meta { return f.metas }

func (f *fakeManager) fetches() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.fetched)
}

func articleRegistry(t *testing.T, m ArticleManager) *Registry {
	t.Helper()
	log, _ := testLogger(t)
	reg, err := NewRegistry(log, ArticleCommand(m, ArticleOptions{Log: log}))
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

func sub(w who, name string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	return slash(w, "article", &discordgo.ApplicationCommandInteractionDataOption{
		Name: name, Type: discordgo.ApplicationCommandOptionSubCommand, Options: opts,
	})
}

func sampleAdded() *articles.Added {
	return &articles.Added{
		Meta:  corpus.Meta{ID: "harbour-reopens", Title: "Harbour reopens", Date: "2025-11-02", Outlet: "Gazette", URL: "https://news.example/harbour"},
		Words: 412, Lead: "The harbour reopened on Monday. Ferries resumed.",
		Report: library.Report{Articles: 6},
	}
}

func TestArticleRefusesMembersBeforeFetching(t *testing.T) {
	for name, w := range map[string]who{"member": member, "direct message": inDM} {
		t.Run(name, func(t *testing.T) {
			m := &fakeManager{added: sampleAdded()}
			reg := articleRegistry(t, m)
			o := run(t, reg, sub(w, "add", opt("url", "https://news.example/harbour")))
			if o.call.Deferred() || !IsPrivate(o.final) {
				t.Errorf("refusal deferred %v or public", o.call.Deferred())
			}
			if text := visibleText(o.final.Data); !strings.Contains(text, "Only moderators") && !strings.Contains(text, "only in a server") {
				t.Errorf("reply %q, want a refusal", text)
			}
			if m.fetches() != 0 {
				t.Errorf("fetched %v for a %s", m.fetched, name)
			}
			// Buttons are refused to members too.
			if o := run(t, reg, press("article:undo|harbour-reopens")); !strings.Contains(visibleText(o.final.Data), "Only moderators") {
				t.Errorf("member's Undo: %q", visibleText(o.final.Data))
			}
		})
	}
}

func TestArticleAdd(t *testing.T) {
	m := &fakeManager{added: sampleAdded()}
	reg := articleRegistry(t, m)
	o := run(t, reg, sub(moderator, "add", opt("url", "https://news.example/harbour")))
	if !o.call.Deferred() || !IsPrivate(o.first) {
		t.Fatal("add must defer privately: fetching can take seconds")
	}
	text := visibleText(o.final.Data)
	for _, want := range []string{"Added: Harbour reopens", Date("2025-11-02"), "Gazette", "412", "The harbour reopened on Monday.", "harbour-reopens"} {
		if !strings.Contains(text, want) {
			t.Errorf("reply lacks %q:\n%s", want, text)
		}
	}
	labels := buttonLabels(o.final)
	if strings.Join(labels, ",") != "Keep,Undo" {
		t.Errorf("buttons %v, want Keep, Undo", labels)
	}
}

func TestArticleNearDuplicate(t *testing.T) {
	added := sampleAdded()
	added.Duplicate = &articles.Match{ID: "harbour-opens", Title: "Harbour opens again", Containment: 0.83}
	added.PendingID = "pending-one"
	m := &fakeManager{added: added}
	reg := articleRegistry(t, m)
	o := run(t, reg, sub(moderator, "add", opt("url", "https://other.example/harbour")))
	text := visibleText(o.final.Data)
	if !strings.Contains(text, "Not added yet") || !strings.Contains(text, "83% of its text is already in") || !strings.Contains(text, "Harbour opens again") {
		t.Errorf("reply:\n%s", text)
	}
	if labels := buttonLabels(o.final); strings.Join(labels, ",") != "Keep anyway,Discard" {
		t.Fatalf("buttons %v", labels)
	}
	kept := run(t, reg, pressAs(moderator, buttonIDs(o.final)[0]))
	if kept.final.Type != discordgo.InteractionResponseUpdateMessage || !strings.Contains(visibleText(kept.final.Data), "Added: Harbour reopens") {
		t.Errorf("Keep anyway: %v %q", kept.final.Type, visibleText(kept.final.Data))
	}
	stale := run(t, reg, pressAs(moderator, "article:force|gone-already"))
	if !strings.Contains(visibleText(stale.final.Data), "no longer waiting") {
		t.Errorf("stale Keep anyway: %q", visibleText(stale.final.Data))
	}
}

func TestArticleRefusalsReadClearly(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&fetch.Error{URL: "http://10.0.0.1/", Err: fetch.ErrForbiddenAddress}, "private, local or cloud-metadata address"},
		{&fetch.Error{Err: fetch.ErrScheme}, "only fetch `http` and `https`"},
		{&fetch.Error{Err: fetch.ErrTooManyRedirects}, "redirects more than 5 times"},
		{&fetch.Error{Err: fetch.ErrTimeout}, "did not answer within 10s"},
		{&fetch.Error{Err: fetch.ErrTooLarge}, "limited to 5 MiB"},
		{&fetch.Error{Err: fetch.ErrContentType, Detail: "image/png"}, "not a web page or a text file (it is `image/png`)"},
		{&fetch.Error{Err: fetch.ErrStatus, Detail: "404 Not Found"}, "answered with an error (404 Not Found)"},
		{extract.ErrPaywall, "needs a login or a subscription"},
		{extract.ErrNeedsJavaScript, "needs JavaScript"},
		{extract.ErrNoArticle, "no article text"},
		{fmt.Errorf("x: %w", articles.ErrFileType), "Attach a `.txt`, `.md` or `.html` file"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			reg := articleRegistry(t, &fakeManager{fromErr: tt.err})
			o := run(t, reg, sub(moderator, "add", opt("url", "https://news.example/x")))
			if text := visibleText(o.final.Data); !strings.Contains(text, tt.want) || !IsPrivate(o.final) {
				t.Errorf("reply %q, want %q, private", text, tt.want)
			}
		})
	}
}

func TestArticleInputChecks(t *testing.T) {
	m := &fakeManager{}
	reg := articleRegistry(t, m)
	file := &discordgo.ApplicationCommandInteractionDataOption{Name: "file", Type: discordgo.ApplicationCommandOptionAttachment, Value: "900"}
	for _, tt := range []struct {
		i    *discordgo.Interaction
		want string
	}{
		{sub(moderator, "add"), "Give a link"},
		{sub(moderator, "add", file), "couldn't find the attached file"},
		{sub(moderator, "remove", opt("article", " ")), "Name the article"},
		{slash(moderator, "article"), "Use `/article add`"},
	} {
		if text := visibleText(run(t, reg, tt.i).final.Data); !strings.Contains(text, tt.want) {
			t.Errorf("reply %q, want %q", text, tt.want)
		}
	}
	if m.fetches() != 0 {
		t.Errorf("fetched %v on bad input", m.fetched)
	}
}

func TestArticleAttachment(t *testing.T) {
	m := &fakeManager{added: sampleAdded()}
	reg := articleRegistry(t, m)
	i := sub(moderator, "add", &discordgo.ApplicationCommandInteractionDataOption{Name: "file", Type: discordgo.ApplicationCommandOptionAttachment, Value: "900"})
	d := i.Data.(discordgo.ApplicationCommandInteractionData)
	d.Resolved = &discordgo.ApplicationCommandInteractionDataResolved{Attachments: map[string]*discordgo.MessageAttachment{
		"900": {ID: "900", Filename: "harbour.md", URL: "https://cdn.discordapp.example/attachments/1/2/harbour.md", Size: 2048},
	}}
	i.Data = d
	o := run(t, reg, i)
	if !strings.Contains(visibleText(o.final.Data), "Added: Harbour reopens") || len(m.fetched) != 1 || !strings.HasSuffix(m.fetched[0], "harbour.md") {
		t.Errorf("reply %q, fetched %v", visibleText(o.final.Data), m.fetched)
	}
}

func TestArticleRemoveListAndComplete(t *testing.T) {
	var metas []corpus.Meta
	for i := range 23 {
		metas = append(metas, corpus.Meta{ID: fmt.Sprintf("story-%02d", i), Title: fmt.Sprintf("Story number %d", i), Date: "2025-11-01"})
	}
	m := &fakeManager{metas: metas}
	reg := articleRegistry(t, m)

	list := run(t, reg, sub(moderator, "list"))
	if list.call.Deferred() || !IsPrivate(list.final) || !strings.Contains(visibleText(list.final.Data), "Page 1 of 3") ||
		!strings.Contains(visibleText(list.final.Data), "— "+Date("2025-11-01")+" · `story-00`") {
		t.Fatalf("list: %q", visibleText(list.final.Data))
	}
	next := run(t, reg, pressAs(moderator, buttonIDs(list.final)[1]))
	if text := visibleText(next.final.Data); !strings.Contains(text, "11. **Story number 10**") || !strings.Contains(text, "Page 2 of 3") {
		t.Errorf("page 2: %q", text)
	}

	ac := interaction(moderator, discordgo.InteractionApplicationCommandAutocomplete, discordgo.ApplicationCommandInteractionData{
		ID: "700", Name: "article", Options: []*discordgo.ApplicationCommandInteractionDataOption{{
			Name: "remove", Type: discordgo.ApplicationCommandOptionSubCommand,
			Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "article", Type: discordgo.ApplicationCommandOptionString, Value: "number 1", Focused: true}},
		}},
	})
	choices := run(t, reg, ac).final.Data.Choices
	if len(choices) != 11 || choices[0].Value != "story-01" { // 1, 10–19
		t.Errorf("choices %d, first %v", len(choices), choices[0].Value)
	}
	ac.Member.Permissions = 0
	if choices := run(t, reg, ac).final.Data.Choices; len(choices) != 0 {
		t.Errorf("a member sees %d titles", len(choices))
	}

	rm := run(t, reg, sub(moderator, "remove", opt("article", "story-03")))
	if text := visibleText(rm.final.Data); !strings.Contains(text, "Removed: Story number 3") || !strings.Contains(text, ".removed") {
		t.Errorf("remove: %q", text)
	}
	if text := visibleText(run(t, reg, sub(moderator, "remove", opt("article", "nope"))).final.Data); !strings.Contains(text, "There is no article") {
		t.Errorf("remove unknown: %q", text)
	}
	for _, bad := range []string{"article:undo|../x", "article:page|-1", "article:nuke|a", "article:keep"} {
		if text := visibleText(run(t, reg, pressAs(moderator, bad)).final.Data); !strings.Contains(text, "no longer valid") {
			t.Errorf("press %q: %q", bad, text)
		}
	}
}

func pressAs(w who, customID string) *discordgo.Interaction {
	return interaction(w, discordgo.InteractionMessageComponent,
		discordgo.MessageComponentInteractionData{CustomID: customID, ComponentType: discordgo.ButtonComponent})
}

func buttonLabels(resp *discordgo.InteractionResponse) (out []string) {
	for _, b := range buttons(resp) {
		out = append(out, b.Label)
	}
	return out
}

func buttonIDs(resp *discordgo.InteractionResponse) (out []string) {
	for _, b := range buttons(resp) {
		out = append(out, b.CustomID)
	}
	return out
}

func TestHelpShowsArticleSubcommands(t *testing.T) {
	cmds := []*Command{ArticleCommand(nil, ArticleOptions{})}
	reg, err := NewRegistry(nil, append(cmds, Help(cmds))...)
	if err != nil {
		t.Fatal(err)
	}
	if text := visibleText(run(t, reg, slash(member, "help")).final.Data); !strings.Contains(text, "/article add|remove|list") {
		t.Errorf("help:\n%s", text)
	}
	// Without a manager the command says so instead of failing.
	if text := visibleText(run(t, reg, sub(moderator, "list")).final.Data); !strings.Contains(text, "not set up") {
		t.Errorf("list without a manager: %q", text)
	}
}

// TestArticleButtonsThatReloadAreDeferred: Undo, Keep anyway and Discard
// (which waits for an add or remove in progress) can outlast Discord's
// three seconds, so they are acknowledged with a deferred update (type 6)
// and their result replaces the message later; Keep and the list's pages
// are answered at once. A member's press is refused before any deferral.
func TestArticleButtonsThatReloadAreDeferred(t *testing.T) {
	added := sampleAdded()
	added.PendingID = "pending-one"
	m := &fakeManager{added: added, metas: []corpus.Meta{{ID: "harbour-reopens", Title: "Harbour reopens"}}}
	reg := articleRegistry(t, m)
	for _, tt := range []struct {
		press    string
		deferred bool
		want     string
	}{
		{"article:undo|harbour-reopens", true, "Removed: Harbour reopens"},
		{"article:force|pending-one", true, "Added: Harbour reopens"},
		{"article:drop|pending-one", true, "Discarded"},
		{"article:keep|harbour-reopens", false, "Kept"},
		{"article:page|0", false, "Articles (1)"},
	} {
		o := run(t, reg, pressAs(moderator, tt.press))
		if o.call.Deferred() != tt.deferred {
			t.Errorf("%s: deferred %v, want %v", tt.press, o.call.Deferred(), tt.deferred)
		}
		if tt.deferred && o.first.Type != discordgo.InteractionResponseDeferredMessageUpdate {
			t.Errorf("%s: first response type %d, want a deferred update (6)", tt.press, o.first.Type)
		}
		if o.final.Type != discordgo.InteractionResponseUpdateMessage || !strings.Contains(visibleText(o.final.Data), tt.want) {
			t.Errorf("%s: final type %d %q, want the message updated with %q", tt.press, o.final.Type, visibleText(o.final.Data), tt.want)
		}
	}
	if o := run(t, reg, pressAs(member, "article:undo|harbour-reopens")); o.call.Deferred() || !strings.Contains(visibleText(o.final.Data), "Only moderators") {
		t.Errorf("member's Undo: deferred %v, %q; want a refusal at once", o.call.Deferred(), visibleText(o.final.Data))
	}
}
