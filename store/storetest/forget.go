package storetest

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/triagebot/triagebot/bot"
)

// RunForget runs the contract of bot.BuyerEraser: the store open returns
// must implement it. open must return a fresh, migrated, empty store.
func RunForget(t *testing.T, open func(t *testing.T) bot.Store) {
	s := open(t)
	eraser, ok := s.(bot.BuyerEraser)
	if !ok {
		t.Fatalf("%T does not implement bot.BuyerEraser", s)
	}
	ctx := context.Background()

	// Two buyers share a Telegram group; the forgotten one also wrote in
	// private. The same user id on Slack is someone else.
	const (
		gone, kept = "111", "222"
		group      = "-100777"
	)
	type buyer struct {
		inquiries []bot.Inquiry
		convs     []bot.Conversation
		cards     map[int64]bot.CardRef
		events    []string
	}
	seed := func(user string, chats []string, prefix string) buyer {
		b := buyer{cards: map[int64]bot.CardRef{}}
		for i, chat := range chats {
			in := inquiry()
			in.ChatID, in.UserID = chat, user
			saveInquiry(t, s, &in)
			b.inquiries = append(b.inquiries, in)
			conv := bot.Conversation{
				ConversationKey: bot.ConversationKey{Platform: bot.PlatformTelegram, ChatID: chat, UserID: user},
				InquiryID:       in.ID, Language: "id", UpdatedAt: base,
			}
			if err := s.InTx(ctx, func(ctx context.Context, tx bot.Tx) error { return tx.SaveConversation(ctx, conv) }); err != nil {
				t.Fatalf("SaveConversation: %v", err)
			}
			b.convs = append(b.convs, conv)
			ref := bot.CardRef{Channel: "C0SALES", MessageID: prefix + "." + chat}
			if err := s.SaveLeadCard(ctx, in.ID, ref); err != nil {
				t.Fatalf("SaveLeadCard: %v", err)
			}
			b.cards[in.ID] = ref
			// One event of each state per chat.
			for j, state := range []bot.EventState{bot.EventDelivered, bot.EventTriaged, bot.EventPending} {
				id := prefix + string(rune('a'+i)) + string(rune('0'+j))
				e := event(bot.PlatformTelegram, id, base.Add(time.Duration(j)*time.Minute))
				e.Message.ChatID, e.Message.UserID = chat, user
				mustRecord(t, s, e)
				if state != bot.EventPending {
					if err := s.InTx(ctx, func(ctx context.Context, tx bot.Tx) error {
						return tx.MarkTriaged(ctx, bot.PlatformTelegram, id, fullReply(), base)
					}); err != nil {
						t.Fatalf("MarkTriaged: %v", err)
					}
				}
				if state == bot.EventDelivered {
					if err := s.MarkDelivered(ctx, bot.PlatformTelegram, id, base); err != nil {
						t.Fatalf("MarkDelivered: %v", err)
					}
				}
				b.events = append(b.events, id)
			}
		}
		return b
	}
	forgotten := seed(gone, []string{gone, group}, "g")
	other := seed(kept, []string{group}, "k")
	slackTwin := event(bot.PlatformSlack, "Ev111", base)
	slackTwin.Message.UserID = gone
	mustRecord(t, s, slackTwin)

	events := func(ids []string) map[string]bot.Event {
		m := map[string]bot.Event{}
		for _, id := range ids {
			e, err := s.Event(ctx, bot.PlatformTelegram, id)
			if err != nil {
				t.Fatalf("Event(%s): %v", id, err)
			}
			m[id] = e
		}
		return m
	}
	otherEvents := events(other.events)
	forgottenEvents := events(forgotten.events)

	if _, err := eraser.ForgetBuyer(ctx, bot.PlatformTelegram, ""); err == nil {
		t.Errorf("ForgetBuyer without a user id: no error")
	}
	if _, err := eraser.ForgetBuyer(ctx, "", gone); err == nil {
		t.Errorf("ForgetBuyer without a platform: no error")
	}

	got, err := eraser.ForgetBuyer(ctx, bot.PlatformTelegram, gone)
	if err != nil {
		t.Fatalf("ForgetBuyer: %v", err)
	}
	if want := (bot.ForgetResult{Inquiries: 2, Conversations: 2, Events: 6}); got != want {
		t.Errorf("ForgetBuyer(telegram, %s) = %+v, want %+v", gone, got, want)
	}

	// The forgotten buyer's rows are gone.
	for _, in := range forgotten.inquiries {
		if _, err := s.Inquiry(ctx, in.ID); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("Inquiry(%d) of the forgotten buyer: error %v, want ErrNotFound", in.ID, err)
		}
		if _, err := s.LeadCard(ctx, in.ID); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("LeadCard(%d) of the forgotten buyer: error %v, want ErrNotFound", in.ID, err)
		}
	}
	err = s.InTx(ctx, func(ctx context.Context, tx bot.Tx) error {
		for _, c := range forgotten.convs {
			if _, err := tx.Conversation(ctx, c.ConversationKey); !errors.Is(err, bot.ErrNotFound) {
				t.Errorf("Conversation(%+v) of the forgotten buyer: error %v, want ErrNotFound", c.ConversationKey, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("InTx: %v", err)
	}
	// Their events are still known, scrubbed, and nothing is left to send.
	for id, before := range forgottenEvents {
		fresh, err := s.RecordEvent(ctx, event(bot.PlatformTelegram, id, base))
		if err != nil || fresh {
			t.Errorf("RecordEvent(%s) after forgetting = %v, %v; want a duplicate", id, fresh, err)
		}
		e, err := s.Event(ctx, bot.PlatformTelegram, id)
		if err != nil {
			t.Fatalf("Event(%s) after forgetting: %v", id, err)
		}
		want := bot.Message{Platform: bot.PlatformTelegram, EventID: id, ChatID: before.Message.ChatID, UserID: gone}
		if !reflect.DeepEqual(e.Message, want) {
			t.Errorf("event %s message after forgetting:\n got %+v\nwant %+v", id, e.Message, want)
		}
		if e.Reply != nil {
			t.Errorf("event %s kept its reply: %+v", id, *e.Reply)
		}
		if e.State != bot.EventDelivered {
			t.Errorf("event %s state %q after forgetting, want %q (never answered)", id, e.State, bot.EventDelivered)
		}
	}
	pending, err := s.PendingEvents(ctx, bot.PlatformTelegram, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), 0)
	if err != nil {
		t.Fatalf("PendingEvents: %v", err)
	}
	var pendingIDs []string
	for _, e := range pending {
		pendingIDs = append(pendingIDs, e.ID)
	}
	if want := []string{"ka1", "ka2"}; !reflect.DeepEqual(pendingIDs, want) {
		t.Errorf("PendingEvents after forgetting = %v, want only the other buyer's %v", pendingIDs, want)
	}

	// The other buyer, and the same id on another platform, are untouched.
	for _, in := range other.inquiries {
		if got, err := s.Inquiry(ctx, in.ID); err != nil || !reflect.DeepEqual(got, in) {
			t.Errorf("other buyer's inquiry %d after forgetting: %v\n got %+v\nwant %+v", in.ID, err, got, in)
		}
		if ref, err := s.LeadCard(ctx, in.ID); err != nil || ref != other.cards[in.ID] {
			t.Errorf("other buyer's lead card after forgetting = %+v, %v; want %+v", ref, err, other.cards[in.ID])
		}
	}
	err = s.InTx(ctx, func(ctx context.Context, tx bot.Tx) error {
		for _, c := range other.convs {
			got, err := tx.Conversation(ctx, c.ConversationKey)
			if err != nil || !reflect.DeepEqual(got, c) {
				t.Errorf("other buyer's conversation after forgetting: %v\n got %+v\nwant %+v", err, got, c)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("InTx: %v", err)
	}
	for id, before := range otherEvents {
		after, err := s.Event(ctx, bot.PlatformTelegram, id)
		// PendingEvents above claimed the pending ones: only their lease moved.
		after.UpdatedAt = before.UpdatedAt
		if err != nil || !reflect.DeepEqual(after, before) {
			t.Errorf("other buyer's event %s after forgetting: %v\n got %+v\nwant %+v", id, err, after, before)
		}
	}
	if e, err := s.Event(ctx, bot.PlatformSlack, "Ev111"); err != nil || e.Message.Text != slackTwin.Message.Text {
		t.Errorf("the same user id on Slack was scrubbed: %+v, %v", e.Message, err)
	}

	// Forgetting again, or a buyer never seen, finds nothing.
	for _, user := range []string{gone, "333"} {
		if got, err := eraser.ForgetBuyer(ctx, bot.PlatformTelegram, user); err != nil || got != (bot.ForgetResult{}) {
			t.Errorf("ForgetBuyer(telegram, %s) again = %+v, %v; want zero counts", user, got, err)
		}
	}
}
