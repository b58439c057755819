// Package server runs the bot's long-lived parts for the serve command:
// the HTTP listener (platform routes, health, readiness, metrics), an
// optional operator listener, the store's migration with retry, and the
// runners (adapters, worker, digest scheduler) once the schema is there.
// It takes parts already built; main maps the configuration to Options.
package server

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"
)

// Store is what the server needs of a storage backend: migration at start
// and a ping for readiness.
type Store interface {
	Migrate(ctx context.Context) error
	Ping(ctx context.Context) error
}

// Options are the built parts the server runs.
type Options struct {
	// Addr is the listener of the platforms' routes (http.addr).
	Addr string
	// OpsAddr, if set, is a separate listener for /healthz, /readyz and
	// /metrics (http.metrics_addr); empty serves them on Addr.
	OpsAddr         string
	ShutdownTimeout time.Duration
	Store           Store
	// Mux holds the routes the adapters registered.
	Mux *http.ServeMux
	// Metrics serves /metrics.
	Metrics http.Handler
	// Instrument wraps each listener's handler (request counts and
	// latencies); nil leaves them as they are.
	Instrument func(http.Handler) http.Handler
	Runners    []Runner
	// Wait, if set, is called after the runners have stopped and before
	// Run returns: the core's background work.
	Wait    func()
	Log     *slog.Logger
	Version string
}

// Run serves until ctx ends, then shuts down: the HTTP server first, then
// the runners, which it waits for. An error means the server could not
// listen or stopped by itself.
func Run(ctx context.Context, o Options) error {
	log := o.Log
	instrument := o.Instrument
	if instrument == nil {
		instrument = func(h http.Handler) http.Handler { return h }
	}
	ready := &readiness{log: log, runners: o.Runners}
	migrated := make(chan struct{})
	go migrateWithRetry(ctx, o.Store, ready, migrated, log)

	ops := o.Mux
	if o.OpsAddr != "" {
		ops = http.NewServeMux()
	}
	ready.register(ops, o.Store)
	ops.Handle("GET /metrics", o.Metrics)

	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s (http.addr): %w", o.Addr, err)
	}
	srv := newHTTPServer(instrument(o.Mux), log)
	log.Info("triagebot serving", "addr", ln.Addr().String(), "version", o.Version)
	if ops != o.Mux {
		stopOps, err := serveOps(o.OpsAddr, instrument(ops), log)
		if err != nil {
			ln.Close()
			return err
		}
		defer stopOps(ctx, o.ShutdownTimeout)
	}

	runCtx, cancelRun := context.WithCancel(ctx)
	defer cancelRun()
	wg := startRunners(runCtx, migrated, o.Runners, log)

	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	select {
	case err := <-serveErr:
		return fmt.Errorf("http server: %w", err)
	case <-ctx.Done():
	}

	log.Info("shutting down: finishing in-flight work")
	shutCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), o.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		log.Warn("http shutdown", "err", err)
	}
	// Background work (the worker, the dispatcher's sends in flight, admin
	// digests and forgets) runs on runCtx: it ends, and is waited for,
	// before the caller closes the store.
	cancelRun()
	wg.Wait()
	if o.Wait != nil {
		o.Wait()
	}
	log.Info("stopped")
	return nil
}

func newHTTPServer(h http.Handler, log *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// startRunners starts every runner once migrated is closed: before, they
// could only fail. The returned group is done when all have returned.
func startRunners(ctx context.Context, migrated <-chan struct{}, runners []Runner, log *slog.Logger) *sync.WaitGroup {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		select {
		case <-migrated:
		case <-ctx.Done():
			return
		}
		for _, r := range runners {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := r.Run(ctx); err != nil {
					log.Error("channel stopped", "channel", r.Name, "err", err)
				}
			}()
		}
	}()
	return &wg
}
