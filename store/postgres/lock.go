package postgres

import (
	"context"
	"fmt"
	"hash/fnv"
	"sync"
	"time"

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
// too, a second TryLock of a held name returns held false.
func (s *Store) TryLock(ctx context.Context, name string) (release func(), held bool, err error) {
	key := lockKey(name)
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("postgres: lock %q: connect: %w", name, err)
	}
	if err := conn.QueryRow(ctx, "SELECT pg_try_advisory_lock($1)", key).Scan(&held); err != nil {
		conn.Release()
		return nil, false, fmt.Errorf("postgres: lock %q: %w", name, err)
	}
	if !held {
		conn.Release()
		return nil, false, nil
	}
	var once sync.Once
	return func() {
		once.Do(func() {
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
	}, true, nil
}

// lockKey returns the advisory lock key of a named lock.
func lockKey(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte("triagebot/" + name))
	return int64(h.Sum64())
}
