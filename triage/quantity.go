package triage

import "math"

// readQuantity reads x as a quantity when a count unit, a product noun, a
// quantity keyword or the shape of a line item says so; it records it and
// returns 'q', or 'x' for a number inside another count (a set's content,
// a minimum order, a breakdown) and 0 for no quantity.
func (e *Engine) readQuantity(sc *scan, x numExpr, lastQty int) byte {
	toks := sc.toks
	after := x.last + 1
	if x.lo < 1 || x.lo > 1e9 || e.hanArticle(toks, x) {
		return 0
	}
	if e.hedgedRange(sc, x, lastQty) {
		return 'q'
	}
	c := e.countedBy(sc, x, lastQty)
	weak, open := false, false
	if !c.counted && !c.keyword {
		switch {
		case e.openQuantity(toks, x, after):
			open = true
		case e.weakQuantity(toks, x, after):
			weak = true
		default:
			return 0
		}
	}
	if x.lo == 1 && x.hi == 1 && after+1 < len(toks) && e.lx.units[toks[after].s] > 0 && (toks[after+1].kind == kNum || e.lx.curPre[toks[after+1].s] != "") && e.priceLabelBefore(toks, x.first) {
		return 'x' // "giá 1 tá 600k", "harga 1 pcs 50rb": the unit of a price
	}
	if x.lo == 1 && after < len(toks) && e.lx.qt.setUnits[toks[after].s] && e.setOpener(toks, after) {
		return 'x' // "1 set = 2 mirrors + 1 tray" describes a set
	}
	if (e.moqBefore(toks, x.first) && !e.acceptedAfter(toks, after)) || e.insideSet(toks, x.first) || breakdownIn(toks, lastQty, x.first) ||
		e.setContent(toks, x.first, after) {
		return 'x'
	}
	if e.trialBefore(toks, x.first) {
		c.sample = true
	}
	if x.lo != math.Trunc(x.lo) && c.mult == 1 && !x.scaled {
		return 0
	}
	lo, hi := x.lo*float64(c.mult), x.hi*float64(c.mult)
	rate := !c.listed && (e.rateAfter(toks, after) || e.alternative(toks, lastQty, x.first))
	if each := e.eachAfter(toks, after) || e.eachBefore(toks, x.first); each && !rate {
		if n := e.variantCountBefore(toks, x.first); n > 1 {
			lo, hi = lo*n, hi*n // "3 models, 200 pieces each": 600
		} else {
			rate = true // "500 each" of sizes it does not count
		}
	} else if e.perVariantAfter(toks, after) {
		if n := e.variantCountAround(toks, x.first, after); n > 1 {
			lo, hi, rate = lo*n, hi*n, false // "50 per colour, 3 colours": 150
		}
	}
	sc.qty = append(sc.qty, qtyCand{lo: lo, hi: hi, sample: c.sample, product: c.counted, direct: c.direct,
		rate: rate, weak: weak, open: open, sent: sc.sentence, colon: e.colonAfter(toks, after),
		total: e.totalAround(toks, x.first, after) || e.totalAfterWord(toks, after), past: e.pastOrder(toks, x.first, after, sc.year),
		fwd: x.first >= sc.fwdFrom,
		pos: x.first})
	return 'q'
}

// counting is how a number is counted: its multiplier (12 for dozens),
// whether it counts samples, and what counts it.
type counting struct {
	mult            int64
	sample          bool
	counted, direct bool // a unit or product counts it; right after the number
	keyword         bool // a quantity keyword labels it
	listed          bool // an item of a list: its slashes part items, not rates
}

// countedBy finds what counts the number x: a unit or product after it, a
// quantity keyword before it, or its place in a list of line items.
func (e *Engine) countedBy(sc *scan, x numExpr, lastQty int) counting {
	toks := sc.toks
	after := x.last + 1
	var c counting
	c.mult, c.sample, c.counted = e.countAt(toks, after)
	c.direct = c.counted
	if c.counted {
		return c
	}
	if e.spareAt(toks, after) {
		c.counted, c.direct = true, true // "20 spares", "12 di scorta"
		return c
	}
	c.keyword = e.qtyKeyBefore(toks, x.first)
	if c.keyword {
		return c
	}
	if e.labelListItem(toks, x.first, x.last) || e.keyedListItem(toks, x.first) {
		c.counted, c.listed = true, true
		return c
	}
	c.counted = lastQty >= 0 && (e.continuesItems(toks, lastQty, x.first, after) || e.slashList(toks, x.first)) ||
		e.ofThem(toks, after) || x.lo > 1 && e.ofProduct(toks, after) || e.totalAfterWord(toks, after) ||
		e.itemsAhead(toks, after, 3, e.orderVerbBefore(toks, x.first)) || e.sparesAhead(toks, after) || e.forListItem(toks, x.first, after)
	return c
}

// hanArticle reports a Chinese numeral that is no count: 一 before a
// measure word is the article "a" (为一个项目, 一款), and a numeral right
// after a kind word names the kind (一款三面镜: a three-panel mirror).
func (e *Engine) hanArticle(toks []token, x numExpr) bool {
	if toks[x.first].kind != kHan {
		return false
	}
	return x.lo == 1 && x.lo == x.hi || x.first > 0 && toks[x.first-1].kind == kHan && e.lx.attrNouns[toks[x.first-1].s]
}

// hedgedRange widens the quantity just read when the buyer hedges it with a
// larger one: "around 700, maybe 900" is the range
// 700–900, and so is "siebenhundert, vielleicht neunhundert".
func (e *Engine) hedgedRange(sc *scan, x numExpr, lastQty int) bool {
	n := len(sc.qty)
	if n == 0 || lastQty < 0 || x.first-lastQty > 10 || x.lo != x.hi {
		return false
	}
	last := &sc.qty[n-1]
	if x.lo <= last.hi || x.lo > 3*last.hi || last.rate || last.sample {
		return false
	}
	toks := sc.toks
	for k := x.first - 1; k > lastQty; k-- {
		if clauseEnd(&toks[k]) || toks[k].kind == kNum {
			return false
		}
		if _, n := e.lx.qt.hedges.endingAt(toks, k); n > 0 {
			last.hi = x.lo
			return true
		}
	}
	return false
}
