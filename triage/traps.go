package triage

// markTraps flags the digit tokens that are neither quantities nor money:
// phone numbers, dimensions, measures (3000K, 20W, 220V, 5mm, 40HQ),
// ratings (IP44, CRI>90), percentages, model and item numbers, ratios
// (30/70) and years. Each shape is a small matcher of its own, tried at
// every token that has digits a few tokens ahead.
func (e *Engine) markTraps(toks []token) {
	n := len(toks)
	nextNum := 0 // the first digit token at or after i
	for i := 0; i < n; i++ {
		for nextNum < n && (nextNum < i || toks[nextNum].kind != kNum) {
			nextNum++
		}
		if nextNum-i > 5 {
			continue // no digits close ahead: nothing to trap from here
		}
		switch toks[i].kind {
		case kSym:
			trapPlusPhone(toks, i)
			trapHashCode(toks, i)
			trapAreaCode(toks, i)
		case kWord, kThai, kHan:
			e.trapOrdinal(toks, i)
			e.trapAfterPhoneKey(toks, i)
			e.trapRating(toks, i)
			e.trapModelCode(toks, i)
			e.trapAfterCodeWord(toks, i)
		case kNum:
			trapRowLabel(toks, i)
			trapDoubling(toks, i)
			trapLeadingZero(toks, i)
		}
	}
	for i := 0; i < n; i++ {
		if t := &toks[i]; t.kind == kNum && !t.trap {
			e.trapNumber(toks, i)
		}
	}
}

// trapChain traps the digit token at i and the digit groups that follow it
// apart by spaces, hyphens, dots or brackets (a phone number).
func trapChain(toks []token, i int) {
	for k, steps := i, 0; k < len(toks) && steps < 12; k, steps = k+1, steps+1 {
		t := &toks[k]
		if t.kind == kNum {
			t.trap = true
		} else if t.kind != kSym || !(t.s == "-" || t.s == "(" || t.s == ")" || t.s == "." || t.s == "/") {
			return
		}
		if t.nl {
			return
		}
	}
}

// trapPlusPhone reads an international phone number: +49 89 1234567,
// +1 (305) 555-0143; not 4,000 + 2,000.
func trapPlusPhone(toks []token, i int) {
	n := len(toks)
	if toks[i].s != "+" || i+1 >= n || toks[i+1].kind != kNum && toks[i+1].s != "(" || i > 0 && toks[i-1].kind == kNum {
		return
	}
	j := i + 1
	if toks[j].s == "(" {
		j++
	}
	if j < n && toks[j].kind == kNum && len(toks[j].s) <= 4 && digitsOnly(toks[j].s) && phoneAhead(toks, j) {
		trapChain(toks, j)
	}
}

// trapHashCode reads #2719, PO #4500012345: a number glued to "#".
func trapHashCode(toks []token, i int) {
	if toks[i].s == "#" && i+1 < len(toks) && toks[i+1].kind == kNum && !toks[i+1].sp {
		toks[i+1].trap = true
	}
}

// trapAreaCode reads "(305) 555 0143": an area code in brackets.
func trapAreaCode(toks []token, i int) {
	if toks[i].s == "(" && i+3 < len(toks) && toks[i+1].kind == kNum && len(toks[i+1].s) == 3 && toks[i+2].s == ")" && toks[i+3].kind == kNum {
		trapChain(toks, i+1)
	}
}

// trapAfterPhoneKey reads "Tel: 0812 555 0199", "WhatsApp +84 …".
func (e *Engine) trapAfterPhoneKey(toks []token, i int) {
	if !numWithin(toks, i, 4) || !e.lx.phoneKeys[toks[i].s] {
		return
	}
	for j := i + 1; j < len(toks) && j <= i+4; j++ {
		t := &toks[j]
		if t.kind == kNum {
			if len(t.s) >= 6 || phoneAhead(toks, j) {
				trapChain(toks, j)
			}
			return
		}
		if t.kind == kSym && t.s != ":" && t.s != "/" && t.s != "." && t.s != "+" && t.s != "(" {
			return
		}
	}
}

// numWithin reports a digit token among the k after toks[i]. The traps
// that look ahead for a number run at every word; without one in their
// window they cannot trap anything, and this test spares their lookup.
func numWithin(toks []token, i, k int) bool {
	for j := i + 1; j < len(toks) && j <= i+k; j++ {
		if toks[j].kind == kNum {
			return true
		}
	}
	return false
}

