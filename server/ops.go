package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// serveOps serves the operator's endpoints (health, readiness, metrics) on
// their own listener at addr (http.metrics_addr), so that the platforms'
// port can be public while health and metrics stay inside. stop shuts it
// down.
func serveOps(addr string, h http.Handler, log *slog.Logger) (stop func(ctx context.Context, timeout time.Duration), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s (http.metrics_addr): %w", addr, err)
	}
	srv := newHTTPServer(h, log)
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
