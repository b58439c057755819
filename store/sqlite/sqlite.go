// Package sqlite implements the bot's store interfaces on one SQLite file,
// the embedded default of triagebot. It uses modernc.org/sqlite (pure Go, no
// cgo), so the binary stays static.
//
// The file is opened in WAL mode with foreign keys on. Writes go through a
// single connection, so write transactions queue in Go instead of polling
// for SQLite's write lock, and reads use a separate pool that runs beside
// the writer. A Store is safe for concurrent use; other processes (such as
// `triagebot migrate` against a running server) wait up to the busy timeout.
//
// Times are stored as UTC text in a fixed-width form with microseconds
// (see timeLayout), so text order is time order and range queries use the
// indexes; PostgreSQL keeps microseconds too, so both backends round-trip
// the same values.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/triagebot/triagebot/bot"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// Options tunes a Store. The zero value is ready to use.
type Options struct {
	// Now stamps the times the store sets itself (zero times of saved rows,
	// pending-event claims, lead cards, applied migrations). Default time.Now.
	Now func() time.Time
	// BusyTimeout is how long a statement waits for a lock held by another
	// connection or process before failing. Default 5s.
	BusyTimeout time.Duration
	// MaxReadConns caps the read pool. Default max(4, GOMAXPROCS).
	MaxReadConns int
}

// Store is a bot.Store on one SQLite file. Open it with Open and call
// Migrate before use.
type Store struct {
	write *sql.DB // one connection: all writes and transactions
	read  *sql.DB // query_only pool for single reads
	now   func() time.Time
	path  string
	busy  time.Duration
	// records group-commits RecordEvent (see there).
	records recordQueue
}

var _ bot.Store = (*Store)(nil)

// Open opens (creating if needed) the SQLite file at path and its parent
// folder. It does not migrate: call Migrate.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("sqlite: open: empty path")
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.BusyTimeout <= 0 {
		opts.BusyTimeout = 5 * time.Second
	}
	if opts.MaxReadConns <= 0 {
		opts.MaxReadConns = max(4, runtime.GOMAXPROCS(0))
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("sqlite: open: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o750); err != nil {
		return nil, fmt.Errorf("sqlite: open: create data folder: %w", err)
	}

	// The file holds buyers' messages: create it readable by the owner only
	// (SQLite gives its -wal and -shm files the same permissions).
	if f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600); err == nil {
		f.Close()
	} else if !errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("sqlite: open: create %s: %w", filepath.Base(abs), err)
	}

	write, err := sql.Open("sqlite", dsn(abs, opts.BusyTimeout, false))
	if err != nil {
		return nil, fmt.Errorf("sqlite: open writer: %w", err)
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	write.SetConnMaxIdleTime(0)

	read, err := sql.Open("sqlite", dsn(abs, opts.BusyTimeout, true))
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("sqlite: open readers: %w", err)
	}
	read.SetMaxOpenConns(opts.MaxReadConns)
	read.SetMaxIdleConns(opts.MaxReadConns)

	s := &Store{write: write, read: read, now: opts.Now, path: abs, busy: opts.BusyTimeout}
	// Connect the writer first: it switches the file to WAL, which readers
	// opened later rely on.
	if err := s.write.PingContext(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", filepath.Base(abs), err)
	}
	return s, nil
}

// dsn builds the connection string: a file: URI (so any path works) with
// the pragmas every connection needs. The writer begins its transactions
// IMMEDIATE, taking SQLite's write lock at BEGIN: a deferred transaction that
// reads first and writes later could otherwise fail with SQLITE_BUSY when
// another process writes in between, without waiting.
func dsn(path string, busy time.Duration, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busy.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Set("_txlock", "immediate")
	}
	return "file:" + (&url.URL{Path: filepath.ToSlash(path)}).EscapedPath() + "?" + q.Encode()
}

// Path returns the absolute path of the database file.
func (s *Store) Path() string { return s.path }

// Ping checks that the file can be read.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.read.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("sqlite: ping: %w", err)
	}
	return nil
}

