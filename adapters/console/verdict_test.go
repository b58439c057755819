package console

import (
	"strings"
	"testing"

	"github.com/triagebot/triagebot/triage"
)

// warningWords is a hand fake of WarningTexter.
type warningWords map[string]string

func (w warningWords) WarningText(_, code string) string { return w[code] }

func TestWriteVerdict(t *testing.T) {
	var r triage.Result
	r.Language = "en"
	r.Model = "ODM"
	r.Confidence = 0.8
	r.Quantity = &triage.Range{Min: 300, Max: 300}
	r.LeadTimeDays = &triage.Range{Min: 30, Max: 45}
	r.Budget = &triage.Money{Min: 2000, Max: 2000, Currency: "EUR", USDMin: 2160, USDMax: 2160}
	r.Ownership = triage.OwnerFactory
	r.Warnings = []string{"low_budget"}
	r.Questions = []triage.Question{{Text: "Which finish?", Answers: []string{"matte", "gloss"}}}
	var b strings.Builder
	if err := WriteVerdict(&b, warningWords{"low_budget": "The budget is low."}, r); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Model:        ODM (confidence 0.80)", "Quantity:     300 units", "Lead time:    30–45 days",
		"EUR (USD ", "Design owner: factory", "Supply chain: no",
		"  - The budget is low. (low_budget)", "  - Which finish?", "    [matte] [gloss]",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("WriteVerdict: no %q in\n%s", want, b.String())
		}
	}
	b.Reset()
	if err := WriteVerdict(&b, warningWords{}, triage.Result{}); err != nil || !strings.Contains(b.String(), "Quantity:     -") {
		t.Errorf("WriteVerdict of an empty result = %q, %v; want dashes for unknown cues", b.String(), err)
	}
}
