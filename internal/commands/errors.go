package commands

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"dossier/internal/library"
)

// UserError is a problem the user can fix; its message is shown as is.
type UserError struct{ Msg string }

func (e *UserError) Error() string { return e.Msg }

// userErrorf builds a UserError.
func userErrorf(format string, args ...any) error {
	return &UserError{Msg: fmt.Sprintf(format, args...)}
}

// RateLimitedError says a user has used up their allowance for now.
type RateLimitedError struct {
	Wait time.Duration // until the next request is allowed
}

func (e *RateLimitedError) Error() string {
	return fmt.Sprintf("rate limited for %s", e.Wait)
}

// Errors a handler returns for cases the user is told about in plain words.
var (
	// ErrNotModerator: the command is for moderators.
	ErrNotModerator = errors.New("not a moderator")
	// ErrGuildOnly: the command works only in a server.
	ErrGuildOnly = errors.New("only in a server")
	// ErrNotHomeGuild: the command changes what every server sees, and
	// works only in the bot's home servers (HOME_GUILD_IDS).
	ErrNotHomeGuild = errors.New("not a home server")
	// ErrBadComponent: a button's custom id was malformed or tampered with.
	ErrBadComponent = errors.New("malformed component id")
	// ErrUnknownCommand: the interaction names no command of ours, e.g.
	// one registered by an older version of the bot.
	ErrUnknownCommand = errors.New("unknown command")
)

// userText is the one place where an error becomes what the user reads.
// internal reports whether the error is our fault and should be logged in
// full with the reference id that the text shows.
func userText(err error, ref string) (text string, internal bool) {
	var ue *UserError
	var rl *RateLimitedError
	switch {
	case errors.As(err, &ue):
		return ue.Msg, false
	case errors.As(err, &rl):
		secs := int(math.Ceil(rl.Wait.Seconds()))
		return fmt.Sprintf("You're going a little fast. Please try again in %d second%s.", secs, plural(secs)), false
	case errors.Is(err, ErrNotModerator):
		return "Only moderators can do that: members with the Manage Server or Administrator permission, or a moderator role.", false
	case errors.Is(err, ErrGuildOnly):
		return "That command works only in a server, not in direct messages.", false
	case errors.Is(err, ErrNotHomeGuild):
		return "The articles can be changed only from the bot's home server; every server the bot is in reads the same ones.", false
	case errors.Is(err, ErrBadComponent):
		return "That button is no longer valid. Please run the command again.", false
	case errors.Is(err, ErrUnknownCommand):
		return "I don't know that command any more. Type / to see the commands I have now.", false
	case errors.Is(err, library.ErrNotLoaded):
		return "The articles are still loading. Please try again in a moment.", false
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Sprintf("That took too long and I gave up. Please try again, perhaps with a simpler question. (ref %s)", ref), true
	}
	return fmt.Sprintf("Sorry, something went wrong on my side. If it keeps happening, tell the operator this reference: %s", ref), true
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
