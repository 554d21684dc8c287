package commands

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"dossier/internal/articles"
	"dossier/internal/corpus"
	"dossier/internal/extract"
	"dossier/internal/fetch"
	"dossier/internal/library"
)

// ArticleManager adds, removes and lists the corpus's articles;
// *articles.Manager is the real one.
type ArticleManager interface {
	FromURL(ctx context.Context, url string) (*extract.Article, error)
	FromAttachment(ctx context.Context, name, url string, size int64) (*extract.Article, error)
	Add(ctx context.Context, a *extract.Article, force bool) (*articles.Added, error)
	Confirm(ctx context.Context, pendingID string) (*articles.Added, error)
	Discard(pendingID string) error
	Remove(ctx context.Context, id string) (corpus.Meta, library.Report, error)
	List(ctx context.Context) []corpus.Meta
}

// ArticleOptions configure /article.
type ArticleOptions struct {
	Moderators Moderators
	Log        *slog.Logger
}

const (
	articlesPerPage = 10
	maxURLOption    = 2000 // longer links are not news articles
)

// ArticleCommand is /article add|remove|list: moderators change the corpus from
// Discord. Every reply is private; members who are not moderators are
// refused before anything is fetched, and again on every button press.
func ArticleCommand(m ArticleManager, opts ArticleOptions) *Command {
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	a := &articleCmd{m: m, mods: opts.Moderators, log: opts.Log}
	always := func(*Request) bool { return true }
	return &Command{
		Definition: articleDefinition(len(opts.Moderators.RoleIDs) > 0),
		Guards:     []Guard{opts.Moderators.Check, checkArticleInput},
		// Fetching (up to fetch.DefaultTimeout) and reloading take longer
		// than Discord's three seconds.
		Slow:         func(req *Request) bool { sub, _ := subcommand(req); return sub != "list" },
		Private:      always,
		Handle:       a.handle,
		Autocomplete: a.complete,
		Component:    a.press,
		// Refused before anything is done or deferred, and again in press.
		ComponentGuards: []Guard{opts.Moderators.Check},
		ComponentSlow:   slowPress,
	}
}

// slowPress reports whether a button press does slow work: Undo and Keep
// anyway reload the library (embedding the new passages, which a model
// server may take seconds over), and Discard waits for any add or remove
// in progress. Keep and the list's pages are answered at once.
func slowPress(req *Request) bool {
	action, _, err := parseArticleButton(req.CustomID())
	return err == nil && (action == "undo" || action == "force" || action == "drop")
}

// articleDefinition is /article as registered; like /reload, it is
// hidden from members or listed for all as moderatorOnly says.
func articleDefinition(roleModerators bool) *discordgo.ApplicationCommand {
	return moderatorOnly(&discordgo.ApplicationCommand{
		Name:        "article",
		Description: "Moderators: add an article from a link or a file, remove one, or list them.",
		Options: []*discordgo.ApplicationCommandOption{{
			Type: discordgo.ApplicationCommandOptionSubCommand, Name: "add",
			Description: "Fetch a news article from a link, or read an attached .txt, .md or .html file",
			Options: []*discordgo.ApplicationCommandOption{{
				Type: discordgo.ApplicationCommandOptionString, Name: "url",
				Description: "Link to the article (http or https)", MaxLength: maxURLOption,
			}, {
				Type: discordgo.ApplicationCommandOptionAttachment, Name: "file",
				Description: "A .txt, .md or .html file holding the article",
			}},
		}, {
			Type: discordgo.ApplicationCommandOptionSubCommand, Name: "remove",
			Description: "Take an article out of the corpus (it is kept in corpus/.removed)",
			Options: []*discordgo.ApplicationCommandOption{{
				Type: discordgo.ApplicationCommandOptionString, Name: "article", Required: true,
				Description: "The article (start typing its title)", Autocomplete: true, MaxLength: 100,
			}},
		}, {
			Type: discordgo.ApplicationCommandOptionSubCommand, Name: "list",
			Description: "List the articles in the corpus",
		}},
	}, roleModerators)
}

