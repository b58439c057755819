package sqlrow

import (
	"encoding/json"
	"fmt"

	"github.com/triagebot/triagebot/bot"
)

// OutboxColumns are the columns ScanOutgoing reads, in order.
const OutboxColumns = `id, platform, target, lane, kind, key, subject, payload, attempts, unknown, next_at, state, last_error, created_at, updated_at`

// Statements on the outbox, with `?` placeholders. Enqueueing stays in
// each backend (its conflict rule differs); PostgreSQL appends
// ForUpdateSkipLocked to the claim's select.
const (
	// SelectDueOutgoing takes now, platform and a limit: the due heads of
	// their lanes, found in one pass over the unfinished rows' index (a
	// plan that does not depend on the table's statistics).
	SelectDueOutgoing = `SELECT ` + OutboxColumns + ` FROM outbox o
WHERE next_at <= ? AND id IN (
    SELECT min(id) FROM outbox WHERE platform = ? AND state IN ('pending', 'sending') GROUP BY lane)
ORDER BY next_at, id LIMIT ?`
	// SelectOutgoing takes a key.
	SelectOutgoing = `SELECT ` + OutboxColumns + ` FROM outbox WHERE key = ?`
	// ClaimOutgoing takes attempts, unknown, next_at, updated_at and id.
	ClaimOutgoing = `UPDATE outbox SET state = 'sending', attempts = ?, unknown = ?, next_at = ?, updated_at = ? WHERE id = ?`
	// OutboxStats returns the count and oldest created_at of unfinished rows.
	OutboxStats = `SELECT count(*), min(created_at) FROM outbox WHERE state IN ('pending', 'sending')`
	// SaveSentCard stores a lead card a sent row produced, unless its
	// inquiry was erased meanwhile. It takes inquiry_id, channel,
	// message_id, updated_at and the inquiry id again.
	SaveSentCard = `INSERT INTO lead_cards (inquiry_id, channel, message_id, updated_at)
SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM inquiries WHERE id = ?)
ON CONFLICT (inquiry_id) DO UPDATE SET channel = excluded.channel, message_id = excluded.message_id,
    updated_at = excluded.updated_at`
)

// ScanOutgoing reads one outbox row selected with OutboxColumns. The
// driver's no-rows error is returned as it is, for the caller to map.
func (d Dialect) ScanOutgoing(row Row) (bot.Outgoing, error) {
	var (
		o           bot.Outgoing
		kind, state string
		payload     []byte
	)
	if err := row.Scan(&o.ID, &o.Platform, &o.Target, &o.Lane, &kind, &o.Key, &o.Subject, &payload,
		&o.Attempts, &o.Unknown, d.TimeDest(&o.NextAt), &state, &o.LastError,
		d.TimeDest(&o.CreatedAt), d.TimeDest(&o.UpdatedAt)); err != nil {
		return bot.Outgoing{}, err
	}
	o.NextAt, o.CreatedAt, o.UpdatedAt = o.NextAt.UTC(), o.CreatedAt.UTC(), o.UpdatedAt.UTC()
	o.Kind, o.State = bot.OutboxKind(kind), bot.OutboxState(state)
	if err := json.Unmarshal(payload, &o.Payload); err != nil {
		return bot.Outgoing{}, fmt.Errorf("decode payload: %w", err)
	}
	return o, nil
}
