package triage_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/triagebot/triagebot/triage"
)

func usd(v float64) *triage.Money {
	return &triage.Money{Min: v, Max: v, Currency: "USD", USDMin: v, USDMax: v}
}

// TestDecide walks the decision rules and warnings of TRIAGE.md section 2.
func TestDecide(t *testing.T) {
	e := newEngine(t)
	B, F := triage.OwnerBuyer, triage.OwnerFactory
	tests := []struct {
		name  string
		c     triage.Cues
		model triage.Model
		warns []string
	}{
		{"buyer design", triage.Cues{Ownership: B, Quantity: rng(3000, 3000), Budget: usd(40000)}, triage.OEM, nil},
		{"buyer + supply chain", triage.Cues{Ownership: B, SupplyChain: true, Quantity: rng(20000, 20000)}, triage.CM, []string{"budget_below_cm"}[:0]},
		{"buyer, big qty and budget", triage.Cues{Ownership: B, Quantity: rng(15000, 15000), Budget: usd(142500)}, triage.CM, nil},
		{"buyer, big qty small budget", triage.Cues{Ownership: B, Quantity: rng(12000, 12000), Budget: usd(40000)}, triage.OEM, nil},
		{"buyer, big qty no budget", triage.Cues{Ownership: B, Quantity: rng(10000, 10000)}, triage.OEM, nil},
		{"factory design", triage.Cues{Ownership: F, Quantity: rng(1000, 1000)}, triage.ODM, nil},
		{"factory + supply chain", triage.Cues{Ownership: F, SupplyChain: true, Quantity: rng(800, 800)}, triage.ODM, nil},
		{"supply chain only", triage.Cues{SupplyChain: true, Quantity: rng(5000, 5000)}, triage.CM, []string{"qty_below_cm_moq"}},
		{"no cues", triage.Cues{}, triage.Unknown, nil},
		{"vote qty odm", triage.Cues{Quantity: rng(600, 600)}, triage.ODM, nil},
		{"vote qty oem", triage.Cues{Quantity: rng(2500, 2500)}, triage.OEM, nil},
		{"vote tie qty/budget", triage.Cues{Quantity: rng(1500, 1500), Budget: usd(21600)}, triage.Unknown, nil},
		{"vote tie qty/budget 2", triage.Cues{Quantity: rng(3000, 3000), Budget: usd(9000)}, triage.Unknown, nil},
		{"vote lead only oem", triage.Cues{LeadTimeDays: rng(150, 150)}, triage.OEM, nil},
		{"vote lead 90 is odm", triage.Cues{LeadTimeDays: rng(90, 90)}, triage.ODM, nil},
		{"vote budget+lead", triage.Cues{Budget: usd(9000), LeadTimeDays: rng(150, 150)}, triage.ODM, []string{"budget_below_odm"}[:0]},
		{"range judged by min", triage.Cues{Quantity: rng(1500, 3000)}, triage.ODM, nil},
		// warnings
		{"oem small", triage.Cues{Ownership: B, Quantity: rng(300, 300), Budget: usd(6000), LeadTimeDays: rng(60, 60)}, triage.OEM,
			[]string{"qty_below_oem_moq", "budget_below_oem", "lead_time_short_for_oem"}},
		{"cm small", triage.Cues{Ownership: B, SupplyChain: true, Quantity: rng(800, 800), Budget: usd(20000)}, triage.CM,
			[]string{"qty_below_oem_moq", "qty_below_cm_moq", "budget_below_cm"}},
		{"odm small", triage.Cues{Ownership: F, Quantity: rng(50, 50), Budget: usd(1000)}, triage.ODM,
			[]string{"qty_below_odm_moq", "budget_below_odm"}},
		{"oem lead 89", triage.Cues{Ownership: B, LeadTimeDays: rng(89, 89)}, triage.OEM, []string{"lead_time_short_for_oem"}},
		{"oem lead 90", triage.Cues{Ownership: B, LeadTimeDays: rng(90, 90)}, triage.OEM, nil},
	}
	for _, tt := range tests {
		v := e.Decide(tt.c, "en")
		if v.Model != tt.model {
			t.Errorf("%s: Decide(%+v).Model = %s, want %s", tt.name, tt.c, v.Model, tt.model)
		}
		if tt.warns == nil {
			tt.warns = []string{}
		}
		if !slices.Equal(v.Warnings, tt.warns) {
			t.Errorf("%s: Decide().Warnings = %v, want %v", tt.name, v.Warnings, tt.warns)
		}
	}
}

