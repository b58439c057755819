package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/robfig/cron/v3"
	"sync"
	"testing"
	"time"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/triage"
)

// DigestBackend is a store that keeps inquiries and computes digests.
type DigestBackend interface {
	bot.InquiryStore
	bot.DigestStore
}

// RunDigest runs the contract suite of bot.DigestStore. open must return a
// fresh, migrated, empty store and close it when t ends; subtests run in
// parallel.
func RunDigest(t *testing.T, open func(t *testing.T) DigestBackend) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s DigestBackend)
	}{
		{"Stats", testDigestStats},
		{"EmptyWeek", testDigestEmptyWeek},
		{"Claims", testDigestClaims},
		{"ConcurrentClaims", testDigestConcurrentClaims},
		{"SchedulersRacing", testDigestSchedulersRacing},
		{"SchedulerCatchUpAndRetry", testDigestSchedulerCatchUp},
		{"ImportInquiries", testImportInquiries},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.fn(t, open(t))
		})
	}
}

// Jakarta returns the Asia/Jakarta zone, the default digest zone.
func Jakarta() *time.Location {
	loc, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		// Fixed +07:00 with the same name: Jakarta has no daylight saving.
		return time.FixedZone("Asia/Jakarta", 7*60*60)
	}
	return loc
}

// SampleWeek is the ISO week of SampleInquiries: 2026-W47 in Jakarta.
func SampleWeek() bot.Period {
	p, err := bot.ParseWeek("2026-W47", Jakarta())
	if err != nil {
		panic(err) // a constant week; cannot fail
	}
	return p
}

// SampleInquiries is a fixed set of inquiries around SampleWeek: seven in
// the week (one a day, at the day and week boundaries too), one at the
// exact end of the week (next week's) and two the week before.
func SampleInquiries() []bot.Inquiry {
	loc := Jakarta()
	at := func(day, hour, minute, sec, nsec int) time.Time {
		return time.Date(2026, time.November, day, hour, minute, sec, nsec, loc).UTC()
	}
	in := func(platform, user, name, handle string, model triage.Model, c triage.Cues, created time.Time, wait time.Duration) bot.Inquiry {
		return bot.Inquiry{
			Platform: platform, ChatID: "chat-" + user, UserID: user, UserName: name, UserHandle: handle,
			Texts: []string{"sample inquiry of " + user}, Cues: c, Model: model, Confidence: 0.8,
			Warnings: []string{}, Language: "en", Status: bot.StatusOpen,
			ImportKey: "sample-" + user, FirstMessageAt: created.Add(-wait), CreatedAt: created, UpdatedAt: created,
		}
	}
	rng := func(lo, hi int64) *triage.Range { return &triage.Range{Min: lo, Max: hi} }
	usd := func(lo, hi float64) *triage.Money {
		return &triage.Money{Min: lo, Max: hi, Currency: "USD", USDMin: lo, USDMax: hi}
	}
	budi := in("telegram", "u1", "Budi Santoso", "budi", triage.OEM, triage.Cues{
		Quantity: rng(10000, 12000), Ownership: triage.OwnerBuyer, LeadTimeDays: rng(60, 60),
		Budget: &triage.Money{Min: 1.9e9, Max: 2.1e9, Currency: "IDR", USDMin: 120000, USDMax: 132000},
	}, at(16, 9, 0, 0, 0), 2*time.Minute)
	budi.Status, budi.Assignee, budi.Override, budi.OverrideBy = bot.StatusClaimed, "ana", triage.ODM, "ana"
	kim := in("slack", "u2", "", "kim", triage.OEM, triage.Cues{
		Quantity: rng(3000, 3000), Budget: usd(40000, 40000), Ownership: triage.OwnerBuyer,
	}, at(17, 0, 0, 0, 0), 30*time.Second)
	ali := in("alibaba", "ali-77", "", "", triage.ODM, triage.Cues{
		Quantity: rng(500, 800), Budget: usd(6000, 9000), Ownership: triage.OwnerFactory, LeadTimeDays: rng(30, 45),
	}, at(18, 23, 59, 59, 0), 10*time.Minute)
	ali.Status, ali.Assignee, ali.Override, ali.OverrideBy = bot.StatusClaimed, "rio", triage.ODM, "rio"
	siti := in("telegram", "u4", "Siti", "", "", triage.Cues{}, at(19, 12, 0, 0, 0), time.Hour)
	lee := in("telegram", "u5", "Lee", "", triage.CM, triage.Cues{
		Quantity: rng(20000, 20000), Ownership: triage.OwnerBuyer, SupplyChain: true,
	}, at(20, 15, 0, 0, 0), 5*time.Minute)
	dewi := in("slack", "u6", "Dewi & Co <HK>", "", triage.ODM, triage.Cues{
		Quantity: rng(1000, 1000), Budget: usd(40000, 40000),
	}, at(21, 18, 0, 0, 0), 3*time.Minute)
	edge := in("telegram", "u7", "Edge *case*", "", triage.Unknown, triage.Cues{
		Quantity: rng(50, 50),
	}, at(22, 23, 59, 59, 999999000), 0)
	next := in("telegram", "u8", "Next week", "", triage.OEM, triage.Cues{Quantity: rng(5000, 5000)}, at(23, 0, 0, 0, 0), time.Minute)
	prev1 := in("telegram", "u9", "Last week", "", triage.ODM, triage.Cues{}, at(15, 23, 59, 59, 0), time.Minute)
	prev2 := in("slack", "u10", "Last week too", "", triage.CM, triage.Cues{}, at(11, 10, 0, 0, 0), time.Minute)
	return []bot.Inquiry{budi, kim, ali, siti, lee, dewi, edge, next, prev1, prev2}
}

