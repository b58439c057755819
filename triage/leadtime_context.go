package triage

// Whether a date is the goods' deadline. A date is a deadline when a
// deadline or delivery word stands near it; it is not when the nearest
// such word makes it a quote's validity, a visit, a meeting or a reply, or
// when it dates a mail header.

// leadCue is what a word near a date says of it.
type leadCue uint8

const (
	cueNone  leadCue = iota
	cuePrep          // by, before, bis, sebelum, 前: a deadline, whose?
	cueGoods         // delivery, need, ship, giao, 交货: the goods'
	cueNot           // valid, quote, visit, meeting: not the goods'
	cueCount         // pcs, mirrors: the goods', right beside the date
)

// leadWindow is how many tokens before a date its deadline word may stand.
const leadWindow = 6

// forGoods reports whether the date sp is a deadline for the goods: the
// nearest cue word before it decides, then the one after it ("bis 31.10.
// gültig", 3月15日前回复).
func (e *Engine) forGoods(toks []token, sp dateSpan) bool {
	if e.headerDate(toks, sp) {
		return false
	}
	before := e.cueBefore(toks, sp.first)
	switch before {
	case cueNot:
		return false
	case cueGoods:
		return true
	}
	switch e.cueAfter(toks, sp.last) {
	case cueNot:
		return false
	case cueGoods, cuePrep:
		return true
	}
	return before == cuePrep || e.anaphorAfter(toks, sp.last)
}

// anaphorWindow is how far after a date "by then" may point back to it.
const anaphorWindow = 24

// anaphorAfter reports a later "by then", "bis dahin", "sebelum itu" that
// sets the goods' deadline to the date: "our store opens on 1 May and the
// mirrors must be there by then".
func (e *Engine) anaphorAfter(toks []token, last int) bool {
	for k := last + 1; k < len(toks) && k <= last+anaphorWindow; k++ {
		if _, _, ok := e.lx.lead.anaphor.match(toks, k); ok {
			return true
		}
	}
	return false
}

// wordCue classifies the word ending at toks[k]; for Chinese it tries the
// two- and three-character words that end there. It returns the cue and
// how many tokens the word spans.
func (e *Engine) wordCue(toks []token, k int) (leadCue, int) {
	n := 1
	if toks[k].kind == kHan {
		n = 3
	}
	for ; n >= 1; n-- {
		if k-n+1 < 0 {
			continue
		}
		w := toks[k].s
		if n > 1 {
			w = joinTok(toks, k-n+1, n)
		}
		switch ll := &e.lx.lead; {
		case ll.notGoods[w]:
			return cueNot, n
		case ll.goods[w]:
			return cueGoods, n
		case ll.prep[w]:
			return cuePrep, n
		case e.lx.samples[w]:
			return cueNot, n // the samples' date, not the order's
		case e.lx.units[w] > 0 || e.lx.products[w]:
			return cueCount, n // 500 pcs by 15 March
		}
	}
	return cueNone, 1
}

// cueBefore reads the words before toks[first] in its line: the nearest
// word that says whose the date is decides; a bare deadline word says
// it is a deadline. Past a comma or a full stop only deadline words count.
func (e *Engine) cueBefore(toks []token, first int) leadCue {
	got, crossed := cueNone, false
	for k := first - 1; k >= 0 && k >= first-leadWindow; {
		t := &toks[k]
		if t.kind == kSym {
			switch t.s {
			case ":", "-", "(", "：":
			case ",", ".", ";":
				crossed = true
			default:
				return got
			}
		}
		c, n := e.wordCue(toks, k)
		switch {
		case c == cueNot && !crossed, c == cueGoods:
			return c
		case c == cueCount && !crossed:
			return cueGoods
		case c == cuePrep:
			got = cuePrep
		}
		if toks[k-n+1].nl {
			break
		}
		k -= n
	}
	return got
}

// cueAfter reads the few words after a date in its clause: a delivery
// word (5月交货, "tháng 12 giao") or a validity or reply word decides; a
// deadline word written after the date (春节前) says it is a deadline.
func (e *Engine) cueAfter(toks []token, last int) leadCue {
	got := cueNone
	for k := last + 1; k < len(toks) && k <= last+4; k++ {
		t := &toks[k]
		if t.nl || t.isBreak() {
			break
		}
		if n := e.afterWord(toks, k); k == last+1 && n > 0 {
			got = cuePrep
			k += n - 1
			continue
		}
		for n := 1; n <= 3; n++ {
			w := t.s
			if n > 1 {
				if w = joinTok(toks, k, n); w == "" {
					break
				}
			}
			switch {
			case e.lx.lead.notGoods[w]:
				return cueNot
			case e.lx.lead.goods[w]:
				return cueGoods
			}
		}
	}
	return got
}

// afterWord returns the tokens of a deadline word written after a date
// at toks[k] (前, 之前, 以前), or 0.
func (e *Engine) afterWord(toks []token, k int) int {
	for n := 3; n >= 1; n-- {
		w := joinTok(toks, k, n)
		if n == 1 {
			w = toks[k].s
		}
		if e.lx.lead.after[w] {
			return n
		}
	}
	return 0
}

// headerDate reports the date of a mail header: "On 6 Jan 2026, X wrote:",
// "Am 05.01.2026 schrieb", or a line "Date: …" / "Gesendet: …".
func (e *Engine) headerDate(toks []token, sp dateSpan) bool {
	for k := sp.last + 1; k < len(toks) && k <= sp.last+24 && !toks[k].nl; k++ {
		if e.lx.lead.wrote[toks[k].s] {
			return true
		}
	}
	// a header line: "Date: Mon, 9 Feb 2026", "Gesendet: 17.03.2026"
	ls := sp.first
	for ls > 0 && !toks[ls].nl && ls > sp.first-8 {
		ls--
	}
	if ls < sp.first && (ls == 0 || toks[ls].nl) && e.lx.lead.header[toks[ls].s] {
		return tokAt(toks, ls+1) == ":" // "Date needed: …" is a deadline
	}
	return false
}

// bareMonthOK reports a deadline word right before a month named alone:
// "by March", "in May", "until January", "Lieferung: Juni". A delivery
// word after it is not enough: "the goods may arrive late".
func (e *Engine) bareMonthOK(toks []token, sp dateSpan) bool {
	ll := &e.lx.lead
	for k := sp.first - 1; k >= 0 && k >= sp.first-3; k-- {
		s := toks[k].s
		if ll.prep[s] || ll.inPrep[s] || s == ":" && k > 0 && ll.goods[toks[k-1].s] {
			return true
		}
		if !ll.filler[s] {
			break
		}
	}
	return false
}

// deadlineBefore reports whether a deadline word stands shortly before i.
func (e *Engine) deadlineBefore(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		t := &toks[k]
		if t.kind == kSym && t.s != ":" && t.s != "," && t.s != "." {
			if t.s == "-" || t.s == "(" {
				continue
			}
			return false
		}
		if e.lx.lead.prep[t.s] || e.lx.lead.goods[t.s] {
			return true
		}
	}
	return false
}
