package bot_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/robfig/cron/v3"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/triagebot/triagebot/bot"
)

// memDigests is an in-memory bot.DigestStore with the claim rules of the
// real stores; the aggregates come from fakeStats. The stores' own claim
// behaviour is checked by the storetest suite.
type memDigests struct {
	fakeStats
	mu   sync.Mutex
	rows map[string]*digestRow // period + "|" + destination
}

type digestRow struct {
	claimedAt time.Time
	postedAt  time.Time
	late      bool
	claimedBy string
}

func newMemDigests() *memDigests {
	return &memDigests{fakeStats: fakeStats{stats: bot.DigestStats{Total: 2}}, rows: map[string]*digestRow{}}
}

func (m *memDigests) ClaimDigest(ctx context.Context, period, dest, claimant string, at, staleBefore time.Time) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	r, ok := m.rows[period+"|"+dest]
	if ok && (!r.postedAt.IsZero() || !r.claimedAt.Before(staleBefore)) {
		return false, nil
	}
	m.rows[period+"|"+dest] = &digestRow{claimedAt: at, claimedBy: claimant}
	return true, nil
}

func (m *memDigests) ReleaseDigest(ctx context.Context, period, dest, claimant string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if r, ok := m.rows[period+"|"+dest]; ok && r.postedAt.IsZero() && r.claimedBy == claimant {
		delete(m.rows, period+"|"+dest)
	}
	return nil
}

func (m *memDigests) MarkDigestPosted(ctx context.Context, period, dest, claimant string, at time.Time, late bool) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	r, ok := m.rows[period+"|"+dest]
	if !ok {
		r = &digestRow{claimedAt: at}
		m.rows[period+"|"+dest] = r
	}
	r.postedAt, r.late, r.claimedBy = at, late, claimant
	return nil
}

func (m *memDigests) LastPostedDigest(ctx context.Context, dest string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	last := ""
	for k, r := range m.rows {
		p, d, _ := strings.Cut(k, "|")
		if d == dest && !r.postedAt.IsZero() && p > last {
			last = p
		}
	}
	return last, nil
}

// posted is one call of a recording poster.
type posted struct {
	dest  string
	week  string
	late  bool
	chart int
}

// recorder collects the posts of several fake posters in order.
type recorder struct {
	mu    sync.Mutex
	posts []posted
}

func (r *recorder) list() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, p := range r.posts {
		s := p.dest + " " + p.week
		if p.late {
			s += " late"
		}
		out = append(out, s)
	}
	return out
}

// fakePoster is a hand fake of bot.DigestPoster; post, if set, decides the
// outcome of each call.
type fakePoster struct {
	name string
	rec  *recorder
	post func(call int) error
	mu   sync.Mutex
	n    int
}

var _ bot.DigestPoster = (*fakePoster)(nil)

func (f *fakePoster) PostDigest(ctx context.Context, d bot.Digest, chart []byte) error {
	f.mu.Lock()
	f.n++
	n := f.n
	f.mu.Unlock()
	if f.post != nil {
		if err := f.post(n); err != nil {
			return err
		}
	}
	f.rec.mu.Lock()
	f.rec.posts = append(f.rec.posts, posted{dest: f.name, week: d.Week, late: d.Late, chart: len(chart)})
	f.rec.mu.Unlock()
	return nil
}

// noSleep is a RetryPolicy that never waits for real.
func noSleep() bot.RetryPolicy {
	return bot.RetryPolicy{Attempts: 3, Sleep: func(ctx context.Context, d time.Duration) error { return ctx.Err() }}
}

// jkt parses a wall time in Jakarta.
func jkt(t *testing.T, s string) time.Time {
	t.Helper()
	at, err := time.ParseInLocation("2006-01-02 15:04", s, zone(t, "Asia/Jakarta"))
	if err != nil {
		t.Fatal(err)
	}
	return at
}

