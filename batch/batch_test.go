package batch

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/triagebot/triagebot/triage"
)

// contractKeys are the output keys of TRIAGE.md section 3, in order.
var contractKeys = []string{"id", "quantity", "budget", "ownership", "supply_chain", "lead_time_days",
	"model", "confidence", "warnings", "language", "questions", "explanation"}

// objectKeys returns the top-level keys of a JSON object in their order.
func objectKeys(t *testing.T, line []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(line))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("line %s: not an object", line)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatalf("line %s: %v", line, err)
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatalf("line %s: %v", line, err)
		}
	}
	return keys
}

// checkContract validates one verdict line against TRIAGE.md section 3.
func checkContract(t *testing.T, line []byte, wantID string) {
	t.Helper()
	if got := objectKeys(t, line); strings.Join(got, ",") != strings.Join(contractKeys, ",") {
		t.Fatalf("keys %v, want %v\n%s", got, contractKeys, line)
	}
	var v struct {
		ID           string          `json:"id"`
		Quantity     json.RawMessage `json:"quantity"`
		Budget       json.RawMessage `json:"budget"`
		Ownership    *string         `json:"ownership"`
		SupplyChain  *bool           `json:"supply_chain"`
		LeadTimeDays json.RawMessage `json:"lead_time_days"`
		Model        string          `json:"model"`
		Confidence   *float64        `json:"confidence"`
		Warnings     []string        `json:"warnings"`
		Language     string          `json:"language"`
		Questions    []string        `json:"questions"`
		Explanation  *string         `json:"explanation"`
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("%v\n%s", err, line)
	}
	if v.ID != wantID {
		t.Errorf("id %q, want %q", v.ID, wantID)
	}
	checkRange := func(name string, raw json.RawMessage) {
		if string(raw) == "null" {
			return
		}
		if got := objectKeys(t, raw); strings.Join(got, ",") != "min,max" {
			t.Errorf("%s keys %v, want min,max", name, got)
		}
		var r struct{ Min, Max int64 }
		if err := json.Unmarshal(raw, &r); err != nil || r.Min > r.Max || r.Min < 0 {
			t.Errorf("%s = %s: want integers min <= max (%v)", name, raw, err)
		}
	}
	checkRange("quantity", v.Quantity)
	checkRange("lead_time_days", v.LeadTimeDays)
	if string(v.Budget) != "null" {
		if got := objectKeys(t, v.Budget); strings.Join(got, ",") != "min,max,currency,usd_min,usd_max" {
			t.Errorf("budget keys %v", got)
		}
		var b triage.Money
		if err := json.Unmarshal(v.Budget, &b); err != nil || len(b.Currency) != 3 || b.Min > b.Max || b.USDMin > b.USDMax {
			t.Errorf("budget %s is not an ISO 4217 range (%v)", v.Budget, err)
		}
	}
	if v.Ownership != nil && *v.Ownership != "buyer" && *v.Ownership != "factory" {
		t.Errorf("ownership %q", *v.Ownership)
	}
	if v.SupplyChain == nil || v.Confidence == nil || v.Explanation == nil {
		t.Errorf("supply_chain, confidence and explanation must not be null: %s", line)
	}
	if !triage.Model(v.Model).Valid() {
		t.Errorf("model %q", v.Model)
	}
	if v.Confidence != nil && (*v.Confidence < 0 || *v.Confidence > 1) {
		t.Errorf("confidence %v out of 0-1", *v.Confidence)
	}
	if v.Warnings == nil || v.Questions == nil {
		t.Errorf("warnings and questions must be arrays: %s", line)
	}
	if len(v.Questions) > 2 {
		t.Errorf("%d questions, want at most 2", len(v.Questions))
	}
	if len(v.Language) != 2 {
		t.Errorf("language %q", v.Language)
	}
}

