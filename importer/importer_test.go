package importer_test

import (
	"bufio"
	"strings"
	"testing"
	"time"

	"github.com/triagebot/triagebot/importer"
)

func read(t *testing.T, csv bool, in string) (recs []importer.Record, bad []string) {
	t.Helper()
	zone := time.FixedZone("WIB", 7*3600)
	o := importer.Options{Zone: zone, Bad: func(n int, reason, _ string) { bad = append(bad, reason) }}
	f := importer.ReadJSONL
	if csv {
		f = importer.ReadCSV
	}
	err := f(bufio.NewReader(strings.NewReader(in)), o, func(r importer.Record) bool { recs = append(recs, r); return true })
	if err != nil {
		t.Fatal(err)
	}
	return recs, bad
}

func TestReadJSONL(t *testing.T) {
	in := "\ufeff{\"text\":\"a\",\"sent_at\":\"2026-11-16\"}\r\n\nnot json\n{\"text\":\"\",\"sent_at\":\"2026-11-16\"}\n{\"text\":\"b\",\"sent_at\":\"2026-11-17T10:00:00Z\",\"user\":\"u\"}"
	recs, bad := read(t, false, in)
	if len(recs) != 2 || recs[0].Text != "a" || recs[1].User != "u" || recs[1].Line != 5 {
		t.Fatalf("records = %+v", recs)
	}
	// A date is midnight in the zone given, the one sent_at rule.
	if want := time.Date(2026, 11, 15, 17, 0, 0, 0, time.UTC); !recs[0].Sent.Equal(want) {
		t.Errorf("sent = %v, want %v", recs[0].Sent, want)
	}
	if strings.Join(bad, "|") != "not a JSON object of strings text, sent_at, channel, user|no text" {
		t.Errorf("bad = %q", bad)
	}
	if recs[0].Key() == recs[1].Key() {
		t.Error("two records share a key")
	}
}

func TestReadCSV(t *testing.T) {
	recs, bad := read(t, true, "Text,sent_at,channel\n\"two\nlines\",2026-11-16,alibaba\nx,someday,\n")
	if len(recs) != 1 || recs[0].Text != "two\nlines" || recs[0].Channel != "alibaba" || recs[0].Line != 2 {
		t.Errorf("records = %+v", recs)
	}
	if len(bad) != 1 || bad[0] != "bad sent_at" {
		t.Errorf("bad = %q", bad)
	}
}
