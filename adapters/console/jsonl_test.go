package console

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestJSONLContract checks the shape of `chat --jsonl` (TRIAGE.md section
// 5): one output line per input line in input order, interleaved chats
// kept apart with their own turns, a bad line answered with an error line
// and the run going on, and every field of the contract present.
func TestJSONLContract(t *testing.T) {
	in := strings.Join([]string{
		`{"chat":"a","text":"We need 3000 mirrors made to our own design","sent_at":"2026-11-02"}`,
		`{"chat":"b","text":"Hola, necesitamos 500 espejos de su catálogo","sent_at":"2026-11-02"}`,
		`not json`,
		`{"chat":"a"}`,
		`{"chat":"a","text":"budget USD 40,000","sent_at":"2026-11-02"}`,
		``,
		`{"chat":"b","text":"en 2 meses","sent_at":"bad date"}`,
	}, "\n")
	var out bytes.Buffer
	if err := JSONL(context.Background(), newCore(t), strings.NewReader(in), &out, time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 6 {
		t.Fatalf("got %d output lines for 6 input lines (one blank):\n%s", len(lines), out.String())
	}
	type row map[string]json.RawMessage
	rows := make([]row, len(lines))
	for i, l := range lines {
		if err := json.Unmarshal([]byte(l), &rows[i]); err != nil {
			t.Fatalf("line %d is not JSON: %v: %s", i+1, err, l)
		}
	}
	for _, i := range []int{0, 1, 4} {
		for _, f := range []string{"chat", "turn", "quantity", "budget", "ownership", "supply_chain", "lead_time_days",
			"model", "confidence", "warnings", "language", "questions", "explanation", "asked", "declined", "handed_over"} {
			if _, ok := rows[i][f]; !ok {
				t.Errorf("line %d lacks %q: %s", i+1, f, lines[i])
			}
		}
	}
	for _, i := range []int{2, 3, 5} {
		if _, ok := rows[i]["error"]; !ok {
			t.Errorf("line %d = %s, want an error line", i+1, lines[i])
		}
	}
	want := []struct {
		line       int
		chat, turn string
	}{{0, `"a"`, "1"}, {1, `"b"`, "1"}, {4, `"a"`, "2"}}
	for _, w := range want {
		if got := string(rows[w.line]["chat"]) + " " + string(rows[w.line]["turn"]); got != w.chat+" "+w.turn {
			t.Errorf("line %d: chat turn = %s, want %s %s", w.line+1, got, w.chat, w.turn)
		}
	}
	if string(rows[4]["quantity"]) != `{"min":3000,"max":3000}` {
		t.Errorf("turn 2 of chat a lost the quantity of turn 1: %s", lines[4])
	}
	if string(rows[3]["chat"]) != `"a"` {
		t.Errorf("error line does not name its chat: %s", lines[3])
	}
}
