package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/store/internal/sqlrow"
	"github.com/triagebot/triagebot/triage"
)

// InTx runs fn in one write transaction, committed if fn returns nil and
// rolled back otherwise. Transactions run one at a time (they hold the
// writer), so a conversation read in one cannot change until it ends. fn
// must use tx, not the Store's write methods: those fail inside fn.
func (s *Store) InTx(ctx context.Context, fn func(ctx context.Context, tx bot.Tx) error) error {
	if err := checkNotInTx(ctx, "in tx"); err != nil {
		return err
	}
	sqlTx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: begin: %w", err)
	}
	defer sqlTx.Rollback()
	if err := fn(context.WithValue(ctx, txKey{}, true), &tx{tx: sqlTx, s: s}); err != nil {
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("sqlite: commit: %w", err)
	}
	return nil
}

// tx is the bot.Tx of InTx.
type tx struct {
	tx *sql.Tx
	s  *Store
}

var _ bot.Tx = (*tx)(nil)

// Conversation returns the conversation, or an error wrapping bot.ErrNotFound.
func (t *tx) Conversation(ctx context.Context, key bot.ConversationKey) (bot.Conversation, error) {
	var (
		c         = bot.Conversation{ConversationKey: key}
		inquiryID sql.NullInt64
		asked     string
		updated   string
	)
	err := t.tx.QueryRowContext(ctx, sqlrow.SelectConversation, key.Platform, key.ChatID, key.UserID).
		Scan(&inquiryID, &c.Language, &asked, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return bot.Conversation{}, fmt.Errorf("sqlite: %s conversation: %w", key.Platform, bot.ErrNotFound)
	}
	if err != nil {
		return bot.Conversation{}, fmt.Errorf("sqlite: %s conversation: %w", key.Platform, err)
	}
	c.InquiryID = inquiryID.Int64
	c.Asked = bot.SplitCues(asked)
	if c.UpdatedAt, err = parseTime(updated); err != nil {
		return bot.Conversation{}, fmt.Errorf("sqlite: %s conversation: %w", key.Platform, err)
	}
	return c, nil
}

