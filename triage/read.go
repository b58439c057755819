package triage

import (
	"math"
	"strings"
	"time"
)

// qtyCand is a quantity the text states.
type qtyCand struct {
	lo, hi  float64
	sample  bool // a sample or trial quantity
	rate    bool // a rate (500 pcs/month), a share (500 each) or packing (10 pcs/carton)
	total   bool // introduced as the total: "in total", "total 3,000"
	sent    int  // the sentence it is in (count of . ? ! before it)
	weak    bool // a bare number after "need", "order": only when nothing else
	open    bool // a number before any noun after an order verb: when no count unit reads
	product bool // counted by a product noun or unit (not only a keyword)
	direct  bool // a unit or product noun follows the number itself
	colon   bool // a colon, bracket or comma follows it: "1000 pcs: 500 in …"
	past    bool // a past order's ("we took 900 last spring"): only when nothing else
	fwd     bool // in forwarded text: only when the buyer's own words state none
	pos     int
}

// moneyCand is an amount of money the text states.
type moneyCand struct {
	lo, hi    float64
	currency  string
	unitPrice bool
	quoted    bool // the factory's price, repeated by the buyer
	fwd       bool // in forwarded text: only when the buyer's own words state none
	budget    bool // a budget word stands near it
	pos       int
}

// scan is the working state of one read.
type scan struct {
	toks  []token
	qty   []qtyCand
	money []moneyCand
	lead  []leadCand
	codes int
	lang  string
	// sentence counts the sentence ends (. ? !) before the current token.
	sentence int
	// year is the year of sent_at: a year before it dates a past order.
	year int
	// ctxCurrency is the currency the conversation already used ("" when
	// none): an amount with no mark takes it (see bareCurrency).
	ctxCurrency string
	// fwdFrom is the first token of the text the buyer forwards (len(toks)
	// when none): the buyer's own words above it come first.
	fwdFrom int
	// conv is the conversation the message belongs to (zero: none).
	conv Context
	// seg holds segmentation's line buffers (segment.go).
	seg segBuf
}

// maxCands caps the quantities and amounts one message may state; a text
// with more is no inquiry, and the cap keeps the work linear.
const maxCands = 64

// readNumbers runs the number readers over the tokens.
func (e *Engine) readNumbers(sc *scan, sentAt time.Time) {
	toks := sc.toks
	sc.year = sentAt.Year()
	if sc.lang != "" {
		for i := range toks {
			if t := &toks[i]; t.kind == kWord && len(t.s) <= 5 { // the table's words are short
				if langs := e.lx.numLangs(t.s); langs != "" && !strings.Contains(langs, sc.lang) {
					t.foreign = true
				}
			}
		}
	}
	sc.lead = e.readDates(toks, sentAt, sc.lead)
	e.markTraps(toks)
	lastQty := -100
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.kind == kSym && (t.s == "?" || t.s == "!" || (t.s == "." && (i+1 >= len(toks) || toks[i+1].sp))) {
			sc.sentence++
		}
		if t.trap || t.used || t.kind == kSym {
			continue
		}
		if len(sc.qty) >= maxCands || len(sc.money) >= maxCands || len(sc.lead) >= maxCands {
			break
		}
		x, ok := e.parseNumber(toks, i)
		if !ok {
			// "within a month", "un mes", "sebulan": one unit of time.
			if d := e.oneUnitDuration(toks, i); d > 0 && !e.notLeadContext(toks, i, i+1) {
				sc.lead = append(sc.lead, leadCand{lo: d, hi: d, deadline: e.deadlineBefore(toks, i), pos: i})
			}
			continue
		}
		kind := e.classify(sc, x, lastQty)
		switch kind {
		case 'q':
			lastQty = x.last
		case 0:
			// a bare number; go on after it
		}
		for k := x.first; k <= x.last; k++ {
			toks[k].used = true
		}
		i = x.last
	}
	e.settleMoney(sc)
}

