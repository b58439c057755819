package postgres

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/triagebot/triagebot/bot"
)

// lostCounter is a bot.LockObserver that counts the losses.
type lostCounter struct {
	mu   sync.Mutex
	lost map[string]int
}

func (c *lostCounter) LockLost(name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lost[name]++
}

func (c *lostCounter) count(name string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lost[name]
}

// TestRunLeadingStopsWhenTheLockIsLost: two replicas contend with
// RunLeading; the holder's session is terminated; its work must be
// cancelled, the loss counted, and the work must resume under the lock
// (on either replica). (The new holder may start before the old one
// notices: the server frees the lock with the session, the holder learns
// of it at its next ping. That window is what the fenced claims cover.)
func TestRunLeadingStopsWhenTheLockIsLost(t *testing.T) {
	a, b := openTestStore(t), openTestStore(t)
	name := lockName(t)
	ctx, cancel := context.WithCancel(context.Background())
	var (
		started = make(chan string, 16)
		stopped = make(chan string, 16)
		obs     = &lostCounter{lost: map[string]int{}}
		wg      sync.WaitGroup
	)
	work := func(who string) func(context.Context) error {
		return func(ctx context.Context) error {
			started <- who
			<-ctx.Done()
			stopped <- who
			return nil
		}
	}
	wg.Go(func() { _ = bot.RunLeading(ctx, a, name, 20*time.Millisecond, nil, obs, work("a")) })
	first := waitFor(t, started, "the first holder to start")
	wg.Go(func() { _ = bot.RunLeading(ctx, b, name, 20*time.Millisecond, nil, obs, work("b")) })

	holder := a
	if first == "b" {
		holder = b
	}
	terminateHolder(t, holder, name)
	if got := waitFor(t, stopped, "the holder's work to be cancelled"); got != first {
		t.Fatalf("work of %q stopped, want the holder %q", got, first)
	}
	waitFor(t, started, "a replica to take the lock over")
	if n := obs.count(name); n != 1 {
		t.Errorf("losses counted = %d, want 1", n)
	}
	cancel()
	wg.Wait()
}

// waitFor receives from c, failing t if nothing comes within 10s.
func waitFor(t *testing.T, c <-chan string, what string) string {
	t.Helper()
	select {
	case v := <-c:
		return v
	case <-time.After(10 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
		return ""
	}
}
