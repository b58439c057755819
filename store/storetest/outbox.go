package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/triagebot/triagebot/bot"
)

// outboxTests are the contract of bot.OutboxStore, run by Run.
var outboxTests = []struct {
	name string
	fn   func(t *testing.T, s bot.Store)
}{
	{"OutboxEnqueueClaimFinish", testOutboxEnqueueClaimFinish},
	{"OutboxLaneOrder", testOutboxLaneOrder},
	{"OutboxReplaceCoalesces", testOutboxReplaceCoalesces},
	{"OutboxExpiredClaimIsUnknown", testOutboxExpiredClaim},
	{"OutboxConcurrentClaims", testOutboxConcurrentClaims},
	{"OutboxInTx", testOutboxInTx},
	{"ClaimEvents", testClaimEvents},
}

// reply returns a reply row for event id in chat.
func replyRow(chat, id string) bot.Outgoing {
	msg := message(bot.PlatformTelegram, id)
	msg.ChatID = chat
	r := fullReply()
	return bot.Outgoing{
		Platform: bot.PlatformTelegram, Target: chat, Kind: bot.KindReply,
		Key: bot.ReplyKey(bot.PlatformTelegram, id), Subject: "telegram/user-1",
		Payload: bot.Payload{Message: &msg, Reply: &r},
	}
}

func mustEnqueue(t *testing.T, s bot.Store, o bot.Outgoing) {
	t.Helper()
	if err := s.Enqueue(context.Background(), o); err != nil {
		t.Fatalf("Enqueue(%s): %v", o.Key, err)
	}
}

func claim(t *testing.T, s bot.Store, now time.Time, limit int) []bot.Outgoing {
	t.Helper()
	return claimOn(t, s, bot.PlatformTelegram, now, limit)
}

func claimOn(t *testing.T, s bot.Store, platform string, now time.Time, limit int) []bot.Outgoing {
	t.Helper()
	got, err := s.ClaimOutbox(context.Background(), platform, now, time.Minute, limit)
	if err != nil {
		t.Fatalf("ClaimOutbox: %v", err)
	}
	return got
}

func keys(os []bot.Outgoing) []string {
	var ks []string
	for _, o := range os {
		ks = append(ks, o.Key)
	}
	return ks
}

func finish(t *testing.T, s bot.Store, o bot.Outgoing, state bot.OutboxState, next time.Time) {
	t.Helper()
	err := s.FinishOutbox(context.Background(), bot.OutboxResult{ID: o.ID, Attempts: o.Attempts, State: state, NextAt: next}, next)
	if err != nil {
		t.Fatalf("FinishOutbox(%s, %s): %v", o.Key, state, err)
	}
}