// Close closes both pools. The store must not be used afterwards.
func (s *Store) Close() error {
	return errors.Join(s.read.Close(), s.write.Close())
}

// Migrate applies every embedded migration not yet recorded in
// schema_migrations, in name order, each in its own transaction. It is
// idempotent.
func (s *Store) Migrate(ctx context.Context) error {
	if _, err := s.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
    version    TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
)`); err != nil {
		return fmt.Errorf("sqlite: migrate: create schema_migrations: %w", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("sqlite: migrate: %w", err)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := s.migrate(ctx, name); err != nil {
			return err
		}
	}
	return nil
}

// migrate applies one migration file unless it is recorded as applied.
func (s *Store) migrate(ctx context.Context, name string) error {
	version := strings.TrimSuffix(filepath.Base(name), ".sql")
	body, err := migrations.ReadFile(name)
	if err != nil {
		return fmt.Errorf("sqlite: migrate %s: %w", version, err)
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: migrate %s: begin: %w", version, err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations WHERE version = ?", version).Scan(&n); err != nil {
		return fmt.Errorf("sqlite: migrate %s: %w", version, err)
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return fmt.Errorf("sqlite: migrate %s: %w", version, err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
		version, s.stamp(time.Time{})); err != nil {
		return fmt.Errorf("sqlite: migrate %s: record: %w", version, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: migrate %s: commit: %w", version, err)
	}
	return nil
}

// timeLayout is how times are stored: UTC, fixed width, microseconds, so
// that text comparison orders them and the zero time round-trips.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// formatTime returns t's stored form.
func formatTime(t time.Time) string {
	return t.UTC().Format(timeLayout)
}

// parseTime reads a stored time back (UTC).
func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time: %w", err)
	}
	return t.UTC(), nil
}

// stamp returns t's stored form, or the store's Now when t is zero.
func (s *Store) stamp(t time.Time) string {
	if t.IsZero() {
		t = s.now()
	}
	return formatTime(t)
}

// txKey marks a context passed to an InTx function. Every write goes through
// the one writer connection, which the transaction holds, so a Store write
// method called with such a context would wait forever: it fails instead.
type txKey struct{}

// errInTx is returned by Store write methods called inside InTx.
var errInTx = errors.New("called inside InTx: use the Tx, the writer is held by the transaction")

// checkNotInTx returns errInTx (with op) when ctx comes from an InTx function.
func checkNotInTx(ctx context.Context, op string) error {
	if ctx.Value(txKey{}) != nil {
		return fmt.Errorf("sqlite: %s: %w", op, errInTx)
	}
	return nil
}

// Backup writes a consistent copy of the database to path (which must not
// exist yet) with VACUUM INTO. It reads one snapshot and runs beside the
// writer, so the bot keeps working during a backup; the copy is compacted
// and needs no WAL file.
func (s *Store) Backup(ctx context.Context, path string) error {
	// The copy holds buyers' messages like the database: readable by the
	// owner only. VACUUM INTO writes into an empty file, so creating it
	// first sets its mode and refuses, atomically, to overwrite anything. A
	// missing folder is an error, not made silently: a typo in the path
	// should not scatter copies of buyer data.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	switch {
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("sqlite: backup: %s already exists", path)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("sqlite: backup: folder %s does not exist", filepath.Dir(path))
	case err != nil:
		return fmt.Errorf("sqlite: backup: %w", err)
	}
	f.Close()
	if err := s.vacuumInto(ctx, path); err != nil {
		os.Remove(path)
		return err
	}
	return nil
}

// vacuumInto writes a consistent copy of the database into path, an empty
// file.
func (s *Store) vacuumInto(ctx context.Context, path string) error {
	// A connection of its own: the read pool is query_only, which SQLite
	// also applies to the file VACUUM INTO writes.
	db, err := sql.Open("sqlite", dsn(s.path, s.busy, false))
	if err != nil {
		return fmt.Errorf("sqlite: backup: %w", err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("sqlite: backup: %w", err)
	}
	return nil
}
