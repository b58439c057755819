package triage

// readMoney reads x as an amount of money: a currency written next to it,
// or a bare amount that a budget or price word labels or that carries a
// money scale word ("tiga ratus juta", "120k" in Vietnamese). It records
// the amount and returns ('m', true); (0, true) drops x; false: no money.
func (e *Engine) readMoney(sc *scan, x numExpr) (byte, bool) {
	toks := sc.toks
	after := x.last + 1
	cur, pre := x.currency, x.first
	if cur == "" {
		cur, pre = e.currencyBefore(toks, x.first)
	}
	if cur == "" {
		if c, n := e.currencyAfter(toks, after); c != "" {
			cur, after = c, after+n
		}
	}
	if cur == "" && after < len(toks) && e.lx.qt.yuanAfterBudget[toks[after].s] && e.budgetWordBefore(toks, x.first, 6) {
		cur, after = "CNY", after+1 // 预算十万块: yuan; 1,600 块 alone are pieces
	}
	if cur == "" && e.lx.qt.scaleMarket["en"][x.scaleWord] == "INR" && !e.countAfter(toks, after) {
		cur = "INR" // lakh and crore are marks of the rupee
	}
	if cur == "" && (x.scaleWord == "m" || x.scaleWord == "mn" || x.scaleWord == "bn") {
		return 0, true
	}
	if cur == "" && e.bareMoney(sc, x, after) {
		cur = e.bareCurrency(sc.lang, sc.ctxCurrency, x.scaleWord)
	}
	if cur == "" {
		return 0, false
	}
	if x.lo < 0.01 || x.hi > 1e13 {
		return 'm', true
	}
	if cur == "IDR" && x.scaleWord == "m" {
		x.lo, x.hi = x.lo*1000, x.hi*1000 // Rp 2,5 M: miliar
	}
	m := moneyCand{lo: x.lo, hi: x.hi, currency: cur, pos: x.first, fwd: x.first >= sc.fwdFrom}
	dozen := e.perDozenAt(toks, after) || e.perDozenBefore(toks, pre)
	m.budget = e.budgetWordBefore(toks, pre, 6) || e.budgetWordAfter(toks, after)
	m.unitPrice = dozen || e.perUnitAt(toks, after) || e.perUnitBefore(toks, pre) ||
		timesBefore(toks, pre, e.lx) || (e.priceLabelBefore(toks, pre) && !e.budgetWordAfter(toks, after))
	if dozen {
		m.lo, m.hi = m.lo/12, m.hi/12 // a price per dozen, per piece
	}
	own := e.ownPriceBefore(toks, pre)
	m.quoted = e.quotedBefore(toks, pre, sc.lang) || e.notBudgetBefore(toks, pre) || (!m.budget && !own && e.priceAcceptedAfter(toks, after)) ||
		e.rejectedAfter(toks, after) || (!own && e.acceptedBefore(toks, pre))
	sc.money = append(sc.money, m)
	return 'm', true
}

// bareMoney reports a number with no currency mark that is money: a budget
// word labels it ("budget 60jt"), a price word labels it ("harga satuan
// 185rb", "ราคาเป้าหมาย: 420"), or it carries a money scale word.
func (e *Engine) bareMoney(sc *scan, x numExpr, after int) bool {
	toks := sc.toks
	if e.durationAt(toks, after) > 0 {
		return false
	}
	count := e.countAfter(toks, after)
	if e.moneyScale(sc.lang, x.scaleWord) && !count {
		return true
	}
	// "Precio objetivo 12 por unidad", "目标价每件30": a unit price.
	perUnit := e.perUnitAt(toks, after) || e.perUnitBefore(toks, x.first) && !count
	w := 3
	if perUnit {
		w = 6
	}
	if e.budgetWordBefore(toks, x.first, w) && (perUnit || !count) {
		return true
	}
	return e.priceLabelBefore(toks, x.first) && (perUnit || !count && amountEnds(toks, after))
}

// amountEnds reports that nothing but a break or the end follows a bare
// amount: "Prezzo target: 35", not "harga 3 model".
func amountEnds(toks []token, after int) bool {
	return after >= len(toks) || toks[after].nl || toks[after].kind == kSym
}

// priceLabelBefore reports a price word labelling the amount at i on its
// line ("target price: US $4.20", "Prezzo target: 50x50 a 20 €, 70x70 a
// 48 €", "harga satuan 185rb"), with no budget word nearer and no
// quantity between: an amount called a price is per unit.
func (e *Engine) priceLabelBefore(toks []token, i int) bool {
	qt := e.lx.qt
	for k := i - 1; k >= 0 && k >= i-16; k-- {
		t := &toks[k]
		if t.kind == kSym && (t.s == ";" || t.s == "?" || t.s == "!" || t.s == "." && !(k > 0 && e.abbrevDot(toks[k-1].s))) {
			return false
		}
		if _, n := qt.priceWords.endingAt(toks, k); n > 0 {
			s := k - n
			return s < 0 || !qt.totalWords.ends(toks, s)
		}
		if (e.lx.budgetWords[t.s] && !qt.targetWords[t.s]) || qt.totalWords.ends(toks, k) || e.lx.qtyKeys[t.s] {
			return false // "total budget", "Budget gesamt": a total; "Menge 3.000"
		}
		if t.kind == kNum && !t.trap && e.countAfter(toks, k+1) {
			return false // "price for 2000 pcs, we have USD 30,000"
		}
		if t.nl {
			return false
		}
	}
	return false
}

