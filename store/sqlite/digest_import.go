package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/store/internal/sqlrow"
)

// ImportInquiries is ImportInquiry for many inquiries in one transaction,
// for `triagebot import`: one commit per batch instead of one per line.
// fresh[i] tells whether ins[i] was added (and its ID set); an inquiry
// whose ImportKey is already stored is left out, its ID unset. Either the
// whole batch is stored or, on error, none of it.
func (s *Store) ImportInquiries(ctx context.Context, ins []*bot.Inquiry) ([]bool, error) {
	if err := checkNotInTx(ctx, "import inquiries"); err != nil {
		return nil, err
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: import inquiries: begin: %w", err)
	}
	defer tx.Rollback()
	// A bigger page cache for the writer (64 MiB instead of 2): random
	// import keys touch pages all over their index, and a small cache
	// turns every insert into reads and writes of the file. It stays set on
	// the writer connection, which only `triagebot import` calls this on.
	if _, err := tx.ExecContext(ctx, "PRAGMA cache_size = -65536"); err != nil {
		return nil, fmt.Errorf("sqlite: import inquiries: %w", err)
	}
	stmt, err := tx.PrepareContext(ctx, sqlrow.ImportInquiry)
	if err != nil {
		return nil, fmt.Errorf("sqlite: import inquiries: %w", err)
	}
	defer stmt.Close()
	fresh := make([]bool, len(ins))
	ids := make([]int64, len(ins))
	for i, in := range ins {
		if in.ImportKey == "" {
			return nil, fmt.Errorf("sqlite: import inquiries: #%d: empty import key", i)
		}
		s.normalize(in)
		a, err := codec().InquiryArgs(in)
		if err != nil {
			return nil, fmt.Errorf("sqlite: import inquiries: #%d: %w", i, err)
		}
		err = stmt.QueryRowContext(ctx, a...).Scan(&ids[i])
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return nil, fmt.Errorf("sqlite: import inquiries: #%d: %w", i, err)
		default:
			fresh[i] = true
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: import inquiries: commit: %w", err)
	}
	for i, in := range ins {
		if fresh[i] {
			in.ID = ids[i]
		}
	}
	return fresh, nil
}
