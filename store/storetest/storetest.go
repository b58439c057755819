// Package storetest is the contract suite of bot.Store: one set of tests
// that every store backend runs, so that SQLite and PostgreSQL behave the
// same. A backend's test calls Run with a function that opens a fresh,
// migrated, empty store.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/triage"
)

// base is the suite's fixed clock reading. It is far in the past, so that
// a store stamping its own Now (a pending-event claim) stamps a later time.
var base = time.Date(2020, 3, 4, 5, 6, 7, 123456000, time.UTC)

// wib is a non-UTC zone: stores must return its times in UTC.
var wib = time.FixedZone("WIB", 7*60*60)

// Run runs the contract suite. open must return a fresh, migrated store
// with no rows, and close it when t ends; it is called once per subtest,
// and subtests run in parallel.
func Run(t *testing.T, open func(t *testing.T) bot.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s bot.Store)
	}{
		{"RecordEvent", testRecordEvent},
		{"RecordEventConcurrent", testRecordEventConcurrent},
		{"EventRoundTrip", testEventRoundTrip},
		{"MarkTriaged", testMarkTriaged},
		{"MarkDelivered", testMarkDelivered},
		{"PendingEventsClaim", testPendingEventsClaim},
		{"PendingEventsConcurrentClaims", testPendingEventsConcurrentClaims},
		{"InTx", testInTx},
		{"Conversation", testConversation},
		{"SaveInquiry", testSaveInquiry},
		{"SetAssigneeAndOverride", testSetAssigneeAndOverride},
		{"ImportInquiry", testImportInquiry},
		{"LeadCard", testLeadCard},
		{"ConcurrentConversationTx", testConcurrentConversationTx},
		{"ErrorsHideText", testErrorsHideText},
	}
	tests = append(tests, outboxTests...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.fn(t, open(t))
		})
	}
	t.Run("PendingEvents", func(t *testing.T) {
		t.Parallel()
		testPendingEvents(t, open)
	})
	t.Run("InquiryRoundTrip", func(t *testing.T) {
		t.Parallel()
		testInquiryRoundTrip(t, open)
	})
}

// message returns a buyer message with every field set.
func message(platform, id string) bot.Message {
	return bot.Message{
		Platform: platform, EventID: id, ChatID: "chat-1", UserID: "user-1",
		UserName: "Budi Santoso", UserHandle: "budi", Text: "We need 3000 LED mirrors, budget USD 40,000",
		Language: "en", SentAt: base, Command: bot.CommandNone, AnswerTo: triage.CueQuantity, Edit: true,
	}
}

// event returns a pending event received (and updated) at at.
func event(platform, id string, at time.Time) bot.Event {
	return bot.Event{Platform: platform, ID: id, Message: message(platform, id),
		State: bot.EventPending, ReceivedAt: at, UpdatedAt: at}
}

// mustRecord records e and fails unless it is fresh.
func mustRecord(t *testing.T, s bot.Store, e bot.Event) {
	t.Helper()
	fresh, err := s.RecordEvent(context.Background(), e)
	if err != nil || !fresh {
		t.Fatalf("RecordEvent(%s/%s) = %v, %v; want true, nil", e.Platform, e.ID, fresh, err)
	}
}

// fullReply is a reply with every field the JSON keeps.
func fullReply() bot.Reply {
	return bot.Reply{
		InquiryID: 7, Language: "id", Model: triage.OEM, Confidence: 0.82,
		Headline:   "OEM: you own the design",
		Facts:      []bot.Fact{{Cue: "quantity", Label: "Quantity", Value: "3,000"}},
		Warnings:   []bot.Warning{{Code: "low_budget", Text: "The budget is low."}},
		Paragraphs: []string{"First.", "Second."},
		Questions:  []triage.Question{{Cue: triage.CueLeadTime, Text: "When?", Answers: []string{"30 days", "60 days"}}},
		Cues:       fullCues(),
	}
}

// fullCues sets every cue.
func fullCues() triage.Cues {
	return triage.Cues{
		Quantity:     &triage.Range{Min: 3000, Max: 3000},
		Budget:       &triage.Money{Min: 40000, Max: 40000, Currency: "USD", USDMin: 40000, USDMax: 40000},
		Ownership:    triage.OwnerBuyer,
		SupplyChain:  true,
		LeadTimeDays: &triage.Range{Min: 30, Max: 45},
		UnitPrice:    &triage.Money{Min: 12.5, Max: 13, Currency: "IDR", USDMin: 0.0008, USDMax: 0.00083},
	}
}