func testOutboxEnqueueClaimFinish(t *testing.T, s bot.Store) {
	ctx := context.Background()
	o := replyRow("c1", "e1")
	mustEnqueue(t, s, o)
	mustEnqueue(t, s, o) // the same key again: no second row
	st, err := s.OutboxStats(ctx)
	if err != nil || st.Depth != 1 || st.Oldest.IsZero() {
		t.Fatalf("OutboxStats = %+v, %v; want depth 1 with its oldest", st, err)
	}
	now := time.Now().Add(time.Second)
	got := claim(t, s, now, 10)
	if len(got) != 1 {
		t.Fatalf("ClaimOutbox = %v, want the one row", keys(got))
	}
	c := got[0]
	if c.State != bot.OutboxSending || c.Attempts != 1 || c.Payload.Reply == nil || c.Payload.Message == nil ||
		c.Payload.Message.ChatID != "c1" || c.Payload.Reply.Headline != fullReply().Headline || c.Target != "c1" || c.Lane != "c1" {
		t.Fatalf("claimed row = %+v; want sending, attempt 1, the payload round-tripped", c)
	}
	if again := claim(t, s, now, 10); len(again) != 0 {
		t.Fatalf("second ClaimOutbox = %v, want none (claimed)", keys(again))
	}
	// Put back for a rate limit: the claim is no attempt.
	if err := s.FinishOutbox(ctx, bot.OutboxResult{ID: c.ID, Attempts: c.Attempts, State: bot.OutboxPending,
		NextAt: now, Deferred: true}, now); err != nil {
		t.Fatalf("FinishOutbox(deferred): %v", err)
	}
	if got = claim(t, s, now, 10); len(got) != 1 || got[0].Attempts != 1 {
		t.Fatalf("ClaimOutbox after a deferral = %+v, want the row at attempt 1 again", got)
	}
	c = got[0]
	// A retry: due later, then sent.
	err = s.FinishOutbox(ctx, bot.OutboxResult{ID: c.ID, Attempts: c.Attempts, State: bot.OutboxPending,
		NextAt: now.Add(10 * time.Second), LastError: "rate_limited", Unknown: true}, now)
	if err != nil {
		t.Fatalf("FinishOutbox(retry): %v", err)
	}
	if got := claim(t, s, now.Add(5*time.Second), 10); len(got) != 0 {
		t.Fatalf("ClaimOutbox before the retry time = %v, want none", keys(got))
	}
	got = claim(t, s, now.Add(11*time.Second), 10)
	if len(got) != 1 || got[0].Attempts != 2 || got[0].Unknown != 1 || got[0].LastError != "rate_limited" {
		t.Fatalf("ClaimOutbox after the retry time = %+v, want the row at attempt 2 with one unknown", got)
	}
	// A stale claim's outcome is refused.
	err = s.FinishOutbox(ctx, bot.OutboxResult{ID: c.ID, Attempts: 1, State: bot.OutboxSent}, now)
	if !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("FinishOutbox(stale claim) = %v, want ErrNotFound", err)
	}
	finish(t, s, got[0], bot.OutboxSent, now.Add(12*time.Second))
	row, err := s.OutboxRow(ctx, o.Key)
	if err != nil || row.State != bot.OutboxSent {
		t.Fatalf("OutboxRow = %+v, %v; want sent", row, err)
	}
	if st, _ := s.OutboxStats(ctx); st.Depth != 0 || !st.Oldest.IsZero() {
		t.Fatalf("OutboxStats after sending = %+v, want empty", st)
	}
	if _, err := s.OutboxRow(ctx, "nope"); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("OutboxRow(missing) = %v, want ErrNotFound", err)
	}
}

func testOutboxLaneOrder(t *testing.T, s bot.Store) {
	for i := range 3 {
		mustEnqueue(t, s, replyRow("a", fmt.Sprint("a", i)))
		mustEnqueue(t, s, replyRow("b", fmt.Sprint("b", i)))
	}
	now := time.Now().Add(time.Second)
	got := claim(t, s, now, 10)
	if len(got) != 2 || got[0].Key != bot.ReplyKey("telegram", "a0") || got[1].Key != bot.ReplyKey("telegram", "b0") {
		t.Fatalf("ClaimOutbox = %v, want the head of each lane (a0, b0)", keys(got))
	}
	// a0 failing for good releases the lane; b0 still sending holds b.
	finish(t, s, got[0], bot.OutboxFailed, now)
	next := claim(t, s, now, 10)
	if len(next) != 1 || next[0].Key != bot.ReplyKey("telegram", "a1") {
		t.Fatalf("ClaimOutbox = %v, want a1 only", keys(next))
	}
	// A row waiting for its retry holds its lane too.
	finish(t, s, next[0], bot.OutboxPending, now.Add(time.Hour))
	if more := claim(t, s, now, 10); len(more) != 0 {
		t.Fatalf("ClaimOutbox = %v, want none: a1 waits, b0 is sending", keys(more))
	}
}

