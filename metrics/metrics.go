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
	sent         *prometheus.CounterVec
	sendLatency  *prometheus.HistogramVec
	sendUnknown  *prometheus.CounterVec
	sendDeferred *prometheus.CounterVec
	outboxDepth  prometheus.Gauge
	outboxOldest prometheus.Gauge
	capped       *prometheus.CounterVec
	locksLost    *prometheus.CounterVec
	http         httpCollectors
	build        *prometheus.GaugeVec
}

// New registers the collectors with reg.
func New(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		locksLost: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "triagebot_locks_lost_total", Help: "Leader locks lost while held (their database session died), by lock.",
		}, []string{"lock"}),
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
	m.sent = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "triagebot_outbox_sent_total", Help: "Outgoing messages sent from the outbox, by platform and kind.",
	}, []string{"platform", "kind"})
	m.sendLatency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "triagebot_outbox_send_delay_seconds", Help: "Time from an outbox row's creation to its send, by platform.",
		Buckets: []float64{0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 300},
	}, []string{"platform"})
	m.sendUnknown = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "triagebot_send_unknown_total", Help: "Sends whose outcome was unknown (timed out after going out; retried, so possibly delivered twice), by platform.",
	}, []string{"platform"})
	m.sendDeferred = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "triagebot_send_deferred_total", Help: "Sends put back to wait for a rate limit, by platform.",
	}, []string{"platform"})
	m.outboxDepth = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "triagebot_outbox_depth", Help: "Outgoing messages not yet sent (pending or being sent).",
	})
	m.outboxOldest = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "triagebot_outbox_oldest_unsent_seconds", Help: "Age of the oldest outgoing message not yet sent (0: none).",
	})
	m.capped = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "triagebot_messages_capped_total", Help: "Buyer messages stored but not triaged because their chat went over its cap, by platform.",
	}, []string{"platform"})
	reg.MustRegister(m.received, m.handled, m.duplicates, m.errors, m.sendFailures, m.sendRetries, m.triage, m.digests,
		m.sent, m.sendLatency, m.sendUnknown, m.sendDeferred, m.outboxDepth, m.outboxOldest, m.capped, m.locksLost)
	m.http, m.build = newHTTPCollectors(reg), newBuildGauge(reg)
	return m
}

// LockLost counts a leader lock lost while held.
func (m *Metrics) LockLost(name string) {
	if m != nil {
		m.locksLost.WithLabelValues(name).Inc()
	}
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

// Sent counts an outgoing message sent from the outbox, delay after its
// row was written.
func (m *Metrics) Sent(platform, kind string, delay time.Duration) {
	if m != nil {
		m.sent.WithLabelValues(platform, kind).Inc()
		m.sendLatency.WithLabelValues(platform).Observe(delay.Seconds())
	}
}

// SendUnknown counts a send whose outcome was unknown.
func (m *Metrics) SendUnknown(platform string) {
	if m != nil {
		m.sendUnknown.WithLabelValues(platform).Inc()
	}
}

// SendDeferred counts a send put back to wait for a rate limit.
func (m *Metrics) SendDeferred(platform string) {
	if m != nil {
		m.sendDeferred.WithLabelValues(platform).Inc()
	}
}

// Outbox sets the queue's depth and the age of its oldest unsent row.
func (m *Metrics) Outbox(depth int, oldest time.Duration) {
	if m != nil {
		m.outboxDepth.Set(float64(depth))
		m.outboxOldest.Set(oldest.Seconds())
	}
}

// Capped counts a buyer message kept but not triaged (its chat's cap).
func (m *Metrics) Capped(platform string) {
	if m != nil {
		m.capped.WithLabelValues(platform).Inc()
	}
}
