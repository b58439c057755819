package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/store/internal/sqlrow"
)

// RecordEvent inserts e as a pending event unless (platform, id) is already
// recorded; fresh is false for such a duplicate. e.State and e.Reply are
// ignored: a recorded event starts pending. Zero times are stamped with Now.
//
// Webhooks record their events while the triage worker holds the one
// writer for its transactions, so recording is group-committed: callers
// that arrive while a batch is being written queue up, and the next of
// them writes the whole queue in one transaction. Each returns once its
// event is committed.
func (s *Store) RecordEvent(ctx context.Context, e bot.Event) (bool, error) {
	if err := checkNotInTx(ctx, "record event"); err != nil {
		return false, err
	}
	if e.Platform == "" || e.ID == "" {
		return false, errors.New("sqlite: record event: platform and id are required")
	}
	msg, err := json.Marshal(e.Message)
	if err != nil {
		return false, fmt.Errorf("sqlite: record event: encode message: %w", err)
	}
	received := s.stamp(e.ReceivedAt)
	updated := received
	if !e.UpdatedAt.IsZero() {
		updated = formatTime(e.UpdatedAt)
	}
	req := &recordReq{args: []any{e.Platform, e.ID, string(msg), received, updated},
		done: make(chan struct{}), lead: make(chan struct{})}
	if s.records.join(req) {
		s.flushRecords(req)
	}
	// No giving up on ctx here: this caller may be handed the queue, and
	// the wait is bounded by the batch's own timeout.
	select {
	case <-req.done:
	case <-req.lead:
		s.flushRecords(req)
	}
	if req.err != nil {
		return false, fmt.Errorf("sqlite: record %s event: %w", e.Platform, req.err)
	}
	return req.fresh, nil
}

// recordReq is one RecordEvent waiting for its batch.
type recordReq struct {
	args  []any
	fresh bool
	err   error
	done  chan struct{} // closed once written (or failed)
	lead  chan struct{} // closed when this caller is to write the queue
}

// recordQueue is the group commit of RecordEvent. The zero value is ready.
type recordQueue struct {
	mu       sync.Mutex
	pending  []*recordReq
	flushing bool
}

// join queues r; true means r's caller writes the queue now.
func (q *recordQueue) join(r *recordReq) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.pending = append(q.pending, r)
	if q.flushing {
		return false
	}
	q.flushing = true
	return true
}

// take hands the queue to the writer.
func (q *recordQueue) take() []*recordReq {
	q.mu.Lock()
	defer q.mu.Unlock()
	b := q.pending
	q.pending = nil
	return b
}

// handOff passes the writing to the first caller queued meanwhile, so that
// no caller writes more than one batch after its own.
func (q *recordQueue) handOff() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.pending) == 0 {
		q.flushing = false
		return
	}
	close(q.pending[0].lead)
}

// flushRecords writes the queue (with leader in it) in one transaction
// and answers every caller in it.
func (s *Store) flushRecords(leader *recordReq) {
	batch := s.records.take()
	defer s.records.handOff()
	// The batch is everyone's: no one caller's context may cancel it.
	ctx, cancel := context.WithTimeout(context.Background(), s.busy+5*time.Second)
	defer cancel()
	err := s.insertEvents(ctx, batch)
	for _, r := range batch {
		if err != nil {
			r.err = err
		}
		close(r.done)
	}
}

