package triage

import (
	"math"
	"strings"
)

// numExpr is a number found in the tokens: a value or a range, with the
// tokens it spans [first, last].
type numExpr struct {
	lo, hi      float64
	first, last int
	scaled      bool    // a scale word or suffix was applied (k, mil, juta, 万)
	scaleF      float64 // the product of the scales applied
	scaleWord   string  // the last scale applied
	currency    string  // a currency written inside the range ("$8-$10k")
	isRange     bool
}

// parseDigits reads a digit token with any grouping convention: 3,000
// 3.000 12.000.000 (groups), 9.50 2,5 (decimals), 1,200.50 (both).
// ok is false for forms that are no number (20.12.2026).
func parseDigits(s string) (v float64, decimal bool, ok bool) {
	if strings.Contains(s, "'") {
		s = strings.ReplaceAll(s, "'", "")
	}
	seps := 0
	var last byte
	lastPos := -1
	mixed := false
	for i := 0; i < len(s); i++ {
		if s[i] == '.' || s[i] == ',' {
			if seps > 0 && s[i] != last {
				mixed = true
			}
			seps++
			last = s[i]
			lastPos = i
		}
	}
	if len(s) > 18 {
		return 0, false, false
	}
	if seps == 0 {
		return atof(s), false, true
	}
	var buf [maxDigitGroups]string
	groups := digitGroups(s, &buf)
	tail := len(s) - lastPos - 1
	switch {
	case mixed:
		// 1,200.50 or 1.200,50: the last separator is the decimal point.
		// atof skips the separators, so the integer part needs no copy.
		return atof(s[:lastPos]) + atof(s[lastPos+1:])/math.Pow10(tail), true, true
	case seps == 1 && tail != 3:
		return atof(groups[0]) + atof(groups[1])/math.Pow10(tail), true, true
	}
	// Every group after the first has three digits: thousands. Indian
	// grouping (20,00,000) has two-digit groups before the last three.
	if len(groups[0]) > 3 {
		return 0, false, false
	}
	for gi, g := range groups[1:] {
		last := gi == len(groups)-2
		if len(g) != 3 && (last || len(g) != 2 || !strings.Contains(s, ",")) {
			return 0, false, false
		}
	}
	return atof(s), false, true // atof skips the group separators
}

// maxDigitGroups bounds the groups of a number parseDigits reads: it
// takes at most 18 bytes, so at most 9 groups.
const maxDigitGroups = 10

// digitGroups cuts s at its dots and commas into buf, dropping empty
// groups (as strings.FieldsFunc would) without allocating: parseDigits
// runs at every number of every message.
func digitGroups(s string, buf *[maxDigitGroups]string) []string {
	out := buf[:0]
	start := -1
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] != '.' && s[i] != ',' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && len(out) < len(buf) {
			out = append(out, s[start:i])
		}
		start = -1
	}
	return out
}

func atof(s string) float64 {
	var v float64
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			v = v*10 + float64(s[i]-'0')
		}
	}
	return v
}

// parseNumber reads the number starting at tokens[i], if any: one number
// or a range of two (2,000-3,000 / 1 to 2 / 8–10k / $45-$50).
func (e *Engine) parseNumber(toks []token, i int) (numExpr, bool) {
	x, ok := e.parseSingle(toks, i)
	if !ok {
		return x, false
	}
	if r, ok := e.rangeAfter(toks, i, x); ok {
		return r, true
	}
	return x, true
}

// rangeAfter reads the second end of a range that x opens: a range join,
// maybe a currency mark, then a number no smaller than x. A scale on the
// second end alone scales both ("20 to 30 thousand").
func (e *Engine) rangeAfter(toks []token, i int, x numExpr) (numExpr, bool) {
	j := x.last + 1
	// "zwischen 20.000 € und 25.000 €", "entre 20 000 € et 25 000 €": the
	// currency of the first end, then the join.
	cur := ""
	if j+1 < len(toks) && !toks[j].trap && e.lx.curPost[toks[j].s] != "" && e.lx.rangeJoin[toks[j+1].s] && toks[j+1].s != "," && e.betweenBefore(toks, i) {
		cur = e.lx.curPost[toks[j].s]
		j++
	}
	if j >= len(toks) || toks[j].trap || !e.lx.rangeJoin[toks[j].s] || toks[j].s == "," {
		return x, false
	}
	k := j + 1
	if k < len(toks) && toks[k].kind == kSym && e.lx.curPre[toks[k].s] != "" {
		cur = e.lx.curPre[toks[k].s]
		k++
	}
	wordJoin := toks[j].kind == kWord || toks[j].kind == kThai || toks[j].kind == kHan
	if k >= len(toks) || toks[k].trap || toks[k].kind != kNum && !wordJoin {
		return x, false
	}
	y, ok := e.parseSingle(toks, k)
	if !ok || y.lo <= 0 {
		return x, false
	}
	lo := x.lo
	if !x.scaled && y.scaled && lo*y.scaleF <= y.lo*1.0001 {
		lo *= y.scaleF
	}
	if y.lo < lo || !e.joinMakesRange(toks, i, j, y) {
		return x, false
	}
	return numExpr{lo: lo, hi: y.hi, first: i, last: y.last, scaled: x.scaled || y.scaled,
		scaleWord: y.scaleWord, currency: cur, isRange: true}, true
}