// itemsAhead reads the first line item of "500 round and 800 rectangular
// mirrors": a word or two, a join, then a number that is counted.
func (e *Engine) itemsAhead(toks []token, after, depth int, ordered bool) bool {
	n := len(toks)
	for k := after; k < n && k <= after+4; k++ {
		t := &toks[k]
		if e.lx.itemJoin[t.s] && k > after && k+1 < n && toks[k+1].kind == kNum && !toks[k+1].trap {
			y, ok := e.parseNumber(toks, k+1)
			if !ok {
				return false
			}
			if _, _, ok := e.countAt(toks, y.last+1); ok || e.sparesAhead(toks, y.last+1) {
				return true // "300 round and 450 oval, plus 25 spares"
			}
			// "need 500 round and 800 rectangular": no product named, but
			// an order verb and two plain descriptions.
			if ordered && y.last+1 < n && e.plainWord(&toks[y.last+1]) && e.plainWord(&toks[after]) {
				return true
			}
			return depth > 1 && e.itemsAhead(toks, y.last+1, depth-1, ordered)
		}
		if k > after && k+1 < n && e.itemLink(t.s) && e.plainWord(&toks[k+1]) {
			continue // chests of drawers, armarios de baño, armadietti a specchio
		}
		if t.kind != kWord || e.lx.durations[t.s] > 0 || e.lx.measures[t.s] || e.lx.curPost[t.s] != "" || e.lx.gapStop[t.s] || e.lx.attrNouns[t.s] {
			return false
		}
	}
	return false
}

// itemLink lists the small words inside a line item's name: "chests of
// drawers", "cabinets with mirror", "armadietti a specchio", "armoires à glace".
func (e *Engine) itemLink(w string) bool {
	switch {
	case e.lx.qt.in(wsItemLinks, w):
		return true
	}
	return false
}

// alternative reports a quantity offered as another option to the one
// before it: "500 or 1,000 pcs", "price for 1000 pcs and 5000 pcs?" (price
// tiers, not line items).
func (e *Engine) alternative(toks []token, lastQty, first int) bool {
	if lastQty < 0 || first-lastQty > 6 {
		return false
	}
	or, and := false, false
	for k := lastQty + 1; k < first; k++ {
		switch {
		case e.lx.qt.in(wsOrWords, toks[k].s):
			or = true
		case e.lx.qt.in(wsAndWords, toks[k].s):
			and = true
		case toks[k].s == "." || toks[k].s == ";" || toks[k].s == "!":
			return false
		}
	}
	if or {
		return true
	}
	if !and {
		return false
	}
	// "and" between two amounts asked a price for: tiers.
	for k := lastQty - 1; k >= 0 && k >= lastQty-5; k-- {
		switch {
		case e.lx.qt.in(wsPriceAskWords, toks[k].s):
			return true
		case toks[k].s == "." || toks[k].s == ";" || toks[k].s == "!" || toks[k].s == "?":
			return false
		}
	}
	return false
}

// plainWord reports a word that can describe a line item: no unit, time,
// measure, currency, variant noun or function word.
func (e *Engine) plainWord(t *token) bool {
	return t.kind == kWord && e.lx.durations[t.s] == 0 && !e.lx.measures[t.s] && e.lx.curPost[t.s] == "" &&
		!e.lx.gapStop[t.s] && !e.lx.attrNouns[t.s] && !e.lx.qtyKeys[t.s] && !e.lx.trialKeys[t.s] && e.lx.scales[t.s] == 0 &&
		e.lx.numWords[t.s].kind == 0
}

// orderVerbBefore reports an order verb shortly before i: need, order,
// quote, want, necesitamos, brauchen, cần, 需要 …
func (e *Engine) orderVerbBefore(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-6; k-- {
		t := &toks[k]
		if t.kind == kSym && (t.s == "." || t.s == "?" || t.s == "!" || t.s == ";") {
			return false
		}
		if e.lx.orderVerbs[t.s] {
			return true
		}
	}
	return false
}

// insideSet reports "sets of 2", "pack of 3": the pieces inside a unit.
func (e *Engine) insideSet(toks []token, first int) bool {
	if first < 2 {
		return false
	}
	switch {
	case e.lx.qt.in(wsSetOfWords, toks[first-1].s):
		w := toks[first-2].s
		return e.lx.units[w] > 0 || e.lx.qt.setUnits[w] || e.lx.qt.in(wsPackUnits, w)
	}
	return false
}

// totalAround reads "total 3,000", "3,000 pcs in total", "合计3000".
func (e *Engine) totalAround(toks []token, first, after int) bool {
	for k := first - 1; k >= 0 && k >= first-3; k-- {
		switch {
		case e.lx.qt.in(wsTotalBefore, toks[k].s):
			return true
		}
	}
	for k := after; k < len(toks) && k < after+4; k++ {
		if toks[k].nl || toks[k].isBreak() && toks[k].s != "," {
			return false // "… 500 pcs\nTarget total budget": another line's total
		}
		switch {
		case e.lx.qt.in(wsTotalAfterWords, toks[k].s):
			return !e.moneyWordAt(toks, k+1)
		}
	}
	return false
}

