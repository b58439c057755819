package triage

// bareCurrency is the one rule for an amount written with no currency mark
// (TRIAGE.md section 1): the currency the conversation already used
// (ctxCur, "" when none); failing that, the currency of the buyer's market
// when the amount carries a local scale word (juta, triệu, ล้าน, 万, lakh);
// failing that, the default of the message's language.
func (e *Engine) bareCurrency(lang, ctxCur, scale string) string {
	if ctxCur != "" {
		return ctxCur
	}
	if scale != "" {
		if c := e.lx.qt.scaleMarket[lang][scale]; c != "" {
			return c
		}
		// Another market's word ("300 juta" in an English message); a
		// trailing k is a thousand everywhere and names no market.
		for _, l := range [...]string{"id", "vi", "th", "zh", "en"} {
			if c := e.lx.qt.scaleMarket[l][scale]; c != "" && scale != "k" {
				return c
			}
		}
	}
	if c := e.lx.qt.defCur[lang]; c != "" {
		return c
	}
	return "USD"
}

// moneyScale reports a scale word that makes a bare amount money in lang:
// "tiga ratus juta", "giá 120k" (a trailing k marks money only in
// Vietnamese).
func (e *Engine) moneyScale(lang, scale string) bool {
	if scale == "" {
		return false
	}
	if scale == "k" {
		return lang == "vi"
	}
	return e.lx.qt.moneyScale[scale]
}

// currencyBefore returns the currency written right before token i and the
// index of its first token.
func (e *Engine) currencyBefore(toks []token, i int) (string, int) {
	if i == 0 {
		return "", i
	}
	p := &toks[i-1]
	if p.s == "$" {
		if i >= 2 && !p.sp && toks[i-2].kind == kWord {
			if c := e.lx.dollarPfx[toks[i-2].s]; c != "" {
				return c, i - 2
			}
		}
		return "USD", i - 1
	}
	if c, n := e.lx.qt.curWords.endingAt(toks, i-1); n > 0 {
		return c, i - n
	}
	if c := e.lx.curPre[p.s]; c != "" {
		return c, i - 1
	}
	return "", i
}

// currencyAfter returns the currency written at toks[i] (after a number)
// and how many tokens it takes.
func (e *Engine) currencyAfter(toks []token, i int) (string, int) {
	if i >= len(toks) {
		return "", 0
	}
	t := &toks[i]
	if c, n := e.lx.qt.curWords.at(toks, i); n > 0 {
		return c, n
	}
	if e.lx.qt.yuanAfterBudget[t.s] {
		if c, n := e.lx.qt.curWords.at(toks, i); n > 0 {
			return c, n // 块钱
		}
		return "", 0 // 1000块镜子, 1,600 塊: pieces, not yuan
	}
	if c := e.lx.curPost[t.s]; c != "" {
		if t.s == "$" && i+1 < len(toks) && !toks[i+1].sp && toks[i+1].kind == kNum {
			return "", 0 // a dollar sign that opens the next amount
		}
		return c, 1
	}
	// "dos millones de pesos", "2 millions d'euros"
	if e.ofWord(t.s) && i+1 < len(toks) {
		if c, n := e.currencyAfter(toks, i+1); c != "" && toks[i+1].s != "$" {
			return c, n + 1
		}
	}
	if len(t.s) > 2 && t.s[:2] == "d'" {
		if c := e.lx.curPost[t.s[2:]]; c != "" {
			return c, 1
		}
	}
	// "20k USD", "1.5 crore INR": a scale already consumed; US$ after.
	if t.kind == kWord && i+1 < len(toks) && toks[i+1].s == "$" && !toks[i+1].sp {
		if c := e.lx.dollarPfx[t.s]; c != "" {
			return c, 2
		}
	}
	return "", 0
}

// ofWord reports the small word of "millones de pesos", "15 kits de
// reposição", "preço da dúzia", "500 of your mirrors".
func (e *Engine) ofWord(w string) bool { return e.lx.qt.ofWords[w] }
