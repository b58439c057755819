package triage

// pickBudget chooses the buyer's budget: a total the buyer states (one with
// a budget word first), else a target unit price times the quantity. The
// factory's own quoted prices never count.
func (e *Engine) pickBudget(ms []moneyCand, q *Range) (budget, unit *Money) {
	var total, per *moneyCand
	own := ownMoney(ms)
	for i := range ms {
		m := &ms[i]
		if m.quoted || own && m.fwd {
			continue
		}
		if m.unitPrice {
			if per == nil {
				per = m
			}
			continue
		}
		if total == nil || (m.budget && !total.budget) {
			total = m
		}
	}
	if per != nil {
		unit = e.money(per.lo, per.hi, per.currency)
	}
	switch {
	case total != nil:
		budget = e.money(total.lo, total.hi, total.currency)
	case unit != nil && q != nil:
		budget = e.money(unit.Min*float64(q.Min), unit.Max*float64(q.Max), unit.Currency)
	}
	return budget, unit
}

// ownMoney reports an amount of the buyer's own words (not forwarded, not
// the factory's): then the forwarded text's amounts give way to it.
func ownMoney(ms []moneyCand) bool {
	for i := range ms {
		if !ms[i].fwd && !ms[i].quoted {
			return true
		}
	}
	return false
}
