package sqlrow

import (
	"encoding/json"
	"fmt"

	"github.com/triagebot/triagebot/bot"
)

// EventColumns are the columns ScanEvent reads, in order.
const EventColumns = `platform, id, message, state, reply, received_at, updated_at`

// Statements on events, with `?` placeholders. The two selects that claim
// rows end where PostgreSQL appends its row lock (ForUpdateSkipLocked);
// SQLite's one writer connection serializes claimers instead.
const (
	// SelectEvent takes platform and id.
	SelectEvent = `SELECT ` + EventColumns + ` FROM events WHERE platform = ? AND id = ?`
	// SelectPendingEvents takes platform, the updated_at cut-off and a
	// limit. The literal state condition matches the partial index
	// events_pending.
	SelectPendingEvents = `SELECT ` + EventColumns + ` FROM events
WHERE platform = ? AND state <> 'delivered' AND updated_at < ?
ORDER BY received_at, id LIMIT ?`
	// SelectDueEvents takes platform, now and a limit.
	SelectDueEvents = `SELECT ` + EventColumns + ` FROM events
WHERE platform = ? AND state <> 'delivered' AND (due_at IS NULL OR due_at <= ?)
ORDER BY received_at, id LIMIT ?`
	// MarkDelivered takes updated_at, platform and id.
	MarkDelivered = `UPDATE events SET state = 'delivered', updated_at = ? WHERE platform = ? AND id = ?`
	// MarkTriaged takes the reply, updated_at, platform and id. A
	// delivered event stays delivered, so the reply is never sent twice.
	MarkTriaged = `UPDATE events SET reply = ?, updated_at = ?,
    state = CASE state WHEN 'delivered' THEN 'delivered' ELSE 'triaged' END
WHERE platform = ? AND id = ?`
)

// ForUpdateSkipLocked is PostgreSQL's ending of a claiming select: replicas
// claiming at once get disjoint rows, and rows a transaction holds are
// skipped.
const ForUpdateSkipLocked = "\nFOR UPDATE SKIP LOCKED"

// ScanEvent reads one events row selected with EventColumns. The driver's
// no-rows error is returned as it is, for the caller to map.
func (d Dialect) ScanEvent(row Row) (bot.Event, error) {
	var (
		e          bot.Event
		msg, reply []byte
		state      string
	)
	if err := row.Scan(&e.Platform, &e.ID, &msg, &state, &reply,
		d.TimeDest(&e.ReceivedAt), d.TimeDest(&e.UpdatedAt)); err != nil {
		return bot.Event{}, err
	}
	e.ReceivedAt, e.UpdatedAt = e.ReceivedAt.UTC(), e.UpdatedAt.UTC()
	e.State = bot.EventState(state)
	if err := json.Unmarshal(msg, &e.Message); err != nil {
		return bot.Event{}, fmt.Errorf("decode message: %w", err)
	}
	if reply != nil {
		e.Reply = new(bot.Reply)
		if err := json.Unmarshal(reply, e.Reply); err != nil {
			return bot.Event{}, fmt.Errorf("decode reply: %w", err)
		}
	}
	return e, nil
}
