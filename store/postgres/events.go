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

// RecordEvent inserts e as a pending event unless (platform, id) is already
// recorded; fresh is false for such a duplicate, also when several replicas
// record the same delivery at once. e.State and e.Reply are ignored: a
// recorded event starts pending. Zero times are stamped with Now.
func (s *Store) RecordEvent(ctx context.Context, e bot.Event) (bool, error) {
	if e.Platform == "" || e.ID == "" {
		return false, errors.New("postgres: record event: platform and id are required")
	}
	msg, err := json.Marshal(e.Message)
	if err != nil {
		return false, fmt.Errorf("postgres: record event: encode message: %w", err)
	}
	received := s.stamp(e.ReceivedAt)
	updated := received
	if !e.UpdatedAt.IsZero() {
		updated = dbTime(e.UpdatedAt)
	}
	tag, err := s.pool.Exec(ctx, `INSERT INTO events (platform, id, message, state, reply, received_at, updated_at)
VALUES ($1, $2, $3, 'pending', NULL, $4, $5)
ON CONFLICT (platform, id) DO NOTHING`, e.Platform, e.ID, msg, received, updated)
	if err != nil {
		return false, fmt.Errorf("postgres: record %s event: %w", e.Platform, err)
	}
	return tag.RowsAffected() == 1, nil
}

// Event returns the recorded event, or an error wrapping bot.ErrNotFound.
func (s *Store) Event(ctx context.Context, platform, id string) (bot.Event, error) {
	e, err := codec().ScanEvent(s.pool.QueryRow(ctx, sqlrow.Dollar(sqlrow.SelectEvent), platform, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return bot.Event{}, fmt.Errorf("postgres: %s event: %w", platform, bot.ErrNotFound)
	}
	if err != nil {
		return bot.Event{}, fmt.Errorf("postgres: %s event: %w", platform, err)
	}
	return e, nil
}

// PendingEvents lists up to limit (all when limit <= 0) events of platform
// that are not delivered and were last updated before the given time, oldest
// received first, and claims them for the caller.
//
// Claiming is what makes it safe with several replicas: the rows are
// selected FOR UPDATE SKIP LOCKED (so replicas asking at the same moment get
// disjoint sets, and rows an in-flight transaction is triaging are skipped),
// and their updated_at is set to Now before the transaction commits, so a
// replica asking later with a cut-off of now-minus-grace does not get them
// again until that grace has passed without the event being delivered.
func (s *Store) PendingEvents(ctx context.Context, platform string, before time.Time, limit int) ([]bot.Event, error) {
	var lim any // NULL: no limit
	if limit > 0 {
		lim = limit
	}
	var evs []bot.Event
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, sqlrow.Dollar(sqlrow.SelectPendingEvents+sqlrow.ForUpdateSkipLocked), platform, dbTime(before), lim)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			e, err := codec().ScanEvent(rows)
			if err != nil {
				return err
			}
			evs = append(evs, e)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if len(evs) == 0 {
			return nil
		}
		ids := make([]string, len(evs))
		now := s.stamp(time.Time{})
		for i := range evs {
			ids[i] = evs[i].ID
			evs[i].UpdatedAt = now
		}
		_, err = tx.Exec(ctx, `UPDATE events SET updated_at = $1 WHERE platform = $2 AND id = ANY($3)`, now, platform, ids)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: pending %s events: %w", platform, err)
	}
	return evs, nil
}

// MarkDelivered sets an event's state to delivered.
func (s *Store) MarkDelivered(ctx context.Context, platform, id string, at time.Time) error {
	tag, err := s.pool.Exec(ctx, sqlrow.Dollar(sqlrow.MarkDelivered),
		s.stamp(at), platform, id)
	return affectedOne(tag, err, "mark "+platform+" event delivered")
}

// markTriaged stores the reply and sets state triaged. A delivered event
// stays delivered, so the reply is never sent twice.
func markTriaged(ctx context.Context, q querier, at time.Time, platform, id string, reply bot.Reply) error {
	b, err := json.Marshal(reply)
	if err != nil {
		return fmt.Errorf("postgres: mark %s event triaged: encode reply: %w", platform, err)
	}
	tag, err := q.Exec(ctx, sqlrow.Dollar(sqlrow.MarkTriaged), string(b), at, platform, id)
	return affectedOne(tag, err, "mark "+platform+" event triaged")
}

// ClaimEvents claims undelivered events of platform that are due (never
// claimed, or their claim expired), oldest received first, setting their
// due time a lease ahead. FOR UPDATE SKIP LOCKED gives replicas claiming
// at once disjoint events, and skips events a transaction is triaging.
func (s *Store) ClaimEvents(ctx context.Context, platform string, now time.Time, lease time.Duration, limit int) ([]bot.Event, error) {
	if limit <= 0 {
		limit = 100
	}
	var evs []bot.Event
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, sqlrow.Dollar(sqlrow.SelectDueEvents+sqlrow.ForUpdateSkipLocked), platform, dbTime(now), limit)
		if err != nil {
			return err
		}
		evs, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (bot.Event, error) { return codec().ScanEvent(r) })
		if err != nil || len(evs) == 0 {
			return err
		}
		ids := make([]string, len(evs))
		for i := range evs {
			ids[i] = evs[i].ID
		}
		_, err = tx.Exec(ctx, `UPDATE events SET due_at = $1 WHERE platform = $2 AND id = ANY($3)`, dbTime(now.Add(lease)), platform, ids)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: claim %s events: %w", platform, err)
	}
	return evs, nil
}