// trapRating reads ratings: IP44, IK08, CRI>90, Ra 90.
func (e *Engine) trapRating(toks []token, i int) {
	if toks[i].kind != kWord || !e.lx.qt.ratings[toks[i].s] {
		return
	}
	j := i + 1
	for j < len(toks) && toks[j].kind == kSym && (toks[j].s == ">" || toks[j].s == "≥" || toks[j].s == "=" || toks[j].s == ":") {
		j++
	}
	if j < len(toks) && toks[j].kind == kNum {
		toks[j].trap = true
	}
}

// trapModelCode reads model and item codes: KX-310, RT-5520-B, HM08.
func (e *Engine) trapModelCode(toks []token, i int) {
	n := len(toks)
	t := &toks[i]
	if t.kind != kWord || i+1 >= n || len(t.s) > 6 {
		return
	}
	j := i + 1
	hy := toks[j].kind == kSym && (toks[j].s == "-" || toks[j].s == "_") && !toks[j].sp
	if hy {
		j++
	}
	glued := i > 0 && !t.sp && (toks[i-1].kind == kSym || toks[i-1].kind == kWord)
	// This runs at every short word: the shape tests come before the
	// table lookups, which only a word glued to a number needs.
	if j >= n || toks[j].kind != kNum || toks[j].sp {
		return
	}
	if !hy && (len(t.s) < 2 || len(t.s) > 3 || glued) {
		return
	}
	if !hy && e.isUnitish(t.s) || e.notCodePrefix(t.s) { // notCodePrefix covers the currency prefixes
		return
	}
	toks[j].trap = true
	// a suffix: -B, -01
	for k := j + 1; k+1 < n && toks[k].s == "-" && !toks[k].sp && !toks[k+1].sp && k < j+4; k += 2 {
		if toks[k+1].kind == kNum {
			toks[k+1].trap = true
		}
	}
}

// trapAfterCodeWord reads "model 12", "item no. 5566", "page 7", "room
// 204": a number a code word names (not "item x 400 pcs").
func (e *Engine) trapAfterCodeWord(toks []token, i int) {
	if !numWithin(toks, i, 3) || !e.lx.codeWords[toks[i].s] {
		return
	}
	for j := i + 1; j < len(toks) && j <= i+3; j++ {
		t := &toks[j]
		if t.kind == kNum {
			if !e.followsUnit(toks, j) {
				t.trap = true
			}
			return
		}
		if t.kind == kWord && e.lx.qt.numberWords[t.s] {
			continue // "no", "nr", "number"
		}
		if t.kind != kSym || t.isBreak() && t.s != "." && t.s != ":" {
			return
		}
	}
}

// trapOrdinal reads an ordinal: 第12页, 第3款.
func (e *Engine) trapOrdinal(toks []token, i int) {
	if e.lx.qt.ordinals[toks[i].s] && i+1 < len(toks) && toks[i+1].kind == kNum {
		toks[i+1].trap = true
	}
}

// trapRowLabel reads a row number at the start of a line: "1 | LED mirror
// …", "2) round mirror", "3. oval mirror" — a list label.
func trapRowLabel(toks []token, i int) {
	t := &toks[i]
	if (i == 0 || t.nl) && len(t.s) <= 2 && digitsOnly(t.s) && i+2 < len(toks) && toks[i+2].kind != kNum {
		if nx := &toks[i+1]; nx.s == "|" || (nx.s == ")" || nx.s == ".") && !nx.sp {
			t.trap = true
		}
	}
}

// trapDoubling reads a 2 glued to a word, which doubles it (kira2,
// masing2, barang2).
func trapDoubling(toks []token, i int) {
	if t := &toks[i]; t.s == "2" && !t.sp && i > 0 && toks[i-1].kind == kWord {
		t.trap = true
	}
}

// trapLeadingZero reads a number starting with 0 and three or more
// digits: a phone.
func trapLeadingZero(toks []token, i int) {
	t := &toks[i]
	if len(t.s) >= 3 && t.s[0] == '0' && digitsOnly(t.s) && !(i > 0 && (toks[i-1].s == "." || toks[i-1].s == "," || toks[i-1].kind == kNum)) {
		trapChain(toks, i)
	}
}

