package triage

import (
	"math"
	"strings"
	"time"
)

// Turn is one message of a conversation read in its context
// (TRIAGE.md section 5): its cues, the cues the buyer declines to give, and
// whether it asks for a price.
type Turn struct {
	Reading
	// Declined are the cues the buyer says they don't know yet or won't
	// say ("not sure yet", "belum tahu", "还没定"), in question order.
	Declined []Cue
	// AsksPrice is set when the buyer asks what the goods cost.
	AsksPrice bool
	// Plain is set when the text is plainly written in Reading.Language
	// (a whole sentence of it), so it may switch the conversation's
	// language; numbers, sizes, codes and short answers are not.
	Plain bool
}

// ReadTurn reads one message of a conversation in context c.
func (e *Engine) ReadTurn(text string, sentAt time.Time, c Context) Turn {
	t := Turn{Reading: e.ReadIn(text, sentAt, c)}
	text = capText(text)
	t.Plain = t.Language != "" && e.lang.Plain(text, t.Language)
	low := strings.ToLower(normalize(text))
	t.AsksPrice = asksPrice(low)
	t.Declined = declines(low, c.Asked, t.Cues)
	return t
}

// readBare reads a number no reader took (TRIAGE.md section 5), in the
// first clause that has one: in a short answer, a number with a money
// scale (juta, triệu, ล้าน, lakh, million; k in Vietnamese) is money;
// otherwise it answers the quantity question if one was asked, else the
// budget question. A correction ("actually 1,200", "jadi 2.400") with a
// bare count is a quantity, whatever was asked. In a clause of any length
// that names the budget, the number is the budget.
func (e *Engine) readBare(sc *scan, sentAt time.Time) {
	if len(sc.lead) == 0 && containsCue(sc.conv.Asked, CueLeadTime) {
		if e.readAnsweredDate(sc, sentAt) {
			return // the date's numbers are no count
		}
	}
	toks := sc.toks
	for start := 0; start < len(toks); {
		end := start
		for end < len(toks) && !sentenceEndAt(toks, end) {
			end++
		}
		if e.readBareClause(sc, start, end) {
			return
		}
		start = end + 1
	}
}

// readAnsweredDate reads a short answer to the lead-time question that is
// a date with no deadline word ("end of March", "Q3", "March"): the
// question said what the date is for. A date the text itself gives to
// something else (a quote's validity, a visit) stays no deadline.
func (e *Engine) readAnsweredDate(sc *scan, sentAt time.Time) bool {
	words := 0
	for i := range sc.toks {
		if k := sc.toks[i].kind; k == kWord || k == kHan || k == kThai {
			words++
		}
	}
	if words > 6 {
		return false
	}
	base := time.Date(sentAt.Year(), sentAt.Month(), sentAt.Day(), 0, 0, 0, 0, time.UTC)
	forms := dateForms()
	for i := range sc.toks {
		if sc.toks[i].kind == kSym {
			continue
		}
		for _, f := range forms {
			sp, ok := f(e, sc.toks, i)
			if !ok || !sp.w.valid() || (sp.bare && words > 2) {
				continue
			}
			if e.headerDate(sc.toks, sp) || e.cueBefore(sc.toks, sp.first) == cueNot || e.cueAfter(sc.toks, sp.last) == cueNot {
				return true
			}
			if lo, hi, ok := sp.w.days(base, e.holidays); ok && hi > 0 && hi < 3*366 {
				sc.lead = append(sc.lead, leadCand{lo: lo, hi: hi, deadline: true, pos: sp.first})
			}
			return true
		}
	}
	return false
}

// sentenceEndAt reports whether toks[i] ends a sentence: . ! ? ; (a dot only
// before a space or the end, not inside 1.5).
func sentenceEndAt(toks []token, i int) bool {
	t := &toks[i]
	if t.kind != kSym {
		return false
	}
	switch t.s {
	case "?", "!", ";", "。", "！", "？":
		return true
	case ".":
		return i+1 >= len(toks) || toks[i+1].sp
	}
	return t.nl
}

