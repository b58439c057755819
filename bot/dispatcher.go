package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"
)

// Sender delivers one outgoing message on its platform. Each adapter
// implements it with only rendering and error classification: pacing,
// retries, ordering and bookkeeping are the Dispatcher's.
type Sender interface {
	// Send sends o and returns where a posted lead card is (zero for a
	// reply). A *RetryableError is tried again later (its After honoured;
	// Unknown set when the request may have reached the platform); any
	// other error is a refusal for good.
	Send(ctx context.Context, o Outgoing) (CardRef, error)
}

// DispatchStore is what the Dispatcher needs from storage.
type DispatchStore interface {
	OutboxStore
	Inquiry(ctx context.Context, id int64) (Inquiry, error)
	LeadCard(ctx context.Context, inquiryID int64) (CardRef, error)
}

// DispatcherOptions configures a Dispatcher. Store and Senders are required.
type DispatcherOptions struct {
	Store   DispatchStore
	Senders map[string]Sender     // by platform
	Rates   map[string]RatePolicy // by platform; none: unlimited
	Log     *slog.Logger
	Metrics SendObserver // nil reports nothing
	Now     func() time.Time
	// Lease is how long a claimed row is ours (default 8s): longer than
	// SendTimeout (default 5s), so a live dispatcher's row is never taken
	// by another, short so a dead one's rows are resumed within seconds.
	Lease, SendTimeout time.Duration
	// Workers bounds the sends in flight (default 16).
	Workers int
	// Poll is how often the outbox is looked at without a wake-up
	// (default 250ms): rows written by another replica or due again.
	Poll time.Duration
	// EditGap is the least time between two sends of one lead card
	// (default 3s): edits in between coalesce into the latest state.
	EditGap time.Duration
	// MaxAttempts gives a row up after that many claims (default 25).
	MaxAttempts int
	// Backoff is the policy for retries: Base doubled per attempt up to Max,
	// with jitter (defaults 1s and 1m).
	Backoff RetryPolicy
}

// Dispatcher drains the outbox through one Sender per platform. Run it on
// one replica at a time (RunLeading): the platforms' rates are then held
// for the whole deployment. Safe for concurrent use.
type Dispatcher struct {
	o      DispatcherOptions
	limits map[string]*limiter
	wake   chan struct{}
}

