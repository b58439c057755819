package triage

import (
	"strings"
	"testing"
)

// TestTrapMatchers gives each trap matcher its rows: the digit tokens of
// the text that are trapped (no quantity, no money), in order.
func TestTrapMatchers(t *testing.T) {
	e, err := New(DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		matcher, in, want string // want: the trapped digit tokens, space-separated
	}{
		{"plusPhone", "call +49 89 1234567 for 500 pcs", "49 89 1234567"},
		{"plusPhone", "4,000 + 2,000 pcs", ""},
		{"hashCode", "item #2719, 300 pcs", "2719"},
		{"areaCode", "(305) 555 0143", "305 555 0143"},
		{"phoneKey", "Tel: 0812 5550 199", "0812 5550 199"},
		{"rating", "IP44, CRI>90, 200 pcs", "44 90"},
		{"modelCode", "KX-310 and RT-5520-01, 400 pcs", "310 5520 01"},
		{"codeWord", "model 12, page 7, 300 pcs", "12 7"},
		{"codeWord", "item no. 5566", "5566"},
		{"rowLabel", "1) round mirror 200 pcs\n2) oval mirror 100 pcs", "1 2"},
		{"doubling", "kira2 700 pcs", "2"},
		{"leadingZero", "hp 0812345678", "0812345678"},
		{"dimension", "60x80 cm, 600*800mm, 24\"x36\", 500 pcs", "60 80 600 800 24 36"},
		{"dimension", "60 x 80 cm", "60 80"},
		{"byDimension", "60 by 80 cm", "60 80"},
		{"markAfter", "30% deposit, 45° angle", "30 45"},
		{"wordAfter", "3000K-6000K, 20W, 220V, 5mm, 40HQ, 30 percent", "3000 6000 20 220 5 40 30"},
		{"wordAfter", "budget 20k, 3k pcs", ""},
		{"compound", "a 240-room hotel, 500-pc order", "240"},
		{"ratio", "30/70 payment", "30 70"},
		{"year", "spring 2027, 2026年, 2000 pcs", "2027 2026"},
	}
	for _, tc := range tests {
		toks := tokenize(e.lx.fold.normalize(tc.in), e.lx.thaiWords, e.lx.thaiMax, nil)
		e.markTraps(toks)
		var got []string
		for _, tk := range toks {
			if tk.kind == kNum && tk.trap {
				got = append(got, tk.s)
			}
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("%s: markTraps(%q) traps %q, want %q", tc.matcher, tc.in, g, tc.want)
		}
	}
}