var errNoArticles = &UserError{Msg: "Adding and removing articles is not set up on this bot."}

type articleCmd struct {
	m    ArticleManager
	mods Moderators
	log  *slog.Logger
}

// subcommand returns the subcommand invoked and its options.
func subcommand(req *Request) (string, []*discordgo.ApplicationCommandInteractionDataOption) {
	d, ok := req.commandData()
	if !ok {
		return "", nil
	}
	for _, o := range d.Options {
		if o != nil && o.Type == discordgo.ApplicationCommandOptionSubCommand {
			return o.Name, o.Options
		}
	}
	return "", nil
}

// subOption returns the string value of a subcommand's option, or "".
func subOption(req *Request, name string) (value string, focused bool) {
	_, opts := subcommand(req)
	for _, o := range opts {
		if o != nil && o.Name == name {
			s, _ := o.Value.(string)
			return s, o.Focused
		}
	}
	return "", false
}

// attachment returns the file attached as the "file" option, resolved from
// the interaction's data, or nil.
func attachment(req *Request) *discordgo.MessageAttachment {
	id, _ := subOption(req, "file")
	d, _ := req.commandData()
	if id == "" || d.Resolved == nil {
		return nil
	}
	return d.Resolved.Attachments[id]
}

// checkArticleInput refuses what can be refused without fetching.
func checkArticleInput(req *Request) error {
	sub, _ := subcommand(req)
	switch sub {
	case "add":
		u, _ := subOption(req, "url")
		u = strings.TrimSpace(u)
		file := attachment(req)
		switch {
		case file == nil && optionGiven(req, "file"):
			return userErrorf("I couldn't find the attached file in your command. Please attach it again.")
		case u == "" && file == nil:
			return userErrorf("Give a link (`url:`) or attach a file (`file:`) holding the article.")
		case u != "" && file != nil:
			return userErrorf("Give a link or a file, not both.")
		case len(u) > maxURLOption:
			return userErrorf("That link is too long (%d characters).", len(u))
		}
	case "remove":
		if id, _ := subOption(req, "article"); strings.TrimSpace(id) == "" {
			return userErrorf("Name the article to remove: start typing its title and pick it from the list.")
		}
	case "list":
	default:
		return userErrorf("Use `/article add`, `/article remove` or `/article list`.")
	}
	return nil
}

// optionGiven reports whether the subcommand carries an option by name.
func optionGiven(req *Request, name string) bool {
	_, opts := subcommand(req)
	for _, o := range opts {
		if o != nil && o.Name == name {
			return true
		}
	}
	return false
}

func (a *articleCmd) handle(ctx context.Context, req *Request) (*discordgo.InteractionResponse, error) {
	// The guard ran before the deferral; check again where the work starts.
	if err := a.mods.Check(req); err != nil {
		return nil, err
	}
	if a.m == nil {
		return nil, errNoArticles
	}
	sub, _ := subcommand(req)
	switch sub {
	case "add":
		return a.add(ctx, req)
	case "remove":
		id, _ := subOption(req, "article")
		return a.remove(ctx, req, strings.TrimSpace(id), discordgo.InteractionResponseChannelMessageWithSource)
	case "list":
		return a.list(ctx, 0, discordgo.InteractionResponseChannelMessageWithSource), nil
	}
	return nil, userErrorf("Use `/article add`, `/article remove` or `/article list`.")
}

func (a *articleCmd) add(ctx context.Context, req *Request) (*discordgo.InteractionResponse, error) {
	var art *extract.Article
	var err error
	source := ""
	if f := attachment(req); f != nil {
		source = f.Filename
		art, err = a.m.FromAttachment(ctx, f.Filename, f.URL, int64(f.Size))
	} else {
		u, _ := subOption(req, "url")
		source = strings.TrimSpace(u)
		art, err = a.m.FromURL(ctx, source)
	}
	if err != nil {
		return nil, articleError(source, err)
	}
	res, err := a.m.Add(ctx, art, false)
	if err != nil {
		return nil, articleError(source, err)
	}
	a.log.Info("article added from Discord", "user", req.UserID(), "source", source, "id", res.ID, "pending", res.PendingID)
	return addedReply(res, discordgo.InteractionResponseChannelMessageWithSource), nil
}

