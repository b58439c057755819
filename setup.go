package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/config"
	"github.com/triagebot/triagebot/store/postgres"
	"github.com/triagebot/triagebot/store/sqlite"
	"github.com/triagebot/triagebot/triage"
)

// loadConfig builds the configuration from config's defaults, the engine's
// (triage.DefaultsYAML), the YAML file at path ("" means
// $TRIAGEBOT_CONFIG, else triagebot.yaml if present) and the environment;
// builds the engine from its triage section, which judges it; and sets up
// logging. Every problem is a configuration error.
func (c *cli) loadConfig(path string) (*config.Config, error) {
	if path == "" {
		path = c.getenv("TRIAGEBOT_CONFIG")
	}
	explicit := path != ""
	if !explicit {
		path = config.DefaultFile
	}
	var r io.Reader
	f, err := os.Open(path)
	switch {
	case err == nil:
		defer f.Close()
		r = f
	case !explicit && errors.Is(err, os.ErrNotExist):
		path = ""
	default:
		return nil, fmt.Errorf("config file: %w", err)
	}
	cfg, err := config.Load(r, c.environ(), c.getenv, triage.DefaultsYAML())
	if err == nil {
		c.eng, err = triage.New(triageRules(cfg.Triage))
	}
	if err != nil {
		if path != "" {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return nil, err
	}
	c.log = newLogger(c.stderr, cfg.Log)
	return cfg, nil
}

func newLogger(w io.Writer, lc config.Log) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(lc.Level)) // validated by config
	opts := &slog.HandlerOptions{Level: level}
	if lc.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// engine returns the engine loadConfig built from cfg's triage section.
func (c *cli) engine(cfg *config.Config) (*triage.Engine, error) {
	if c.eng == nil {
		return nil, fmt.Errorf("triage rules: no engine before the configuration is loaded")
	}
	return c.eng, nil
}

// store is what main needs of a storage backend beyond bot's interfaces.
type store interface {
	bot.Store
	Migrate(ctx context.Context) error
	Ping(ctx context.Context) error
	Close() error
}

// openStore opens PostgreSQL when DATABASE_URL is set, else the SQLite file
// under data_dir. It does not migrate: callers do (migrateStore).
func (c *cli) openStore(ctx context.Context, cfg *config.Config) (store, error) {
	if url := cfg.Secrets.DatabaseURL; url != "" {
		s, err := postgres.Open(ctx, url, postgres.Options{MaxConns: int32(cfg.Database.MaxConns)})
		if err != nil {
			return nil, fmt.Errorf("open PostgreSQL (DATABASE_URL): %w", err)
		}
		return s, nil
	}
	path := filepath.Join(cfg.DataDir, "triagebot.db")
	s, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		return nil, fmt.Errorf("open SQLite at %s (data_dir): %w", path, err)
	}
	return s, nil
}

// openMigrated opens the store and applies migrations: for the commands
// that need a working store now.
func (c *cli) openMigrated(ctx context.Context, cfg *config.Config) (store, error) {
	s, err := c.openStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("migrate: %w", err)
	}
	return s, nil
}

// configError reports a configuration error: exit status 2.
func (c *cli) configError(err error) int {
	msg := strings.ReplaceAll(err.Error(), "\n", "\n  ")
	fmt.Fprintf(c.stderr, "triagebot: configuration error:\n  %s\n", msg)
	return 2
}