// SampleDigest is the digest of SampleWeek over SampleInquiries, stored in
// order into an empty store (so inquiry ids are 1, 2, …). Adapter tests
// render it for their golden files.
func SampleDigest() bot.Digest {
	p := SampleWeek()
	days := p.Days()
	changed := 1 // computed at run time, as the store's figure is
	byDay := []triage.Model{triage.OEM, triage.OEM, triage.ODM, triage.Unknown, triage.CM, triage.ODM, triage.Unknown}
	d := bot.Digest{
		Week: p.Week, From: p.From, To: p.To, Zone: p.From.Location().String(),
		Total: 7, PreviousTotal: 2,
		ByModel:      map[triage.Model]int64{triage.OEM: 2, triage.ODM: 2, triage.CM: 1, triage.Unknown: 2},
		ByChannel:    map[string]int64{"telegram": 4, "slack": 2, "alibaba": 1},
		Units:        34550,
		UnitsByModel: map[triage.Model]int64{triage.OEM: 13000, triage.ODM: 1500, triage.CM: 20000, triage.Unknown: 50},
		USD:          206000,
		USDByModel:   map[triage.Model]float64{triage.OEM: 160000, triage.ODM: 46000, triage.CM: 0, triage.Unknown: 0},
		TopLeads: []bot.Lead{
			{InquiryID: 1, Buyer: "Budi Santoso", Channel: "telegram", Model: triage.OEM, Override: triage.ODM, Assignee: "ana", Units: 10000, USD: 120000},
			{InquiryID: 2, Buyer: "@kim", Channel: "slack", Model: triage.OEM, Units: 3000, USD: 40000},
			{InquiryID: 6, Buyer: "Dewi & Co <HK>", Channel: "slack", Model: triage.ODM, Units: 1000, USD: 40000},
			{InquiryID: 3, Buyer: "ali-77", Channel: "alibaba", Model: triage.ODM, Override: triage.ODM, Assignee: "rio", Units: 500, USD: 6000},
			{InquiryID: 5, Buyer: "Lee", Channel: "telegram", Model: triage.CM, Units: 20000, USD: 0},
		},
		Missing: map[triage.Cue]float64{
			triage.CueOwnership: 3.0 / 7, triage.CueQuantity: 1.0 / 7, triage.CueBudget: 3.0 / 7, triage.CueLeadTime: 5.0 / 7,
		},
		Claimed: 2, Unclaimed: 5, Overrides: 2, Changed: 1, Agreement: 1 - float64(changed)/7,
		MedianTriageSeconds: 180,
	}
	for i, m := range byDay {
		dc := bot.DayCount{Date: days[i].Format(time.DateOnly), ByModel: map[triage.Model]int64{}}
		for _, mm := range bot.DigestModels() {
			dc.ByModel[mm] = 0
		}
		dc.ByModel[m] = 1
		d.Days = append(d.Days, dc)
	}
	return d
}

// importSample stores SampleInquiries in order and returns their ids.
func importSample(t *testing.T, s DigestBackend) []int64 {
	t.Helper()
	var ids []int64
	for _, in := range SampleInquiries() {
		fresh, err := s.ImportInquiry(context.Background(), &in)
		if err != nil || !fresh {
			t.Fatalf("ImportInquiry(%s) = %v, %v; want true, nil", in.ImportKey, fresh, err)
		}
		ids = append(ids, in.ID)
	}
	return ids
}

