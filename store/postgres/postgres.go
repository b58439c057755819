// Package postgres implements the bot's store interfaces on PostgreSQL with
// pgx and its pool, for running several triagebot replicas on one database.
//
// Replicas cooperate through the database only: event de-duplication is a
// primary key; a transaction on a conversation holds a per-conversation
// advisory lock and the row's FOR UPDATE lock, so two replicas handling the
// same chat take turns; PendingEvents claims the rows it returns with
// FOR UPDATE SKIP LOCKED and a lease (see PendingEvents); migrations run
// under a session advisory lock, so replicas starting together apply each
// migration once.
//
// Times are timestamptz: stored in UTC with microseconds and returned in
// UTC. A Store is safe for concurrent use.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/triagebot/triagebot/bot"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Options tunes a Store. The zero value is ready to use.
type Options struct {
	// Now stamps the times the store sets itself (zero times of saved rows,
	// pending-event claims, lead cards, applied migrations). Default time.Now.
	Now func() time.Time
	// MaxConns caps the connection pool; 0 keeps pgxpool's default (the
	// URL's pool_max_conns, else max(4, number of CPUs)).
	MaxConns int32
}

// Store is a bot.Store on PostgreSQL. Open it with Open and call Migrate
// before use.
type Store struct {
	pool *pgxpool.Pool
	now  func() time.Time
}

var _ bot.Store = (*Store)(nil)

// Open prepares a connection pool for url (a postgres:// URL or key=value
// string, as DATABASE_URL holds). It does not connect: a server that is down
// at start is not an error, so the caller can report not ready and retry
// Ping or Migrate with backoff. Open fails only for an invalid url; the error
// never repeats the url, which may hold a password.
func Open(ctx context.Context, url string, opts Options) (*Store, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, errors.New("postgres: open: the database URL is not a valid PostgreSQL connection string " +
			"(expected postgres://user[:password]@host[:port]/database?param=value)")
	}
	if opts.MaxConns > 0 {
		cfg.MaxConns = opts.MaxConns
	}
	cfg.MinConns = 0 // connect lazily
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: open: %w", err)
	}
	return &Store{pool: pool, now: opts.Now}, nil
}

// Ping checks that the server answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.pool.Ping(ctx); err != nil {
		return fmt.Errorf("postgres: ping: %w", err)
	}
	return nil
}

// Close closes the pool, waiting for connections in use to be released.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// Advisory lock keys. The two-int4 form keeps them apart from single-bigint
// locks other parts of triagebot take (the Telegram polling lock).
const (
	lockSpaceMigrate      int32 = 0x74726961 // "tria"
	lockSpaceConversation int32 = 0x74726962 // "trib"
)

// Migrate applies every embedded migration not yet recorded in
// schema_migrations, in name order, each in its own transaction, holding an
// advisory lock so concurrent replicas do not race. It is idempotent.
func (s *Store) Migrate(ctx context.Context) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("postgres: migrate: connect: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1, 0)", lockSpaceMigrate); err != nil {
		return fmt.Errorf("postgres: migrate: lock: %w", err)
	}
	defer func() {
		// Unlock even when ctx is done; a failed unlock ends with the session.
		uctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if _, err := conn.Exec(uctx, "SELECT pg_advisory_unlock($1, 0)", lockSpaceMigrate); err != nil {
			conn.Conn().Close(uctx) // drop the session, and with it the lock
		}
	}()
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
    version    text PRIMARY KEY,
    applied_at timestamptz NOT NULL
)`); err != nil {
		return fmt.Errorf("postgres: migrate: create schema_migrations: %w", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("postgres: migrate: %w", err)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := s.migrate(ctx, conn.Conn(), name); err != nil {
			return err
		}
	}
	return nil
}

// migrate applies one migration file unless it is recorded as applied.
func (s *Store) migrate(ctx context.Context, conn *pgx.Conn, name string) error {
	version := strings.TrimSuffix(path.Base(name), ".sql")
	body, err := migrations.ReadFile(name)
	if err != nil {
		return fmt.Errorf("postgres: migrate %s: %w", version, err)
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		return fmt.Errorf("postgres: migrate %s: begin: %w", version, err)
	}
	defer tx.Rollback(ctx)
	var applied bool
	if err := tx.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = $1)", version).Scan(&applied); err != nil {
		return fmt.Errorf("postgres: migrate %s: %w", version, err)
	}
	if applied {
		return nil
	}
	// Without arguments pgx uses the simple protocol, which runs a script
	// of several statements.
	if _, err := tx.Exec(ctx, string(body)); err != nil {
		return fmt.Errorf("postgres: migrate %s: %w", version, err)
	}
	if _, err := tx.Exec(ctx, "INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)",
		version, s.stamp(time.Time{})); err != nil {
		return fmt.Errorf("postgres: migrate %s: record: %w", version, err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("postgres: migrate %s: commit: %w", version, err)
	}
	return nil
}

// stamp returns t in UTC with microseconds (what timestamptz keeps), or
// the store's Now when t is zero.
func (s *Store) stamp(t time.Time) time.Time {
	if t.IsZero() {
		t = s.now()
	}
	return dbTime(t)
}

// dbTime brings t to what timestamptz stores: UTC, microseconds.
func dbTime(t time.Time) time.Time {
	return t.UTC().Truncate(time.Microsecond)
}

// conversationLock returns the advisory lock key of a conversation. A hash
// collision only makes two conversations take turns.
func conversationLock(key bot.ConversationKey) int32 {
	h := fnv.New32a()
	for _, part := range []string{key.Platform, key.ChatID, key.UserID} {
		fmt.Fprintf(h, "%d:%s;", len(part), part)
	}
	return int32(h.Sum32())
}

// isForeignKey reports whether err is a foreign key violation.
func isForeignKey(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23503"
}

// affectedOne turns an UPDATE's outcome into nil, an error naming op, or
// bot.ErrNotFound when no row matched.
func affectedOne(tag pgconn.CommandTag, err error, op string) error {
	if err != nil {
		return fmt.Errorf("postgres: %s: %w", op, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("postgres: %s: %w", op, bot.ErrNotFound)
	}
	return nil
}

// querier is what the pool and a transaction have in common.
type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}
