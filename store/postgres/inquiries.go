package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triagebot/triagebot/bot"
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
	_, err := t.tx.Exec(ctx, `INSERT INTO conversations (platform, chat_id, user_id, inquiry_id, language, asked, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (platform, chat_id, user_id) DO UPDATE SET
    inquiry_id = excluded.inquiry_id, language = excluded.language,
    asked = excluded.asked, updated_at = excluded.updated_at`,
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
	a, err := inquiryArgs(in)
	if err != nil {
		return fmt.Errorf("postgres: save inquiry: %w", err)
	}
	if in.ID == 0 {
		if err := t.tx.QueryRow(ctx, `INSERT INTO inquiries (`+inquiryInsertColumns+`)
VALUES (`+inquiryPlaceholders+`) RETURNING id`, a...).Scan(&in.ID); err != nil {
			return fmt.Errorf("postgres: insert inquiry: %w", err)
		}
		return nil
	}
	tag, err := t.tx.Exec(ctx, `UPDATE inquiries SET
    platform = $1, chat_id = $2, user_id = $3, user_name = $4, user_handle = $5,
    texts = $6, cues = $7, model = $8, confidence = $9, warnings = $10, language = $11,
    status = $12, assignee = $13, override = $14, override_by = $15, import_key = $16,
    first_message_at = $17, created_at = $18, updated_at = $19, declined = $20, ready = $21
WHERE id = $22`, append(a, in.ID)...)
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
		`UPDATE inquiries SET assignee = $1, status = $2, updated_at = $3 WHERE id = $4 RETURNING `+inquiryColumns,
		assignee, bot.StatusClaimed, s.stamp(at), id)
}

// SetOverride records a sales rep's model beside the engine's ("" clears
// it) and returns the inquiry updated; bot.ErrNotFound if there is none.
func (s *Store) SetOverride(ctx context.Context, id int64, model triage.Model, by string, at time.Time) (bot.Inquiry, error) {
	if model != "" && !model.Valid() {
		return bot.Inquiry{}, fmt.Errorf("postgres: set override of inquiry %d: unknown model %q", id, model)
	}
	return s.updateInquiry(ctx, id, "set override",
		`UPDATE inquiries SET override = $1, override_by = $2, updated_at = $3 WHERE id = $4 RETURNING `+inquiryColumns,
		string(model), by, s.stamp(at), id)
}