// SaveConversation inserts or updates c by its key. A non-zero InquiryID
// must name a stored inquiry (else the error wraps bot.ErrNotFound).
func (t *tx) SaveConversation(ctx context.Context, c bot.Conversation) error {
	var inquiryID any
	if c.InquiryID != 0 {
		inquiryID = c.InquiryID
	}
	_, err := t.tx.ExecContext(ctx, sqlrow.SaveConversation,
		c.Platform, c.ChatID, c.UserID, inquiryID, c.Language, bot.JoinCues(c.Asked), t.s.stamp(c.UpdatedAt))
	if isForeignKey(err) {
		return fmt.Errorf("sqlite: save %s conversation: inquiry %d: %w", c.Platform, c.InquiryID, bot.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("sqlite: save %s conversation: %w", c.Platform, err)
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
		return fmt.Errorf("sqlite: save inquiry: %w", err)
	}
	if in.ID == 0 {
		err := t.tx.QueryRowContext(ctx, sqlrow.InsertInquiry, a...).Scan(&in.ID)
		if err != nil {
			return fmt.Errorf("sqlite: insert inquiry: %w", err)
		}
		return nil
	}
	res, err := t.tx.ExecContext(ctx, sqlrow.UpdateInquiry, append(a, in.ID)...)
	return affectedOne(res, err, fmt.Sprintf("update inquiry %d", in.ID))
}

// MarkTriaged stores the reply of a recorded event and sets it triaged (a
// delivered event stays delivered). bot.ErrNotFound if it is not recorded.
func (t *tx) MarkTriaged(ctx context.Context, platform, id string, reply bot.Reply, at time.Time) error {
	return markTriaged(ctx, t.tx, t.s.stamp(at), platform, id, reply)
}

// Inquiry returns an inquiry, or an error wrapping bot.ErrNotFound.
func (s *Store) Inquiry(ctx context.Context, id int64) (bot.Inquiry, error) {
	return getInquiry(ctx, s.read, id)
}

// SetAssignee claims an inquiry for a sales rep (status claimed) and returns
// it updated; bot.ErrNotFound if there is no such inquiry.
func (s *Store) SetAssignee(ctx context.Context, id int64, assignee string, at time.Time) (bot.Inquiry, error) {
	if err := checkNotInTx(ctx, "set assignee"); err != nil {
		return bot.Inquiry{}, err
	}
	return s.updateInquiry(ctx, id, "set assignee",
		sqlrow.SetAssignee,
		assignee, bot.StatusClaimed, s.stamp(at), id)
}

// SetOverride records a sales rep's model beside the engine's ("" clears
// it) and returns the inquiry updated; bot.ErrNotFound if there is none.
func (s *Store) SetOverride(ctx context.Context, id int64, model triage.Model, by string, at time.Time) (bot.Inquiry, error) {
	if err := checkNotInTx(ctx, "set override"); err != nil {
		return bot.Inquiry{}, err
	}
	if model != "" && !model.Valid() {
		return bot.Inquiry{}, fmt.Errorf("sqlite: set override of inquiry %d: unknown model %q", id, model)
	}
	return s.updateInquiry(ctx, id, "set override",
		sqlrow.SetOverride,
		string(model), by, s.stamp(at), id)
}

// updateInquiry runs an UPDATE ... RETURNING on one inquiry.
func (s *Store) updateInquiry(ctx context.Context, id int64, op, query string, args ...any) (bot.Inquiry, error) {
	in, err := codec().ScanInquiry(s.write.QueryRowContext(ctx, query, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return bot.Inquiry{}, fmt.Errorf("sqlite: %s of inquiry %d: %w", op, id, bot.ErrNotFound)
	}
	if err != nil {
		return bot.Inquiry{}, fmt.Errorf("sqlite: %s of inquiry %d: %w", op, id, err)
	}
	return in, nil
}

// ImportInquiry inserts in (ignoring in.ID) unless in.ImportKey is already
// stored. It sets in.ID to the new row's id, or to the stored one's for a
// duplicate, when fresh is false and nothing changes.
func (s *Store) ImportInquiry(ctx context.Context, in *bot.Inquiry) (bool, error) {
	if err := checkNotInTx(ctx, "import inquiry"); err != nil {
		return false, err
	}
	if in.ImportKey == "" {
		return false, errors.New("sqlite: import inquiry: empty import key")
	}
	s.normalize(in)
	a, err := codec().InquiryArgs(in)
	if err != nil {
		return false, fmt.Errorf("sqlite: import inquiry: %w", err)
	}
	var id int64
	err = s.write.QueryRowContext(ctx, sqlrow.ImportInquiry, a...).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		if err := s.read.QueryRowContext(ctx, sqlrow.SelectImported, in.ImportKey).Scan(&id); err != nil {
			return false, fmt.Errorf("sqlite: import inquiry: find duplicate: %w", err)
		}
		in.ID = id
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("sqlite: import inquiry: %w", err)
	}
	in.ID = id
	return true, nil
}

// LeadCard returns the card of an inquiry, or an error wrapping bot.ErrNotFound.
func (s *Store) LeadCard(ctx context.Context, inquiryID int64) (bot.CardRef, error) {
	var ref bot.CardRef
	err := s.read.QueryRowContext(ctx, sqlrow.SelectLeadCard, inquiryID).
		Scan(&ref.Channel, &ref.MessageID)
	if errors.Is(err, sql.ErrNoRows) {
		return bot.CardRef{}, fmt.Errorf("sqlite: lead card of inquiry %d: %w", inquiryID, bot.ErrNotFound)
	}
	if err != nil {
		return bot.CardRef{}, fmt.Errorf("sqlite: lead card of inquiry %d: %w", inquiryID, err)
	}
	return ref, nil
}

// SaveLeadCard stores (or replaces) the card of an inquiry; the inquiry must
// exist (else the error wraps bot.ErrNotFound).
func (s *Store) SaveLeadCard(ctx context.Context, inquiryID int64, ref bot.CardRef) error {
	if err := checkNotInTx(ctx, "save lead card"); err != nil {
		return err
	}
	_, err := s.write.ExecContext(ctx, sqlrow.SaveLeadCard, inquiryID, ref.Channel, ref.MessageID, s.stamp(time.Time{}))
	if isForeignKey(err) {
		return fmt.Errorf("sqlite: save lead card of inquiry %d: %w", inquiryID, bot.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("sqlite: save lead card of inquiry %d: %w", inquiryID, err)
	}
	return nil
}

// isForeignKey reports whether err is a foreign key violation.
func isForeignKey(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
}

// normalize stamps zero times with Now, defaults the status and brings in's
// times to their stored precision, so that in equals what a read returns.
func (s *Store) normalize(in *bot.Inquiry) {
	sqlrow.NormalizeInquiry(in, s.now())
}

// getInquiry reads one inquiry through q.
func getInquiry(ctx context.Context, q interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}, id int64) (bot.Inquiry, error) {
	in, err := codec().ScanInquiry(q.QueryRowContext(ctx, sqlrow.SelectInquiry, id))
	if errors.Is(err, sql.ErrNoRows) {
		return bot.Inquiry{}, fmt.Errorf("sqlite: inquiry %d: %w", id, bot.ErrNotFound)
	}
	if err != nil {
		return bot.Inquiry{}, fmt.Errorf("sqlite: inquiry %d: %w", id, err)
	}
	return in, nil
}
