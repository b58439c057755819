package slack

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/triagebot/triagebot/internal/testkit"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/metrics"
	"github.com/triagebot/triagebot/triage"
)

const testSecret = "8f742231b10e8888abcd99yyyzzz85a5"

// fixtureDir holds copies of the team's shared Slack wire-format fixtures
// (see its README.md for their sources).
const fixtureDir = "testdata/fixtures"

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := readFixtureFile(name)
	if err != nil {
		t.Fatalf("fixture %s: %v", name, err)
	}
	return b
}

func readFixtureFile(name string) ([]byte, error) {
	b, err := os.ReadFile(filepath.Join(fixtureDir, name))
	return bytes.TrimSpace(b), err
}

// fakeCore is a hand-written Core: it records and de-duplicates events
// like the real one, and answers through its function fields. Standing in
// for the core's worker and the dispatcher too, it answers each fresh event
// in order through the adapter's Send (see serve).
type fakeCore struct {
	queue     chan bot.Message
	mu        sync.Mutex
	changed   chan struct{} // closed and replaced on every change
	events    map[string]*fakeEvent
	order     []string
	accepts   []bot.Message
	handled   []bot.Message
	delivered []string
	claims    []string

	HandleFunc   func(msg bot.Message) bot.Reply
	ClaimFunc    func(id int64, user string) (bot.Inquiry, error)
	OverrideFunc func(id int64, model triage.Model, user string) (bot.Inquiry, error)
}

type fakeEvent struct {
	msg       bot.Message
	delivered bool
}

var _ Core = (*fakeCore)(nil)

func newFakeCore() *fakeCore {
	return &fakeCore{events: map[string]*fakeEvent{}, changed: make(chan struct{}), queue: make(chan bot.Message, 4096)}
}

// serve answers the accepted events in order through s until ctx ends, as
// the worker and the dispatcher would: a retryable error is retried (up to
// 5 tries; its Retry-After, or 0, is given to wait), a refusal is given up
// and counted as done, like a sent reply.
func (c *fakeCore) serve(ctx context.Context, s bot.Sender, wait func(time.Duration)) {
	for {
		var msg bot.Message
		select {
		case <-ctx.Done():
			return
		case msg = <-c.queue:
		}
		reply, _ := c.Handle(ctx, msg)
		if reply.Duplicate {
			continue
		}
		o := bot.Outgoing{ID: 1, Platform: bot.PlatformSlack, Target: msg.ChatID, Kind: bot.KindReply,
			Payload: bot.Payload{Message: &msg, Reply: &reply}}
		for try := 1; ; try++ {
			o.Attempts = try
			_, err := s.Send(ctx, o)
			var re *bot.RetryableError
			if errors.As(err, &re) && try < 5 && ctx.Err() == nil {
				wait(re.After)
				continue
			}
			if err == nil || !errors.As(err, &re) {
				c.Delivered(ctx, msg)
			}
			break
		}
	}
}

// notify wakes waiters; c.mu must be held.
func (c *fakeCore) notify() {
	close(c.changed)
	c.changed = make(chan struct{})
}

// waitFor waits until cond holds (called with c.mu held).
func (c *fakeCore) waitFor(t *testing.T, what string, cond func(c *fakeCore) bool) {
	t.Helper()
	deadline := time.NewTimer(waitTimeout)
	defer deadline.Stop()
	for {
		c.mu.Lock()
		ok, ch := cond(c), c.changed
		c.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-ch:
		case <-deadline.C:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func (c *fakeCore) Accept(_ context.Context, msg bot.Message) (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.accepts = append(c.accepts, msg)
	c.notify()
	if _, ok := c.events[msg.EventID]; ok {
		return false, nil
	}
	c.events[msg.EventID] = &fakeEvent{msg: msg}
	c.order = append(c.order, msg.EventID)
	c.queue <- msg
	return true, nil
}

func (c *fakeCore) Handle(_ context.Context, msg bot.Message) (bot.Reply, error) {
	c.mu.Lock()
	if e, ok := c.events[msg.EventID]; ok && e.delivered {
		c.mu.Unlock()
		return bot.Reply{Duplicate: true}, nil
	}
	c.handled = append(c.handled, msg)
	fn := c.HandleFunc
	c.mu.Unlock()
	if fn == nil {
		fn = sampleReplyFor
	}
	return fn(msg), nil
}

func (c *fakeCore) Delivered(_ context.Context, msg bot.Message) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.delivered = append(c.delivered, msg.EventID)
	c.notify()
	if e, ok := c.events[msg.EventID]; ok {
		e.delivered = true
	}
	return nil
}

func (c *fakeCore) Claim(_ context.Context, id int64, user string) (bot.Inquiry, error) {
	c.mu.Lock()
	c.claims = append(c.claims, "claim "+strconv.FormatInt(id, 10)+" "+user)
	fn := c.ClaimFunc
	c.mu.Unlock()
	if fn == nil {
		return bot.Inquiry{ID: id, Assignee: user}, nil
	}
	return fn(id, user)
}

func (c *fakeCore) Override(_ context.Context, id int64, m triage.Model, user string) (bot.Inquiry, error) {
	c.mu.Lock()
	c.claims = append(c.claims, "override "+strconv.FormatInt(id, 10)+" "+string(m)+" "+user)
	fn := c.OverrideFunc
	c.mu.Unlock()
	if fn == nil {
		return bot.Inquiry{ID: id, Override: m, OverrideBy: user}, nil
	}
	return fn(id, m, user)
}

func (c *fakeCore) snapshot() (accepts, handled []bot.Message, delivered, claims []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]bot.Message(nil), c.accepts...), append([]bot.Message(nil), c.handled...),
		append([]string(nil), c.delivered...), append([]string(nil), c.claims...)
}

