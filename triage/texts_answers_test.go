package triage_test

import (
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/triagebot/triagebot/triage"
)

// TestSuggestedAnswersReadBack reads every suggested answer of the shipped
// defaults back through the engine, as a button click arrives: each must
// yield the cue it answers, and the answers must point at the models in
// order (first ODM-sized, then OEM-sized, then CM-sized), so a buyer who
// taps one gets the verdict the button promises.
func TestSuggestedAnswersReadBack(t *testing.T) {
	rules := triage.DefaultRules()
	e, err := triage.New(rules)
	if err != nil {
		t.Fatalf("triage.New(defaults): %v", err)
	}
	sentAt := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	b := rules.Bands
	wantOwner := []triage.Ownership{triage.OwnerBuyer, triage.OwnerFactory}
	wantQty := []int64{500, 2000, 10000}
	wantLead := []int64{60, 120}
	// Budgets are in each language's usual currency, so they are checked
	// against the bands in USD rather than as exact values.
	budgetOK := []func(usd float64) bool{
		func(usd float64) bool { return usd >= b.ODM.InvestMinUSD && usd < b.OEM.InvestMinUSD },
		func(usd float64) bool { return usd >= b.OEM.InvestMinUSD && usd < b.CM.InvestMinUSD },
		func(usd float64) bool { return usd >= b.CM.InvestMinUSD },
	}
	for _, lang := range slices.Sorted(maps.Keys(rules.Languages)) {
		l := rules.Languages[lang]
		for _, cue := range []triage.Cue{triage.CueOwnership, triage.CueQuantity, triage.CueBudget, triage.CueLeadTime} {
			for i, a := range l.Questions[cue].Answers {
				t.Run(fmt.Sprintf("%s/%s/%d", lang, cue, i), func(t *testing.T) {
					rd := e.ReadAnswer(a, sentAt, cue)
					switch cue {
					case triage.CueOwnership:
						if i < len(wantOwner) && rd.Ownership != wantOwner[i] {
							t.Errorf("ReadAnswer(%q, %s).Ownership = %q, want %q", a, cue, rd.Ownership, wantOwner[i])
						}
					case triage.CueQuantity:
						if rd.Quantity == nil {
							t.Errorf("ReadAnswer(%q, %s).Quantity = nil, want %d", a, cue, wantQty[i])
						} else if i < len(wantQty) && rd.Quantity.Min != wantQty[i] {
							t.Errorf("ReadAnswer(%q, %s).Quantity = %+v, want %d", a, cue, *rd.Quantity, wantQty[i])
						}
					case triage.CueBudget:
						if rd.Budget == nil {
							t.Errorf("ReadAnswer(%q, %s).Budget = nil, want an amount", a, cue)
						} else if i < len(budgetOK) && !budgetOK[i](rd.Budget.USDMin) {
							t.Errorf("ReadAnswer(%q, %s).Budget = %+v: USD %v is not in the band of answer %d", a, cue, *rd.Budget, rd.Budget.USDMin, i+1)
						}
					case triage.CueLeadTime:
						if rd.LeadTimeDays == nil {
							t.Errorf("ReadAnswer(%q, %s).LeadTimeDays = nil, want %d", a, cue, wantLead[i])
						} else if i < len(wantLead) && rd.LeadTimeDays.Min != wantLead[i] {
							t.Errorf("ReadAnswer(%q, %s).LeadTimeDays = %+v, want %d", a, cue, *rd.LeadTimeDays, wantLead[i])
						}
					}
				})
			}
		}
	}
}
