package batch

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"time"
)

// ReadLine reads one line without its line ending (\n or \r\n). A line
// longer than limit bytes is skipped to its end and reported with tooLong,
// so that one huge line costs no more than limit bytes of memory and the
// next line is read as usual. err is io.EOF with the last line.
func ReadLine(br *bufio.Reader, limit int) (line []byte, tooLong bool, err error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(buf)+len(chunk) > limit {
			tooLong = true
			buf = buf[:0]
		} else if len(chunk) > 0 {
			buf = append(buf, chunk...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		buf = bytes.TrimRight(buf, "\r\n")
		if tooLong {
			return nil, true, err
		}
		return buf, false, err
	}
}

// ParseSentAt is the one rule for a message's time (sent_at) everywhere
// triagebot reads one: an RFC 3339 time (2026-11-02T09:30:00+07:00), or a
// date (2026-11-02), which is midnight in zone. Space around it is
// ignored. triage --jsonl and eval take dates in UTC; import takes them in
// the zone of digest.schedule, so that a day's inquiries fall in its week.
func ParseSentAt(s string, zone *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.ParseInLocation(time.DateOnly, s, zone); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is not an RFC 3339 time or a date (YYYY-MM-DD)", s)
}
