package sqlite

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/store/storetest"
	"github.com/triagebot/triagebot/triage"
)

// openTestStore opens a migrated store on a file in a fresh temporary
// folder, closed when t ends.
func openTestStore(t *testing.T) *Store {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "data", "triagebot.db"), Options{})
}

// openAt opens and migrates the store at path, closed when t ends.
func openAt(t testing.TB, path string, opts Options) *Store {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, path, opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
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
	path := filepath.Join(t.TempDir(), "nested", "folder", "bot.db")
	clock := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	opts := Options{Now: func() time.Time { return clock }}

	s, err := Open(ctx, path, opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	for i := range 3 {
		if err := s.Migrate(ctx); err != nil {
			t.Fatalf("Migrate #%d: %v", i+1, err)
		}
	}
	in := bot.Inquiry{Platform: bot.PlatformConsole, ChatID: "c", UserID: "u", Texts: []string{"hello"}, Model: triage.OEM}
	if err := s.InTx(ctx, func(ctx context.Context, tx bot.Tx) error { return tx.SaveInquiry(ctx, &in) }); err != nil {
		t.Fatalf("SaveInquiry: %v", err)
	}
	if !in.CreatedAt.Equal(clock) || !in.UpdatedAt.Equal(clock) || in.Status != bot.StatusOpen {
		t.Errorf("SaveInquiry stamped created %v updated %v status %q, want the injected clock %v and open",
			in.CreatedAt, in.UpdatedAt, in.Status, clock)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}

	s = openAt(t, path, opts)
	got, err := s.Inquiry(ctx, in.ID)
	if err != nil {
		t.Fatalf("Inquiry after reopening: %v", err)
	}
	if got.Texts[0] != "hello" || got.Model != triage.OEM {
		t.Errorf("after reopening: %+v", got)
	}
	var versions []string
	rows, err := s.read.QueryContext(ctx, "SELECT version FROM schema_migrations ORDER BY version")
	if err != nil {
		t.Fatalf("schema_migrations: %v", err)
	}
	defer rows.Close()
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		versions = append(versions, v)
	}
	names, _ := migrations.ReadDir("migrations")
	if len(versions) != len(names) || versions[0] != "0001_init" {
		t.Errorf("schema_migrations = %v, want one row per file of %d", versions, len(names))
	}
}

func TestWriteInsideInTxFails(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	done := make(chan error, 1)
	go func() {
		done <- s.InTx(ctx, func(ctx context.Context, tx bot.Tx) error {
			_, err := s.RecordEvent(ctx, bot.Event{Platform: "p", ID: "1"})
			return err
		})
	}()
	// A deadlock would hang here until the test binary's timeout.
	if err := <-done; !errors.Is(err, errInTx) {
		t.Errorf("RecordEvent inside InTx: error %v, want errInTx", err)
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	if _, err := Open(ctx, "", Options{}); err == nil {
		t.Errorf("Open with an empty path: no error")
	}
	// A file where the data folder should be.
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	openAt(t, blocker, Options{})
	if _, err := Open(ctx, filepath.Join(blocker, "bot.db"), Options{}); err == nil {
		t.Errorf("Open under a regular file: no error")
	}
}

func TestPathWithURIChars(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a dir?x=1#frag%20", "bot.db")
	s := openAt(t, path, Options{})
	if s.Path() != path {
		t.Errorf("Path() = %q, want %q", s.Path(), path)
	}
	if err := s.Ping(context.Background()); err != nil {
		t.Errorf("Ping: %v", err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("database file not at its path: %v", err)
	}
}

func TestBackup(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	in := bot.Inquiry{Platform: bot.PlatformConsole, ChatID: "c", UserID: "u", Texts: []string{"backed up"}}
	if err := s.InTx(ctx, func(ctx context.Context, tx bot.Tx) error { return tx.SaveInquiry(ctx, &in) }); err != nil {
		t.Fatalf("SaveInquiry: %v", err)
	}
	missing := filepath.Join(t.TempDir(), "backups", "copy.db")
	if err := s.Backup(ctx, missing); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("Backup into a missing folder: err = %v, want it refused", err)
	}
	if _, err := os.Stat(filepath.Dir(missing)); err == nil {
		t.Errorf("Backup created the missing folder")
	}
	dest := filepath.Join(t.TempDir(), "copy.db")
	if err := s.Backup(ctx, dest); err != nil {
		t.Fatalf("Backup: %v", err)
	}
	if st, err := os.Stat(dest); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("backup file mode = %v (err %v), want 0600: it holds buyer data", st.Mode().Perm(), err)
	}
	if err := s.Backup(ctx, dest); err == nil {
		t.Errorf("Backup over an existing file: no error")
	}
	copied := openAt(t, dest, Options{})
	got, err := copied.Inquiry(ctx, in.ID)
	if err != nil || len(got.Texts) != 1 || got.Texts[0] != "backed up" {
		t.Errorf("inquiry in the backup = %+v, %v", got, err)
	}
}

func TestNewFileIsPrivate(t *testing.T) {
	s := openTestStore(t)
	st, err := os.Stat(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if perm := st.Mode().Perm(); perm != 0o600 {
		t.Errorf("new database file mode %v, want 0600", perm)
	}
}

func TestOpenNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(path, []byte("this is not an SQLite file, just some text that is long enough to look like a header"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), path, Options{})
	if err == nil {
		defer s.Close()
		err = s.Migrate(context.Background())
	}
	if err == nil {
		t.Errorf("Open and Migrate of a text file: no error")
	}
}

// TestTwoStoresOnOneFile stands for two processes on one file (serve and
// `triagebot migrate`, or a mistaken second serve): their writers contend
// for SQLite's lock, wait within the busy timeout and all succeed.
func TestTwoStoresOnOneFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	a, b := openAt(t, path, Options{}), openAt(t, path, Options{})
	ctx := context.Background()
	const each = 50
	var wg sync.WaitGroup
	errs := make(chan error, 4*each)
	for i, s := range []*Store{a, b, a, b} {
		wg.Go(func() {
			for j := range each {
				id := fmt.Sprintf("%d-%d", i, j)
				if _, err := s.RecordEvent(ctx, bot.Event{Platform: "p", ID: id}); err != nil {
					errs <- err
				}
				err := s.InTx(ctx, func(ctx context.Context, tx bot.Tx) error {
					in := bot.Inquiry{Texts: []string{id}}
					return tx.SaveInquiry(ctx, &in)
				})
				if err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("write from one of two stores: %v", err)
	}
	evs, err := b.PendingEvents(ctx, "p", time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), 0)
	if err != nil || len(evs) != 4*each {
		t.Errorf("events recorded through two stores: %d, %v; want %d", len(evs), err, 4*each)
	}
}
