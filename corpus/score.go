package corpus

import (
	"fmt"
	"github.com/triagebot/triagebot/triage"
	"math"
	"strings"
)

// Labels is the expected reading of a labelled corpus line (TRIAGE.md
// section 4): the cues and the model. A nil field expects null.
type Labels struct {
	Quantity     *triage.Range    `json:"quantity"`
	Budget       *LabelBudget     `json:"budget"`
	Ownership    triage.Ownership `json:"ownership"`
	SupplyChain  bool             `json:"supply_chain"`
	LeadTimeDays *triage.Range    `json:"lead_time_days"`
	Model        triage.Model     `json:"model"`
}

// LabelBudget is a labelled budget: amount and currency, no USD values.
type LabelBudget struct {
	Min      float64 `json:"min"`
	Max      float64 `json:"max"`
	Currency string  `json:"currency"`
}

// scoreFields are the fields a Score counts, in report order; "all" is a
// line with every field right.
var scoreFields = [...]string{"quantity", "budget", "ownership", "supply_chain", "lead_time_days", "model", "all"}

// Score accumulates the per-field accuracy of results against labels, the
// way TRIAGE.md section 4 scores: quantity and lead time exact; budget
// within 1% and the same currency; ownership, supply chain and model exact;
// a null label wants a null result. The zero value is an empty score.
type Score struct {
	Lines int
	right [len(scoreFields)]int
}

// Miss is one field a result got wrong: what the label wants and what
// came out, both as show prints them.
type Miss struct {
	Field, Want, Got string
}

func (m Miss) String() string {
	return fmt.Sprintf("%s: want %s got %s", m.Field, m.Want, m.Got)
}

// Add scores one result and returns the names of the fields it got wrong,
// each with what was expected and what came out.
func (s *Score) Add(id string, want Labels, got triage.Result) []string {
	var out []string
	for _, m := range s.Check(want, got) {
		out = append(out, m.String())
	}
	return out
}

// Check scores one result like Add and returns its misses as values.
func (s *Score) Check(want Labels, got triage.Result) []Miss {
	var miss []Miss
	check := func(i int, ok bool, w, g any) {
		if ok {
			s.right[i]++
			return
		}
		miss = append(miss, Miss{Field: scoreFields[i], Want: show(w), Got: show(g)})
	}
	s.Lines++
	check(0, rangeEq(want.Quantity, got.Quantity), want.Quantity, got.Quantity)
	check(1, budgetEq(want.Budget, got.Budget), want.Budget, got.Budget)
	check(2, want.Ownership == got.Ownership, want.Ownership, got.Ownership)
	check(3, want.SupplyChain == got.SupplyChain, want.SupplyChain, got.SupplyChain)
	check(4, rangeEq(want.LeadTimeDays, got.LeadTimeDays), want.LeadTimeDays, got.LeadTimeDays)
	check(5, want.Model == got.Model, want.Model, got.Model)
	if len(miss) == 0 {
		s.right[6]++
	}
	return miss
}

func show(v any) string {
	switch x := v.(type) {
	case *triage.Range:
		if x == nil {
			return "null"
		}
		if x.Min == x.Max {
			return fmt.Sprint(x.Min)
		}
		return fmt.Sprintf("%d-%d", x.Min, x.Max)
	case *LabelBudget:
		if x == nil {
			return "null"
		}
		return fmt.Sprintf("%g-%g %s", x.Min, x.Max, x.Currency)
	case *triage.Money:
		if x == nil {
			return "null"
		}
		return fmt.Sprintf("%g-%g %s", x.Min, x.Max, x.Currency)
	case triage.Ownership:
		if x == triage.OwnerUnknown {
			return "null"
		}
		return string(x)
	}
	return fmt.Sprint(v)
}

func rangeEq(a, b *triage.Range) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func budgetEq(w *LabelBudget, g *triage.Money) bool {
	if w == nil || g == nil {
		return w == nil && g == nil
	}
	within := func(x, y float64) bool { return math.Abs(x-y) <= 0.01*math.Abs(x) }
	return w.Currency == g.Currency && within(w.Min, g.Min) && within(w.Max, g.Max)
}

// Rate returns the share of lines with field right ("all": every field).
func (s *Score) Rate(field string) float64 {
	if s.Lines == 0 {
		return 0
	}
	for i, f := range scoreFields {
		if f == field {
			return float64(s.right[i]) / float64(s.Lines)
		}
	}
	return 0
}

// String is the per-field report, one field a line.
func (s *Score) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "lines %d\n", s.Lines)
	for i, f := range scoreFields {
		fmt.Fprintf(&b, "%-15s %4d/%d  %.3f\n", f, s.right[i], s.Lines, s.Rate(f))
	}
	return b.String()
}
