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
	scoreCorpus(t, "testdata/dev.jsonl", 0.97, 0.93)
}

// TestHeldOutCorpora guards the three sets written from the spec alone by
// people who never read the engine. Each scored lower when written (107/120,
// 82/90, 49/50) and has since been used to find general rules, so none is
// unseen any more: write a fresh one to estimate an unseen set. The bars
// are below today's scores on purpose: they catch a regression, not a miss.
func TestHeldOutCorpora(t *testing.T) {
	for _, name := range []string{"testdata/holdout.jsonl", "testdata/holdout2.jsonl", "testdata/holdout3.jsonl"} {
		t.Run(name, func(t *testing.T) { scoreCorpus(t, name, 0.95, 0.90) })
	}
}

// scoreCorpus scores a labelled corpus as TRIAGE.md section 4 says and
// fails below the given model and all-fields rates.
func scoreCorpus(t *testing.T, path string, minModel, minAll float64) {
	t.Helper()
	e := newEngine(t)
	lines := loadCorpus(t, path)
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
	if got := sc.Rate("model"); got < minModel {
		t.Errorf("%s: model accuracy %.3f, want >= %.2f", path, got, minModel)
	}
	if got := sc.Rate("all"); got < minAll {
		t.Errorf("%s: all-fields accuracy %.3f, want >= %.2f", path, got, minAll)
	}
}
