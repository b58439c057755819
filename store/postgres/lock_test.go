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

	release, held, err := a.TryLock(ctx, name)
	if err != nil || !held {
		t.Fatalf("first TryLock(%q) = held %v, err %v; want held", name, held, err)
	}
	if r, held, err := b.TryLock(ctx, name); err != nil || held || r != nil {
		t.Fatalf("TryLock(%q) by a second pool while held = held %v, release %v, err %v; want not held", name, held, r != nil, err)
	}
	if _, held, err := a.TryLock(ctx, name); err != nil || held {
		t.Fatalf("TryLock(%q) again by the holding pool = held %v, err %v; want not held (another session)", name, held, err)
	}
	other, held, err := b.TryLock(ctx, name+"-other")
	if err != nil || !held {
		t.Fatalf("TryLock of another name = held %v, err %v; want held", held, err)
	}
	other()

	release()
	release() // harmless
	release2, held, err := b.TryLock(ctx, name)
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

	release, held, err := a.TryLock(ctx, name)
	if err != nil || !held {
		t.Fatalf("TryLock(%q) = held %v, err %v; want held", name, held, err)
	}
	// The holder's connection dies (a crash, a network cut).
	var terminated bool
	err = b.pool.QueryRow(ctx, `SELECT pg_terminate_backend(pid) FROM pg_locks
WHERE locktype = 'advisory' AND objsubid = 1 AND granted
  AND ((classid::bigint << 32) | objid::bigint) = $1`, lockKey(name)).Scan(&terminated)
	if err != nil || !terminated {
		t.Fatalf("terminate the holder's session: %v (terminated %v)", err, terminated)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		release2, held, err := b.TryLock(ctx, name)
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