func testRecordEvent(t *testing.T, s bot.Store) {
	ctx := context.Background()
	e := event(bot.PlatformTelegram, "1001", base)
	steps := []struct {
		name  string
		e     bot.Event
		fresh bool
	}{
		{"first delivery", e, true},
		{"retry", e, false},
		{"retry with other content", func() bot.Event { d := e; d.Message.Text = "changed"; return d }(), false},
		{"same id on another platform", event(bot.PlatformSlack, "1001", base), true},
	}
	for _, st := range steps {
		fresh, err := s.RecordEvent(ctx, st.e)
		if err != nil || fresh != st.fresh {
			t.Fatalf("%s: RecordEvent = %v, %v; want %v, nil", st.name, fresh, err, st.fresh)
		}
	}
	got, err := s.Event(ctx, bot.PlatformTelegram, "1001")
	if err != nil {
		t.Fatalf("Event: %v", err)
	}
	if got.Message.Text != e.Message.Text {
		t.Errorf("a duplicate changed the recorded message: text %q, want %q", got.Message.Text, e.Message.Text)
	}
	if _, err := s.RecordEvent(ctx, bot.Event{Platform: bot.PlatformSlack}); err == nil {
		t.Errorf("RecordEvent without id: no error")
	}
}

func testRecordEventConcurrent(t *testing.T, s bot.Store) {
	const n = 8
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		fresh  int
		errs   []error
		record = event(bot.PlatformSlack, "Ev123", base)
	)
	for range n {
		wg.Go(func() {
			f, err := s.RecordEvent(context.Background(), record)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, err)
			}
			if f {
				fresh++
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("concurrent RecordEvent: %v", err)
	}
	if fresh != 1 {
		t.Errorf("%d concurrent RecordEvent of one event: %d fresh, want exactly 1", n, fresh)
	}
}

func testEventRoundTrip(t *testing.T, s bot.Store) {
	ctx := context.Background()
	e := event(bot.PlatformTelegram, "42", base.In(wib))
	e.UpdatedAt = base.Add(time.Minute).In(wib)
	e.State = bot.EventDelivered // ignored: a recorded event starts pending
	r := fullReply()
	e.Reply = &r // ignored too
	mustRecord(t, s, e)

	got, err := s.Event(ctx, bot.PlatformTelegram, "42")
	if err != nil {
		t.Fatalf("Event: %v", err)
	}
	want := bot.Event{
		Platform: bot.PlatformTelegram, ID: "42", Message: message(bot.PlatformTelegram, "42"),
		State: bot.EventPending, ReceivedAt: base, UpdatedAt: base.Add(time.Minute),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Event round trip:\n got %+v\nwant %+v", got, want)
	}
	checkUTC(t, "Event.ReceivedAt", got.ReceivedAt)
	checkUTC(t, "Event.UpdatedAt", got.UpdatedAt)

	for _, k := range [][2]string{{bot.PlatformTelegram, "43"}, {bot.PlatformSlack, "42"}} {
		if _, err := s.Event(ctx, k[0], k[1]); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("Event(%s, %s) error = %v, want ErrNotFound", k[0], k[1], err)
		}
	}
}

func testMarkTriaged(t *testing.T, s bot.Store) {
	ctx := context.Background()
	mustRecord(t, s, event(bot.PlatformTelegram, "7", base))
	reply := fullReply()
	err := s.InTx(ctx, func(ctx context.Context, tx bot.Tx) error {
		return tx.MarkTriaged(ctx, bot.PlatformTelegram, "7", reply, base.Add(time.Second))
	})
	if err != nil {
		t.Fatalf("MarkTriaged: %v", err)
	}
	got, err := s.Event(ctx, bot.PlatformTelegram, "7")
	if err != nil {
		t.Fatalf("Event: %v", err)
	}
	if got.State != bot.EventTriaged || !got.UpdatedAt.Equal(base.Add(time.Second)) {
		t.Errorf("after MarkTriaged: state %q updated %v, want %q %v", got.State, got.UpdatedAt, bot.EventTriaged, base.Add(time.Second))
	}
	if got.Reply == nil || !reflect.DeepEqual(*got.Reply, reply) {
		t.Errorf("stored reply:\n got %+v\nwant %+v", got.Reply, reply)
	}

	err = s.InTx(ctx, func(ctx context.Context, tx bot.Tx) error {
		return tx.MarkTriaged(ctx, bot.PlatformTelegram, "missing", reply, base)
	})
	if !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("MarkTriaged of an unknown event: error %v, want ErrNotFound", err)
	}
}