// timesBefore reads "300 pcs @ $18", "200 cái x 450k": a price per unit
// written after its line's count.
func timesBefore(toks []token, pre int, lx *lexicon) bool {
	k := pre - 1
	if k < 1 {
		return false
	}
	switch toks[k].s {
	case "@":
		return true
	case "x", "×", "*":
		w := toks[k-1].s
		return lx.units[w] > 0 || lx.products[w]
	}
	return false
}

// perDozenAt reads a per-dozen mark after an amount: "$30 a dozen", "45
// USD la docena", "24 € la douzaine", "RM 55 sedozen", "/dz".
func (e *Engine) perDozenAt(toks []token, after int) bool {
	for k := after; k < len(toks) && k < after+3; k++ {
		t := &toks[k]
		if t.nl || t.isBreak() {
			return false
		}
		if e.lx.qt.perDozenW[t.s] {
			return true
		}
		if e.lx.units[t.s] == 12 {
			return k == after || e.perWord(toks[k-1].s) || e.articleWord(toks[k-1].s)
		}
	}
	return false
}

// perDozenBefore reads a per-dozen mark before an amount: "每打NT$1,200",
// "per dozen USD 30".
func (e *Engine) perDozenBefore(toks []token, pre int) bool {
	for k := pre - 1; k >= 1 && k >= pre-2; k-- {
		if e.lx.units[toks[k].s] == 12 && (e.perWord(toks[k-1].s) || toks[k-1].s == "1" || e.ofWord(toks[k-1].s) || k+1 < pre && e.lx.qt.perAfter[toks[k+1].s]) {
			return true // "每打", "per dozen", "la douzaine", "โหลละ"
		}
		if toks[k].isBreak() && toks[k].s != ":" {
			return false
		}
	}
	return false
}

// articleWord lists the articles of "a dozen", "a dúzia", "une douzaine".
func (e *Engine) articleWord(w string) bool { return e.lx.qt.in(wsArticles, w) }

// rejectedAfter reads a price the buyer will not pay: "EUR 7 is above our
// limit", "harga Rp 55.000 terlalu mahal", "9 € al pezzo è troppo". It is
// the factory's price, repeated.
func (e *Engine) rejectedAfter(toks []token, after int) bool {
	for k := after; k < len(toks) && k < after+8; k++ {
		t := &toks[k]
		if k > after && t.nl || t.kind == kSym && (t.s == "." || t.s == ";" || t.s == "?" || t.s == "!") {
			return false
		}
		if _, n := e.lx.qt.rejected.at(toks, k); n > 0 {
			return true
		}
	}
	return false
}

// acceptedBefore reads the buyer agreeing to a price named before: "đồng ý
// giá 90.000đ", "setuju dengan harga RM 12".
func (e *Engine) acceptedBefore(toks []token, pre int) bool {
	for k := pre - 1; k >= 0 && k >= pre-4; k-- {
		if toks[k].isBreak() && toks[k].s != ":" {
			return false
		}
		if _, n := e.lx.qt.acceptedBy.endingAt(toks, k); n > 0 {
			return true
		}
	}
	return false
}

// settleMoney adds the budget of an order whose line items each carry a
// price: the sum of quantity × price per line ("300 pcs @ $18, 250 pcs @
// $15"), when the buyer states no total of their own.
func (e *Engine) settleMoney(sc *scan) {
	var prices []*moneyCand
	for i := range sc.money {
		m := &sc.money[i]
		if m.quoted {
			continue
		}
		if !m.unitPrice {
			return // a total of the buyer's own
		}
		if len(prices) > 0 && prices[0].currency != m.currency {
			return
		}
		prices = append(prices, m)
	}
	if len(prices) < 2 {
		return
	}
	var items []qtyCand
	for i, q := range sc.qty {
		if q.class() == qcOrder && !restated(sc.qty, i) && !designCount(sc.qty, i) {
			items = append(items, q)
		}
	}
	if len(items) != len(prices) {
		return
	}
	var lo, hi float64
	for i, p := range prices {
		lo += p.lo * items[i].lo
		hi += p.hi * items[i].hi
	}
	sc.money = append(sc.money, moneyCand{lo: lo, hi: hi, currency: prices[0].currency, budget: true, pos: prices[0].pos})
}
