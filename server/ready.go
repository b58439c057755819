package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"
)

// readiness tracks whether the store is migrated and reachable and the
// runners have started. It is safe for concurrent use.
type readiness struct {
	log      *slog.Logger
	runners  []Runner
	reason   atomic.Pointer[string] // why the last probe was not ready ("": it was)
	migrated atomic.Bool
	lastErr  atomic.Pointer[error]
}

// register adds /healthz and /readyz to mux.
func (r *readiness) register(mux *http.ServeMux, st Store) {
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, req *http.Request) {
		// The body says ready or not, nothing more: database errors name
		// users, hosts and ports. The reason goes to the log.
		if err := r.check(req.Context(), st); err != nil {
			r.notReady(err.Error())
			http.Error(w, "not ready", http.StatusServiceUnavailable)
			return
		}
		for _, rn := range r.runners {
			if rn.Ready != nil && !rn.Ready() {
				r.notReady(rn.Name + " is starting")
				http.Error(w, "not ready", http.StatusServiceUnavailable)
				return
			}
		}
		r.notReady("")
		fmt.Fprintln(w, "ready")
	})
}

func (r *readiness) check(ctx context.Context, st Store) error {
	if !r.migrated.Load() {
		if p := r.lastErr.Load(); p != nil {
			return fmt.Errorf("database not migrated yet: %w", *p)
		}
		return errors.New("database not migrated yet")
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := st.Ping(ctx); err != nil {
		return fmt.Errorf("database unreachable: %w", err)
	}
	return nil
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

// migrateWithRetry applies migrations, retrying with capped exponential
// backoff while the database is unreachable, so that a database that comes
// up late does not put the bot in a crash loop.
func migrateWithRetry(ctx context.Context, st Store, ready *readiness, done chan<- struct{}, log *slog.Logger) {
	wait := time.Second
	for {
		err := st.Migrate(ctx)
		if err == nil {
			ready.migrated.Store(true)
			close(done)
			return
		}
		ready.lastErr.Store(&err)
		log.Error("database migration failed; retrying", "err", err, "retry_in", wait)
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(wait*2, 30*time.Second)
	}
}