func testMarkDelivered(t *testing.T, s bot.Store) {
	ctx := context.Background()
	mustRecord(t, s, event(bot.PlatformSlack, "Ev1", base))
	at := base.Add(2 * time.Second)
	if err := s.MarkDelivered(ctx, bot.PlatformSlack, "Ev1", at); err != nil {
		t.Fatalf("MarkDelivered: %v", err)
	}
	got, err := s.Event(ctx, bot.PlatformSlack, "Ev1")
	if err != nil {
		t.Fatalf("Event: %v", err)
	}
	if got.State != bot.EventDelivered || !got.UpdatedAt.Equal(at) {
		t.Errorf("after MarkDelivered: state %q updated %v, want %q %v", got.State, got.UpdatedAt, bot.EventDelivered, at)
	}
	// A late MarkTriaged (a second worker) must not make it sendable again.
	err = s.InTx(ctx, func(ctx context.Context, tx bot.Tx) error {
		return tx.MarkTriaged(ctx, bot.PlatformSlack, "Ev1", fullReply(), at)
	})
	if err != nil {
		t.Fatalf("MarkTriaged after delivery: %v", err)
	}
	if got, _ := s.Event(ctx, bot.PlatformSlack, "Ev1"); got.State != bot.EventDelivered {
		t.Errorf("MarkTriaged after delivery: state %q, want %q", got.State, bot.EventDelivered)
	}
	if err := s.MarkDelivered(ctx, bot.PlatformSlack, "Ev2", at); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("MarkDelivered of an unknown event: error %v, want ErrNotFound", err)
	}
}

// seedPending records telegram events t1..t4 (t4 received first but updated
// last), a triaged t2, a delivered t3 and a slack s1.
func seedPending(t *testing.T, s bot.Store) {
	ctx := context.Background()
	m := func(n int) time.Time { return base.Add(time.Duration(n) * time.Minute) }
	mustRecord(t, s, event(bot.PlatformTelegram, "t1", m(1)))
	mustRecord(t, s, event(bot.PlatformTelegram, "t2", m(2)))
	mustRecord(t, s, event(bot.PlatformTelegram, "t3", m(3)))
	t4 := event(bot.PlatformTelegram, "t4", m(-1))
	t4.UpdatedAt = m(4)
	mustRecord(t, s, t4)
	mustRecord(t, s, event(bot.PlatformSlack, "s1", m(1)))
	if err := s.InTx(ctx, func(ctx context.Context, tx bot.Tx) error {
		return tx.MarkTriaged(ctx, bot.PlatformTelegram, "t2", fullReply(), m(2))
	}); err != nil {
		t.Fatalf("MarkTriaged: %v", err)
	}
	if err := s.MarkDelivered(ctx, bot.PlatformTelegram, "t3", m(3)); err != nil {
		t.Fatalf("MarkDelivered: %v", err)
	}
}

func testPendingEvents(t *testing.T, open func(t *testing.T) bot.Store) {
	m := func(n float64) time.Time { return base.Add(time.Duration(n * float64(time.Minute))) }
	tests := []struct {
		name     string
		platform string
		before   time.Time
		limit    int
		want     []string
	}{
		{"all undelivered, oldest received first", bot.PlatformTelegram, m(10), 0, []string{"t4", "t1", "t2"}},
		{"limit", bot.PlatformTelegram, m(10), 2, []string{"t4", "t1"}},
		{"updated before the cut-off only", bot.PlatformTelegram, m(2.5), 10, []string{"t1", "t2"}},
		{"cut-off is exclusive", bot.PlatformTelegram, m(1), 10, nil},
		{"other platform", bot.PlatformSlack, m(10), 10, []string{"s1"}},
		{"unknown platform", "irc", m(10), 10, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			seedPending(t, s)
			evs, err := s.PendingEvents(context.Background(), tt.platform, tt.before, tt.limit)
			if err != nil {
				t.Fatalf("PendingEvents: %v", err)
			}
			var ids []string
			for _, e := range evs {
				ids = append(ids, e.ID)
				if e.ID == "t2" && (e.State != bot.EventTriaged || e.Reply == nil) {
					t.Errorf("pending t2: state %q reply %v, want triaged with its reply", e.State, e.Reply)
				}
				if e.Message.EventID != e.ID {
					t.Errorf("pending %s: message of event %q", e.ID, e.Message.EventID)
				}
			}
			if !reflect.DeepEqual(ids, tt.want) {
				t.Errorf("PendingEvents(%s, %v, %d) = %v, want %v", tt.platform, tt.before, tt.limit, ids, tt.want)
			}
		})
	}
}

