package discord

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"dossier/internal/articles"
	"dossier/internal/commands"
	"dossier/internal/corpus"
	"dossier/internal/extract"
	"dossier/internal/library"
)

var _ commands.ArticleManager = (*slowArticles)(nil)

// slowArticles is an article manager whose reloads (Remove, Confirm) wait
// until the test lets them finish, as a reload embedding through a slow
// model server does.
type slowArticles struct {
	started chan string   // the action that began reloading
	release chan struct{} // closed to let reloads finish
}

func newSlowArticles() *slowArticles {
	return &slowArticles{started: make(chan string, 10), release: make(chan struct{})}
}

func (s *slowArticles) reload(ctx context.Context, action string) error {
	s.started <- action
	select {
	case <-s.release:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *slowArticles) FromURL(context.Context, string) (*extract.Article, error) { return nil, nil }
func (s *slowArticles) FromAttachment(context.Context, string, string, int64) (*extract.Article, error) {
	return nil, nil
}
func (s *slowArticles) Add(context.Context, *extract.Article, bool) (*articles.Added, error) {
	return nil, nil
}

func (s *slowArticles) Confirm(ctx context.Context, id string) (*articles.Added, error) {
	if err := s.reload(ctx, "force"); err != nil {
		return nil, err
	}
	return nil, articles.ErrPendingNotFound // pressed twice: the first press kept it
}

func (s *slowArticles) Discard(string) error { return nil }

func (s *slowArticles) Remove(ctx context.Context, id string) (corpus.Meta, library.Report, error) {
	if err := s.reload(ctx, "undo"); err != nil {
		return corpus.Meta{}, library.Report{}, err
	}
	return corpus.Meta{ID: id, Title: "Harbour reopens"}, library.Report{Articles: 5}, nil
}

func (s *slowArticles) List(context.Context) []corpus.Meta { return nil }

// TestSlowArticleButtonIsDeferred: Undo and Keep anyway reload the
// library, which with a slow embedding server outlasts Discord's three
// seconds. The press is acknowledged at once through the callback
// endpoint with a deferred update (type 6; the HTTP request is answered
// 202) while the reload is still running; then the message the button is
// on is edited (PATCH @original), or, for an error, a private follow-up
// is posted and the message left as it was. Discord's Unknown Webhook
// for the first request after the deferral is retried either way.
func TestSlowArticleButtonIsDeferred(t *testing.T) {
	for _, tt := range []struct {
		action, wantMethod, wantPath, want string
		wantFlags                          any
	}{
		{"undo", http.MethodPatch, "/api/v10/webhooks/775799577604522054/A_BUTTON_TOKEN/messages/@original", "Removed: Harbour reopens", nil},
		{"force", http.MethodPost, "/api/v10/webhooks/775799577604522054/A_BUTTON_TOKEN", "no longer waiting", 64.0},
	} {
		t.Run(tt.action, func(t *testing.T) {
			pub, priv := keys(t)
			fake := newFakeDiscord(t)
			fake.unknownWebhookFirst = true
			m := newSlowArticles()
			reg, err := commands.NewRegistry(testLog(t), commands.ArticleCommand(m, commands.ArticleOptions{Log: testLog(t)}))
			if err != nil {
				t.Fatal(err)
			}
			rest := NewREST(fake.base(), nil)
			rest.BaseDelay = time.Millisecond
			fol := NewFollowups(rest, testLog(t))
			srv := NewServer(ServerOptions{PublicKey: pub, Dispatcher: reg, Followups: fol, Log: testLog(t)})

			body := bytes.Replace(readTestdata(t, "article-undo.json"), []byte("article:undo|"), []byte("article:"+tt.action+"|"), 1)
			w := httptestDo(srv, signed(t, priv, time.Now(), body))
			if w.Code != http.StatusAccepted || w.Body.Len() != 0 {
				t.Fatalf("HTTP reply %d %q, want 202: the press acknowledged through the callback endpoint", w.Code, w.Body)
			}
			select {
			case got := <-m.started:
				if got != tt.action {
					t.Fatalf("started %q, want %q", got, tt.action)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("the reload did not start")
			}
			// The reload is still running: Discord has had its answer.
			cb := fake.next(t)
			if cb.Method != http.MethodPost || !strings.HasSuffix(cb.Path, "/A_BUTTON_TOKEN/callback") || strings.TrimSpace(string(cb.Body)) != `{"type":6}` {
				t.Fatalf("first REST call %s %s %s, want POST …/callback {\"type\":6} (deferred update)", cb.Method, cb.Path, cb.Body)
			}
			if n := fake.count(); n != 1 {
				t.Fatalf("%d REST calls before the reload ended, want only the deferral", n)
			}
			close(m.release)
			if err := fol.Wait(t.Context()); err != nil {
				t.Fatal(err)
			}
			refused, final := fake.next(t), fake.next(t)
			for _, r := range []recorded{refused, final} {
				if r.Method != tt.wantMethod || r.Path != tt.wantPath {
					t.Errorf("after the reload: %s %s, want %s %s", r.Method, r.Path, tt.wantMethod, tt.wantPath)
				}
			}
			msg := decoded(t, final.Body)
			checkNoMentions(t, msg)
			if !strings.Contains(string(final.Body), tt.want) || msg["flags"] != tt.wantFlags {
				t.Errorf("delivered %s, want %q with flags %v", final.Body, tt.want, tt.wantFlags)
			}
			if n := fake.count(); n != 3 {
				t.Errorf("%d REST calls, want 3: the deferral, the request Discord did not know yet, its retry", n)
			}
		})
	}
}

// TestGatewayDefersSlowArticleButtons: over the gateway too, Undo is
// acknowledged with a deferred update before its reload ends, and the
// message is edited after.
func TestGatewayDefersSlowArticleButtons(t *testing.T) {
	fake := newFakeDiscord(t)
	m := newSlowArticles()
	reg, err := commands.NewRegistry(testLog(t), commands.ArticleCommand(m, commands.ArticleOptions{}))
	if err != nil {
		t.Fatal(err)
	}
	rest := NewREST(fake.base(), nil)
	fol := NewFollowups(rest, testLog(t))
	g := &Gateway{Dispatcher: reg, REST: rest, Followups: fol, Log: testLog(t)}
	var ev discordgo.InteractionCreate
	if err := json.Unmarshal(readTestdata(t, "article-undo.json"), &ev); err != nil {
		t.Fatal(err)
	}
	g.Handle(nil, &ev)
	if cb := fake.next(t); !strings.HasSuffix(cb.Path, "/callback") || strings.TrimSpace(string(cb.Body)) != `{"type":6}` {
		t.Fatalf("first %s %s, want a deferred update callback {\"type\":6}", cb.Path, cb.Body)
	}
	<-m.started
	close(m.release)
	if err := fol.Wait(t.Context()); err != nil {
		t.Fatal(err)
	}
	if edit := fake.next(t); edit.Method != http.MethodPatch || !strings.HasSuffix(edit.Path, "/A_BUTTON_TOKEN/messages/@original") || !strings.Contains(string(edit.Body), "Removed: Harbour reopens") {
		t.Errorf("then %s %s %s, want the message edited", edit.Method, edit.Path, edit.Body)
	}
}

// TestQuickArticleButtonsAreAnsweredAtOnce: Keep does no work and a
// member's press is refused before anything: both are answered in the
// HTTP reply, with nothing deferred.
func TestQuickArticleButtonsAreAnsweredAtOnce(t *testing.T) {
	pub, priv := keys(t)
	fake := newFakeDiscord(t)
	m := newSlowArticles()
	reg, err := commands.NewRegistry(testLog(t), commands.ArticleCommand(m, commands.ArticleOptions{}))
	if err != nil {
		t.Fatal(err)
	}
	srv := NewServer(ServerOptions{PublicKey: pub, Dispatcher: reg, Followups: NewFollowups(NewREST(fake.base(), nil), nil)})
	for _, tt := range []struct {
		name, from, to string
		wantType       float64
		want           string
	}{
		{"Keep", "article:undo|", "article:keep|", float64(discordgo.InteractionResponseUpdateMessage), "Kept"},
		{"a member's Undo", `"permissions": "32"`, `"permissions": "0"`, float64(discordgo.InteractionResponseChannelMessageWithSource), "Only moderators"},
	} {
		body := bytes.Replace(readTestdata(t, "article-undo.json"), []byte(tt.from), []byte(tt.to), 1)
		w := httptestDo(srv, signed(t, priv, time.Now(), body))
		if resp := decoded(t, w.Body.Bytes()); w.Code != http.StatusOK || resp["type"] != tt.wantType || !strings.Contains(w.Body.String(), tt.want) {
			t.Errorf("%s: %d %s, want type %v with %q", tt.name, w.Code, w.Body, tt.wantType, tt.want)
		}
	}
	if n := fake.count(); n != 0 || len(m.started) != 0 {
		t.Errorf("%d REST calls and %d reloads, want none", n, len(m.started))
	}
}

// httptestDo serves one request and returns the recorded reply.
func httptestDo(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}
