package main

import (
	"context"
	"flag"
	"fmt"

	"dossier/internal/config"
)

// cmdIndex builds or refreshes the saved index and prints the report.
func cmdIndex(ctx context.Context, a *app, args []string) error {
	fs := flag.NewFlagSet("index", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := a.parse(fs, args, config.ModeLocal, true); err != nil {
		return err
	}
	lib := a.newLibrary()
	lib.LoadSaved(ctx) // a missing or damaged index is rebuilt
	rep, err := lib.Reload(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(a.io.out, rep)
	}
	fmt.Fprintln(a.io.out, rep)
	return nil
}