// sampleReplyFor is a verdict with facts, a warning, an explanation and a
// question with two answers.
func sampleReplyFor(bot.Message) bot.Reply {
	return bot.Reply{
		InquiryID: 7, Language: "en", Model: triage.ODM, Confidence: 0.72,
		Headline: "ODM: the factory's design under your brand",
		Facts: []bot.Fact{
			{Cue: "quantity", Label: "Quantity", Value: "500 units"},
			{Cue: "budget", Label: "Budget", Value: "5,000 EUR (≈ 5,400 USD)"},
		},
		Warnings:   []bot.Warning{{Code: "budget_low", Text: "The budget is below the usual MOQ for <ODM> & up."}},
		Paragraphs: []string{"ODM means you pick from the factory's catalogue; MOQ 300–500."},
		Questions: []triage.Question{{Cue: triage.CueLeadTime, Text: "When do you need the goods?",
			Answers: []string{"within 30 days", "in 60–90 days"}}},
	}
}

// harness runs an Adapter against a fake Slack and a fake core, with its
// HTTP endpoints on a test server.
type harness struct {
	t     *testing.T
	slack *fakeSlack
	core  *fakeCore
	a     *Adapter
	srv   *httptest.Server
	ctx   context.Context

	mu     sync.Mutex
	sleeps []time.Duration
	logs   testkit.SyncBuffer
	reg    *prometheus.Registry
}

// counter returns the value of a counter with the given labels.
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

func newHarness(t *testing.T, mode string, core *fakeCore) *harness {
	t.Helper()
	return newHarnessWith(t, mode, core, nil)
}

// newHarnessWith is newHarness with a chance to tune the adapter before it
// runs.
func newHarnessWith(t *testing.T, mode string, core *fakeCore, tune func(a *Adapter)) *harness {
	t.Helper()
	if core == nil {
		core = newFakeCore()
	}
	h := &harness{t: t, slack: newFakeSlack(t), core: core, reg: prometheus.NewRegistry()}
	cfg := Config{
		APIURL: h.slack.URL(), Mode: mode, SalesChannel: "CSALES",
		BotToken: "xoxb-test", AppToken: "xapp-test", SigningSecret: testSecret,
	}
	a, err := New(cfg, core, slog.New(slog.NewTextHandler(&h.logs, &slog.HandlerOptions{Level: slog.LevelInfo})), metrics.New(h.reg))
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	a.pingInterval = 5 * time.Second
	a.retry.Sleep = func(ctx context.Context, d time.Duration) error {
		h.mu.Lock()
		h.sleeps = append(h.sleeps, d)
		h.mu.Unlock()
		return ctx.Err()
	}
	if tune != nil {
		tune(a)
	}
	h.a = a
	mux := http.NewServeMux()
	a.Register(mux)
	h.srv = httptest.NewServer(mux)

	ctx, cancel := context.WithCancel(context.Background())
	h.ctx = ctx
	a.whoAmI(ctx) // the bot knows itself before the first event
	// Replies go out in order, so a later sentinel proves earlier work done.
	go core.serve(ctx, a, func(d time.Duration) {
		h.mu.Lock()
		h.sleeps = append(h.sleeps, d)
		h.mu.Unlock()
	})
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	for deadline := time.Now().Add(waitTimeout); !a.Ready() && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond) // admin work needs Run's context
	}
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run returned %v, want nil on shutdown", err)
			}
		case <-time.After(waitTimeout):
			t.Errorf("Run did not return after its context ended")
		}
		h.srv.Close()
	})
	return h
}

// hold makes the fake Slack hang every call matching match until the
// returned release is called (also called when the test ends, so that a
// failing test does not hang).
func (h *harness) hold(match func(c apiCall) bool) (release func()) {
	ch := make(chan struct{})
	var once sync.Once
	release = func() { once.Do(func() { close(ch) }) }
	h.t.Cleanup(release)
	h.slack.setHook(func(w http.ResponseWriter, c apiCall) bool {
		if match(c) {
			<-ch
		}
		return false
	})
	return release
}

func sign(secret, ts string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("v0:" + ts + ":"))
	m.Write(body)
	return "v0=" + hex.EncodeToString(m.Sum(nil))
}

// request is one HTTP request to the adapter.
type request struct {
	path, contentType string
	body              []byte
	secret            string    // "" means testSecret
	at                time.Time // zero means now
	unsigned          bool
	header            http.Header
}

// do sends r (signed unless unsigned) and returns the status and body.
func (h *harness) do(r request) (int, string) {
	h.t.Helper()
	req, err := http.NewRequest(http.MethodPost, h.srv.URL+r.path, bytes.NewReader(r.body))
	if err != nil {
		h.t.Fatal(err)
	}
	if r.contentType == "" {
		r.contentType = "application/json"
	}
	req.Header.Set("Content-Type", r.contentType)
	for k, v := range r.header {
		req.Header[k] = v
	}
	if !r.unsigned {
		at := r.at
		if at.IsZero() {
			at = time.Now()
		}
		secret := r.secret
		if secret == "" {
			secret = testSecret
		}
		ts := strconv.FormatInt(at.Unix(), 10)
		req.Header.Set("X-Slack-Request-Timestamp", ts)
		req.Header.Set("X-Slack-Signature", sign(secret, ts, r.body))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatalf("POST %s: %v", r.path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// event posts a signed Events API payload and expects a 2xx.
func (h *harness) event(body []byte, header http.Header) {
	h.t.Helper()
	if code, resp := h.do(request{path: "/slack/events", body: body, header: header}); code != http.StatusOK {
		h.t.Fatalf("POST /slack/events = %d %q, want 200", code, resp)
	}
}

func (h *harness) waitSleeps() []time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]time.Duration(nil), h.sleeps...)
}
