package bot

import (
	"context"
	"strconv"
	"time"
)

// OutboxKind is what an outbox row carries.
type OutboxKind string

// The kinds of outgoing message.
const (
	// KindReply answers a buyer's or sales rep's message in its chat.
	KindReply OutboxKind = "reply"
	// KindLeadCard posts an inquiry's lead card, or edits it in place once
	// posted. One row per inquiry: a change re-arms it (coalesced).
	KindLeadCard OutboxKind = "lead_card"
)

// OutboxState is how far an outbox row got.
type OutboxState string

// Outbox row states.
const (
	OutboxPending OutboxState = "pending" // waiting for its next attempt time
	OutboxSending OutboxState = "sending" // claimed by a dispatcher until its next attempt time
	OutboxSent    OutboxState = "sent"    // delivered (a lead card: its latest state)
	OutboxFailed  OutboxState = "failed"  // refused for good by the platform
)

// Payload is what a Sender renders. A reply carries the message it answers
// and the reply; a lead card carries its inquiry id, and the dispatcher
// loads the inquiry's latest state (and the card's place) before sending, so
// that edits queued behind each other coalesce into one.
type Payload struct {
	Message   *Message `json:"message,omitempty"`
	Reply     *Reply   `json:"reply,omitempty"`
	InquiryID int64    `json:"inquiry_id,omitempty"`
	// Filled by the dispatcher for a lead card, never stored.
	Inquiry *Inquiry `json:"-"`
	Card    CardRef  `json:"-"`
}

// Outgoing is one outbox row: a message to send on Platform to Target.
type Outgoing struct {
	ID       int64
	Platform string
	// Target is where it goes (a Telegram chat id, a Slack channel, with
	// its thread for a reply); rate limits apply per target.
	Target string
	// Lane orders delivery: rows of one platform and lane go out one at a
	// time, oldest first (a chat's replies in the order of its messages).
	Lane string
	Kind OutboxKind
	// Key is unique: a second Enqueue with the same key adds no row (a
	// reply) or re-arms the one there is (Replace, a lead card).
	Key string
	// Subject is the buyer ("platform/user") whose data the payload holds,
	// so that forgetting the buyer deletes it.
	Subject string
	Payload Payload
	// Replace, on Enqueue, makes a row with the same key send its latest
	// payload again.
	Replace bool
	// Attempts counts claims; it is also the claim's fencing token.
	Attempts int
	// Unknown counts attempts whose outcome was unknown (a timeout after the
	// request went out, a dispatcher that died mid-send).
	Unknown   int
	NextAt    time.Time
	State     OutboxState
	LastError string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// OutboxResult is the outcome of one claimed attempt, for FinishOutbox.
type OutboxResult struct {
	ID       int64
	Attempts int // the claim's Attempts: a stale claim changes nothing
	State    OutboxState
	// NextAt, for a row going back to pending, is when to try again; for a
	// sent row it is the earliest time a re-armed row may go out again (the
	// lead-card edit gap).
	NextAt    time.Time
	LastError string
	Unknown   bool // this attempt's outcome was unknown
	// Deferred is set when the row was put back unsent, to wait for a rate
	// limit: the claim does not count as an attempt.
	Deferred bool
	// Card, when set, is stored as the lead card of CardInquiry in the same
	// transaction.
	Card        CardRef
	CardInquiry int64
}

// OutboxStats is the queue's state for the metrics.
type OutboxStats struct {
	Depth int // rows pending or sending
	// Oldest is the creation time of the oldest unsent row (zero if none).
	Oldest time.Time
}

// OutboxStore is the durable queue of outgoing messages. Rows are written
// by Tx.Enqueue in the transaction of the state they report, claimed by
// dispatchers (several, on several replicas, may claim at once: a row goes
// to one of them) and finished with the outcome.
type OutboxStore interface {
	// Enqueue adds o outside a conversation transaction (a claim or an
	// override refreshing its lead card).
	Enqueue(ctx context.Context, o Outgoing) error
	// ClaimOutbox claims up to limit rows of platform due at now: pending rows whose
	// next attempt time has come, and sending rows whose claim expired (the
	// dispatcher died: their attempt counts as unknown). Only the oldest
	// unfinished row of each platform and lane is due. A claimed row is
	// sending until now+lease, its Attempts one higher.
	ClaimOutbox(ctx context.Context, platform string, now time.Time, lease time.Duration, limit int) ([]Outgoing, error)
	// FinishOutbox records the outcome of a claimed attempt. A row re-armed
	// while it was being sent goes back to pending instead of sent.
	FinishOutbox(ctx context.Context, r OutboxResult, now time.Time) error
	// OutboxStats reports the queue's depth and its oldest unsent row.
	OutboxStats(ctx context.Context) (OutboxStats, error)
	// OutboxRow returns the row with key, or ErrNotFound.
	OutboxRow(ctx context.Context, key string) (Outgoing, error)
}

// ReplyKey is the idempotency key of the reply to a recorded event.
func ReplyKey(platform, eventID string) string { return "reply/" + platform + "/" + eventID }

// LeadKey is the idempotency key of an inquiry's lead card.
func LeadKey(inquiryID int64) string { return "lead/" + strconv.FormatInt(inquiryID, 10) }
