package triage

// markTraps flags the digit tokens that are neither quantities nor money:
// phone numbers, dimensions, measures (3000K, 20W, 220V, 5mm, 40HQ),
// ratings (IP44, CRI>90), percentages, model and item numbers, ratios
// (30/70) and years. It returns how many product codes it saw (LM-2040,
// #1688, model 12): naming a catalogue item is a cue of its own.
func (e *Engine) markTraps(toks []token) (codes int) {
	n := len(toks)
	trapChain := func(i int) {
		// i is a digit token; trap it and the digit groups that follow it
		// separated by spaces, hyphens, dots or brackets (phone numbers).
		k := i
		for steps := 0; k < n && steps < 12; steps++ {
			t := &toks[k]
			if t.kind == kNum {
				t.trap = true
			} else if t.kind == kSym && (t.s == "-" || t.s == "(" || t.s == ")" || t.s == "." || t.s == "/") {
				// part of the number
			} else {
				break
			}
			if t.nl {
				break
			}
			k++
		}
	}
	nextNum := 0 // the first digit token at or after i
	for i := 0; i < n; i++ {
		t := &toks[i]
		for nextNum < n && (nextNum < i || toks[nextNum].kind != kNum) {
			nextNum++
		}
		if nextNum-i > 5 {
			continue // no digits close ahead: nothing to trap from here
		}
		switch t.kind {
		case kSym:
			if t.s == "+" && i+1 < n && (toks[i+1].kind == kNum || toks[i+1].s == "(") && !(i > 0 && toks[i-1].kind == kNum) {
				// +49 89 1234567, +1 (305) 555-0143; not 4,000 + 2,000.
				j := i + 1
				if toks[j].s == "(" {
					j++
				}
				if j < n && toks[j].kind == kNum && len(toks[j].s) <= 4 && digitsOnly(toks[j].s) && phoneAhead(toks, j) {
					trapChain(j)
				}
			}
			if t.s == "#" && i+1 < n && toks[i+1].kind == kNum && !toks[i+1].sp {
				toks[i+1].trap = true
				if !refBefore(toks, i) {
					codes++ // item #1688; not PO #4500012345
				}
			}
			if t.s == "(" && i+3 < n && toks[i+1].kind == kNum && len(toks[i+1].s) == 3 && toks[i+2].s == ")" && toks[i+3].kind == kNum {
				trapChain(i + 1)
			}
		case kWord, kThai, kHan:
			if e.lx.phoneKeys[t.s] {
				for j := i + 1; j < n && j <= i+4; j++ {
					if toks[j].kind == kNum {
						if len(toks[j].s) >= 6 || phoneAhead(toks, j) {
							trapChain(j)
						}
						break
					}
					if toks[j].kind == kSym && toks[j].s != ":" && toks[j].s != "/" && toks[j].s != "." && toks[j].s != "+" && toks[j].s != "(" {
						break
					}
				}
			}
			// Ratings: IP44, IK08, CRI>90, Ra 90.
			if t.kind == kWord && (t.s == "ip" || t.s == "ik" || t.s == "cri" || t.s == "ra") {
				j := i + 1
				for j < n && toks[j].kind == kSym && (toks[j].s == ">" || toks[j].s == "≥" || toks[j].s == "=" || toks[j].s == ":") {
					j++
				}
				if j < n && toks[j].kind == kNum {
					toks[j].trap = true
				}
			}
			// Model and item codes: LM-2040, SM-6080-B, HM08, model 12, item no. 5566.
			if t.kind == kWord && i+1 < n && len(t.s) <= 6 && e.lx.curPre[t.s] == "" {
				j := i + 1
				hy := toks[j].kind == kSym && (toks[j].s == "-" || toks[j].s == "_") && !toks[j].sp
				if hy {
					j++
				}
				glued := i > 0 && !t.sp && (toks[i-1].kind == kSym || toks[i-1].kind == kWord)
				if j < n && toks[j].kind == kNum && !toks[j].sp && (hy || !e.isUnitish(t.s)) && !e.notCodePrefix(t.s) {
					if hy || (len(t.s) >= 2 && len(t.s) <= 3 && !glued) {
						toks[j].trap = true
						if !glued && !refBefore(toks, i) {
							codes++
						}
						// a suffix: -B, -01
						for k := j + 1; k+1 < n && toks[k].s == "-" && !toks[k].sp && !toks[k+1].sp && k < j+4; k += 2 {
							if toks[k+1].kind == kNum {
								toks[k+1].trap = true
							}
						}
					}
				}
			}
			if e.lx.codeWords[t.s] {
				for j := i + 1; j < n && j <= i+3; j++ {
					if toks[j].kind == kNum {
						if !e.followsUnit(toks, j) {
							toks[j].trap = true
							switch t.s {
							case "model", "item", "art", "sku", "modelo", "modèle", "modell", "artikel", "mẫu", "รุ่น", "款", "型号",
								"article", "articolo", "modello", "code":
								if !refBefore(toks, i) && !listLabel(toks, i, j) {
									codes++ // a product of the factory's, not "our model 12"
								}
							}
						}
						break
					}
					if toks[j].kind == kWord && (toks[j].s == "no" || toks[j].s == "nr" || toks[j].s == "number" || toks[j].s == "n") {
						continue
					}
					if toks[j].kind != kSym || toks[j].isBreak() && toks[j].s != "." && toks[j].s != ":" {
						break
					}
				}
			}
		case kNum:
			// A row number at the start of a line: "1 | LED mirror …",
			// "2) round mirror", "3. oval mirror" — a list label.
			if (i == 0 || t.nl) && len(t.s) <= 2 && digitsOnly(t.s) && i+2 < n && toks[i+2].kind != kNum {
				if nx := &toks[i+1]; nx.s == "|" || (nx.s == ")" || nx.s == ".") && !nx.sp {
					t.trap = true
				}
			}
			// A 2 glued to a word doubles it (kira2, masing2, barang2).
			if t.s == "2" && !t.sp && i > 0 && toks[i-1].kind == kWord {
				t.trap = true
			}
			// A number starting with 0 and three or more digits: a phone.
			if len(t.s) >= 3 && t.s[0] == '0' && digitsOnly(t.s) && !(i > 0 && (toks[i-1].s == "." || toks[i-1].s == "," || toks[i-1].kind == kNum)) {
				trapChain(i)
			}
		}
	}
	for i := 0; i < n; i++ {
		t := &toks[i]
		if t.kind != kNum || t.trap {
			continue
		}
		e.trapNumber(toks, i)
	}
	return codes
}

