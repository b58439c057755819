package triage

// A product code the buyer names (KX-310, model QV-45, item #2719) picks
// one of the factory's products: a factory choice, like "your model".
// Reference numbers look the same and are no product: quotation, PO, RFQ,
// invoice and drawing numbers, tax and company numbers, postcodes, street
// numbers. They are told apart by the word before them (ownership.ref_word)
// and by their shape.

// codeScore returns the pull of the product codes in the message: one
// factory cue when any sentence orders a coded product.
func (e *Engine) codeScore(s *ownScan) float64 {
	toks := s.toks
	langs := readLangs(s.lang)
	sent := 0
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.nl && i > 0 {
			sent++
		}
		if t.isBreak() && isSentenceEnd(t.s) {
			sent++
			continue
		}
		at := e.codeAt(toks, i)
		if at < 0 || e.refBefore(toks, i, langs) || postcodeAt(toks, at) {
			continue
		}
		if q := codeAsked(s, sent); q {
			return -2
		}
	}
	return 0
}

// codeAsked reports that the sentence with a code chooses it: not a
// question about it, nor mere interest, unless an order is in it too.
func codeAsked(s *ownScan, sent int) bool {
	if sent >= len(s.sents) {
		return true // no marks there: a plain order line
	}
	f := s.sents[sent]
	if f.choice || f.number {
		return true
	}
	for _, m := range s.ms {
		if m.sent == sent && (m.question || f.interest) {
			return false
		}
	}
	return true
}

// codeAt returns the index of the digits of a product code starting at
// toks[i], or -1: a short letter prefix with digits glued to it (KX-310,
// HM08, RT-5520-B), a code word and a number (model 12, item no. 5566), or
// "#" and digits.
func (e *Engine) codeAt(toks []token, i int) int {
	n := len(toks)
	t := &toks[i]
	switch {
	case t.kind == kSym && t.s == "#":
		if i+1 < n && toks[i+1].kind == kNum && !toks[i+1].sp {
			return i + 1
		}
	case t.kind == kWord && e.lx.codeWords[t.s]:
		return e.codeWordNumber(toks, i)
	case t.kind == kWord:
		return e.prefixCode(toks, i)
	}
	return -1
}

// prefixCode matches a letter prefix and glued digits: KX-310, HM08.
func (e *Engine) prefixCode(toks []token, i int) int {
	n := len(toks)
	t := &toks[i]
	if len(t.s) > 6 || i+1 >= n {
		return -1
	}
	if i > 0 && !t.sp && (toks[i-1].kind == kSym || toks[i-1].kind == kWord) {
		return -1 // inside a longer code or word: TC-BM-031, mirror_buyer88
	}
	j := i + 1
	hy := toks[j].kind == kSym && (toks[j].s == "-" || toks[j].s == "_") && !toks[j].sp
	if hy {
		j++
	}
	if j >= n || toks[j].kind != kNum || toks[j].sp {
		return -1
	}
	if !hy && (len(t.s) < 2 || len(t.s) > 3) {
		return -1
	}
	// The table tests come last: they are map lookups, and this runs at
	// every short word; notCodePrefix covers the currency prefixes.
	if e.notCodePrefix(t.s) || !hy && e.isUnitish(t.s) {
		return -1
	}
	return j
}

// codeWordNumber matches "model 12", "item no. 5566", "款号 A3": the model
// words of the code-word table, not a list label ("Item 1:").
func (e *Engine) codeWordNumber(toks []token, i int) int {
	switch toks[i].s {
	case "model", "item", "art", "sku", "modelo", "modèle", "modell", "artikel", "mẫu", "รุ่น", "款", "型号",
		"article", "articolo", "modello", "code":
	default:
		return -1
	}
	for j := i + 1; j < len(toks) && j <= i+3; j++ {
		t := &toks[j]
		if t.kind == kNum {
			if e.followsUnit(toks, j) || e.listLabel(toks, i, j) {
				return -1
			}
			return j
		}
		if t.kind == kWord && (t.s == "no" || t.s == "nr" || t.s == "number" || t.s == "n") {
			continue
		}
		if t.kind == kWord && j == i+1 && j+1 < len(toks) && toks[j+1].kind == kSym && toks[j+1].s == "-" {
			return e.prefixCode(toks, j) // model QV-45
		}
		if t.kind != kSym || t.isBreak() && t.s != "." && t.s != ":" {
			return -1
		}
	}
	return -1
}

// refBefore reports a reference word or the buyer's own possessive just
// before the code at toks[i] ("PO #4500", "quotation no. QT-26", "our
// model 12"), or a reference word as the code's own prefix (QT-26-0114).
func (e *Engine) refBefore(toks []token, i int, langs langMask) bool {
	if e.grammar.lookup(toks[i].s, langs)&rRef != 0 && toks[i].kind == kWord && !e.lx.codeWords[toks[i].s] {
		return true
	}
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		t := &toks[k]
		if t.kind == kSym && t.s != "(" && t.s != "#" && t.s != "." && t.s != ":" && t.s != "-" {
			return false
		}
		// a reference word, the buyer's own ("our model 12") or a
		// design thing: a drawing's number (Zeichnungen Z-3310, plano 0417-B)
		if r := e.grammar.lookup(t.s, langs); r&(rRef|rBuyerParty|rDesign) != 0 {
			return true
		}
		if t.nl {
			return false
		}
	}
	return false
}

// postcodeAt reports a British-style postcode: letters and digits, a
// space, a digit with two letters glued (LS1 4DY, NN11 8RD).
func postcodeAt(toks []token, j int) bool {
	k := j + 1
	return k+1 < len(toks) && toks[k].kind == kNum && toks[k].sp && len(toks[k].s) == 1 &&
		toks[k+1].kind == kWord && !toks[k+1].sp && len(toks[k+1].s) == 2
}
