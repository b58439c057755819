package bot_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/triagebot/triagebot/bot"
)

// losingLocker grants its lock every time and hands each grant a lost
// channel the test closes; it counts grants and releases.
type losingLocker struct {
	mu       sync.Mutex
	lost     []chan struct{}
	released int
	granted  chan struct{}
}

func (l *losingLocker) TryLock(context.Context, string) (func(), <-chan struct{}, bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	c := make(chan struct{})
	l.lost = append(l.lost, c)
	l.granted <- struct{}{}
	return func() { l.mu.Lock(); l.released++; l.mu.Unlock() }, c, true, nil
}

func (l *losingLocker) lose(i int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	close(l.lost[i])
}

type lossCount struct{ n chan string }

func (c lossCount) LockLost(name string) { c.n <- name }

func TestRunLeadingContendsAgainAfterLosingTheLock(t *testing.T) {
	l := &losingLocker{granted: make(chan struct{}, 4)}
	obs := lossCount{n: make(chan string, 4)}
	ctx, cancel := context.WithCancel(context.Background())
	runs := make(chan context.Context, 4)
	done := make(chan error, 1)
	go func() {
		done <- bot.RunLeading(ctx, l, "w", time.Millisecond, nil, obs, func(ctx context.Context) error {
			runs <- ctx
			<-ctx.Done()
			return nil
		})
	}()
	first := recvWithin(t, runs, "the work to start under the lock")
	l.lose(0)
	recvWithin(t, first.Done(), "the work's context to be cancelled when the lock is lost")
	if got := recvWithin(t, obs.n, "the loss to be counted"); got != "w" {
		t.Errorf("LockLost(%q), want \"w\"", got)
	}
	second := recvWithin(t, runs, "the work to start again under a new grant")
	if second.Err() != nil {
		t.Errorf("the second run's context is already done: %v", second.Err())
	}
	cancel()
	if err := recvWithin(t, done, "RunLeading to return"); err != nil {
		t.Errorf("RunLeading = %v, want nil", err)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.lost) != 2 || l.released != 2 {
		t.Errorf("grants %d, releases %d; want 2 and 2", len(l.lost), l.released)
	}
}

// recvWithin receives from c, failing t if nothing comes within 10s.
func recvWithin[T any](t *testing.T, c <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-c:
		return v
	case <-time.After(10 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
		var zero T
		return zero
	}
}
