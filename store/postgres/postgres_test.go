package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/store/storetest"
	"github.com/triagebot/triagebot/triage"
)

// defaultTestURL is the server CI provides; TRIAGEBOT_TEST_POSTGRES_URL
// overrides it.
const defaultTestURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// testURL returns the URL of the test server.
func testURL() string {
	if u := os.Getenv("TRIAGEBOT_TEST_POSTGRES_URL"); u != "" {
		return u
	}
	return defaultTestURL
}

// testSchema creates an empty schema of its own for t on the test server,
// dropped when t ends, and returns the URL that makes it the search path.
// It skips t when no server answers, or fails it when
// TRIAGEBOT_TEST_POSTGRES_REQUIRED is set (.ci/run sets it).
func testSchema(t testing.TB) string {
	t.Helper()
	url := testURL()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		msg := fmt.Sprintf("PostgreSQL at %s is not reachable (%v); start one there or set TRIAGEBOT_TEST_POSTGRES_URL to a server the tests may use", redact(url), err)
		if os.Getenv("TRIAGEBOT_TEST_POSTGRES_REQUIRED") != "" {
			t.Fatal(msg + " (TRIAGEBOT_TEST_POSTGRES_REQUIRED is set, as on CI: the PostgreSQL half must run)")
		}
		t.Skip(msg)
	}
	defer conn.Close(context.Background())

	b := make([]byte, 6)
	rand.Read(b)
	schema := "triagebot_test_" + hex.EncodeToString(b)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, url)
		if err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	return withParam(url, "search_path", schema)
}

// withParam adds a runtime parameter to a URL or key=value connection string.
func withParam(url, key, value string) string {
	if !strings.HasPrefix(url, "postgres://") && !strings.HasPrefix(url, "postgresql://") {
		return url + " " + key + "=" + value
	}
	if strings.Contains(url, "?") {
		return url + "&" + key + "=" + value
	}
	return url + "?" + key + "=" + value
}

// redact hides a URL's password for messages.
func redact(url string) string {
	cfg, err := pgx.ParseConfig(url)
	if err != nil || cfg.Password == "" {
		return url
	}
	return strings.ReplaceAll(url, cfg.Password, "xxxxx")
}

// openTestStore opens a migrated store on a fresh schema of the test
// server, closed (and the schema dropped) when t ends; it skips t when no
// server answers.
func openTestStore(t *testing.T) *Store {
	t.Helper()
	return openAt(t, testSchema(t), Options{})
}

// openAt opens and migrates a store on url, closed when t ends.
func openAt(t testing.TB, url string, opts Options) *Store {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, url, opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Migrate(ctx); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	return s
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) bot.Store { return openTestStore(t) })
}

func TestReopenKeepsDataAndMigrateIsIdempotent(t *testing.T) {
	ctx := context.Background()
	url := testSchema(t)
	clock := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	opts := Options{Now: func() time.Time { return clock }}

	// Replicas starting together migrate the same schema at once.
	stores := make([]*Store, 4)
	var wg sync.WaitGroup
	errs := make([]error, len(stores))
	for i := range stores {
		s, err := Open(ctx, url, opts)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		stores[i] = s
		wg.Go(func() { errs[i] = s.Migrate(ctx) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("concurrent Migrate: %v", err)
	}
	s := stores[0]
	if err := s.Migrate(ctx); err != nil {
		t.Fatalf("Migrate again: %v", err)
	}
	in := bot.Inquiry{Platform: bot.PlatformConsole, ChatID: "c", UserID: "u", Texts: []string{"hello"}, Model: triage.OEM}
	if err := s.InTx(ctx, func(ctx context.Context, tx bot.Tx) error { return tx.SaveInquiry(ctx, &in) }); err != nil {
		t.Fatalf("SaveInquiry: %v", err)
	}
	if !in.CreatedAt.Equal(clock) || !in.UpdatedAt.Equal(clock) || in.Status != bot.StatusOpen {
		t.Errorf("SaveInquiry stamped created %v updated %v status %q, want the injected clock %v and open",
			in.CreatedAt, in.UpdatedAt, in.Status, clock)
	}
	for _, s := range stores {
		s.Close()
	}

	s = openAt(t, url, opts)
	got, err := s.Inquiry(ctx, in.ID)
	if err != nil {
		t.Fatalf("Inquiry after reopening: %v", err)
	}
	if got.Texts[0] != "hello" || got.Model != triage.OEM {
		t.Errorf("after reopening: %+v", got)
	}
	rows, err := s.pool.Query(ctx, "SELECT version FROM schema_migrations ORDER BY version")
	if err != nil {
		t.Fatalf("schema_migrations: %v", err)
	}
	versions, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatalf("schema_migrations: %v", err)
	}
	names, _ := migrations.ReadDir("migrations")
	if len(versions) != len(names) || versions[0] != "0001_init" {
		t.Errorf("schema_migrations = %v, want one row per file of %d", versions, len(names))
	}
}

func TestOpenWithServerDown(t *testing.T) {
	ctx := context.Background()
	// Port 1 on loopback: nothing listens, the connection is refused at once.
	s, err := Open(ctx, "postgres://postgres:s3cret@127.0.0.1:1/test?sslmode=disable&connect_timeout=2", Options{})
	if err != nil {
		t.Fatalf("Open with the server down = %v, want a lazy pool and no error", err)
	}
	defer s.Close()
	for name, f := range map[string]func(context.Context) error{"Ping": s.Ping, "Migrate": s.Migrate} {
		err := f(ctx)
		if err == nil {
			t.Errorf("%s with the server down: no error", name)
		} else if strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%s error shows the password: %v", name, err)
		}
	}
}

func TestOpenBadURL(t *testing.T) {
	_, err := Open(context.Background(), "postgres://postgres:s3cret@127.0.0.1:notaport/test", Options{})
	if err == nil {
		t.Fatalf("Open with a bad URL: no error")
	}
	if strings.Contains(err.Error(), "s3cret") {
		t.Errorf("Open error shows the password: %v", err)
	}
}
