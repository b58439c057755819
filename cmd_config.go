package main

import (
	"context"
	"fmt"
)

// runConfig prints the effective configuration, secrets redacted.
func (c *cli) runConfig(_ context.Context, args []string) int {
	fs, path := c.flagSet("config")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	cfg, err := c.loadConfig(*path)
	if err != nil {
		return c.configError(err)
	}
	out, err := cfg.YAML()
	if err != nil {
		return c.fail(1, "config: %v", err)
	}
	fmt.Fprint(c.stdout, string(out))
	return 0
}

// runMigrate applies the database migrations and exits.
func (c *cli) runMigrate(ctx context.Context, args []string) int {
	fs, path := c.flagSet("migrate")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	cfg, err := c.loadConfig(*path)
	if err != nil {
		return c.configError(err)
	}
	s, err := c.openMigrated(ctx, cfg)
	if err != nil {
		return c.fail(1, "%v", err)
	}
	defer s.Close()
	fmt.Fprintln(c.stdout, "migrations applied")
	return 0
}