// NewDispatcher builds a Dispatcher.
func NewDispatcher(o DispatcherOptions) (*Dispatcher, error) {
	if o.Store == nil || len(o.Senders) == 0 {
		return nil, errors.New("bot: NewDispatcher needs a Store and a Sender")
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Metrics == nil {
		o.Metrics = nopObserver{}
	}
	o.SendTimeout = cmpOr(o.SendTimeout, 5*time.Second)
	o.Lease = max(cmpOr(o.Lease, 8*time.Second), o.SendTimeout+time.Second)
	o.Poll = cmpOr(o.Poll, 250*time.Millisecond)
	o.EditGap = cmpOr(o.EditGap, 3*time.Second)
	o.Backoff.Base = cmpOr(o.Backoff.Base, time.Second)
	o.Backoff.Max = cmpOr(o.Backoff.Max, time.Minute)
	if o.Workers <= 0 {
		o.Workers = 16
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 25
	}
	d := &Dispatcher{o: o, limits: map[string]*limiter{}, wake: make(chan struct{}, 1)}
	for p := range o.Senders {
		d.limits[p] = newLimiter(o.Rates[p])
	}
	return d, nil
}

func cmpOr(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// Wake tells the dispatcher that rows were written, so it looks now rather
// than at its next poll. It never blocks.
func (d *Dispatcher) Wake() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// Run drains the outbox until ctx ends, then waits for the sends in flight
// and returns nil.
func (d *Dispatcher) Run(ctx context.Context) error {
	sem := make(chan struct{}, d.o.Workers)
	var wg sync.WaitGroup
	defer wg.Wait()
	poll := time.NewTicker(d.o.Poll)
	defer poll.Stop()
	stats := time.NewTicker(2 * time.Second)
	defer stats.Stop()
	d.reportStats(ctx)
	room := time.NewTimer(time.Hour)
	defer room.Stop()
	for {
		n, wait := d.round(ctx, sem, &wg)
		if n > 0 {
			continue
		}
		if wait > 0 {
			room.Reset(wait) // a platform out of room has some again then
		}
		select {
		case <-ctx.Done():
			return nil
		case <-d.wake:
		case <-poll.C:
		case <-room.C:
		case <-stats.C:
			d.reportStats(ctx)
		}
	}
}

// round claims, platform by platform, what the free workers and the
// platform's rate allow, and starts sending it; it returns how many rows
// it claimed, and how long until a platform out of room has some again. A
// platform out of room is not asked at all, so a backlog waits in the
// store rather than being claimed and put back.
func (d *Dispatcher) round(ctx context.Context, sem chan struct{}, wg *sync.WaitGroup) (int, time.Duration) {
	claimed, wait := 0, time.Duration(0)
	for platform, lim := range d.limits {
		now := d.o.Now()
		limit := min(cap(sem)-len(sem), lim.room(now))
		if w := lim.untilRoom(now); w > 0 && (wait == 0 || w < wait) {
			wait = w
		}
		if limit <= 0 || ctx.Err() != nil {
			continue
		}
		rows, err := d.o.Store.ClaimOutbox(ctx, platform, now, d.o.Lease, limit)
		if err != nil {
			if ctx.Err() == nil {
				d.o.Metrics.Error("outbox")
				d.o.Log.Error("outbox not claimed", "platform", platform, "err", err)
			}
			continue
		}
		for _, o := range rows {
			sem <- struct{}{}
			wg.Go(func() {
				defer func() { <-sem }()
				d.deliver(ctx, o)
			})
		}
		claimed += len(rows)
	}
	return claimed, wait
}

// deliver paces, sends and finishes one claimed row. It never sleeps: a
// wait is the row's next attempt time.
func (d *Dispatcher) deliver(ctx context.Context, o Outgoing) {
	// The outcome is recorded even when shutdown began meanwhile, within
	// a bound.
	finishCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), d.o.Lease)
	defer cancel()
	defer func() {
		if r := recover(); r != nil {
			d.o.Metrics.Error("send_panic")
			d.o.Log.Error("outbox send panicked", "row", o.ID, "platform", o.Platform, "panic", fmt.Sprint(r))
			d.finish(finishCtx, o, OutboxResult{State: OutboxPending, NextAt: d.o.Now().Add(d.backoff(o.Attempts)), LastError: "panic"})
		}
	}()
	sender, lim := d.o.Senders[o.Platform], d.limits[o.Platform]
	if sender == nil {
		d.finish(finishCtx, o, OutboxResult{State: OutboxFailed, LastError: "no sender for " + o.Platform})
		return
	}
	if o.Kind == KindLeadCard && !d.loadCard(finishCtx, &o) {
		return
	}
	now := d.o.Now()
	edit := o.Kind == KindLeadCard && !o.Payload.Card.Zero()
	if wait := lim.take(o.ID, o.Target, edit, now); wait > 0 {
		d.o.Metrics.SendDeferred(o.Platform)
		d.finish(finishCtx, o, OutboxResult{State: OutboxPending, NextAt: now.Add(wait), Deferred: true})
		return
	}
	sctx, cancel := context.WithTimeout(ctx, d.o.SendTimeout)
	ref, err := sender.Send(sctx, o)
	timedOut := sctx.Err() != nil && ctx.Err() == nil
	cancel()
	d.finish(finishCtx, o, d.outcome(ctx, o, ref, err, timedOut))
}

// loadCard fills a lead card's latest inquiry and its place; false when
// the row is finished instead (the inquiry is gone, the store failed).
func (d *Dispatcher) loadCard(ctx context.Context, o *Outgoing) bool {
	in, err := d.o.Store.Inquiry(ctx, o.Payload.InquiryID)
	if errors.Is(err, ErrNotFound) {
		d.finish(ctx, *o, OutboxResult{State: OutboxFailed, LastError: "inquiry gone"})
		return false
	}
	if err == nil {
		o.Payload.Inquiry = &in
		o.Payload.Card, err = d.o.Store.LeadCard(ctx, in.ID)
		if errors.Is(err, ErrNotFound) {
			err = nil
		}
	}
	if err != nil {
		d.o.Log.Error("lead card not loaded", "inquiry", o.Payload.InquiryID, "err", err)
		d.finish(ctx, *o, OutboxResult{State: OutboxPending, NextAt: d.o.Now().Add(d.backoff(o.Attempts)), LastError: "store"})
		return false
	}
	return true
}

