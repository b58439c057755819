package triage

import "strings"

// The date forms. Each reads one way of writing a date that starts at
// toks[i] and returns the tokens it covers; none looks further than a
// few tokens ahead, so the pass stays linear.

// tokAt returns toks[i].s, or "" past the end.
func tokAt(toks []token, i int) string {
	if i < 0 || i >= len(toks) {
		return ""
	}
	return toks[i].s
}

// tight reports that toks[i] exists and follows the token before it
// without a space.
func tight(toks []token, i int) bool { return i < len(toks) && !toks[i].sp }

// smallNum returns the value of a 1- or 2-digit number at toks[i], or -1.
func smallNum(toks []token, i int) int {
	if i < 0 || i >= len(toks) || toks[i].kind != kNum || len(toks[i].s) > 2 {
		return -1
	}
	return atoi(toks[i].s)
}

// yearNum returns a 4-digit year (common or Thai Buddhist era) at toks[i].
func yearNum(toks []token, i int) int {
	if i < 0 || i >= len(toks) || toks[i].kind != kNum || len(toks[i].s) != 4 {
		return 0
	}
	if y := atoi(toks[i].s); (y >= 2000 && y <= 2100) || (y >= 2543 && y <= 2643) {
		return y
	}
	return 0
}

// yearAfter reads an optional year after toks[k-1]: "2027", ", 2027",
// "de 2027", "năm 2027", "/2027". It returns the year (0 if none) and the
// last token read.
func (e *Engine) yearAfter(toks []token, k int) (int, int) {
	j := k
	if s := tokAt(toks, j); s == "," || s == "/" || s == "-" && tight(toks, j) || e.lx.lead.dateJoin[s] || e.lx.lead.yearWord[s] {
		j++
	}
	if y := yearNum(toks, j); y > 0 {
		return y, j
	}
	if ny, last := e.nextYearAfter(toks, k); ny {
		return -1, last
	}
	return 0, k - 1
}

// withYear sets the year yearAfter read: -1 stands for "next year".
func withYear(w when, y int) when {
	if y < 0 {
		w.nextYear = true
	} else {
		w.y = y
	}
	return w
}

// nextYearAfter reads "next year", "năm sau", "tahun depan", "ปีหน้า"
// right after toks[k-1].
func (e *Engine) nextYearAfter(toks []token, k int) (bool, int) {
	a, b := tokAt(toks, k), tokAt(toks, k+1)
	if e.lx.lead.next[a] == 1 && e.lx.lead.yearWord[b] || e.lx.lead.yearWord[a] && e.lx.lead.next[b] == 1 {
		return true, k + 1
	}
	return false, k - 1
}

// nextYearBefore reads 明年 or "next year" right before toks[first].
func (e *Engine) nextYearBefore(toks []token, first int) bool {
	a, b := tokAt(toks, first-2), tokAt(toks, first-1)
	return e.lx.lead.next[a] == 1 && e.lx.lead.yearWord[b]
}

// monthName reads a month's name at toks[j] (March, mars, มี.ค.): the month
// and the last token, or 0.
func (e *Engine) monthName(toks []token, j int) (int, int) {
	if j >= len(toks) {
		return 0, 0
	}
	if m := e.lx.months[toks[j].s]; m > 0 {
		if tokAt(toks, j+1) == "." && tight(toks, j+1) && len(toks[j].s) <= 4 {
			return m, j + 1 // Dec. 15
		}
		return m, j
	}
	return e.thaiAbbrevMonth(toks, j)
}

// thaiAbbrevMonth reads a Thai month abbreviation (ธ.ค., ม.ค.) cut into
// letters and dots at toks[j]: the month and the index of its last token.
func (e *Engine) thaiAbbrevMonth(toks []token, j int) (int, int) {
	// The letters gather in a stack buffer: a map index by string(b)
	// does not allocate, and this runs at every Thai letter.
	var buf [64]byte
	b := buf[:0]
	for k := j; k < len(toks) && k < j+6; k++ {
		if toks[k].kind != kThai && toks[k].s != "." || k > j && toks[k].sp {
			break
		}
		b = append(b, toks[k].s...)
		if m := e.lx.months[string(b)]; m > 0 && toks[k].s == "." {
			return m, k
		}
	}
	return 0, 0
}

// skipOrd skips an ordinal ending after a day: 15th, 1er, 15.
func (e *Engine) skipOrd(toks []token, j int) int {
	if j < len(toks) && tight(toks, j) && e.lx.lead.ordSuffix[toks[j].s] {
		return j + 1
	}
	return j
}

