package bot

import (
	"strconv"
	"testing"
	"time"
)

// TestLimiterSpacesATarget: rows queued for one target get one slot each,
// in order, and two sends are never closer than the target's interval,
// however late a row comes back for its slot.
func TestLimiterSpacesATarget(t *testing.T) {
	l := newLimiter(TelegramRates())
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	if w := l.take(1, "42", false, t0); w != 0 {
		t.Fatalf("first send to a chat waits %v, want 0", w)
	}
	// Three more rows for chat 42 ask at once: slots 1 s apart.
	for i, want := range []time.Duration{time.Second, 2 * time.Second, 3 * time.Second} {
		if w := l.take(int64(2+i), "42", false, t0); w != want {
			t.Errorf("row %d waits %v, want %v", 2+i, w, want)
		}
	}
	// Row 2 comes back 300 ms late; row 3 at its slot must still wait a
	// full second after row 2's actual send.
	late := t0.Add(1300 * time.Millisecond)
	if w := l.take(2, "42", false, late); w != 0 {
		t.Fatalf("row 2 at its (late) slot waits %v, want 0", w)
	}
	if w := l.take(3, "42", false, t0.Add(2*time.Second)); w != 300*time.Millisecond {
		t.Errorf("row 3 at its slot waits %v, want 300ms (one second after row 2's send)", w)
	}
	// Another chat is not held up by chat 42.
	if w := l.take(9, "43", false, t0.Add(2*time.Second)); w != 0 {
		t.Errorf("another chat waits %v, want 0", w)
	}
	// A group (negative id) gets one send every 3 s.
	l = newLimiter(TelegramRates())
	if w := l.take(20, "-100", false, t0); w != 0 {
		t.Errorf("group's first send waits %v", w)
	}
	if w := l.take(21, "-100", false, t0.Add(3*time.Second)); w != 0 {
		t.Errorf("group's send 3 s later waits %v, want 0", w)
	}
	if w := l.take(22, "-100", false, t0.Add(4*time.Second)); w != 2*time.Second {
		t.Errorf("group's send 1 s after that waits %v, want 2s", w)
	}
}

// TestLimiterOverall: at most 30 Telegram sends in any second, to distinct
// chats, and a 429's pause holds the target (Telegram) or the platform
// (Slack).
func TestLimiterOverall(t *testing.T) {
	l := newLimiter(TelegramRates())
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	sent := 0
	for ms := 0; ms < 1000; ms++ {
		now := t0.Add(time.Duration(ms) * time.Millisecond)
		if l.take(int64(ms), "chat"+strconv.Itoa(ms), false, now) == 0 {
			sent++
		}
	}
	if sent > 30 || sent < 29 {
		t.Errorf("%d sends in one second to distinct chats, want 30 at most (and about 30)", sent)
	}
	l.pause("chat1", t0.Add(5*time.Second))
	if w := l.take(5000, "chat1", false, t0.Add(2*time.Second)); w != 3*time.Second {
		t.Errorf("paused chat waits %v, want 3s", w)
	}
	s := newLimiter(SlackRates())
	s.pause("C1", t0.Add(2*time.Second))
	if w := s.take(1, "C2/123.4", false, t0); w != 2*time.Second {
		t.Errorf("Slack after a 429 in another channel waits %v, want 2s (the pause is the workspace's)", w)
	}
}
