package sqlite

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/store/internal/sqlrow"
)

var _ bot.BuyerEraser = (*Store)(nil)

// scrubbedMessage is the SQL expression of an event's message once its
// buyer is forgotten: only what identifies the delivery is kept. json_object
// writes compact JSON in this key order, so a scrubbed message compares
// equal to the expression as text.
const scrubbedMessage = `json_object(
    'platform', json_extract(message, '$.platform'),
    'event_id', json_extract(message, '$.event_id'),
    'chat_id', json_extract(message, '$.chat_id'),
    'user_id', json_extract(message, '$.user_id'))`

// ForgetBuyer deletes the inquiries (with their lead cards) and the
// conversations of the user userID of platform, and scrubs their recorded
// events, in one transaction: see bot.BuyerEraser. Events are found by the
// user id inside the message JSON, which no index covers, so it reads the
// whole events table.
func (s *Store) ForgetBuyer(ctx context.Context, platform, userID string) (bot.ForgetResult, error) {
	if err := checkNotInTx(ctx, "forget buyer"); err != nil {
		return bot.ForgetResult{}, err
	}
	if platform == "" || userID == "" {
		return bot.ForgetResult{}, errors.New("sqlite: forget buyer: platform and user id are required")
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return bot.ForgetResult{}, fmt.Errorf("sqlite: forget %s user: begin: %w", platform, err)
	}
	defer tx.Rollback()

	var res bot.ForgetResult
	count := func(n *int, op, query string, args ...any) error {
		r, err := tx.ExecContext(ctx, query, args...)
		if err != nil {
			return fmt.Errorf("sqlite: forget %s user: %s: %w", platform, op, err)
		}
		if n != nil {
			affected, err := r.RowsAffected()
			if err != nil {
				return fmt.Errorf("sqlite: forget %s user: %s: %w", platform, op, err)
			}
			*n = int(affected)
		}
		return nil
	}
	steps := []struct {
		n     *int
		op    string
		query string
		args  []any
	}{
		// Unsent replies hold the buyer's text: they go, not sent.
		{nil, "delete outbox rows", sqlrow.ForgetOutbox, []any{platform + "/" + userID}},
		{nil, "delete lead cards", sqlrow.ForgetLeadCards, []any{platform, userID}},
		{&res.Conversations, "delete conversations",
			sqlrow.ForgetConversations, []any{platform, userID}},
		{&res.Inquiries, "delete inquiries",
			sqlrow.ForgetInquiries, []any{platform, userID}},
		// A scrubbed event is delivered with no reply: the sweep of pending
		// events must not answer (and so re-create) a forgotten buyer. The
		// last condition leaves events scrubbed before alone, so forgetting
		// twice counts nothing.
		{&res.Events, "scrub events", `UPDATE events SET message = ` + scrubbedMessage + `,
    reply = NULL, state = 'delivered',
    updated_at = CASE state WHEN 'delivered' THEN updated_at ELSE ? END
WHERE platform = ? AND json_extract(message, '$.user_id') = ?
    AND (message <> ` + scrubbedMessage + ` OR reply IS NOT NULL OR state <> 'delivered')`,
			[]any{s.stamp(time.Time{}), platform, userID}},
	}
	for _, st := range steps {
		if err := count(st.n, st.op, st.query, st.args...); err != nil {
			return bot.ForgetResult{}, err
		}
	}
	if err := tx.Commit(); err != nil {
		return bot.ForgetResult{}, fmt.Errorf("sqlite: forget %s user: commit: %w", platform, err)
	}
	return res, nil
}
