package triage

import "math"

// Durations: "4 months", "6-8 weeks", "45天", "5个月", "3 tuần", "a month
// and a half", "三个半月", "satu setengah bulan", "within a fortnight".
// Units and their days are [leadtime.durations]; the words around them
// are the other [leadtime.*] tables.

// readDuration records the number x as a duration when a unit of time
// follows it, and reports whether it did.
func (e *Engine) readDuration(sc *scan, x numExpr, after int) bool {
	toks := sc.toks
	d := e.durationAt(toks, after)
	if d == 0 {
		return false
	}
	if e.notLeadContext(toks, x.first, after) {
		return true
	}
	lo, hi := e.halfEnded(toks, x)
	if _, last, ok := e.lx.lead.half.match(toks, after); ok {
		for k := after; k <= last; k++ {
			toks[k].used = true // satu setengah bulan: the half is read here
		}
	}
	if e.halfAround(toks, after) {
		lo, hi = lo+0.5, hi+0.5 // 1 tháng rưỡi, satu setengah bulan
	}
	sc.lead = append(sc.lead, leadCand{lo: int64(math.Round(lo * float64(d))), hi: int64(math.Round(hi * float64(d))),
		deadline: e.deadlineBefore(toks, x.first), pos: x.first})
	return true
}

// halfEnded returns the value of x, read again when it ends in a half
// word: "satu setengah" before a unit is one and a half.
func (e *Engine) halfEnded(toks []token, x numExpr) (float64, float64) {
	if x.last <= x.first {
		return x.lo, x.hi
	}
	if _, last, ok := e.lx.lead.half.match(toks, x.last); !ok || last != x.last {
		return x.lo, x.hi
	}
	if x.last == x.first+1 && e.lx.lead.oneArticle[toks[x.first].s] {
		return 1.5, 1.5 // satu setengah: "one" is no number on its own
	}
	y, ok := e.parseNumber(toks[:x.last], x.first)
	if !ok || y.last != x.last-1 {
		return x.lo, x.hi
	}
	return y.lo + 0.5, y.hi + 0.5
}

// durationAt returns the days of a duration unit at toks[i] (0 if none):
// a unit word (months, semanas, tháng), one written as Chinese characters
// (星期, 工作日, after a classifier: 个月), a unit after a hyphen (a
// 3-month lead time), after "working" or "more", or after a half word
// (setengah bulan, 个半月).
func (e *Engine) durationAt(toks []token, i int) int64 {
	if i >= len(toks) {
		return 0
	}
	ll := &e.lx.lead
	t := &toks[i]
	switch {
	case t.s == "-" && !t.sp && i+1 < len(toks) && !toks[i+1].sp:
		return e.lx.durations[toks[i+1].s]
	case ll.classifier[t.s]:
		if _, last, ok := ll.half.match(toks, i+1); ok && last+1 < len(toks) {
			return e.lx.durations[t.s+toks[last+1].s] // 个半月: 个月 and a half
		}
		if d := e.hanUnit(toks, i); d > 0 {
			return d // 个月
		}
		return e.hanUnit(toks, i+1) // 个工作日
	case t.kind == kHan:
		return e.hanUnit(toks, i)
	case ll.unitPrefix[t.s] && i+1 < len(toks):
		return e.lx.durations[toks[i+1].s]
	}
	if _, last, ok := ll.half.match(toks, i); ok && last+1 < len(toks) {
		return e.lx.durations[toks[last+1].s]
	}
	return e.lx.durations[t.s]
}

// hanUnit reads a unit written in Chinese characters at toks[i]: the
// longest of its one to four characters that is a unit.
func (e *Engine) hanUnit(toks []token, i int) int64 {
	for n := 4; n >= 1; n-- {
		w := joinTok(toks, i, n)
		if n == 1 && i < len(toks) {
			w = toks[i].s
		}
		if d := e.lx.durations[w]; d > 0 {
			return d
		}
	}
	return 0
}

// halfAround reports a half written with the unit at toks[u]: after it
// ("a month and a half", "tháng rưỡi", "สามเดือนครึ่ง") or before it
// ("setengah bulan", "个半月").
func (e *Engine) halfAround(toks []token, u int) bool {
	half := &e.lx.lead.half
	if _, _, ok := half.match(toks, u+1); ok {
		return true
	}
	if u < len(toks) && e.lx.lead.classifier[toks[u].s] {
		u++
	}
	_, _, ok := half.match(toks, u)
	return ok
}

// oneUnitDuration reads "a month", "une semaine", "einen Monat", "sebulan",
// "a month and a half": the days, or 0. After a count or a product ("5,000
// pcs a month") it is a rate, not a duration.
func (e *Engine) oneUnitDuration(toks []token, i int) int64 {
	ll := &e.lx.lead
	t := &toks[i]
	if d := ll.oneUnitWord[t.s]; d > 0 {
		return int64(d)
	}
	// This runs at every word that is no number: the cheap article test
	// comes first, the look-behind's two table lookups only after it.
	if !ll.oneArticle[t.s] || i+1 >= len(toks) || toks[i+1].kind != kWord {
		return 0
	}
	if i > 0 && (toks[i-1].kind == kNum || e.lx.units[toks[i-1].s] > 0 || e.lx.products[toks[i-1].s]) {
		return 0 // a rate: "5 pcs a month"
	}
	if _, last, ok := ll.half.match(toks, i+1); ok && last+1 < len(toks) {
		if d := e.lx.durations[toks[last+1].s]; d > 0 { // satu setengah bulan
			for k := i + 1; k <= last+1; k++ {
				toks[k].used = true
			}
			return d + d/2
		}
	}
	d := e.lx.durations[toks[i+1].s]
	if d > 0 && e.halfAround(toks, i+1) {
		return d + d/2
	}
	return d
}

// notLeadContext reports a duration that is not a lead time: a contract's
// length ("for 12 months"), a warranty, payment terms, a sample's time, or
// something in the past ("3 months ago").
func (e *Engine) notLeadContext(toks []token, first, after int) bool {
	if first > 0 && e.lx.lead.termFor[toks[first-1].s] {
		return true
	}
	for k := first - 1; k >= 0 && k >= first-5; k-- {
		if toks[k].isBreak() && toks[k].s != ":" {
			break
		}
		if e.lx.notLead[toks[k].s] {
			return true
		}
	}
	a := after + 1
	return a < len(toks) && e.lx.ago[toks[a].s]
}
