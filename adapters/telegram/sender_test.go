package telegram

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"

	"github.com/triagebot/triagebot/bot"
)

func TestLimiter(t *testing.T) {
	start := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	now := start
	l := newLimiter(func() time.Time { return now })

	// One chat: a message a second.
	for i, want := range []time.Duration{0, time.Second, 2 * time.Second} {
		if got := l.reserve(1); got != want {
			t.Errorf("chat 1, message %d: wait %v, want %v", i+1, got, want)
		}
	}
	// Many chats: 30 at once (the burst; chat 1 already took 3), then one
	// every 1/30 s.
	for c := int64(2); c <= 28; c++ {
		if got := l.reserve(c); got != 0 {
			t.Fatalf("chat %d within the burst: wait %v, want 0", c, got)
		}
	}
	if got, want := l.reserve(29), time.Second/30; got < want-time.Millisecond || got > want+time.Millisecond {
		t.Errorf("message 31 overall: wait %v, want about %v", got, want)
	}
	// A second later the bucket has refilled 30 tokens and chat 1's queue
	// has moved on by one.
	now = start.Add(time.Second)
	if got := l.reserve(100); got != 0 {
		t.Errorf("after a second, a new chat: wait %v, want 0", got)
	}
	if got := l.reserve(1); got != 2*time.Second {
		t.Errorf("chat 1's fourth message a second later: wait %v, want 2s", got)
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		name      string
		err       error
		retryable string // reason; "" for final
		after     time.Duration
		permanent bool
	}{
		{"429", &tgbot.TooManyRequestsError{Message: "too many requests", RetryAfter: 5}, "rate_limited", 5 * time.Second, false},
		{"network", fmt.Errorf("error do request for method sendMessage, %w", &url.Error{Op: "Post", URL: "http://x/bot***/sendMessage", Err: errors.New("connection refused")}), "network", 0, false},
		{"502", errors.New("error response from telegram for method sendMessage, 502 Bad Gateway"), "5xx", 0, false},
		{"403 blocked", fmt.Errorf("%w, Forbidden: bot was blocked by the user", tgbot.ErrorForbidden), "", 0, true},
		{"400", fmt.Errorf("%w, Bad Request: can't parse entities", tgbot.ErrorBadRequest), "", 0, true},
		{"canceled", context.Canceled, "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := classify(tt.err)
			var re *bot.RetryableError
			isRetry := errors.As(got, &re)
			if (tt.retryable != "") != isRetry {
				t.Fatalf("classify(%v) retryable = %v, want %v", tt.err, isRetry, tt.retryable != "")
			}
			if isRetry && (re.Reason != tt.retryable || re.After != tt.after) {
				t.Errorf("classify(%v) = reason %q after %v, want %q after %v", tt.err, re.Reason, re.After, tt.retryable, tt.after)
			}
			if p := permanent(fmt.Errorf("gave up: %w", got)); p != tt.permanent {
				t.Errorf("permanent(%v) = %v, want %v", tt.err, p, tt.permanent)
			}
		})
	}
	if classify(nil) != nil {
		t.Error("classify(nil) != nil")
	}
}
