package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
)

// DefaultDigestSchedule is the digest schedule when none is configured:
// Mondays at 09:00 in Jakarta.
const DefaultDigestSchedule = "CRON_TZ=Asia/Jakarta 0 9 * * MON"

// DigestPoster posts a digest to one destination (a Slack channel, a
// Telegram chat). chart is a PNG, or nil when there is none; the text must
// read well without it. Errors worth retrying are *RetryableError.
type DigestPoster interface {
	PostDigest(ctx context.Context, d Digest, chart []byte) error
}

// SchedulerOptions configures a Scheduler. Schedule and Store are required.
type SchedulerOptions struct {
	// Schedule is when the digest runs, parsed once by the caller (the
	// configuration parses digest.schedule).
	Schedule cron.Schedule
	// Zone is the zone of the digest's weeks and of the schedule; nil means
	// the schedule's own CRON_TZ= zone, else the local zone.
	Zone  *time.Location
	Store DigestStore
	// Posters maps a destination name ("slack:C123", "telegram:-100…") to
	// its poster. None: the scheduler says so and does nothing.
	Posters map[string]DigestPoster
	// Chart renders the chart of a digest as PNG; nil posts without one.
	Chart func(Digest) ([]byte, error)
	Log   *slog.Logger
	// Metrics counts the digests posted; nil reports nothing.
	Metrics DigestObserver
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Retry bounds the retries of one post (bot.Retry's defaults if zero).
	Retry RetryPolicy
	// Claimant names this process in the claim records; default
	// host-pid-random.
	Claimant string
	// Lease is how long a claim that was neither posted nor released blocks
	// others (its holder presumably crashed mid-post); default 30 minutes.
	Lease time.Duration
	// LateAfter is how long after its scheduled time a digest counts as
	// late; default 15 minutes.
	LateAfter time.Duration
	// RetryEvery is how often a run that failed is tried again; default 15
	// minutes.
	RetryEvery time.Duration
	// CatchUp is how many missed weeks per destination are posted at most
	// after a downtime (the latest ones); default 8.
	CatchUp int
}

// Scheduler posts the weekly digest to every destination exactly once per
// ISO week: it claims the period in the store before posting, so that
// several replicas post it once; a failed post releases the claim and is
// tried again; weeks missed while no replica ran are posted late at start.
// It is safe for concurrent use.
type Scheduler struct {
	o     SchedulerOptions
	sched cron.Schedule
	zone  *time.Location
	names []string

	mu      sync.Mutex
	pending bool // the last run failed; the retry tick runs it again
	// running is held by the tick at work, so that a firing during a long
	// run (a post waiting out a rate limit) is skipped, not doubled.
	running sync.Mutex
}

// NewScheduler builds a Scheduler.
func NewScheduler(o SchedulerOptions) (*Scheduler, error) {
	if o.Store == nil {
		return nil, errors.New("bot: NewScheduler needs a DigestStore")
	}
	if o.Schedule == nil {
		return nil, errors.New("bot: NewScheduler needs a Schedule")
	}
	zone := o.Zone
	if ss, ok := o.Schedule.(*cron.SpecSchedule); zone == nil && ok && ss.Location != nil {
		zone = ss.Location
	}
	if zone == nil {
		zone = time.Local
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	o.Log = o.Log.With("component", "digest")
	if o.Metrics == nil {
		o.Metrics = nopObserver{}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Claimant == "" {
		o.Claimant = defaultClaimant()
	}
	if o.Lease <= 0 {
		o.Lease = 30 * time.Minute
	}
	if o.LateAfter <= 0 {
		o.LateAfter = 15 * time.Minute
	}
	if o.RetryEvery <= 0 {
		o.RetryEvery = 15 * time.Minute
	}
	if o.CatchUp <= 0 {
		o.CatchUp = 8
	}
	s := &Scheduler{o: o, sched: o.Schedule, zone: zone}
	for name, p := range o.Posters {
		if p != nil {
			s.names = append(s.names, name)
		}
	}
	slices.Sort(s.names)
	return s, nil
}

func defaultClaimant() string {
	host, _ := os.Hostname()
	var b [4]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b[:]))
}

// Zone is the time zone of the digest's weeks.
func (s *Scheduler) Zone() *time.Location { return s.zone }

// Destinations lists the configured destination names, sorted.
func (s *Scheduler) Destinations() []string { return slices.Clone(s.names) }

// Run posts what is due now (late, if the last week was missed), then runs
// the cron schedule until ctx ends. Without destinations it logs that the
// digest is off and returns nil at once.
func (s *Scheduler) Run(ctx context.Context) error {
	if len(s.names) == 0 {
		s.o.Log.Info("digest off: neither digest.slack_channel nor digest.telegram_chat is set")
		return nil
	}
	s.o.Log.Info("digest scheduled", "next", s.sched.Next(s.o.Now().In(s.zone)), "zone", s.zone.String(), "destinations", s.names)
	s.tick(ctx, false)
	c := cron.New(cron.WithLocation(s.zone))
	c.Schedule(s.sched, cron.FuncJob(func() { s.tick(ctx, false) }))
	c.Schedule(cron.Every(s.o.RetryEvery), cron.FuncJob(func() { s.tick(ctx, true) }))
	c.Start()
	<-ctx.Done()
	<-c.Stop().Done()
	return nil
}

// tick runs RunDue and logs its failure; onlyPending skips the run unless
// the last one failed.
func (s *Scheduler) tick(ctx context.Context, onlyPending bool) {
	if !s.running.TryLock() {
		return
	}
	defer s.running.Unlock()
	s.mu.Lock()
	skip := onlyPending && !s.pending
	s.mu.Unlock()
	if skip {
		return
	}
	err := s.RunDue(ctx, s.o.Now())
	s.mu.Lock()
	s.pending = err != nil
	s.mu.Unlock()
	if err != nil && ctx.Err() == nil {
		s.o.Log.Error("digest run failed; will try again", "retry_in", s.o.RetryEvery.String(), "err", err)
	}
}

// Due returns the week whose digest is due at now and the scheduled time
// it was due at: the last finished ISO week before the latest firing of the
// schedule at or before now. ok is false if the schedule never fired in the
// past year.
func (s *Scheduler) Due(now time.Time) (p Period, scheduled time.Time, ok bool) {
	fire, ok := s.lastFire(now)
	if !ok {
		return Period{}, time.Time{}, false
	}
	return LastFinishedWeek(fire, s.zone), fire, true
}

// lastFire finds the latest time at or before now that the schedule fires.
// cron only computes forward, so it walks forward from a window back.
func (s *Scheduler) lastFire(now time.Time) (time.Time, bool) {
	for _, back := range []time.Duration{8 * 24 * time.Hour, 32 * 24 * time.Hour, 367 * 24 * time.Hour} {
		t := s.sched.Next(now.Add(-back))
		if t.IsZero() || t.After(now) {
			continue
		}
		for {
			n := s.sched.Next(t)
			if n.IsZero() || n.After(now) {
				return t, true
			}
			t = n
		}
	}
	return time.Time{}, false
}

// RunDue posts, to every destination, the digest due at now and any week
// missed since the destination's last posted digest (at most CatchUp
// weeks). A digest posted more than LateAfter after its scheduled time, or
// for an earlier week, is marked late. A destination's digest that another
// replica holds or has posted is skipped. Cron calls it with the clock's
// time; tests call it directly.
func (s *Scheduler) RunDue(ctx context.Context, now time.Time) error {
	due, fire, ok := s.Due(now)
	if !ok {
		return nil
	}
	composed := map[string]composedDigest{}
	var errs []error
	for _, dest := range s.names {
		weeks, err := s.missed(ctx, dest, due)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, p := range weeks {
			late := p.Week != due.Week || now.Sub(fire) > s.o.LateAfter
			if _, err := s.post(ctx, dest, p, composed, now, late, false); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// missed lists the weeks up to due that dest still needs, oldest first.
func (s *Scheduler) missed(ctx context.Context, dest string, due Period) ([]Period, error) {
	last, err := s.o.Store.LastPostedDigest(ctx, dest)
	if err != nil {
		return nil, fmt.Errorf("digest to %s: last posted: %w", dest, err)
	}
	if last == "" {
		return []Period{due}, nil
	}
	lp, err := ParseWeek(last, s.zone)
	if err != nil {
		return nil, fmt.Errorf("digest to %s: stored period: %w", dest, err)
	}
	var out []Period
	for p := lp.Next(); !p.From.After(due.From); p = p.Next() {
		out = append(out, p)
	}
	if len(out) == 0 {
		// A later week was posted by hand; the due one may still be
		// missing, and its claim says whether it is.
		out = []Period{due}
	}
	if len(out) > s.o.CatchUp {
		s.o.Log.Warn("digest: too many missed weeks; posting the latest only",
			"destination", dest, "missed", len(out), "posting", s.o.CatchUp)
		out = out[len(out)-s.o.CatchUp:]
	}
	return out, nil
}

type composedDigest struct {
	d     Digest
	chart []byte
}

// PostResult says what happened to one destination's digest.
type PostResult struct {
	Destination string
	// Posted is false when the week was already posted or claimed.
	Posted bool
	Err    error
}

// Post posts week p's digest now to every destination, unless it is
// already posted or claimed there; force posts it even then (and records
// it). The digest command's --post uses it.
func (s *Scheduler) Post(ctx context.Context, p Period, force bool) []PostResult {
	composed := map[string]composedDigest{}
	now := s.o.Now()
	var out []PostResult
	for _, dest := range s.names {
		posted, err := s.post(ctx, dest, p, composed, now, false, force)
		out = append(out, PostResult{Destination: dest, Posted: posted, Err: err})
	}
	return out
}

// post claims week p for dest, posts it with retries and records it. On a
// failed post the claim is released so that the next run tries again: a
// post that failed after the platform took it may then show twice, which
// is better than a week never shown. A crash between claim and record
// leaves a claim that others take over once Lease has passed.
func (s *Scheduler) post(ctx context.Context, dest string, p Period, cache map[string]composedDigest, now time.Time, late, force bool) (bool, error) {
	log := s.o.Log.With("destination", dest, "week", p.Week)
	if !force {
		ok, err := s.o.Store.ClaimDigest(ctx, p.Week, dest, s.o.Claimant, now, now.Add(-s.o.Lease))
		if err != nil {
			return false, fmt.Errorf("digest %s to %s: claim: %w", p.Week, dest, err)
		}
		if !ok {
			log.Debug("digest already posted or claimed")
			return false, nil
		}
	}
	c, ok := cache[p.Week]
	if !ok {
		d, err := ComposeDigest(ctx, s.o.Store, p)
		if err != nil {
			s.release(ctx, dest, p, force)
			return false, err
		}
		c.d = d
		if s.o.Chart != nil {
			png, err := s.o.Chart(d)
			if err != nil {
				// The text stands without the chart.
				log.Warn("digest chart failed; posting without it", "err", err)
			} else {
				c.chart = png
			}
		}
		cache[p.Week] = c
	}
	d := c.d
	d.Late = late
	err := Retry(ctx, s.o.Retry, func(ctx context.Context) error {
		return s.o.Posters[dest].PostDigest(ctx, d, c.chart)
	})
	if err != nil {
		s.release(ctx, dest, p, force)
		return false, fmt.Errorf("digest %s to %s: post: %w", p.Week, dest, err)
	}
	s.o.Metrics.DigestPosted(dest)
	if err := s.o.Store.MarkDigestPosted(context.WithoutCancel(ctx), p.Week, dest, s.o.Claimant, s.o.Now(), late); err != nil {
		// Posted but not recorded: the claim stays, so nobody posts it
		// again before the lease ends.
		return true, fmt.Errorf("digest %s to %s: posted, but recording it failed: %w", p.Week, dest, err)
	}
	log.Info("digest posted", "late", late, "total", d.Total)
	return true, nil
}

func (s *Scheduler) release(ctx context.Context, dest string, p Period, force bool) {
	if force {
		return
	}
	if err := s.o.Store.ReleaseDigest(context.WithoutCancel(ctx), p.Week, dest, s.o.Claimant); err != nil {
		s.o.Log.Error("digest claim not released; it expires after the lease",
			"destination", dest, "week", p.Week, "lease", s.o.Lease.String(), "err", err)
	}
}
