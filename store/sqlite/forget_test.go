package sqlite

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/store/storetest"
	"github.com/triagebot/triagebot/triage"
)

func TestForgetContract(t *testing.T) {
	storetest.RunForget(t, func(t *testing.T) bot.Store { return openTestStore(t) })
}

// TestCoreForget runs bot.Core.Forget over this store: a forgotten buyer's
// redelivered message is a duplicate, nothing is left to answer, and the
// log names the platform and user id but none of the buyer's text.
func TestCoreForget(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	eng, err := triage.New(triage.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	core, err := bot.NewCore(bot.Options{Store: s, Engine: eng,
		Log: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo}))})
	if err != nil {
		t.Fatal(err)
	}
	const secret = "We own the design of 3000 LED mirrors, budget USD 40,000"
	msgs := []bot.Message{
		{Platform: bot.PlatformTelegram, EventID: "1", ChatID: "555", UserID: "555", UserName: "Ana", Text: secret},
		{Platform: bot.PlatformTelegram, EventID: "2", ChatID: "555", UserID: "555", Text: "lead time 30 days"},
	}
	r, err := core.Handle(ctx, msgs[0])
	if err != nil || r.InquiryID == 0 {
		t.Fatalf("Handle = %+v, %v; want an inquiry", r, err)
	}
	if err := core.Delivered(ctx, msgs[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := core.Accept(ctx, msgs[1]); err != nil { // accepted, not yet answered
		t.Fatal(err)
	}

	got, err := core.Forget(ctx, bot.PlatformTelegram, "555")
	if want := (bot.ForgetResult{Inquiries: 1, Conversations: 1, Events: 2}); err != nil || got != want {
		t.Fatalf("Forget = %+v, %v; want %+v", got, err, want)
	}
	for _, m := range msgs {
		if fresh, err := core.Accept(ctx, m); err != nil || fresh {
			t.Errorf("Accept(%s) after Forget = %v, %v; want a duplicate", m.EventID, fresh, err)
		}
		if r, err := core.Handle(ctx, m); err != nil || !r.Duplicate {
			t.Errorf("Handle(%s) after Forget = %+v, %v; want a duplicate", m.EventID, r, err)
		}
	}
	if _, err := s.Inquiry(ctx, r.InquiryID); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("inquiry after Forget and redelivery: error %v, want ErrNotFound", err)
	}
	if p, err := core.Pending(ctx, bot.PlatformTelegram); err != nil || len(p) != 0 {
		t.Errorf("Pending after Forget = %+v, %v; want nothing to answer", p, err)
	}
	if out := logs.String(); !strings.Contains(out, "platform=telegram") || !strings.Contains(out, "user=555") ||
		strings.Contains(out, "LED") || strings.Contains(out, "Ana") {
		t.Errorf("Forget logged %q, want the platform and user id and no buyer text", out)
	}

	if _, err := core.Forget(ctx, bot.PlatformTelegram, " "); err == nil {
		t.Errorf("Forget without a user id: no error")
	}
	// A store without the capability gets a clear error.
	bare, err := bot.NewCore(bot.Options{Store: struct{ bot.Store }{s}, Engine: eng})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bare.Forget(ctx, bot.PlatformTelegram, "555"); !errors.Is(err, bot.ErrForgetUnsupported) {
		t.Errorf("Forget on a store without ForgetBuyer: error %v, want ErrForgetUnsupported", err)
	}
}