// moneyWordAt reports a word of money at i: the "total" of "total budget",
// "total price", "importo totale" is an amount's, not the quantity's.
func (e *Engine) moneyWordAt(toks []token, i int) bool {
	if i >= len(toks) {
		return false
	}
	switch {
	case e.lx.qt.in(wsMoneyNouns, toks[i].s):
		return true
	}
	return false
}

// classify decides what the number x is and records it.
func (e *Engine) classify(sc *scan, x numExpr, lastQty int) byte {
	after := x.last + 1
	if k, done := e.readMoney(sc, x); done {
		return k
	}
	if e.readDuration(sc, x, after) {
		return 'd'
	}
	if x.lo < 1 || x.lo > 1e9 {
		return 0
	}
	return e.readQuantity(sc, x, lastQty)
}

// breakdownIn reports a number inside the brackets right after a quantity:
// "1,800 units (1,200 in ash and 600 in black)" restates the
// total, whose parts do not add to it.
func breakdownIn(toks []token, lastQty, first int) bool {
	if lastQty < 0 || first-lastQty > 40 {
		return false
	}
	open := -1
	for k := lastQty + 1; k < first; k++ {
		switch toks[k].s {
		case "(", "[":
			if open < 0 && k-lastQty <= 3 {
				open = k
			}
		case ")", "]":
			return false
		}
	}
	return open >= 0
}

// slashList reads the later items of "Quantities: 700 / 400 / 250 pcs":
// a number after a spaced slash in a list of numbers (each maybe with its
// unit) that a plural quantity label opens on the same line.
func (e *Engine) slashList(toks []token, first int) bool {
	if first < 2 || toks[first-1].s != "/" || !toks[first-1].sp && !toks[first].sp {
		return false
	}
	for k := first - 1; k >= 0 && k >= first-16; k-- {
		t := &toks[k]
		switch {
		case e.lx.qt.in(wsPluralKeys, t.s):
			return true
		case t.nl && k < first-1:
			return false
		case t.kind == kNum || t.s == "/" || t.s == ":" || e.lx.units[t.s] > 0:
			if t.nl {
				return false
			}
		default:
			return false
		}
	}
	return false
}

// colonAfter reports a colon, bracket, comma or dash right after a count
// and its unit: "1000 pcs: 500 in 60cm and 500 in 80cm", "1000pcs, 500pcs
// in …", "1000 pcs (500 black, 500 gold)" — a total its parts may follow.
// Not "500 pcs 60cm, 300 pcs 80cm": a line item with its own size.
func (e *Engine) colonAfter(toks []token, after int) bool {
	// skip the unit or the product's words: "700 round wall mirrors, 300 …"
	for k := after; k < len(toks) && k < after+5; k++ {
		t := &toks[k]
		if t.nl {
			return false // the next line's label: "…1,500 pcs\nItem B: …"
		}
		if t.kind == kWord || t.kind == kHan || t.kind == kThai {
			continue
		}
		switch t.s {
		case ":", "(", ",", "-", "–", "=", ";":
			return true
		}
		return false
	}
	return false
}

// weakQuantity reads "we need 2000 for our hotels": a bare number right
// after an order verb, followed by nothing that names another thing.
func (e *Engine) weakQuantity(toks []token, x numExpr, after int) bool {
	if x.lo < 20 || x.first == 0 {
		return false
	}
	verb := false
	for k := x.first - 1; k >= 0 && k >= x.first-3; k-- {
		switch {
		case e.lx.orderVerbs[toks[k].s]:
			verb = true
		case e.fillerWord(toks[k].s):
			continue
		}
		if verb || toks[k].kind != kWord {
			break
		}
	}
	if !verb {
		return false
	}
	if after >= len(toks) {
		return true
	}
	nx := &toks[after]
	if nx.kind == kSym {
		return nx.isBreak() || nx.s == "-"
	}
	switch {
	case e.lx.qt.in(wsWeakFollowers, nx.s):
		return true
	}
	return false
}

