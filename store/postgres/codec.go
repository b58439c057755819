package postgres

import (
	"time"

	"github.com/triagebot/triagebot/store/internal/sqlrow"
)

// codec is the shared row codec in PostgreSQL's forms: `$n` parameters,
// times as timestamptz.
func codec() sqlrow.Dialect {
	return sqlrow.Dialect{
		Time:     func(t time.Time) any { return t },
		TimeDest: func(t *time.Time) any { return t },
	}
}
