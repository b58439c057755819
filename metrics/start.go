package metrics

import "github.com/prometheus/client_golang/prometheus"

// Build describes the running binary for triagebot_build_info.
type Build struct {
	Version, Revision, GoVersion string
}

// models are the engine's verdicts, the model label of handled messages.
var models = []string{"OEM", "ODM", "CM", "UNKNOWN"}

// Start sets triagebot_build_info and creates, at zero, the series of the
// platforms and digest destinations this process serves, so that a
// dashboard and rate() see them before the first event rather than a gap.
func (m *Metrics) Start(b Build, platforms, destinations []string) {
	if m == nil {
		return
	}
	m.build.WithLabelValues(b.Version, b.Revision, b.GoVersion).Set(1)
	for _, p := range platforms {
		m.received.WithLabelValues(p)
		m.duplicates.WithLabelValues(p)
		m.sendFailures.WithLabelValues(p)
		m.capped.WithLabelValues(p)
		for _, model := range models {
			m.handled.WithLabelValues(p, model)
		}
	}
	for _, d := range destinations {
		m.digests.WithLabelValues(d)
	}
}

func newBuildGauge(reg prometheus.Registerer) *prometheus.GaugeVec {
	g := prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "triagebot_build_info", Help: "Always 1; the labels say which build is running.",
	}, []string{"version", "revision", "goversion"})
	reg.MustRegister(g)
	return g
}