// TestDecideBandsFromRules checks that the bands come from the rules, not
// from constants.
func TestDecideBandsFromRules(t *testing.T) {
	r := triage.DefaultRules()
	r.Bands.OEM.MOQMin = 100
	e, err := triage.New(r)
	if err != nil {
		t.Fatal(err)
	}
	if v := e.Decide(triage.Cues{Quantity: rng(600, 600)}, "en"); v.Model != triage.OEM {
		t.Errorf("with OEM MOQ 100, 600 pcs votes %s, want OEM", v.Model)
	}
	r.Weights.LeadTime = 5
	e, _ = triage.New(r)
	if v := e.Decide(triage.Cues{Quantity: rng(50, 50), LeadTimeDays: rng(150, 150)}, "en"); v.Model != triage.OEM {
		t.Errorf("with lead-time weight 5, the lead time should win the vote, got %s", v.Model)
	}
}

// TestConfidenceOrder checks the ordering TRIAGE.md asks: UNKNOWN and
// one-cue votes below an explicit ownership backed by the bands.
func TestConfidenceOrder(t *testing.T) {
	e := newEngine(t)
	explicit := e.Decide(triage.Cues{Ownership: triage.OwnerBuyer, Quantity: rng(3000, 3000), Budget: usd(40000)}, "en").Confidence
	oneCue := e.Decide(triage.Cues{Quantity: rng(3000, 3000)}, "en").Confidence
	twoCues := e.Decide(triage.Cues{Quantity: rng(3000, 3000), Budget: usd(40000)}, "en").Confidence
	unknown := e.Decide(triage.Cues{}, "en").Confidence
	tie := e.Decide(triage.Cues{Quantity: rng(3000, 3000), Budget: usd(9000)}, "en").Confidence
	if !(explicit > twoCues && twoCues > oneCue && oneCue > unknown && oneCue > tie) {
		t.Errorf("confidence explicit %.2f, two-cue vote %.2f, one-cue vote %.2f, tie %.2f, none %.2f: want decreasing",
			explicit, twoCues, oneCue, tie, unknown)
	}
}

// TestQuestions checks the missing cues are asked in order, two at most,
// in the buyer's language.
func TestQuestions(t *testing.T) {
	e := newEngine(t)
	v := e.Decide(triage.Cues{Budget: usd(40000)}, "es")
	if len(v.Questions) != 2 || v.Questions[0].Cue != triage.CueOwnership || v.Questions[1].Cue != triage.CueQuantity {
		t.Fatalf("Questions = %+v, want ownership then quantity", v.Questions)
	}
	if v.Language != "es" {
		t.Errorf("Language = %q, want es", v.Language)
	}
	v = e.Decide(triage.Cues{Ownership: triage.OwnerBuyer, Quantity: rng(1, 1), Budget: usd(1)}, "xx")
	if len(v.Questions) != 1 || v.Questions[0].Cue != triage.CueLeadTime || v.Language != "en" {
		t.Errorf("Questions = %+v in %q, want the lead time in en", v.Questions, v.Language)
	}
	if v.Explanation == "" {
		t.Error("no explanation")
	}
}