func (s *Store) insertEvents(ctx context.Context, batch []*recordReq) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO events (platform, id, message, state, reply, received_at, updated_at)
VALUES (?, ?, ?, 'pending', NULL, ?, ?)
ON CONFLICT (platform, id) DO NOTHING`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, r := range batch {
		res, err := stmt.ExecContext(ctx, r.args...)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		r.fresh = n == 1
	}
	return tx.Commit()
}

// Event returns the recorded event, or an error wrapping bot.ErrNotFound.
func (s *Store) Event(ctx context.Context, platform, id string) (bot.Event, error) {
	e, err := codec().ScanEvent(s.read.QueryRowContext(ctx, sqlrow.SelectEvent, platform, id))
	if errors.Is(err, sql.ErrNoRows) {
		return bot.Event{}, fmt.Errorf("sqlite: %s event: %w", platform, bot.ErrNotFound)
	}
	if err != nil {
		return bot.Event{}, fmt.Errorf("sqlite: %s event: %w", platform, err)
	}
	return e, nil
}

// PendingEvents lists up to limit (all when limit <= 0) events of platform
// that are not delivered and were last updated before the given time, oldest
// received first, and claims them: their updated_at becomes Now, so another
// caller with the same cut-off does not get them again until its grace has
// passed. (PostgreSQL does the same with FOR UPDATE SKIP LOCKED; here the one
// writer connection serializes callers.)
func (s *Store) PendingEvents(ctx context.Context, platform string, before time.Time, limit int) ([]bot.Event, error) {
	if err := checkNotInTx(ctx, "pending events"); err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: pending %s events: begin: %w", platform, err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, sqlrow.SelectPendingEvents, platform, formatTime(before), limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: pending %s events: %w", platform, err)
	}
	var evs []bot.Event
	for rows.Next() {
		e, err := codec().ScanEvent(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: pending %s events: %w", platform, err)
		}
		evs = append(evs, e)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, fmt.Errorf("sqlite: pending %s events: %w", platform, err)
	}
	if len(evs) == 0 {
		return nil, nil
	}
	claimed := s.now().UTC().Truncate(time.Microsecond)
	for i := range evs {
		if _, err := tx.ExecContext(ctx, `UPDATE events SET updated_at = ? WHERE platform = ? AND id = ?`,
			formatTime(claimed), evs[i].Platform, evs[i].ID); err != nil {
			return nil, fmt.Errorf("sqlite: claim %s events: %w", platform, err)
		}
		evs[i].UpdatedAt = claimed
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: claim %s events: commit: %w", platform, err)
	}
	return evs, nil
}

// MarkDelivered sets an event's state to delivered.
func (s *Store) MarkDelivered(ctx context.Context, platform, id string, at time.Time) error {
	if err := checkNotInTx(ctx, "mark delivered"); err != nil {
		return err
	}
	res, err := s.write.ExecContext(ctx, sqlrow.MarkDelivered,
		s.stamp(at), platform, id)
	return affectedOne(res, err, "mark "+platform+" event delivered")
}

// markTriaged stores the reply and sets state triaged. A delivered event
// stays delivered, so the reply is never sent twice.
func markTriaged(ctx context.Context, q execer, stamp string, platform, id string, reply bot.Reply) error {
	b, err := json.Marshal(reply)
	if err != nil {
		return fmt.Errorf("sqlite: mark %s event triaged: encode reply: %w", platform, err)
	}
	res, err := q.ExecContext(ctx, sqlrow.MarkTriaged, string(b), stamp, platform, id)
	return affectedOne(res, err, "mark "+platform+" event triaged")
}

// execer is what *sql.DB and *sql.Tx have in common for writes.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// affectedOne turns an UPDATE's outcome into nil, an error naming op, or
// bot.ErrNotFound when no row matched.
func affectedOne(res sql.Result, err error, op string) error {
	if err != nil {
		return fmt.Errorf("sqlite: %s: %w", op, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("sqlite: %s: %w", op, err)
	}
	if n == 0 {
		return fmt.Errorf("sqlite: %s: %w", op, bot.ErrNotFound)
	}
	return nil
}

// ClaimEvents claims undelivered events of platform that are due (never
// claimed, or their claim expired), oldest received first, setting their
// due time a lease ahead. The one writer connection serializes claimers.
func (s *Store) ClaimEvents(ctx context.Context, platform string, now time.Time, lease time.Duration, limit int) ([]bot.Event, error) {
	if err := checkNotInTx(ctx, "claim events"); err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = 100
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: claim %s events: begin: %w", platform, err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, sqlrow.SelectDueEvents, platform, formatTime(now), limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: claim %s events: %w", platform, err)
	}
	var evs []bot.Event
	for rows.Next() {
		e, err := codec().ScanEvent(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: claim %s events: %w", platform, err)
		}
		evs = append(evs, e)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, fmt.Errorf("sqlite: claim %s events: %w", platform, err)
	}
	due := formatTime(now.Add(lease))
	for _, e := range evs {
		if _, err := tx.ExecContext(ctx, `UPDATE events SET due_at = ? WHERE platform = ? AND id = ?`, due, e.Platform, e.ID); err != nil {
			return nil, fmt.Errorf("sqlite: claim %s events: %w", platform, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: claim %s events: commit: %w", platform, err)
	}
	return evs, nil
}
