package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/store/internal/sqlrow"
)

var _ bot.OutboxStore = (*Store)(nil)

// Enqueue adds o to the outbox outside a conversation transaction.
func (s *Store) Enqueue(ctx context.Context, o bot.Outgoing) error {
	if err := checkNotInTx(ctx, "enqueue"); err != nil {
		return err
	}
	return enqueue(ctx, s.write, s.stamp(time.Time{}), o)
}

// Enqueue adds o to the outbox in the transaction.
func (t *tx) Enqueue(ctx context.Context, o bot.Outgoing) error {
	return enqueue(ctx, t.tx, t.s.stamp(time.Time{}), o)
}

// MarkDelivered sets a recorded event delivered in the transaction.
func (t *tx) MarkDelivered(ctx context.Context, platform, id string, at time.Time) error {
	res, err := t.tx.ExecContext(ctx, sqlrow.MarkDelivered,
		t.s.stamp(at), platform, id)
	return affectedOne(res, err, "mark "+platform+" event delivered")
}

// enqueue inserts o, or for a key already stored: nothing (a reply), or,
// with Replace, the new payload re-armed. A pending row keeps its due time
// (the edits coalesce), a row being sent is marked dirty (sent again once
// done), a finished row is due at the later of its gap and o.NextAt.
func enqueue(ctx context.Context, q execer, now string, o bot.Outgoing) error {
	if o.Platform == "" || o.Key == "" || o.Kind == "" {
		return errors.New("sqlite: enqueue: platform, kind and key are required")
	}
	payload, err := json.Marshal(o.Payload)
	if err != nil {
		return fmt.Errorf("sqlite: enqueue %s: encode payload: %w", o.Kind, err)
	}
	next := now
	if !o.NextAt.IsZero() {
		next = formatTime(o.NextAt)
	}
	if o.Lane == "" {
		o.Lane = o.Target
	}
	conflict := `ON CONFLICT (key) DO NOTHING`
	if o.Replace {
		conflict = `ON CONFLICT (key) DO UPDATE SET payload = excluded.payload, updated_at = excluded.updated_at,
    dirty = CASE outbox.state WHEN 'sending' THEN 1 ELSE outbox.dirty END,
    next_at = CASE WHEN outbox.state IN ('sent', 'failed') THEN max(outbox.next_at, excluded.next_at) ELSE outbox.next_at END,
    state = CASE WHEN outbox.state IN ('sent', 'failed') THEN 'pending' ELSE outbox.state END`
	}
	_, err = q.ExecContext(ctx, `INSERT INTO outbox (platform, target, lane, kind, key, subject, payload, state, next_at, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?) `+conflict,
		o.Platform, o.Target, o.Lane, string(o.Kind), o.Key, o.Subject, string(payload), next, now, now)
	if err != nil {
		return fmt.Errorf("sqlite: enqueue %s %s: %w", o.Platform, o.Kind, err)
	}
	return nil
}

// ClaimOutbox claims the due heads of their lanes. The one writer
// connection serializes claims, so two dispatchers never get one row.
func (s *Store) ClaimOutbox(ctx context.Context, platform string, now time.Time, lease time.Duration, limit int) ([]bot.Outgoing, error) {
	if err := checkNotInTx(ctx, "claim outbox"); err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = 100
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: claim outbox: begin: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, sqlrow.SelectDueOutgoing, formatTime(now), platform, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: claim outbox: %w", err)
	}
	var out []bot.Outgoing
	for rows.Next() {
		o, err := codec().ScanOutgoing(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: claim outbox: %w", err)
		}
		out = append(out, o)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, fmt.Errorf("sqlite: claim outbox: %w", err)
	}
	until, stamp := formatTime(now.Add(lease)), formatTime(now)
	for i := range out {
		o := &out[i]
		if o.State == bot.OutboxSending {
			o.Unknown++ // its dispatcher died mid-send
		}
		o.Attempts++
		o.State, o.NextAt = bot.OutboxSending, now.Add(lease).UTC()
		if _, err := tx.ExecContext(ctx, sqlrow.ClaimOutgoing,
			o.Attempts, o.Unknown, until, stamp, o.ID); err != nil {
			return nil, fmt.Errorf("sqlite: claim outbox row %d: %w", o.ID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: claim outbox: commit: %w", err)
	}
	return out, nil
}

// FinishOutbox records the outcome of a claimed attempt, and the lead card
// it posted, in one transaction. A stale claim (the row was claimed again
// since) changes nothing.
func (s *Store) FinishOutbox(ctx context.Context, r bot.OutboxResult, now time.Time) error {
	if err := checkNotInTx(ctx, "finish outbox"); err != nil {
		return err
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: finish outbox row %d: begin: %w", r.ID, err)
	}
	defer tx.Rollback()
	unknown, deferred := 0, 0
	if r.Unknown {
		unknown = 1
	}
	if r.Deferred {
		deferred = 1
	}
	next := formatTime(r.NextAt)
	if r.NextAt.IsZero() {
		next = formatTime(now)
	}
	res, err := tx.ExecContext(ctx, `UPDATE outbox SET
    state = CASE WHEN ? = 'sent' AND dirty = 1 THEN 'pending' ELSE ? END,
    dirty = 0, next_at = ?, last_error = ?, unknown = unknown + ?, attempts = attempts - ?, updated_at = ?
WHERE id = ? AND attempts = ? AND state = 'sending'`,
		string(r.State), string(r.State), next, r.LastError, unknown, deferred, formatTime(now), r.ID, r.Attempts)
	if err != nil {
		return fmt.Errorf("sqlite: finish outbox row %d: %w", r.ID, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return errors.Join(err, fmt.Errorf("sqlite: finish outbox row %d: claim %d is stale: %w", r.ID, r.Attempts, bot.ErrNotFound))
	}
	if !r.Card.Zero() {
		if _, err := tx.ExecContext(ctx, sqlrow.SaveSentCard, r.CardInquiry, r.Card.Channel, r.Card.MessageID, formatTime(now), r.CardInquiry); err != nil {
			return fmt.Errorf("sqlite: finish outbox row %d: save lead card: %w", r.ID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: finish outbox row %d: commit: %w", r.ID, err)
	}
	return nil
}

// OutboxStats counts the unfinished rows and finds the oldest.
func (s *Store) OutboxStats(ctx context.Context) (bot.OutboxStats, error) {
	var (
		st     bot.OutboxStats
		oldest sql.NullString
	)
	if err := s.read.QueryRowContext(ctx, sqlrow.OutboxStats).
		Scan(&st.Depth, &oldest); err != nil {
		return bot.OutboxStats{}, fmt.Errorf("sqlite: outbox stats: %w", err)
	}
	if oldest.Valid {
		t, err := parseTime(oldest.String)
		if err != nil {
			return bot.OutboxStats{}, fmt.Errorf("sqlite: outbox stats: %w", err)
		}
		st.Oldest = t
	}
	return st, nil
}

// OutboxRow returns the row with key, or an error wrapping bot.ErrNotFound.
func (s *Store) OutboxRow(ctx context.Context, key string) (bot.Outgoing, error) {
	o, err := codec().ScanOutgoing(s.read.QueryRowContext(ctx, sqlrow.SelectOutgoing, key))
	if errors.Is(err, sql.ErrNoRows) {
		return bot.Outgoing{}, fmt.Errorf("sqlite: outbox row: %w", bot.ErrNotFound)
	}
	if err != nil {
		return bot.Outgoing{}, fmt.Errorf("sqlite: outbox row: %w", err)
	}
	return o, nil
}
