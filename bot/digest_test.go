package bot_test

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/internal/testkit"
	"github.com/triagebot/triagebot/triage"
)

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	testkit.Golden(t, filepath.Join("testdata", name), []byte(got))
}

func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("LoadLocation(%q): %v", name, err)
	}
	return loc
}

func TestWeekOfAndLastFinishedWeek(t *testing.T) {
	jkt := zone(t, "Asia/Jakarta")
	ny := zone(t, "America/New_York")
	tests := []struct {
		name     string
		at       string // RFC 3339
		loc      *time.Location
		week     string
		from, to string
		lastWeek string
	}{
		{"monday 09:00 jakarta", "2026-11-23T09:00:00+07:00", jkt, "2026-W48", "2026-11-23T00:00:00+07:00", "2026-11-30T00:00:00+07:00", "2026-W47"},
		{"monday 00:00 exactly starts the week", "2026-11-23T00:00:00+07:00", jkt, "2026-W48", "2026-11-23T00:00:00+07:00", "2026-11-30T00:00:00+07:00", "2026-W47"},
		{"sunday 23:59 is still the old week", "2026-11-22T23:59:59+07:00", jkt, "2026-W47", "2026-11-16T00:00:00+07:00", "2026-11-23T00:00:00+07:00", "2026-W46"},
		// 20:00 UTC on Sunday is already Monday 03:00 in Jakarta.
		{"same instant, jakarta", "2026-11-22T20:00:00Z", jkt, "2026-W48", "2026-11-23T00:00:00+07:00", "2026-11-30T00:00:00+07:00", "2026-W47"},
		{"same instant, utc", "2026-11-22T20:00:00Z", time.UTC, "2026-W47", "2026-11-16T00:00:00Z", "2026-11-23T00:00:00Z", "2026-W46"},
		{"same instant, new york", "2026-11-22T20:00:00Z", ny, "2026-W47", "2026-11-16T00:00:00-05:00", "2026-11-23T00:00:00-05:00", "2026-W46"},
		// 2026 has 53 ISO weeks; W53 runs from 28 Dec 2026 into 2027.
		{"new year's day 2027 is in 2026-W53", "2027-01-01T12:00:00+07:00", jkt, "2026-W53", "2026-12-28T00:00:00+07:00", "2027-01-04T00:00:00+07:00", "2026-W52"},
		{"first monday of 2027", "2027-01-04T09:00:00+07:00", jkt, "2027-W01", "2027-01-04T00:00:00+07:00", "2027-01-11T00:00:00+07:00", "2026-W53"},
		// 2025-W01 starts on 30 Dec 2024.
		{"30 dec 2024 is 2025-W01", "2024-12-30T10:00:00Z", time.UTC, "2025-W01", "2024-12-30T00:00:00Z", "2025-01-06T00:00:00Z", "2024-W52"},
		// Daylight saving starts on 8 Mar 2026 in New York: a 167-hour week.
		{"dst week", "2026-03-08T12:00:00-04:00", ny, "2026-W10", "2026-03-02T00:00:00-05:00", "2026-03-09T00:00:00-04:00", "2026-W09"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			at, err := time.Parse(time.RFC3339, tt.at)
			if err != nil {
				t.Fatal(err)
			}
			p := bot.WeekOf(at, tt.loc)
			if p.Week != tt.week || p.From.Format(time.RFC3339) != tt.from || p.To.Format(time.RFC3339) != tt.to {
				t.Errorf("WeekOf(%s, %s) = %s [%s, %s), want %s [%s, %s)", tt.at, tt.loc, p.Week,
					p.From.Format(time.RFC3339), p.To.Format(time.RFC3339), tt.week, tt.from, tt.to)
			}
			if got := bot.LastFinishedWeek(at, tt.loc); got.Week != tt.lastWeek {
				t.Errorf("LastFinishedWeek(%s, %s) = %s, want %s", tt.at, tt.loc, got.Week, tt.lastWeek)
			}
			if !p.Previous().To.Equal(p.From) || !p.Next().From.Equal(p.To) {
				t.Errorf("Previous/Next of %s do not adjoin it", p.Week)
			}
			days := p.Days()
			if len(days) != 8 || !days[0].Equal(p.From) || !days[7].Equal(p.To) {
				t.Errorf("Days(%s) = %v, want 8 boundaries from From to To", p.Week, days)
			}
		})
	}
}

