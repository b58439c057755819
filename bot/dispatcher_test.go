package bot_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/triage"
)

// fakeSender is a hand fake of bot.Sender: SendFunc decides each outcome
// (nil: sent), and every call is recorded.
type fakeSender struct {
	mu       sync.Mutex
	sent     []bot.Outgoing
	SendFunc func(n int, o bot.Outgoing) (bot.CardRef, error)
}

var _ bot.Sender = (*fakeSender)(nil)

func (s *fakeSender) Send(_ context.Context, o bot.Outgoing) (bot.CardRef, error) {
	s.mu.Lock()
	n := len(s.sent)
	s.sent = append(s.sent, o)
	fn := s.SendFunc
	s.mu.Unlock()
	if fn != nil {
		return fn(n, o)
	}
	if o.Kind == bot.KindLeadCard && o.Payload.Card.Zero() {
		return bot.CardRef{Channel: "CSALES", MessageID: fmt.Sprint("17000.", o.Payload.InquiryID)}, nil
	}
	return bot.CardRef{}, nil
}

func (s *fakeSender) calls() []bot.Outgoing {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]bot.Outgoing(nil), s.sent...)
}

// pipeline is a core with lead cards through the outbox, its triage worker
// and a dispatcher to fake senders, running until the test ends.
type pipeline struct {
	*fixture
	tg, sl *fakeSender
	disp   *bot.Dispatcher
}

func newPipeline(t *testing.T, o bot.Options, rates map[string]bot.RatePolicy) *pipeline {
	t.Helper()
	f := newFixture(t)
	o.Store, o.Engine, o.Now, o.LeadChannel = f.store, mustEngine(t, f), f.clock.Now, "CSALES"
	var err error
	if f.core, err = bot.NewCore(o); err != nil {
		t.Fatal(err)
	}
	p := &pipeline{fixture: f, tg: &fakeSender{}, sl: &fakeSender{}}
	p.disp, err = bot.NewDispatcher(bot.DispatcherOptions{
		Store: f.store, Now: f.clock.Now, Rates: rates, Poll: 5 * time.Millisecond, EditGap: time.Second,
		Senders: map[string]bot.Sender{bot.PlatformTelegram: p.tg, bot.PlatformSlack: p.sl},
		Backoff: bot.RetryPolicy{Base: time.Second, Max: time.Minute},
	})
	if err != nil {
		t.Fatal(err)
	}
	p.core.OnQueued(p.disp.Wake)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- bot.RunLeading(ctx, f.store, bot.WorkerLock, 0, nil, nil, p.core.Run, p.disp.Run) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("RunLeading = %v, want nil", err)
		}
	})
	return p
}

func mustEngine(t *testing.T, f *fixture) *triage.Engine {
	t.Helper()
	eng, err := triage.New(f.rules)
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

func (p *pipeline) accept(t *testing.T, m bot.Message) {
	t.Helper()
	if fresh, err := p.core.Accept(context.Background(), m); err != nil || !fresh {
		t.Fatalf("Accept(%s) = %v, %v", m.EventID, fresh, err)
	}
}

// waitFor polls cond for up to 30 s: a failure bound only, long enough for
// a machine loaded many times over (a passing test never waits it out).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// row returns the outbox row of key (zero until it is written).
func (p *pipeline) row(t *testing.T, key string) bot.Outgoing {
	t.Helper()
	o, err := p.store.OutboxRow(context.Background(), key)
	if err != nil && !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("OutboxRow(%s): %v", key, err)
	}
	return o
}

