package bot

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"
)

// RetryableError marks an error from a platform as worth retrying. Adapters
// classify their errors with it; Retry owns the backoff.
type RetryableError struct {
	Err error
	// After is the wait the platform asked for (429 Retry-After); zero lets
	// Retry choose its backoff.
	After time.Duration
	// Reason is a short label for metrics and logs ("rate_limited", "5xx", "network").
	Reason string
	// Unknown is set when the request may have reached the platform (a
	// timeout after it was sent): a retry may deliver it twice.
	Unknown bool
}

func (e *RetryableError) Error() string {
	return fmt.Sprintf("%s (retryable: %s)", e.Err, e.Reason)
}

func (e *RetryableError) Unwrap() error { return e.Err }

// RetryPolicy bounds Retry. The zero value retries 4 times from 500ms.
type RetryPolicy struct {
	Attempts int           // total tries, including the first
	Base     time.Duration // first backoff, doubled each try
	Max      time.Duration // longest backoff and longest honoured After
	// Sleep waits for d or until ctx ends; nil uses a timer. Tests replace it.
	Sleep func(ctx context.Context, d time.Duration) error
	// OnRetry, if set, is told of each retry before the wait.
	OnRetry func(reason string, wait time.Duration)
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.Attempts <= 0 {
		p.Attempts = 4
	}
	if p.Base <= 0 {
		p.Base = 500 * time.Millisecond
	}
	if p.Max <= 0 {
		p.Max = time.Minute
	}
	if p.Sleep == nil {
		p.Sleep = Sleep
	}
	return p
}

// Retry calls fn until it succeeds, returns an error that is not a
// *RetryableError, the attempts run out or ctx ends. A rate limit's After is
// honoured (up to Max); otherwise the wait is exponential with jitter.
func Retry(ctx context.Context, p RetryPolicy, fn func(ctx context.Context) error) error {
	p = p.withDefaults()
	backoff := p.Base
	var err error
	for attempt := 1; ; attempt++ {
		err = fn(ctx)
		var re *RetryableError
		if err == nil || !errors.As(err, &re) {
			return err
		}
		if attempt >= p.Attempts {
			return fmt.Errorf("gave up after %d attempts: %w", attempt, err)
		}
		wait := re.After
		if wait <= 0 {
			wait = backoff/2 + rand.N(backoff/2+1)
			backoff = min(backoff*2, p.Max)
		}
		wait = min(wait, p.Max)
		if p.OnRetry != nil {
			p.OnRetry(re.Reason, wait)
		}
		if serr := p.Sleep(ctx, wait); serr != nil {
			return fmt.Errorf("retry interrupted: %w (last error: %v)", serr, err)
		}
	}
}

// Sleep waits for d or until ctx ends, whichever is first; it returns
// ctx's error in the second case.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
