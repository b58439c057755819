package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/store/internal/sqlrow"
	"github.com/triagebot/triagebot/store/storetest"
)

// BenchmarkDigest computes one week's digest over TRIAGEBOT_BENCH_ROWS
// inquiries (default 100,000) spread over two years. Set
// TRIAGEBOT_BENCH_DB to a file to keep the generated store between runs:
//
//	TRIAGEBOT_BENCH_ROWS=1000000 TRIAGEBOT_BENCH_DB=/tmp/bench.db go test ./store/sqlite -run - -bench Digest
func BenchmarkDigest(b *testing.B) {
	ctx := context.Background()
	rows := storetest.BenchRows(100_000)
	path := os.Getenv("TRIAGEBOT_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "bench.db")
	}
	s, err := Open(ctx, path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := s.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	var have int
	if err := s.read.QueryRowContext(ctx, "SELECT count(*) FROM inquiries").Scan(&have); err != nil {
		b.Fatal(err)
	}
	if have != rows {
		b.Logf("generating %d inquiries in %s", rows, path)
		if err := benchFill(ctx, s, rows); err != nil {
			b.Fatal(err)
		}
	}
	week := storetest.BenchWeek()
	var d bot.Digest
	for b.Loop() {
		if d, err = bot.ComposeDigest(ctx, s, week); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(d.Total), "inquiries/week")
}

// benchFill replaces the store's inquiries with rows generated ones, in
// one transaction.
func benchFill(ctx context.Context, s *Store, rows int) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "DELETE FROM inquiries"); err != nil {
		return err
	}
	stmt, err := tx.PrepareContext(ctx, sqlrow.InsertInquiry)
	if err != nil {
		return err
	}
	defer stmt.Close()
	err = storetest.GenerateInquiries(rows, func(_ int, in *bot.Inquiry) error {
		a, err := codec().InquiryArgs(in)
		if err != nil {
			return err
		}
		_, err = stmt.ExecContext(ctx, a...)
		return err
	})
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	_, err = s.write.ExecContext(ctx, "ANALYZE")
	return err
}
