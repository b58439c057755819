package triage

import "time"

// leadCand is a lead time the text states: a duration or a deadline.
type leadCand struct {
	lo, hi   int64
	deadline bool // introduced by "by", "before", "delivery", …
	pos      int
}

// whenKind says what time of the year a date form names.
type whenKind uint8

const (
	wDay      whenKind = iota + 1 // a day: y (0 = the next one), m, d
	wMonthEnd                     // the last day of month m
	wRelMonth                     // day d (0: the last) of the month m months after sentAt's
	wYearEnd                      // 31 December
	wQuarter                      // quarter m: from its first day to its last
	wWeek                         // ISO calendar week d: Monday to Sunday
	wHalf                         // half m of the year: from its first day to its last
	wHoliday                      // the next date of holiday
)

// when is a time of the year as a text names it, before it is counted
// from the message's date.
type when struct {
	kind     whenKind
	y, m, d  int
	nextYear bool // "next year", 明年, năm sau: a year after sentAt's
	holiday  string
}

// dateSpan is a date form found in the tokens first..last.
type dateSpan struct {
	first, last int
	w           when
	// bare marks a month named alone ("in May"): it is a date only right
	// after a deadline word, since "may" and "mar" are words too.
	bare bool
}

// dateForm reads one way of writing a date that starts at toks[i].
type dateForm func(e *Engine, toks []token, i int) (dateSpan, bool)

// dateForms lists the date forms, the most specific first: a form that
// reads "15 March" must run before the one that reads "March" alone.
func dateForms() [17]dateForm {
	return [...]dateForm{
		(*Engine).weekDate,
		(*Engine).halfYearDate,
		(*Engine).quarterDate,
		(*Engine).hanDate,
		(*Engine).dottedDate,
		(*Engine).slashDate,
		(*Engine).monthYearDate,
		(*Engine).dayMonthDate,
		(*Engine).dayThangDate,
		(*Engine).monthDayDate,
		(*Engine).partDate,
		(*Engine).yearEndDate,
		(*Engine).thisYearDate,
		(*Engine).relMonthDate,
		(*Engine).holidayDate,
		(*Engine).monthDate,
		(*Engine).thangDate,
	}
}

// readDates finds the dates of a text (15.03.2027, 2027/3/15, 3月15日,
// 15 Maret 2027, the end of June, Q3, before Tết) and traps their digits,
// so no other reader takes them for a quantity. A date the text sets for
// the goods becomes a lead-time candidate counted from sentAt.
func (e *Engine) readDates(toks []token, sentAt time.Time, out []leadCand) []leadCand {
	base := time.Date(sentAt.Year(), sentAt.Month(), sentAt.Day(), 0, 0, 0, 0, time.UTC)
	forms := dateForms()
	for i := 0; i < len(toks); i++ {
		if t := &toks[i]; t.trap || t.used || t.kind != kNum && !e.lx.lead.starts[t.s] {
			continue // a date starts at a number or a date word
		}
		sp, ok := e.dateAt(&forms, toks, i)
		if !ok {
			continue
		}
		for k := sp.first; k <= sp.last && sp.w.kind != wHoliday; k++ {
			if toks[k].kind == kNum {
				toks[k].trap = true
			}
			toks[k].used = true // 第三季度: 三 is no quantity
		}
		i = sp.last
		if !e.forGoods(toks, sp) {
			continue
		}
		lo, hi, ok := sp.w.days(base, e.holidays)
		if ok && hi > 0 && hi < 3*366 {
			out = append(out, leadCand{lo: lo, hi: hi, deadline: true, pos: sp.first})
		}
	}
	return out
}

// dateAt returns the first form that reads a valid date at toks[i].
func (e *Engine) dateAt(forms *[17]dateForm, toks []token, i int) (dateSpan, bool) {
	for _, f := range forms {
		if sp, ok := f(e, toks, i); ok && sp.w.valid() {
			if sp.bare && !e.bareMonthOK(toks, sp) {
				continue
			}
			return sp, true
		}
	}
	return dateSpan{}, false
}

