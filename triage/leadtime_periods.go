package triage

import "strings"

// The period forms: a part of a month or year, a month counted from the
// message's, a quarter, a calendar week, a holiday.

// monthUnit reports a word for "month" (month, mes, bulan, tháng, 月).
func (e *Engine) monthUnit(t *token) bool {
	return t.kind != kNum && (e.lx.durations[t.s] == 30 || e.lx.lead.monthAfter[t.s])
}

// partDate reads a part of a month or of the year: "end of March", "fin
// juin", "Ende Juni", "cuối tháng 6", "akhir Juni", "mid-March" (the 15th),
// "early May" (the 1st), "end of the year", "cuối năm", "end of next
// month", "cuối tháng".
func (e *Engine) partDate(toks []token, i int) (dateSpan, bool) {
	part := e.lx.lead.part[toks[i].s]
	if part == 0 || toks[i].kind == kHan {
		return dateSpan{}, false
	}
	unit, rel, relSet := -1, 0, false
words:
	for j := i + 1; j < len(toks) && j <= i+4 && !toks[j].nl; j++ {
		if sp, ok := e.partOf(toks, i, j, part, relSet && rel == 1); ok {
			return sp, true
		}
		switch v, ok := e.lx.lead.next[toks[j].s]; {
		case ok:
			rel, relSet = v, true
		case e.monthUnit(&toks[j]):
			unit = j
		case !e.lx.lead.filler[toks[j].s] && toks[j].s != "-":
			break words // the period's words end here
		}
	}
	if unit < 0 || part == 15 {
		return dateSpan{}, false
	}
	last := unit
	if relSet && last < i+4 && e.lx.lead.next[tokAt(toks, last+1)] == rel {
		last++
	}
	w := when{kind: wRelMonth, m: rel}
	if part > 0 {
		w.d = part // early next month: its first day
	}
	return dateSpan{first: i, last: last, w: w}, true
}

// partOf reads what the part word at toks[i] is a part of, at toks[j]: a
// month by name or number, a quarter, a written year, or the year word
// ("end of the year", "end of next year").
func (e *Engine) partOf(toks []token, i, j, part int, nextYear bool) (dateSpan, bool) {
	if m, last := e.monthName(toks, j); m > 0 {
		return e.partOfMonth(toks, i, last, m, part), true
	}
	if sp, ok := e.partOfPeriod(toks, i, j, part); ok {
		return sp, true
	}
	if m := smallNum(toks, j+1); e.lx.lead.monthBefore[toks[j].s] && m > 0 && m <= 12 {
		return e.partOfMonth(toks, i, j+1, m, part), true
	}
	if !e.lx.lead.yearWord[toks[j].s] || part > 0 {
		return dateSpan{}, false
	}
	y, l := e.yearAfter(toks, j+1)
	w := withYear(when{kind: wYearEnd, nextYear: nextYear}, y)
	return dateSpan{first: i, last: max(j, l), w: w}, true
}

// partOfPeriod reads a part of a quarter or of a written year at toks[j]:
// "end of Q3" (its last day), "early Q3" (its first), "end of 2027".
func (e *Engine) partOfPeriod(toks []token, i, j, part int) (dateSpan, bool) {
	if y := yearNum(toks, j); y > 0 && part < 0 {
		return dateSpan{first: i, last: j, w: when{kind: wYearEnd, y: y}}, true
	}
	q, ok := e.quarterDate(toks, j)
	if !ok || part == 15 {
		return dateSpan{}, false
	}
	w := q.w
	w.kind, w.m, w.d = wMonthEnd, 3*q.w.m, 0
	if part > 0 {
		w.kind, w.m, w.d = wDay, 3*q.w.m-2, 1
	}
	return dateSpan{first: i, last: q.last, w: w}, true
}

// partOfMonth builds the day a part word picks in month m, whose name
// ends at last: the last day for "end", else the part's day.
func (e *Engine) partOfMonth(toks []token, first, last, m, part int) dateSpan {
	y, l := e.yearAfter(toks, last+1)
	w := when{kind: wDay, m: m, d: part}
	if part < 0 {
		w = when{kind: wMonthEnd, m: m}
	}
	return dateSpan{first: first, last: max(last, l), w: withYear(w, y)}
}

// yearEndDate reads the end of the year in one word or written year
// first: Jahresende, 年底, 年末, year-end, 明年年底.
func (e *Engine) yearEndDate(toks []token, i int) (dateSpan, bool) {
	t := &toks[i]
	last := i
	switch {
	case e.lx.lead.yearEnd[t.s]:
	case e.lx.lead.yearWord[t.s]:
		j := i + 1
		if tokAt(toks, j) == "-" {
			j++
		}
		if e.lx.lead.part[tokAt(toks, j)] >= 0 {
			return dateSpan{}, false
		}
		last = j
	default:
		return dateSpan{}, false
	}
	w, first := when{kind: wYearEnd, nextYear: e.nextYearBefore(toks, i)}, i
	if y := yearNum(toks, i-1); y > 0 && e.lx.lead.yearAfter[t.s] {
		w.y, first = y, i-1
	}
	return dateSpan{first: first, last: last, w: w}, true
}

