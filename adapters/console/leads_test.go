package console

import (
	"context"
	"testing"

	"github.com/triagebot/triagebot/bot"
)

// publisherFunc is a hand fake of bot.LeadPublisher.
type publisherFunc func(bot.Inquiry, bot.CardRef) bot.CardRef

func (f publisherFunc) PublishLead(_ context.Context, in bot.Inquiry, ref bot.CardRef) (bot.CardRef, error) {
	return f(in, ref), nil
}

func TestLeadRelayForwardsOnceSet(t *testing.T) {
	ctx := context.Background()
	var relay LeadRelay
	old := bot.CardRef{Channel: "C1"}
	if got, err := relay.PublishLead(ctx, bot.Inquiry{}, old); got != old || err != nil {
		t.Fatalf("unset relay: PublishLead = %+v, %v; want the card unchanged", got, err)
	}
	posted := bot.CardRef{Channel: "C1", MessageID: "1700000000.000100"}
	relay.Set(publisherFunc(func(bot.Inquiry, bot.CardRef) bot.CardRef { return posted }))
	if got, err := relay.PublishLead(ctx, bot.Inquiry{}, old); got != posted || err != nil {
		t.Fatalf("set relay: PublishLead = %+v, %v; want %+v", got, err, posted)
	}
}
