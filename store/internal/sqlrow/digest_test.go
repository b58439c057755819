package sqlrow

import (
	"testing"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/triage"
)

func TestAddDigestRow(t *testing.T) {
	st := NewDigestStats()
	rows := []argsRow{
		{0, "OEM", "telegram", int64(2), int64(700), 1500.5, int64(1), int64(1), int64(0), int64(0), int64(1), int64(2), int64(0)},
		{3, "", "slack", int64(1), int64(0), 0.0, int64(0), int64(0), int64(0), int64(1), int64(1), int64(1), int64(1)},
		// A day outside the week (a clock step) counts on its nearest day.
		{9, "OEM", "slack", int64(4), int64(100), 20.0, int64(0), int64(2), int64(1), int64(0), int64(0), int64(0), int64(0)},
	}
	for _, r := range rows {
		if err := AddDigestRow(r, &st); err != nil {
			t.Fatal(err)
		}
	}
	checks := []struct {
		what      string
		got, want int64
	}{
		{"total", st.Total, 7},
		{"OEM", st.ByModel[triage.OEM], 6},
		{"UNKNOWN", st.ByModel[triage.Unknown], 1},
		{"slack", st.ByChannel["slack"], 5},
		{"OEM units", st.UnitsByModel[triage.OEM], 800},
		{"claimed", st.Claimed, 1},
		{"overridden", st.Overridden, 3},
		{"changed", st.Changed, 1},
		{"no owner", st.Missing[triage.CueOwnership], 1},
		{"no budget", st.Missing[triage.CueBudget], 3},
		{"day 0", st.ByDay[0][triage.OEM], 2},
		{"day 3", st.ByDay[3][triage.Unknown], 1},
		{"day 9 on day 6", st.ByDay[6][triage.OEM], 4},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.what, c.got, c.want)
		}
	}
	if got := st.USDByModel[triage.OEM]; got != 1520.5 {
		t.Errorf("OEM USD = %v, want 1520.5", got)
	}
}

func TestScanLead(t *testing.T) {
	tests := []struct {
		name, handle, userID, model string
		wantBuyer                   string
		wantModel                   triage.Model
	}{
		{"Mai", "mai_t", "42", "ODM", "Mai", triage.ODM},
		{"", "mai_t", "42", "CM", "@mai_t", triage.CM},
		{"", "", "42", "", "42", triage.Unknown},
		{"", "", "42", "XYZ", "42", triage.Unknown},
	}
	for _, tt := range tests {
		l, err := ScanLead(argsRow{int64(5), tt.name, tt.handle, tt.userID, "telegram", tt.model, "OEM", "rep", int64(300), 900.0})
		if err != nil {
			t.Fatal(err)
		}
		want := bot.Lead{InquiryID: 5, Buyer: tt.wantBuyer, Channel: "telegram", Model: tt.wantModel,
			Override: triage.OEM, Assignee: "rep", Units: 300, USD: 900}
		if l != want {
			t.Errorf("ScanLead(%q, %q, %q, %q) = %+v, want %+v", tt.name, tt.handle, tt.userID, tt.model, l, want)
		}
	}
}
