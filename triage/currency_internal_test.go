package triage

import "testing"

// TestBareCurrency covers the one rule for an amount with no mark: the
// conversation's currency, else a local scale word's market, else the
// language's default.
func TestBareCurrency(t *testing.T) {
	d, err := embeddedLexicon()
	if err != nil {
		t.Fatal(err)
	}
	e := &Engine{lx: newLexicon(d)}
	tests := []struct{ lang, ctx, scale, want string }{
		{"en", "EUR", "", "EUR"},
		{"id", "USD", "juta", "USD"},
		{"id", "", "juta", "IDR"},
		{"ms", "", "juta", "MYR"},
		{"en", "", "juta", "IDR"},
		{"vi", "", "k", "VND"},
		{"en", "", "k", "USD"},
		{"de", "", "k", "EUR"},
		{"zh", "", "万", "CNY"},
		{"th", "", "แสน", "THB"},
		{"en", "", "lakh", "INR"},
		{"fr", "", "", "EUR"},
		{"pt", "", "", "USD"},
		{"", "", "", "USD"},
	}
	for _, tc := range tests {
		if got := e.bareCurrency(tc.lang, tc.ctx, tc.scale); got != tc.want {
			t.Errorf("bareCurrency(%q, %q, %q) = %s, want %s", tc.lang, tc.ctx, tc.scale, got, tc.want)
		}
	}
	for _, tc := range []struct {
		lang, scale string
		want        bool
	}{{"vi", "k", true}, {"en", "k", false}, {"id", "juta", true}, {"en", "thousand", false}} {
		if got := e.moneyScale(tc.lang, tc.scale); got != tc.want {
			t.Errorf("moneyScale(%q, %q) = %v, want %v", tc.lang, tc.scale, got, tc.want)
		}
	}
}
