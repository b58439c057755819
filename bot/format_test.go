package bot_test

import (
	"testing"

	"github.com/triagebot/triagebot/bot"
)

func TestFormatNumbers(t *testing.T) {
	counts := []struct {
		n    int64
		want string
	}{{0, "0"}, {999, "999"}, {12345, "12,345"}, {-1234567, "-1,234,567"}}
	for _, tt := range counts {
		if got := bot.FormatCount(tt.n); got != tt.want {
			t.Errorf("FormatCount(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
	amounts := []struct {
		f    float64
		want string
	}{{36000, "36,000"}, {19.5, "19.50"}, {1234.05, "1,234.05"}, {19.999, "20"}, {-2.5, "-2.50"}}
	for _, tt := range amounts {
		if got := bot.FormatAmount(tt.f); got != tt.want {
			t.Errorf("FormatAmount(%v) = %q, want %q", tt.f, got, tt.want)
		}
	}
}