func (a *articleCmd) remove(ctx context.Context, req *Request, id string, typ discordgo.InteractionResponseType) (*discordgo.InteractionResponse, error) {
	meta, rep, err := a.m.Remove(ctx, id)
	if err != nil {
		return nil, articleError(id, err)
	}
	a.log.Info("article removed from Discord", "user", req.UserID(), "id", id)
	e := &discordgo.MessageEmbed{
		Title:       Truncate("Removed: "+meta.Title, MaxEmbedTitle),
		Description: fmt.Sprintf("Moved to `corpus/%s/`, from where it can be restored. Now serving %d article%s.", articles.RemovedDir, rep.Articles, plural(rep.Articles)),
		Color:       colorInfo,
	}
	resp := reply(true, e)
	resp.Type = typ
	if typ == discordgo.InteractionResponseUpdateMessage {
		resp.Data.Components = []discordgo.MessageComponent{}
	}
	return resp, nil
}

// list shows one page of the corpus's articles.
func (a *articleCmd) list(ctx context.Context, page int, typ discordgo.InteractionResponseType) *discordgo.InteractionResponse {
	all := a.m.List(ctx)
	pages := max(1, (len(all)+articlesPerPage-1)/articlesPerPage)
	page = min(max(page, 0), pages-1)
	var b strings.Builder
	for i, m := range all[min(page*articlesPerPage, len(all)):min((page+1)*articlesPerPage, len(all))] {
		fmt.Fprintf(&b, "%d. **%s** — %s", page*articlesPerPage+i+1, Escape(m.Title), orUndated(m.Date))
		if m.Outlet != "" {
			fmt.Fprintf(&b, " · %s", Escape(m.Outlet))
		}
		fmt.Fprintf(&b, " · `%s`\n", m.ID)
	}
	if len(all) == 0 {
		b.WriteString("No articles yet. Add one with `/article add url:`.")
	}
	e := &discordgo.MessageEmbed{
		Title:       fmt.Sprintf("Articles (%d)", len(all)),
		Description: b.String(),
		Color:       colorInfo,
	}
	if pages > 1 {
		e.Footer = &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("Page %d of %d", page+1, pages)}
	}
	resp := reply(true, e)
	resp.Type = typ
	if pages > 1 {
		resp.Data.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Previous", Style: discordgo.SecondaryButton, CustomID: articleButton("page", strconv.Itoa(page-1)), Disabled: page == 0},
			discordgo.Button{Label: "Next", Style: discordgo.SecondaryButton, CustomID: articleButton("page", strconv.Itoa(page+1)), Disabled: page >= pages-1},
		}}}
	}
	return resp
}

// orUndated shows an article's date as a Discord timestamp, which each
// moderator's client writes in their own format, as /ask and /sources do.
func orUndated(date string) string {
	if date == "" {
		return "undated"
	}
	return Date(date)
}

