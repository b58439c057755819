package main

import (
	"context"
	"fmt"
)

// runBackup writes a consistent copy of the SQLite database while the bot
// may be running. PostgreSQL has its own tools (pg_dump).
func (c *cli) runBackup(ctx context.Context, args []string) int {
	fs, path := c.flagSet("backup", `Usage: triagebot backup [flags] DEST.db

Writes a consistent copy of the SQLite database to DEST.db while the bot
may be running. PostgreSQL has its own tools (pg_dump).`)
	pos, code, done := c.parse(fs, args)
	if done {
		return code
	}
	if len(pos) != 1 {
		return c.fail(2, "backup: want one DEST.db (see triagebot backup -h)")
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
	if err := b.Backup(ctx, pos[0]); err != nil {
		return c.fail(1, "backup: %v", err)
	}
	fmt.Fprintln(c.stdout, "backup written to", pos[0])
	return 0
}
