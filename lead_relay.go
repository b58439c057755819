package main

import (
	"context"
	"sync"

	"github.com/triagebot/triagebot/bot"
)

// leadRelay forwards the chat subcommand's lead cards to the Slack adapter
// once it exists (chat runs no dispatcher, so its cards go directly): the
// core is built before the adapter that needs it.
type leadRelay struct {
	mu  sync.RWMutex
	pub bot.LeadPublisher
}

func (l *leadRelay) set(p bot.LeadPublisher) {
	l.mu.Lock()
	l.pub = p
	l.mu.Unlock()
}

// PublishLead implements bot.LeadPublisher; without Slack it keeps the lead
// in the store only.
func (l *leadRelay) PublishLead(ctx context.Context, in bot.Inquiry, ref bot.CardRef) (bot.CardRef, error) {
	l.mu.RLock()
	p := l.pub
	l.mu.RUnlock()
	if p == nil {
		return ref, nil
	}
	return p.PublishLead(ctx, in, ref)
}