// thisYearDate reads "this year" (năm nay, tahun ini, dieses Jahr, 今年)
// as its last day. It is bare: only "within this year", not "this year we
// ordered", is a deadline.
func (e *Engine) thisYearDate(toks []token, i int) (dateSpan, bool) {
	ll := &e.lx.lead
	a, b := toks[i].s, tokAt(toks, i+1)
	if v, ok := ll.next[a]; ok && v == 0 && ll.yearWord[b] || ll.yearWord[a] && isThis(ll.next, b) {
		return dateSpan{first: i, last: i + 1, w: when{kind: wYearEnd}, bare: true}, true
	}
	return dateSpan{}, false
}

// isThis reports a "this" word (next = 0) of the next table.
func isThis(next map[string]int, w string) bool {
	v, ok := next[w]
	return ok && v == 0
}

// relMonthDate reads a month counted from the message's, at its last day:
// "next month", "nächsten Monat", "bulan depan", "tháng sau", "下个月",
// "le mois prochain", and the end of this month: 月底, 本月底.
func (e *Engine) relMonthDate(toks []token, i int) (dateSpan, bool) {
	if v, ok := e.lx.lead.next[toks[i].s]; ok {
		j := i + 1
		if e.lx.lead.classifier[tokAt(toks, j)] {
			j++
		}
		if j >= len(toks) || !e.monthUnit(&toks[j]) {
			return dateSpan{}, false
		}
		if e.lx.lead.part[tokAt(toks, j+1)] < 0 {
			j++ // 下个月底
		}
		return dateSpan{first: i, last: j, w: when{kind: wRelMonth, m: v}}, true
	}
	if !e.monthUnit(&toks[i]) || i > 0 && e.countsUnit(&toks[i-1]) {
		return dateSpan{}, false
	}
	if v, ok := e.lx.lead.next[tokAt(toks, i+1)]; ok && !e.lx.lead.monthAfter[toks[i].s] {
		return dateSpan{first: i, last: i + 1, w: when{kind: wRelMonth, m: v}}, true
	}
	if e.lx.lead.monthAfter[toks[i].s] && e.lx.lead.part[tokAt(toks, i+1)] < 0 {
		return dateSpan{first: i, last: i + 1, w: when{kind: wRelMonth}}, true // 月底前
	}
	return dateSpan{}, false
}

// countsUnit reports a token that makes the unit after it a duration's:
// a number, a Chinese numeral, a classifier or a half (3 tháng, 三个月, 半月).
func (e *Engine) countsUnit(t *token) bool {
	return t.kind == kNum || e.lx.hanDigits[t.s] > 0 || e.lx.lead.classifier[t.s] || e.lx.lead.half.first[t.s]
}

// holidayDate reads a holiday's name (Christmas, Tết, Lebaran, 春节,
// สงกรานต์): its next date, or next year's after 明年.
func (e *Engine) holidayDate(toks []token, i int) (dateSpan, bool) {
	key, last, ok := e.lx.lead.holidays.match(toks, i)
	if !ok || i > 0 && toks[i-1].kind == kNum { // 50,000 CNY is money
		return dateSpan{}, false
	}
	return dateSpan{first: i, last: last, w: when{kind: wHoliday, holiday: key, nextYear: e.nextYearBefore(toks, i)}}, true
}

// quarterDate reads a quarter: Q3, Q1 2027, T2 2027, quý 3, kuartal 4,
// ไตรมาส 4, 3rd quarter, 2. Quartal, 3e trimestre, third quarter, 第三季度.
func (e *Engine) quarterDate(toks []token, i int) (dateSpan, bool) {
	if sp, ok := e.hanQuarter(toks, i); ok {
		return sp, true
	}
	q, last := 0, 0
	s := toks[i].s
	switch {
	case e.lx.lead.quarterLetter[s] > 0 && toks[i].kind == kWord && tight(toks, i+1):
		q, last = smallNum(toks, i+1), i+1
		if e.lx.lead.quarterLetter[s] == 2 && yearNum(toks, i+2) == 0 {
			return dateSpan{}, false // T2 is a quarter only with its year
		}
	case e.lx.lead.quarter[s] && toks[i].kind != kNum:
		last = i + 1
		if e.lx.lead.dateJoin[tokAt(toks, last)] {
			last++ // ไตรมาสที่ 2
		}
		q = smallNum(toks, last)
		if o := e.lx.lead.ordinal[tokAt(toks, last)]; o > 0 && q < 0 {
			q = o // suku ketiga, ไตรมาสแรก
		}
	default:
		q, last = e.quarterOrdinal(toks, i)
	}
	if q < 1 || q > 4 {
		return dateSpan{}, false
	}
	y, l := e.yearAfter(toks, last+1)
	return dateSpan{first: i, last: max(last, l), w: withYear(when{kind: wQuarter, m: q, nextYear: e.nextYearBefore(toks, i)}, y)}, true
}

