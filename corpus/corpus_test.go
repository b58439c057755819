package corpus_test

import (
	"strings"
	"testing"
	"time"

	"github.com/triagebot/triagebot/corpus"
	"github.com/triagebot/triagebot/triage"
)

func TestReadNamesTheBadLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"{\"id\":\"a\",\"text\":\"x\"}\n\nnot json\n", "line 3"},
		{"{\"id\":\"a\"}\n", `line 1: missing "text"`},
		{"{\"id\":\"a\",\"text\":\"x\",\"sent_at\":\"monday\"}\n", "line 1: sent_at"},
	}
	for _, tt := range tests {
		if _, err := corpus.Read(strings.NewReader(tt.in)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Read(%q) = %v, want an error with %q", tt.in, err, tt.want)
		}
	}
}

func TestEvalScoresAndReportsMisses(t *testing.T) {
	e, err := triage.New(triage.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	in := `{"id":"r","lang":"en","sent_at":"2026-11-02","text":"We need 3000 mirrors made to our own design","expect":{"quantity":{"min":3000,"max":3000},"budget":null,"ownership":"buyer","supply_chain":false,"lead_time_days":null,"model":"OEM"}}
{"id":"w","lang":"en","text":"We need 3000 mirrors made to our own design","expect":{"quantity":{"min":5,"max":5},"budget":null,"ownership":"buyer","supply_chain":false,"lead_time_days":null,"model":"OEM"}}
`
	lines, err := corpus.Read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var missed []string
	sc := corpus.Eval(e, lines, time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC), func(l corpus.Line, m []corpus.Miss) {
		missed = append(missed, l.ID+" "+m[0].String())
	})
	if sc.Lines != 2 || sc.Rate("quantity") != 0.5 || sc.Rate("model") != 1 {
		t.Errorf("score: %d lines, quantity %.2f, model %.2f; want 2, 0.50, 1", sc.Lines, sc.Rate("quantity"), sc.Rate("model"))
	}
	if len(missed) != 1 || missed[0] != "w quantity: want 5 got 3000" {
		t.Errorf("misses = %q", missed)
	}
}
