package bot

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestRetry(t *testing.T) {
	rateLimited := &RetryableError{Err: errors.New("429"), After: 3 * time.Second, Reason: "rate_limited"}
	flaky := &RetryableError{Err: errors.New("503"), Reason: "5xx"}
	fatal := errors.New("invalid_auth")
	tests := []struct {
		name      string
		results   []error
		wantCalls int
		wantErr   error
		wantWaits []time.Duration // exact for Retry-After; 0 means "some backoff"
	}{
		{"first try", []error{nil}, 1, nil, nil},
		{"429 honours Retry-After", []error{rateLimited, nil}, 2, nil, []time.Duration{3 * time.Second}},
		{"transient then ok", []error{flaky, flaky, nil}, 3, nil, []time.Duration{0, 0}},
		{"not retryable", []error{fatal, nil}, 1, fatal, nil},
		{"gives up", []error{flaky, flaky, flaky, flaky, nil}, 4, flaky, []time.Duration{0, 0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var waits []time.Duration
			calls := 0
			p := RetryPolicy{Sleep: func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil }}
			err := Retry(context.Background(), p, func(context.Context) error {
				calls++
				return tt.results[calls-1]
			})
			if calls != tt.wantCalls {
				t.Errorf("calls = %d, want %d", calls, tt.wantCalls)
			}
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Errorf("err = %v, want %v", err, tt.wantErr)
			}
			if len(waits) != len(tt.wantWaits) {
				t.Fatalf("waits = %v, want %d of them", waits, len(tt.wantWaits))
			}
			for i, w := range tt.wantWaits {
				if w != 0 && waits[i] != w {
					t.Errorf("wait %d = %v, want %v", i, waits[i], w)
				}
				if waits[i] <= 0 || waits[i] > time.Minute {
					t.Errorf("wait %d = %v, out of bounds", i, waits[i])
				}
			}
		})
	}
}

func TestRetryStopsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	p := RetryPolicy{Sleep: func(ctx context.Context, _ time.Duration) error { cancel(); return ctx.Err() }}
	calls := 0
	err := Retry(ctx, p, func(context.Context) error {
		calls++
		return &RetryableError{Err: errors.New("down"), Reason: "network"}
	})
	if calls != 1 || !errors.Is(err, context.Canceled) {
		t.Errorf("calls = %d, err = %v; want 1 call and context.Canceled", calls, err)
	}
}
