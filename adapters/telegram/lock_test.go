package telegram

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/triagebot/triagebot/bot"
)

// fakeLocker is a hand-written bot.Locker: TryLock calls its function field.
type fakeLocker struct {
	TryLockFunc func(ctx context.Context, name string) (release func(), held bool, err error)
}

var _ bot.Locker = (*fakeLocker)(nil)

func (l *fakeLocker) TryLock(ctx context.Context, name string) (func(), <-chan struct{}, bool, error) {
	release, held, err := l.TryLockFunc(ctx, name)
	return release, nil, held, err
}

// lockAnswer is what the scripted locker answers one TryLock with.
type lockAnswer struct {
	held bool
	err  error
	lost chan struct{} // the held lock's; nil: it cannot be lost
}

// scriptedLocker answers each TryLock with the next value sent on answers
// (waiting for it), records the names asked for, and counts releases and
// the getUpdates calls made before the first release.
type scriptedLocker struct {
	fakeLocker
	answers chan lockAnswer

	mu             sync.Mutex
	names          []string
	released       int
	pollsAtRelease int
	lost           chan struct{} // of the last lock handed out
}

// TryLock hands out the answer's lost channel with the lock.
func (l *scriptedLocker) TryLock(ctx context.Context, name string) (func(), <-chan struct{}, bool, error) {
	release, held, err := l.TryLockFunc(ctx, name)
	l.mu.Lock()
	defer l.mu.Unlock()
	if !held {
		return release, nil, held, err
	}
	return release, l.lost, held, err
}

func newScriptedLocker(api *fakeAPI) *scriptedLocker {
	l := &scriptedLocker{answers: make(chan lockAnswer)}
	l.TryLockFunc = func(ctx context.Context, name string) (func(), bool, error) {
		l.mu.Lock()
		l.names = append(l.names, name)
		l.mu.Unlock()
		select {
		case a := <-l.answers:
			if !a.held {
				return nil, false, a.err
			}
			l.mu.Lock()
			l.lost = a.lost
			l.mu.Unlock()
			return func() {
				polls := len(api.callsOf("getUpdates"))
				l.mu.Lock()
				defer l.mu.Unlock()
				if l.released == 0 {
					l.pollsAtRelease = polls
				}
				l.released++
			}, true, nil
		case <-ctx.Done():
			return nil, false, ctx.Err()
		}
	}
	return l
}

// answer hands the next TryLock its answer.
func (l *scriptedLocker) answer(t *testing.T, a lockAnswer) {
	t.Helper()
	select {
	case l.answers <- a:
	case <-time.After(patience):
		t.Fatal("the adapter did not try the polling lock")
	}
}

func (l *scriptedLocker) state() (names []string, released, pollsAtRelease int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.names), l.released, l.pollsAtRelease
}

// start runs the adapter without waiting for it to be ready (a replica
// standing by is not); stop ends Run and returns its error.
func (h *harness) start() (stop func() error) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.a.Run(ctx) }()
	var once sync.Once
	var err error
	stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case err = <-done:
			case <-time.After(patience):
				err = errors.New("Run did not return after the context ended")
			}
		})
		return err
	}
	h.t.Cleanup(func() { stop() })
	return stop
}

// TestPollingStandsByWhileAnotherReplicaPolls: while the polling lock is
// held elsewhere (or the locker fails) the adapter neither deletes the
// webhook nor polls, says so once, and tries again every 15 s; once it gets
// the lock it polls, and it gives the lock back after polling has stopped.
func TestPollingStandsByWhileAnotherReplicaPolls(t *testing.T) {
	h := newHarness(t, newMemCore(echoReply), Config{Mode: ModePolling})
	lk := newScriptedLocker(h.api)
	h.a.cfg.Locker = lk
	stop := h.start()

	for range 3 {
		lk.answer(t, lockAnswer{held: false})
	}
	lk.answer(t, lockAnswer{err: errors.New("postgres: lock: connection refused")})
	lk.answer(t, lockAnswer{held: false})
	if got := h.api.callsOf("getMe"); len(got) != 1 {
		t.Errorf("getMe called %d times while standing by, want 1", len(got))
	}
	for _, m := range []string{"deleteWebhook", "getUpdates"} {
		if n := len(h.api.callsOf(m)); n != 0 {
			t.Errorf("%s called %d times while another replica holds the lock, want 0", m, n)
		}
	}
	select {
	case <-h.a.ready:
		t.Error("the adapter says it is ready while standing by")
	default:
	}
	logs := h.logs.String()
	if n := strings.Count(logs, "another replica is polling Telegram; standing by"); n != 1 {
		t.Errorf("standing-by message logged %d times, want once; logs:\n%s", n, logs)
	}
	if !strings.Contains(logs, "level=WARN") || !strings.Contains(logs, "connection refused") {
		t.Errorf("a failing locker is not logged as a warning; logs:\n%s", logs)
	}
	waits := h.sleeps.all()
	if len(waits) < 4 {
		t.Errorf("waits %v, want one of 15s after each of the first 4 tries", waits)
	}
	for _, d := range waits {
		if d != 15*time.Second {
			t.Errorf("waits %v, want 15s between tries", waits)
			break
		}
	}

	// The other replica stops: this one takes over.
	h.api.queueUpdate(fixture(t, "update-private-command-start.json"))
	lk.answer(t, lockAnswer{held: true})
	h.api.waitCalls("getUpdates", 1)
	h.api.waitCalls("sendMessage", 1)
	methods := h.api.methods()
	del, poll := slices.Index(methods, "deleteWebhook"), slices.Index(methods, "getUpdates")
	if del < 0 || del > poll {
		t.Errorf("calls %v, want deleteWebhook before the first getUpdates", methods)
	}
	if _, released, _ := lk.state(); released != 0 {
		t.Errorf("lock released %d times while polling, want 0", released)
	}

	if err := stop(); err != nil {
		t.Fatalf("Run = %v, want nil after the context ended", err)
	}
	names, released, pollsAtRelease := lk.state()
	if released != 1 {
		t.Errorf("lock released %d times after Run returned, want 1", released)
	}
	if n := len(h.api.callsOf("getUpdates")); n != pollsAtRelease {
		t.Errorf("getUpdates called %d times, %d of them after the lock was released; want it released after polling stopped",
			n, n-pollsAtRelease)
	}
	for _, name := range names {
		if name != PollLock {
			t.Errorf("TryLock(%q), want %q", name, PollLock)
		}
	}
}