// joinMakesRange reports whether the join at j makes one range of the
// numbers around it: a dash or "to" always; "and" only after "between";
// "or" after "between" or before a count or a duration ("300 or 400
// compact mirrors", "2 or 3 months").
func (e *Engine) joinMakesRange(toks []token, i, j int, y numExpr) bool {
	join := toks[j].s
	or, and := e.lx.qt.orJoins[join], e.lx.qt.andJoins[join]
	switch {
	case !or && !and:
		return true
	case e.betweenBefore(toks, i):
		return true
	}
	return or && (e.countAfter(toks, y.last+1) || e.durationAt(toks, y.last+1) > 0) // "2 or 3 months"
}

// betweenBefore reports a "between"-like word right before a number, so that
// "between 500 and 800" is a range but "500 and 800" two amounts; a currency
// mark may stand between them ("entre R$ 20.000 e 25.000").
func (e *Engine) betweenBefore(toks []token, i int) bool {
	w := 2
	for k := i - 1; k >= 0 && k >= i-w; k-- {
		switch {
		case e.lx.qt.in(wsBetweenWords, toks[k].s):
			return true
		}
		if w < 5 && (e.lx.curPre[toks[k].s] != "" || e.lx.dollarPfx[toks[k].s] != "") {
			w++ // skip the currency mark
		}
	}
	return false
}

// parseSingle reads one number (no range) at tokens[i].
func (e *Engine) parseSingle(toks []token, i int) (numExpr, bool) {
	t := &toks[i]
	if t.trap {
		return numExpr{}, false
	}
	var x numExpr
	switch t.kind {
	case kNum:
		v, _, ok := parseDigits(t.s)
		if !ok {
			return x, false
		}
		x = numExpr{lo: v, first: i, last: i}
		// European grouping with spaces: 20 000, 1 200 000.
		// Not a number glued to a word: "kira2 700" is "kira-kira 700".
		if (!strings.ContainsAny(t.s, ".,") || isGrouped(t.s)) && (t.sp || i == 0 || toks[i-1].kind != kWord) {
			for k := x.last + 1; k < len(toks) && toks[k].kind == kNum && toks[k].sp && !toks[k].nl && !toks[k].trap && len(toks[k].s) == 3 && x.lo < 1e15 && digitsOnly(toks[k].s) && len(t.s) <= 3; k++ {
				if k+1 < len(toks) && toks[k+1].kind == kNum && !toks[k+1].sp {
					break
				}
				x.lo = x.lo*1000 + atof(toks[k].s)
				x.last = k
			}
		}
		// Chinese or Thai scale right after digits: 5千, 20万, 1 ล้าน.
		x = e.applyScales(toks, x)
	case kHan:
		if _, ok := e.lx.hanDigits[t.s]; !ok {
			if _, ok := e.lx.hanPlaces[t.s]; !ok {
				return x, false
			}
		}
		v, last := parsePlaceNumber(toks, i, e.lx.hanDigits, e.lx.hanPlaces, e.lx.hanScales, e.lx.qt.halves, kHan)
		if last < i {
			return x, false
		}
		x = numExpr{lo: v, first: i, last: last}
	case kThai:
		if _, ok := e.lx.thaiDigits[t.s]; !ok {
			_, place := e.lx.thaiPlaces[t.s]
			_, scale := e.lx.thaiScales[t.s]
			if !place && !scale {
				return x, false
			}
		}
		v, last := parsePlaceNumber(toks, i, e.lx.thaiDigits, e.lx.thaiPlaces, e.lx.thaiScales, e.lx.qt.halves, kThai)
		if last < i {
			return x, false
		}
		x = numExpr{lo: v, first: i, last: last}
	case kWord:
		v, last, ok := e.parseWords(toks, i)
		if !ok {
			return x, false
		}
		x = numExpr{lo: v, first: i, last: last}
		x.scaleWord, x.scaleF = e.wordScale(toks, i, last)
		x.scaled = x.scaleWord != "" || last > i && v != math.Trunc(v)
	default:
		return x, false
	}
	x.hi = x.lo
	return x, true
}

func digitsOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func isGrouped(s string) bool {
	_, dec, ok := parseDigits(s)
	return ok && !dec && strings.ContainsAny(s, ".,")
}

// applyScales applies suffixes after a digit number: k, mil, juta, 万, lakh.
func (e *Engine) applyScales(toks []token, x numExpr) numExpr {
	for n := 0; n < 2; n++ {
		k := x.last + 1
		if k >= len(toks) || toks[k].trap {
			return x
		}
		t := &toks[k]
		s := t.s
		f, ok := e.lx.scales[s]
		if !ok {
			// A Thai word glued to its scale: ล้านบาท is cut as ล้าน + บาท already.
			return x
		}
		if t.kind == kHan && k+1 < len(toks) && e.lx.measures[t.s+toks[k+1].s] {
			return x // 5千克, 2 千米: kilo-, a measure
		}
		if s == "k" && t.sp && (k+1 >= len(toks) || toks[k+1].sp || e.lx.curPost[toks[k+1].s] == "") {
			return x // "9 k€" is nine thousand euros; "9 k" alone is not
		}
		x.lo *= f
		x.last = k
		if x.scaleF == 0 {
			x.scaleF = 1
		}
		x.scaleF *= f
		x.scaled = true
		x.scaleWord = s
	}
	return x
}

// parsePlaceNumber reads Chinese or Thai numerals (digits allowed in front):
// 三千, 两万五千, 5千, สามพัน, สองหมื่นห้าพัน. A digit right after a place
// ends in the place below it (两千五 is 2,500, สองพันห้า 2,500); a half
// word after a place adds half of it (ล้านครึ่ง is 1,500,000).
func parsePlaceNumber(toks []token, i int, digits, places, scales map[string]float64, halves map[string]bool, kind tokKind) (float64, int) {
	var total, group, d, lastP float64
	have, afterPlace := false, false
	last := i - 1
	for k := i; k < len(toks) && k < i+24; k++ {
		t := &toks[k]
		if t.kind != kind || (k > i && t.sp) {
			break
		}
		if v, ok := digits[t.s]; ok {
			if have {
				break // two digits in a row: 一二 is no number
			}
			d, have = v, true
			afterPlace = last == k-1 && lastP > 0
			last = k
			continue
		}
		if p, ok := places[t.s]; ok {
			if !have {
				d = 1
			}
			group += d * p
			d, have, lastP = 0, false, p
			last = k
			continue
		}
		if s, ok := scales[t.s]; ok {
			if !have && group == 0 {
				d = 1 // ล้านบาท: a million baht
			}
			total += (group + d) * s
			group, d, have, lastP = 0, 0, false, s
			last = k
			continue
		}
		if halves[t.s] && last == k-1 && lastP > 0 && !have {
			total += lastP / 2
			last = k
			lastP = 0
			continue
		}
		break
	}
	if have && afterPlace && lastP >= 100 {
		d *= lastP / 10
	}
	return total + group + d, last
}

// parseWords reads number words: three thousand, dua ribu lima ratus, ba
// nghìn, tres mil, zweitausend, half a million.
func (e *Engine) parseWords(toks []token, i int) (float64, int, bool) {
	p := wordNum{e: e}
	last := i - 1
	var buf [maxWordParts]numWord // reused by every word: no allocation per word
	for k := i; k < len(toks) && k < i+16; k++ {
		t := &toks[k]
		if t.kind == kSym && t.s == "-" && k > i && !t.sp {
			continue
		}
		if t.kind != kWord || t.foreign {
			break
		}
		parts := e.wordParts(t.s, buf[:0])
		if parts == nil || !p.word(parts, toks, k) {
			break
		}
		last = k
	}
	// Trailing joins or articles are not part of the number.
	for last >= i {
		if nw, ok := e.lx.numWords[toks[last].s]; ok && (nw.kind == nwJoin || nw.kind == nwArticle) || toks[last].s == "-" {
			last--
			continue
		}
		break
	}
	v := p.total + p.cur
	if !p.real || last < i || v <= 0 {
		return 0, 0, false
	}
	return v, last, true
}

