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
	// holder's process or connection dies. lost is closed when the lock is
	// lost while held (its database session died): the holder must stop
	// the work it does under the lock at once, as another may take it. A
	// nil lost means the lock cannot be lost while the process lives.
	TryLock(ctx context.Context, name string) (release func(), lost <-chan struct{}, held bool, err error)
}

// LockObserver counts the locks this process lost while holding them.
type LockObserver interface {
	LockLost(name string)
}
