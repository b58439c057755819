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
// replica resumes within about retry. When the lock is lost while held (its
// session was terminated or its connection cut), fns' context is cancelled
// at once, the loss is logged and counted on obs (nil counts nothing), and,
// once fns have returned, RunLeading contends again: this replica or
// another takes over. With a nil l, fns run at once. It returns nil when
// ctx ends, after fns have returned and the lock is released, or the first
// error of a fn.
func RunLeading(ctx context.Context, l Locker, name string, retry time.Duration, log *slog.Logger, obs LockObserver, fns ...func(context.Context) error) error {
	if retry <= 0 {
		retry = time.Second
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if l == nil {
		return runAll(ctx, nil, fns)
	}
	for {
		release, lost, ok := waitLock(ctx, l, name, retry, log)
		if !ok {
			return nil
		}
		log.Info("holding the lock; doing the background work here", "lock", name)
		err := runAll(ctx, lost, fns)
		release()
		if err != nil || ctx.Err() != nil {
			return err
		}
		// Only a lost lock ends runAll while ctx lives and no fn failed.
		log.Warn("lost the lock: stopped the work done under it; contending again", "lock", name)
		if obs != nil {
			obs.LockLost(name)
		}
	}
}

// waitLock takes the lock, trying every retry; false when ctx ends first.
func waitLock(ctx context.Context, l Locker, name string, retry time.Duration, log *slog.Logger) (func(), <-chan struct{}, bool) {
	standingBy := false
	for {
		release, lost, held, err := l.TryLock(ctx, name)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Warn("lock not taken, retrying", "lock", name, "err", err)
		case held:
			if release == nil {
				release = func() {}
			}
			return release, lost, true
		case !standingBy && err == nil:
			log.Info("another replica holds the lock; standing by", "lock", name)
			standingBy = true
		}
		if Sleep(ctx, retry) != nil {
			return nil, nil, false
		}
	}
}

// runAll runs fns until ctx ends, lost is closed (a nil lost never is) or
// one fails, which stops the others.
func runAll(ctx context.Context, lost <-chan struct{}, fns []func(context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if lost != nil {
		go func() {
			select {
			case <-lost:
				cancel()
			case <-ctx.Done():
			}
		}()
	}
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