// TestPollingStopsWhenTheLockIsLost: a poller whose lock is lost (its
// database session died) stops polling, gives the lock back, says so, and
// contends again; on getting it back it deletes the webhook and polls.
func TestPollingStopsWhenTheLockIsLost(t *testing.T) {
	h := newHarness(t, newMemCore(echoReply), Config{Mode: ModePolling})
	lk := newScriptedLocker(h.api)
	h.a.cfg.Locker = lk
	stop := h.start()

	lost := make(chan struct{})
	lk.answer(t, lockAnswer{held: true, lost: lost})
	h.api.waitCalls("getUpdates", 1)
	close(lost)
	lk.answer(t, lockAnswer{held: false}) // it contends again: another replica has it
	if _, released, _ := lk.state(); released != 1 {
		t.Errorf("lock released %d times after it was lost, want 1", released)
	}
	if !strings.Contains(h.logs.String(), "lost the telegram polling lock") {
		t.Errorf("the loss is not logged; logs:\n%s", h.logs.String())
	}
	if got := h.counter("triagebot_locks_lost_total", map[string]string{"lock": PollLock}); got != 1 {
		t.Errorf("triagebot_locks_lost_total{lock=%q} = %v, want 1", PollLock, got)
	}
	polls := len(h.api.callsOf("getUpdates"))
	lk.answer(t, lockAnswer{held: false})
	if n := len(h.api.callsOf("getUpdates")); n != polls {
		t.Errorf("getUpdates called %d times while standing by after the loss, want 0", n-polls)
	}

	lk.answer(t, lockAnswer{held: true})
	h.api.waitCalls("deleteWebhook", 2)
	h.api.waitCalls("getUpdates", polls+1)
	if err := stop(); err != nil {
		t.Fatalf("Run = %v, want nil after the context ended", err)
	}
	if _, released, _ := lk.state(); released != 2 {
		t.Errorf("lock released %d times, want 2 (once lost, once at the end)", released)
	}
}

// TestPollingStandByEndsWithContext: a replica that never gets the lock
// returns nil when its context ends, without ever polling.
func TestPollingStandByEndsWithContext(t *testing.T) {
	h := newHarness(t, newMemCore(echoReply), Config{Mode: ModePolling})
	lk := newScriptedLocker(h.api)
	h.a.cfg.Locker = lk
	stop := h.start()
	lk.answer(t, lockAnswer{held: false})
	lk.answer(t, lockAnswer{held: false})
	if err := stop(); err != nil {
		t.Fatalf("Run = %v, want nil after the context ended", err)
	}
	for _, m := range []string{"deleteWebhook", "getUpdates"} {
		if n := len(h.api.callsOf(m)); n != 0 {
			t.Errorf("%s called %d times, want 0: the lock was never taken", m, n)
		}
	}
	if _, released, _ := lk.state(); released != 0 {
		t.Errorf("lock released %d times, want 0: it was never taken", released)
	}
}

// TestWebhookModeIgnoresLocker: every replica serves the webhook.
func TestWebhookModeIgnoresLocker(t *testing.T) {
	lk := &fakeLocker{TryLockFunc: func(context.Context, string) (func(), bool, error) {
		t.Error("TryLock called in webhook mode")
		return nil, false, nil
	}}
	h := newHarness(t, newMemCore(echoReply), Config{Mode: ModeWebhook, Locker: lk})
	h.run()
}
