package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/store/internal/sqlrow"
)

var _ bot.BuyerEraser = (*Store)(nil)

// scrubbedMessage is the SQL expression of an event's message once its
// buyer is forgotten: only what identifies the delivery is kept.
const scrubbedMessage = `jsonb_build_object(
    'platform', message->'platform',
    'event_id', message->'event_id',
    'chat_id', message->'chat_id',
    'user_id', message->'user_id')`

// ForgetBuyer deletes the inquiries (with their lead cards) and the
// conversations of the user userID of platform, and scrubs their recorded
// events, in one transaction: see bot.BuyerEraser. Events are found by the
// user id inside the message JSON, which no index covers, so it reads the
// platform's whole events table.
func (s *Store) ForgetBuyer(ctx context.Context, platform, userID string) (bot.ForgetResult, error) {
	if platform == "" || userID == "" {
		return bot.ForgetResult{}, errors.New("postgres: forget buyer: platform and user id are required")
	}
	var res bot.ForgetResult
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		res = bot.ForgetResult{}
		steps := []struct {
			n     *int
			op    string
			query string
			args  []any
		}{
			// Unsent replies hold the buyer's text: they go, not sent.
			{nil, "delete outbox rows", sqlrow.Dollar(sqlrow.ForgetOutbox), []any{platform + "/" + userID}},
			{nil, "delete lead cards", sqlrow.Dollar(sqlrow.ForgetLeadCards), []any{platform, userID}},
			{&res.Conversations, "delete conversations",
				sqlrow.Dollar(sqlrow.ForgetConversations), []any{platform, userID}},
			{&res.Inquiries, "delete inquiries",
				sqlrow.Dollar(sqlrow.ForgetInquiries), []any{platform, userID}},
			// A scrubbed event is delivered with no reply: the sweep of
			// pending events must not answer (and so re-create) a forgotten
			// buyer. The last condition leaves events scrubbed before alone,
			// so forgetting twice counts nothing.
			{&res.Events, "scrub events", `UPDATE events SET message = ` + scrubbedMessage + `,
    reply = NULL, state = 'delivered',
    updated_at = CASE state WHEN 'delivered' THEN updated_at ELSE $3 END
WHERE platform = $1 AND message->>'user_id' = $2
    AND (message <> ` + scrubbedMessage + ` OR reply IS NOT NULL OR state <> 'delivered')`,
				[]any{platform, userID, s.stamp(time.Time{})}},
		}
		for _, st := range steps {
			tag, err := tx.Exec(ctx, st.query, st.args...)
			if err != nil {
				return fmt.Errorf("%s: %w", st.op, err)
			}
			if st.n != nil {
				*st.n = int(tag.RowsAffected())
			}
		}
		return nil
	})
	if err != nil {
		return bot.ForgetResult{}, fmt.Errorf("postgres: forget %s user: %w", platform, err)
	}
	return res, nil
}
