package triage

// Line items written as lists: a label and a count on each line ("white
// 150", "Medan 90", "Rooms – round 500: 22") or after a quantity
// key ("Cantidad: negro 70 / rojo 30"). They add up with or without a
// count word.

// maxListLine bounds the tokens of one list line.
const maxListLine = 16

// lineStart returns the first token of the line of toks[i], looking back at
// most maxListLine tokens (-1 when the line is longer).
func lineStart(toks []token, i int) int {
	for k := i; k >= 0 && k > i-maxListLine; k-- {
		if k == 0 || toks[k].nl {
			return k
		}
	}
	return -1
}

// lineEnd returns the index after the last token of the line starting at ls.
func lineEnd(toks []token, ls int) int {
	for k := ls + 1; k < len(toks) && k <= ls+maxListLine; k++ {
		if toks[k].nl {
			return k
		}
	}
	if ls+maxListLine >= len(toks) {
		return len(toks)
	}
	return -1
}

// labelListItem reports a number that ends a label line next to another
// label line.
func (e *Engine) labelListItem(toks []token, first, last int) bool {
	ls := lineStart(toks, first)
	if ls < 0 || !e.labelLine(toks, ls) {
		return false
	}
	if le := lineEnd(toks, ls); le > 0 && le < len(toks) && e.labelLine(toks, le) {
		return true
	}
	if ls > 0 {
		if p := lineStart(toks, ls-1); p >= 0 && e.labelLine(toks, p) {
			return true
		}
	}
	return false
}

// labelLine reports a line that is words (the label: a shop, a colour, a
// room type, with sizes and codes trapped) and then one count at its end.
func (e *Engine) labelLine(toks []token, ls int) bool {
	le := lineEnd(toks, ls)
	if le < 0 {
		return false
	}
	end := le
	for end > ls && toks[end-1].kind == kSym && (toks[end-1].s == "," || toks[end-1].s == "." || toks[end-1].s == ";") {
		end--
	}
	num := end - 1
	for num > ls && toks[num-1].kind == kNum && toks[num].sp && len(toks[num].s) == 3 {
		num-- // "1 200": European grouping
	}
	if num <= ls || toks[num].kind != kNum || toks[num].trap || num < end-1 && toks[end-1].kind != kNum {
		return false
	}
	words := 0
	for k := ls; k < num; k++ {
		t := &toks[k]
		switch {
		case t.kind == kNum && !t.trap:
			return false // a second number: not a label line
		case t.kind == kWord || t.kind == kHan || t.kind == kThai:
			if e.lx.curPre[t.s] != "" || e.lx.curPost[t.s] != "" || e.lx.budgetWords[t.s] || e.lx.durations[t.s] > 0 || e.lx.months[t.s] > 0 {
				return false
			}
			words++
		case t.kind == kSym && (e.lx.curPre[t.s] != "" || t.s == "%" || t.s == "@"):
			return false
		}
	}
	return words > 0
}

// keyedListItem reads "Cantidad: gris 120 / azul 80 / rosa 40": a
// quantity key and a colon open the line, and labelled counts follow it,
// apart by slashes or commas.
func (e *Engine) keyedListItem(toks []token, first int) bool {
	if first == 0 || toks[first-1].kind != kWord && toks[first-1].kind != kHan && toks[first-1].kind != kThai {
		return false // the count follows its label
	}
	ls := lineStart(toks, first)
	if ls < 0 {
		return false
	}
	for k := ls; k < first-1; k++ {
		if e.lx.qtyKeys[toks[k].s] && !e.lx.qt.orderWords[toks[k].s] && toks[k+1].s == ":" {
			return e.listBetween(toks, k+2, first) && listSeparated(toks, k+2)
		}
	}
	return false
}

// listSeparated reports a slash or comma between the items of the line
// that starts at from.
func listSeparated(toks []token, from int) bool {
	for k := from; k < len(toks) && k < from+maxListLine && !(k > from && toks[k].nl); k++ {
		if toks[k].s == "/" || toks[k].s == "," {
			return true
		}
	}
	return false
}

// listBetween reports that toks[from:to] are only labels, counts and the
// marks between list items.
func (e *Engine) listBetween(toks []token, from, to int) bool {
	for k := from; k < to; k++ {
		t := &toks[k]
		switch t.kind {
		case kWord, kHan, kThai, kNum:
			if e.lx.curPost[t.s] != "" || e.lx.curPre[t.s] != "" || e.lx.units[t.s] > 0 || e.lx.products[t.s] {
				return false // "Quantity: 900 units in two finishes"
			}
		default:
			if t.s != "/" && t.s != "," && t.s != "-" && t.s != "–" {
				return false
			}
		}
	}
	return true
}
