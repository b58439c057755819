package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/triagebot/triagebot/triage"
)

func newTriageCLI(stdin string) (*cli, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &cli{
		stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb,
		getenv: func(string) string { return "" }, environ: func() []string { return nil },
	}, &out, &errb
}

func testEngine(t testing.TB) *triage.Engine {
	t.Helper()
	e, err := triage.New(triage.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestRunTriageMessage(t *testing.T) {
	tests := []struct {
		args  []string
		stdin string
		want  []string
		code  int
	}{
		{[]string{"--sent-at", "2026-11-02", "We have our own drawings, 25,000 pcs, budget half a million dollars, delivery in 6 months"}, "",
			[]string{"Model:        CM", "Quantity:     25000 units", "Budget:       500,000 USD", "Design owner: buyer", "Lead time:    180 days"}, 0},
		{[]string{"--sent-at", "2026-11-02"}, "Your model KX-310 with my logo, 600 pcs",
			[]string{"Model:        ODM", "Design owner: factory", "Questions:"}, 0},
		{[]string{"--sent-at", "2026-11-02"}, "   ", []string{"no message"}, 2},
		{[]string{"--sent-at", "someday", "text"}, "", []string{"--sent-at"}, 2},
	}
	for _, tt := range tests {
		c, out, errb := newTriageCLI(tt.stdin)
		code := c.runTriage(context.Background(), tt.args)
		got := out.String() + errb.String()
		if code != tt.code {
			t.Errorf("triage %q: exit %d, want %d\n%s", tt.args, code, tt.code, got)
		}
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("triage %q: output lacks %q:\n%s", tt.args, w, got)
			}
		}
	}
}

func TestRunTriageJSONLStdin(t *testing.T) {
	c, out, errb := newTriageCLI(`{"id":"1","text":"2 samples of your AF-68 please"}` + "\n" + `{"id":"2"}` + "\n")
	if code := c.runTriage(context.Background(), []string{"--jsonl", "-"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d lines:\n%s", len(lines), out.String())
	}
	var v struct{ ID, Model string }
	if err := json.Unmarshal([]byte(lines[0]), &v); err != nil || v.ID != "1" || v.Model == "" {
		t.Errorf("line 1 = %s (%v), want a verdict for id 1 (the contract: batch's tests)", lines[0], err)
	}
	if errb.Len() != 0 {
		t.Errorf("stderr is not a terminal, want no progress, got %q", errb.String())
	}
}

func TestRunEval(t *testing.T) {
	c, out, errb := newTriageCLI("")
	code := c.runEval(context.Background(), []string{"--min-model", "0.97", "--min-all", "0.93", "triage/testdata/dev.jsonl"})
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errb.String(), out.String())
	}
	for _, w := range []string{"quantity", "budget", "ownership", "supply_chain", "lead_time_days", "model", "all"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("eval output lacks %q", w)
		}
	}
	// A wrong label is reported as a miss, and the bar fails.
	bad := `{"id":"z1","lang":"en","sent_at":"2026-11-02","text":"Our design, 3000 pcs","expect":{"quantity":{"min":5,"max":5},"budget":null,"ownership":"buyer","supply_chain":false,"lead_time_days":null,"model":"OEM"}}` + "\n"
	c, out, _ = newTriageCLI(bad)
	if code := c.runEval(context.Background(), []string{"--min-all", "1", "-"}); code != 1 {
		t.Errorf("exit %d, want 1 below the bar", code)
	}
	if !strings.Contains(out.String(), "MISS z1 (en): quantity: want 5 got 3000") {
		t.Errorf("eval output lacks the miss:\n%s", out.String())
	}
}

// TestSampleCorpus: the corpus shipped for trying eval is well-formed and
// scored (its accuracy is the engine's business, not this test's).
func TestSampleCorpus(t *testing.T) {
	c, out, errb := newTriageCLI("")
	if code := c.runEval(context.Background(), []string{"testdata/sample.jsonl"}); code != 0 {
		t.Fatalf("eval testdata/sample.jsonl: exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "lines 10") {
		t.Errorf("eval output lacks the 10 lines:\n%s", out.String())
	}
}