// wordNum is the state of reading number words, one word at a time.
type wordNum struct {
	e          *Engine
	total, cur float64
	real       bool // a word that is a number by itself
	bigger     bool // hundred or scale seen
	article    bool // "a", "un", "mil" alone: one, if a hundred or scale follows
	// lastUnit is the unit word just read, which a tens word (puluh,
	// mươi) multiplies: seratus lima puluh is 100 + 5×10, not (100+5)×10.
	lastUnit float64
	// lastPlace is the hundred or scale just read, which a half word
	// (rưỡi) halves: một trăm rưỡi is 150, hai nghìn rưỡi 2,500.
	lastPlace  float64
	placeScale bool
}

// word adds the number words of toks[k] (split in parts); false stops the
// number before it.
func (p *wordNum) word(parts []numWord, toks []token, k int) bool {
	for _, w := range parts {
		ok := true
		switch w.kind {
		case nwUnit:
			ok = p.unit(w.v, toks, k)
		case nwHundred:
			ok = p.hundred(w.v)
		case nwScaleOne:
			if ok = p.cur == 0; ok {
				p.total += w.v
				p.lastUnit, p.real, p.bigger = 0, true, true
			}
		case nwScale:
			ok = p.scale(w.v, toks[k].s)
		case nwTens:
			if ok = p.cur != 0 && p.lastUnit != 0; ok {
				p.cur += p.lastUnit * (w.v - 1)
				p.lastUnit = 0
			}
		case nwHalf:
			ok = p.half()
		case nwTeen:
			if ok = p.cur != 0; ok {
				p.cur += w.v
			}
		case nwArticle:
			ok = p.articleWord(toks, k)
		case nwJoin:
			ok = p.real
		}
		if !ok {
			return false
		}
	}
	return true
}

func (p *wordNum) unit(v float64, toks []token, k int) bool {
	if v == 0.5 && p.real && p.cur >= 1 && p.cur < 10 && !p.bigger && k+1 < len(toks) && p.e.lx.numWords[toks[k+1].s].kind == nwScale {
		p.cur += 0.5 // two and a half thousand
		return true
	}
	if p.real && p.cur > 0 && (v < 10 && p.cur < 10 && !p.bigger || v >= 10 && int64(p.cur)%100 >= 10) {
		return false // "two and three million", "veinte y veinticinco": two numbers
	}
	p.cur += v
	p.lastUnit, p.real = v, true
	return true
}

func (p *wordNum) hundred(v float64) bool {
	if p.cur == 0 {
		if !p.article && !p.real {
			return false
		}
		p.cur = 1
	}
	p.cur *= v
	p.lastUnit, p.lastPlace, p.placeScale = 0, v, false
	p.real, p.bigger = true, true
	return true
}

func (p *wordNum) scale(v float64, word string) bool {
	if p.cur == 0 && p.total == 0 && !p.real && p.e.lx.qt.scaleAlone[word] {
		p.article = true // "mil espejos", "mille miroirs": one thousand
	}
	if p.cur == 0 {
		if !p.article && !p.real {
			return false
		}
		p.cur = 1
	}
	p.total += p.cur * v
	p.cur, p.lastUnit, p.lastPlace, p.placeScale = 0, 0, v, true
	p.real, p.bigger = true, true
	return true
}

func (p *wordNum) half() bool {
	if p.lastPlace == 0 {
		return false
	}
	if p.placeScale {
		p.total += p.lastPlace / 2
	} else {
		p.cur += p.lastPlace / 2
	}
	p.lastPlace = 0
	return true
}

func (p *wordNum) articleWord(toks []token, k int) bool {
	switch {
	case p.cur == 0.5 && p.total == 0:
		return true // half a million
	case p.real && !p.bigger && k+1 < len(toks) && p.e.lx.numWords[toks[k+1].s].v == 0.5:
		return true // the "a" of "two and a half thousand"
	case p.real:
		return false
	}
	p.article = true
	return true
}

// maxWordParts is the most pieces wordParts reads in one compound word,
// plus the article it may put first.
const maxWordParts = 13