// openQuantity reads "please quote 1200 towel racks", "necesitamos 800
// percheros": an integer right before a noun phrase of any product after
// an order verb in the same clause. Not a count of shops, rooms, people,
// years, variants or packing ("40 barber shops", "3 colours", "2 containers").
func (e *Engine) openQuantity(toks []token, x numExpr, after int) bool {
	if x.lo < 2 || x.lo != x.hi || x.lo != math.Trunc(x.lo) || after >= len(toks) || !e.orderVerbBefore(toks, x.first) {
		return false
	}
	nx := &toks[after]
	if !nx.sp && nx.kind == kWord {
		return false // "300mm", "12v": glued to the number
	}
	words := 0
	for k := after; k < len(toks) && k < after+4; k++ {
		t := &toks[k]
		if t.nl && k > after {
			break
		}
		if e.lx.durations[t.s] > 0 || e.lx.attrNouns[t.s] || e.lx.measures[t.s] || e.lx.curPost[t.s] != "" || e.lx.samples[t.s] {
			return false // "5 different finishes", "2 more weeks", "3 extra samples"
		}
		plain := e.plainWord(t) || t.kind == kHan || t.kind == kThai
		if !plain {
			break
		}
		if e.lx.notGoods[t.s] || e.lx.orderVerbs[t.s] || e.lx.budgetWords[t.s] || e.lx.moqKeys[t.s] || e.lx.negations[t.s] {
			return false
		}
		words++
		if t.kind == kHan {
			break // one ideograph: the measure word or the noun
		}
	}
	return words > 0
}

func (e *Engine) fillerWord(w string) bool {
	switch {
	case e.lx.qt.in(wsFillers, w):
		return true
	}
	return false
}

// rateAfter reads "/month", "per month", "a year", "monthly" after a count.
func (e *Engine) rateAfter(toks []token, after int) bool {
	k := after
	if k < len(toks) && (e.lx.units[toks[k].s] > 0 || e.lx.products[toks[k].s]) {
		k++
	}
	if k >= len(toks) {
		return false
	}
	switch {
	case e.lx.qt.in(wsRateAdverbs, toks[k].s):
		return true
	case e.lx.qt.in(wsRatePerWords, toks[k].s):
		if k+1 < len(toks) {
			if e.lx.qt.in(wsPackingUnits, toks[k+1].s) {
				return true // packing: 10 pcs/carton
			}
			if (toks[k].s == "per" || toks[k].s == "/" || toks[k].s == "each") && toks[k+1].kind == kWord && e.lx.units[toks[k+1].s] == 0 {
				return true // a share: 2 mirrors per room
			}
			if d := e.lx.durations[toks[k+1].s]; d >= 7 {
				return true
			}
			if e.lx.qt.in(wsRatePeriods, toks[k+1].s) {
				return true // 2,000 a year
			}
		}
	}
	return false
}

func joinTok(toks []token, i, k int) string {
	if i+k > len(toks) {
		return ""
	}
	s := ""
	for j := i; j < i+k; j++ {
		if toks[j].kind != kHan {
			return ""
		}
		s += toks[j].s
	}
	return s
}

// productWithin reports a product noun within k tokens from i.
func (e *Engine) productWithin(toks []token, i, k int) bool {
	for j := i; j < len(toks) && j < i+k; j++ {
		if e.lx.products[toks[j].s] {
			return true
		}
	}
	return false
}

// countAt reads a count unit or product at toks[i]: pcs, units, sets,
// dozen (×12), samples, or a product noun within a few words (90 wall
// mirrors, 40 espejos ovalados, 60个镜子).
func (e *Engine) countAt(toks []token, i int) (mult int64, sample, ok bool) {
	n := len(toks)
	if i >= n {
		return 1, false, false
	}
	if t := &toks[i]; (t.s == "+" || (t.s == "-" && !t.sp && i+1 < n && !toks[i+1].sp)) && i+1 < n {
		if t.s == "-" && i+2 < n && (e.lx.products[toks[i+2].s] || e.lx.units[toks[i+2].s] > 0) {
			return 1, false, false // a 2-pack mirror, a 3-piece set: a kind of product
		}
		i++ // 5,000+ pcs; a 500-piece order
	}
	if m := e.lx.units[toks[i].s]; m > 0 {
		return e.unitCount(toks, i, m)
	}
	if e.lx.samples[toks[i].s] || e.lx.qt.sampleWords.has(toks, i) {
		return 1, true, true
	}
	return e.productAhead(toks, i)
}

