package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"time"

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
	release, held, err := l.TryLock(ctx, "serve")
	if err != nil {
		return nil, fmt.Errorf("lock the database for serve: %w", err)
	}
	if !held {
		return nil, fmt.Errorf("another triagebot serve is running on %s (data_dir): one serve per SQLite file; for several replicas use PostgreSQL (DATABASE_URL)",
			filepath.Join(cfg.DataDir, "triagebot.db"))
	}
	return release, nil
}

// serveOps serves the operator's endpoints (health, readiness, metrics) on
// their own listener at addr (http.metrics_addr). stop shuts it down.
func (c *cli) serveOps(addr string, h http.Handler, log *slog.Logger) (stop func(ctx context.Context, timeout time.Duration), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s (http.metrics_addr): %w", addr, err)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("metrics and health listener stopped", "err", err)
		}
	}()
	log.Info("health and metrics served apart", "addr", ln.Addr().String())
	return func(ctx context.Context, timeout time.Duration) {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), timeout)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}, nil
}

// notReady logs why a probe found the bot not ready ("" when it was
// ready), once per change, so that a probe every few seconds does not
// flood the log with one reason.
func (r *readiness) notReady(reason string) {
	if old := r.reason.Swap(&reason); old != nil && *old == reason {
		return
	}
	if reason != "" {
		r.log.Warn("not ready", "reason", reason)
	} else {
		r.log.Info("ready")
	}
}

// metricsBuild is the build for triagebot_build_info.
func metricsBuild() metrics.Build {
	b := buildInfo()
	return metrics.Build{Version: b.Version, Revision: b.Revision, GoVersion: b.GoVersion}
}