// outcome turns a send's result into the row's next state: sent, retried
// after the platform's Retry-After or the backoff, or failed for good. A
// send that timed out after it went out has an unknown outcome: it is
// retried like any transient failure (at least once, never silently
// dropped) and counted, since it may reach the chat twice.
func (d *Dispatcher) outcome(ctx context.Context, o Outgoing, ref CardRef, err error, timedOut bool) OutboxResult {
	now := d.o.Now()
	if err == nil {
		d.o.Metrics.Sent(o.Platform, string(o.Kind), now.Sub(o.CreatedAt))
		r := OutboxResult{State: OutboxSent, NextAt: now}
		if o.Kind == KindLeadCard {
			r.NextAt = now.Add(d.o.EditGap)
			if !ref.Zero() && ref != o.Payload.Card {
				r.Card, r.CardInquiry = ref, o.Payload.InquiryID
			}
		}
		return r
	}
	var re *RetryableError
	switch {
	case ctx.Err() != nil:
		// Shutting down: the row goes back as it is, to whichever replica
		// sends next. The request may have gone out.
		return OutboxResult{State: OutboxPending, NextAt: now, Unknown: true, LastError: "shutdown"}
	case errors.As(err, &re):
	case timedOut || errors.Is(err, context.DeadlineExceeded):
		re = &RetryableError{Err: err, Reason: "timeout", Unknown: true}
	default:
		d.o.Metrics.SendFailed(o.Platform)
		d.o.Log.Error("outgoing message refused for good", "row", o.ID, "platform", o.Platform, "kind", o.Kind, "err", err)
		return OutboxResult{State: OutboxFailed, LastError: errText(err)}
	}
	if re.Unknown {
		d.o.Metrics.SendUnknown(o.Platform)
	}
	if o.Attempts >= d.o.MaxAttempts {
		d.o.Metrics.SendFailed(o.Platform)
		d.o.Log.Error("outgoing message given up", "row", o.ID, "platform", o.Platform, "attempts", o.Attempts, "err", err)
		return OutboxResult{State: OutboxFailed, LastError: "gave up: " + re.Reason, Unknown: re.Unknown}
	}
	wait := d.backoff(o.Attempts)
	if re.After > 0 {
		wait = min(re.After, d.o.Backoff.Max)
		d.limits[o.Platform].pause(o.Target, now.Add(wait))
	}
	d.o.Metrics.SendRetried(o.Platform, re.Reason)
	d.o.Log.Warn("outgoing message retried", "row", o.ID, "platform", o.Platform, "reason", re.Reason, "wait", wait)
	return OutboxResult{State: OutboxPending, NextAt: now.Add(wait), LastError: re.Reason, Unknown: re.Unknown}
}

// errText is an error's text for the row, cut short: adapters keep buyer
// text out of their errors, and the row must stay small.
func errText(err error) string {
	s := err.Error()
	if len(s) > 200 {
		s, _ = truncateUTF8(s, 200)
	}
	return s
}

// backoff is the one retry policy: Base doubled per attempt, capped at
// Max, with jitter over its upper half so that retries spread out.
func (d *Dispatcher) backoff(attempt int) time.Duration {
	b := d.o.Backoff.Base
	for i := 1; i < attempt && b < d.o.Backoff.Max; i++ {
		b *= 2
	}
	b = min(b, d.o.Backoff.Max)
	return b/2 + rand.N(b/2+1)
}

// finish records r for the claimed row o.
func (d *Dispatcher) finish(ctx context.Context, o Outgoing, r OutboxResult) {
	r.ID, r.Attempts = o.ID, o.Attempts
	if err := d.o.Store.FinishOutbox(ctx, r, d.o.Now()); err != nil {
		// The claim expires and the row is sent again by whoever claims
		// it: a duplicate, counted as unknown then.
		d.o.Metrics.Error("outbox")
		d.o.Log.Error("outbox row not finished", "row", o.ID, "state", r.State, "err", err)
	}
}

// reportStats publishes the queue's depth and the age of its oldest row.
func (d *Dispatcher) reportStats(ctx context.Context) {
	st, err := d.o.Store.OutboxStats(ctx)
	if err != nil {
		return
	}
	age := time.Duration(0)
	if !st.Oldest.IsZero() {
		age = d.o.Now().Sub(st.Oldest)
	}
	d.o.Metrics.Outbox(st.Depth, age)
}