// quarterOrdinal reads an ordinal and a quarter word: 3rd quarter, 2.
// Quartal, third quarter, 1er trimestre. It returns the quarter and the
// quarter word's index.
func (e *Engine) quarterOrdinal(toks []token, i int) (int, int) {
	q, j := 0, i+1
	switch {
	case toks[i].kind == kNum:
		q, j = smallNum(toks, i), e.skipOrd(toks, i+1)
	case toks[i].kind == kWord:
		q = e.lx.lead.ordinal[toks[i].s]
	}
	if q < 1 || !e.lx.lead.quarter[tokAt(toks, j)] {
		return 0, 0
	}
	return q, j
}

// hanQuarter reads 第三季度, 三季度, 第3季度, 2027年第二季度.
func (e *Engine) hanQuarter(toks []token, i int) (dateSpan, bool) {
	j := i
	if e.lx.lead.ordPrefix[toks[i].s] {
		j++
	}
	q := int(e.lx.hanDigits[tokAt(toks, j)])
	if q == 0 {
		q = smallNum(toks, j)
	}
	last := j + 2 // 季度
	if !e.lx.lead.quarter[joinTok(toks, j+1, 2)] {
		last = j + 1 // 季
	}
	if q < 1 || q > 4 || !e.lx.lead.quarter[joinTok(toks, j+1, last-j)] {
		return dateSpan{}, false
	}
	w, first := when{kind: wQuarter, m: q, nextYear: e.nextYearBefore(toks, i)}, i
	if y := yearNum(toks, i-2); y > 0 && e.lx.lead.yearAfter[tokAt(toks, i-1)] {
		w.y, first = y, i-2
	}
	return dateSpan{first: first, last: last, w: w}, true
}

// weekDate reads a calendar week: KW 12/2027, CW 12, week 12 2027.
func (e *Engine) weekDate(toks []token, i int) (dateSpan, bool) {
	t := &toks[i]
	if t.kind != kWord || i > 0 && toks[i-1].kind == kNum {
		return dateSpan{}, false
	}
	named := e.lx.lead.week[t.s]
	if !named && e.lx.durations[t.s] != 7 {
		return dateSpan{}, false
	}
	wk := smallNum(toks, i+1)
	if wk < 1 {
		return dateSpan{}, false
	}
	y, l := e.yearAfter(toks, i+2)
	if !named && y <= 0 {
		return dateSpan{}, false // "week 12" alone may be a week of a plan
	}
	return dateSpan{first: i, last: max(i+1, l), w: withYear(when{kind: wWeek, d: wk}, y)}, true
}

// halfYearDate reads a half of the year: H2, H1 2027, "first half of
// 2027", "primer semestre de 2027", "2. Halbjahr", 下半年, ครึ่งปีหลัง. A
// phrase whose value is negative needs its year after it: "the first half
// of the order" is no date.
func (e *Engine) halfYearDate(toks []token, i int) (dateSpan, bool) {
	v, last, ok := e.lx.lead.halfYear.match(toks, i)
	if !ok {
		return dateSpan{}, false
	}
	h, needYear := atoi(strings.TrimPrefix(v, "-")), strings.HasPrefix(v, "-")
	j := last + 1
	if e.lx.lead.dateJoin[tokAt(toks, j)] || e.lx.lead.filler[tokAt(toks, j)] {
		j++ // of (the) year, de 2027
	}
	if e.lx.lead.filler[tokAt(toks, j)] {
		j++
	}
	y, l := e.yearAfter(toks, j)
	if e.lx.lead.yearWord[tokAt(toks, j)] && y == 0 {
		y, l = 0, j // of the year
	}
	if ny, l2 := e.nextYearAfter(toks, last); ny && l < j {
		y, l = -1, l2 // nửa đầu năm sau: the phrase ends in its year word
	}
	if l < j && needYear {
		return dateSpan{}, false
	}
	w := withYear(when{kind: wHalf, m: h, nextYear: e.nextYearBefore(toks, i)}, y)
	return dateSpan{first: i, last: max(last, l), w: w}, true
}
