package triage

import (
	_ "embed"
	"fmt"
	"strings"
	"time"
)

//go:embed calendar/holidays.txt
var holidayData string

// holidays maps a holiday's key to its dates: a fixed month and day, or
// the dates of the years it moves.
type holidays map[string]holidayDates

type holidayDates struct {
	month, day int         // a holiday on the same day every year
	dates      []time.Time // or one date a year
}

// parseHolidays reads the dates file: "key MM-DD" or "key YYYY-MM-DD …".
func parseHolidays(data string) (holidays, error) {
	h := holidays{}
	for n, line := range strings.Split(data, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if len(f) < 2 {
			return nil, fmt.Errorf("holidays line %d: want a key and dates, got %q", n+1, line)
		}
		var hd holidayDates
		for _, s := range f[1:] {
			if d, err := time.Parse("01-02", s); err == nil && len(f) == 2 {
				hd.month, hd.day = int(d.Month()), d.Day()
				continue
			}
			d, err := time.Parse("2006-01-02", s)
			if err != nil {
				return nil, fmt.Errorf("holidays line %d: %w", n+1, err)
			}
			hd.dates = append(hd.dates, d)
		}
		h[f[0]] = hd
	}
	return h, nil
}

// next returns the holiday's first date on or after base; with nextYear
// ("明年春节"), its first date in a later year than base's.
func (h holidays) next(key string, base time.Time, nextYear bool) (time.Time, bool) {
	hd, ok := h[key]
	if !ok {
		return time.Time{}, false
	}
	ok2 := func(d time.Time) bool {
		return !d.Before(base) && (!nextYear || d.Year() > base.Year())
	}
	if hd.month > 0 {
		for y := base.Year(); y <= base.Year()+2; y++ {
			if d := time.Date(y, time.Month(hd.month), hd.day, 0, 0, 0, 0, time.UTC); ok2(d) {
				return d, true
			}
		}
		return time.Time{}, false
	}
	for _, d := range hd.dates {
		if ok2(d) {
			return d, true
		}
	}
	return time.Time{}, false
}
