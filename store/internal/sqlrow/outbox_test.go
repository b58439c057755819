package sqlrow

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/triagebot/triagebot/bot"
)

func TestScanOutgoing(t *testing.T) {
	at := time.Date(2026, 5, 6, 7, 8, 9, 123456000, time.FixedZone("UTC-3", -3*3600))
	want := bot.Outgoing{
		ID: 3, Platform: "slack", Target: "C1", Lane: "C1", Kind: bot.OutboxKind("lead_card"), Key: "k1",
		Subject: "inquiry 4", Payload: bot.Payload{InquiryID: 4}, Attempts: 2, Unknown: 1,
		NextAt: at, State: bot.OutboxSending, LastError: "timeout",
		CreatedAt: at.Add(-time.Hour), UpdatedAt: at.Add(-time.Minute),
	}
	payload, err := json.Marshal(want.Payload)
	if err != nil {
		t.Fatal(err)
	}
	for name, d := range dialects {
		t.Run(name, func(t *testing.T) {
			row := argsRow{want.ID, want.Platform, want.Target, want.Lane, string(want.Kind), want.Key, want.Subject,
				string(payload), want.Attempts, want.Unknown, d.Time(want.NextAt), string(want.State), want.LastError,
				d.Time(want.CreatedAt), d.Time(want.UpdatedAt)}
			if n := len(strings.Split(OutboxColumns, ",")); len(row) != n {
				t.Fatalf("%d values for %d columns", len(row), n)
			}
			got, err := d.ScanOutgoing(row)
			if err != nil {
				t.Fatal(err)
			}
			w := want
			w.NextAt, w.CreatedAt, w.UpdatedAt = w.NextAt.UTC(), w.CreatedAt.UTC(), w.UpdatedAt.UTC()
			if !reflect.DeepEqual(got, w) {
				t.Errorf("ScanOutgoing:\n got %+v\nwant %+v", got, w)
			}
		})
	}
}
