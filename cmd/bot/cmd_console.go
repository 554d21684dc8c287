package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"dossier/internal/config"
	"dossier/internal/console"
)

const consoleBanner = `dossier console: DISCORD_TOKEN is not set, so commands are read here.
Type /ask <question>, /quote <speaker> [about:<topic>], /sources, /reload or /help; end with Ctrl-D.
To connect to Discord, set DISCORD_TOKEN and run "bot run" (gateway), or set
DISCORD_PUBLIC_KEY and run "bot serve" (HTTP interactions endpoint); see README.md.
`

// cmdConsole answers slash commands typed on standard input.
func cmdConsole(ctx context.Context, a *app, args []string) error {
	fs := flag.NewFlagSet("console", flag.ContinueOnError)
	if err := a.parse(fs, args, config.ModeLocal, true); err != nil {
		return err
	}
	fmt.Fprint(a.io.err, consoleBanner)
	b, err := a.newBot(ctx, false)
	if err != nil {
		return err
	}
	c := &console.Console{
		Dispatcher:  b.reg,
		Definitions: b.reg.Definitions(),
		Out:         a.io.out,
		Echo:        !isTerminal(a.io.in),
	}
	return c.Run(ctx, a.io.in)
}

// isTerminal reports whether r is typed at: piped input is echoed so the
// transcript shows each question above its answer.
func isTerminal(r any) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
