package postgres

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/store/internal/sqlrow"
	"github.com/triagebot/triagebot/store/storetest"
)

// BenchmarkDigest computes one week's digest over TRIAGEBOT_BENCH_ROWS
// inquiries (default 100,000) spread over two years, on the test server.
// Set TRIAGEBOT_BENCH_SCHEMA to keep the generated rows in that schema
// between runs:
//
//	TRIAGEBOT_BENCH_ROWS=1000000 TRIAGEBOT_BENCH_SCHEMA=digest_bench go test ./store/postgres -run - -bench Digest
func BenchmarkDigest(b *testing.B) {
	ctx := context.Background()
	rows := storetest.BenchRows(100_000)
	var url string
	if schema := os.Getenv("TRIAGEBOT_BENCH_SCHEMA"); schema != "" {
		conn, err := pgx.Connect(ctx, testURL())
		if err != nil {
			b.Skipf("PostgreSQL at %s is not reachable: %v", redact(testURL()), err)
		}
		_, err = conn.Exec(ctx, "CREATE SCHEMA IF NOT EXISTS "+pgx.Identifier{schema}.Sanitize())
		conn.Close(ctx)
		if err != nil {
			b.Fatal(err)
		}
		url = withParam(testURL(), "search_path", schema)
	} else {
		url = testSchemaB(b)
	}
	s, err := Open(ctx, url, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := s.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	var have int
	if err := s.pool.QueryRow(ctx, "SELECT count(*) FROM inquiries").Scan(&have); err != nil {
		b.Fatal(err)
	}
	if have != rows {
		b.Logf("generating %d inquiries", rows)
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

// testSchemaB is testSchema for a benchmark: a fresh schema, dropped at
// the end.
func testSchemaB(b *testing.B) string {
	b.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, testURL())
	if err != nil {
		b.Skipf("PostgreSQL at %s is not reachable: %v", redact(testURL()), err)
	}
	defer conn.Close(ctx)
	schema := "triagebot_bench_" + strings.ToLower(strings.ReplaceAll(b.Name(), "/", "_"))
	if _, err := conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+schema+" CASCADE; CREATE SCHEMA "+schema); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		conn, err := pgx.Connect(ctx, testURL())
		if err == nil {
			conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE")
			conn.Close(ctx)
		}
	})
	return withParam(testURL(), "search_path", schema)
}

// benchFill replaces the store's inquiries with rows generated ones
// through COPY, then vacuums so that index-only scans apply.
func benchFill(ctx context.Context, s *Store, rows int) error {
	if _, err := s.pool.Exec(ctx, "TRUNCATE inquiries CASCADE"); err != nil {
		return err
	}
	cols := strings.Fields(strings.NewReplacer(",", " ").Replace(sqlrow.InquiryInsertColumns))
	var all [][]any
	err := storetest.GenerateInquiries(rows, func(_ int, in *bot.Inquiry) error {
		a, err := codec().InquiryArgs(in)
		if err != nil {
			return err
		}
		all = append(all, a)
		return nil
	})
	if err != nil {
		return err
	}
	if _, err := s.pool.CopyFrom(ctx, pgx.Identifier{"inquiries"}, cols, pgx.CopyFromRows(all)); err != nil {
		return err
	}
	_, err = s.pool.Exec(ctx, "VACUUM ANALYZE inquiries")
	return err
}
