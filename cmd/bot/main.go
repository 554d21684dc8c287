// Command bot is dossier: a Discord bot that answers questions about one news
// story from the articles in corpus/, citing the passage behind every claim.
//
// Without Discord credentials it runs a local console that takes the same
// slash commands; see README.md for the subcommands and settings.
//
// This package only wires: Main reads the configuration, builds the
// library, the answerer and the commands, and hands them to the chosen
// transport (internal/discord, internal/console) or printer (internal/cli).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/joho/godotenv"

	"dossier/internal/config"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// .env is optional; variables already set in the environment win.
	if err := godotenv.Load(); err != nil && !os.IsNotExist(err) {
		fmt.Fprintf(os.Stderr, "read .env: %v\n", err)
		os.Exit(2)
	}
	m := &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, LookupEnv: os.LookupEnv}
	os.Exit(m.Main(ctx, os.Args[1:]))
}

// Main is the program: ParseFlags reads the command line and the
// configuration, Run does the command, Close releases what Run started.
// End-to-end tests drive it with buffers and a made-up environment.
type Main struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	LookupEnv      func(string) (string, bool)

	Config config.Config
	Log    *slog.Logger

	cmd        command
	args       []string // the command's arguments after its flags
	json       bool     // --json
	all        bool     // quote --all
	why        bool     // quote --explain
	k          int      // search -k
	clearGuild string   // register --clear-guild

	stop func() // stops what Run started in the background; nil: nothing
}

// errUsage means the command line was wrong; the flag package or usage has
// already said why.
var errUsage = errors.New("usage")

// command is one subcommand.
type command struct {
	name, summary string
	mode          config.Mode
	quiet         bool   // see config.Config.Logger
	json          string // the --json flag's help; empty: no such flag
	run           func(m *Main, ctx context.Context) error
}

func subcommands() []command {
	return []command{
		{"run", "connect to Discord's gateway and answer the slash commands (needs DISCORD_TOKEN)", config.ModeGateway, false, "", (*Main).runGateway},
		{"serve", "answer Discord interactions over HTTP at POST /interactions (needs DISCORD_PUBLIC_KEY)", config.ModeHTTP, false, "", (*Main).serve},
		{"console", "answer the slash commands typed on standard input, without Discord", config.ModeLocal, true, "", (*Main).console},
		{"register", "register the slash commands with Discord and exit (needs DISCORD_TOKEN)", config.ModeRegister, false, "", (*Main).register},
		{"index", "build or refresh the on-disk index and print the report", config.ModeLocal, true, "print the report as JSON", func(m *Main, ctx context.Context) error { return m.cli().Index(ctx) }},
		{"search", "print the passages that best match a query", config.ModeLocal, true, "print the results as JSON", func(m *Main, ctx context.Context) error { return m.cli().Search(ctx, m.args, m.k) }},
		{"ask", "answer a question from the articles, citing the passages", config.ModeLocal, true, "print the answer as JSON", func(m *Main, ctx context.Context) error { return m.cli().Ask(ctx, m.args) }},
		{"quote", "print what a speaker said, word for word, with sources (--all: every quotation)", config.ModeLocal, true, "print the quotations as JSON", func(m *Main, ctx context.Context) error { return m.cli().Quote(ctx, m.args, m.all, m.why) }},
		{"speakers", "list the people quoted in the articles, most quoted first", config.ModeLocal, true, "print the speakers as JSON", func(m *Main, ctx context.Context) error { return m.cli().Speakers(ctx, m.args) }},
		{"article", "add URL|FILE, remove ID or list the corpus's articles", config.ModeLocal, true, "print the result as JSON", func(m *Main, ctx context.Context) error { return m.cli().Article(ctx, m.args) }},
	}
}

// addFlags registers the command's own flags.
func (m *Main) addFlags(fs *flag.FlagSet) {
	if m.cmd.json != "" {
		fs.BoolVar(&m.json, "json", false, m.cmd.json)
	}
	switch m.cmd.name {
	case "serve":
		fs.StringVar(&m.Config.Addr, "addr", m.Config.Addr, "listen address (ADDR)")
	case "search":
		fs.IntVar(&m.k, "k", 5, "number of passages")
	case "register":
		fs.StringVar(&m.clearGuild, "clear-guild", "", "first remove the commands registered in this server, e.g. after moving to global registration")
	case "quote":
		fs.BoolVar(&m.all, "all", false, "print every quotation in the corpus, unattributed ones included")
		fs.BoolVar(&m.why, "explain", false, "print the rule that attributed each quotation")
	}
}

// Main runs the command line and returns the process exit code: 2 for a
// wrong command line or configuration, 1 for a command that failed.
func (m *Main) Main(ctx context.Context, args []string) int {
	if err := m.ParseFlags(args); err != nil {
		if !errors.Is(err, errUsage) {
			fmt.Fprintln(m.Stderr, err)
		}
		return 2
	}
	if m.cmd.name == "" { // help
		return 0
	}
	err := m.Run(ctx)
	m.Close() // before printing: the library's background load writes to m.Stderr until it stops
	if err != nil {
		fmt.Fprintf(m.Stderr, "%s: %v\n", m.cmd.name, err)
		return 1
	}
	return 0
}

// ParseFlags picks the subcommand, reads the configuration (environment,
// then the command's flags), validates it for the command's mode and sets
// up logging.
func (m *Main) ParseFlags(args []string) error {
	name, rest := "", args
	if len(args) > 0 {
		name, rest = args[0], args[1:]
	}
	if name == "" {
		// With no command, be the bot: on Discord when there is a token,
		// else at the console.
		name = "console"
		if tok, ok := m.LookupEnv("DISCORD_TOKEN"); ok && strings.TrimSpace(tok) != "" {
			name = "run"
		}
	}
	if name == "help" || name == "-h" || name == "--help" {
		m.usage(m.Stdout)
		return nil
	}
	for _, c := range subcommands() {
		if c.name == name {
			m.cmd = c
		}
	}
	if m.cmd.name == "" {
		fmt.Fprintf(m.Stderr, "unknown command %q\n\n", name)
		m.usage(m.Stderr)
		return errUsage
	}
	var err error
	if m.Config, err = config.FromEnv(m.LookupEnv); err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	m.Config.AddCorpusFlags(fs)
	m.addFlags(fs)
	if err := fs.Parse(rest); err != nil {
		return errUsage
	}
	m.args = fs.Args()
	if err := m.Config.Validate(m.cmd.mode); err != nil {
		return fmt.Errorf("%s: configuration:\n%w", name, err)
	}
	m.Log = m.Config.Logger(m.Stderr, m.cmd.quiet)
	return nil
}

// Run does the command ParseFlags chose.
func (m *Main) Run(ctx context.Context) error { return m.cmd.run(m, ctx) }

// Close stops what Run left running in the background (a library still
// loading) and waits for it.
func (m *Main) Close() error {
	if m.stop != nil {
		m.stop()
	}
	return nil
}

func (m *Main) usage(w io.Writer) {
	fmt.Fprintln(w, "usage: bot <command> [flags] [arguments]\n\ncommands:")
	for _, c := range subcommands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nWith no command, bot runs \"run\" when DISCORD_TOKEN is set and \"console\" otherwise.\nEvery command takes --corpus DIR and --data DIR; run \"bot <command> -h\" for its flags.\n")
}
