package commands

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"dossier/internal/library"
)

// Reloader reloads the corpus and reports what changed. A failed reload
// must leave the previous articles serving.
type Reloader interface {
	Reload(ctx context.Context) (library.Report, error)
}

// Moderators says who may run moderator commands: members with the Manage
// Server or Administrator permission, and members with one of RoleIDs, in
// one of HomeGuildIDs. There is one corpus for every server the bot is in,
// so the admins of any other server must not change it.
type Moderators struct {
	RoleIDs []string
	// HomeGuildIDs are the servers from which the corpus may be changed;
	// empty: any server (a bot in one server, or the console).
	HomeGuildIDs []string
}

// moderatorPerms are the permission bits that make a member a moderator.
const moderatorPerms = discordgo.PermissionAdministrator | discordgo.PermissionManageGuild

// Check returns nil for a moderator, ErrGuildOnly outside a server and
// ErrNotModerator for anyone else. It trusts only what Discord puts in the
// interaction (the member's computed permissions and roles), never options.
func (m Moderators) Check(req *Request) error {
	i := req.Interaction
	if i.GuildID == "" || i.Member == nil {
		return ErrGuildOnly
	}
	if len(m.HomeGuildIDs) > 0 && !slices.Contains(m.HomeGuildIDs, i.GuildID) {
		return ErrNotHomeGuild
	}
	if i.Member.Permissions&moderatorPerms != 0 {
		return nil
	}
	for _, r := range i.Member.Roles {
		if slices.Contains(m.RoleIDs, r) {
			return nil
		}
	}
	return ErrNotModerator
}

// ReloadOptions configure /reload.
type ReloadOptions struct {
	Moderators Moderators
	Log        *slog.Logger
}

// Reload is /reload: moderators reload the corpus and see what changed.
func Reload(r Reloader, opts ReloadOptions) *Command {
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	q := &reloadQueue{r: r, running: make(chan struct{}, 1)}
	always := func(*Request) bool { return true }
	return &Command{
		Definition: reloadDefinition(len(opts.Moderators.RoleIDs) > 0),
		Guards:     []Guard{opts.Moderators.Check},
		Slow:       always,
		Private:    always,
		Handle: func(ctx context.Context, req *Request) (*discordgo.InteractionResponse, error) {
			if err := opts.Moderators.Check(req); err != nil {
				return nil, err
			}
			rep, err := q.reload(ctx)
			if err != nil {
				opts.Log.Warn("reload failed; the previous index keeps serving", "user", req.UserID(), "err", err)
				return reply(true, reloadFailedEmbed(err)), nil
			}
			opts.Log.Info("reload requested from Discord", "user", req.UserID(), "articles", rep.Articles)
			return reply(true, reportEmbed(rep)), nil
		},
	}
}

// reloadDefinition is /reload as registered; see moderatorOnly.
func reloadDefinition(roleModerators bool) *discordgo.ApplicationCommand {
	return moderatorOnly(&discordgo.ApplicationCommand{
		Name:        "reload",
		Description: "Moderators: read the articles again and report what changed.",
	}, roleModerators)
}

// moderatorOnly registers a moderators' command (/reload, /article) for
// servers only, and says who sees it in the command picker. Discord shows
// a command with default_member_permissions only to members holding them,
// whatever their roles, so when moderators may be named by role
// (roleModerators) it is registered visible to all, and the server-side
// check alone decides. Otherwise it is hidden from members without Manage
// Server; a server admin can show it to a role under Server Settings →
// Integrations (/help tells moderators so). Either way every request is
// checked again.
func moderatorOnly(d *discordgo.ApplicationCommand, roleModerators bool) *discordgo.ApplicationCommand {
	d.Contexts = &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}
	if !roleModerators {
		perms := int64(discordgo.PermissionManageGuild)
		d.DefaultMemberPermissions = &perms
	}
	return d
}

// reloadQueue serialises reloads without piling them up: while one runs,
// the requests that arrive share the single reload that runs next (which
// sees every change made before they asked) instead of queuing one each.
type reloadQueue struct {
	r       Reloader
	running chan struct{} // full while a reload runs

	mu      sync.Mutex
	waiting *flight // the reload that starts next; joined by later requests
}

type flight struct {
	done chan struct{}
	rep  library.Report
	err  error
}

func (q *reloadQueue) reload(ctx context.Context) (library.Report, error) {
	q.mu.Lock()
	f := q.waiting
	leader := f == nil
	if leader {
		f = &flight{done: make(chan struct{})}
		q.waiting = f
	}
	q.mu.Unlock()
	if leader {
		q.lead(ctx, f)
	}
	select {
	case <-f.done:
		return f.rep, f.err
	case <-ctx.Done():
		return library.Report{}, ctx.Err()
	}
}

// lead waits for the running reload to end, then runs f.
func (q *reloadQueue) lead(ctx context.Context, f *flight) {
	defer close(f.done)
	started := false
	select {
	case q.running <- struct{}{}:
		started = true
	case <-ctx.Done():
		f.err = ctx.Err()
	}
	q.mu.Lock()
	if q.waiting == f {
		q.waiting = nil // later requests start a new flight
	}
	q.mu.Unlock()
	if started {
		f.rep, f.err = q.r.Reload(ctx)
		<-q.running
	}
}

func reportEmbed(r library.Report) *discordgo.MessageEmbed {
	ids := func(n int, list []string) string {
		if n == 0 {
			return "0"
		}
		return fmt.Sprintf("%d (%s)", n, Inline(strings.Join(list, ", ")))
	}
	saved := "saved to disk"
	if !r.Saved {
		saved = "not saved to disk"
	}
	embed := &discordgo.MessageEmbed{
		Title:       "Reloaded",
		Description: fmt.Sprintf("Now serving %d article%s in %d passage%s.", r.Articles, plural(r.Articles), r.Chunks, plural(r.Chunks)),
		Color:       colorInfo,
		Fields: []*discordgo.MessageEmbedField{
			{Name: "Articles added", Value: ids(len(r.Added), r.Added)},
			{Name: "Articles changed", Value: ids(len(r.Changed), r.Changed)},
			{Name: "Articles removed", Value: ids(len(r.Removed), r.Removed)},
			{Name: "Passages", Value: fmt.Sprintf("%d added, %d changed, %d removed; %d embedded in %d call%s",
				r.ChunksAdded, r.ChunksChanged, r.ChunksRemoved, r.ChunksEmbedded, r.EmbedCalls, plural(r.EmbedCalls))},
			{Name: "Quotes found", Value: fmt.Sprint(r.Quotes), Inline: true},
			{Name: "Took", Value: r.Duration.Round(time.Millisecond).String() + ", " + saved, Inline: true},
		},
	}
	if len(r.Unsupported) > 0 {
		// Articles the bot can search but not read are worth a line of
		// their own; a corpus without any needs none.
		embed.Fields = append(embed.Fields, &discordgo.MessageEmbedField{
			Name: "Other languages",
			Value: fmt.Sprintf("%d (%s): searchable, no quotations read", len(r.Unsupported),
				Inline(strings.Join(r.UnsupportedIDs(), ", "))),
		})
	}
	return embed
}

func reloadFailedEmbed(err error) *discordgo.MessageEmbed {
	// The error names the file that failed; a code block shows it as is.
	msg := strings.ReplaceAll(Mentionless(Truncate(err.Error(), 3500)), "```", "`\u200b``")
	return &discordgo.MessageEmbed{
		Title:       "Reload failed",
		Description: "The articles loaded before are still being served.\n```\n" + msg + "\n```",
		Color:       colorWarn,
	}
}
