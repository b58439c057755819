package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/store/internal/sqlrow"
)

var _ bot.OutboxStore = (*Store)(nil)

// Enqueue adds o to the outbox outside a conversation transaction.
func (s *Store) Enqueue(ctx context.Context, o bot.Outgoing) error {
	return enqueue(ctx, s.pool, s.stamp(time.Time{}), o)
}

// Enqueue adds o to the outbox in the transaction.
func (t *tx) Enqueue(ctx context.Context, o bot.Outgoing) error {
	return enqueue(ctx, t.tx, t.s.stamp(time.Time{}), o)
}

// MarkDelivered sets a recorded event delivered in the transaction.
func (t *tx) MarkDelivered(ctx context.Context, platform, id string, at time.Time) error {
	tag, err := t.tx.Exec(ctx, sqlrow.Dollar(sqlrow.MarkDelivered),
		t.s.stamp(at), platform, id)
	return affectedOne(tag, err, "mark "+platform+" event delivered")
}

// enqueue inserts o, or for a key already stored: nothing (a reply), or,
// with Replace, the new payload re-armed. A pending row keeps its due time
// (the edits coalesce), a row being sent is marked dirty (sent again once
// done), a finished row is due at the later of its gap and o.NextAt.
func enqueue(ctx context.Context, q querier, now time.Time, o bot.Outgoing) error {
	if o.Platform == "" || o.Key == "" || o.Kind == "" {
		return errors.New("postgres: enqueue: platform, kind and key are required")
	}
	payload, err := json.Marshal(o.Payload)
	if err != nil {
		return fmt.Errorf("postgres: enqueue %s: encode payload: %w", o.Kind, err)
	}
	next := now
	if !o.NextAt.IsZero() {
		next = dbTime(o.NextAt)
	}
	if o.Lane == "" {
		o.Lane = o.Target
	}
	conflict := `ON CONFLICT (key) DO NOTHING`
	if o.Replace {
		conflict = `ON CONFLICT (key) DO UPDATE SET payload = excluded.payload, updated_at = excluded.updated_at,
    dirty = outbox.dirty OR outbox.state = 'sending',
    next_at = CASE WHEN outbox.state IN ('sent', 'failed') THEN greatest(outbox.next_at, excluded.next_at) ELSE outbox.next_at END,
    state = CASE WHEN outbox.state IN ('sent', 'failed') THEN 'pending' ELSE outbox.state END`
	}
	_, err = q.Exec(ctx, `INSERT INTO outbox (platform, target, lane, kind, key, subject, payload, state, next_at, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9, $9) `+conflict,
		o.Platform, o.Target, o.Lane, string(o.Kind), o.Key, o.Subject, payload, next, now)
	if err != nil {
		return fmt.Errorf("postgres: enqueue %s %s: %w", o.Platform, o.Kind, err)
	}
	return nil
}

// ClaimOutbox claims the due heads of their lanes. The rows are selected
// FOR UPDATE SKIP LOCKED, so dispatchers on several replicas claiming at
// once get disjoint rows; a lane's head being claimed elsewhere is locked,
// and the row behind it is not due while the head is unfinished.
func (s *Store) ClaimOutbox(ctx context.Context, platform string, now time.Time, lease time.Duration, limit int) ([]bot.Outgoing, error) {
	if limit <= 0 {
		limit = 100
	}
	var out []bot.Outgoing
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, sqlrow.Dollar(sqlrow.SelectDueOutgoing+sqlrow.ForUpdateSkipLocked), dbTime(now), platform, limit)
		if err != nil {
			return err
		}
		out, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (bot.Outgoing, error) { return codec().ScanOutgoing(r) })
		if err != nil {
			return err
		}
		until := dbTime(now.Add(lease))
		batch := &pgx.Batch{}
		for i := range out {
			o := &out[i]
			if o.State == bot.OutboxSending {
				o.Unknown++ // its dispatcher died mid-send
			}
			o.Attempts++
			o.State, o.NextAt = bot.OutboxSending, until
			batch.Queue(sqlrow.Dollar(sqlrow.ClaimOutgoing),
				o.Attempts, o.Unknown, until, dbTime(now), o.ID)
		}
		if batch.Len() == 0 {
			return nil
		}
		return tx.SendBatch(ctx, batch).Close()
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: claim outbox: %w", err)
	}
	return out, nil
}

// FinishOutbox records the outcome of a claimed attempt, and the lead card
// it posted, in one transaction. A stale claim (the row was claimed again
// since) changes nothing.
func (s *Store) FinishOutbox(ctx context.Context, r bot.OutboxResult, now time.Time) error {
	next := dbTime(r.NextAt)
	if r.NextAt.IsZero() {
		next = dbTime(now)
	}
	unknown, deferred := 0, 0
	if r.Unknown {
		unknown = 1
	}
	if r.Deferred {
		deferred = 1
	}
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE outbox SET
    state = CASE WHEN $1 = 'sent' AND dirty THEN 'pending' ELSE $1 END,
    dirty = false, next_at = $2, last_error = $3, unknown = unknown + $4, attempts = attempts - $8, updated_at = $5
WHERE id = $6 AND attempts = $7 AND state = 'sending'`,
			string(r.State), next, r.LastError, unknown, dbTime(now), r.ID, r.Attempts, deferred)
		if err != nil {
			return fmt.Errorf("postgres: finish outbox row %d: %w", r.ID, err)
		}
		if tag.RowsAffected() == 0 {
			return fmt.Errorf("postgres: finish outbox row %d: claim %d is stale: %w", r.ID, r.Attempts, bot.ErrNotFound)
		}
		if r.Card.Zero() {
			return nil
		}
		if _, err := tx.Exec(ctx, sqlrow.Dollar(sqlrow.SaveSentCard), r.CardInquiry, r.Card.Channel, r.Card.MessageID, dbTime(now), r.CardInquiry); err != nil {
			return fmt.Errorf("postgres: finish outbox row %d: save lead card: %w", r.ID, err)
		}
		return nil
	})
}

// OutboxStats counts the unfinished rows and finds the oldest.
func (s *Store) OutboxStats(ctx context.Context) (bot.OutboxStats, error) {
	var (
		st     bot.OutboxStats
		oldest *time.Time
	)
	if err := s.pool.QueryRow(ctx, sqlrow.OutboxStats).
		Scan(&st.Depth, &oldest); err != nil {
		return bot.OutboxStats{}, fmt.Errorf("postgres: outbox stats: %w", err)
	}
	if oldest != nil {
		st.Oldest = oldest.UTC()
	}
	return st, nil
}

// OutboxRow returns the row with key, or an error wrapping bot.ErrNotFound.
func (s *Store) OutboxRow(ctx context.Context, key string) (bot.Outgoing, error) {
	o, err := codec().ScanOutgoing(s.pool.QueryRow(ctx, sqlrow.Dollar(sqlrow.SelectOutgoing), key))
	if errors.Is(err, pgx.ErrNoRows) {
		return bot.Outgoing{}, fmt.Errorf("postgres: outbox row: %w", bot.ErrNotFound)
	}
	if err != nil {
		return bot.Outgoing{}, fmt.Errorf("postgres: outbox row: %w", err)
	}
	return o, nil
}
