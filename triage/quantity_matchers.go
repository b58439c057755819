package triage

// The matchers of readQuantity: each reads one shape of TRIAGE.md section 1
// in a window of a few tokens around the number, never past its clause.

// spareAt reads a spare count right after a number: "20 spares", "15 kits
// de reposição", "12 di scorta", "20 cái dự phòng", "20 塊做後備". Spares
// ordered with the order add to it.
func (e *Engine) spareAt(toks []token, after int) bool {
	for k := after; k < len(toks) && k < after+4; k++ {
		t := &toks[k]
		if k > after && (t.nl || t.isBreak()) {
			return false
		}
		if _, n := e.lx.qt.spares.at(toks, k); n > 0 {
			return true
		}
		if !(e.lx.units[t.s] > 0 || e.ofWord(t.s) || e.lx.qt.spareGlue.has(toks, k) || t.kind == kHan) {
			return false
		}
	}
	return false
}

// sparesAhead reads the order before its spares: "300 for the shops
// plus 15 spares", "90 pezzi più 5 di scorta": a join word, then a spare
// count, in the same clause.
func (e *Engine) sparesAhead(toks []token, after int) bool {
	for k := after; k < len(toks) && k < after+8; k++ {
		t := &toks[k]
		if k > after && t.nl || t.kind == kSym && (t.s == "." || t.s == ";" || t.s == "?" || t.s == "!") {
			return false
		}
		if (e.lx.qt.addJoins.has(toks, k) || e.lx.itemJoin[t.s]) && k+1 < len(toks) && toks[k+1].kind == kNum && !toks[k+1].trap {
			x, ok := e.parseNumber(toks, k+1)
			return ok && e.spareAt(toks, x.last+1)
		}
	}
	return false
}

// pastOrder reports a number in a clause about a past order: "last year we
// bought 8,000", "năm ngoái chúng tôi mua 6.000 chiếc", "去年我們訂過 5,000 面".
// A word of this order between the marker and the number ("รอบนี้", "this
// time") ends the past.
func (e *Engine) pastOrder(toks []token, first, after, year int) bool {
	for k := first - 1; k >= 0 && k >= first-16; k-- {
		t := &toks[k]
		if clauseEnd(t) {
			break
		}
		if pastYear(t.s, year) && (t.trap || k == 0 || toks[k].nl || clauseEnd(&toks[k-1])) && !e.countAfter(toks, k+1) {
			return true // "2025 haben wir 5.000 Spiegel bestellt"
		}
		if _, n := e.lx.qt.now.endingAt(toks, k); n > 0 {
			return false
		}
		if _, n := e.lx.qt.past.endingAt(toks, k); n > 0 {
			return true
		}
		if t.nl {
			break
		}
	}
	for k := after; k < len(toks) && k < after+10; k++ {
		t := &toks[k]
		if t.nl || clauseEnd(t) {
			return false
		}
		if _, n := e.lx.qt.now.at(toks, k); n > 0 {
			return false
		}
		if _, n := e.lx.qt.past.at(toks, k); n > 0 {
			return true // "we bought 8,000 of them last year"
		}
	}
	return false
}

// clauseEnd reports a token that ends a sentence: . ; ? ! (not a comma).
func clauseEnd(t *token) bool {
	return t.kind == kSym && (t.s == "." || t.s == ";" || t.s == "?" || t.s == "!")
}

// setContent reports a number that counts what is inside a set: in the
// clause of "each set contains", "cada kit tem", "satu set berisi", "1 set
// =", "每套包含", "แต่ละชุดประกอบด้วย". A count of the sets themselves ("500
// sets") is no content.
func (e *Engine) setContent(toks []token, first, after int) bool {
	if after < len(toks) && e.lx.qt.setUnits[toks[after].s] {
		return false
	}
	for k := first - 1; k >= 0 && k >= first-24; k-- {
		t := &toks[k]
		if clauseEnd(t) || t.s == ")" || t.s == "(" && k < first-1 {
			return false
		}
		if e.lx.qt.setUnits[t.s] && k > 0 && toks[k-1].kind == kNum && !toks[k-1].trap {
			return false // "40 kits plus 2 spare kits": a count of the kits
		}
		if e.lx.qt.setUnits[t.s] && e.setOpener(toks, k) {
			return true
		}
		if t.nl {
			return false
		}
	}
	return false
}

// setOpener reports that the set unit at k opens a description of its
// content: an "each" word before it, or a verb of holding, "=" or ":" after.
func (e *Engine) setOpener(toks []token, k int) bool {
	if k > 0 && e.lx.qt.eachWords.ends(toks, k-1) {
		return true
	}
	j := k + 1
	if j < len(toks) && (toks[j].s == "=" || toks[j].s == ":") {
		return k > 0 && (toks[k-1].s == "1" || e.lx.numWords[toks[k-1].s].v == 1)
	}
	_, n := e.lx.qt.contain.at(toks, j)
	return n > 0
}