// readBareClause applies readBare to toks[start:end] and reports whether
// it read a number there.
func (e *Engine) readBareClause(sc *scan, start, end int) bool {
	words, correction, budget := 0, false, false
	for i := start; i < end; i++ {
		t := &sc.toks[i]
		switch t.kind {
		case kWord, kHan, kThai:
			words++
			correction = correction || correctionWords[t.s]
			budget = budget || namesBudget(t.s)
		}
	}
	short := words <= 3 || (correction && words <= 6)
	if !short && !budget {
		return false
	}
	asked := func(c Cue) bool { return containsCue(sc.conv.Asked, c) }
	for i := start; i < end; i++ {
		t := &sc.toks[i]
		if t.kind == kSym || sc.taken(i) {
			continue
		}
		if short {
			t.trap = false
		}
		x, ok := e.parseNumber(sc.toks, i)
		if !ok || x.lo <= 0 || x.last >= end || sc.takenIn(x.first, x.last) {
			continue
		}
		money := e.moneyScale(sc.lang, x.scaleWord) || budget ||
			(!correction && !asked(CueQuantity) && asked(CueBudget))
		switch {
		case !short && !budget:
			return false
		case money && len(sc.money) == 0:
			if x.lo >= 0.01 && x.hi <= 1e13 {
				sc.money = append(sc.money, moneyCand{lo: x.lo, hi: x.hi, currency: e.bareCurrency(sc.lang, sc.ctxCurrency, x.scaleWord), budget: true, pos: x.first})
			}
		case !money && (correction || asked(CueQuantity)) && len(sc.qty) == 0:
			if x.lo >= 1 && x.lo < 1e9 && x.lo == math.Trunc(x.lo) {
				sc.qty = append(sc.qty, qtyCand{lo: math.Round(x.lo), hi: math.Round(x.hi), product: true, pos: x.first})
			}
		default:
			return false
		}
		return true
	}
	return false
}

// taken reports whether a reader made a candidate of the number at toks[i].
func (sc *scan) taken(i int) bool { return sc.takenIn(i, i) }

// takenIn reports whether a candidate starts within toks[first..last].
func (sc *scan) takenIn(first, last int) bool {
	in := func(p int) bool { return p >= first && p <= last }
	for _, q := range sc.qty {
		if in(q.pos) {
			return true
		}
	}
	for _, m := range sc.money {
		if in(m.pos) {
			return true
		}
	}
	for _, l := range sc.lead {
		if in(l.pos) {
			return true
		}
	}
	return false
}

// namesBudget reports whether the word names a budget in any language
// ("budget", "budgetnya", "bajet", 预算).
func namesBudget(w string) bool {
	for _, b := range cueWords[CueBudget] {
		if strings.HasPrefix(w, b) || (len(b) > 3 && strings.Contains(w, b)) {
			return true
		}
	}
	return false
}

// correctionWords start a correction in each language: the number that
// follows replaces the last one of its kind.
var correctionWords = map[string]bool{
	"actually": true, "correction": true, "meant": true, "instead": true,
	"jadi": true, "sorry": true, "eh": true, "ralat": true, "koreksi": true, "maksudnya": true, "maksud": true,
	"anzi": true, "cioè": true, "piuttosto": true,
	"corrijo": true, "perdón": true, "mejor": true, "corrección": true,
	"desculpa": true, "desculpe": true, "corrigindo": true,
	"plutôt": true, "pardon": true, "rectification": true,
	"eigentlich": true, "korrektur": true, "lieber": true,
	"nhầm": true, "sửa": true,
	"更正": true, "改成": true, "改为": true, "不对": true,
	"แก้เป็น": true,
}

// localAnswers words the suggested budget answers in the conversation's
// currency cur when the language's own answers are in another one (an
// Indonesian buyer talking in dollars is offered dollars, and one talking
// in rupiah never ringgit): each keeps its USD value, rounded to two
// significant figures, in the language's number style.
func (e *Engine) localAnswers(qs []Question, lang, cur string) {
	rate := 1.0
	if cur != "USD" {
		rate = e.rules.Rates[cur]
	}
	if cur == "" || rate <= 0 {
		return
	}
	for i := range qs {
		if qs[i].Cue != CueBudget {
			continue
		}
		out := make([]string, 0, len(qs[i].Answers))
		for _, a := range qs[i].Answers {
			m := e.Read(a, time.Time{}).Budget
			if m == nil || m.Currency == cur {
				return
			}
			v := twoFigures(m.USDMin / rate)
			out = append(out, e.texts.lang(lang).style.money(cur, v, v, false))
		}
		qs[i].Answers = out
	}
}

// twoFigures rounds v to two significant figures: 9,259 → 9,300.
func twoFigures(v float64) float64 {
	if v <= 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	p := math.Pow(10, math.Floor(math.Log10(v))-1)
	return math.Round(v/p) * p
}
