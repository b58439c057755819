package triage

import (
	"math"
	"time"
)

// maxQuotedAmounts bounds the factory's amounts remembered from quoted text.
const maxQuotedAmounts = 8

// quotedFacts is what the factory's quoted text may tell the reading of
// the buyer's (TRIAGE.md section 1, "Whose text counts"): the amounts it
// quoted, so that the buyer repeating one does not make it a budget, and
// whether it names a product code, so that a buyer ordering on that quote
// takes the factory's model. Its quantities and dates give no cue.
type quotedFacts struct {
	amounts [maxQuotedAmounts]moneyCand
	n       int
	codes   int
}

// readQuoted reads the numbers of the quoted text with the same readers
// as the buyer's, in a scan of its own.
func (e *Engine) readQuoted(quoted string, sentAt time.Time, lang string) quotedFacts {
	var q quotedFacts
	if quoted == "" {
		return q
	}
	sc := e.getScan()
	defer e.putScan(sc)
	sc.lang = lang
	sc.toks = tokenize(quoted, e.lx.thaiWords, e.lx.thaiMax, sc.toks)
	e.readNumbers(sc, sentAt)
	q.codes = e.productCodes(sc.toks, lang)
	for _, m := range sc.money {
		if q.n == maxQuotedAmounts {
			break
		}
		q.amounts[q.n] = m
		q.n++
	}
	return q
}

// markRepeated marks the buyer's amounts that repeat one the factory
// quoted ("your USD 19.80 is above our target"): the factory's price,
// never a budget.
func (q *quotedFacts) markRepeated(ms []moneyCand) {
	for i := range ms {
		for _, a := range q.amounts[:q.n] {
			if a.currency == ms[i].currency && sameAmount(a.lo, ms[i].lo) && sameAmount(a.hi, ms[i].hi) {
				ms[i].quoted = true
			}
		}
	}
}

func sameAmount(a, b float64) bool { return math.Abs(a-b) <= 0.005*math.Max(1, math.Abs(a)) }

// modelChoice is the ownership when the buyer's own words settle none: a
// buyer who orders a quantity on a quote that names the factory's product
// code takes the factory's model.
func (q *quotedFacts) modelChoice(own Ownership, qty *Range) Ownership {
	if own == OwnerUnknown && q.codes > 0 && qty != nil {
		return OwnerFactory
	}
	return own
}

// productCodes counts the product codes of toks, reference numbers
// (quotation, drawing, PO numbers, postcodes) aside, as ownership_codes.go
// tells them apart.
func (e *Engine) productCodes(toks []token, lang string) int {
	langs := readLangs(lang)
	n := 0
	for i := range toks {
		at := e.codeAt(toks, i)
		if at >= 0 && !e.refBefore(toks, i, langs) && !postcodeAt(toks, at) {
			n++
		}
	}
	return n
}