// jsonEqual compares two values by their JSON, which is what the digest's
// consumers see (and ignores *time.Location identity).
func jsonEqual(t *testing.T, what string, got, want any) {
	t.Helper()
	g, err := json.MarshalIndent(got, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	w, err := json.MarshalIndent(want, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if string(g) != string(w) {
		t.Errorf("%s:\n got %s\nwant %s", what, g, w)
	}
}

func testDigestStats(t *testing.T, s DigestBackend) {
	ids := importSample(t, s)
	want := SampleDigest()
	for i := range want.TopLeads {
		// Map the fresh-store ids of SampleDigest to the ones given.
		want.TopLeads[i].InquiryID = ids[want.TopLeads[i].InquiryID-1]
	}
	got, err := bot.ComposeDigest(context.Background(), s, SampleWeek())
	if err != nil {
		t.Fatalf("ComposeDigest: %v", err)
	}
	// Shares are compared to the percent the renderers show, sums exactly.
	for _, c := range bot.DigestCues() {
		if diff := got.Missing[c] - want.Missing[c]; diff > 1e-9 || diff < -1e-9 {
			t.Errorf("Missing[%s] = %v, want %v", c, got.Missing[c], want.Missing[c])
		}
		got.Missing[c] = want.Missing[c]
	}
	jsonEqual(t, "digest of the sample week", got, want)

	st, err := s.DigestStats(context.Background(), SampleWeek())
	if err != nil {
		t.Fatal(err)
	}
	if st.MedianTriage != 3*time.Minute {
		t.Errorf("MedianTriage = %v, want 3m (of 0s, 30s, 2m, 3m, 5m, 10m, 1h)", st.MedianTriage)
	}
	// An even count takes the mean of the middle two: the week without its
	// last day holds 30s, 2m, 3m, 5m, 10m, 1h.
	p := SampleWeek()
	p.To = p.Days()[6]
	st, err = s.DigestStats(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if st.Total != 6 || st.MedianTriage != 4*time.Minute {
		t.Errorf("six days: Total %d, MedianTriage %v; want 6, 4m", st.Total, st.MedianTriage)
	}
	n, err := s.CountInquiries(context.Background(), SampleWeek().From, SampleWeek().To)
	if err != nil || n != 7 {
		t.Errorf("CountInquiries(sample week) = %d, %v; want 7, nil", n, err)
	}
}

func testDigestEmptyWeek(t *testing.T, s DigestBackend) {
	importSample(t, s)
	p, err := bot.ParseWeek("2026-W40", Jakarta())
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.DigestStats(context.Background(), p)
	if err != nil {
		t.Fatalf("DigestStats of an empty week: %v", err)
	}
	if st.Total != 0 || len(st.TopLeads) != 0 || st.MedianTriage != 0 || len(st.ByDay) != 7 {
		t.Errorf("empty week: Total %d, TopLeads %v, MedianTriage %v, %d days; want 0, none, 0, 7",
			st.Total, st.TopLeads, st.MedianTriage, len(st.ByDay))
	}
	d, err := bot.ComposeDigest(context.Background(), s, p)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Empty() || d.ByModel[triage.OEM] != 0 || len(d.ByModel) != 4 {
		t.Errorf("empty digest = %+v, want Empty with four zero models", d)
	}
}

func testDigestClaims(t *testing.T, s DigestBackend) {
	ctx := context.Background()
	t0 := time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)
	lease := 30 * time.Minute
	claim := func(period, dest, who string, at time.Time) bool {
		t.Helper()
		ok, err := s.ClaimDigest(ctx, period, dest, who, at, at.Add(-lease))
		if err != nil {
			t.Fatalf("ClaimDigest(%s, %s, %s): %v", period, dest, who, err)
		}
		return ok
	}
	last := func(dest string) string {
		t.Helper()
		p, err := s.LastPostedDigest(ctx, dest)
		if err != nil {
			t.Fatalf("LastPostedDigest(%s): %v", dest, err)
		}
		return p
	}
	steps := []struct {
		name string
		do   func() bool
		want bool
	}{
		{"first claim", func() bool { return claim("2026-W47", "slack", "a", t0) }, true},
		{"another replica, fresh claim", func() bool { return claim("2026-W47", "slack", "b", t0.Add(time.Minute)) }, false},
		{"same week, other destination", func() bool { return claim("2026-W47", "telegram", "b", t0) }, true},
		{"stale claim is taken over", func() bool { return claim("2026-W47", "slack", "b", t0.Add(lease+time.Second)) }, true},
		{"the old holder cannot release it", func() bool {
			if err := s.ReleaseDigest(ctx, "2026-W47", "slack", "a"); err != nil {
				t.Fatal(err)
			}
			return claim("2026-W47", "slack", "c", t0.Add(lease+2*time.Second))
		}, false},
		{"the holder releases it, others claim", func() bool {
			if err := s.ReleaseDigest(ctx, "2026-W47", "slack", "b"); err != nil {
				t.Fatal(err)
			}
			return claim("2026-W47", "slack", "c", t0.Add(lease+3*time.Second))
		}, true},
		{"posted is never claimed again, however old", func() bool {
			if err := s.MarkDigestPosted(ctx, "2026-W47", "slack", "c", t0.Add(lease+4*time.Second), true); err != nil {
				t.Fatal(err)
			}
			if err := s.ReleaseDigest(ctx, "2026-W47", "slack", "c"); err != nil {
				t.Fatal(err)
			}
			return claim("2026-W47", "slack", "d", t0.Add(1000*time.Hour))
		}, false},
	}
	for _, st := range steps {
		if got := st.do(); got != st.want {
			t.Fatalf("%s: claimed = %v, want %v", st.name, got, st.want)
		}
	}
	if p := last("slack"); p != "2026-W47" {
		t.Errorf("LastPostedDigest(slack) = %q, want 2026-W47", p)
	}
	if p := last("telegram"); p != "" {
		t.Errorf("LastPostedDigest(telegram) = %q, want none: W47 is only claimed there", p)
	}
	// A forced post records a week nobody claimed; the latest one counts,
	// also across the new year.
	for _, w := range []string{"2026-W53", "2027-W01", "2026-W50"} {
		if err := s.MarkDigestPosted(ctx, w, "slack", "cli", t0, false); err != nil {
			t.Fatalf("MarkDigestPosted(%s) without a claim: %v", w, err)
		}
	}
	if p := last("slack"); p != "2027-W01" {
		t.Errorf("LastPostedDigest(slack) = %q, want 2027-W01", p)
	}
	if p := last("nowhere"); p != "" {
		t.Errorf("LastPostedDigest(nowhere) = %q, want \"\"", p)
	}
}

func testDigestConcurrentClaims(t *testing.T, s DigestBackend) {
	const n = 12
	at := time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		won  int
		errs []error
	)
	for i := range n {
		wg.Go(func() {
			ok, err := s.ClaimDigest(context.Background(), "2026-W47", "slack", fmt.Sprint("replica-", i), at, at.Add(-time.Minute))
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, err)
			}
			if ok {
				won++
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("concurrent ClaimDigest: %v", err)
	}
	if won != 1 {
		t.Errorf("%d concurrent claims of one week: %d won, want exactly 1", n, won)
	}
}

// countingPoster is a bot.DigestPoster that counts posts per week.
type countingPoster struct {
	mu    sync.Mutex
	weeks map[string]int
}

func (p *countingPoster) PostDigest(ctx context.Context, d bot.Digest, chart []byte) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.weeks[d.Week]++
	return nil
}

func testDigestSchedulersRacing(t *testing.T, s DigestBackend) {
	importSample(t, s)
	posters := map[string]*countingPoster{"slack": {weeks: map[string]int{}}, "telegram": {weeks: map[string]int{}}}
	const replicas = 4
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, Jakarta())
	var wg sync.WaitGroup
	errs := make([]error, replicas)
	for i := range replicas {
		sched, err := bot.NewScheduler(bot.SchedulerOptions{
			Schedule: defaultSchedule(), Store: s, Claimant: fmt.Sprint("replica-", i),
			Posters: map[string]bot.DigestPoster{"slack": posters["slack"], "telegram": posters["telegram"]},
			Now:     func() time.Time { return now },
		})
		if err != nil {
			t.Fatal(err)
		}
		wg.Go(func() { errs[i] = sched.RunDue(context.Background(), now) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("RunDue: %v", err)
	}
	for dest, p := range posters {
		if len(p.weeks) != 1 || p.weeks["2026-W47"] != 1 {
			t.Errorf("%d replicas racing posted to %s: %v, want 2026-W47 once", replicas, dest, p.weeks)
		}
		last, err := s.LastPostedDigest(context.Background(), dest)
		if err != nil || last != "2026-W47" {
			t.Errorf("LastPostedDigest(%s) = %q, %v; want 2026-W47", dest, last, err)
		}
	}
}

// flakyPoster records the weeks it posts and fails while fail is set.
type flakyPoster struct {
	mu    sync.Mutex
	fail  bool
	weeks []string
}

func (p *flakyPoster) PostDigest(ctx context.Context, d bot.Digest, chart []byte) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.fail {
		return errors.New("channel_not_found")
	}
	w := d.Week
	if d.Late {
		w += " late"
	}
	p.weeks = append(p.weeks, w)
	return nil
}

// testDigestSchedulerCatchUp: after a downtime the missed weeks are posted
// at start, late; a post that fails is released and posted by the next run.
func testDigestSchedulerCatchUp(t *testing.T, s DigestBackend) {
	ctx := context.Background()
	importSample(t, s)
	if err := s.MarkDigestPosted(ctx, "2026-W44", "slack", "old", time.Date(2026, 11, 2, 2, 0, 0, 0, time.UTC), false); err != nil {
		t.Fatal(err)
	}
	p := &flakyPoster{fail: true}
	sched, err := bot.NewScheduler(bot.SchedulerOptions{
		Schedule: defaultSchedule(), Store: s, Claimant: "replica",
		Posters: map[string]bot.DigestPoster{"slack": p},
	})
	if err != nil {
		t.Fatal(err)
	}
	// Back on Tuesday after two weeks down, with the channel broken.
	start := time.Date(2026, 11, 24, 8, 0, 0, 0, Jakarta())
	if err := sched.RunDue(ctx, start); err == nil {
		t.Fatal("RunDue with a failing poster: no error")
	}
	if last, _ := s.LastPostedDigest(ctx, "slack"); last != "2026-W44" {
		t.Errorf("after failed posts LastPostedDigest = %q, want 2026-W44", last)
	}
	p.mu.Lock()
	p.fail = false
	p.mu.Unlock()
	if err := sched.RunDue(ctx, start.Add(15*time.Minute)); err != nil {
		t.Fatal(err)
	}
	want := []string{"2026-W45 late", "2026-W46 late", "2026-W47 late"}
	if fmt.Sprint(p.weeks) != fmt.Sprint(want) {
		t.Errorf("posted %q, want %q", p.weeks, want)
	}
	if last, _ := s.LastPostedDigest(ctx, "slack"); last != "2026-W47" {
		t.Errorf("LastPostedDigest = %q, want 2026-W47", last)
	}
}

// batchImporter is the optional batch import of a store (`triagebot
// import` uses it when the store has it).
type batchImporter interface {
	ImportInquiries(ctx context.Context, ins []*bot.Inquiry) ([]bool, error)
}

func testImportInquiries(t *testing.T, s DigestBackend) {
	bi, ok := s.(batchImporter)
	if !ok {
		t.Skip("the store has no batch import")
	}
	ctx := context.Background()
	sample := SampleInquiries()
	first := sample[0]
	if fresh, err := s.ImportInquiry(ctx, &first); err != nil || !fresh {
		t.Fatalf("ImportInquiry = %v, %v", fresh, err)
	}
	again, twice := sample[0], sample[1]
	batch := []*bot.Inquiry{&sample[1], &again, &sample[2], &twice}
	fresh, err := bi.ImportInquiries(ctx, batch)
	if err != nil {
		t.Fatalf("ImportInquiries: %v", err)
	}
	if want := []bool{true, false, true, false}; fmt.Sprint(fresh) != fmt.Sprint(want) {
		t.Errorf("fresh = %v, want %v (new, stored before, new, twice in the batch)", fresh, want)
	}
	for _, i := range []int{0, 2} {
		got, err := s.Inquiry(ctx, batch[i].ID)
		if err != nil || got.ImportKey != batch[i].ImportKey {
			t.Errorf("Inquiry(%d) = %+v, %v; want the imported %s", batch[i].ID, got, err, batch[i].ImportKey)
		}
	}
	if n, err := s.CountInquiries(ctx, time.Time{}, time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil || n != 3 {
		t.Errorf("CountInquiries = %d, %v; want 3", n, err)
	}
	bad := sample[3]
	bad.ImportKey = ""
	fourth := sample[4]
	if _, err := bi.ImportInquiries(ctx, []*bot.Inquiry{&fourth, &bad}); err == nil {
		t.Errorf("ImportInquiries with an empty key: no error")
	}
	if n, _ := s.CountInquiries(ctx, time.Time{}, time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC)); n != 3 {
		t.Errorf("a failed batch stored part of itself: %d inquiries, want 3", n)
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