func TestParseWeek(t *testing.T) {
	jkt := zone(t, "Asia/Jakarta")
	good := []struct{ in, from, to string }{
		{"2026-W47", "2026-11-16T00:00:00+07:00", "2026-11-23T00:00:00+07:00"},
		{"2026-W01", "2025-12-29T00:00:00+07:00", "2026-01-05T00:00:00+07:00"},
		{"2026-W53", "2026-12-28T00:00:00+07:00", "2027-01-04T00:00:00+07:00"},
		{"2020-W53", "2020-12-28T00:00:00+07:00", "2021-01-04T00:00:00+07:00"},
		{" 2027-w01 ", "2027-01-04T00:00:00+07:00", "2027-01-11T00:00:00+07:00"},
	}
	for _, tt := range good {
		p, err := bot.ParseWeek(tt.in, jkt)
		if err != nil {
			t.Errorf("ParseWeek(%q): %v", tt.in, err)
			continue
		}
		if p.From.Format(time.RFC3339) != tt.from || p.To.Format(time.RFC3339) != tt.to {
			t.Errorf("ParseWeek(%q) = [%s, %s), want [%s, %s)", tt.in, p.From.Format(time.RFC3339), p.To.Format(time.RFC3339), tt.from, tt.to)
		}
		if want := strings.ToUpper(strings.TrimSpace(tt.in)); p.Week != want {
			t.Errorf("ParseWeek(%q).Week = %q, want %q", tt.in, p.Week, want)
		}
	}
	for _, in := range []string{"", "2026", "2026-47", "2026-W0", "2026-W00", "2026-W54", "2025-W53", "26-W01", "2026-Wxx", "W47-2026"} {
		if p, err := bot.ParseWeek(in, jkt); err == nil {
			t.Errorf("ParseWeek(%q) = %s, want an error", in, p.Week)
		}
	}
}