// unitCount reads the count unit at i: dozens multiply, "pcs samples" and
// "个样" count samples, and "个月" is no unit but a month.
func (e *Engine) unitCount(toks []token, i int, m int64) (mult int64, sample, ok bool) {
	switch {
	case m == 12:
		return 12, false, true
	case e.sampleAfter(toks, i+1) || e.lx.qt.sampleWords.has(toks, i):
		return 1, true, true // "500 pcs samples", "3 unidades de muestra"
	case e.lx.qt.unitNotCount.has(toks, i):
		return 1, false, false
	}
	return 1, false, true
}

// productAhead reads a product noun within four words: 90 wall mirrors,
// 40 espejos ovalados, 60个镜子 (not a count of variants: "3 warna").
func (e *Engine) productAhead(toks []token, i int) (mult int64, sample, ok bool) {
	for k := i; k < len(toks) && k < i+5; k++ {
		w := &toks[k]
		if w.kind == kSym || w.kind == kNum {
			if w.s == "-" && !w.sp {
				continue
			}
			break
		}
		if k == i && e.lx.attrNouns[w.s] {
			break // "3 warna lampu", "2 sizes of mirror": a count of variants
		}
		if e.lx.products[w.s] || e.productCompound(w) {
			return 1, e.sampleAfter(toks, k+1), true // "dos espejos de muestra"
		}
		if m := e.lx.units[w.s]; m > 0 && k > i {
			return m, false, true
		}
		if e.lx.durations[w.s] > 0 || e.lx.curPost[w.s] != "" || e.lx.samples[w.s] || e.lx.qtyKeys[w.s] || e.lx.gapStop[w.s] {
			break
		}
	}
	return 1, false, false
}

// productCompound reports a compound noun ending in a product word:
// Thekenspiegel, Badezimmerspiegel.
func (e *Engine) productCompound(w *token) bool {
	if w.kind != kWord {
		return false
	}
	for suf := range e.lx.qt.productSuffixes {
		if len(w.s) > len(suf)+2 && hasSuffix(w.s, suf) {
			return true
		}
	}
	return false
}

// sampleAfter reads a sample word right after a count: "samples", "de
// muestra", "de amostra", "d'échantillon", "als Muster", "di campione",
// "as samples", "untuk sampel", "làm mẫu".
func (e *Engine) sampleAfter(toks []token, i int) bool {
	if i < len(toks) && e.lx.samples[toks[i].s] {
		return true
	}
	if i+1 < len(toks) {
		switch {
		case e.lx.qt.in(wsSampleLinks, toks[i].s):
			next := toks[i+1].s
			return e.lx.samples[next] || hasPrefixStr(next, "d'") && e.lx.samples[next[2:]]
		}
		if hasPrefixStr(toks[i].s, "d'") && e.lx.samples[toks[i].s[2:]] {
			return true
		}
	}
	return false
}

func hasPrefixStr(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

func hasSuffix(s, suf string) bool { return len(s) >= len(suf) && s[len(s)-len(suf):] == suf }

// countAfter reports a count unit or product right after a number.
func (e *Engine) countAfter(toks []token, i int) bool {
	_, _, ok := e.countAt(toks, i)
	return ok
}

// ofThem reads "four hundred of them".
func (e *Engine) ofThem(toks []token, i int) bool {
	return i+1 < len(toks) && e.ofWord(toks[i].s) && e.lx.qt.in(wsThemWords, toks[i+1].s)
}

// qtyKeyBefore reports a quantity keyword shortly before i: "Quantity:
// 3,000", "qty 2k-3k", "Menge ca. 15.000", "จำนวน 2,500".
func (e *Engine) qtyKeyBefore(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if toks[k+1].nl && toks[k].s != ":" {
			return false // a table's "Qty" header is not the row number's key
		}
		t := &toks[k]
		if t.kind == kSym {
			if t.s == ":" || t.s == "." || t.s == "-" || t.s == "=" || t.s == "~" || t.s == "(" {
				continue
			}
			return false
		}
		if t.kind == kNum {
			return false
		}
		if e.lx.qtyKeys[t.s] && !e.lx.qt.orderWords[t.s] {
			return true
		}
		if e.lx.qtyKeys[t.s] && k+1 < i && e.orderOf(toks[k+1].s) {
			return true // "an order of 1,200", "un ordine di 1.200", "un pedido de 800"
		}
		if e.lx.qt.in(wsCountKeys, t.s) || e.lx.qt.countKeysMulti.ends(toks, k) {
			return true
		}
		switch {
		case e.lx.qt.in(wsKeyFillers, t.s):
			continue
		}
		return false
	}
	return false
}

