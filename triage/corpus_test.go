package triage_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/triagebot/triagebot/corpus"
	"github.com/triagebot/triagebot/triage"
)

func init() {
	// texts_test.go (package triage) may have registered -update already;
	// one flag serves both.
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite testdata/*.misses and testdata/golden")
	}
}

// updating reports whether the run was asked to rewrite golden files.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// loadCorpus reads a labelled corpus the way `triagebot eval` does.
func loadCorpus(t testing.TB, path string) []corpus.Line {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	lines, err := corpus.Read(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return lines
}

func newEngine(t testing.TB) *triage.Engine {
	t.Helper()
	e, err := triage.New(triage.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestCorpusMisses scores every labelled corpus in testdata and compares
// its misses, one line each (id, field, want, got), with the golden list
// testdata/<corpus>.misses. A new miss fails; a fixed miss fails too until
// the list is refreshed with -update, so the diff shows it. dev.jsonl's
// list must stay empty.
func TestCorpusMisses(t *testing.T) {
	paths, err := filepath.Glob("testdata/*.jsonl")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no corpora: %v", err)
	}
	e := newEngine(t)
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".jsonl")
		t.Run(name, func(t *testing.T) {
			got, score := corpusMisses(t, e, path)
			t.Logf("%s", score.String())
			golden := filepath.Join("testdata", name+".misses")
			if updating() {
				if err := os.WriteFile(golden, []byte(strings.Join(got, "")), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./triage -run Corpus -update)", err)
			}
			compareMisses(t, golden, splitLines(string(want)), got)
			if name == "dev" && len(got) > 0 {
				t.Errorf("dev corpus must have no misses, has %d", len(got))
			}
		})
	}
}

// corpusMisses scores a corpus and returns its misses as golden lines.
func corpusMisses(t *testing.T, e *triage.Engine, path string) ([]string, *corpus.Score) {
	t.Helper()
	var out []string
	sc := corpus.Eval(e, loadCorpus(t, path), time.Now(), func(l corpus.Line, miss []corpus.Miss) {
		for _, m := range miss {
			out = append(out, fmt.Sprintf("%s\t%s\twant %s\tgot %s\n", l.ID, m.Field, m.Want, m.Got))
		}
	})
	return out, sc
}

// compareMisses reports every line only one side has.
func compareMisses(t *testing.T, golden string, want, got []string) {
	t.Helper()
	inWant := make(map[string]bool, len(want))
	for _, w := range want {
		inWant[w] = true
	}
	inGot := make(map[string]bool, len(got))
	for _, g := range got {
		inGot[g] = true
		if !inWant[g] {
			t.Errorf("new miss (not in %s): %s", golden, strings.TrimSpace(g))
		}
	}
	for _, w := range want {
		if !inGot[w] {
			t.Errorf("fixed miss (refresh %s with -update): %s", golden, strings.TrimSpace(w))
		}
	}
}

func splitLines(s string) []string {
	var out []string
	for _, l := range strings.SplitAfter(s, "\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}