// valid reports a month and day that exist (31 February does not).
func (w when) valid() bool {
	switch w.kind {
	case wDay:
		if w.m < 1 || w.m > 12 || w.d < 1 || w.d > 31 {
			return false
		}
		y := w.year(2024) // a leap year: 29 February is a date
		return time.Date(y, time.Month(w.m), w.d, 0, 0, 0, 0, time.UTC).Day() == w.d
	case wMonthEnd:
		return w.m >= 1 && w.m <= 12
	case wQuarter:
		return w.m >= 1 && w.m <= 4
	case wHalf:
		return w.m == 1 || w.m == 2
	case wWeek:
		return w.d >= 1 && w.d <= 53
	}
	return true
}

// year returns the year written, in the common era, or def.
func (w when) year(def int) int {
	switch {
	case w.y > 2400:
		return w.y - 543 // Thai Buddhist era: 2570 is 2027
	case w.y > 0 && w.y < 100:
		return w.y + 2000
	case w.y > 0:
		return w.y
	case w.nextYear:
		return def + 1
	}
	return def
}

// days counts w from base: the days to its first and its last day. A time
// that has begun counts from base (0); one that is over is no lead time.
func (w when) days(base time.Time, hol holidays) (lo, hi int64, ok bool) {
	from, to, ok := w.span(base, hol)
	if !ok || to.Before(base) {
		return 0, 0, false
	}
	if from.Before(base) {
		from = base
	}
	return dayDiff(base, from), dayDiff(base, to), true
}

func dayDiff(a, b time.Time) int64 { return int64(b.Sub(a).Hours() / 24) }

// span returns the first and last day w names. A date without a year is
// the next one on or after base.
func (w when) span(base time.Time, hol holidays) (from, to time.Time, ok bool) {
	y := w.year(base.Year())
	date := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	fixed := w.y > 0 || w.nextYear
	switch w.kind {
	case wDay:
		d := date(y, w.m, w.d)
		if !fixed && d.Before(base) {
			d = date(y+1, w.m, w.d)
		}
		return d, d, true
	case wMonthEnd:
		d := date(y, w.m+1, 0)
		if !fixed && d.Before(base) {
			d = date(y+1, w.m+1, 0)
		}
		return d, d, true
	case wRelMonth:
		d := date(base.Year(), int(base.Month())+w.m+1, 0)
		if w.d > 0 {
			d = date(base.Year(), int(base.Month())+w.m, w.d)
		}
		return d, d, true
	case wYearEnd:
		d := date(y, 12, 31)
		return d, d, true
	case wQuarter, wHalf:
		n := 3 // months in the period
		if w.kind == wHalf {
			n = 6
		}
		first, last := date(y, n*w.m-n+1, 1), date(y, n*w.m+1, 0)
		if !fixed && last.Before(base) {
			first, last = date(y+1, n*w.m-n+1, 1), date(y+1, n*w.m+1, 0)
		}
		return first, last, true
	case wWeek:
		mon := isoWeekMonday(y, w.d)
		if !fixed && mon.AddDate(0, 0, 6).Before(base) {
			mon = isoWeekMonday(y+1, w.d)
		}
		return mon, mon.AddDate(0, 0, 6), true
	case wHoliday:
		d, ok := hol.next(w.holiday, base, w.nextYear)
		return d, d, ok
	}
	return time.Time{}, time.Time{}, false
}

// isoWeekMonday returns the Monday of ISO week wk of year y: week 1 is the
// week that holds 4 January.
func isoWeekMonday(y, wk int) time.Time {
	jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
	back := (int(jan4.Weekday()) + 6) % 7 // days since Monday
	return jan4.AddDate(0, 0, 7*(wk-1)-back)
}

func atoi(s string) int {
	v := 0
	for i := 0; i < len(s) && i < 9; i++ {
		if !isDigit(s[i]) {
			return -1
		}
		v = v*10 + int(s[i]-'0')
	}
	return v
}