func newScheduler(t *testing.T, st bot.DigestStore, posters map[string]bot.DigestPoster, claimant string) *bot.Scheduler {
	t.Helper()
	s, err := bot.NewScheduler(bot.SchedulerOptions{
		Schedule: defaultSchedule(), Store: st, Posters: posters,
		Chart:    func(bot.Digest) ([]byte, error) { return []byte("png"), nil },
		Retry:    noSleep(),
		Claimant: claimant,
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func equal(a, b []string) bool {
	return strings.Join(a, "\n") == strings.Join(b, "\n")
}

func TestSchedulerPostsOncePerWeekAndDestination(t *testing.T) {
	st := newMemDigests()
	rec := &recorder{}
	posters := map[string]bot.DigestPoster{
		"slack":    &fakePoster{name: "slack", rec: rec},
		"telegram": &fakePoster{name: "telegram", rec: rec},
	}
	s := newScheduler(t, st, posters, "a")
	ctx := context.Background()
	// Cron fires at Monday 09:00; a second run the same week (a restart,
	// the retry tick) posts nothing more.
	for _, at := range []string{"2026-11-23 09:00", "2026-11-23 09:00", "2026-11-25 14:00"} {
		if err := s.RunDue(ctx, jkt(t, at)); err != nil {
			t.Fatalf("RunDue(%s): %v", at, err)
		}
	}
	if got, want := rec.list(), []string{"slack 2026-W47", "telegram 2026-W47"}; !equal(got, want) {
		t.Errorf("posts = %q, want %q", got, want)
	}
	// The next week's firing posts the next week.
	if err := s.RunDue(ctx, jkt(t, "2026-11-30 09:00")); err != nil {
		t.Fatal(err)
	}
	if got, want := rec.list(), []string{"slack 2026-W47", "telegram 2026-W47", "slack 2026-W48", "telegram 2026-W48"}; !equal(got, want) {
		t.Errorf("posts = %q, want %q", got, want)
	}
	if rec.posts[0].chart != 3 {
		t.Errorf("chart of %d bytes posted, want the rendered 3", rec.posts[0].chart)
	}
}

func TestSchedulerMissedWeeksArePostedLateAtStart(t *testing.T) {
	tests := []struct {
		name     string
		lastSent string // the last week posted before the downtime ("" none)
		start    string // when the replica starts
		want     []string
	}{
		{"fresh install on a wednesday", "", "2026-11-25 10:00", []string{"slack 2026-W47 late"}},
		{"restart on monday before 09:00: nothing due yet", "2026-W46", "2026-11-23 08:59", nil},
		{"restart right at 09:05, on time", "2026-W46", "2026-11-23 09:05", []string{"slack 2026-W47"}},
		{"down over the scheduled time", "2026-W46", "2026-11-23 11:00", []string{"slack 2026-W47 late"}},
		{"down for three weeks", "2026-W44", "2026-11-24 08:00", []string{"slack 2026-W45 late", "slack 2026-W46 late", "slack 2026-W47 late"}},
		{"down for months: only the latest eight", "2026-W30", "2026-11-24 08:00", []string{
			"slack 2026-W40 late", "slack 2026-W41 late", "slack 2026-W42 late", "slack 2026-W43 late",
			"slack 2026-W44 late", "slack 2026-W45 late", "slack 2026-W46 late", "slack 2026-W47 late"}},
		{"over new year", "2026-W52", "2027-01-11 09:00", []string{"slack 2026-W53 late", "slack 2027-W01"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := newMemDigests()
			if tt.lastSent != "" {
				st.MarkDigestPosted(context.Background(), tt.lastSent, "slack", "old", jkt(t, "2026-01-01 00:00"), false)
			}
			rec := &recorder{}
			s := newScheduler(t, st, map[string]bot.DigestPoster{"slack": &fakePoster{name: "slack", rec: rec}}, "a")
			if err := s.RunDue(context.Background(), jkt(t, tt.start)); err != nil {
				t.Fatal(err)
			}
			if got := rec.list(); !equal(got, tt.want) {
				t.Errorf("posts = %q, want %q", got, tt.want)
			}
			for _, p := range tt.want {
				week := strings.Fields(p)[1]
				r := st.rows[week+"|slack"]
				if r == nil || r.postedAt.IsZero() || r.late != strings.HasSuffix(p, "late") {
					t.Errorf("record of %s = %+v, want posted, late=%v", week, r, strings.HasSuffix(p, "late"))
				}
			}
		})
	}
}

func TestSchedulerRetriesAndReleasesFailedPosts(t *testing.T) {
	ctx := context.Background()
	t.Run("retryable errors are retried", func(t *testing.T) {
		st, rec := newMemDigests(), &recorder{}
		p := &fakePoster{name: "slack", rec: rec, post: func(n int) error {
			if n < 3 {
				return &bot.RetryableError{Err: errors.New("429"), Reason: "rate_limited", After: time.Hour}
			}
			return nil
		}}
		s := newScheduler(t, st, map[string]bot.DigestPoster{"slack": p}, "a")
		if err := s.RunDue(ctx, jkt(t, "2026-11-23 09:00")); err != nil {
			t.Fatal(err)
		}
		if got := rec.list(); !equal(got, []string{"slack 2026-W47"}) || p.n != 3 {
			t.Errorf("posts = %q after %d calls, want one after 3", got, p.n)
		}
	})
	t.Run("a failed post is released and posted by the next run", func(t *testing.T) {
		st, rec := newMemDigests(), &recorder{}
		fail := true
		p := &fakePoster{name: "slack", rec: rec, post: func(n int) error {
			if fail {
				return errors.New("channel_not_found")
			}
			return nil
		}}
		s := newScheduler(t, st, map[string]bot.DigestPoster{"slack": p}, "a")
		err := s.RunDue(ctx, jkt(t, "2026-11-23 09:00"))
		if err == nil || !strings.Contains(err.Error(), "channel_not_found") || !strings.Contains(err.Error(), "2026-W47") {
			t.Fatalf("RunDue with a failing poster: err = %v, want the week and the cause", err)
		}
		if p.n != 1 {
			t.Errorf("a permanent error was tried %d times, want 1", p.n)
		}
		if _, held := st.rows["2026-W47|slack"]; held {
			t.Errorf("the claim of a failed post was kept; nobody would post it")
		}
		fail = false
		if err := s.RunDue(ctx, jkt(t, "2026-11-23 09:15")); err != nil {
			t.Fatal(err)
		}
		if got := rec.list(); !equal(got, []string{"slack 2026-W47"}) {
			t.Errorf("posts = %q, want W47 once", got)
		}
	})
	t.Run("a crashed claimant's claim is taken over after the lease", func(t *testing.T) {
		st, rec := newMemDigests(), &recorder{}
		st.ClaimDigest(ctx, "2026-W47", "slack", "dead", jkt(t, "2026-11-23 09:00"), time.Time{})
		s := newScheduler(t, st, map[string]bot.DigestPoster{"slack": &fakePoster{name: "slack", rec: rec}}, "a")
		if err := s.RunDue(ctx, jkt(t, "2026-11-23 09:20")); err != nil {
			t.Fatal(err)
		}
		if len(rec.list()) != 0 {
			t.Fatalf("posted %q while another replica's claim was fresh", rec.list())
		}
		if err := s.RunDue(ctx, jkt(t, "2026-11-23 09:31")); err != nil {
			t.Fatal(err)
		}
		if got := rec.list(); !equal(got, []string{"slack 2026-W47 late"}) {
			t.Errorf("posts = %q, want W47 late once the lease ran out", got)
		}
	})
}

func TestSchedulersRacingPostOnce(t *testing.T) {
	st, rec := newMemDigests(), &recorder{}
	var wg sync.WaitGroup
	for i := range 8 {
		s := newScheduler(t, st, map[string]bot.DigestPoster{
			"slack":    &fakePoster{name: "slack", rec: rec},
			"telegram": &fakePoster{name: "telegram", rec: rec},
		}, fmt.Sprint("replica-", i))
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := s.RunDue(context.Background(), jkt(t, "2026-11-23 09:00")); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if got := rec.list(); len(got) != 2 {
		t.Errorf("8 replicas posted %q, want one per destination", got)
	}
}

func TestSchedulerForcedPost(t *testing.T) {
	st, rec := newMemDigests(), &recorder{}
	s := newScheduler(t, st, map[string]bot.DigestPoster{"slack": &fakePoster{name: "slack", rec: rec}}, "cli")
	w, _ := bot.ParseWeek("2026-W47", s.Zone())
	ctx := context.Background()
	for i, force := range []bool{false, false, true} {
		res := s.Post(ctx, w, force)
		if len(res) != 1 || res[0].Err != nil || res[0].Posted != (i != 1) {
			t.Errorf("Post #%d (force=%v) = %+v, want posted=%v", i+1, force, res, i != 1)
		}
	}
	if got := rec.list(); len(got) != 2 {
		t.Errorf("posts = %q, want 2 (the second is refused, the forced one goes out)", got)
	}
}

func TestSchedulerChartFailureStillPosts(t *testing.T) {
	st, rec := newMemDigests(), &recorder{}
	s, err := bot.NewScheduler(bot.SchedulerOptions{
		Schedule: defaultSchedule(), Store: st, Retry: noSleep(),
		Posters: map[string]bot.DigestPoster{"slack": &fakePoster{name: "slack", rec: rec}},
		Chart:   func(bot.Digest) ([]byte, error) { return nil, errors.New("no fonts") },
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RunDue(context.Background(), jkt(t, "2026-11-23 09:00")); err != nil {
		t.Fatal(err)
	}
	if len(rec.posts) != 1 || rec.posts[0].chart != 0 {
		t.Errorf("posts = %+v, want one without a chart", rec.posts)
	}
}

func TestSchedulerWithoutDestinations(t *testing.T) {
	var buf bytes.Buffer
	s, err := bot.NewScheduler(bot.SchedulerOptions{
		Schedule: defaultSchedule(), Store: newMemDigests(),
		Log: slog.New(slog.NewTextHandler(&buf, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := s.Run(ctx); err != nil {
		t.Fatalf("Run without destinations = %v, want nil at once", err)
	}
	if !strings.Contains(buf.String(), "digest off") || !strings.Contains(buf.String(), "digest.slack_channel") {
		t.Errorf("log = %q, want it to say the digest is off and which keys to set", buf.String())
	}
}

func TestSchedulerRunStopsWithContext(t *testing.T) {
	st, rec := newMemDigests(), &recorder{}
	now := jkt(t, "2026-11-24 10:00")
	first := make(chan struct{})
	s, err := bot.NewScheduler(bot.SchedulerOptions{
		Schedule: defaultSchedule(), Store: st, Retry: noSleep(),
		Posters: map[string]bot.DigestPoster{"slack": &fakePoster{name: "slack", rec: rec, post: func(n int) error {
			if n == 1 {
				close(first)
			}
			return nil
		}}},
		Now: func() time.Time { return now },
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- s.Run(ctx) }()
	// Run posts the missed week at start before it waits for the schedule.
	select {
	case <-first:
	case err := <-done:
		t.Fatalf("Run returned before posting: %v", err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run = %v after cancel, want nil", err)
	}
	if got := rec.list(); !equal(got, []string{"slack 2026-W47 late"}) {
		t.Errorf("posts = %q, want W47 late at start", got)
	}
}

func TestNewSchedulerZone(t *testing.T) {
	if _, err := bot.NewScheduler(bot.SchedulerOptions{Store: newMemDigests()}); err == nil {
		t.Error("NewScheduler without a Schedule: no error")
	}
	berlin, err := cron.ParseStandard("CRON_TZ=Europe/Berlin 30 8 * * MON")
	if err != nil {
		t.Fatal(err)
	}
	s, err := bot.NewScheduler(bot.SchedulerOptions{Schedule: berlin, Store: newMemDigests()})
	if err != nil || s.Zone().String() != "Europe/Berlin" {
		t.Errorf("NewScheduler with CRON_TZ=Europe/Berlin: zone %v, err %v; want the schedule's zone", s.Zone(), err)
	}
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	s, err = bot.NewScheduler(bot.SchedulerOptions{Schedule: berlin, Zone: tokyo, Store: newMemDigests()})
	if err != nil || s.Zone() != tokyo {
		t.Errorf("NewScheduler with Zone Asia/Tokyo: zone %v, err %v; want the given zone", s.Zone(), err)
	}
}

// defaultSchedule is bot.DefaultDigestSchedule parsed, as the
// configuration hands it to the scheduler.
func defaultSchedule() cron.Schedule {
	s, err := cron.ParseStandard(bot.DefaultDigestSchedule)
	if err != nil {
		panic(err) // a constant
	}
	return s
}
