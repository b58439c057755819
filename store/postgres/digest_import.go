package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/store/internal/sqlrow"
)

// ImportInquiries is ImportInquiry for many inquiries in one transaction
// and one round trip, for `triagebot import`. fresh[i] tells whether
// ins[i] was added (and its ID set); an inquiry whose ImportKey is already
// stored is left out, its ID unset. Either the whole batch is stored or, on
// error, none of it.
func (s *Store) ImportInquiries(ctx context.Context, ins []*bot.Inquiry) ([]bool, error) {
	fresh := make([]bool, len(ins))
	ids := make([]int64, len(ins))
	var b pgx.Batch
	for i, in := range ins {
		if in.ImportKey == "" {
			return nil, fmt.Errorf("postgres: import inquiries: #%d: empty import key", i)
		}
		s.normalize(in)
		a, err := codec().InquiryArgs(in)
		if err != nil {
			return nil, fmt.Errorf("postgres: import inquiries: #%d: %w", i, err)
		}
		b.Queue(sqlrow.Dollar(sqlrow.ImportInquiry), a...).QueryRow(func(row pgx.Row) error {
			err := row.Scan(&ids[i])
			if errors.Is(err, pgx.ErrNoRows) {
				return nil
			}
			fresh[i] = err == nil
			return err
		})
	}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		return tx.SendBatch(ctx, &b).Close()
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: import inquiries: %w", err)
	}
	for i, in := range ins {
		if fresh[i] {
			in.ID = ids[i]
		}
	}
	return fresh, nil
}