// wordParts splits a word into number words: the word itself, or a compound
// (zweitausendfünfhundert, duemilacinquecento), appended to out, which
// the caller gives with room for maxWordParts. nil when it is no number.
func (e *Engine) wordParts(w string, out []numWord) []numWord {
	if nw, ok := e.lx.numWords[w]; ok {
		return append(out, nw)
	}
	if len(w) < 6 || !e.lx.piecePfx[w[:3]] {
		return nil
	}
	rest := w
	for rest != "" && len(out) < 12 {
		best := ""
		for _, p := range e.lx.numPieces {
			if len(p) > len(best) && strings.HasPrefix(rest, p) {
				best = p
			}
		}
		if best == "" {
			return nil
		}
		nw := e.lx.numWords[best]
		if best == "cento" || best == "hundert" {
			nw = numWord{100, nwHundred} // a multiplier inside a compound
			if len(out) == 0 {
				out = append(out, numWord{1, nwArticle})
			}
		}
		out = append(out, nw)
		rest = rest[len(best):]
	}
	if rest != "" {
		return nil
	}
	return out
}

// seqTable is a table of words and phrases matched as token sequences, each
// with a value. An entry is tokenized as a message is, so a Chinese word is
// its characters and a Thai one its lexicon words.
type seqTable struct {
	byFirst map[string][]seqEntry
	last    map[string]bool // the last token of each entry: endingAt's quick no
	maxLen  int
}

type seqEntry struct {
	toks []string
	val  string
}

// newSeqTable builds a table from entry → value; tokenize is the engine's
// own cutting of a normalised entry.
func newSeqTable(entries map[string]string, cut func(string) []string) *seqTable {
	st := &seqTable{byFirst: map[string][]seqEntry{}, last: map[string]bool{}}
	for w, v := range entries {
		parts := cut(w)
		if len(parts) == 0 {
			continue
		}
		st.byFirst[parts[0]] = append(st.byFirst[parts[0]], seqEntry{toks: parts, val: v})
		st.last[parts[len(parts)-1]] = true
		if len(parts) > st.maxLen {
			st.maxLen = len(parts)
		}
	}
	// longest first, so that at() returns the longest match
	for k, es := range st.byFirst {
		for i := 1; i < len(es); i++ {
			for j := i; j > 0 && len(es[j].toks) > len(es[j-1].toks); j-- {
				es[j], es[j-1] = es[j-1], es[j]
			}
		}
		st.byFirst[k] = es
	}
	return st
}

// at returns the value and token length of the longest entry that starts
// at toks[i] (0 when none does).
func (st *seqTable) at(toks []token, i int) (string, int) {
	if st == nil || i < 0 || i >= len(toks) {
		return "", 0
	}
	for _, e := range st.byFirst[toks[i].s] {
		if seqMatch(toks, i, e.toks) {
			return e.val, len(e.toks)
		}
	}
	return "", 0
}

// endingAt returns the value of the longest entry whose last token is toks[j].
func (st *seqTable) endingAt(toks []token, j int) (string, int) {
	if st == nil || j < 0 || j >= len(toks) || !st.last[toks[j].s] {
		return "", 0
	}
	for n := st.maxLen; n >= 1; n-- {
		if v, m := st.at(toks, j-n+1); m == n {
			return v, n
		}
	}
	return "", 0
}

// within reports an entry starting in toks[from:to] (bounded by the caller).
func (st *seqTable) within(toks []token, from, to int) (string, int) {
	if from < 0 {
		from = 0
	}
	for k := from; k < to && k < len(toks); k++ {
		if v, n := st.at(toks, k); n > 0 {
			return v, k
		}
	}
	return "", -1
}

func seqMatch(toks []token, i int, seq []string) bool {
	if i+len(seq) > len(toks) {
		return false
	}
	for k, s := range seq {
		if toks[i+k].s != s {
			return false
		}
	}
	return true
}

// wordScale returns the last scale word of the number words toks[i..last]
// and, when the number ends in it, its value ("three million": 1e6), so
// that "between two and three million" scales both ends.
func (e *Engine) wordScale(toks []token, i, last int) (string, float64) {
	for k := last; k >= i; k-- {
		if nw := e.lx.numWords[toks[k].s]; nw.kind == nwScale {
			if k == last {
				return toks[k].s, nw.v
			}
			return toks[k].s, 1
		}
	}
	return "", 1
}

// has reports an entry that starts at toks[k].
func (st *seqTable) has(toks []token, k int) bool {
	_, n := st.at(toks, k)
	return n > 0
}

// ends reports an entry whose last token is toks[k].
func (st *seqTable) ends(toks []token, k int) bool {
	_, n := st.endingAt(toks, k)
	return n > 0
}