func leadRow(inquiry int64) bot.Outgoing {
	return bot.Outgoing{Platform: bot.PlatformSlack, Target: "CSALES", Lane: bot.LeadKey(inquiry), Kind: bot.KindLeadCard,
		Key: bot.LeadKey(inquiry), Payload: bot.Payload{InquiryID: inquiry}, Replace: true}
}

func testOutboxReplaceCoalesces(t *testing.T, s bot.Store) {
	ctx := context.Background()
	in := inquiry()
	saveInquiry(t, s, &in)
	now := time.Now().Add(time.Second)
	mustEnqueue(t, s, leadRow(in.ID))
	mustEnqueue(t, s, leadRow(in.ID)) // pending: coalesced into the same row
	if other := claim(t, s, now, 10); len(other) != 0 {
		t.Fatalf("ClaimOutbox(telegram) = %v, want none: the card is Slack's", keys(other))
	}
	got := claimOn(t, s, bot.PlatformSlack, now, 10)
	if len(got) != 1 {
		t.Fatalf("ClaimOutbox = %v, want one card row", keys(got))
	}
	// Re-armed while being sent: it goes back to pending when done.
	mustEnqueue(t, s, leadRow(in.ID))
	card := bot.CardRef{Channel: "CSALES", MessageID: "1700000000.000100"}
	err := s.FinishOutbox(ctx, bot.OutboxResult{ID: got[0].ID, Attempts: got[0].Attempts, State: bot.OutboxSent,
		NextAt: now.Add(3 * time.Second), Card: card, CardInquiry: in.ID}, now)
	if err != nil {
		t.Fatalf("FinishOutbox: %v", err)
	}
	if ref, err := s.LeadCard(ctx, in.ID); err != nil || ref != card {
		t.Fatalf("LeadCard = %+v, %v; want %+v saved with the outcome", ref, err, card)
	}
	if early := claimOn(t, s, bot.PlatformSlack, now.Add(time.Second), 10); len(early) != 0 {
		t.Fatalf("ClaimOutbox inside the edit gap = %v, want none", keys(early))
	}
	again := claimOn(t, s, bot.PlatformSlack, now.Add(4*time.Second), 10)
	if len(again) != 1 || again[0].Attempts != 2 {
		t.Fatalf("ClaimOutbox after the gap = %+v, want the re-armed card (attempt 2)", again)
	}
	finish(t, s, again[0], bot.OutboxSent, now.Add(7*time.Second))
	// Re-armed once sent: due no earlier than the gap.
	mustEnqueue(t, s, leadRow(in.ID))
	if early := claimOn(t, s, bot.PlatformSlack, now.Add(6*time.Second), 10); len(early) != 0 {
		t.Fatalf("ClaimOutbox inside the gap after sending = %v, want none", keys(early))
	}
	if late := claimOn(t, s, bot.PlatformSlack, now.Add(8*time.Second), 10); len(late) != 1 {
		t.Fatalf("ClaimOutbox after the gap = %v, want the card", keys(late))
	}
}

func testOutboxExpiredClaim(t *testing.T, s bot.Store) {
	mustEnqueue(t, s, replyRow("c", "x"))
	now := time.Now().Add(time.Second)
	first := claim(t, s, now, 10) // lease one minute
	if len(first) != 1 {
		t.Fatalf("ClaimOutbox = %v, want one", keys(first))
	}
	if got := claim(t, s, now.Add(30*time.Second), 10); len(got) != 0 {
		t.Fatalf("ClaimOutbox inside the lease = %v, want none", keys(got))
	}
	got := claim(t, s, now.Add(61*time.Second), 10)
	if len(got) != 1 || got[0].Unknown != 1 || got[0].Attempts != 2 {
		t.Fatalf("ClaimOutbox after the lease = %+v, want the row again, its first attempt unknown", got)
	}
}

