package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"dossier/internal/answer"
	"dossier/internal/articles"
	"dossier/internal/library"
)

// Answerer answers a question from the articles, citing its passages.
type Answerer interface {
	Answer(ctx context.Context, question string) (answer.Answer, error)
}

// CLI runs the one-shot commands: each checks its arguments, loads the
// library, computes, and prints.
type CLI struct {
	Out, Err io.Writer // results; warnings and progress
	JSON     bool      // print JSON instead of text
	Library  library.Options
	// Answerer builds the configured answerer over the loaded library.
	Answerer func(answer.Searcher) Answerer
	// Fetcher fetches the pages `article add` is given.
	Fetcher articles.Fetcher
	// MaxFileBytes bounds a file `article add` reads; 0: 5 MiB.
	MaxFileBytes int64
}

// Open loads the library. When the corpus cannot be read but an earlier
// index can, it says so on Err and serves that.
func (c *CLI) Open(ctx context.Context) (*library.Library, error) {
	lib, err := library.Open(ctx, c.Library)
	var stale *library.StaleError
	if errors.As(err, &stale) {
		fmt.Fprintf(c.Err, "warning: %v\n", err)
		return lib, nil
	}
	return lib, err
}

// Index builds or refreshes the saved index and prints the report.
func (c *CLI) Index(ctx context.Context) error {
	lib := library.New(c.Library)
	lib.LoadSaved(ctx) // a missing or damaged index is rebuilt
	rep, err := lib.Reload(ctx)
	if err != nil {
		return err
	}
	return Write(c.Out, Stringer{Stringer: rep}, c.JSON)
}

// Search prints the k passages that best match the words of args.
func (c *CLI) Search(ctx context.Context, args []string, k int) error {
	query := strings.TrimSpace(strings.Join(args, " "))
	if query == "" {
		return fmt.Errorf("give a query, e.g. bot search \"who leaked the call\"")
	}
	if k <= 0 {
		return fmt.Errorf("-k %d: want a positive number of passages", k)
	}
	lib, err := c.Open(ctx)
	if err != nil {
		return err
	}
	results, err := lib.Search(ctx, query, k)
	if err != nil {
		return err
	}
	return Write(c.Out, NewSearch(query, results), c.JSON)
}

// Ask answers the question in args.
func (c *CLI) Ask(ctx context.Context, args []string) error {
	question := strings.TrimSpace(strings.Join(args, " "))
	if question == "" {
		return fmt.Errorf("give a question, e.g. bot ask \"who leaked the call\"")
	}
	lib, err := c.Open(ctx)
	if err != nil {
		return err
	}
	ans, err := c.Answerer(lib).Answer(ctx, question)
	if err != nil {
		return err
	}
	return Write(c.Out, NewAnswer(ans), c.JSON)
}

// Quote prints what the speaker named in args said, about the topic that
// follows the name, or with all every quotation; explain adds the rule
// that attributed each.
func (c *CLI) Quote(ctx context.Context, args []string, all, explain bool) error {
	switch {
	case all && len(args) > 0:
		return fmt.Errorf("--all lists every quotation and takes no speaker (got %q)", strings.Join(args, " "))
	case !all && strings.TrimSpace(strings.Join(args, "")) == "":
		return fmt.Errorf("give a speaker, e.g. bot quote Smith (bot speakers lists them), optionally followed by a topic, or --all")
	}
	lib, err := c.Open(ctx)
	if err != nil {
		return err
	}
	ix := lib.Snapshot().Quotes
	out := AllQuotes(ix.All())
	if !all {
		speaker, topic := SplitSpeaker(ix, args)
		out = NewQuotes(ix.Lookup(speaker, topic))
	}
	out.explain = explain
	return Write(c.Out, out, c.JSON)
}

// Speakers lists the people quoted, most quoted first.
func (c *CLI) Speakers(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return fmt.Errorf("speakers takes no arguments (got %q)", strings.Join(args, " "))
	}
	lib, err := c.Open(ctx)
	if err != nil {
		return err
	}
	return Write(c.Out, NewSpeakers(lib.Snapshot().Quotes.Speakers()), c.JSON)
}