func testPendingEventsClaim(t *testing.T, s bot.Store) {
	ctx := context.Background()
	seedPending(t, s)
	cut := base.Add(10 * time.Minute)
	first, err := s.PendingEvents(ctx, bot.PlatformTelegram, cut, 0)
	if err != nil || len(first) != 3 {
		t.Fatalf("PendingEvents = %d events, %v; want 3", len(first), err)
	}
	// The store stamps the claim with its own clock, which reads later than
	// the suite's 2020 cut-off: the same cut-off gets nothing again.
	again, err := s.PendingEvents(ctx, bot.PlatformTelegram, cut, 0)
	if err != nil || len(again) != 0 {
		t.Errorf("PendingEvents right after a claim = %d events, %v; want none", len(again), err)
	}
	// Once the lease has passed (a cut-off after the claim), they come back.
	later, err := s.PendingEvents(ctx, bot.PlatformTelegram, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), 0)
	if err != nil || len(later) != 3 {
		t.Errorf("PendingEvents after the lease = %d events, %v; want 3", len(later), err)
	}
}

// testPendingEventsConcurrentClaims has several workers (replicas) ask for
// pending events at once: each event goes to exactly one of them.
func testPendingEventsConcurrentClaims(t *testing.T, s bot.Store) {
	const events, workers = 40, 5
	for i := range events {
		mustRecord(t, s, event(bot.PlatformTelegram, fmt.Sprintf("e%02d", i), base.Add(time.Duration(i)*time.Second)))
	}
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		got  = map[string]int{}
		errs []error
	)
	for range workers {
		wg.Go(func() {
			for {
				evs, err := s.PendingEvents(context.Background(), bot.PlatformTelegram, base.Add(time.Hour), 3)
				mu.Lock()
				if err != nil {
					errs = append(errs, err)
				}
				for _, e := range evs {
					got[e.ID]++
				}
				mu.Unlock()
				if err != nil || len(evs) == 0 {
					return
				}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("concurrent PendingEvents: %v", err)
	}
	if len(got) != events {
		t.Errorf("%d workers claimed %d distinct events, want %d", workers, len(got), events)
	}
	for id, n := range got {
		if n != 1 {
			t.Errorf("event %s claimed %d times, want once", id, n)
		}
	}
}

// errRollback makes InTx roll back.
var errRollback = errors.New("storetest: roll back")

func testInTx(t *testing.T, s bot.Store) {
	ctx := context.Background()
	key := bot.ConversationKey{Platform: bot.PlatformTelegram, ChatID: "c1", UserID: "u1"}
	var rolledBack int64
	err := s.InTx(ctx, func(ctx context.Context, tx bot.Tx) error {
		in := inquiry()
		if err := tx.SaveInquiry(ctx, &in); err != nil {
			return err
		}
		rolledBack = in.ID
		if err := tx.SaveConversation(ctx, bot.Conversation{ConversationKey: key, InquiryID: in.ID, UpdatedAt: base}); err != nil {
			return err
		}
		return fmt.Errorf("handler failed: %w", errRollback)
	})
	if !errors.Is(err, errRollback) {
		t.Fatalf("InTx error = %v, want fn's error", err)
	}
	if _, err := s.Inquiry(ctx, rolledBack); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("inquiry saved in a rolled-back tx: Inquiry error %v, want ErrNotFound", err)
	}

	var committed int64
	err = s.InTx(ctx, func(ctx context.Context, tx bot.Tx) error {
		if _, err := tx.Conversation(ctx, key); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("conversation saved in a rolled-back tx: error %v, want ErrNotFound", err)
		}
		in := inquiry()
		if err := tx.SaveInquiry(ctx, &in); err != nil {
			return err
		}
		committed = in.ID
		return tx.SaveConversation(ctx, bot.Conversation{ConversationKey: key, InquiryID: in.ID, UpdatedAt: base})
	})
	if err != nil {
		t.Fatalf("InTx: %v", err)
	}
	if _, err := s.Inquiry(ctx, committed); err != nil {
		t.Errorf("inquiry of a committed tx: %v", err)
	}
	err = s.InTx(ctx, func(ctx context.Context, tx bot.Tx) error {
		c, err := tx.Conversation(ctx, key)
		if err != nil {
			return err
		}
		if c.InquiryID != committed {
			t.Errorf("committed conversation: inquiry %d, want %d", c.InquiryID, committed)
		}
		return nil
	})
	if err != nil {
		t.Errorf("reading the committed conversation: %v", err)
	}
}