// eachBefore reads "each model 200", "mỗi mẫu 300", "cada modelo 200", "je
// Farbe 100": a share per variant written before the count.
func (e *Engine) eachBefore(toks []token, first int) bool {
	for k := first - 1; k >= 1 && k >= first-3; k-- {
		if e.lx.attrNouns[toks[k].s] && e.lx.qt.eachWords.ends(toks, k-1) || e.lx.qt.shareWords.has(toks, k) && e.lx.attrNouns[toks[k-1].s] {
			return true // "mỗi mẫu 300", "3 model masing-masing 300"
		}
		if toks[k].isBreak() && toks[k].s != ":" {
			return false
		}
	}
	return false
}

// variantCountBefore returns the count of variants stated shortly before
// first ("3 models", "two colours", "2 mẫu"), or 0.
func (e *Engine) variantCountBefore(toks []token, first int) float64 {
	for k := first - 1; k >= 0 && k >= first-24; k-- {
		t := &toks[k]
		if clauseEnd(t) && k < first-1 {
			return 0
		}
		if t.kind != kNum && t.kind != kWord && t.kind != kHan {
			continue
		}
		x, ok := e.parseSingle(toks, k)
		if !ok || x.last+1 >= len(toks) || x.last >= first || x.lo < 2 || x.lo > 50 {
			continue
		}
		if e.lx.attrNouns[toks[x.last+1].s] {
			return x.lo
		}
	}
	return 0
}

// ofProduct reads "500 of your oval mirrors", "350 of the round ones": a
// count, "of", and a product noun in the same clause.
func (e *Engine) ofProduct(toks []token, after int) bool {
	if after >= len(toks) || !e.ofWord(toks[after].s) {
		return false
	}
	for k := after + 1; k < len(toks) && k < after+6; k++ {
		t := &toks[k]
		if t.kind == kSym || t.kind == kNum {
			return false
		}
		if e.lx.products[t.s] || e.lx.units[t.s] > 0 {
			return true
		}
	}
	return false
}

// totalAfterWord reads a total word after a count: "so 500 all up", "700
// semuanya", "一共".
func (e *Engine) totalAfterWord(toks []token, after int) bool {
	for k := after; k < len(toks) && k < after+3; k++ {
		if toks[k].nl || toks[k].isBreak() {
			return false
		}
		if _, n := e.lx.qt.totalAfter.at(toks, k); n > 0 {
			return !e.moneyWordAt(toks, k+n)
		}
	}
	return false
}

// eachAfter reads "500 each", "500 pcs each", "150 piezas de cada uno": a
// share per size or model.
func (e *Engine) eachAfter(toks []token, i int) bool {
	for k := i; k < len(toks) && k < i+4; k++ {
		t := &toks[k]
		if e.lx.qt.shareWords.has(toks, k) {
			return k+1 >= len(toks) || toks[k+1].kind != kNum // "500 pièces à 5 €" is a price
		}
		if t.nl || t.isBreak() || !(e.lx.units[t.s] > 0 || e.ofWord(t.s) || e.lx.products[t.s]) {
			return false
		}
	}
	return false
}

// perVariantAfter reads "500 pcs per colour", "500 Stück pro Farbe": a
// count per variant.
func (e *Engine) perVariantAfter(toks []token, after int) bool {
	k := after
	if k < len(toks) && (e.lx.units[toks[k].s] > 0 || e.lx.products[toks[k].s]) {
		k++
	}
	return k+1 < len(toks) && e.perWord(toks[k].s) && e.lx.attrNouns[toks[k+1].s]
}

// variantCountAround returns the count of variants stated before the
// number or after it in its sentence ("500 per colour, 3 colours"), or 0.
func (e *Engine) variantCountAround(toks []token, first, after int) float64 {
	if n := e.variantCountBefore(toks, first); n > 0 {
		return n
	}
	for k := after; k < len(toks) && k < after+12; k++ {
		if clauseEnd(&toks[k]) || toks[k].nl {
			return 0
		}
		if toks[k].kind != kNum && toks[k].kind != kWord {
			continue
		}
		x, ok := e.parseSingle(toks, k)
		if ok && x.last+1 < len(toks) && x.lo >= 2 && x.lo <= 50 && e.lx.attrNouns[toks[x.last+1].s] {
			return x.lo
		}
	}
	return 0
}

// pastYear reports a year before the message's own: it dates a past order.
func pastYear(s string, year int) bool {
	if len(s) != 4 || !digitsOnly(s) || year == 0 {
		return false
	}
	y := int(atof(s))
	return y >= 1990 && y < year
}

// forListItem reads counts each given for a place: "90 for the Lyon
// shop, 45 for Nice", "• 60 para a loja A\n• 25 para a loja B". A count,
// a word of "for" and a label, with another such count close by.
func (e *Engine) forListItem(toks []token, first, after int) bool {
	if after+1 >= len(toks) || !e.lx.qt.forWords[toks[after].s] || toks[after+1].kind == kNum {
		return false
	}
	for k := first - 12; k < after+14 && k < len(toks); k++ {
		if k < 0 || k == first || toks[k].kind != kNum || toks[k].trap || k+1 >= len(toks) {
			continue
		}
		if toks[k+1].s == toks[after].s {
			return true
		}
	}
	return false
}
