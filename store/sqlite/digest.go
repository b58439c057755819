package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/store/internal/sqlrow"
)

var _ bot.DigestStore = (*Store)(nil)

// weekFilter selects the inquiries created in [?, ?) through the created_at
// index.
const weekFilter = `created_at >= ? AND created_at < ?`

// DigestStats aggregates the inquiries created in [p.From, p.To) with three
// queries, in one read transaction so that the figures agree. They read
// only the inquiries_digest index of migration 0002 (its virtual columns
// digest_units, digest_usd, digest_missing and digest_wait hold what the
// digest needs of the cues JSON), one contiguous range for the week.
func (s *Store) DigestStats(ctx context.Context, p bot.Period) (bot.DigestStats, error) {
	st := sqlrow.NewDigestStats()
	tx, err := s.read.BeginTx(ctx, nil)
	if err != nil {
		return st, fmt.Errorf("sqlite: digest stats: %w", err)
	}
	defer tx.Rollback()
	from, to := formatTime(p.From), formatTime(p.To)

	// One pass groups by day, model and channel; Go adds the groups up.
	days := p.Days()
	var when strings.Builder
	args := []any{}
	when.WriteString("CASE")
	for i := 1; i < 7; i++ {
		fmt.Fprintf(&when, " WHEN created_at < ? THEN %d", i-1)
		args = append(args, formatTime(days[i]))
	}
	when.WriteString(" ELSE 6 END")
	args = append(args, from, to)
	rows, err := tx.QueryContext(ctx, `SELECT `+when.String()+` AS day, model, platform, count(*),
    sum(digest_units), sum(digest_usd),
    sum(assignee <> ''), sum(override <> ''), sum(override <> '' AND override <> model),
    sum((digest_missing & 1) <> 0), sum((digest_missing & 2) <> 0),
    sum((digest_missing & 4) <> 0), sum((digest_missing & 8) <> 0)
FROM inquiries INDEXED BY inquiries_digest WHERE `+weekFilter+`
GROUP BY 1, 2, 3`, args...)
	if err != nil {
		return st, fmt.Errorf("sqlite: digest stats: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := sqlrow.AddDigestRow(rows, &st); err != nil {
			return st, fmt.Errorf("sqlite: digest stats: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return st, fmt.Errorf("sqlite: digest stats: %w", err)
	}
	if st.Total == 0 {
		return st, nil
	}

	// The five are picked from the index; only their rows are read.
	leads, err := tx.QueryContext(ctx, `SELECT id, user_name, user_handle, user_id, platform, model, override, assignee,
    digest_units, digest_usd
FROM inquiries WHERE id IN (
    SELECT id FROM inquiries INDEXED BY inquiries_digest WHERE `+weekFilter+`
    ORDER BY digest_usd DESC, digest_units DESC, created_at, id LIMIT ?)
ORDER BY digest_usd DESC, digest_units DESC, created_at, id`, from, to, bot.TopLeadCount)
	if err != nil {
		return st, fmt.Errorf("sqlite: digest top leads: %w", err)
	}
	defer leads.Close()
	for leads.Next() {
		l, err := sqlrow.ScanLead(leads)
		if err != nil {
			return st, fmt.Errorf("sqlite: digest top leads: %w", err)
		}
		st.TopLeads = append(st.TopLeads, l)
	}
	if err := leads.Err(); err != nil {
		return st, fmt.Errorf("sqlite: digest top leads: %w", err)
	}

	// The median: the middle one or two of the week's sorted waits.
	var median sql.NullFloat64
	err = tx.QueryRowContext(ctx, `SELECT avg(digest_wait) FROM (
    SELECT digest_wait FROM inquiries INDEXED BY inquiries_digest WHERE `+weekFilter+`
    ORDER BY digest_wait LIMIT 2 - (? % 2) OFFSET (? - 1) / 2)`, from, to, st.Total, st.Total).Scan(&median)
	if err != nil {
		return st, fmt.Errorf("sqlite: digest median triage time: %w", err)
	}
	st.MedianTriage = time.Duration(max(median.Float64, 0) * float64(time.Second)).Round(time.Millisecond)
	return st, nil
}

// CountInquiries counts the inquiries created in [from, to).
func (s *Store) CountInquiries(ctx context.Context, from, to time.Time) (int64, error) {
	var n int64
	if err := s.read.QueryRowContext(ctx, sqlrow.CountInquiries,
		formatTime(from), formatTime(to)).Scan(&n); err != nil {
		return 0, fmt.Errorf("sqlite: count inquiries: %w", err)
	}
	return n, nil
}

// ClaimDigest takes the claim on period's digest to destination, unless it
// is posted or claimed since staleBefore.
func (s *Store) ClaimDigest(ctx context.Context, period, destination, claimant string, at, staleBefore time.Time) (bool, error) {
	if err := checkNotInTx(ctx, "claim digest"); err != nil {
		return false, err
	}
	res, err := s.write.ExecContext(ctx, sqlrow.ClaimDigest,
		period, destination, formatTime(at), claimant, formatTime(staleBefore))
	if err != nil {
		return false, fmt.Errorf("sqlite: claim digest %s for %s: %w", period, destination, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("sqlite: claim digest %s for %s: %w", period, destination, err)
	}
	return n == 1, nil
}

// ReleaseDigest deletes claimant's unposted claim.
func (s *Store) ReleaseDigest(ctx context.Context, period, destination, claimant string) error {
	if err := checkNotInTx(ctx, "release digest"); err != nil {
		return err
	}
	if _, err := s.write.ExecContext(ctx, sqlrow.ReleaseDigest, period, destination, claimant); err != nil {
		return fmt.Errorf("sqlite: release digest %s for %s: %w", period, destination, err)
	}
	return nil
}

// MarkDigestPosted records the digest as posted at at.
func (s *Store) MarkDigestPosted(ctx context.Context, period, destination, claimant string, at time.Time, late bool) error {
	if err := checkNotInTx(ctx, "mark digest posted"); err != nil {
		return err
	}
	lateInt := 0
	if late {
		lateInt = 1
	}
	ts := formatTime(at)
	if _, err := s.write.ExecContext(ctx, sqlrow.MarkDigestPosted, period, destination, ts, ts, lateInt, claimant); err != nil {
		return fmt.Errorf("sqlite: mark digest %s for %s posted: %w", period, destination, err)
	}
	return nil
}

// LastPostedDigest returns the latest period posted to destination ("" none).
func (s *Store) LastPostedDigest(ctx context.Context, destination string) (string, error) {
	var p sql.NullString
	err := s.read.QueryRowContext(ctx, `SELECT max(period) FROM digest_periods
WHERE destination = ? AND posted_at IS NOT NULL`, destination).Scan(&p)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("sqlite: last digest for %s: %w", destination, err)
	}
	return p.String, nil
}