func testConversation(t *testing.T, s bot.Store) {
	ctx := context.Background()
	key := bot.ConversationKey{Platform: bot.PlatformSlack, ChatID: "C1/1700000000.000100", UserID: "U1"}
	other := bot.ConversationKey{Platform: bot.PlatformSlack, ChatID: key.ChatID, UserID: "U2"}
	err := s.InTx(ctx, func(ctx context.Context, tx bot.Tx) error {
		if _, err := tx.Conversation(ctx, key); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("Conversation of a new key: error %v, want ErrNotFound", err)
		}
		in := inquiry()
		if err := tx.SaveInquiry(ctx, &in); err != nil {
			return err
		}
		steps := []bot.Conversation{
			{ConversationKey: key, Language: "en", UpdatedAt: base.In(wib)},
			{ConversationKey: key, InquiryID: in.ID, Language: "id", Asked: []triage.Cue{triage.CueQuantity, triage.CueBudget}, UpdatedAt: base.Add(time.Hour)},
			{ConversationKey: key, InquiryID: 0, Language: "id", Asked: nil, UpdatedAt: base.Add(2 * time.Hour)},
		}
		for i, c := range steps {
			if err := tx.SaveConversation(ctx, c); err != nil {
				return fmt.Errorf("step %d: %w", i, err)
			}
			got, err := tx.Conversation(ctx, key)
			if err != nil {
				return fmt.Errorf("step %d: %w", i, err)
			}
			want := c
			want.UpdatedAt = c.UpdatedAt.UTC()
			if !reflect.DeepEqual(got, want) {
				t.Errorf("step %d: Conversation =\n %+v\nwant %+v", i, got, want)
			}
			checkUTC(t, "Conversation.UpdatedAt", got.UpdatedAt)
		}
		if _, err := tx.Conversation(ctx, other); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("Conversation of another user in the chat: error %v, want ErrNotFound", err)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("InTx: %v", err)
	}
	err = s.InTx(ctx, func(ctx context.Context, tx bot.Tx) error {
		return tx.SaveConversation(ctx, bot.Conversation{ConversationKey: other, InquiryID: 999999, UpdatedAt: base})
	})
	if !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("SaveConversation with a missing inquiry: error %v, want ErrNotFound", err)
	}
}

// inquiry returns an inquiry with every field set, ID 0.
func inquiry() bot.Inquiry {
	return bot.Inquiry{
		Platform: bot.PlatformTelegram, ChatID: "12345", UserID: "67890",
		UserName: "Siti Rahma", UserHandle: "siti",
		Texts: []string{"Kami butuh 3000 cermin LED", "budget USD 40.000"},
		Cues:  fullCues(),
		Model: triage.OEM, Confidence: 0.875, Warnings: []string{"low_budget", "rush"},
		Language: "id", Status: bot.StatusClaimed, Assignee: "U0SALES",
		Declined: []triage.Cue{triage.CueLeadTime}, Ready: true,
		Override: triage.ODM, OverrideBy: "U0LEAD",
		FirstMessageAt: base, CreatedAt: base.Add(time.Second), UpdatedAt: base.Add(2 * time.Second),
	}
}

// saveInquiry saves in in its own transaction.
func saveInquiry(t *testing.T, s bot.Store, in *bot.Inquiry) {
	t.Helper()
	if err := s.InTx(context.Background(), func(ctx context.Context, tx bot.Tx) error {
		return tx.SaveInquiry(ctx, in)
	}); err != nil {
		t.Fatalf("SaveInquiry: %v", err)
	}
}

