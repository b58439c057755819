package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// httpCollectors count the HTTP requests served, by route and status.
type httpCollectors struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

func newHTTPCollectors(reg prometheus.Registerer) httpCollectors {
	h := httpCollectors{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "triagebot_http_requests_total", Help: "HTTP requests served, by route pattern and status code.",
		}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "triagebot_http_request_seconds", Help: "Time to answer an HTTP request, by route pattern and status code.",
			Buckets: []float64{0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5},
		}, []string{"route", "code"}),
	}
	reg.MustRegister(h.requests, h.latency)
	return h
}

// InstrumentHTTP counts and times each request next serves, labelled with
// the route pattern the ServeMux matched ("POST /slack/events"; "unmatched"
// for none, so that scanners cannot blow up the series) and the status
// code. A nil *Metrics returns next unchanged.
func (m *Metrics) InstrumentHTTP(next http.Handler) http.Handler {
	if m == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		next.ServeHTTP(sw, r)
		// The ServeMux sets r.Pattern as it routes.
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		code := strconv.Itoa(sw.code)
		m.http.requests.WithLabelValues(route, code).Inc()
		m.http.latency.WithLabelValues(route, code).Observe(time.Since(start).Seconds())
	})
}

// statusWriter remembers the status code written through it.
type statusWriter struct {
	http.ResponseWriter
	code        int
	wroteHeader bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wroteHeader {
		w.code, w.wroteHeader = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wroteHeader = true
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the writer's Flush and
// deadlines.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