func testOutboxConcurrentClaims(t *testing.T, s bot.Store) {
	const n = 40
	for i := range n {
		mustEnqueue(t, s, replyRow(fmt.Sprint("chat", i), fmt.Sprint("ev", i)))
	}
	now := time.Now().Add(time.Second)
	var (
		mu   sync.Mutex
		seen = map[string]int{}
		wg   sync.WaitGroup
	)
	for range 4 {
		wg.Go(func() {
			for {
				got, err := s.ClaimOutbox(context.Background(), bot.PlatformTelegram, now, time.Minute, 3)
				if err != nil {
					t.Errorf("ClaimOutbox: %v", err)
					return
				}
				if len(got) == 0 {
					return
				}
				mu.Lock()
				for _, o := range got {
					seen[o.Key]++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(seen) != n {
		t.Errorf("claimed %d distinct rows, want %d", len(seen), n)
	}
	for k, c := range seen {
		if c != 1 {
			t.Errorf("row %s claimed %d times, want once", k, c)
		}
	}
}

func testOutboxInTx(t *testing.T, s bot.Store) {
	ctx := context.Background()
	mustRecord(t, s, event(bot.PlatformTelegram, "tx1", base))
	boom := errors.New("boom")
	err := s.InTx(ctx, func(ctx context.Context, tx bot.Tx) error {
		if err := tx.Enqueue(ctx, replyRow("c", "tx1")); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("InTx = %v, want boom", err)
	}
	if _, err := s.OutboxRow(ctx, bot.ReplyKey("telegram", "tx1")); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("OutboxRow after a rollback = %v, want ErrNotFound", err)
	}
	err = s.InTx(ctx, func(ctx context.Context, tx bot.Tx) error {
		if err := tx.Enqueue(ctx, replyRow("c", "tx1")); err != nil {
			return err
		}
		return tx.MarkDelivered(ctx, bot.PlatformTelegram, "tx1", base.Add(time.Minute))
	})
	if err != nil {
		t.Fatalf("InTx: %v", err)
	}
	if _, err := s.OutboxRow(ctx, bot.ReplyKey("telegram", "tx1")); err != nil {
		t.Fatalf("OutboxRow after commit: %v", err)
	}
	if e, err := s.Event(ctx, bot.PlatformTelegram, "tx1"); err != nil || e.State != bot.EventDelivered {
		t.Fatalf("Event = %+v, %v; want delivered", e.State, err)
	}
}

func testClaimEvents(t *testing.T, s bot.Store) {
	ctx := context.Background()
	for i := range 3 {
		mustRecord(t, s, event(bot.PlatformTelegram, fmt.Sprint("ce", i), base.Add(time.Duration(i)*time.Second)))
	}
	mustRecord(t, s, event(bot.PlatformSlack, "other", base))
	now := base.Add(time.Hour)
	got, err := s.ClaimEvents(ctx, bot.PlatformTelegram, now, 5*time.Second, 2)
	if err != nil || len(got) != 2 || got[0].ID != "ce0" || got[1].ID != "ce1" {
		t.Fatalf("ClaimEvents = %v, %v; want ce0, ce1 (oldest first, limit 2)", eventIDs(got), err)
	}
	if got, _ := s.ClaimEvents(ctx, bot.PlatformTelegram, now, 5*time.Second, 10); len(got) != 1 || got[0].ID != "ce2" {
		t.Fatalf("second ClaimEvents = %v, want ce2 only (the others are claimed)", eventIDs(got))
	}
	if err := s.MarkDelivered(ctx, bot.PlatformTelegram, "ce0", now); err != nil {
		t.Fatal(err)
	}
	got, _ = s.ClaimEvents(ctx, bot.PlatformTelegram, now.Add(6*time.Second), 5*time.Second, 10)
	if len(got) != 2 || got[0].ID != "ce1" || got[1].ID != "ce2" {
		t.Fatalf("ClaimEvents after the lease = %v, want ce1, ce2 again (ce0 is delivered)", eventIDs(got))
	}
}

func eventIDs(evs []bot.Event) []string {
	var ids []string
	for _, e := range evs {
		ids = append(ids, e.ID)
	}
	return ids
}