func testSaveInquiry(t *testing.T, s bot.Store) {
	ctx := context.Background()
	a, b := inquiry(), inquiry()
	saveInquiry(t, s, &a)
	saveInquiry(t, s, &b)
	if a.ID <= 0 || b.ID <= 0 || a.ID == b.ID {
		t.Fatalf("SaveInquiry ids %d and %d, want two distinct positive ids", a.ID, b.ID)
	}
	a.Texts = append(a.Texts, "lead time 30 days")
	a.Cues.LeadTimeDays = &triage.Range{Min: 30, Max: 30}
	a.Model, a.Confidence, a.UpdatedAt = triage.ODM, 0.5, base.Add(time.Hour)
	id := a.ID
	saveInquiry(t, s, &a)
	if a.ID != id {
		t.Errorf("update changed the id to %d, want %d", a.ID, id)
	}
	got, err := s.Inquiry(ctx, a.ID)
	if err != nil {
		t.Fatalf("Inquiry: %v", err)
	}
	if !reflect.DeepEqual(got, a) {
		t.Errorf("after update:\n got %+v\nwant %+v", got, a)
	}
	if got, _ := s.Inquiry(ctx, b.ID); !reflect.DeepEqual(got, b) {
		t.Errorf("update of %d changed %d:\n got %+v\nwant %+v", a.ID, b.ID, got, b)
	}
	missing := inquiry()
	missing.ID = b.ID + 1000
	err = s.InTx(ctx, func(ctx context.Context, tx bot.Tx) error { return tx.SaveInquiry(ctx, &missing) })
	if !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("SaveInquiry of an unknown id: error %v, want ErrNotFound", err)
	}
	if _, err := s.Inquiry(ctx, b.ID+1000); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("Inquiry of an unknown id: error %v, want ErrNotFound", err)
	}
}

func testInquiryRoundTrip(t *testing.T, open func(t *testing.T) bot.Store) {
	tests := []struct {
		name string
		edit func(in *bot.Inquiry)
		want func(in *bot.Inquiry) // how the stored copy differs from the saved one
	}{
		{"every field", func(*bot.Inquiry) {}, func(*bot.Inquiry) {}},
		{"imported", func(in *bot.Inquiry) { in.Platform, in.ImportKey = bot.PlatformImport, "crm.csv:17" }, func(*bot.Inquiry) {}},
		{"no cues", func(in *bot.Inquiry) { in.Cues = triage.Cues{}; in.Model = triage.Unknown }, func(*bot.Inquiry) {}},
		{"some cues", func(in *bot.Inquiry) {
			in.Cues = triage.Cues{Quantity: &triage.Range{Min: 500, Max: 1000}, Ownership: triage.OwnerFactory}
		}, func(*bot.Inquiry) {}},
		{"nil lists", func(in *bot.Inquiry) { in.Texts, in.Warnings = nil, nil }, func(*bot.Inquiry) {}},
		{"empty lists", func(in *bot.Inquiry) { in.Texts, in.Warnings = []string{}, []string{} }, func(*bot.Inquiry) {}},
		{"times in another zone come back in UTC", func(in *bot.Inquiry) {
			in.FirstMessageAt, in.CreatedAt, in.UpdatedAt = base.In(wib), base.In(wib), base.In(wib)
		}, func(in *bot.Inquiry) { in.FirstMessageAt, in.CreatedAt, in.UpdatedAt = base, base, base }},
		{"times keep microseconds", func(in *bot.Inquiry) {
			in.CreatedAt = base.Add(789 * time.Nanosecond)
		}, func(in *bot.Inquiry) { in.CreatedAt = base }},
		{"unknown first message time", func(in *bot.Inquiry) { in.FirstMessageAt = time.Time{} }, func(*bot.Inquiry) {}},
		{"open, unassigned, no override", func(in *bot.Inquiry) {
			in.Status, in.Assignee, in.Override, in.OverrideBy = bot.StatusOpen, "", "", ""
		}, func(*bot.Inquiry) {}},
		{"text with quotes and unicode", func(in *bot.Inquiry) {
			in.Texts = []string{`"cermin" 'LED' \ 🪞 中文`, "line\nbreak\ttab"}
			in.UserName = "Nguyễn Văn A"
		}, func(*bot.Inquiry) {}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			in := inquiry()
			tt.edit(&in)
			want := in
			tt.want(&want)
			saveInquiry(t, s, &in)
			want.ID = in.ID
			got, err := s.Inquiry(context.Background(), in.ID)
			if err != nil {
				t.Fatalf("Inquiry: %v", err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Inquiry round trip:\n got %+v\nwant %+v", got, want)
			}
			if !reflect.DeepEqual(in, want) {
				t.Errorf("SaveInquiry left the caller's copy as\n %+v\nwant %+v", in, want)
			}
			for name, tm := range map[string]time.Time{"FirstMessageAt": got.FirstMessageAt, "CreatedAt": got.CreatedAt, "UpdatedAt": got.UpdatedAt} {
				checkUTC(t, name, tm)
			}
			if (got.Texts == nil) != (want.Texts == nil) || (got.Warnings == nil) != (want.Warnings == nil) {
				t.Errorf("nil and empty lists not kept apart: texts %#v warnings %#v", got.Texts, got.Warnings)
			}
			err = s.InTx(context.Background(), func(ctx context.Context, tx bot.Tx) error {
				got, err := tx.Inquiry(ctx, in.ID)
				if err != nil {
					return err
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("Tx.Inquiry round trip:\n got %+v\nwant %+v", got, want)
				}
				return nil
			})
			if err != nil {
				t.Errorf("Tx.Inquiry: %v", err)
			}
		})
	}
}

