package postgres

import (
	"context"
	"fmt"
	"hash/fnv"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/triagebot/triagebot/bot"
)

var _ bot.Locker = (*Store)(nil)

// TryLock implements bot.Locker with a session-level advisory lock,
// pg_try_advisory_lock(bigint), so that replicas on one database contend
// for name. The key is the FNV-64a hash of "triagebot/"+name; the store's
// own locks use the two-int4 form, a separate key space. The lock lives as
// long as its session: TryLock takes a connection from the pool and keeps
// it until release (Close waits for that), and the server drops the lock if
// the connection or the process dies. release is nil unless held; calling
// it more than once is harmless. Safe for concurrent use; within one Store
// too, a second TryLock of a held name returns held false. While held, the
// connection is pinged every lockCheckEvery; lost is closed when a ping
// fails (the lock went with the session).
func (s *Store) TryLock(ctx context.Context, name string) (release func(), lost <-chan struct{}, held bool, err error) {
	key := lockKey(name)
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, nil, false, fmt.Errorf("postgres: lock %q: connect: %w", name, err)
	}
	if err := conn.QueryRow(ctx, "SELECT pg_try_advisory_lock($1)", key).Scan(&held); err != nil {
		conn.Release()
		return nil, nil, false, fmt.Errorf("postgres: lock %q: %w", name, err)
	}
	if !held {
		conn.Release()
		return nil, nil, false, nil
	}
	w := watchLock(conn, lockCheckEvery)
	var once sync.Once
	return func() {
		once.Do(func() {
			w.stop() // the connection is ours again
			// Unlock even when ctx is done; if that fails, drop the
			// session, and with it the lock.
			uctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			defer cancel()
			var unlocked bool
			if err := conn.QueryRow(uctx, "SELECT pg_advisory_unlock($1)", key).Scan(&unlocked); err != nil || !unlocked {
				conn.Conn().Close(uctx)
			}
			conn.Release()
		})
	}, w.lost, true, nil
}

// lockCheckEvery is how often a held lock's connection is pinged: a lock
// lost with its session (terminated, or the network cut) is noticed within
// about this plus the ping's timeout.
const lockCheckEvery = time.Second

// lockWatch pings a lock's connection until stopped, closing lost when a
// ping fails: the session, and the advisory lock with it, is gone (pgx
// does not reconnect a connection). A live connection means a live session,
// which holds the lock until it unlocks, so a ping is the whole check.
type lockWatch struct {
	lost   chan struct{}
	cancel context.CancelFunc
	done   chan struct{}
}

func watchLock(conn *pgxpool.Conn, every time.Duration) *lockWatch {
	ctx, cancel := context.WithCancel(context.Background())
	w := &lockWatch{lost: make(chan struct{}), cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(w.done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			pctx, pcancel := context.WithTimeout(ctx, 5*time.Second)
			err := conn.Ping(pctx)
			pcancel()
			if err != nil && ctx.Err() == nil {
				close(w.lost)
				return
			}
		}
	}()
	return w
}

// stop ends the pings and waits for the last one, so that the caller may
// use the connection.
func (w *lockWatch) stop() {
	w.cancel()
	<-w.done
}

// lockKey returns the advisory lock key of a named lock.
func lockKey(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte("triagebot/" + name))
	return int64(h.Sum64())
}
