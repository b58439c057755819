package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/store/internal/sqlrow"
	"github.com/triagebot/triagebot/triage"
)

// InTx runs fn in one READ COMMITTED transaction, committed if fn returns
// nil and rolled back otherwise. Conversation locks the conversation (even
// one not stored yet) until the transaction ends, so concurrent turns of one
// chat, on any replica, run one after the other.
func (s *Store) InTx(ctx context.Context, fn func(ctx context.Context, tx bot.Tx) error) error {
	pgTx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("postgres: begin: %w", err)
	}
	defer pgTx.Rollback(context.WithoutCancel(ctx))
	if err := fn(ctx, &tx{tx: pgTx, s: s}); err != nil {
		return err
	}
	if err := pgTx.Commit(ctx); err != nil {
		return fmt.Errorf("postgres: commit: %w", err)
	}
	return nil
}

// tx is the bot.Tx of InTx.
type tx struct {
	tx pgx.Tx
	s  *Store
}

var _ bot.Tx = (*tx)(nil)

// Conversation locks and returns the conversation, or an error wrapping
// bot.ErrNotFound. The lock is an advisory transaction lock on the key,
// which also covers a conversation that does not exist yet (two first
// messages of a chat must not both create an inquiry), plus FOR UPDATE on
// the row.
func (t *tx) Conversation(ctx context.Context, key bot.ConversationKey) (bot.Conversation, error) {
	// Both statements go in one round trip; the lock is taken before the
	// row is read.
	batch := &pgx.Batch{}
	batch.Queue("SELECT pg_advisory_xact_lock($1, $2)", lockSpaceConversation, conversationLock(key))
	batch.Queue(`SELECT inquiry_id, language, asked, updated_at FROM conversations
WHERE platform = $1 AND chat_id = $2 AND user_id = $3 FOR UPDATE`, key.Platform, key.ChatID, key.UserID)
	res := t.tx.SendBatch(ctx, batch)
	var (
		c         = bot.Conversation{ConversationKey: key}
		inquiryID *int64
		asked     string
	)
	_, lockErr := res.Exec()
	var err error
	if lockErr == nil {
		err = res.QueryRow().Scan(&inquiryID, &c.Language, &asked, &c.UpdatedAt)
	}
	if closeErr := res.Close(); lockErr == nil && err == nil {
		err = closeErr
	}
	switch {
	case lockErr != nil:
		return bot.Conversation{}, fmt.Errorf("postgres: lock %s conversation: %w", key.Platform, lockErr)
	case errors.Is(err, pgx.ErrNoRows):
		return bot.Conversation{}, fmt.Errorf("postgres: %s conversation: %w", key.Platform, bot.ErrNotFound)
	case err != nil:
		return bot.Conversation{}, fmt.Errorf("postgres: %s conversation: %w", key.Platform, err)
	}
	if inquiryID != nil {
		c.InquiryID = *inquiryID
	}
	c.Asked = bot.SplitCues(asked)
	c.UpdatedAt = c.UpdatedAt.UTC()
	return c, nil
}