func TestPipelineRepliesInOrderAndOneLeadCard(t *testing.T) {
	p := newPipeline(t, bot.Options{}, nil)
	texts := []string{"We need 3000 LED mirrors with our own design", "budget USD 40,000", "delivery in 60 days"}
	for i, text := range texts {
		p.accept(t, msg(fmt.Sprint("e", i), text))
	}
	other := msg("o1", "hello")
	other.ChatID = "43"
	p.accept(t, other)
	waitFor(t, "four replies", func() bool { return len(p.tg.calls()) == 4 })
	var chat42 []string
	for _, o := range p.tg.calls() {
		if o.Kind != bot.KindReply || o.Payload.Reply == nil || o.Payload.Message == nil {
			t.Fatalf("sent %+v, want a reply with its message", o)
		}
		if o.Target == "42" {
			chat42 = append(chat42, o.Payload.Message.EventID)
		}
	}
	if fmt.Sprint(chat42) != "[e0 e1 e2]" {
		t.Errorf("chat 42 answered in the order %v, want [e0 e1 e2]", chat42)
	}
	// One card, posted once and then edited in place with the latest state.
	// Each card is posted once before the clock moves; the outcomes must be
	// recorded first, or the edit gap would count from the moved clock.
	waitFor(t, "the lead cards", func() bool {
		return len(p.sl.calls()) >= 2 &&
			p.row(t, bot.LeadKey(1)).State != bot.OutboxSending && p.row(t, bot.LeadKey(2)).State != bot.OutboxSending
	})
	p.clock.Add(2 * time.Second) // past the edit gap
	waitFor(t, "the cards settled", func() bool {
		return p.row(t, bot.LeadKey(1)).State == bot.OutboxSent && p.row(t, bot.LeadKey(2)).State == bot.OutboxSent
	})
	var cards []bot.Outgoing
	for _, c := range p.sl.calls() {
		if c.Payload.Inquiry != nil && c.Payload.Inquiry.ChatID == "42" {
			cards = append(cards, c)
		}
	}
	posts := 0
	for _, c := range cards {
		if c.Payload.Card.Zero() {
			posts++
		}
	}
	if posts != 1 || len(cards) > 3 {
		t.Errorf("lead card posted %d times in %d sends, want once, edits coalesced", posts, len(cards))
	}
	if last := cards[len(cards)-1]; last.Payload.Inquiry == nil || len(last.Payload.Inquiry.Texts) != 3 {
		t.Errorf("last card shows %+v, want the inquiry with its three texts", last.Payload.Inquiry)
	}
	id := cards[0].Payload.InquiryID
	if ref, err := p.store.LeadCard(context.Background(), id); err != nil || ref.MessageID != fmt.Sprint("17000.", id) {
		t.Errorf("LeadCard = %+v, %v; want the posted card", ref, err)
	}
	// Redelivered events add nothing.
	if fresh, _ := p.core.Accept(context.Background(), msg("e0", texts[0])); fresh {
		t.Error("Accept(e0 again) = fresh")
	}
}

func TestDispatcherRetryAfterIsTheRowsNextAttempt(t *testing.T) {
	p := newPipeline(t, bot.Options{}, nil)
	p.tg.SendFunc = func(n int, o bot.Outgoing) (bot.CardRef, error) {
		if n == 0 {
			return bot.CardRef{}, &bot.RetryableError{Err: errors.New("429"), After: 30 * time.Second, Reason: "rate_limited"}
		}
		return bot.CardRef{}, nil
	}
	p.accept(t, msg("r1", "hello"))
	key := bot.ReplyKey(bot.PlatformTelegram, "r1")
	waitFor(t, "the first attempt", func() bool { return p.row(t, key).State == bot.OutboxPending && len(p.tg.calls()) == 1 })
	row := p.row(t, key)
	if want := p.clock.Now().Add(30 * time.Second); !row.NextAt.Equal(want) || row.LastError != "rate_limited" {
		t.Fatalf("row after a 429 = next %v (%q), want %v: Retry-After honoured", row.NextAt, row.LastError, want)
	}
	time.Sleep(50 * time.Millisecond)
	if n := len(p.tg.calls()); n != 1 {
		t.Fatalf("sent %d times before Retry-After passed, want 1", n)
	}
	p.clock.Add(31 * time.Second)
	waitFor(t, "the retry", func() bool { return p.row(t, key).State == bot.OutboxSent })
}

func TestDispatcherPermanentUnknownAndPanic(t *testing.T) {
	p := newPipeline(t, bot.Options{}, nil)
	p.tg.SendFunc = func(n int, o bot.Outgoing) (bot.CardRef, error) {
		switch o.Payload.Message.EventID {
		case "bad":
			return bot.CardRef{}, errors.New("403 blocked by the user")
		case "unk":
			if n < 3 {
				return bot.CardRef{}, &bot.RetryableError{Err: errors.New("timeout"), Reason: "timeout", Unknown: true}
			}
		case "boom":
			if n < 3 {
				panic("renderer bug")
			}
		}
		return bot.CardRef{}, nil
	}
	for _, id := range []string{"bad", "unk", "boom"} {
		m := msg(id, "hello")
		m.ChatID = id
		p.accept(t, m)
	}
	bad, unk, boom := bot.ReplyKey("telegram", "bad"), bot.ReplyKey("telegram", "unk"), bot.ReplyKey("telegram", "boom")
	// The first attempts' outcomes are recorded before the clock moves:
	// a backoff counted from the moved clock would never come due.
	waitFor(t, "the first attempts", func() bool {
		u, b := p.row(t, unk), p.row(t, boom)
		return p.row(t, bad).State == bot.OutboxFailed &&
			u.State == bot.OutboxPending && u.LastError == "timeout" &&
			b.State == bot.OutboxPending && b.LastError == "panic"
	})
	p.clock.Add(5 * time.Second) // past the first backoff
	waitFor(t, "the outcomes", func() bool {
		return p.row(t, bad).State == bot.OutboxFailed && p.row(t, unk).State == bot.OutboxSent && p.row(t, boom).State == bot.OutboxSent
	})
	if r := p.row(t, unk); r.Unknown != 1 || r.Attempts != 2 {
		t.Errorf("unknown-outcome row = %d unknown in %d attempts, want 1 in 2", r.Unknown, r.Attempts)
	}
	if r := p.row(t, bad); r.Attempts != 1 {
		t.Errorf("refused row tried %d times, want once", r.Attempts)
	}
}

