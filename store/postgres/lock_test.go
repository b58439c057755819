package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"testing"
	"time"
)

// lockName returns a lock name of its own for t: advisory locks are
// database-wide, and tests of other packages share the server.
func lockName(t *testing.T) string {
	b := make([]byte, 6)
	rand.Read(b)
	return t.Name() + "-" + hex.EncodeToString(b)
}

func TestTryLockOneHolderAcrossPools(t *testing.T) {
	ctx := context.Background()
	a, b := openTestStore(t), openTestStore(t) // two pools, as two replicas have
	name := lockName(t)

	release, _, held, err := a.TryLock(ctx, name)
	if err != nil || !held {
		t.Fatalf("first TryLock(%q) = held %v, err %v; want held", name, held, err)
	}
	if r, _, held, err := b.TryLock(ctx, name); err != nil || held || r != nil {
		t.Fatalf("TryLock(%q) by a second pool while held = held %v, release %v, err %v; want not held", name, held, r != nil, err)
	}
	if _, _, held, err := a.TryLock(ctx, name); err != nil || held {
		t.Fatalf("TryLock(%q) again by the holding pool = held %v, err %v; want not held (another session)", name, held, err)
	}
	other, _, held, err := b.TryLock(ctx, name+"-other")
	if err != nil || !held {
		t.Fatalf("TryLock of another name = held %v, err %v; want held", held, err)
	}
	other()

	release()
	release() // harmless
	release2, _, held, err := b.TryLock(ctx, name)
	if err != nil || !held {
		t.Fatalf("TryLock(%q) after release = held %v, err %v; want held", name, held, err)
	}
	release2()

	// Released connections go back to the pool: Close does not wait.
	closed := make(chan struct{})
	go func() { a.Close(); b.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(10 * time.Second):
		t.Fatal("Close hangs: a lock connection was not given back")
	}
}

func TestTryLockEndsWithTheSession(t *testing.T) {
	ctx := context.Background()
	a, b := openTestStore(t), openTestStore(t)
	name := lockName(t)

	release, lost, held, err := a.TryLock(ctx, name)
	if err != nil || !held || lost == nil {
		t.Fatalf("TryLock(%q) = held %v, lost %v, err %v; want held and a lost channel", name, held, lost, err)
	}
	terminateHolder(t, b, name) // a crash, a network cut, an operator
	select {
	case <-lost:
	case <-time.After(10 * time.Second):
		t.Fatal("lost not closed 10s after the holder's session was terminated")
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		release2, _, held, err := b.TryLock(ctx, name)
		if err != nil {
			t.Fatalf("TryLock(%q) after the holder died: %v", name, err)
		}
		if held {
			release2()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("TryLock(%q) still not held 10s after the holder's session died", name)
		}
		time.Sleep(20 * time.Millisecond) // the server ends the backend asynchronously
	}
	release() // on a dead connection: harmless
	release()
}

func TestTryLockNotLostWhileTheSessionLives(t *testing.T) {
	ctx := context.Background()
	a := openTestStore(t)
	name := lockName(t)
	release, lost, held, err := a.TryLock(ctx, name)
	if err != nil || !held {
		t.Fatalf("TryLock(%q) = held %v, err %v; want held", name, held, err)
	}
	select {
	case <-lost:
		t.Fatal("lost closed while the session lives")
	case <-time.After(3 * lockCheckEvery): // a few pings
	}
	release()
	select {
	case <-lost:
		t.Fatal("lost closed by release: giving a lock back is not losing it")
	default:
	}
}

// terminateHolder ends the database session that holds lock name, from s.
func terminateHolder(t *testing.T, s *Store, name string) {
	t.Helper()
	var terminated bool
	err := s.pool.QueryRow(context.Background(), `SELECT pg_terminate_backend(pid) FROM pg_locks
WHERE locktype = 'advisory' AND objsubid = 1 AND granted
  AND ((classid::bigint << 32) | objid::bigint) = $1`, lockKey(name)).Scan(&terminated)
	if err != nil || !terminated {
		t.Fatalf("terminate the holder's session: %v (terminated %v)", err, terminated)
	}
}
