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
	"strings"
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

func subcommands() []command {
	return []command{
		{"run", "connect to Discord's gateway and answer the slash commands (needs DISCORD_TOKEN)", cmdRun},
		{"serve", "answer Discord interactions over HTTP at POST /interactions (needs DISCORD_PUBLIC_KEY)", cmdServe},
		{"console", "answer the slash commands typed on standard input, without Discord", cmdConsole},
		{"register", "register the slash commands with Discord and exit (needs DISCORD_TOKEN)", cmdRegister},
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
	if name == "" {
		// With no command, be the bot: on Discord when there is a token,
		// else at the console.
		name = "console"
		if tok, ok := lookup("DISCORD_TOKEN"); ok && strings.TrimSpace(tok) != "" {
			name = "run"
		}
	}
	if name == "help" || name == "-h" || name == "--help" {
		usage(io.out)
		return 0
	}
	for _, c := range subcommands() {
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
	for _, c := range subcommands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nWith no command, bot runs \"run\" when DISCORD_TOKEN is set and \"console\" otherwise.")
	fmt.Fprintln(w, "Every command takes --corpus DIR and --data DIR; run \"bot <command> -h\" for its flags.")
}
