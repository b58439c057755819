//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package sqlite

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"syscall"

	"github.com/triagebot/triagebot/bot"
)

var _ bot.Locker = (*Store)(nil)

// TryLock implements bot.Locker with a lock file beside the database,
// <database>.<name>.lock, held with flock(LOCK_EX|LOCK_NB). A SQLite file
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
// harmless. Safe for concurrent use. On systems without flock (Windows,
// Solaris, AIX) the Store does not implement bot.Locker.
func (s *Store) TryLock(ctx context.Context, name string) (release func(), held bool, err error) {
	if err := ctx.Err(); err != nil {
		return nil, false, fmt.Errorf("sqlite: lock %q: %w", name, err)
	}
	if !validLockName(name) {
		return nil, false, fmt.Errorf("sqlite: lock %q: the name may only hold ASCII letters, digits, '.', '_' and '-'", name)
	}
	f, err := os.OpenFile(s.path+"."+name+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, false, fmt.Errorf("sqlite: lock %q: %w", name, err)
	}
	rc, err := f.SyscallConn()
	if err != nil {
		f.Close()
		return nil, false, fmt.Errorf("sqlite: lock %q: %w", name, err)
	}
	var ferr error
	if err := rc.Control(func(fd uintptr) {
		ferr = syscall.Flock(int(fd), syscall.LOCK_EX|syscall.LOCK_NB)
	}); err != nil {
		ferr = err
	}
	if ferr != nil {
		f.Close()
		if errors.Is(ferr, syscall.EWOULDBLOCK) {
			return nil, false, nil
		}
		return nil, false, fmt.Errorf("sqlite: lock %q: flock: %w", name, ferr)
	}
	var once sync.Once
	return func() { once.Do(func() { f.Close() }) }, true, nil // closing unlocks
}

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