// listLabel reports a line item's label in a list: "Item 1:", "Art. 2)",
// "Item No. 3 -": a small position number after an item word, closed by a
// colon, bracket, dot or dash. It numbers the buyer's list and names no
// product of the factory's (a catalogue code has more digits: item 5566).
func listLabel(toks []token, i, j int) bool {
	switch toks[i].s {
	case "item", "art", "article", "articolo", "artikel", "artículo", "artigo", "pos", "position", "posición", "posição", "posizione":
	default:
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

// refBefore reports a document or place reference before i: PO #123,
// order ref, invoice, booth, suite — numbers, but no product of the factory.
func refBefore(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		switch toks[k].s {
		case "po", "p.o", "order", "invoice", "inv", "ref", "reference", "tracking", "booth", "suite", "room", "hall", "pi",
			"rfq", "case", "ticket", "account", "acct", "our", "my":
			return true
		}
	}
	return false
}

// notCodePrefix lists letter groups that precede digits without making a
// product code: currencies, ratings and words that end before a number.
func (e *Engine) notCodePrefix(w string) bool {
	if e.lx.curPre[w] != "" || e.lx.dollarPfx[w] != "" || e.lx.scales[w] > 0 {
		return true
	}
	switch w {
	case "ip", "ik", "cri", "ra", "t", "po", "en", "iso", "din", "hz", "x", "ø", "qty", "ca", "approx", "no", "nr", "tel", "ref":
		return true
	}
	return false
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

// trapNumber traps one digit token by what surrounds it.
func (e *Engine) trapNumber(toks []token, i int) {
	n := len(toks)
	t := &toks[i]
	// Dimensions: 60x80, 600*800mm, 24"x36", 60 x 80 cm, 58x46cm, 1x40HQ.
	j := i + 1
	unitLeft := false
	if j < n && (toks[j].s == "\"" || toks[j].s == "''" || toks[j].s == "'" || ((toks[j].s == "cm" || toks[j].s == "mm" || toks[j].s == "m" || toks[j].s == "in" || toks[j].s == "inch") && !toks[j].sp)) {
		unitLeft = true
		j++
	}
	if j+1 < n && (toks[j].s == "x" || toks[j].s == "×" || toks[j].s == "*" || toks[j].s == "х") && toks[j+1].kind == kNum {
		spaced := toks[j].sp || toks[j+1].sp
		k := j + 1
		last := k
		// a third side
		if k+2 < n && (toks[k+1].s == "x" || toks[k+1].s == "×" || toks[k+1].s == "*") && toks[k+2].kind == kNum {
			last = k + 2
		}
		unitRight := last+1 < n && (e.lx.measures[toks[last+1].s] || toks[last+1].s == "\"")
		if !spaced || unitLeft || unitRight {
			for k := i; k <= last; k++ {
				if toks[k].kind == kNum {
					toks[k].trap = true
				}
			}
			return
		}
	}
	// 60 by 80 cm
	if i+3 < n && toks[i+1].s == "by" && toks[i+2].kind == kNum && (e.lx.measures[toks[i+3].s] || toks[i+3].s == "\"") {
		t.trap = true
		toks[i+2].trap = true
		return
	}
	if j := i + 1; j < n {
		nx := &toks[j]
		switch {
		case nx.s == "%" || nx.s == "°" || nx.s == "º" || nx.s == "\"" || nx.s == "''" || nx.s == "‰":
			e.trapRange(toks, i)
			return
		case nx.s == "'" && !nx.sp:
			e.trapRange(toks, i)
			return
		case nx.kind == kWord || nx.kind == kHan || nx.kind == kThai:
			w := nx.s
			if w == "k" && !nx.sp && len(t.s) == 4 && t.s[0] >= '1' && digitsOnly(t.s) {
				e.trapRange(toks, i) // 3000K: a colour temperature
				return
			}
			if w == "k" || (w == "m" && e.hasCurrencyBefore(toks, i)) {
				return
			}
			if w == "percent" || w == "persen" || w == "prozent" || w == "per" && j+1 < n && (toks[j+1].s == "cent" || toks[j+1].s == "cento") {
				t.trap = true
				return
			}
			if e.lx.measures[w] && (!nx.sp || len(w) > 1) && !(w == "x" && j+1 < n && toks[j+1].kind == kNum) {
				if w == "m" && nx.sp {
					return
				}
				e.trapRange(toks, i)
				return
			}
			if w == "hq" || w == "gp" || w == "ft" || w == "hc" {
				t.trap = true
				return
			}
		case nx.kind == kSym && nx.s == "-" && !nx.sp && j+1 < n && toks[j+1].kind == kWord && !toks[j+1].sp:
			// A compound adjective: 240-room, 12-bulb, 5-ply; not 500-pc or 3-month.
			w := toks[j+1].s
			if e.lx.units[w] == 0 && e.lx.durations[w] == 0 && e.lx.scales[w] == 0 && e.lx.numWords[w].kind == 0 {
				t.trap = true
				return
			}
		case nx.kind == kSym && nx.s == "/" && !nx.sp && j+1 < n && toks[j+1].kind == kNum && !toks[j+1].sp:
			// A ratio or date-like pair left over: 30/70, 24/7, 220V/50Hz.
			t.trap = true
			toks[j+1].trap = true
			return
		}
	}
	// Years: "spring 2027", "in 2026", 2027年.
	if len(t.s) == 4 && digitsOnly(t.s) && (t.s[:2] == "19" || t.s[:2] == "20") {
		if i > 0 && (e.lx.yearKeys[toks[i-1].s] || e.lx.months[toks[i-1].s] > 0) && !e.countFollows(toks, i) {
			t.trap = true
		}
		if i+1 < n && toks[i+1].s == "年" {
			t.trap = true
		}
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