// SaveConversation inserts or updates c by its key. A non-zero InquiryID
// must name a stored inquiry (else the error wraps bot.ErrNotFound).
func (t *tx) SaveConversation(ctx context.Context, c bot.Conversation) error {
	var inquiryID *int64
	if c.InquiryID != 0 {
		inquiryID = &c.InquiryID
	}
	_, err := t.tx.Exec(ctx, sqlrow.Dollar(sqlrow.SaveConversation),
		c.Platform, c.ChatID, c.UserID, inquiryID, c.Language, bot.JoinCues(c.Asked), t.s.stamp(c.UpdatedAt))
	if isForeignKey(err) {
		return fmt.Errorf("postgres: save %s conversation: inquiry %d: %w", c.Platform, c.InquiryID, bot.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("postgres: save %s conversation: %w", c.Platform, err)
	}
	return nil
}

// Inquiry returns the inquiry, or an error wrapping bot.ErrNotFound.
func (t *tx) Inquiry(ctx context.Context, id int64) (bot.Inquiry, error) {
	return getInquiry(ctx, t.tx, id)
}

// SaveInquiry inserts in when in.ID is 0 (setting in.ID), else updates the
// row with that id (bot.ErrNotFound if there is none). Zero CreatedAt and
// UpdatedAt are stamped with Now, an empty Status becomes open, and in's
// times are set to what is stored (UTC, microseconds).
func (t *tx) SaveInquiry(ctx context.Context, in *bot.Inquiry) error {
	t.s.normalize(in)
	a, err := codec().InquiryArgs(in)
	if err != nil {
		return fmt.Errorf("postgres: save inquiry: %w", err)
	}
	if in.ID == 0 {
		if err := t.tx.QueryRow(ctx, sqlrow.Dollar(sqlrow.InsertInquiry), a...).Scan(&in.ID); err != nil {
			return fmt.Errorf("postgres: insert inquiry: %w", err)
		}
		return nil
	}
	tag, err := t.tx.Exec(ctx, sqlrow.Dollar(sqlrow.UpdateInquiry), append(a, in.ID)...)
	return affectedOne(tag, err, fmt.Sprintf("update inquiry %d", in.ID))
}

// MarkTriaged stores the reply of a recorded event and sets it triaged (a
// delivered event stays delivered). bot.ErrNotFound if it is not recorded.
func (t *tx) MarkTriaged(ctx context.Context, platform, id string, reply bot.Reply, at time.Time) error {
	return markTriaged(ctx, t.tx, t.s.stamp(at), platform, id, reply)
}

// Inquiry returns an inquiry, or an error wrapping bot.ErrNotFound.
func (s *Store) Inquiry(ctx context.Context, id int64) (bot.Inquiry, error) {
	return getInquiry(ctx, s.pool, id)
}

// SetAssignee claims an inquiry for a sales rep (status claimed) and returns
// it updated; bot.ErrNotFound if there is no such inquiry.
func (s *Store) SetAssignee(ctx context.Context, id int64, assignee string, at time.Time) (bot.Inquiry, error) {
	return s.updateInquiry(ctx, id, "set assignee",
		sqlrow.Dollar(sqlrow.SetAssignee),
		assignee, bot.StatusClaimed, s.stamp(at), id)
}

// SetOverride records a sales rep's model beside the engine's ("" clears
// it) and returns the inquiry updated; bot.ErrNotFound if there is none.
func (s *Store) SetOverride(ctx context.Context, id int64, model triage.Model, by string, at time.Time) (bot.Inquiry, error) {
	if model != "" && !model.Valid() {
		return bot.Inquiry{}, fmt.Errorf("postgres: set override of inquiry %d: unknown model %q", id, model)
	}
	return s.updateInquiry(ctx, id, "set override",
		sqlrow.Dollar(sqlrow.SetOverride),
		string(model), by, s.stamp(at), id)
}

// updateInquiry runs an UPDATE ... RETURNING on one inquiry.
func (s *Store) updateInquiry(ctx context.Context, id int64, op, query string, args ...any) (bot.Inquiry, error) {
	in, err := codec().ScanInquiry(s.pool.QueryRow(ctx, query, args...))
	if errors.Is(err, pgx.ErrNoRows) {
		return bot.Inquiry{}, fmt.Errorf("postgres: %s of inquiry %d: %w", op, id, bot.ErrNotFound)
	}
	if err != nil {
		return bot.Inquiry{}, fmt.Errorf("postgres: %s of inquiry %d: %w", op, id, err)
	}
	return in, nil
}

// ImportInquiry inserts in (ignoring in.ID) unless in.ImportKey is already
// stored. It sets in.ID to the new row's id, or to the stored one's for a
// duplicate, when fresh is false and nothing changes.
func (s *Store) ImportInquiry(ctx context.Context, in *bot.Inquiry) (bool, error) {
	if in.ImportKey == "" {
		return false, errors.New("postgres: import inquiry: empty import key")
	}
	s.normalize(in)
	a, err := codec().InquiryArgs(in)
	if err != nil {
		return false, fmt.Errorf("postgres: import inquiry: %w", err)
	}
	var id int64
	err = s.pool.QueryRow(ctx, sqlrow.Dollar(sqlrow.ImportInquiry), a...).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		if err := s.pool.QueryRow(ctx, sqlrow.Dollar(sqlrow.SelectImported), in.ImportKey).Scan(&id); err != nil {
			return false, fmt.Errorf("postgres: import inquiry: find duplicate: %w", err)
		}
		in.ID = id
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("postgres: import inquiry: %w", err)
	}
	in.ID = id
	return true, nil
}

// LeadCard returns the card of an inquiry, or an error wrapping bot.ErrNotFound.
func (s *Store) LeadCard(ctx context.Context, inquiryID int64) (bot.CardRef, error) {
	var ref bot.CardRef
	err := s.pool.QueryRow(ctx, sqlrow.Dollar(sqlrow.SelectLeadCard), inquiryID).
		Scan(&ref.Channel, &ref.MessageID)
	if errors.Is(err, pgx.ErrNoRows) {
		return bot.CardRef{}, fmt.Errorf("postgres: lead card of inquiry %d: %w", inquiryID, bot.ErrNotFound)
	}
	if err != nil {
		return bot.CardRef{}, fmt.Errorf("postgres: lead card of inquiry %d: %w", inquiryID, err)
	}
	return ref, nil
}

// SaveLeadCard stores (or replaces) the card of an inquiry; the inquiry must
// exist (else the error wraps bot.ErrNotFound).
func (s *Store) SaveLeadCard(ctx context.Context, inquiryID int64, ref bot.CardRef) error {
	_, err := s.pool.Exec(ctx, sqlrow.Dollar(sqlrow.SaveLeadCard), inquiryID, ref.Channel, ref.MessageID, s.stamp(time.Time{}))
	if isForeignKey(err) {
		return fmt.Errorf("postgres: save lead card of inquiry %d: %w", inquiryID, bot.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("postgres: save lead card of inquiry %d: %w", inquiryID, err)
	}
	return nil
}

// normalize stamps zero times with Now, defaults the status and brings in's
// times to their stored precision, so that in equals what a read returns.
func (s *Store) normalize(in *bot.Inquiry) {
	sqlrow.NormalizeInquiry(in, s.now())
}

// getInquiry reads one inquiry through q.
func getInquiry(ctx context.Context, q querier, id int64) (bot.Inquiry, error) {
	in, err := codec().ScanInquiry(q.QueryRow(ctx, sqlrow.Dollar(sqlrow.SelectInquiry), id))
	if errors.Is(err, pgx.ErrNoRows) {
		return bot.Inquiry{}, fmt.Errorf("postgres: inquiry %d: %w", id, bot.ErrNotFound)
	}
	if err != nil {
		return bot.Inquiry{}, fmt.Errorf("postgres: inquiry %d: %w", id, err)
	}
	return in, nil
}