// listLabel reports a line item's label in a list: "Item 1:", "Art. 2)",
// "Item No. 3 -": a small position number after an item word, closed by a
// colon, bracket, dot or dash. It numbers the buyer's list and names no
// product of the factory's (a catalogue code has more digits: item 5566).
func (e *Engine) listLabel(toks []token, i, j int) bool {
	if !e.lx.qt.in(wsListItemWords, toks[i].s) {
		return false
	}
	if len(toks[j].s) > 2 || !digitsOnly(toks[j].s) || j+1 >= len(toks) {
		return false
	}
	switch toks[j+1].s {
	case ":", ")", ".", "-", "–":
		return true
	}
	return toks[j+1].nl
}

// notCodePrefix lists letter groups that precede digits without making a
// product code: currencies, ratings and words that end before a number.
func (e *Engine) notCodePrefix(w string) bool {
	if e.lx.curPre[w] != "" || e.lx.dollarPfx[w] != "" || e.lx.scales[w] > 0 {
		return true
	}
	return e.lx.qt.in(wsNotCodePrefixes, w)
}

// isUnitish reports words that may be glued to a number without being a
// code prefix.
func (e *Engine) isUnitish(w string) bool {
	return e.lx.units[w] > 0 || e.lx.measures[w] || e.lx.durations[w] > 0 || e.lx.qtyKeys[w]
}

// followsUnit reports whether the number at i is directly followed by a
// count unit (then it is a quantity after all: "item x 400 pcs").
func (e *Engine) followsUnit(toks []token, i int) bool {
	return i+1 < len(toks) && e.lx.units[toks[i+1].s] > 0
}

// phoneAhead reports whether the digit token at i starts a run of at least
// three digit groups or eight digits (a phone number, not "20 000").
func phoneAhead(toks []token, i int) bool {
	groups, digits := 0, 0
	for k := i; k < len(toks) && k < i+12; k++ {
		t := &toks[k]
		if t.kind == kNum {
			groups++
			digits += len(t.s)
			continue
		}
		if t.kind == kSym && (t.s == "-" || t.s == "(" || t.s == ")" || t.s == ".") {
			continue
		}
		break
	}
	return groups >= 3 || digits >= 8
}

// trapNumber traps one digit token by what surrounds it: the first of its
// matchers that reads it settles it.
func (e *Engine) trapNumber(toks []token, i int) {
	if e.trapDimension(toks, i) || e.trapByDimension(toks, i) || e.trapMarkAfter(toks, i) || e.trapWordAfter(toks, i) ||
		e.trapCompound(toks, i) || trapRatio(toks, i) {
		return
	}
	e.trapYear(toks, i)
}

// dimensionSign reports the sign between the sides of a size: x, ×, *.
func dimensionSign(s string) bool { return s == "x" || s == "×" || s == "*" || s == "х" }

// trapDimension reads sizes: 60x80, 600*800mm, 24"x36", 60 x 80 cm,
// 58x46cm, 1x40HQ, 60x80x12 — spaced ones only with a unit.
func (e *Engine) trapDimension(toks []token, i int) bool {
	n := len(toks)
	j := i + 1
	unitLeft := false
	if j < n && (toks[j].s == "\"" || toks[j].s == "''" || toks[j].s == "'" || e.lx.measures[toks[j].s] && len(toks[j].s) <= 4 && !toks[j].sp && toks[j].s != "x") {
		unitLeft = true
		j++
	}
	if j+1 >= n || !dimensionSign(toks[j].s) || toks[j+1].kind != kNum {
		return false
	}
	spaced := toks[j].sp || toks[j+1].sp
	last := j + 1
	if last+2 < n && dimensionSign(toks[last+1].s) && toks[last+2].kind == kNum {
		last += 2 // a third side
	}
	unitRight := last+1 < n && (e.lx.measures[toks[last+1].s] || toks[last+1].s == "\"")
	if spaced && !unitLeft && !unitRight {
		return false
	}
	for k := i; k <= last; k++ {
		if toks[k].kind == kNum {
			toks[k].trap = true
		}
	}
	return true
}

// trapByDimension reads "60 by 80 cm".
func (e *Engine) trapByDimension(toks []token, i int) bool {
	if i+3 >= len(toks) || toks[i+1].s != "by" || toks[i+2].kind != kNum || !(e.lx.measures[toks[i+3].s] || toks[i+3].s == "\"") {
		return false
	}
	toks[i].trap, toks[i+2].trap = true, true
	return true
}

