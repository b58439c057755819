package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/config"
	"github.com/triagebot/triagebot/metrics"
)

// holdDataDir makes sure this is the one serve on the SQLite file: two
// would both answer every Telegram update and post every digest. It holds
// a lock beside the database until the returned release is called; with
// PostgreSQL (DATABASE_URL), replicas are welcome and it holds nothing.
func (c *cli) holdDataDir(ctx context.Context, cfg *config.Config, st store) (release func(), err error) {
	if cfg.Secrets.DatabaseURL != "" {
		return func() {}, nil
	}
	l, ok := st.(bot.Locker)
	if !ok {
		return nil, errors.New("the SQLite store cannot lock its file")
	}
	release, _, held, err := l.TryLock(ctx, "serve")
	if err != nil {
		return nil, fmt.Errorf("lock the database for serve: %w", err)
	}
	if !held {
		return nil, fmt.Errorf("another triagebot serve is running on %s (data_dir): one serve per SQLite file; for several replicas use PostgreSQL (DATABASE_URL)",
			filepath.Join(cfg.DataDir, "triagebot.db"))
	}
	return release, nil
}

// metricsBuild is the build for triagebot_build_info.
func metricsBuild() metrics.Build {
	b := buildInfo()
	return metrics.Build{Version: b.Version, Revision: b.Revision, GoVersion: b.GoVersion}
}