// TestMerge checks that later turns fill or correct cues and that a unit
// price meets a later quantity (and the other way round).
func TestMerge(t *testing.T) {
	e := newEngine(t)
	at := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	c := e.Read("target price $12/pc, our own design", at).Cues
	if c.Budget != nil || c.UnitPrice == nil {
		t.Fatalf("first turn: budget %v unit %v, want only a unit price", c.Budget, c.UnitPrice)
	}
	c = e.Merge(c, e.ReadAnswer("3000", at, triage.CueQuantity).Cues)
	if c.Budget == nil || c.Budget.Min != 36000 || c.Quantity.Min != 3000 || c.Ownership != triage.OwnerBuyer {
		t.Fatalf("after the quantity: %+v, want a budget of 36000 USD", c)
	}
	// a corrected quantity re-derives the budget
	c = e.Merge(c, e.Read("sorry, 4000 pcs", at).Cues)
	if c.Budget == nil || c.Budget.Min != 48000 {
		t.Fatalf("after a new quantity: budget %+v, want 48000", c.Budget)
	}
	// a stated total replaces it
	c = e.Merge(c, e.Read("our budget is $30k", at).Cues)
	if c.Budget.Min != 30000 || c.UnitPrice == nil {
		t.Fatalf("after a total: budget %+v, want 30000 and the unit price kept", c.Budget)
	}
	// quantity first, then a unit price
	d := e.Merge(e.Read("need 2,000 pcs", at).Cues, e.Read("target $5 per pc", at).Cues)
	if d.Budget == nil || d.Budget.Min != 10000 || d.Quantity.Min != 2000 {
		t.Fatalf("quantity then unit price: %+v, want 10000 USD", d)
	}
	// a total stated with a unit price wins over the product
	g := e.Merge(e.Read("need 2,000 pcs", at).Cues, e.Read("target $5 per pc, total budget $12,000", at).Cues)
	if g.Budget == nil || g.Budget.Min != 12000 {
		t.Fatalf("total with a unit price: budget %+v, want 12000", g.Budget)
	}
	// supply chain stays once said; lead time fills in
	s := e.Merge(triage.Cues{SupplyChain: true}, e.Read("delivery in 3 months", at).Cues)
	if !s.SupplyChain || s.LeadTimeDays == nil || s.LeadTimeDays.Min != 90 {
		t.Fatalf("merge: %+v", s)
	}
}

// TestReadAnswer checks short answers to a question about one cue.
func TestReadAnswer(t *testing.T) {
	e := newEngine(t)
	tests := []struct {
		in     string
		expect triage.Cue
		check  func(triage.Reading) bool
	}{
		{"2000", triage.CueQuantity, func(r triage.Reading) bool { return r.Quantity != nil && r.Quantity.Min == 2000 }},
		{"5k", triage.CueQuantity, func(r triage.Reading) bool { return r.Quantity != nil && r.Quantity.Min == 5000 }},
		{"about 800", triage.CueQuantity, func(r triage.Reading) bool { return r.Quantity != nil && r.Quantity.Min == 800 }},
		{"20000", triage.CueBudget, func(r triage.Reading) bool {
			return r.Budget != nil && r.Budget.Min == 20000 && r.Budget.Currency == "USD" && r.Quantity == nil
		}},
		{"€15k", triage.CueBudget, func(r triage.Reading) bool { return r.Budget != nil && r.Budget.Currency == "EUR" }},
		{"90", triage.CueLeadTime, func(r triage.Reading) bool { return r.LeadTimeDays == nil }},
		{"90 days", triage.CueLeadTime, func(r triage.Reading) bool { return r.LeadTimeDays != nil && r.LeadTimeDays.Min == 90 }},
		{"2000", "", func(r triage.Reading) bool { return r.Quantity == nil && r.Budget == nil }},
		{"We have our own design", triage.CueOwnership, func(r triage.Reading) bool { return r.Ownership == triage.OwnerBuyer }},
	}
	for _, tt := range tests {
		if r := e.ReadAnswer(tt.in, sent, tt.expect); !tt.check(r) {
			t.Errorf("ReadAnswer(%q, %q) = %+v", tt.in, tt.expect, r.Cues)
		}
	}
}

func TestCheckNamesEveryKey(t *testing.T) {
	r := triage.DefaultRules()
	r.Bands.OEM.MOQMax = r.Bands.OEM.MOQMin - 1
	r.Bands.CM.MOQMin = 0
	r.Rates["EUR"] = -1
	r.Rates["usd"] = 1
	r.Weights.Budget = -2
	r.DefaultLanguage = "xx"
	err := r.Check()
	if err == nil {
		t.Fatal("Check() = nil, want every problem")
	}
	for _, key := range []string{"triage.bands.oem.moq_max", "triage.bands.cm.moq_min", "triage.rates.EUR", "triage.rates.usd", "triage.weights", "triage.default_language"} {
		if !strings.Contains(err.Error(), key+":") {
			t.Errorf("Check() = %q, does not name %s", err, key)
		}
	}
	if _, nerr := triage.New(r); nerr == nil || !strings.Contains(nerr.Error(), "triage.rates.EUR") {
		t.Errorf("New(bad rules) = %v, want Check's errors", nerr)
	}
	if err := triage.DefaultRules().Check(); err != nil {
		t.Errorf("DefaultRules().Check() = %v", err)
	}
}
