package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/triagebot/triagebot/adapters/console"
	"github.com/triagebot/triagebot/batch"
	"github.com/triagebot/triagebot/config"
	"github.com/triagebot/triagebot/corpus"
)

// runTriage triages one message (an argument, or standard input) and prints
// a readable verdict, or with --jsonl FILE|- one JSON object per input line
// as shared/TRIAGE.md section 3 specifies.
func (c *cli) runTriage(ctx context.Context, args []string) int {
	fs, path := c.flagSet("triage", `Usage: triagebot triage [flags] "message"   (or the message on standard input)
       triagebot triage [flags] --jsonl FILE|-

Triages one message and prints the verdict, or with --jsonl one JSON
verdict a line for each JSON message a line (docs/jsonl.md).`)
	jsonl := fs.String("jsonl", "", "read JSONL messages from `FILE` (- for standard input) and write one JSON verdict a line")
	sentAt := fs.String("sent-at", "", "the message's date, YYYY-MM-DD (default today)")
	pos, code, done := c.parse(fs, args)
	if done {
		return code
	}
	cfg, err := c.loadConfig(*path)
	if err != nil {
		return c.configError(err)
	}
	e, err := c.engine(cfg)
	if err != nil {
		return c.fail(2, "%v", err)
	}
	today := time.Now().UTC()
	if *sentAt != "" {
		t, err := batch.ParseSentAt(*sentAt, time.UTC)
		if err != nil {
			return c.fail(2, "triage: --sent-at: %v", err)
		}
		today = t
	}
	if *jsonl != "" {
		if len(pos) > 0 {
			return c.fail(2, "triage: --jsonl takes no message argument")
		}
		in := c.stdin
		if *jsonl != "-" {
			f, err := os.Open(*jsonl)
			if err != nil {
				return c.fail(1, "triage: %v", err)
			}
			defer f.Close()
			in = f
		}
		bar := newProgress(c.stderr, -1, "triage", true)
		defer bar.Finish()
		if err := batch.Run(ctx, e, in, c.stdout, func(n int) { _ = bar.Add(n) }, today); err != nil {
			return c.fail(1, "triage: %v", err)
		}
		return 0
	}
	text := strings.Join(pos, " ")
	if len(pos) == 0 {
		b, err := io.ReadAll(io.LimitReader(c.stdin, int64(max(cfg.Triage.MaxMessageBytes, 1<<16))+1))
		if err != nil {
			return c.fail(1, "triage: reading standard input: %v", err)
		}
		text = string(b)
	}
	if strings.TrimSpace(text) == "" {
		return c.fail(2, "triage: no message (see triagebot triage -h)")
	}
	if err := console.WriteVerdict(c.stdout, e, e.Analyze(text, today)); err != nil {
		return c.fail(1, "triage: %v", err)
	}
	return 0
}

// runEval scores the engine on a labelled corpus (TRIAGE.md section 4) and
// prints each miss and the per-field accuracy. With --min-model or
// --min-all it exits 1 when the accuracy is below the bar.
func (c *cli) runEval(ctx context.Context, args []string) int {
	fs, path := c.flagSet("eval", `Usage: triagebot eval [flags] FILE|-
       triagebot eval --dialogues [flags] FILE|-

Scores the engine on a labelled corpus and prints each miss and the
accuracy per field.`)
	minModel := fs.Float64("min-model", 0, "exit 1 when the model accuracy is below this share (0-1)")
	minAll := fs.Float64("min-all", 0, "exit 1 when the share of lines with every field right is below this (0-1)")
	dialogues := fs.Bool("dialogues", false, "FILE is a dialogue corpus: run each conversation through `chat --jsonl` and score it (TRIAGE.md section 5)")
	pos, code, done := c.parse(fs, args)
	if done {
		return code
	}
	if len(pos) != 1 {
		return c.fail(2, "eval: want one FILE or - (see triagebot eval -h)")
	}
	cfg, err := c.loadConfig(*path)
	if err != nil {
		return c.configError(err)
	}
	in := c.stdin
	if name := pos[0]; name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return c.fail(1, "eval: %v", err)
		}
		defer f.Close()
		in = f
	}
	if *dialogues {
		return c.evalDialogues(ctx, cfg, in, *minAll)
	}
	e, err := c.engine(cfg)
	if err != nil {
		return c.fail(2, "%v", err)
	}
	lines, err := corpus.Read(in)
	if err != nil {
		return c.fail(1, "eval: %v", err)
	}
	sc := corpus.Eval(e, lines, time.Now().UTC(), func(l corpus.Line, miss []corpus.Miss) {
		ms := make([]string, len(miss))
		for i, m := range miss {
			ms[i] = m.String()
		}
		fmt.Fprintf(c.stdout, "MISS %s (%s): %s\n", l.ID, l.Lang, strings.Join(ms, "; "))
	})
	fmt.Fprintf(c.stdout, "\n%s", sc.String())
	if sc.Lines == 0 {
		return c.fail(1, "eval: no labelled lines")
	}
	if sc.Rate("model") < *minModel || sc.Rate("all") < *minAll {
		return c.fail(1, "eval: accuracy below the bar (model %.3f, all %.3f)", sc.Rate("model"), sc.Rate("all"))
	}
	return 0
}

// evalDialogues scores a dialogue corpus through the code path of `chat
// --jsonl` on a throw-away store and prints each miss and the scores. It
// exits 1 when the final all-fields accuracy is below minAll.
func (c *cli) evalDialogues(ctx context.Context, cfg *config.Config, in io.Reader, minAll float64) int {
	core, done, code := c.scratchCore(ctx, cfg, false)
	if core == nil {
		return code
	}
	defer done()
	sc, err := console.Dialogues(ctx, core, in, c.stdout)
	if err != nil {
		return c.fail(1, "eval: %v", err)
	}
	fmt.Fprintf(c.stdout, "\n%s", sc.String())
	if sc.Final.Lines == 0 {
		return c.fail(1, "eval: no conversations")
	}
	if sc.Rate("all") < minAll {
		return c.fail(1, "eval: final all-fields accuracy %.3f below the bar", sc.Rate("all"))
	}
	return 0
}