// updateInquiry runs an UPDATE ... RETURNING on one inquiry.
func (s *Store) updateInquiry(ctx context.Context, id int64, op, query string, args ...any) (bot.Inquiry, error) {
	in, err := scanInquiry(s.pool.QueryRow(ctx, query, args...))
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
	a, err := inquiryArgs(in)
	if err != nil {
		return false, fmt.Errorf("postgres: import inquiry: %w", err)
	}
	var id int64
	err = s.pool.QueryRow(ctx, `INSERT INTO inquiries (`+inquiryInsertColumns+`)
VALUES (`+inquiryPlaceholders+`)
ON CONFLICT (import_key) DO NOTHING RETURNING id`, a...).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		if err := s.pool.QueryRow(ctx, `SELECT id FROM inquiries WHERE import_key = $1`, in.ImportKey).Scan(&id); err != nil {
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
	err := s.pool.QueryRow(ctx, `SELECT channel, message_id FROM lead_cards WHERE inquiry_id = $1`, inquiryID).
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
	_, err := s.pool.Exec(ctx, `INSERT INTO lead_cards (inquiry_id, channel, message_id, updated_at)
VALUES ($1, $2, $3, $4)
ON CONFLICT (inquiry_id) DO UPDATE SET channel = excluded.channel, message_id = excluded.message_id,
    updated_at = excluded.updated_at`, inquiryID, ref.Channel, ref.MessageID, s.stamp(time.Time{}))
	if isForeignKey(err) {
		return fmt.Errorf("postgres: save lead card of inquiry %d: %w", inquiryID, bot.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("postgres: save lead card of inquiry %d: %w", inquiryID, err)
	}
	return nil
}

// inquiryInsertColumns are the columns inquiryArgs fills, in order.
const inquiryInsertColumns = `platform, chat_id, user_id, user_name, user_handle,
    texts, cues, model, confidence, warnings, language,
    status, assignee, override, override_by, import_key,
    first_message_at, created_at, updated_at, declined, ready`

// inquiryPlaceholders are the parameters of inquiryInsertColumns.
const inquiryPlaceholders = `$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21`

// inquiryColumns are the columns scanInquiry reads, in order.
const inquiryColumns = `id, ` + inquiryInsertColumns

// normalize stamps zero times with Now, defaults the status and brings in's
// times to their stored precision, so that in equals what a read returns.
func (s *Store) normalize(in *bot.Inquiry) {
	now := s.now()
	if in.CreatedAt.IsZero() {
		in.CreatedAt = now
	}
	if in.UpdatedAt.IsZero() {
		in.UpdatedAt = now
	}
	if in.Status == "" {
		in.Status = bot.StatusOpen
	}
	for _, t := range []*time.Time{&in.FirstMessageAt, &in.CreatedAt, &in.UpdatedAt} {
		*t = dbTime(*t)
	}
}

// inquiryArgs returns in's values for inquiryInsertColumns.
func inquiryArgs(in *bot.Inquiry) ([]any, error) {
	texts, err := jsonList(in.Texts)
	if err != nil {
		return nil, fmt.Errorf("encode texts: %w", err)
	}
	warnings, err := jsonList(in.Warnings)
	if err != nil {
		return nil, fmt.Errorf("encode warnings: %w", err)
	}
	cues, err := json.Marshal(in.Cues)
	if err != nil {
		return nil, fmt.Errorf("encode cues: %w", err)
	}
	var importKey *string
	if in.ImportKey != "" {
		importKey = &in.ImportKey
	}
	return []any{
		in.Platform, in.ChatID, in.UserID, in.UserName, in.UserHandle,
		texts, cues, string(in.Model), in.Confidence, warnings, in.Language,
		in.Status, in.Assignee, string(in.Override), in.OverrideBy, importKey,
		in.FirstMessageAt, in.CreatedAt, in.UpdatedAt,
		bot.JoinCues(in.Declined), in.Ready,
	}, nil
}

// jsonList encodes a list as JSON, or SQL NULL for a nil list, so that nil
// and empty round-trip apart.
func jsonList(v []string) ([]byte, error) {
	if v == nil {
		return nil, nil
	}
	return json.Marshal(v)
}

// getInquiry reads one inquiry through q.
func getInquiry(ctx context.Context, q querier, id int64) (bot.Inquiry, error) {
	in, err := scanInquiry(q.QueryRow(ctx, `SELECT `+inquiryColumns+` FROM inquiries WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return bot.Inquiry{}, fmt.Errorf("postgres: inquiry %d: %w", id, bot.ErrNotFound)
	}
	if err != nil {
		return bot.Inquiry{}, fmt.Errorf("postgres: inquiry %d: %w", id, err)
	}
	return in, nil
}

// scanInquiry reads one inquiries row selected with inquiryColumns.
func scanInquiry(row pgx.Row) (bot.Inquiry, error) {
	var (
		in                    bot.Inquiry
		texts, warnings, cues []byte
		model, override       string
		importKey             *string
		declined              string
	)
	if err := row.Scan(&in.ID, &in.Platform, &in.ChatID, &in.UserID, &in.UserName, &in.UserHandle,
		&texts, &cues, &model, &in.Confidence, &warnings, &in.Language,
		&in.Status, &in.Assignee, &override, &in.OverrideBy, &importKey,
		&in.FirstMessageAt, &in.CreatedAt, &in.UpdatedAt, &declined, &in.Ready); err != nil {
		return bot.Inquiry{}, err
	}
	in.Declined = bot.SplitCues(declined)
	in.Model, in.Override = triage.Model(model), triage.Model(override)
	if importKey != nil {
		in.ImportKey = *importKey
	}
	in.FirstMessageAt, in.CreatedAt, in.UpdatedAt = in.FirstMessageAt.UTC(), in.CreatedAt.UTC(), in.UpdatedAt.UTC()
	if texts != nil {
		if err := json.Unmarshal(texts, &in.Texts); err != nil {
			return bot.Inquiry{}, fmt.Errorf("decode texts: %w", err)
		}
	}
	if warnings != nil {
		if err := json.Unmarshal(warnings, &in.Warnings); err != nil {
			return bot.Inquiry{}, fmt.Errorf("decode warnings: %w", err)
		}
	}
	if err := json.Unmarshal(cues, &in.Cues); err != nil {
		return bot.Inquiry{}, fmt.Errorf("decode cues: %w", err)
	}
	return in, nil
}
