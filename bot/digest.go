package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/triagebot/triagebot/triage"
)

// DigestModels returns the four models in the order a digest shows them.
func DigestModels() []triage.Model {
	return []triage.Model{triage.OEM, triage.ODM, triage.CM, triage.Unknown}
}

// DigestCues returns the cues whose absence a digest reports, in order.
func DigestCues() []triage.Cue {
	return []triage.Cue{triage.CueOwnership, triage.CueQuantity, triage.CueBudget, triage.CueLeadTime}
}

// TopLeadCount is how many of the largest leads a digest lists.
const TopLeadCount = 5

// Period is one ISO week in a time zone: From is Monday 00:00 and To the
// next Monday 00:00 in that zone, so the period is [From, To).
type Period struct {
	// Week is the ISO week label, e.g. "2026-W47".
	Week string
	From time.Time
	To   time.Time
}

// WeekOf returns the ISO week that contains t in loc.
func WeekOf(t time.Time, loc *time.Location) Period {
	t = t.In(loc)
	// Monday is day 0 of an ISO week.
	back := (int(t.Weekday()) + 6) % 7
	from := time.Date(t.Year(), t.Month(), t.Day()-back, 0, 0, 0, 0, loc)
	to := time.Date(from.Year(), from.Month(), from.Day()+7, 0, 0, 0, 0, loc)
	y, w := from.ISOWeek()
	return Period{Week: fmt.Sprintf("%04d-W%02d", y, w), From: from, To: to}
}

// LastFinishedWeek returns the latest ISO week in loc that ended at or
// before t: on a Monday it is the week that ended at midnight.
func LastFinishedWeek(t time.Time, loc *time.Location) Period {
	return WeekOf(WeekOf(t, loc).From.AddDate(0, 0, -1), loc)
}

// Previous returns the ISO week before p, in p's zone.
func (p Period) Previous() Period {
	return WeekOf(p.From.AddDate(0, 0, -1), p.From.Location())
}

// Next returns the ISO week after p, in p's zone.
func (p Period) Next() Period {
	return WeekOf(p.To, p.To.Location())
}

// Days returns the eight boundaries of the period's days in its zone: the
// start of each of the seven days, then To. Days are calendar days, so a
// daylight-saving change makes one of them 23 or 25 hours long.
func (p Period) Days() []time.Time {
	out := make([]time.Time, 8)
	for i := range 8 {
		out[i] = time.Date(p.From.Year(), p.From.Month(), p.From.Day()+i, 0, 0, 0, 0, p.From.Location())
	}
	return out
}

// ParseWeek reads an ISO week label such as "2026-W47" and returns that week
// in loc.
func ParseWeek(s string, loc *time.Location) (Period, error) {
	ys, ws, ok := strings.Cut(strings.TrimSpace(s), "-W")
	if !ok {
		ys, ws, ok = strings.Cut(strings.TrimSpace(s), "-w")
	}
	y, yerr := strconv.Atoi(ys)
	w, werr := strconv.Atoi(ws)
	if !ok || yerr != nil || werr != nil || len(ys) != 4 || len(ws) != 2 || w < 1 || w > 53 {
		return Period{}, fmt.Errorf("bot: week %q is not an ISO week like 2026-W47", s)
	}
	// 4 January is always in week 1.
	jan4 := time.Date(y, time.January, 4, 0, 0, 0, 0, loc)
	p := WeekOf(jan4, loc)
	from := time.Date(p.From.Year(), p.From.Month(), p.From.Day()+7*(w-1), 0, 0, 0, 0, loc)
	p = WeekOf(from, loc)
	if gy, gw := p.From.ISOWeek(); gy != y || gw != w {
		return Period{}, fmt.Errorf("bot: week %q does not exist: %d has no week %d", s, y, w)
	}
	return p, nil
}

// Lead is one of the largest leads of a digest.
type Lead struct {
	InquiryID int64        `json:"inquiry_id"`
	Buyer     string       `json:"buyer"`
	Channel   string       `json:"channel"`
	Model     triage.Model `json:"model"`
	Override  triage.Model `json:"override,omitempty"`
	Assignee  string       `json:"assignee,omitempty"`
	Units     int64        `json:"units"`
	USD       float64      `json:"usd"`
}

// DayCount is the number of inquiries of one day of the week, by model.
type DayCount struct {
	// Date is the day in the digest's zone, YYYY-MM-DD.
	Date    string                 `json:"date"`
	ByModel map[triage.Model]int64 `json:"by_model"`
}

// DigestStats is what a store computes for one period with aggregate
// queries. Units and USD count each inquiry at the lower bound of its range;
// inquiries without the cue add nothing.
type DigestStats struct {
	Total        int64
	ByModel      map[triage.Model]int64
	ByChannel    map[string]int64
	UnitsByModel map[triage.Model]int64
	USDByModel   map[triage.Model]float64
	// TopLeads are the TopLeadCount largest inquiries by USD, then units,
	// then the earliest first.
	TopLeads []Lead
	// Missing counts the inquiries without each cue.
	Missing map[triage.Cue]int64
	Claimed int64
	// Overridden counts inquiries with an override; Changed those whose
	// override differs from the engine's model.
	Overridden int64
	Changed    int64
	// MedianTriage is the median time from the buyer's first message to the
	// inquiry being triaged (zero when Total is zero).
	MedianTriage time.Duration
	// ByDay counts inquiries per day of the period (len 7), by model.
	ByDay []map[triage.Model]int64
}