// addedReply shows what was added, or the near-duplicate that was not.
func addedReply(res *articles.Added, typ discordgo.InteractionResponseType) *discordgo.InteractionResponse {
	fields := []*discordgo.MessageEmbedField{
		{Name: "Date", Value: orUndated(res.Date), Inline: true},
		{Name: "Outlet", Value: orUnknown(Escape(res.Outlet)), Inline: true},
		{Name: "Words", Value: strconv.Itoa(res.Words), Inline: true},
	}
	e := &discordgo.MessageEmbed{Description: Escape(res.Lead), Fields: fields, Color: colorInfo}
	if u, ok := safeURL(res.URL); ok {
		e.URL = u
	}
	var buttons []discordgo.MessageComponent
	if res.Duplicate != nil {
		e.Title = Truncate("Not added yet: "+res.Title, MaxEmbedTitle)
		e.Color = colorWarn
		why := fmt.Sprintf("%.0f%% of its text is already in", 100*res.Duplicate.Containment)
		if res.Duplicate.SameURL {
			why = "It has the same link as"
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
			Name:  "Near-duplicate",
			Value: fmt.Sprintf("%s **%s** (`%s`). Keep it anyway only if it adds something.", why, Escape(res.Duplicate.Title), res.Duplicate.ID),
		})
		buttons = []discordgo.MessageComponent{
			discordgo.Button{Label: "Keep anyway", Style: discordgo.PrimaryButton, CustomID: articleButton("force", res.PendingID)},
			discordgo.Button{Label: "Discard", Style: discordgo.SecondaryButton, CustomID: articleButton("drop", res.PendingID)},
		}
	} else {
		e.Title = Truncate("Added: "+res.Title, MaxEmbedTitle)
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Id", Value: "`" + res.ID + "`", Inline: true},
			&discordgo.MessageEmbedField{Name: "Now serving", Value: fmt.Sprintf("%d articles", res.Report.Articles), Inline: true})
		buttons = []discordgo.MessageComponent{
			discordgo.Button{Label: "Keep", Style: discordgo.SuccessButton, CustomID: articleButton("keep", res.ID)},
			discordgo.Button{Label: "Undo", Style: discordgo.DangerButton, CustomID: articleButton("undo", res.ID)},
		}
	}
	resp := reply(true, e)
	resp.Type = typ
	resp.Data.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}
	return resp
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// Buttons carry "article:<action>|<argument>": an article id, a pending
// id or a page number. Ids are slugs, so no escaping is needed; anything
// else is refused when pressed.
func articleButton(action, arg string) string { return "article:" + action + "|" + arg }

func parseArticleButton(id string) (action, arg string, err error) {
	rest, ok := strings.CutPrefix(id, "article:")
	if ok {
		action, arg, ok = strings.Cut(rest, "|")
	}
	if !ok || Len(id) > MaxCustomID {
		return "", "", fmt.Errorf("%w: %q", ErrBadComponent, id)
	}
	switch action {
	case "keep", "undo", "force", "drop":
		if !articleIDRe(arg) {
			return "", "", fmt.Errorf("%w: bad id %q", ErrBadComponent, arg)
		}
	case "page":
		if _, err := parsePage(arg); err != nil {
			return "", "", fmt.Errorf("%w: %v", ErrBadComponent, err)
		}
	default:
		return "", "", fmt.Errorf("%w: unknown action %q", ErrBadComponent, action)
	}
	return action, arg, nil
}

// articleIDRe accepts the ids corpus.Slug makes.
func articleIDRe(s string) bool {
	if s == "" || len(s) > 64 || s[0] == '-' {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// press answers the buttons of /article's replies. Only moderators may
// press them: the check runs again here, on the presser's rights.
func (a *articleCmd) press(ctx context.Context, req *Request) (*discordgo.InteractionResponse, error) {
	action, arg, err := parseArticleButton(req.CustomID())
	if err != nil {
		return nil, err
	}
	if err := a.mods.Check(req); err != nil {
		return nil, err
	}
	if a.m == nil {
		return nil, errNoArticles
	}
	update := discordgo.InteractionResponseUpdateMessage
	done := func(text string) *discordgo.InteractionResponse {
		return &discordgo.InteractionResponse{Type: update, Data: &discordgo.InteractionResponseData{
			Content: text, Components: []discordgo.MessageComponent{}, Flags: discordgo.MessageFlagsEphemeral,
		}}
	}
	switch action {
	case "keep":
		return done(fmt.Sprintf("Kept `%s`.", arg)), nil
	case "undo":
		return a.remove(ctx, req, arg, update)
	case "force":
		res, err := a.m.Confirm(ctx, arg)
		if err != nil {
			return nil, articleError(arg, err)
		}
		a.log.Info("near-duplicate kept anyway from Discord", "user", req.UserID(), "id", res.ID)
		return addedReply(res, update), nil
	case "drop":
		if err := a.m.Discard(arg); err != nil {
			return nil, articleError(arg, err)
		}
		return done("Discarded; nothing was added."), nil
	}
	page, _ := parsePage(arg)
	return a.list(ctx, page, update), nil
}

// complete offers the articles whose title or id holds what was typed.
func (a *articleCmd) complete(ctx context.Context, req *Request) ([]*discordgo.ApplicationCommandOptionChoice, error) {
	if a.mods.Check(req) != nil || a.m == nil {
		return nil, nil // members see no titles
	}
	typed, _ := subOption(req, "article")
	typed = strings.ToLower(strings.TrimSpace(typed))
	var out []*discordgo.ApplicationCommandOptionChoice
	for _, m := range a.m.List(ctx) {
		if typed != "" && !strings.Contains(strings.ToLower(m.Title), typed) && !strings.Contains(m.ID, typed) {
			continue
		}
		name := m.Title
		if m.Date != "" {
			name += " (" + m.Date + ")"
		}
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: Truncate(name, MaxChoiceName), Value: m.ID})
		if len(out) == MaxChoices {
			break
		}
	}
	return out, nil
}

