package console

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/internal/testkit"
	"github.com/triagebot/triagebot/store/sqlite"
	"github.com/triagebot/triagebot/triage"
)

// newCore builds the real core on a SQLite store in a test folder, with
// the built-in rules.
func newCore(t *testing.T) *bot.Core {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "chat.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	rules := triage.DefaultRules()
	eng, err := triage.New(rules)
	if err != nil {
		t.Fatal(err)
	}
	core, err := bot.NewCore(bot.Options{Store: st, Engine: eng, DefaultLanguage: rules.DefaultLanguage})
	if err != nil {
		t.Fatal(err)
	}
	return core
}

// TestDialogueCorpora runs each dialogue corpus through the code path of
// `chat --jsonl` and compares its misses and scores with the golden list
// beside it (refresh with -update): a fix shows as lines leaving the list,
// a regression as lines joining it. The bars below are the issue's; the
// golden list is what holds today's figures.
func TestDialogueCorpora(t *testing.T) {
	for _, name := range []string{"dialogues-dev", "dialogues-dev2"} {
		t.Run(name, func(t *testing.T) {
			corpus, err := os.ReadFile(filepath.Join("testdata", name+".jsonl"))
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			sc, err := Dialogues(context.Background(), newCore(t), bytes.NewReader(corpus), &out)
			if err != nil {
				t.Fatal(err)
			}
			out.WriteString("\n" + sc.String())
			golden := filepath.Join("testdata", name+".misses")
			if testkit.Updating() {
				if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got := out.String(); got != string(want) {
				t.Errorf("misses of %s changed (run with -update if better):\n%s", name, lineDiff(string(want), got))
			}
		})
	}
}

// lineDiff lists the lines only in want (-) and only in got (+).
func lineDiff(want, got string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	w, g := in(want), in(got)
	var b strings.Builder
	for _, l := range strings.Split(want, "\n") {
		if !g[l] {
			b.WriteString("- " + l + "\n")
		}
	}
	for _, l := range strings.Split(got, "\n") {
		if !w[l] {
			b.WriteString("+ " + l + "\n")
		}
	}
	return b.String()
}