func TestDispatcherPacesAChatWithoutHoldingOthers(t *testing.T) {
	p := newPipeline(t, bot.Options{}, map[string]bot.RatePolicy{bot.PlatformTelegram: bot.TelegramRates()})
	a1, a2, b1 := bot.ReplyKey("telegram", "a1"), bot.ReplyKey("telegram", "a2"), bot.ReplyKey("telegram", "b1")
	// The clock stands still until chat 42's first reply is out: it takes
	// the one send the platform has at this instant.
	first := p.clock.Now()
	p.accept(t, msg("a1", "hello"))
	waitFor(t, "the first reply", func() bool { return p.row(t, a1).State == bot.OutboxSent })
	p.accept(t, msg("a2", "help"))
	b := msg("b1", "hello")
	b.ChatID = "99"
	p.accept(t, b)
	waitFor(t, "the other replies queued", func() bool { return p.row(t, a2).ID != 0 && p.row(t, b1).ID != 0 })
	time.Sleep(50 * time.Millisecond)
	if n := len(p.tg.calls()); n != 1 {
		t.Fatalf("sent %d with the clock still, want 1: 30 a second overall", n)
	}
	// 30 a second overall: the second chat's reply goes once its 33 ms are
	// up; chat 42's second reply is put back to wait for its chat's second
	// (at the latest when the platform has room again).
	p.clock.Add(35 * time.Millisecond)
	waitFor(t, "the second chat's reply", func() bool { return p.row(t, b1).State == bot.OutboxSent })
	p.clock.Add(35 * time.Millisecond)
	waitFor(t, "the paced reply put back", func() bool {
		r := p.row(t, a2)
		return r.State == bot.OutboxPending && r.NextAt.After(p.clock.Now())
	})
	if r := p.row(t, a2); r.NextAt.Before(first.Add(time.Second)) {
		t.Errorf("second reply to one chat due %v, want a second after the first (%v)", r.NextAt, first)
	}
	if n := len(p.tg.calls()); n != 2 {
		t.Fatalf("sent %d, want 2: chat 42's second reply waits a second", n)
	}
	p.clock.Add(time.Second)
	waitFor(t, "the paced reply", func() bool { return len(p.tg.calls()) == 3 })
}

func TestChatCapStoresButDoesNotTriage(t *testing.T) {
	p := newPipeline(t, bot.Options{ChatCap: 2, ChatWindow: time.Minute}, nil)
	for i := range 5 {
		m := msg(fmt.Sprint("c", i), "We need 500 mirrors")
		m.SentAt = p.clock.Now()
		p.accept(t, m)
	}
	waitFor(t, "three replies", func() bool { return len(p.tg.calls()) == 3 })
	time.Sleep(50 * time.Millisecond)
	calls := p.tg.calls()
	if len(calls) != 3 {
		t.Fatalf("sent %d, want 2 verdicts and 1 notice", len(calls))
	}
	if h := calls[2].Payload.Reply.Headline; h == "" || calls[2].Payload.Reply.Model != "" {
		t.Errorf("third reply = %+v, want the cap notice", calls[2].Payload.Reply)
	}
	for i := 3; i < 5; i++ {
		e, err := p.store.Event(context.Background(), bot.PlatformTelegram, fmt.Sprint("c", i))
		if err != nil || e.State != bot.EventDelivered || e.Message.Text == "" {
			t.Errorf("capped event c%d = %v, %v; want stored and done", i, e.State, err)
		}
	}
	in, err := p.store.Inquiry(context.Background(), 1)
	if err != nil || len(in.Texts) != 2 {
		t.Errorf("inquiry = %d texts, %v; want the 2 under the cap", len(in.Texts), err)
	}
}
