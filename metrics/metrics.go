// Package metrics holds triagebot's Prometheus collectors. A nil *Metrics
// is valid and records nothing, so tests and tools can pass nil.
package metrics

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the collectors every part of triagebot reports to. Safe for
// concurrent use.
type Metrics struct {
	received     *prometheus.CounterVec
	handled      *prometheus.CounterVec
	duplicates   *prometheus.CounterVec
	errors       *prometheus.CounterVec
	sendFailures *prometheus.CounterVec
	sendRetries  *prometheus.CounterVec
	triage       prometheus.Histogram
	digests      *prometheus.CounterVec
}

// New registers the collectors with reg.
func New(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		received: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "triagebot_messages_received_total", Help: "Messages received, by platform.",
		}, []string{"platform"}),
		handled: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "triagebot_messages_handled_total", Help: "Messages triaged and answered, by platform and model.",
		}, []string{"platform", "model"}),
		duplicates: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "triagebot_duplicate_events_total", Help: "Platform retries and redeliveries dropped, by platform.",
		}, []string{"platform"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "triagebot_errors_total", Help: "Errors, by kind.",
		}, []string{"kind"}),
		sendFailures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "triagebot_send_failures_total", Help: "Outgoing messages given up on, by platform.",
		}, []string{"platform"}),
		sendRetries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "triagebot_send_retries_total", Help: "Outgoing message retries, by platform and reason.",
		}, []string{"platform", "reason"}),
		triage: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "triagebot_triage_seconds",
			Help:    "Time to triage one message (engine only).",
			Buckets: []float64{5e-6, 1e-5, 2e-5, 5e-5, 1e-4, 5e-4, 1e-3, 5e-3, 0.05},
		}),
		digests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "triagebot_digests_posted_total", Help: "Weekly digests posted, by destination.",
		}, []string{"destination"}),
	}
	reg.MustRegister(m.received, m.handled, m.duplicates, m.errors, m.sendFailures, m.sendRetries, m.triage, m.digests)
	return m
}

// Received counts an incoming message.
func (m *Metrics) Received(platform string) {
	if m != nil {
		m.received.WithLabelValues(platform).Inc()
	}
}

// Handled counts a triaged message.
func (m *Metrics) Handled(platform, model string) {
	if m != nil {
		m.handled.WithLabelValues(platform, model).Inc()
	}
}

// Duplicate counts a dropped redelivery.
func (m *Metrics) Duplicate(platform string) {
	if m != nil {
		m.duplicates.WithLabelValues(platform).Inc()
	}
}

// Error counts an error of a kind ("store", "triage", "send", "bad_request", ...).
func (m *Metrics) Error(kind string) {
	if m != nil {
		m.errors.WithLabelValues(kind).Inc()
	}
}

// SendFailed counts an outgoing message given up on.
func (m *Metrics) SendFailed(platform string) {
	if m != nil {
		m.sendFailures.WithLabelValues(platform).Inc()
	}
}

// SendRetried counts one retry of an outgoing message.
func (m *Metrics) SendRetried(platform, reason string) {
	if m != nil {
		m.sendRetries.WithLabelValues(platform, reason).Inc()
	}
}

// ObserveTriage records the engine's time for one message.
func (m *Metrics) ObserveTriage(d time.Duration) {
	if m != nil {
		m.triage.Observe(d.Seconds())
	}
}

// DigestPosted counts a posted digest.
func (m *Metrics) DigestPosted(destination string) {
	if m != nil {
		m.digests.WithLabelValues(destination).Inc()
	}
}