func testEngine(t testing.TB) *triage.Engine {
	t.Helper()
	e, err := triage.New(triage.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestTriageJSONLCorpus runs every dev-corpus line through triage --jsonl and
// checks each output line against the contract, in input order.
func TestTriageJSONLCorpus(t *testing.T) {
	f, err := os.ReadFile("../triage/testdata/dev.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	var in bytes.Buffer
	for _, l := range bytes.Split(bytes.TrimSpace(f), []byte("\n")) {
		var c struct {
			ID     string `json:"id"`
			Text   string `json:"text"`
			SentAt string `json:"sent_at"`
		}
		if err := json.Unmarshal(l, &c); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
		b, _ := json.Marshal(c)
		in.Write(b)
		in.WriteByte('\n')
	}
	var out bytes.Buffer
	if err := Run(context.Background(), testEngine(t), &in, &out, nil, time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSuffix(out.Bytes(), []byte("\n")), []byte("\n"))
	if len(lines) != len(ids) {
		t.Fatalf("%d output lines for %d input lines", len(lines), len(ids))
	}
	for i, l := range lines {
		checkContract(t, l, ids[i])
	}
}

// TestTriageJSONLBadLines checks that a bad line gives an error line in its
// place and the run goes on.
func TestTriageJSONLBadLines(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"a","text":"Our design, 3,000 pcs, budget USD 40,000","sent_at":"2026-11-02"}`,
		`not json`,
		`{"id":"b"}`,
		`{"id":"c","text":42}`,
		`{"id":"d","text":"600 pcs","sent_at":"yesterday"}`,
		``,
		`[1,2]`,
		`{"id":"e","text":"your catalog model, 600 pcs"}`,
		`{"id":"f","text":"half a line`,
	}, "\n")
	var out bytes.Buffer
	today := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	if err := Run(context.Background(), testEngine(t), strings.NewReader(in), &out, nil, today); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	want := []struct{ id, errPart string }{
		{"a", ""}, {"", "not valid JSON"}, {"b", `missing "text"`}, {"c", `field "text"`},
		{"d", `"sent_at"`}, {"", "empty line"}, {"", "JSON"}, {"e", ""}, {"", "not valid JSON"},
	}
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(want), out.String())
	}
	for i, w := range want {
		if w.errPart == "" {
			checkContract(t, []byte(lines[i]), w.id)
			continue
		}
		if got := objectKeys(t, []byte(lines[i])); strings.Join(got, ",") != "id,error" {
			t.Errorf("line %d keys %v, want id,error", i+1, got)
		}
		var v struct {
			ID    *string `json:"id"`
			Error string  `json:"error"`
		}
		if err := json.Unmarshal([]byte(lines[i]), &v); err != nil {
			t.Fatal(err)
		}
		gotID := ""
		if v.ID != nil {
			gotID = *v.ID
		}
		if gotID != w.id || !strings.Contains(v.Error, w.errPart) {
			t.Errorf("line %d = %s, want id %q and an error containing %q", i+1, lines[i], w.id, w.errPart)
		}
	}
}

// TestTriageJSONLDefaultSentAt checks that a line without sent_at counts
// from today.
func TestTriageJSONLDefaultSentAt(t *testing.T) {
	in := `{"id":"x","text":"600 pcs, need them by 15 Dec"}` + "\n"
	var out bytes.Buffer
	today := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	if err := Run(context.Background(), testEngine(t), strings.NewReader(in), &out, nil, today); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"lead_time_days":{"min":14,"max":14}`) {
		t.Errorf("got %s, want a lead time of 14 days from 2026-12-01", out.String())
	}
}

// BenchmarkRun measures triage --jsonl end to end (decode,
// triage, encode) over the dev corpus, repeated.
func BenchmarkRun(b *testing.B) {
	f, err := os.ReadFile("../triage/testdata/dev.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	var in bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(f))
	n := 0
	for sc.Scan() {
		var c struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		}
		_ = json.Unmarshal(sc.Bytes(), &c)
		fmt.Fprintf(&in, `{"id":%q,"text":%q,"sent_at":"2026-11-02"}`+"\n", c.ID, c.Text)
		n++
	}
	e := testEngine(b)
	data := in.Bytes()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var out bytes.Buffer
		if err := Run(context.Background(), e, bytes.NewReader(data), &out, nil, time.Now()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "msgs/s")
}

// TestTriageJSONLOrder checks that lines come out in input order across
// the parallel batches, bad lines included.
func TestTriageJSONLOrder(t *testing.T) {
	var in strings.Builder
	const lines = 3*batchSize + 17
	for i := 0; i < lines; i++ {
		if i%97 == 0 {
			in.WriteString("garbage\n")
			continue
		}
		fmt.Fprintf(&in, `{"id":"n%d","text":"need %d pcs of your model AB-1"}`+"\n", i, 100+i)
	}
	var out bytes.Buffer
	if err := Run(context.Background(), testEngine(t), strings.NewReader(in.String()), &out, nil, time.Now()); err != nil {
		t.Fatal(err)
	}
	got := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(got) != lines {
		t.Fatalf("%d lines out, want %d", len(got), lines)
	}
	for i, l := range got {
		if i%97 == 0 {
			if !strings.Contains(l, `"error"`) {
				t.Fatalf("line %d = %s, want an error line", i+1, l)
			}
			continue
		}
		want := fmt.Sprintf(`{"id":"n%d","quantity":{"min":%d,"max":%d}`, i, 100+i, 100+i)
		if !strings.HasPrefix(l, want) {
			t.Fatalf("line %d = %.80s, want it to start with %s", i+1, l, want)
		}
	}
}
