package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/jackc/pgx/v5"

	_ "modernc.org/sqlite" // the SQLite driver, to read the replicas' file
)

// db is the replicas' store: a SQLite file in a temporary folder, or a
// schema of its own in the PostgreSQL database given.
type db struct {
	dataDir string
	url     string // DATABASE_URL for the replicas ("" for SQLite)
	base    string
	schema  string
}

func openDB(ctx context.Context, dsn string) (*db, error) {
	dir, err := os.MkdirTemp("", "triagebot-load-")
	if err != nil {
		return nil, err
	}
	d := &db{dataDir: dir}
	if dsn == "" {
		return d, nil
	}
	d.base, d.schema = dsn, fmt.Sprintf("loadtest_%d", os.Getpid())
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %w", redact(dsn), err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+d.schema); err != nil {
		return nil, fmt.Errorf("create schema: %w", err)
	}
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	d.url = dsn + sep + "search_path=" + d.schema
	return d, nil
}

func (d *db) close() {
	if d.schema != "" && os.Getenv("LOADTEST_KEEP_SCHEMA") == "" {
		ctx := context.Background()
		if conn, err := pgx.Connect(ctx, d.base); err == nil {
			conn.Exec(ctx, "DROP SCHEMA "+d.schema+" CASCADE")
			conn.Close(ctx)
		}
	}
	os.RemoveAll(d.dataDir)
}

// storeState is what the store says at the end.
type storeState struct {
	undelivered int            // recorded events not handled
	outbox      map[string]int // rows by state
	unknown     int            // attempts with an unknown outcome
	retried     int            // rows sent after more than one attempt
}

// queries is what check asks, the same in both dialects.
var queries = struct{ undelivered, outbox string }{
	`SELECT count(*) FROM events WHERE state <> 'delivered'`,
	`SELECT state, count(*), coalesce(sum(unknown), 0), coalesce(sum(CASE WHEN attempts > 1 THEN 1 ELSE 0 END), 0) FROM outbox GROUP BY state`,
}

func (d *db) check(ctx context.Context) (storeState, error) {
	st := storeState{outbox: map[string]int{}}
	type rowser interface {
		Next() bool
		Scan(...any) error
		Close()
	}
	var rows rowser
	if d.url == "" {
		conn, err := sql.Open("sqlite", "file:"+filepath.Join(d.dataDir, "triagebot.db")+"?mode=ro")
		if err != nil {
			return st, err
		}
		defer conn.Close()
		if err := conn.QueryRowContext(ctx, queries.undelivered).Scan(&st.undelivered); err != nil {
			return st, err
		}
		r, err := conn.QueryContext(ctx, queries.outbox)
		if err != nil {
			return st, err
		}
		rows = sqlRows{r}
	} else {
		conn, err := pgx.Connect(ctx, d.url)
		if err != nil {
			return st, err
		}
		defer conn.Close(ctx)
		if err := conn.QueryRow(ctx, queries.undelivered).Scan(&st.undelivered); err != nil {
			return st, err
		}
		r, err := conn.Query(ctx, queries.outbox)
		if err != nil {
			return st, err
		}
		rows = r
	}
	defer rows.Close()
	for rows.Next() {
		var state string
		var n, unknown, retried int
		if err := rows.Scan(&state, &n, &unknown, &retried); err != nil {
			return st, err
		}
		st.outbox[state] = n
		st.unknown += unknown
		st.retried += retried
	}
	return st, nil
}

// sqlRows gives *sql.Rows pgx's Close without an error.
type sqlRows struct{ *sql.Rows }

func (r sqlRows) Close() { r.Rows.Close() }

// redact hides a URL's password.
func redact(u string) string {
	if i := strings.Index(u, "@"); i > 0 {
		if j := strings.Index(u, "://"); j > 0 && j < i {
			return u[:j+3] + "…" + u[i:]
		}
	}
	return u
}
