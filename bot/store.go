package bot

import (
	"context"
	"time"

	"github.com/triagebot/triagebot/triage"
)

// EventStore records platform deliveries so that each is handled once and
// none is lost: an event is recorded before the platform is acknowledged.
type EventStore interface {
	// RecordEvent inserts e (state pending) unless an event with the same
	// platform and id exists; fresh is false for such a duplicate.
	RecordEvent(ctx context.Context, e Event) (fresh bool, err error)
	// Event returns the recorded event, or ErrNotFound.
	Event(ctx context.Context, platform, id string) (Event, error)
	// PendingEvents lists events of platform not yet delivered whose last
	// update is before the given time, oldest first, and claims them: their
	// last update becomes the store's now, so another caller (replica) with
	// the same cut-off does not get them again until that grace has passed.
	PendingEvents(ctx context.Context, platform string, before time.Time, limit int) ([]Event, error)
	// MarkDelivered sets an event's state to delivered.
	MarkDelivered(ctx context.Context, platform, id string, at time.Time) error
	// ClaimEvents claims up to limit events of platform not yet delivered
	// and not claimed by another worker (or whose claim, lease long, has
	// expired), oldest received first. Safe across replicas: an event goes
	// to one claimer at a time.
	ClaimEvents(ctx context.Context, platform string, now time.Time, lease time.Duration, limit int) ([]Event, error)
}

// Tx is one store transaction over conversations and inquiries. Conversation
// locks the row it reads (where the backend can) until the transaction ends.
type Tx interface {
	// Conversation returns the conversation, or ErrNotFound.
	Conversation(ctx context.Context, key ConversationKey) (Conversation, error)
	// SaveConversation inserts or updates c by its key.
	SaveConversation(ctx context.Context, c Conversation) error
	// Inquiry returns the inquiry, or ErrNotFound.
	Inquiry(ctx context.Context, id int64) (Inquiry, error)
	// SaveInquiry inserts in when in.ID is 0 (and sets in.ID), else updates it.
	SaveInquiry(ctx context.Context, in *Inquiry) error
	// MarkTriaged stores the reply of a recorded event and sets its state
	// to triaged, so that a crash before sending resends the same reply.
	MarkTriaged(ctx context.Context, platform, id string, reply Reply, at time.Time) error
	// MarkDelivered sets a recorded event's state to delivered: its reply
	// is in the outbox, queued in the same transaction.
	MarkDelivered(ctx context.Context, platform, id string, at time.Time) error
	// Enqueue adds an outgoing message to the outbox (see OutboxStore).
	Enqueue(ctx context.Context, o Outgoing) error
}

// InquiryStore keeps inquiries and conversations.
type InquiryStore interface {
	// InTx runs fn in one transaction, committed if fn returns nil.
	InTx(ctx context.Context, fn func(ctx context.Context, tx Tx) error) error
	// Inquiry returns an inquiry, or ErrNotFound.
	Inquiry(ctx context.Context, id int64) (Inquiry, error)
	// SetAssignee claims an inquiry for a sales rep and returns it updated.
	SetAssignee(ctx context.Context, id int64, assignee string, at time.Time) (Inquiry, error)
	// SetOverride records a sales rep's model beside the engine's.
	SetOverride(ctx context.Context, id int64, model triage.Model, by string, at time.Time) (Inquiry, error)
	// ImportInquiry inserts a finished inquiry keyed by in.ImportKey;
	// fresh is false (and nothing changes) if the key is already stored.
	ImportInquiry(ctx context.Context, in *Inquiry) (fresh bool, err error)
}

// LeadCardStore remembers where each inquiry's lead card was posted.
type LeadCardStore interface {
	// LeadCard returns the card of an inquiry, or ErrNotFound.
	LeadCard(ctx context.Context, inquiryID int64) (CardRef, error)
	// SaveLeadCard stores (or replaces) the card of an inquiry.
	SaveLeadCard(ctx context.Context, inquiryID int64, ref CardRef) error
}

// Store is everything the conversation core needs from storage.
type Store interface {
	EventStore
	InquiryStore
	LeadCardStore
	OutboxStore
}
