package postgres

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/triagebot/triagebot/bot"
)

// lostNames is a bot.LockObserver that sends each lost lock's name.
type lostNames chan string

func (c lostNames) LockLost(name string) { c <- name }

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
		obs     = make(lostNames, 4)
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
	// The loss is counted once the work has stopped; the takeover may come
	// before or after that.
	if got := waitFor(t, obs, "the loss to be counted"); got != name {
		t.Errorf("LockLost(%q), want %q", got, name)
	}
	waitFor(t, started, "a replica to take the lock over")
	select {
	case got := <-obs:
		t.Errorf("a second loss counted (%q), want one", got)
	default:
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
