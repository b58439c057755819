package metrics

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/triagebot/triagebot/bot"
)

// The collectors are what bot observes.
var (
	_ bot.Observer       = (*Metrics)(nil)
	_ bot.SendObserver   = (*Metrics)(nil)
	_ bot.DigestObserver = (*Metrics)(nil)
)

func TestInstrumentHTTP(t *testing.T) {
	m := New(prometheus.NewRegistry())
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") == "gone" {
			http.Error(w, "gone", http.StatusGone)
			return
		}
		w.Write([]byte("ok"))
	})
	h := m.InstrumentHTTP(mux)
	for _, path := range []string{"/items/1", "/items/2", "/items/gone", "/wp-login.php"} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", path, nil))
	}
	tests := []struct {
		route, code string
		want        float64
	}{
		{"GET /items/{id}", "200", 2},
		{"GET /items/{id}", "410", 1},
		{"unmatched", "404", 1},
	}
	for _, tt := range tests {
		if got := testutil.ToFloat64(m.http.requests.WithLabelValues(tt.route, tt.code)); got != tt.want {
			t.Errorf("requests{route=%q,code=%s} = %v, want %v", tt.route, tt.code, got, tt.want)
		}
	}
	if n := testutil.CollectAndCount(m.http.latency); n != 3 {
		t.Errorf("latency series = %d, want 3", n)
	}
}

func TestStartShowsZeroSeriesAndBuild(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := New(reg)
	m.Start(Build{Version: "v1.0.0", Revision: "abc", GoVersion: "go1.26"}, []string{"telegram"}, []string{"slack:C1"})
	for name, want := range map[string]int{
		"triagebot_build_info":              1,
		"triagebot_messages_received_total": 1,
		"triagebot_messages_handled_total":  4, // one per model
		"triagebot_digests_posted_total":    1,
	} {
		if n, err := testutil.GatherAndCount(reg, name); err != nil || n != want {
			t.Errorf("%s: %d series (err %v), want %d", name, n, err, want)
		}
	}
	if v := testutil.ToFloat64(m.build.WithLabelValues("v1.0.0", "abc", "go1.26")); v != 1 {
		t.Errorf("build_info = %v, want 1", v)
	}
	if v := testutil.ToFloat64(m.digests.WithLabelValues("slack:C1")); v != 0 {
		t.Errorf("digests before any post = %v, want 0", v)
	}
	var nilM *Metrics
	nilM.Start(Build{}, []string{"x"}, nil)
	if nilM.InstrumentHTTP(http.NotFoundHandler()) == nil {
		t.Error("nil Metrics: InstrumentHTTP returned nil")
	}
}
