package triage_test

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/triagebot/triagebot/config"
	"github.com/triagebot/triagebot/triage"
)

// corpusLine is one labelled message of testdata/dev.jsonl.
type corpusLine struct {
	ID     string        `json:"id"`
	Lang   string        `json:"lang"`
	SentAt string        `json:"sent_at"`
	Text   string        `json:"text"`
	Expect triage.Labels `json:"expect"`
}

func loadCorpus(t testing.TB, path string) []corpusLine {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []corpusLine
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var l corpusLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func newEngine(t testing.TB) *triage.Engine {
	t.Helper()
	e, err := triage.New(config.Default().Triage.Rules)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestDevCorpus scores the engine on the dev corpus as TRIAGE.md section 4
// says and asserts the bar: model >= 0.97, all fields >= 0.93.
func TestDevCorpus(t *testing.T) {
	e := newEngine(t)
	lines := loadCorpus(t, "testdata/dev.jsonl")
	var sc triage.Score
	for _, l := range lines {
		sent, err := time.Parse("2006-01-02", l.SentAt)
		if err != nil {
			t.Fatalf("%s: sent_at: %v", l.ID, err)
		}
		res := e.Analyze(l.Text, sent)
		if miss := sc.Add(l.ID, l.Expect, res); len(miss) > 0 {
			t.Logf("%s %s: %v\n  %s", l.ID, l.Lang, miss, l.Text)
		}
	}
	t.Logf("%s", sc.String())
	if got := sc.Rate("model"); got < 0.97 {
		t.Errorf("model accuracy %.3f, want >= 0.97", got)
	}
	if got := sc.Rate("all"); got < 0.93 {
		t.Errorf("all-fields accuracy %.3f, want >= 0.93", got)
	}
}
