package triage

import "testing"

// TestSeqTable covers the phrase table: the longest entry at a token, an
// entry ending at a token, and the quick no of endingAt.
func TestSeqTable(t *testing.T) {
	cut := func(s string) []string {
		var out []string
		for _, tk := range tokenize(normalize(s), nil, 0, nil) {
			out = append(out, tk.s)
		}
		return out
	}
	st := newSeqTable(map[string]string{"us dollars": "USD", "dollars": "USD", "新台币": "TWD", "too high": ""}, cut)
	toks := tokenize(normalize("5000 US dollars, 新台币 30 万 is too high"), nil, 0, nil)
	tests := []struct {
		name string
		got  int
		want int
	}{
		{"at us dollars", second(st.at(toks, 1)), 2},
		{"at dollars", second(st.at(toks, 2)), 1},
		{"at nothing", second(st.at(toks, 0)), 0},
		{"ending at dollars", second(st.endingAt(toks, 2)), 2},
		{"ending at 币", second(st.endingAt(toks, 6)), 3},
		{"ending at a word no entry ends in", second(st.endingAt(toks, 1)), 0},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s: %d tokens, want %d", tc.name, tc.got, tc.want)
		}
	}
	if !st.has(toks, len(toks)-2) || !st.ends(toks, len(toks)-1) {
		t.Errorf("has/ends miss \"too high\" at the end of %q", "… is too high")
	}
}

func second(_ string, n int) int { return n }
