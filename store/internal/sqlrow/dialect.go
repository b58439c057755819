package sqlrow

import "time"

// Dialect is how one backend stores times, the one part of a row the two
// drivers encode differently. (Statements are rebound apart from it: SQLite
// runs them as written, PostgreSQL through Dollar.)
type Dialect struct {
	// Time returns a time's argument form (text for SQLite, time.Time for
	// timestamptz).
	Time func(t time.Time) any
	// TimeDest returns a Scan destination that stores a column's time in
	// *t (the codec brings it to UTC).
	TimeDest func(t *time.Time) any
}

// Row is a single-row result of either driver.
type Row interface {
	Scan(dest ...any) error
}

// DBTime brings t to what both stores keep: UTC, microseconds.
func DBTime(t time.Time) time.Time {
	return t.UTC().Truncate(time.Microsecond)
}
