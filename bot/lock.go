package bot

import "context"

// Locker hands out named leader locks that several replicas contend for,
// for work only one replica may do at a time (Telegram long polling: the
// Bot API answers 409 Conflict to a second poller). The store backends
// implement it: PostgreSQL with a session advisory lock, so replicas on one
// database contend; SQLite with a lock file beside the database, so
// processes on one data folder contend. An adapter that needs a leader
// takes the Locker as an optional dependency; nil means no contention.
// Implementations are safe for concurrent use.
type Locker interface {
	// TryLock takes the lock name if free. held is false when another
	// holder has it. release gives it back; it is also released when the
	// holder's process or connection dies.
	TryLock(ctx context.Context, name string) (release func(), held bool, err error)
}