// trapMarkAfter reads a number with a mark after it: 30%, 45°, 24", 5'.
func (e *Engine) trapMarkAfter(toks []token, i int) bool {
	if i+1 >= len(toks) {
		return false
	}
	switch nx := &toks[i+1]; {
	case nx.s == "%" || nx.s == "°" || nx.s == "º" || nx.s == "\"" || nx.s == "''" || nx.s == "‰", nx.s == "'" && !nx.sp:
		e.trapRange(toks, i)
		return true
	}
	return false
}

// trapWordAfter reads a number with a word after it: 3000K (a colour
// temperature), 30 percent, 20W, 220V, 5mm, 40HQ. A k or m of money ends
// the reading with nothing trapped.
func (e *Engine) trapWordAfter(toks []token, i int) bool {
	n := len(toks)
	if i+1 >= n {
		return false
	}
	t, nx := &toks[i], &toks[i+1]
	if nx.kind != kWord && nx.kind != kHan && nx.kind != kThai {
		return false
	}
	w := nx.s
	switch {
	case w == "k" && !nx.sp && len(t.s) == 4 && t.s[0] >= '1' && digitsOnly(t.s):
		e.trapRange(toks, i) // 3000K
	case w == "k" || w == "m" && e.hasCurrencyBefore(toks, i):
		// a thousand, a million: money or a count
	case e.lx.qt.percentWords.has(toks, i+1):
		t.trap = true
	case e.lx.measures[w] && (!nx.sp || len(w) > 1) && !(w == "x" && i+2 < n && toks[i+2].kind == kNum):
		if !(w == "m" && nx.sp) {
			e.trapRange(toks, i)
		}
	case e.lx.qt.containers[w]:
		t.trap = true
	default:
		return false
	}
	return true
}

// trapCompound reads a compound adjective: 240-room, 12-bulb, 5-ply; not
// 500-pc or 3-month.
func (e *Engine) trapCompound(toks []token, i int) bool {
	n := len(toks)
	if i+2 >= n || toks[i+1].s != "-" || toks[i+1].sp || toks[i+2].kind != kWord || toks[i+2].sp {
		return false
	}
	w := toks[i+2].s
	if e.lx.units[w] != 0 || e.lx.durations[w] != 0 || e.lx.scales[w] != 0 || e.lx.numWords[w].kind != 0 {
		return false
	}
	toks[i].trap = true
	return true
}

// trapRatio reads a ratio or date-like pair left over: 30/70, 24/7.
func trapRatio(toks []token, i int) bool {
	if i+2 >= len(toks) || toks[i+1].s != "/" || toks[i+1].sp || toks[i+2].kind != kNum || toks[i+2].sp {
		return false
	}
	toks[i].trap, toks[i+2].trap = true, true
	return true
}

// trapYear reads years: "spring 2027", "in 2026", 2027年.
func (e *Engine) trapYear(toks []token, i int) {
	t := &toks[i]
	if len(t.s) != 4 || !digitsOnly(t.s) || !(t.s[:2] == "19" || t.s[:2] == "20") {
		return
	}
	if i > 0 && (e.lx.yearKeys[toks[i-1].s] || e.lx.months[toks[i-1].s] > 0) && !e.countFollows(toks, i) {
		t.trap = true
	}
	if i+1 < len(toks) && e.lx.qt.yearMarks[toks[i+1].s] {
		t.trap = true
	}
}

// countFollows reports whether a count unit or product follows token i.
func (e *Engine) countFollows(toks []token, i int) bool {
	return i+1 < len(toks) && (e.lx.units[toks[i+1].s] > 0 || e.lx.products[toks[i+1].s])
}

// trapRange traps the number at i and, when it closes a range of the same
// measure (3000-6000K, 12V/24V), the number that opens it.
func (e *Engine) trapRange(toks []token, i int) {
	toks[i].trap = true
	for k := i; k >= 2; k -= 2 {
		s := toks[k-1].s
		if (s == "-" || s == "/" || s == "~" || s == "to") && toks[k-2].kind == kNum {
			toks[k-2].trap = true
			continue
		}
		break
	}
}

func (e *Engine) hasCurrencyBefore(toks []token, i int) bool {
	c, _ := e.currencyBefore(toks, i)
	return c != ""
}
