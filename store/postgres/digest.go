package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/store/internal/sqlrow"
)

var _ bot.DigestStore = (*Store)(nil)

// Cue values the digest reads from the cues JSON. A range counts at its
// lower bound; an absent cue is 0.
const (
	sqlUnits = `coalesce((cues->'quantity'->>'min')::bigint, 0)`
	sqlUSD   = `coalesce((cues->'budget'->>'usd_min')::float8, 0)`
)

// DigestStats aggregates the inquiries created in [p.From, p.To) with three
// queries over the week's rows (found through the created_at index), in one
// read-only repeatable-read transaction so that the figures agree.
func (s *Store) DigestStats(ctx context.Context, p bot.Period) (bot.DigestStats, error) {
	st := sqlrow.NewDigestStats()
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		return digestStats(ctx, tx, p, &st)
	})
	if err != nil {
		return st, fmt.Errorf("postgres: digest stats: %w", err)
	}
	return st, nil
}

func digestStats(ctx context.Context, tx pgx.Tx, p bot.Period, st *bot.DigestStats) error {
	// One pass groups by day, model and channel; Go adds the groups up.
	days := p.Days()
	var when strings.Builder
	args := []any{p.From, p.To}
	when.WriteString("CASE")
	for i := 1; i < 7; i++ {
		args = append(args, days[i])
		fmt.Fprintf(&when, " WHEN created_at < $%d THEN %d", len(args), i-1)
	}
	when.WriteString(" ELSE 6 END")
	rows, err := tx.Query(ctx, `SELECT `+when.String()+` AS day, model, platform, count(*),
    coalesce(sum(`+sqlUnits+`), 0)::bigint, coalesce(sum(`+sqlUSD+`), 0),
    count(*) FILTER (WHERE assignee <> ''),
    count(*) FILTER (WHERE override <> ''),
    count(*) FILTER (WHERE override <> '' AND override <> model),
    count(*) FILTER (WHERE cues->>'ownership' IS NULL),
    count(*) FILTER (WHERE cues->>'quantity' IS NULL),
    count(*) FILTER (WHERE cues->>'budget' IS NULL),
    count(*) FILTER (WHERE cues->>'lead_time_days' IS NULL)
FROM inquiries WHERE created_at >= $1 AND created_at < $2
GROUP BY 1, 2, 3`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := sqlrow.AddDigestRow(rows, st); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if st.Total == 0 {
		return nil
	}

	leads, err := tx.Query(ctx, `SELECT id, user_name, user_handle, user_id, platform, model, override, assignee,
    `+sqlUnits+` AS units, `+sqlUSD+` AS usd
FROM inquiries WHERE created_at >= $1 AND created_at < $2
ORDER BY usd DESC, units DESC, created_at, id
LIMIT $3`, p.From, p.To, bot.TopLeadCount)
	if err != nil {
		return fmt.Errorf("top leads: %w", err)
	}
	defer leads.Close()
	for leads.Next() {
		l, err := sqlrow.ScanLead(leads)
		if err != nil {
			return fmt.Errorf("top leads: %w", err)
		}
		st.TopLeads = append(st.TopLeads, l)
	}
	if err := leads.Err(); err != nil {
		return fmt.Errorf("top leads: %w", err)
	}

	var median float64
	if err := tx.QueryRow(ctx, `SELECT coalesce(percentile_cont(0.5) WITHIN GROUP (
    ORDER BY extract(epoch FROM created_at - first_message_at)), 0)::float8
FROM inquiries WHERE created_at >= $1 AND created_at < $2`, p.From, p.To).Scan(&median); err != nil {
		return fmt.Errorf("median triage time: %w", err)
	}
	st.MedianTriage = time.Duration(max(median, 0) * float64(time.Second)).Round(time.Millisecond)
	return nil
}

// CountInquiries counts the inquiries created in [from, to).
func (s *Store) CountInquiries(ctx context.Context, from, to time.Time) (int64, error) {
	var n int64
	if err := s.pool.QueryRow(ctx, sqlrow.Dollar(sqlrow.CountInquiries),
		from, to).Scan(&n); err != nil {
		return 0, fmt.Errorf("postgres: count inquiries: %w", err)
	}
	return n, nil
}

// ClaimDigest takes the claim on period's digest to destination, unless it
// is posted or claimed since staleBefore. The primary key makes one of
// several racing replicas win; the others' upserts update no row.
func (s *Store) ClaimDigest(ctx context.Context, period, destination, claimant string, at, staleBefore time.Time) (bool, error) {
	tag, err := s.pool.Exec(ctx, sqlrow.Dollar(sqlrow.ClaimDigest),
		period, destination, at.UTC(), claimant, staleBefore.UTC())
	if err != nil {
		return false, fmt.Errorf("postgres: claim digest %s for %s: %w", period, destination, err)
	}
	return tag.RowsAffected() == 1, nil
}

// ReleaseDigest deletes claimant's unposted claim.
func (s *Store) ReleaseDigest(ctx context.Context, period, destination, claimant string) error {
	if _, err := s.pool.Exec(ctx, sqlrow.Dollar(sqlrow.ReleaseDigest), period, destination, claimant); err != nil {
		return fmt.Errorf("postgres: release digest %s for %s: %w", period, destination, err)
	}
	return nil
}

// MarkDigestPosted records the digest as posted at at.
func (s *Store) MarkDigestPosted(ctx context.Context, period, destination, claimant string, at time.Time, late bool) error {
	if _, err := s.pool.Exec(ctx, sqlrow.Dollar(sqlrow.MarkDigestPosted), period, destination, at.UTC(), at.UTC(), late, claimant); err != nil {
		return fmt.Errorf("postgres: mark digest %s for %s posted: %w", period, destination, err)
	}
	return nil
}

// LastPostedDigest returns the latest period posted to destination ("" none).
func (s *Store) LastPostedDigest(ctx context.Context, destination string) (string, error) {
	var p *string
	if err := s.pool.QueryRow(ctx, `SELECT max(period COLLATE "C") FROM digest_periods
WHERE destination = $1 AND posted_at IS NOT NULL`, destination).Scan(&p); err != nil {
		return "", fmt.Errorf("postgres: last digest for %s: %w", destination, err)
	}
	if p == nil {
		return "", nil
	}
	return *p, nil
}
