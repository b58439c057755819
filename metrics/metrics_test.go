package metrics

import (
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

func TestNilMetricsRecordNothing(t *testing.T) {
	var m *Metrics // tools and tests pass nil
	m.Received("telegram")
	m.Handled("telegram", "OEM")
	m.Duplicate("slack")
	m.Error("store")
	m.SendFailed("slack")
	m.SendRetried("slack", "rate_limited")
	m.ObserveTriage(time.Millisecond)
	m.DigestPosted("slack:C1")
}

func TestCounters(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := New(reg)
	m.Received("telegram")
	m.Received("telegram")
	m.Handled("telegram", "OEM")
	m.SendFailed("slack")
	m.ObserveTriage(15 * time.Microsecond)
	tests := []struct {
		c    prometheus.Collector
		want float64
	}{
		{m.received.WithLabelValues("telegram"), 2},
		{m.handled.WithLabelValues("telegram", "OEM"), 1},
		{m.sendFailures.WithLabelValues("slack"), 1},
		{m.sendFailures.WithLabelValues("telegram"), 0},
	}
	for i, tt := range tests {
		if got := testutil.ToFloat64(tt.c); got != tt.want {
			t.Errorf("counter %d = %v, want %v", i, got, tt.want)
		}
	}
	if n, err := testutil.GatherAndCount(reg, "triagebot_triage_seconds"); err != nil || n != 1 {
		t.Errorf("triage histogram series = %d, %v; want 1", n, err)
	}
	names, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range names {
		if !strings.HasPrefix(f.GetName(), "triagebot_") {
			t.Errorf("metric %q lacks the triagebot_ prefix", f.GetName())
		}
	}
}
