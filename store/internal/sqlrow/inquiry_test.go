package sqlrow

import (
	"database/sql"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/triage"
)

// argsRow is a Row that hands back the arguments of a write, as a driver
// would after storing them: what a test of the codec's round trip needs.
type argsRow []any

func (r argsRow) Scan(dest ...any) error {
	if len(dest) != len(r) {
		return fmt.Errorf("scan: %d destinations for %d columns", len(dest), len(r))
	}
	for i, d := range dest {
		if err := assign(d, r[i]); err != nil {
			return fmt.Errorf("column %d: %w", i, err)
		}
	}
	return nil
}

// assign stores src in dest for the few types the codec scans into.
func assign(dest, src any) error {
	if s, ok := dest.(sql.Scanner); ok {
		return s.Scan(src)
	}
	switch d := dest.(type) {
	case *[]byte:
		if src != nil {
			*d = []byte(src.(string))
		}
		return nil
	case **string:
		if src != nil {
			v := src.(string)
			*d = &v
		}
		return nil
	}
	v := reflect.ValueOf(src)
	t := reflect.ValueOf(dest).Elem()
	if src == nil || !v.Type().AssignableTo(t.Type()) {
		return fmt.Errorf("cannot store %T in %T", src, dest)
	}
	t.Set(v)
	return nil
}

// textTime is a text-time dialect's scan destination (as SQLite's).
type textTime struct{ t *time.Time }

func (d textTime) Scan(src any) error {
	var err error
	*d.t, err = time.Parse(time.RFC3339Nano, src.(string))
	return err
}

var dialects = map[string]Dialect{
	"native times": {
		Time:     func(t time.Time) any { return t },
		TimeDest: func(t *time.Time) any { return t },
	},
	"text times": {
		Time:     func(t time.Time) any { return t.UTC().Format(time.RFC3339Nano) },
		TimeDest: func(t *time.Time) any { return textTime{t} },
	},
}

func TestInquiryRoundTrip(t *testing.T) {
	plus8 := time.FixedZone("UTC+8", 8*3600)
	at := time.Date(2026, 3, 4, 5, 6, 7, 891234567, plus8)
	full := bot.Inquiry{
		ID: 7, Platform: "telegram", ChatID: "c1", UserID: "u1", UserName: "Ana", UserHandle: "ana",
		Texts:      []string{"first turn", "second turn"},
		Cues:       triage.Cues{Quantity: &triage.Range{Min: 200, Max: 300}, SupplyChain: true},
		Model:      triage.Model("OEM"),
		Confidence: 0.75,
		Warnings:   []string{"w1"},
		Language:   "pt",
		Declined:   []triage.Cue{triage.CueBudget, triage.CueLeadTime},
		Ready:      true,
		Status:     bot.StatusClaimed, Assignee: "rep", Override: triage.Model("ODM"), OverrideBy: "lead",
		ImportKey:      "file:12",
		FirstMessageAt: at, CreatedAt: at.Add(time.Minute), UpdatedAt: at.Add(time.Hour),
	}
	empty := bot.Inquiry{ID: 8, Texts: []string{}, Warnings: []string{}}
	bare := bot.Inquiry{ID: 9}
	for dname, d := range dialects {
		for name, in := range map[string]bot.Inquiry{"full": full, "empty lists": empty, "nil lists": bare} {
			t.Run(dname+"/"+name, func(t *testing.T) {
				NormalizeInquiry(&in, at)
				a, err := d.InquiryArgs(&in)
				if err != nil {
					t.Fatal(err)
				}
				if n := len(strings.Split(InquiryInsertColumns, ",")); len(a) != n {
					t.Fatalf("%d arguments for %d columns", len(a), n)
				}
				got, err := d.ScanInquiry(append(argsRow{in.ID}, a...))
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, in) {
					t.Errorf("round trip:\n got %+v\nwant %+v", got, in)
				}
			})
		}
	}
}

func TestNormalizeInquiry(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 6789, time.FixedZone("x", -3600))
	var in bot.Inquiry
	NormalizeInquiry(&in, now)
	want := time.Date(2026, 1, 2, 4, 4, 5, 6000, time.UTC)
	if !in.CreatedAt.Equal(want) || in.CreatedAt.Location() != time.UTC || in.UpdatedAt != in.CreatedAt {
		t.Errorf("stamps %v / %v, want %v in UTC", in.CreatedAt, in.UpdatedAt, want)
	}
	if in.Status != bot.StatusOpen {
		t.Errorf("status %q, want %q", in.Status, bot.StatusOpen)
	}
}

func TestInquiryArgsNulls(t *testing.T) {
	a, err := dialects["native times"].InquiryArgs(&bot.Inquiry{})
	if err != nil {
		t.Fatal(err)
	}
	// texts, warnings and import_key are NULL when absent: nil lists stay
	// apart from empty ones, and the unique import key allows many rows
	// without one.
	for _, i := range []int{5, 9, 15} {
		if a[i] != nil {
			t.Errorf("argument %d = %#v, want NULL", i, a[i])
		}
	}
}

func TestScanInquiryBadJSON(t *testing.T) {
	d := dialects["native times"]
	a, err := d.InquiryArgs(&bot.Inquiry{Texts: []string{"x"}})
	if err != nil {
		t.Fatal(err)
	}
	a[5] = "[not json"
	if _, err := d.ScanInquiry(append(argsRow{int64(1)}, a...)); err == nil || !strings.Contains(err.Error(), "decode texts") {
		t.Errorf("ScanInquiry of bad texts: %v, want a decode texts error", err)
	}
}
