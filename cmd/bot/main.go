// Command bot is dossier: a Discord bot that answers questions about one news
// story from the articles in corpus/, citing the passage behind every claim.
//
// Without Discord credentials it runs a local console that takes the same
// slash commands; see README.md for the subcommands and settings.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/joho/godotenv"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// .env is optional; variables already set in the environment win.
	if err := godotenv.Load(); err != nil && !os.IsNotExist(err) {
		fmt.Fprintf(os.Stderr, "read .env: %v\n", err)
		os.Exit(2)
	}
	os.Exit(run(ctx, os.Args[1:], stdio{os.Stdin, os.Stdout, os.Stderr}, os.LookupEnv))
}

// stdio is where a command reads and writes; tests give buffers.
type stdio struct {
	in       io.Reader
	out, err io.Writer
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, a *app, args []string) error
}

func commands() []command {
	return []command{
		{"index", "build or refresh the on-disk index and print the report", cmdIndex},
		{"search", "print the passages that best match a query", cmdSearch},
		{"ask", "answer a question from the articles, citing the passages", cmdAsk},
		{"quote", "print what a speaker said, word for word, with sources (--all: every quotation)", cmdQuote},
		{"speakers", "list the people quoted in the articles, most quoted first", cmdSpeakers},
	}
}

// run executes one subcommand and returns the process exit code.
func run(ctx context.Context, args []string, io stdio, lookup func(string) (string, bool)) int {
	name, rest := "", args
	if len(args) > 0 {
		name, rest = args[0], args[1:]
	}
	if name == "" || name == "help" || name == "-h" || name == "--help" {
		usage(io.out)
		return 0
	}
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		a, err := newApp(io, lookup)
		if err != nil {
			fmt.Fprintf(io.err, "configuration: %v\n", err)
			return 2
		}
		if err := c.run(ctx, a, rest); err != nil {
			if err == errUsage {
				return 2
			}
			fmt.Fprintf(io.err, "%s: %v\n", name, err)
			return 1
		}
		return 0
	}
	fmt.Fprintf(io.err, "unknown command %q\n\n", name)
	usage(io.err)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: bot <command> [flags] [arguments]\n\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nEvery command takes --corpus DIR and --data DIR; run \"bot <command> -h\" for its flags.")
}
