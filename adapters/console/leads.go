package console

import (
	"context"
	"sync"

	"github.com/triagebot/triagebot/bot"
)

// LeadRelay forwards the console's lead cards to a publisher (the Slack
// adapter) set once it exists: chat runs no dispatcher, so its cards go
// directly, and the core is built before the adapter that needs it. The
// zero value keeps leads in the store only; it is safe for concurrent use.
type LeadRelay struct {
	mu  sync.RWMutex
	pub bot.LeadPublisher
}

// Set makes p the publisher of the leads from now on.
func (l *LeadRelay) Set(p bot.LeadPublisher) {
	l.mu.Lock()
	l.pub = p
	l.mu.Unlock()
}

// PublishLead implements bot.LeadPublisher; without Slack it keeps the lead
// in the store only.
func (l *LeadRelay) PublishLead(ctx context.Context, in bot.Inquiry, ref bot.CardRef) (bot.CardRef, error) {
	l.mu.RLock()
	p := l.pub
	l.mu.RUnlock()
	if p == nil {
		return ref, nil
	}
	return p.PublishLead(ctx, in, ref)
}

var _ bot.LeadPublisher = (*LeadRelay)(nil)
