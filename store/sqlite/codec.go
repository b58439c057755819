package sqlite

import (
	"fmt"
	"time"

	"github.com/triagebot/triagebot/store/internal/sqlrow"
)

// codec is the shared row codec in SQLite's forms: `?` placeholders as
// written, times as fixed-width text (see timeLayout).
func codec() sqlrow.Dialect {
	return sqlrow.Dialect{
		Time:     func(t time.Time) any { return formatTime(t) },
		TimeDest: func(t *time.Time) any { return textTime{t} },
	}
}

// textTime scans a stored time text into *t.
type textTime struct{ t *time.Time }

// Scan implements sql.Scanner.
func (d textTime) Scan(src any) error {
	var err error
	switch v := src.(type) {
	case string:
		*d.t, err = parseTime(v)
	case []byte:
		*d.t, err = parseTime(string(v))
	case time.Time:
		*d.t = v.UTC()
	default:
		err = fmt.Errorf("stored time: unexpected %T", src)
	}
	return err
}