func testSetAssigneeAndOverride(t *testing.T, s bot.Store) {
	ctx := context.Background()
	in := inquiry()
	in.Status, in.Assignee, in.Override, in.OverrideBy = bot.StatusOpen, "", "", ""
	saveInquiry(t, s, &in)

	at := base.Add(time.Hour).In(wib)
	got, err := s.SetAssignee(ctx, in.ID, "U0REP", at)
	if err != nil {
		t.Fatalf("SetAssignee: %v", err)
	}
	want := in
	want.Status, want.Assignee, want.UpdatedAt = bot.StatusClaimed, "U0REP", at.UTC()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SetAssignee returned\n %+v\nwant %+v", got, want)
	}

	at = base.Add(2 * time.Hour)
	got, err = s.SetOverride(ctx, in.ID, triage.CM, "U0LEAD", at)
	if err != nil {
		t.Fatalf("SetOverride: %v", err)
	}
	want.Override, want.OverrideBy, want.UpdatedAt = triage.CM, "U0LEAD", at
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SetOverride returned\n %+v\nwant %+v", got, want)
	}
	if stored, err := s.Inquiry(ctx, in.ID); err != nil || !reflect.DeepEqual(stored, want) {
		t.Errorf("stored after SetOverride: %v\n %+v\nwant %+v", err, stored, want)
	}
	if _, err := s.SetOverride(ctx, in.ID, triage.Model("XYZ"), "U0LEAD", at); err == nil || errors.Is(err, bot.ErrNotFound) {
		t.Errorf("SetOverride with an unknown model: error %v, want a model error", err)
	}

	missing := in.ID + 1000
	if _, err := s.SetAssignee(ctx, missing, "U0REP", at); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("SetAssignee(%d): error %v, want ErrNotFound", missing, err)
	}
	if _, err := s.SetOverride(ctx, missing, triage.OEM, "U0REP", at); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("SetOverride(%d): error %v, want ErrNotFound", missing, err)
	}
}

func testImportInquiry(t *testing.T, s bot.Store) {
	ctx := context.Background()
	first := inquiry()
	first.Platform, first.ImportKey = bot.PlatformImport, "leads-2024.jsonl#3"
	fresh, err := s.ImportInquiry(ctx, &first)
	if err != nil || !fresh || first.ID == 0 {
		t.Fatalf("ImportInquiry = %v, %v (id %d); want fresh with an id", fresh, err, first.ID)
	}
	again := inquiry()
	again.Platform, again.ImportKey = bot.PlatformImport, first.ImportKey
	again.Texts = []string{"another text"}
	fresh, err = s.ImportInquiry(ctx, &again)
	if err != nil || fresh {
		t.Fatalf("ImportInquiry of the same key = %v, %v; want false, nil", fresh, err)
	}
	if again.ID != first.ID {
		t.Errorf("duplicate import: id %d, want the stored %d", again.ID, first.ID)
	}
	got, err := s.Inquiry(ctx, first.ID)
	if err != nil || !reflect.DeepEqual(got, first) {
		t.Errorf("stored import after a duplicate: %v\n %+v\nwant %+v", err, got, first)
	}
	other := inquiry()
	other.ImportKey = "leads-2024.jsonl#4"
	if fresh, err := s.ImportInquiry(ctx, &other); err != nil || !fresh || other.ID == first.ID {
		t.Errorf("ImportInquiry of another key = %v, %v (id %d)", fresh, err, other.ID)
	}
	// Inquiries without a key do not collide with each other.
	a, b := inquiry(), inquiry()
	saveInquiry(t, s, &a)
	saveInquiry(t, s, &b)
	if _, err := s.ImportInquiry(ctx, &bot.Inquiry{Platform: bot.PlatformImport}); err == nil {
		t.Errorf("ImportInquiry without a key: no error")
	}
}

