package main

import (
	"context"
	"flag"
	"fmt"

	"dossier/internal/config"
)

// cmdRegister registers the slash commands with Discord and exits.
func cmdRegister(ctx context.Context, a *app, args []string) error {
	fs := flag.NewFlagSet("register", flag.ContinueOnError)
	if err := a.parse(fs, args, config.ModeRegister, false); err != nil {
		return err
	}
	reg, err := a.registry(nil, nil) // definitions only: no handler runs
	if err != nil {
		return err
	}
	s, appID, err := a.session(ctx)
	if err != nil {
		return err
	}
	if err := a.register(ctx, s, appID, reg.Definitions()); err != nil {
		return err
	}
	fmt.Fprintf(a.io.out, "registered %d commands for application %s\n", len(reg.Definitions()), appID)
	return nil
}
