package bot

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"
)

// WorkerLock is the Locker lock whose holder does the deployment's
// background work: triaging recorded events and draining the outbox. One
// holder keeps each platform's send rate for the whole deployment (the
// replicas share Telegram's 30 a second) and each chat's messages in
// order; every replica still records and acknowledges webhooks.
const WorkerLock = "worker"

// RunLeading runs fns while this process holds lock name of l, trying for
// it every retry (default 1s) while another holds it: when the holder dies
// its lock goes with its database session (or lock file), so another
// replica resumes within about retry. With a nil l, fns run at once. It
// returns nil when ctx ends, after fns have returned and the lock is
// released, or the first error of a fn.
func RunLeading(ctx context.Context, l Locker, name string, retry time.Duration, log *slog.Logger, fns ...func(context.Context) error) error {
	if retry <= 0 {
		retry = time.Second
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	release := func() {}
	if l != nil {
		var ok bool
		release, ok = waitLock(ctx, l, name, retry, log)
		if !ok {
			return nil
		}
	}
	defer release()
	log.Info("holding the lock; doing the background work here", "lock", name)
	return runAll(ctx, fns)
}

// waitLock takes the lock, trying every retry; false when ctx ends first.
func waitLock(ctx context.Context, l Locker, name string, retry time.Duration, log *slog.Logger) (func(), bool) {
	standingBy := false
	for {
		release, held, err := l.TryLock(ctx, name)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Warn("lock not taken, retrying", "lock", name, "err", err)
		case held:
			if release == nil {
				release = func() {}
			}
			return release, true
		case !standingBy && err == nil:
			log.Info("another replica holds the lock; standing by", "lock", name)
			standingBy = true
		}
		if Sleep(ctx, retry) != nil {
			return nil, false
		}
	}
}

// runAll runs fns until ctx ends or one fails, which stops the others.
func runAll(ctx context.Context, fns []func(context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	for _, fn := range fns {
		wg.Go(func() {
			if err := fn(ctx); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
				cancel()
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}
