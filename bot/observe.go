package bot

import "time"

// Observer is what the Core reports for the operator: counts of messages
// and errors, and the engine's time. Package metrics implements it with
// Prometheus collectors; Options.Metrics nil reports nothing.
type Observer interface {
	Received(platform string)
	Duplicate(platform string)
	Handled(platform, model string)
	Capped(platform string)
	ObserveTriage(d time.Duration)
	// Error counts an error of a kind ("store", "triage_panic", ...).
	Error(kind string)
}

// SendObserver is what the Dispatcher reports: sends, their retries and
// failures, and the outbox's depth.
type SendObserver interface {
	Sent(platform, kind string, delay time.Duration)
	SendRetried(platform, reason string)
	SendDeferred(platform string)
	SendUnknown(platform string)
	SendFailed(platform string)
	Outbox(depth int, oldest time.Duration)
	Error(kind string)
}

// DigestObserver is what the Scheduler reports: each digest posted.
type DigestObserver interface {
	DigestPosted(destination string)
}

// nopObserver reports nothing: the default of every observer option.
type nopObserver struct{}

func (nopObserver) Received(string)                    {}
func (nopObserver) Duplicate(string)                   {}
func (nopObserver) Handled(string, string)             {}
func (nopObserver) Capped(string)                      {}
func (nopObserver) ObserveTriage(time.Duration)        {}
func (nopObserver) Error(string)                       {}
func (nopObserver) Sent(string, string, time.Duration) {}
func (nopObserver) SendRetried(string, string)         {}
func (nopObserver) SendDeferred(string)                {}
func (nopObserver) SendUnknown(string)                 {}
func (nopObserver) SendFailed(string)                  {}
func (nopObserver) Outbox(int, time.Duration)          {}
func (nopObserver) DigestPosted(string)                {}