// orderOf lists the words that join an order word to its size: "order of",
// "pedido de", "ordine di", "Bestellung von/über", "pesanan sebanyak".
func (e *Engine) orderOf(w string) bool {
	switch {
	case e.lx.qt.in(wsOrderOf, w):
		return true
	}
	return false
}

// continuesItems reads the second line item of "70 oval and 30
// square", "A款100个，B款50个": a number right after a join
// that follows a quantity, itself followed by a word.
func (e *Engine) continuesItems(toks []token, lastQty, first, after int) bool {
	if first-lastQty > 10 || first < 1 {
		return false
	}
	j := &toks[first-1]
	if !e.lx.itemJoin[j.s] {
		return false
	}
	for k := lastQty + 1; k < first-1; k++ {
		if toks[k].s == "." || toks[k].s == ";" || toks[k].s == "?" || toks[k].s == "!" || toks[k].nl {
			return false
		}
	}
	if after >= len(toks) {
		return false
	}
	w := toks[after].s
	switch {
	case e.lx.qt.in(wsItemIn, w):
		return true // 1000 in black, 500 in gold
	}
	return toks[after].kind == kWord && e.lx.durations[w] == 0 && !e.lx.measures[w] && !e.lx.qtyKeys[w] && !e.lx.attrNouns[w] &&
		!e.lx.gapStop[w] && e.lx.curPost[w] == ""
}

// moqBefore reports "MOQ 500 pcs", "minimum order 500": the factory's
// minimum the buyer asks about, not the buyer's quantity.
func (e *Engine) moqBefore(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		t := &toks[k]
		if t.isBreak() && t.s != ":" {
			return false
		}
		if e.lx.qt.in(wsMinBounds, t.s) {
			// "mínimo 700 unidades", "minimum 800 pcs" the buyer states:
			// a one-sided bound; asked of the factory, its minimum.
			return e.askedOfFactory(toks, k, i)
		}
		if e.lx.moqKeys[t.s] || e.lx.qt.moqHan.has(toks, k) {
			return true
		}
	}
	return false
}

// askedOfFactory reports a minimum word at k that asks the factory's own:
// "your minimum 500 pcs?", "is the minimum 500 pcs?".
func (e *Engine) askedOfFactory(toks []token, k, i int) bool {
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		if e.lx.factoryQ[toks[j].s] {
			return true
		}
	}
	for j := i; j < len(toks) && j < i+8; j++ {
		if toks[j].s == "?" {
			return true
		}
		if clauseEnd(&toks[j]) || toks[j].nl {
			return false
		}
	}
	return false
}

// acceptedAfter reads "MOQ 500 pcs is ok for us": the buyer takes the
// minimum as the order.
func (e *Engine) acceptedAfter(toks []token, after int) bool {
	for k := after; k < len(toks) && k < after+4; k++ {
		switch {
		case e.lx.qt.in(wsMoqAccepted, toks[k].s):
			return true
		case toks[k].s == "." || toks[k].s == "?" || toks[k].s == "!" || toks[k].s == "," || toks[k].s == ";":
			return false
		}
	}
	return false
}

// trialBefore reports a sample or trial word shortly before i in the clause.
func (e *Engine) trialBefore(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-5; k-- {
		t := &toks[k]
		if t.isBreak() && t.s != ":" {
			return false
		}
		if e.lx.trialKeys[t.s] {
			return true
		}
		if t.kind == kHan {
			if e.lx.qt.trialHan.has(toks, k) {
				return true // 样品, 试单, 打样
			}
		}
		// Vietnamese "gửi mẫu", "lấy mẫu", "hàng mẫu": a sample, not a model
		if e.lx.qt.in(wsModelOrSample, t.s) && k > 0 {
			switch {
			case e.lx.qt.in(wsSampleVerbsVi, toks[k-1].s):
				return true
			}
		}
		switch {
		case e.lx.qt.in(wsTrialStops, t.s):
			return false // "2 samples and then 3000 pcs": the order after the samples
		case e.lx.qt.in(wsTrialOrderWords, t.s):
			// "3 amostras antes do pedido de 2 mil": the order's own
			// number; but "a sample order of 50", "trial order" is a trial.
			return k > 0 && e.lx.trialKeys[toks[k-1].s]
		}
	}
	return false
}

