package triage

import "math"

// The classes of quantities, from the surest to the weakest: the sum of
// the first class that states any is the order's quantity.
const (
	qcOrder  = iota // counted order quantities
	qcOpen          // a number before any other noun after an order verb (quote 1200 towel racks)
	qcRate          // rates, shares and packing (500 pcs/month, 10 pcs/carton)
	qcSample        // samples and trials: only when no order is stated
	qcWeak          // bare numbers after an order verb
	qcPast          // a past order or yearly volume: only when nothing else is stated
	qcClasses
)

func (q qtyCand) class() int {
	switch {
	case q.past:
		return qcPast
	case q.weak:
		return qcWeak
	case q.sample:
		return qcSample
	case q.rate:
		return qcRate
	case q.open:
		return qcOpen
	}
	return qcOrder
}

// pickQuantity adds up the line items of the order; a total the buyer
// states wins, and the weaker classes count only when no stronger one
// states anything.
func pickQuantity(qs []qtyCand) *Range {
	qs = ownFirst(qs)
	for _, q := range qs {
		if q.total && q.class() == qcOrder || q.total && q.rate && !q.past && !q.sample && !q.weak && !q.open {
			return rangeOf(q.lo, q.hi)
		}
	}
	if r := totalFirst(qs); r != nil {
		return r
	}
	for class := 0; class < qcClasses; class++ {
		var lo, hi float64
		found := false
		for i, q := range qs {
			if q.class() != class || restated(qs, i) || designCount(qs, i) {
				continue
			}
			lo, hi, found = lo+q.lo, hi+q.hi, true
		}
		if found {
			if lo < 1 || hi > 1e12 {
				return nil
			}
			return rangeOf(lo, hi)
		}
	}
	return nil
}

func rangeOf(lo, hi float64) *Range {
	return &Range{Min: int64(math.Round(lo)), Max: int64(math.Round(hi))}
}

// totalFirst reads a quantity followed by its breakdown (1000 pcs: 500 in
// 60cm and 500 in 80cm): the total comes first, its parts follow a colon or
// comma right after it, and they add up to it.
func totalFirst(qs []qtyCand) *Range {
	var sum float64
	n := 0
	for _, q := range qs {
		if q.class() == qcOrder {
			sum += q.lo
			n++
		}
	}
	if n < 3 {
		return nil
	}
	for _, q := range qs {
		if q.class() != qcOrder {
			continue
		}
		if q.direct && q.lo*2 == sum && q.colon {
			return rangeOf(q.lo, q.hi)
		}
		return nil // "300 …, 200 … and 500 …" are three items
	}
	return nil
}

// designCount reports a small count of products that a list of exactly as
// many, much larger line items follows: "two mirrors of our design: A 1,500
// pcs, B 800 pcs" orders 2,300, not 2,302.
func designCount(qs []qtyCand, i int) bool {
	q := qs[i]
	if q.lo < 2 || q.lo > 12 || q.lo != q.hi || q.class() != qcOrder {
		return false
	}
	later := 0
	for _, r := range qs[i+1:] {
		if r.class() != qcOrder {
			continue
		}
		if r.lo < 10*q.lo {
			return false
		}
		later++
	}
	return float64(later) == q.lo
}

// restated reports that qs[i] repeats an earlier quantity of the same
// class in another sentence ("We need 3,000 pcs. … Please quote 3,000 pcs.").
func restated(qs []qtyCand, i int) bool {
	for j := 0; j < i; j++ {
		if qs[j].lo == qs[i].lo && qs[j].hi == qs[i].hi && qs[j].sent != qs[i].sent && qs[j].class() == qs[i].class() {
			return true
		}
	}
	return false
}

// ownFirst drops the quantities of forwarded text when the buyer's own
// words above it state one: "we settled on 640" wins over the
// forwarded note's "qty 600 approx". It filters qs in place.
func ownFirst(qs []qtyCand) []qtyCand {
	own := false
	for _, q := range qs {
		if !q.fwd && q.class() < qcPast {
			own = true
			break
		}
	}
	if !own {
		return qs
	}
	out := qs[:0]
	for _, q := range qs {
		if !q.fwd {
			out = append(out, q)
		}
	}
	return out
}