// dottedDate reads 20.12.2026, 2027.03.15, 20.12.26 and 15.12. (no year).
func (e *Engine) dottedDate(toks []token, i int) (dateSpan, bool) {
	t := toks[i]
	if t.kind != kNum || strings.Contains(t.s, ",") {
		return dateSpan{}, false
	}
	var parts [3]string
	p, ok := splitDots(t.s, &parts)
	if !ok {
		return dateSpan{}, false
	}
	switch {
	case len(p) == 3 && len(p[0]) == 4 && len(p[1]) <= 2 && len(p[2]) <= 2:
		return dateSpan{first: i, last: i, w: when{kind: wDay, y: atoi(p[0]), m: atoi(p[1]), d: atoi(p[2])}}, true
	case len(p) == 3 && len(p[0]) <= 2 && len(p[1]) <= 2 && (len(p[2]) == 4 || len(p[2]) == 2):
		return dateSpan{first: i, last: i, w: when{kind: wDay, y: atoi(p[2]), m: atoi(p[1]), d: atoi(p[0])}}, true
	case len(p) == 2 && len(p[0]) <= 2 && len(p[1]) <= 2 && tokAt(toks, i+1) == "." && tight(toks, i+1):
		return dateSpan{first: i, last: i + 1, w: when{kind: wDay, m: atoi(p[1]), d: atoi(p[0])}}, true
	}
	return dateSpan{}, false
}

// splitDots cuts s at its dots into parts without allocating (dottedDate
// runs at every number). It fails on more than three parts, which no
// dotted date has.
func splitDots(s string, parts *[3]string) ([]string, bool) {
	n := 0
	for {
		k := strings.IndexByte(s, '.')
		if n == len(parts) {
			return nil, false
		}
		if k < 0 {
			parts[n] = s
			return parts[:n+1], true
		}
		parts[n], s = s[:k], s[k+1:]
		n++
	}
}

// slashDate reads 15/03/2027, 2027/3/15, 2027-03-15, 28/2/27 and 30/11;
// "12-16 Oct" is read as its first day. A day above 12 in the month's
// place swaps the two (3/15/2027).
func (e *Engine) slashDate(toks []token, i int) (dateSpan, bool) {
	n := len(toks)
	if toks[i].kind != kNum || !digitsOnly(toks[i].s) || i+2 >= n {
		return dateSpan{}, false
	}
	sep := toks[i+1].s
	if sep != "/" && sep != "-" || !tight(toks, i+1) || !tight(toks, i+2) || toks[i+2].kind != kNum || !digitsOnly(toks[i+2].s) {
		return dateSpan{}, false
	}
	a, b := atoi(toks[i].s), atoi(toks[i+2].s)
	if tokAt(toks, i+3) == sep && tight(toks, i+3) && tight(toks, i+4) && i+4 < n && toks[i+4].kind == kNum && digitsOnly(toks[i+4].s) {
		c := atoi(toks[i+4].s)
		if len(toks[i].s) == 4 {
			return dateSpan{first: i, last: i + 4, w: when{kind: wDay, y: a, m: b, d: c}}, true
		}
		if l := len(toks[i+4].s); l != 4 && l != 2 {
			return dateSpan{}, false
		}
		return dateSpan{first: i, last: i + 4, w: dayFirst(a, b, c)}, true
	}
	if len(toks[i].s) > 2 || len(toks[i+2].s) > 2 {
		return dateSpan{}, false
	}
	if sep == "/" {
		return dateSpan{first: i, last: i + 2, w: dayFirst(a, b, 0)}, true
	}
	// 1-2 months is a range; 12-16 Oct is a range of days.
	if m, last := e.monthName(toks, i+3); m > 0 {
		y, l := e.yearAfter(toks, last+1)
		return dateSpan{first: i, last: max(last, l), w: withYear(when{kind: wDay, m: m, d: a}, y)}, true
	}
	return dateSpan{}, false
}

// monthYearDate reads a month and its year in digits, at the month's end:
// 03/2027, 3/2027, 2027-03, 2027/3.
func (e *Engine) monthYearDate(toks []token, i int) (dateSpan, bool) {
	if i+2 >= len(toks) || !tight(toks, i+1) || !tight(toks, i+2) {
		return dateSpan{}, false
	}
	if sep := toks[i+1].s; sep != "/" && sep != "-" {
		return dateSpan{}, false
	}
	y, m := yearNum(toks, i+2), smallNum(toks, i)
	if y == 0 {
		y, m = yearNum(toks, i), smallNum(toks, i+2)
	}
	if y == 0 || m < 1 {
		return dateSpan{}, false
	}
	return dateSpan{first: i, last: i + 2, w: when{kind: wMonthEnd, y: y, m: m}}, true
}

// dayFirst builds day a of month b in year y, unless b cannot be a month
// and a can (3/15: the American order).
func dayFirst(a, b, y int) when {
	if b > 12 && a <= 12 {
		a, b = b, a
	}
	return when{kind: wDay, y: y, m: b, d: a}
}

