package sqlrow

import (
	"strconv"
	"strings"
)

// Dollar rebinds a statement written with `?` placeholders to PostgreSQL's
// numbered `$1, $2, …`, in order. A `?` inside a single-quoted literal, a
// double-quoted identifier or a `--` comment is left alone, so statements
// may quote text freely.
func Dollar(query string) string {
	var (
		b     strings.Builder
		n     int
		quote byte // the quote we are inside, or 0
	)
	b.Grow(len(query) + 16)
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '-' && i+1 < len(query) && query[i+1] == '-':
			end := strings.IndexByte(query[i:], '\n')
			if end < 0 {
				end = len(query) - i
			}
			b.WriteString(query[i : i+end])
			i += end - 1
			continue
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
