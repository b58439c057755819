package main

import (
	"context"
	"fmt"
)

// runConfig prints the effective configuration, secrets redacted.
func (c *cli) runConfig(_ context.Context, args []string) int {
	fs, path := c.flagSet("config", `Usage: triagebot config [flags]

Prints the effective configuration (defaults, file, environment) as YAML
that --config reads back; secrets are only said to be set or not.`)
	pos, code, done := c.parse(fs, args)
	if done {
		return code
	}
	if len(pos) > 0 {
		return c.fail(2, "config: unexpected argument %q", pos[0])
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
	fs, path := c.flagSet("migrate", `Usage: triagebot migrate [flags]

Applies the database migrations (SQLite under data_dir, or DATABASE_URL)
and exits. serve also applies them on start.`)
	pos, code, done := c.parse(fs, args)
	if done {
		return code
	}
	if len(pos) > 0 {
		return c.fail(2, "migrate: unexpected argument %q", pos[0])
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