// DigestStore is what the digest needs from storage: aggregates over a
// period and the record of posted digests. Implementations compute the
// aggregates in the database, without loading every inquiry.
type DigestStore interface {
	// DigestStats aggregates the inquiries created in [p.From, p.To).
	DigestStats(ctx context.Context, p Period) (DigestStats, error)
	// CountInquiries counts the inquiries created in [from, to).
	CountInquiries(ctx context.Context, from, to time.Time) (int64, error)

	// ClaimDigest records that claimant is posting period's digest to
	// destination. It returns true when the claim is taken: no record
	// exists, or an unposted claim is older than staleBefore (its claimant
	// is presumed dead). A posted digest is never claimed again.
	ClaimDigest(ctx context.Context, period, destination, claimant string, at, staleBefore time.Time) (bool, error)
	// ReleaseDigest drops claimant's unposted claim, so that a failed post
	// is tried again.
	ReleaseDigest(ctx context.Context, period, destination, claimant string) error
	// MarkDigestPosted records the digest as posted (inserting the record
	// if there is none, as a forced post does).
	MarkDigestPosted(ctx context.Context, period, destination, claimant string, at time.Time, late bool) error
	// LastPostedDigest returns the latest period posted to destination, or
	// "" if none was.
	LastPostedDigest(ctx context.Context, destination string) (string, error)
}

// Digest is the weekly summary managers read. It holds plain values only;
// adapters render it in their platform's format.
type Digest struct {
	Week string    `json:"week"`
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
	Zone string    `json:"zone"`

	Total         int64                  `json:"total"`
	PreviousTotal int64                  `json:"previous_total"`
	ByModel       map[triage.Model]int64 `json:"by_model"`
	ByChannel     map[string]int64       `json:"by_channel"`

	Units        int64                    `json:"units"`
	UnitsByModel map[triage.Model]int64   `json:"units_by_model"`
	USD          float64                  `json:"usd"`
	USDByModel   map[triage.Model]float64 `json:"usd_by_model"`
	TopLeads     []Lead                   `json:"top_leads"`

	// Missing is the share (0..1) of inquiries without each cue.
	Missing map[triage.Cue]float64 `json:"missing"`

	Claimed   int64 `json:"claimed"`
	Unclaimed int64 `json:"unclaimed"`
	// Overrides counts inquiries whose model a sales rep set; Changed
	// those where it differs from the engine's. Agreement is the share of
	// the week's inquiries whose engine model sales did not change.
	Overrides int64   `json:"overrides"`
	Changed   int64   `json:"changed"`
	Agreement float64 `json:"agreement"`

	MedianTriageSeconds float64    `json:"median_triage_seconds"`
	Days                []DayCount `json:"days"`

	// Late is set when the digest is posted after its scheduled time.
	Late bool `json:"late,omitempty"`
}

// Empty reports whether the week had no inquiries.
func (d Digest) Empty() bool { return d.Total == 0 }

// ComposeDigest builds the digest of period p from the store.
func ComposeDigest(ctx context.Context, st DigestStore, p Period) (Digest, error) {
	s, err := st.DigestStats(ctx, p)
	if err != nil {
		return Digest{}, fmt.Errorf("digest %s: %w", p.Week, err)
	}
	prev := p.Previous()
	prevTotal, err := st.CountInquiries(ctx, prev.From, prev.To)
	if err != nil {
		return Digest{}, fmt.Errorf("digest %s: previous week: %w", p.Week, err)
	}
	d := Digest{
		Week: p.Week, From: p.From, To: p.To, Zone: p.From.Location().String(),
		Total: s.Total, PreviousTotal: prevTotal,
		ByModel: map[triage.Model]int64{}, ByChannel: map[string]int64{},
		UnitsByModel: map[triage.Model]int64{}, USDByModel: map[triage.Model]float64{},
		TopLeads: s.TopLeads, Missing: map[triage.Cue]float64{},
		Claimed: s.Claimed, Unclaimed: s.Total - s.Claimed,
		Overrides: s.Overridden, Changed: s.Changed,
		MedianTriageSeconds: s.MedianTriage.Seconds(),
	}
	if d.TopLeads == nil {
		d.TopLeads = []Lead{}
	}
	for _, m := range DigestModels() {
		d.ByModel[m] = s.ByModel[m]
		d.UnitsByModel[m] = s.UnitsByModel[m]
		d.USDByModel[m] = s.USDByModel[m]
		d.Units += s.UnitsByModel[m]
		d.USD += s.USDByModel[m]
	}
	for ch, n := range s.ByChannel {
		d.ByChannel[ch] = n
	}
	for _, c := range DigestCues() {
		d.Missing[c] = share(s.Missing[c], s.Total)
	}
	d.Agreement = 1 - share(s.Changed, s.Total)
	if s.Total == 0 {
		d.Agreement = 0
	}
	days := p.Days()
	for i := range 7 {
		dc := DayCount{Date: days[i].Format(time.DateOnly), ByModel: map[triage.Model]int64{}}
		for _, m := range DigestModels() {
			if i < len(s.ByDay) {
				dc.ByModel[m] = s.ByDay[i][m]
			} else {
				dc.ByModel[m] = 0
			}
		}
		d.Days = append(d.Days, dc)
	}
	return d, nil
}

func share(n, total int64) float64 {
	if total == 0 {
		return 0
	}
	return float64(n) / float64(total)
}