// dayMonthDate reads 20 Jan, 15 de marzo de 2027, 15. März 2027, 15th of
// March, 15 Maret 2027, 15 มี.ค. 2570.
func (e *Engine) dayMonthDate(toks []token, i int) (dateSpan, bool) {
	d := smallNum(toks, i)
	if d < 1 {
		return dateSpan{}, false
	}
	j := e.skipOrd(toks, i+1)
	if e.lx.lead.dateJoin[tokAt(toks, j)] || tokAt(toks, j) == "-" && tight(toks, j) && tight(toks, j+1) {
		j++
	}
	m, last := e.monthName(toks, j)
	if m == 0 {
		return dateSpan{}, false
	}
	y, l := e.yearAfter(toks, last+1)
	return dateSpan{first: i, last: max(last, l), w: withYear(when{kind: wDay, m: m, d: d}, y)}, true
}

// dayThangDate reads the Vietnamese 15 tháng 3 năm 2027 and 10 thg 4, 2026.
func (e *Engine) dayThangDate(toks []token, i int) (dateSpan, bool) {
	d := smallNum(toks, i)
	if d < 1 {
		return dateSpan{}, false
	}
	if !e.lx.lead.monthBefore[tokAt(toks, i+1)] {
		return dateSpan{}, false
	}
	m := smallNum(toks, i+2)
	if m < 1 {
		return dateSpan{}, false
	}
	y, l := e.yearAfter(toks, i+3)
	return dateSpan{first: i, last: max(i+2, l), w: withYear(when{kind: wDay, m: m, d: d}, y)}, true
}

// monthDayDate reads February 28, Dec. 15th, Jan 10th, 2027.
func (e *Engine) monthDayDate(toks []token, i int) (dateSpan, bool) {
	if toks[i].kind != kWord {
		return dateSpan{}, false
	}
	m, last := e.monthName(toks, i)
	d := smallNum(toks, last+1)
	if m == 0 || d < 1 {
		return dateSpan{}, false
	}
	last = e.skipOrd(toks, last+2) - 1
	y, l := e.yearAfter(toks, last+1)
	return dateSpan{first: i, last: max(last, l), w: withYear(when{kind: wDay, m: m, d: d}, y)}, true
}

// hanDate reads 3月15日, 2027年3月15日, 12月底 (the end of December) and 5月.
func (e *Engine) hanDate(toks []token, i int) (dateSpan, bool) {
	y, j := 0, i
	if yearNum(toks, i) > 0 && e.lx.lead.yearAfter[tokAt(toks, i+1)] {
		y, j = yearNum(toks, i), i+2
	}
	m := smallNum(toks, j)
	if m < 1 || !e.lx.lead.monthAfter[tokAt(toks, j+1)] {
		return dateSpan{}, false
	}
	if d := smallNum(toks, j+2); d > 0 {
		last := j + 2
		if e.lx.lead.dayAfter[tokAt(toks, last+1)] {
			last++
		}
		return dateSpan{first: i, last: last, w: when{kind: wDay, y: y, m: m, d: d}}, true
	}
	part := e.lx.lead.part[joinTok(toks, j+2, 2)] // 中旬
	if part == 0 {
		part = e.lx.lead.part[tokAt(toks, j+2)]
	}
	switch {
	case part < 0:
		return dateSpan{first: i, last: j + 2, w: when{kind: wMonthEnd, y: y, m: m}}, true
	case part > 0:
		last := j + 2
		if joinTok(toks, j+2, 2) != "" && e.lx.lead.part[joinTok(toks, j+2, 2)] > 0 {
			last++
		}
		return dateSpan{first: i, last: last, w: when{kind: wDay, y: y, m: m, d: part}}, true
	}
	return dateSpan{first: i, last: j + 1, w: when{kind: wMonthEnd, y: y, m: m}}, true
}

// monthDate reads a month named alone: "by March", "in June 2027",
// "ภายในมกราคม". A Latin month name is bare: "may" and "mar" are words too.
func (e *Engine) monthDate(toks []token, i int) (dateSpan, bool) {
	m, last := e.monthName(toks, i)
	if m == 0 {
		return dateSpan{}, false
	}
	y, l := e.yearAfter(toks, last+1)
	w := withYear(when{kind: wMonthEnd, m: m}, y)
	return dateSpan{first: i, last: max(last, l), w: w, bare: toks[i].kind == kWord && y == 0}, true
}

// thangDate reads the Vietnamese month by number: tháng 6, tháng 1/2027
// ("3 tháng" is three months: a duration).
func (e *Engine) thangDate(toks []token, i int) (dateSpan, bool) {
	if !e.lx.lead.monthBefore[toks[i].s] || i > 0 && toks[i-1].kind == kNum {
		return dateSpan{}, false
	}
	m := smallNum(toks, i+1)
	if m < 1 || e.lx.lead.monthBefore[tokAt(toks, i+2)] {
		return dateSpan{}, false
	}
	y, l := e.yearAfter(toks, i+2)
	return dateSpan{first: i, last: max(i+1, l), w: withYear(when{kind: wMonthEnd, m: m}, y)}, true
}