// perUnitAt reads "/pc", "per pc", "each", "a unidade", "la pièce", "pro
// Stück", "per pcs", "/件", "ต่อชิ้น" after an amount: a unit price.
func (e *Engine) perUnitAt(toks []token, i int) bool {
	n := len(toks)
	if i >= n {
		return false
	}
	t := &toks[i]
	switch {
	case e.lx.qt.in(wsPerUnitWords, t.s):
		return true // 5 € cadauno, RM 20 sebiji
	case e.lx.qt.in(wsPerUnitLinks, t.s):
		if e.lx.qt.in(wsPerUnitAlone, t.s) {
			return true // "5 USD each", "12 € cada"
		}
		if i+1 < n && (e.lx.perUnit[toks[i+1].s] || e.lx.products[toks[i+1].s]) {
			return true
		}
		if i+2 < n && (toks[i+1].s == "1" || e.lx.qt.in(wsPerOne, toks[i+1].s)) && e.lx.perUnit[toks[i+2].s] {
			return true
		}
	}
	return false
}

// notBudgetBefore reports an amount that is some other cost: a deposit,
// freight, a sample or tooling fee.
func (e *Engine) notBudgetBefore(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		t := &toks[k]
		if toks[k+1].nl && t.s != ":" || t.isBreak() && t.s != ":" {
			return false
		}
		if e.lx.qt.in(wsNotBudgetWords, t.s) {
			return true // a deposit, freight, a fee; what the buyer paid before or sells at
		}
	}
	return false
}

// perUnitBefore reads a per-unit mark written before the amount: 每个30元,
// 每件, 单价, mỗi cái 150k, pro Stück 7 €, je Stück, por unidad, la pièce,
// al pezzo, cada espelho, per pc, sebiji, ชิ้นละ 500 บาท.
func (e *Engine) perUnitBefore(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-5; k-- {
		t := &toks[k]
		if t.kind != kHan && t.kind != kThai && k < i-4 || toks[k+1].nl {
			break // "Qty: 80 Unit/Units\nPrice: US $9": another line's unit
		}
		if t.isBreak() && t.s != ":" && !(t.s == "." && k > 0 && e.abbrevDot(toks[k-1].s)) {
			return false
		}
		switch {
		case e.lx.qt.in(wsPerBefore, t.s):
			return true
		case e.lx.qt.in(wsPerAfterBefore, t.s): // ชิ้นละ, อันละ, หน่วยละ: so much a piece
			if k > 0 && e.lx.perUnit[toks[k-1].s] {
				return true
			}
		}
		if k > 0 && e.lx.perUnit[t.s] && e.perWord(toks[k-1].s) {
			return true
		}
	}
	return false
}

// abbrevDot lists the short words whose dot ends no clause: "max. 12 €".
func (e *Engine) abbrevDot(w string) bool {
	switch {
	case e.lx.qt.in(wsAbbrevDots, w):
		return true
	}
	return false
}

// perWord lists the words that make "a piece" of a unit: per, pro, je, por,
// par, la, al, le, setiap, mỗi, một.
func (e *Engine) perWord(w string) bool {
	switch {
	case e.lx.qt.in(wsPerWords, w):
		return true
	}
	return false
}

// ownPriceBefore reads the buyer naming their own price: "we could pay",
// "we can afford", "podemos pagar", "wir zahlen", "kami bisa bayar".
func (e *Engine) ownPriceBefore(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if toks[k].isBreak() && toks[k].s != ":" {
			return false
		}
		switch {
		case e.lx.qt.in(wsOwnPayWords, toks[k].s):
			return true
		}
	}
	return false
}

// priceAcceptedAfter reads an amount the buyer accepts: "USD 12/pc is
// acceptable", "88元我们接受", "aceptamos", "va bene": a price someone else
// named, not the buyer's own budget. A question ("$12 ok?") proposes it.
func (e *Engine) priceAcceptedAfter(toks []token, after int) bool {
	found := false
	end := after + 8
	for k := after; k < len(toks) && k < end; k++ {
		t := &toks[k]
		if t.s == "," && !found && end > k+3 {
			end = k + 3 // "R$ 35 por peça, aceitamos": right after the comma
			continue
		}
		if t.isBreak() && t.s != ":" {
			return found && t.s != "?"
		}
		switch {
		case e.lx.qt.in(wsAcceptAfter, t.s):
			found = !e.termAfter(toks, k+1)
		}
		if t.kind == kHan {
			if e.lx.qt.acceptedHan.has(toks, k) {
				found = true // 接受, 同意, 可以
			}
		}
	}
	return found && !questionAt(toks, end)
}

