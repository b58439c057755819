package telegram

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/triagebot/triagebot/internal/testkit"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/metrics"
)

// fakeCore is a hand-written Core: Accept calls its function field.
type fakeCore struct {
	AcceptFunc func(ctx context.Context, msg bot.Message) (bool, error)
}

var _ Core = (*fakeCore)(nil)

// patience bounds every wait of these tests for something to happen: only a
// failure bound (a passing test never waits it out), long enough for a
// machine loaded many times over, as CI's is.
const patience = 30 * time.Second

func (c *fakeCore) Accept(ctx context.Context, msg bot.Message) (bool, error) {
	return c.AcceptFunc(ctx, msg)
}

// memCore is a fakeCore with memory standing in for the core and the
// dispatcher: it de-duplicates accepted events, answers each fresh one with
// reply(msg) through the adapter's Send once, and remembers what it was
// given and what Send returned.
type memCore struct {
	fakeCore
	reply     func(bot.Message) bot.Reply
	sender    bot.Sender
	mu        sync.Mutex
	accepted  map[string]bot.Message
	handled   []bot.Message
	delivered []string
	results   []error
}

// startWith is called by newHarness with the adapter.
func (c *memCore) startWith(_ *testing.T, s bot.Sender) { c.sender = s }

func newMemCore(reply func(bot.Message) bot.Reply) *memCore {
	c := &memCore{accepted: map[string]bot.Message{}, reply: reply}
	c.AcceptFunc = func(_ context.Context, m bot.Message) (bool, error) {
		c.mu.Lock()
		defer c.mu.Unlock()
		if _, ok := c.accepted[m.EventID]; ok {
			return false, nil
		}
		c.accepted[m.EventID] = m
		c.handled = append(c.handled, m)
		go c.send(m)
		return true, nil
	}
	return c
}

// send is the dispatcher's part: one Send of the reply to m.
func (c *memCore) send(m bot.Message) {
	r := c.reply(m)
	o := bot.Outgoing{ID: 1, Platform: bot.PlatformTelegram, Target: m.ChatID, Kind: bot.KindReply,
		Attempts: 1, Payload: bot.Payload{Message: &m, Reply: &r}}
	ctx, cancel := context.WithTimeout(context.Background(), patience)
	defer cancel()
	_, err := c.sender.Send(ctx, o)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.results = append(c.results, err)
	if err == nil {
		c.delivered = append(c.delivered, m.EventID)
	}
}

func (c *memCore) sendResults() []error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]error(nil), c.results...)
}

func (c *memCore) handledMsgs() []bot.Message {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]bot.Message(nil), c.handled...)
}

func (c *memCore) deliveredIDs() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.delivered...)
}

// echoReply answers every message with a verdict that repeats the text.
func echoReply(m bot.Message) bot.Reply {
	return bot.Reply{
		Model: "OEM", Headline: "OEM: you bring the design",
		Paragraphs: []string{"You wrote: " + m.Text},
	}
}

// sleeps records the waits the adapter asked for, without waiting.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleeps) all() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// harness is an adapter wired to a fake Bot API server.
type harness struct {
	t       *testing.T
	api     *fakeAPI
	a       *Adapter
	sleeps  *sleeps
	logs    *testkit.SyncBuffer
	metrics *metrics.Metrics
	reg     *prometheus.Registry
}

// newHarness builds (but does not run) an adapter against a new fake.
func newHarness(t *testing.T, core Core, cfg Config) *harness {
	t.Helper()
	h := &harness{t: t, api: newFakeAPI(t), sleeps: &sleeps{}, logs: &testkit.SyncBuffer{}, reg: prometheus.NewRegistry()}
	h.metrics = metrics.New(h.reg)
	cfg.APIURL = h.api.URL()
	cfg.BotToken = testToken
	if cfg.Mode == "" {
		cfg.Mode = ModeWebhook
	}
	if cfg.WebhookSecret == "" {
		cfg.WebhookSecret = "s3cr3t_Token-42"
	}
	o := defaultOptions()
	// A fixed clock, and sleeps that record the waits instead of waiting.
	fixed := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	o.now = func() time.Time { return fixed }
	o.sleep = h.sleeps.sleep
	o.pollTimout = 2 * time.Second
	o.pollWait = 5 * time.Second
	log := slog.New(slog.NewTextHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	a, err := newAdapter(context.Background(), cfg, core, log, h.metrics, o)
	if err != nil {
		t.Fatal(err)
	}
	h.a = a
	if s, ok := core.(interface{ startWith(*testing.T, bot.Sender) }); ok {
		s.startWith(t, a)
	}
	return h
}

// run starts Run and waits until the bot is ready; the test's end stops it
// and checks that Run returned nil.
func (h *harness) run() {
	h.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.a.Run(ctx) }()
	h.t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				h.t.Errorf("Run returned %v, want nil after the context ended", err)
			}
		case <-time.After(patience):
			h.t.Error("Run did not return after the context ended")
		}
	})
	select {
	case <-h.a.ready:
	case err := <-done:
		h.t.Fatalf("Run returned before it was ready: %v", err)
	case <-time.After(patience):
		h.t.Fatal("adapter not ready")
	}
}

// counter reads a counter of the registry by name and label values.
func (h *harness) counter(name string, labels map[string]string) float64 {
	h.t.Helper()
	mfs, err := h.reg.Gather()
	if err != nil {
		h.t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
	next:
		for _, m := range mf.GetMetric() {
			for _, lp := range m.GetLabel() {
				if v, ok := labels[lp.GetName()]; ok && v != lp.GetValue() {
					continue next
				}
			}
			return m.GetCounter().GetValue()
		}
	}
	return 0
}

// fixture reads a file of the Telegram fixtures (copied from the team's
// shared wire-format fixtures; see testdata/fixtures/README.md).
func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := readFixture(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readFixture(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join("testdata", "fixtures", name))
}
