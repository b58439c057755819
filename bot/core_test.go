package bot_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/store/sqlite"
	"github.com/triagebot/triagebot/triage"
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// leadSink is a hand fake of bot.LeadPublisher that records each call.
type leadSink struct {
	mu    sync.Mutex
	calls []leadCall
}

type leadCall struct {
	in  bot.Inquiry
	ref bot.CardRef
}

func (s *leadSink) PublishLead(_ context.Context, in bot.Inquiry, ref bot.CardRef) (bot.CardRef, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, leadCall{in, ref})
	if ref.Zero() {
		return bot.CardRef{Channel: "CSALES", MessageID: "1700000000.000100"}, nil
	}
	return ref, nil
}

var _ bot.LeadPublisher = (*leadSink)(nil)

type fixture struct {
	core  *bot.Core
	store *sqlite.Store
	clock *clock
	leads *leadSink
	rules triage.Rules
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	clk := &clock{t: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)}
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "t.db"), sqlite.Options{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	rules := triage.DefaultRules()
	eng, err := triage.New(rules)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{store: st, clock: clk, leads: &leadSink{}, rules: rules}
	f.core, err = bot.NewCore(bot.Options{
		Store: st, Engine: eng, Now: f.clock.Now, Leads: f.leads,
		IdleExpiry: 7 * 24 * time.Hour, MaxMessageBytes: 8 << 10,
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) label(key string) string { return f.rules.Languages["en"].Labels[key] }

func msg(id, text string) bot.Message {
	return bot.Message{Platform: bot.PlatformTelegram, EventID: id, ChatID: "42", UserID: "7", UserName: "Ana", UserHandle: "ana", Text: text}
}

func (f *fixture) send(t *testing.T, m bot.Message) bot.Reply {
	t.Helper()
	r, err := f.core.Handle(context.Background(), m)
	if err != nil {
		t.Fatalf("Handle(%q) error: %v", m.Text, err)
	}
	if !r.Duplicate {
		if err := f.core.Delivered(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

func factValue(r bot.Reply, cue string) string {
	for _, f := range r.Facts {
		if f.Cue == cue {
			return f.Value
		}
	}
	return ""
}

func TestConversationMergesTurns(t *testing.T) {
	f := newFixture(t)
	r1 := f.send(t, msg("1", "Hello, we have our own design for a LED bathroom mirror."))
	r2 := f.send(t, msg("2", "3000 pcs"))
	r3 := f.send(t, msg("3", "Our budget is USD 40,000"))

	if r1.InquiryID == 0 || r2.InquiryID != r1.InquiryID || r3.InquiryID != r1.InquiryID {
		t.Fatalf("turns went to inquiries %d, %d, %d; want one", r1.InquiryID, r2.InquiryID, r3.InquiryID)
	}
	if r3.Model != triage.OEM {
		t.Errorf("after three turns model = %s, want OEM", r3.Model)
	}
	if !strings.HasPrefix(r3.Headline, "OEM") {
		t.Errorf("headline %q does not lead with the model", r3.Headline)
	}
	if got := factValue(r3, "quantity"); !strings.Contains(got, "3,000") {
		t.Errorf("quantity fact after the budget turn = %q, want the 3,000 of turn two", got)
	}
	in, err := f.store.Inquiry(context.Background(), r3.InquiryID)
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Texts) != 3 || in.Cues.Ownership != triage.OwnerBuyer || in.Model != triage.OEM {
		t.Errorf("stored inquiry = %d texts, owner %q, model %s", len(in.Texts), in.Cues.Ownership, in.Model)
	}
	if in.UserName != "Ana" || in.UserHandle != "ana" || in.Status != bot.StatusOpen {
		t.Errorf("stored buyer = %q @%q status %q", in.UserName, in.UserHandle, in.Status)
	}
}

func TestHandleOnceAndResendAfterCrash(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m := msg("u100", "We need 3000 LED mirrors made to our own design, budget USD 40,000")

	fresh, err := f.core.Accept(ctx, m)
	if err != nil || !fresh {
		t.Fatalf("first Accept = %v, %v; want fresh", fresh, err)
	}
	if fresh, _ := f.core.Accept(ctx, m); fresh {
		t.Fatal("second Accept of the same event is fresh; want a duplicate")
	}
	// Not yet handled: it is pending, and after the grace it is handed out.
	f.clock.Add(bot.PendingGrace + time.Second)
	pending, err := f.core.Pending(ctx, bot.PlatformTelegram)
	if err != nil || len(pending) != 1 || pending[0].EventID != "u100" {
		t.Fatalf("Pending = %v, %v; want the accepted event", pending, err)
	}

	first, err := f.core.Handle(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	// The process "crashed" before sending: handling again gives the same
	// reply, without triaging twice.
	again, err := f.core.Handle(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	if again.Duplicate || again.InquiryID != first.InquiryID || again.Headline != first.Headline {
		t.Errorf("re-handled reply = %+v, want the stored %+v", again, first)
	}
	in, _ := f.store.Inquiry(ctx, first.InquiryID)
	if len(in.Texts) != 1 {
		t.Errorf("inquiry has %d texts after a re-handle, want 1", len(in.Texts))
	}
	if err := f.core.Delivered(ctx, m); err != nil {
		t.Fatal(err)
	}
	dup, err := f.core.Handle(ctx, m)
	if err != nil || !dup.Duplicate {
		t.Errorf("Handle after delivery = %+v, %v; want Duplicate", dup, err)
	}
	if pending, _ := f.core.Pending(ctx, bot.PlatformTelegram); len(pending) != 0 {
		t.Errorf("Pending after delivery = %v, want none", pending)
	}
}

func TestNewInquiry(t *testing.T) {
	tests := []struct {
		name  string
		reset func(f *fixture, t *testing.T)
		fresh bool
	}{
		{"follow-up continues", func(*fixture, *testing.T) {}, false},
		{"/new command", func(f *fixture, t *testing.T) { f.send(t, msg("n", "/new")) }, true},
		{"/new@Bot in a group", func(f *fixture, t *testing.T) { f.send(t, msg("n", "/new@TriageBot")) }, true},
		{"words for a new inquiry", func(f *fixture, t *testing.T) { f.send(t, msg("n", "Nueva consulta")) }, true},
		{"Command field", func(f *fixture, t *testing.T) {
			m := msg("n", "")
			m.Command = bot.CommandNew
			f.send(t, m)
		}, true},
		{"idle past expiry", func(f *fixture, _ *testing.T) { f.clock.Add(8 * 24 * time.Hour) }, true},
		{"idle within expiry", func(f *fixture, _ *testing.T) { f.clock.Add(6 * 24 * time.Hour) }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			first := f.send(t, msg("a", "We need 600 pcs of your catalog mirror with our logo"))
			tt.reset(f, t)
			next := f.send(t, msg("b", "2000 pcs"))
			if got := next.InquiryID != first.InquiryID; got != tt.fresh {
				t.Errorf("new inquiry = %v (ids %d then %d), want %v", got, first.InquiryID, next.InquiryID, tt.fresh)
			}
		})
	}
}

func TestNotices(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		m     bot.Message
		label string
	}{
		{msg("s", "/start"), "greeting"},
		{msg("h", "/help"), "help"},
		{msg("e", "   "), "empty"},
		{msg("n", "/new"), "new_inquiry"},
		{bot.Message{Platform: "telegram", EventID: "st", ChatID: "42", UserID: "7", Command: bot.CommandNotText}, "not_text"},
	}
	for _, tt := range tests {
		r := f.send(t, tt.m)
		if r.Headline != f.label(tt.label) || r.Model != "" || r.InquiryID != 0 {
			t.Errorf("Handle(%q) = headline %q, model %q, inquiry %d; want the %s notice only", tt.m.Text, r.Headline, r.Model, r.InquiryID, tt.label)
		}
	}
}

func TestLongMessageIsTruncatedAndSaysSo(t *testing.T) {
	f := newFixture(t)
	text := "We need 3000 pcs made to our own design. " + strings.Repeat("Lorem ipsum dolor sit amet. ", 1000)
	r := f.send(t, msg("long", text))
	if r.Model == "" || len(r.Paragraphs) == 0 || r.Paragraphs[len(r.Paragraphs)-1] != f.label("truncated") {
		t.Fatalf("reply to a long message = %+v; want a verdict that ends saying the rest was not read", r)
	}
	in, _ := f.store.Inquiry(context.Background(), r.InquiryID)
	if len(in.Texts[0]) > 8<<10 {
		t.Errorf("stored text is %d bytes, want at most 8 KiB", len(in.Texts[0]))
	}
}

func TestAnswerButtonReadsBareNumberAsTheQuestionsCue(t *testing.T) {
	f := newFixture(t)
	f.send(t, msg("1", "We have our own design, LED mirror"))
	m := msg("2", "5000")
	m.AnswerTo = triage.CueQuantity
	r := f.send(t, m)
	if got := factValue(r, "quantity"); !strings.Contains(got, "5,000") {
		t.Errorf("quantity after answering 5000 = %q, want 5,000", got)
	}
}

func TestEditReTriagesInsteadOfStacking(t *testing.T) {
	f := newFixture(t)
	f.send(t, msg("1", "We have our own design"))
	f.send(t, msg("2", "800 pcs"))
	e := msg("3", "8000 pcs")
	e.Edit = true
	r := f.send(t, e)
	in, _ := f.store.Inquiry(context.Background(), r.InquiryID)
	if len(in.Texts) != 2 || in.Texts[1] != "8000 pcs" {
		t.Errorf("texts after edit = %q, want the last replaced", in.Texts)
	}
	if in.Cues.Quantity == nil || in.Cues.Quantity.Min != 8000 {
		t.Errorf("quantity after edit = %+v, want 8000", in.Cues.Quantity)
	}
}

func TestLeadCardsPostedOnceThenUpdated(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r := f.send(t, msg("1", "We need 3000 LED mirrors made to our own design"))
	f.core.Wait()
	f.send(t, msg("2", "budget USD 40,000"))
	f.core.Wait()
	if _, err := f.core.Claim(ctx, r.InquiryID, "U_SALES"); err != nil {
		t.Fatal(err)
	}
	f.core.Wait()
	if _, err := f.core.Override(ctx, r.InquiryID, triage.CM, "U_SALES"); err != nil {
		t.Fatal(err)
	}
	f.core.Wait()

	slackMsg := msg("s1", "3000 pcs our own design")
	slackMsg.Platform = bot.PlatformSlack
	f.send(t, slackMsg)
	f.core.Wait()

	calls := f.leads.calls
	if len(calls) != 4 {
		t.Fatalf("PublishLead called %d times, want 4 (post, update, claim, override; none for Slack)", len(calls))
	}
	if !calls[0].ref.Zero() {
		t.Errorf("first publish had ref %+v, want a new post", calls[0].ref)
	}
	for i, c := range calls[1:] {
		if c.ref.Zero() {
			t.Errorf("publish %d reposted instead of updating", i+2)
		}
	}
	last := calls[3].in
	if last.Assignee != "U_SALES" || last.Override != triage.CM || last.Model != triage.OEM {
		t.Errorf("last card shows assignee %q override %q model %q", last.Assignee, last.Override, last.Model)
	}
	if _, err := f.core.Override(ctx, r.InquiryID, "XYZ", "U"); err == nil {
		t.Error("Override to XYZ succeeded")
	}
	if _, err := f.core.Claim(ctx, 9999, "U"); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("Claim of a missing inquiry: err = %v, want ErrNotFound", err)
	}
}

func TestNULIsDropped(t *testing.T) {
	f := newFixture(t)
	r := f.send(t, msg("nul", "We need 3000 pcs\x00 of our own design"))
	in, err := f.store.Inquiry(context.Background(), r.InquiryID)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(in.Texts[0], "\x00") {
		t.Errorf("stored text keeps a NUL: %q", in.Texts[0])
	}
}

func TestAcceptNeedsEventID(t *testing.T) {
	f := newFixture(t)
	if _, err := f.core.Accept(context.Background(), bot.Message{Platform: "telegram", Text: "x"}); err == nil {
		t.Error("Accept without an event id succeeded")
	}
}