// questionAt reports a question closing the clause at i: "每打120元，可以吗？"
// proposes the price, it does not accept one.
func questionAt(toks []token, i int) bool {
	for k := i; k < len(toks) && k < i+2; k++ {
		if toks[k].s == "?" {
			return true
		}
		if toks[k].isBreak() {
			return false
		}
	}
	return false
}

// termAfter reads "fine with FOB", "ok with 30% deposit": the acceptance
// is of another term, not of the amount before it ("fine with us" is).
func (e *Engine) termAfter(toks []token, i int) bool {
	if i+1 >= len(toks) {
		return false
	}
	switch {
	case e.lx.qt.in(wsTermLinks, toks[i].s):
		return !e.lx.qt.in(wsTermUs, toks[i+1].s) // "fine with us" accepts the amount
	}
	return false
}

// quotedBefore reports an amount the factory quoted: "ok with your USD
// 19.50/pc", "your price of $20", "you quoted 5,000 USD".
func (e *Engine) quotedBefore(toks []token, i int, lang string) bool {
	// Chinese is one token a character: look further, at words of two.
	for k := i - 1; k >= 0 && k >= i-10 && (toks[k].kind == kHan || k >= i-2); k-- {
		if toks[k].kind != kHan {
			continue
		}
		if e.lx.qt.budgetMulti.has(toks, k) {
			return false // 你们能做到预算5万元吗: the buyer's budget
		}
		if e.lx.qt.youHan.has(toks, k) {
			// 你们报的, 你们的价格, 你们给的: the factory's; not 你们能做到…吗
			if k+2 < i {
				switch {
				case e.lx.qt.in(wsQuotedHanAfterYou, toks[k+2].s):
					return true
				}
			}
			continue
		}
		if e.lx.qt.quotedHan.has(toks, k) {
			return true // 报价, 报, 接受, 同意
		}
	}
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		t := &toks[k]
		if t.isBreak() && t.s != ":" {
			return false
		}
		switch {
		case e.lx.qt.in(wsQuotedWords, t.s):
			return true // quoted, offered; the buyer accepting a price named before
		case e.lx.qt.in(wsThanksFirst, t.s): // not "terima kasih", thank you
			return k+1 < len(toks) && toks[k+1].s != "kasih"
		}
		if e.lx.qt.factoryWord(lang, t.s) && k >= i-3 {
			// "your price", "your USD 19.50", "harga anda": the factory's
			// number; not "can you do it for $5,000".
			return true
		}
	}
	return false
}

// budgetWordBefore reports a budget word within w tokens before i.
func (e *Engine) budgetWordBefore(toks []token, i, w int) bool {
	for k := i - 1; k >= 0 && k >= i-w; k-- {
		t := &toks[k]
		if t.kind == kSym && (t.s == "." || t.s == ";" || t.s == "?" || t.s == "!") {
			return false
		}
		if e.lx.budgetWords[t.s] || e.lx.qt.budgetMulti.has(toks, k) || e.lx.qt.budgetMulti.ends(toks, k) {
			return true // budget, target price: giá mục tiêu, 目标价
		}
	}
	return false
}

func (e *Engine) budgetWordAfter(toks []token, i int) bool {
	for k := i; k < len(toks) && k < i+2; k++ {
		if toks[k].nl {
			return false // "ราคา: 90 บาท\nงบ: -": the next line's label
		}
		if e.lx.budgetWords[toks[k].s] {
			return true
		}
	}
	return false
}

// tokenizeParts tokenizes the buyer's own text and then the text they
// forward, each with its chat forms written out, and records where the
// forwarded tokens start.
func (e *Engine) tokenizeParts(sc *scan, parts segmented, lang string) {
	own, fwd := parts.own, ""
	if parts.fwdAt > 0 && parts.fwdAt <= len(own) {
		own, fwd = own[:parts.fwdAt], own[parts.fwdAt:]
	}
	sc.toks = tokenize(e.lx.fold.chatWords(own, lang), e.lx.thaiWords, e.lx.thaiMax, sc.toks)
	sc.fwdFrom = len(sc.toks)
	if fwd != "" {
		sc.toks = tokenize(e.lx.fold.chatWords(fwd, lang), e.lx.thaiWords, e.lx.thaiMax, sc.toks)
		if sc.fwdFrom < len(sc.toks) {
			sc.toks[sc.fwdFrom].nl = true
		}
	}
}