// sampleDigest is a digest with every section filled.
func sampleDigest(t *testing.T) bot.Digest {
	t.Helper()
	p, err := bot.ParseWeek("2026-W47", zone(t, "Asia/Jakarta"))
	if err != nil {
		t.Fatal(err)
	}
	st := fakeStats{stats: bot.DigestStats{
		Total:        6,
		ByModel:      map[triage.Model]int64{triage.OEM: 3, triage.ODM: 1, triage.Unknown: 2},
		ByChannel:    map[string]int64{"telegram": 4, "slack": 1, "alibaba": 1},
		UnitsByModel: map[triage.Model]int64{triage.OEM: 13000, triage.ODM: 500},
		USDByModel:   map[triage.Model]float64{triage.OEM: 160000, triage.ODM: 6000},
		TopLeads: []bot.Lead{
			{InquiryID: 3, Buyer: "Budi <Mirrors & Co>", Channel: "telegram", Model: triage.OEM, Override: triage.ODM, Assignee: "ana", Units: 10000, USD: 120000},
			{InquiryID: 1, Buyer: "@kim_*", Channel: "slack", Model: triage.OEM, Units: 3000, USD: 40000},
			{InquiryID: 2, Buyer: "u123", Channel: "alibaba", Model: triage.ODM, Assignee: "rio", Units: 500, USD: 6000},
		},
		Missing:      map[triage.Cue]int64{triage.CueOwnership: 2, triage.CueQuantity: 3, triage.CueBudget: 3, triage.CueLeadTime: 6},
		Claimed:      2,
		Overridden:   2,
		Changed:      1,
		MedianTriage: 2*time.Minute + 10*time.Second,
		ByDay: []map[triage.Model]int64{
			{triage.OEM: 1}, {}, {triage.ODM: 1, triage.Unknown: 1}, {}, {triage.OEM: 2}, {triage.Unknown: 1}, {},
		},
	}, prev: 4}
	d, err := bot.ComposeDigest(context.Background(), st, p)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// fakeStats is a DigestStore that answers the aggregate queries with fixed
// values; its claim methods are not used.
type fakeStats struct {
	bot.DigestStore
	stats bot.DigestStats
	prev  int64
	err   error
}

func (f fakeStats) DigestStats(ctx context.Context, p bot.Period) (bot.DigestStats, error) {
	return f.stats, f.err
}

func (f fakeStats) CountInquiries(ctx context.Context, from, to time.Time) (int64, error) {
	return f.prev, f.err
}

func TestComposeDigest(t *testing.T) {
	d := sampleDigest(t)
	if d.Units != 13500 || d.USD != 166000 {
		t.Errorf("Units, USD = %d, %v, want 13500, 166000", d.Units, d.USD)
	}
	if d.Unclaimed != 4 {
		t.Errorf("Unclaimed = %d, want 4", d.Unclaimed)
	}
	if d.Missing[triage.CueLeadTime] != 1 || d.Missing[triage.CueOwnership] != 2.0/6 {
		t.Errorf("Missing = %v, want lead_time 1, ownership 1/3", d.Missing)
	}
	if want := 5.0 / 6; d.Agreement != want {
		t.Errorf("Agreement = %v, want %v", d.Agreement, want)
	}
	if len(d.Days) != 7 || d.Days[0].Date != "2026-11-16" || d.Days[6].Date != "2026-11-22" || d.Days[4].ByModel[triage.OEM] != 2 {
		t.Errorf("Days = %+v, want 16..22 Nov with 2 OEM on the 20th", d.Days)
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var obj map[string]any
	if err := json.Unmarshal(b, &obj); err != nil {
		t.Fatal(err)
	}
	if obj["week"] != "2026-W47" || obj["from"] != "2026-11-16T00:00:00+07:00" || obj["to"] != "2026-11-23T00:00:00+07:00" || obj["total"] != 6.0 {
		t.Errorf("JSON head = week %v from %v to %v total %v", obj["week"], obj["from"], obj["to"], obj["total"])
	}
	bm, _ := obj["by_model"].(map[string]any)
	for _, m := range []string{"OEM", "ODM", "CM", "UNKNOWN"} {
		if _, ok := bm[m]; !ok {
			t.Errorf("by_model lacks %s: %v", m, bm)
		}
	}
	if bc, _ := obj["by_channel"].(map[string]any); bc["telegram"] != 4.0 {
		t.Errorf("by_channel = %v, want telegram 4", bc)
	}

	failing := fakeStats{err: errors.New("disk gone")}
	if _, err := bot.ComposeDigest(context.Background(), failing, bot.WeekOf(time.Now(), time.UTC)); err == nil || !strings.Contains(err.Error(), "disk gone") {
		t.Errorf("ComposeDigest with a failing store: err = %v, want it wrapped", err)
	}
}

func TestRenderDigest(t *testing.T) {
	d := sampleDigest(t)
	golden(t, "digest.txt", bot.RenderDigestText(d))
	golden(t, "digest.md", bot.RenderDigestMarkdown(d))

	empty := bot.Digest{Week: d.Week, From: d.From, To: d.To, Zone: d.Zone, PreviousTotal: 4, Late: true}
	golden(t, "digest_empty.txt", bot.RenderDigestText(empty))
	if txt := bot.RenderDigestText(empty); strings.Contains(txt, "OEM") || !strings.Contains(txt, "No inquiries this week") {
		t.Errorf("empty week renders a table or does not say it is empty:\n%s", txt)
	}
}

func TestDigestSummary(t *testing.T) {
	tests := []struct {
		total, prev int64
		want        string
	}{
		{6, 4, "6 inquiries, up 2 from 4 the week before (+50%)."},
		{3, 4, "3 inquiries, down 1 from 4 the week before (−25%)."},
		{1, 1, "1 inquiry, as many as the week before."},
		{1200, 0, "1,200 inquiries, none the week before."},
		{0, 1, "No inquiries this week (1 inquiry the week before)."},
	}
	for _, tt := range tests {
		if got := bot.DigestSummary(bot.Digest{Total: tt.total, PreviousTotal: tt.prev}); got != tt.want {
			t.Errorf("DigestSummary(total %d, previous %d) = %q, want %q", tt.total, tt.prev, got, tt.want)
		}
	}
}

func TestFormat(t *testing.T) {
	for _, tt := range []struct {
		got, want string
	}{
		{bot.FormatCount(0), "0"},
		{bot.FormatCount(999), "999"},
		{bot.FormatCount(1000), "1,000"},
		{bot.FormatCount(-1234567), "-1,234,567"},
		{bot.FormatUSD(1234.5), "USD 1,235"},
		{bot.FormatShare(0.4166), "42%"},
		{bot.FormatDuration(45 * time.Second), "45s"},
		{bot.FormatDuration(130 * time.Second), "2m 10s"},
		{bot.FormatDuration(3*time.Hour + 5*time.Minute), "3h 5m"},
		{bot.FormatDuration(3 * time.Minute), "3m"},
		{bot.FormatDuration(48 * time.Hour), "2d"},
		{bot.FormatDuration(52 * time.Hour), "2d 4h"},
		{bot.MarkdownEscape("a_b*c"), `a\_b\*c`},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