func testLeadCard(t *testing.T, s bot.Store) {
	ctx := context.Background()
	in := inquiry()
	saveInquiry(t, s, &in)
	if _, err := s.LeadCard(ctx, in.ID); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("LeadCard before posting: error %v, want ErrNotFound", err)
	}
	for _, ref := range []bot.CardRef{
		{Channel: "C0SALES", MessageID: "1700000000.000100"},
		{Channel: "C0SALES", MessageID: "1700000099.000200"},
	} {
		if err := s.SaveLeadCard(ctx, in.ID, ref); err != nil {
			t.Fatalf("SaveLeadCard: %v", err)
		}
		got, err := s.LeadCard(ctx, in.ID)
		if err != nil || got != ref {
			t.Errorf("LeadCard = %+v, %v; want %+v", got, err, ref)
		}
	}
	if err := s.SaveLeadCard(ctx, in.ID+1000, bot.CardRef{Channel: "C", MessageID: "1"}); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("SaveLeadCard of a missing inquiry: error %v, want ErrNotFound", err)
	}
}

// testConcurrentConversationTx runs the core's read-modify-write of one
// conversation from several goroutines at once: every text must survive,
// and all must land in one inquiry (the first transaction creates it, the
// others find it).
func testConcurrentConversationTx(t *testing.T, s bot.Store) {
	const workers, rounds = 6, 5
	key := bot.ConversationKey{Platform: bot.PlatformTelegram, ChatID: "c", UserID: "u"}
	turn := func(ctx context.Context, tx bot.Tx, text string) error {
		conv, err := tx.Conversation(ctx, key)
		if errors.Is(err, bot.ErrNotFound) {
			conv = bot.Conversation{ConversationKey: key}
		} else if err != nil {
			return err
		}
		in := bot.Inquiry{Platform: key.Platform, ChatID: key.ChatID, UserID: key.UserID, Cues: triage.Cues{}}
		if conv.InquiryID != 0 {
			if in, err = tx.Inquiry(ctx, conv.InquiryID); err != nil {
				return err
			}
		}
		in.Texts = append(in.Texts, text)
		if err := tx.SaveInquiry(ctx, &in); err != nil {
			return err
		}
		conv.InquiryID, conv.UpdatedAt = in.ID, base
		return tx.SaveConversation(ctx, conv)
	}
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	for w := range workers {
		wg.Go(func() {
			for r := range rounds {
				err := s.InTx(context.Background(), func(ctx context.Context, tx bot.Tx) error {
					return turn(ctx, tx, fmt.Sprintf("w%d-r%d", w, r))
				})
				if err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("concurrent InTx: %v", err)
	}
	var texts []string
	err := s.InTx(context.Background(), func(ctx context.Context, tx bot.Tx) error {
		conv, err := tx.Conversation(ctx, key)
		if err != nil {
			return err
		}
		in, err := tx.Inquiry(ctx, conv.InquiryID)
		texts = in.Texts
		return err
	})
	if err != nil {
		t.Fatalf("reading the result: %v", err)
	}
	sort.Strings(texts)
	var want []string
	for w := range workers {
		for r := range rounds {
			want = append(want, fmt.Sprintf("w%d-r%d", w, r))
		}
	}
	sort.Strings(want)
	if !reflect.DeepEqual(texts, want) {
		t.Errorf("%d concurrent turns kept %d texts, want %d: %v", workers*rounds, len(texts), len(want), texts)
	}
}

// testErrorsHideText checks that a failing write does not echo the buyer's
// text or ids into its error, which may be logged above debug level.
func testErrorsHideText(t *testing.T, s bot.Store) {
	ctx := context.Background()
	const secret = "SECRET-BUYER-TEXT"
	in := inquiry()
	in.ID = 424242
	in.Texts = []string{secret}
	in.ChatID, in.UserName = secret+"-chat", secret+"-name"
	err := s.InTx(ctx, func(ctx context.Context, tx bot.Tx) error {
		if err := tx.SaveInquiry(ctx, &in); err != nil {
			return err
		}
		return tx.SaveConversation(ctx, bot.Conversation{
			ConversationKey: bot.ConversationKey{Platform: bot.PlatformTelegram, ChatID: secret, UserID: secret},
			InquiryID:       in.ID, UpdatedAt: base})
	})
	if err == nil {
		t.Fatalf("SaveInquiry of a missing id: no error")
	}
	if strings.Contains(err.Error(), secret) {
		t.Errorf("error contains buyer text: %v", err)
	}
}

// checkUTC fails unless tm is in UTC.
func checkUTC(t *testing.T, name string, tm time.Time) {
	t.Helper()
	if tm.Location() != time.UTC {
		t.Errorf("%s in %v, want UTC", name, tm.Location())
	}
}
