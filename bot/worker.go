package bot

import (
	"context"
	"fmt"
	"hash/fnv"
	"sync"
	"time"
)

// EventLease is how long a recorded event claimed by the triage worker is
// its own: a worker that dies with it leaves it to the next within that.
const EventLease = 5 * time.Second

// triageShards is how many chats the worker triages at once; a chat's
// events always go to one shard, in the order they were received.
const triageShards = 2

// Run triages recorded events until ctx ends: it claims pending events of
// every platform in Options.Platforms, triages each chat's in order, and
// writes each reply (and lead card) to the outbox in the transaction of the
// inquiry. Webhooks only record events, so the acknowledgement never waits
// for this. Run it on one replica at a time (RunLeading with WorkerLock);
// it returns nil when ctx ends.
func (c *Core) Run(ctx context.Context) error {
	poll := time.NewTicker(250 * time.Millisecond)
	defer poll.Stop()
	for {
		n := 0
		for _, p := range c.platforms {
			n += c.triageBatch(ctx, p)
		}
		if n > 0 {
			continue
		}
		select {
		case <-ctx.Done():
			return nil
		case <-c.wake:
		case <-poll.C:
		}
	}
}

// triageBatch claims and triages one batch of platform's pending events.
func (c *Core) triageBatch(ctx context.Context, platform string) int {
	evs, err := c.store.ClaimEvents(ctx, platform, c.now().UTC(), EventLease, 256)
	if err != nil {
		if ctx.Err() == nil {
			c.metrics.Error("store")
			c.log.Error("pending events not claimed", "platform", platform, "err", err)
		}
		return 0
	}
	shards := make([][]Event, triageShards)
	for _, e := range evs {
		h := fnv.New32a()
		h.Write([]byte(e.Message.ChatID))
		i := h.Sum32() % triageShards
		shards[i] = append(shards[i], e)
	}
	var wg sync.WaitGroup
	for _, sh := range shards {
		wg.Go(func() {
			for _, e := range sh {
				if ctx.Err() != nil {
					return
				}
				c.triageEvent(ctx, e)
			}
		})
	}
	wg.Wait()
	if len(evs) > 0 && c.onQueued != nil {
		c.onQueued()
	}
	return len(evs)
}

// triageEvent triages one claimed event; a failure leaves it pending, to
// be claimed again once its lease has passed.
func (c *Core) triageEvent(ctx context.Context, e Event) {
	defer func() {
		if r := recover(); r != nil {
			c.metrics.Error("triage_panic")
			c.log.Error("triage panicked; the event stays pending", "platform", e.Platform, "event", e.ID, "panic", fmt.Sprint(r))
		}
	}()
	var err error
	over, notify := c.caps.over(e.Message, c.now())
	switch {
	case e.State == EventTriaged && e.Reply != nil:
		// Triaged before the outbox (or by Handle): queue the stored reply.
		err = c.store.InTx(ctx, func(ctx context.Context, tx Tx) error {
			return c.queue(ctx, tx, e.Message, *e.Reply, nil, true, c.now().UTC())
		})
	case over:
		c.metrics.Capped(e.Platform)
		err = c.capped(ctx, e.Message, notify)
	default:
		var reply Reply
		var inq *Inquiry
		reply, inq, err = c.process(ctx, e.Message, true)
		if err == nil && inq != nil {
			c.metrics.Handled(e.Platform, string(reply.Model))
			if !c.cardsQueued(*inq) {
				c.publishLead(ctx, *inq) // no outbox for cards: straight to Leads
			}
		}
	}
	if err != nil && ctx.Err() == nil {
		c.metrics.Error("store")
		c.log.Error("event not triaged; it stays pending", "platform", e.Platform, "event", e.ID, "err", err)
	}
}

// queue writes, in tx, the reply to msg to the outbox (with queue) and
// marks its event delivered, and re-arms the lead card of in.
func (c *Core) queue(ctx context.Context, tx Tx, msg Message, reply Reply, in *Inquiry, queue bool, now time.Time) error {
	if queue {
		if err := tx.Enqueue(ctx, replyRow(msg, reply)); err != nil {
			return fmt.Errorf("queue reply: %w", err)
		}
		if err := tx.MarkDelivered(ctx, msg.Platform, msg.EventID, now); err != nil {
			return fmt.Errorf("mark event queued: %w", err)
		}
	}
	if in != nil && c.cardsQueued(*in) {
		if err := tx.Enqueue(ctx, c.leadRow(in.ID)); err != nil {
			return fmt.Errorf("queue lead card: %w", err)
		}
	}
	return nil
}

// replyRow is the outbox row of the reply to msg.
func replyRow(msg Message, reply Reply) Outgoing {
	return Outgoing{
		Platform: msg.Platform, Target: msg.ChatID, Kind: KindReply,
		Key: ReplyKey(msg.Platform, msg.EventID), Subject: msg.Platform + "/" + msg.UserID,
		Payload: Payload{Message: &msg, Reply: &reply},
	}
}

// leadRow is the outbox row of an inquiry's lead card: one per inquiry, in
// a lane of its own, re-armed by every change.
func (c *Core) leadRow(inquiryID int64) Outgoing {
	return Outgoing{
		Platform: PlatformSlack, Target: c.leadChannel, Lane: LeadKey(inquiryID), Kind: KindLeadCard,
		Key: LeadKey(inquiryID), Payload: Payload{InquiryID: inquiryID}, Replace: true,
	}
}

// cardsQueued reports whether in's lead card goes through the outbox.
func (c *Core) cardsQueued(in Inquiry) bool {
	return c.leadChannel != "" && in.Platform != PlatformSlack && in.Platform != PlatformImport
}

// refreshLead re-arms the lead card after a sales action (claim, override).
func (c *Core) refreshLead(ctx context.Context, in Inquiry) {
	if !c.cardsQueued(in) {
		c.publishLead(ctx, in)
		return
	}
	if err := c.store.Enqueue(ctx, c.leadRow(in.ID)); err != nil {
		c.metrics.Error("store")
		c.log.Error("lead card not queued", "inquiry", in.ID, "err", err)
		return
	}
	if c.onQueued != nil {
		c.onQueued()
	}
}

// OnQueued sets f to be called after rows were written to the outbox (the
// dispatcher's Wake). Call it before Run.
func (c *Core) OnQueued(f func()) { c.onQueued = f }

// wakeUp tells Run that an event was recorded. It never blocks.
func (c *Core) wakeUp() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}
