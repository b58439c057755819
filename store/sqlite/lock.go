package sqlite

import (
	"context"
	"fmt"
	"sync"

	"github.com/gofrs/flock"

	"github.com/triagebot/triagebot/bot"
)

var _ bot.Locker = (*Store)(nil)

// TryLock implements bot.Locker with a lock file beside the database,
// <database>.<name>.lock, held with github.com/gofrs/flock (flock(2) where
// there is one, LockFileEx on Windows), never waiting. A SQLite file
// is one machine's, so the contenders are processes (or Stores) on the same
// data folder: two `triagebot serve` started by mistake on one folder must
// not both poll Telegram. The kernel drops the lock when the holder closes
// the file or its process dies, so a crash leaves nothing stale; the file
// itself stays (removing it would race with the next taker) and holds
// nothing. Each TryLock opens the file anew, so a second TryLock of a held
// name fails within one process and one Store too.
//
// name is limited to ASCII letters, digits, '.', '_' and '-', as it is part
// of a file name. release is nil unless held; calling it more than once is
// harmless. lost is nil: a flock is held by the open file, not by a
// connection, so it cannot be lost while the process lives (only a process
// that dies loses it, and its work with it). Safe for concurrent use.
func (s *Store) TryLock(ctx context.Context, name string) (release func(), lost <-chan struct{}, held bool, err error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, false, fmt.Errorf("sqlite: lock %q: %w", name, err)
	}
	if !validLockName(name) {
		return nil, nil, false, fmt.Errorf("sqlite: lock %q: the name may only hold ASCII letters, digits, '.', '_' and '-'", name)
	}
	l := flock.New(s.lockPath(name), flock.SetPermissions(0o600))
	ok, err := l.TryLock()
	if err != nil {
		return nil, nil, false, fmt.Errorf("sqlite: lock %q: %w", name, err)
	}
	if !ok {
		return nil, nil, false, nil
	}
	var once sync.Once
	return func() { once.Do(func() { _ = l.Unlock() }) }, nil, true, nil // unlocking closes the file
}

// lockPath is the file of the lock called name, beside the database.
func (s *Store) lockPath(name string) string { return s.path + "." + name + ".lock" }

// validLockName reports whether name is safe as part of a file name.
func validLockName(name string) bool {
	if name == "" || len(name) > 100 {
		return false
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}
