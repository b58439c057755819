package main

import (
	"context"
	"fmt"
)

// runBackup writes a consistent copy of the SQLite database while the bot
// may be running. PostgreSQL has its own tools (pg_dump).
func (c *cli) runBackup(ctx context.Context, args []string) int {
	fs, path := c.flagSet("backup")
	fs.Usage = func() { fmt.Fprintln(c.stderr, "usage: triagebot backup [--config FILE] DEST.db") }
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	cfg, err := c.loadConfig(*path)
	if err != nil {
		return c.configError(err)
	}
	if cfg.Secrets.DatabaseURL != "" {
		return c.fail(2, "backup copies the SQLite file; with DATABASE_URL set, use pg_dump")
	}
	st, err := c.openMigrated(ctx, cfg)
	if err != nil {
		return c.fail(1, "%v", err)
	}
	defer st.Close()
	b, ok := st.(interface {
		Backup(ctx context.Context, dest string) error
	})
	if !ok {
		return c.fail(1, "this store cannot back itself up")
	}
	if err := b.Backup(ctx, fs.Arg(0)); err != nil {
		return c.fail(1, "backup: %v", err)
	}
	fmt.Fprintln(c.stdout, "backup written to", fs.Arg(0))
	return 0
}