// articleError turns what adding or removing failed on into words for the
// moderator; other errors stay internal (logged with a reference).
func articleError(source string, err error) error {
	src := Inline(Truncate(source, 200))
	var fe *fetch.Error
	switch {
	case errors.Is(err, fetch.ErrScheme):
		return userErrorf("I can only fetch `http` and `https` links, not %s.", src)
	case errors.Is(err, fetch.ErrBadURL):
		return userErrorf("%s is not a link I can fetch: it needs a host name and no user name or password.", src)
	case errors.Is(err, fetch.ErrForbiddenAddress):
		return userErrorf("I won't fetch %s: it leads to a private, local or cloud-metadata address.", src)
	case errors.Is(err, fetch.ErrResolve):
		return userErrorf("I couldn't find the site of %s (its name does not resolve).", src)
	case errors.Is(err, fetch.ErrTooManyRedirects):
		return userErrorf("%s redirects more than %d times; please give the article's final link.", src, fetch.MaxRedirects)
	case errors.Is(err, fetch.ErrTimeout):
		return userErrorf("%s did not answer within %s. Try again later, or attach the article as a file.", src, fetch.DefaultTimeout)
	case errors.Is(err, fetch.ErrTooLarge), errors.Is(err, articles.ErrTooLarge):
		return userErrorf("%s is too large: pages and files are limited to %d MiB.", src, fetch.DefaultMaxBytes>>20)
	case errors.Is(err, fetch.ErrContentType):
		return userErrorf("%s is not a web page or a text file (it is `%s`).", src, contentTypeOf(err))
	case errors.Is(err, fetch.ErrNeedsLogin), errors.Is(err, extract.ErrPaywall):
		return userErrorf("%s needs a login or a subscription: I only see a teaser. Save the article as a file and attach it instead.", src)
	case errors.Is(err, extract.ErrNeedsJavaScript):
		return userErrorf("%s needs JavaScript to show its text, which I don't run. Save the article as a file and attach it instead.", src)
	case errors.Is(err, extract.ErrNoArticle), errors.Is(err, extract.ErrNotText):
		return userErrorf("I found no article text in %s.", src)
	case errors.As(err, &fe) && errors.Is(err, fetch.ErrStatus):
		return userErrorf("%s answered with an error (%s).", src, Inline(fe.Detail))
	case errors.Is(err, fetch.ErrUnreachable):
		return userErrorf("I couldn't reach %s. Check the link, or attach the article as a file.", src)
	case errors.Is(err, articles.ErrFileType):
		return userErrorf("Attach a `.txt`, `.md` or `.html` file; %s is none of those.", src)
	case errors.Is(err, articles.ErrNotFound):
		return userErrorf("There is no article %s. Pick one from the list as you type.", src)
	case errors.Is(err, articles.ErrPendingNotFound):
		return userErrorf("That article is no longer waiting: it was kept or discarded already.")
	case errors.Is(err, articles.ErrReload):
		return userErrorf("The reload failed, so I put the corpus back as it was; the articles served before still are. The reload said: %s", Inline(Truncate(err.Error(), 1500)))
	}
	return err
}

func contentTypeOf(err error) string {
	var fe *fetch.Error
	if errors.As(err, &fe) && fe.Detail != "" {
		return fe.Detail
	}
	return "unknown"
}
