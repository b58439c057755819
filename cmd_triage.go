package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/triagebot/triagebot/triage"
)

// runTriage triages one message (an argument, or standard input) and prints
// a readable verdict, or with --jsonl FILE|- one JSON object per input line
// as shared/TRIAGE.md section 3 specifies.
func (c *cli) runTriage(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("triage", flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	path := fs.String("config", "", "YAML config file")
	jsonl := fs.String("jsonl", "", "read JSONL messages from `FILE` (- for standard input) and write one JSON verdict a line")
	sentAt := fs.String("sent-at", "", "the message's date, YYYY-MM-DD (default today)")
	fs.Usage = func() {
		fmt.Fprintf(c.stderr, "Usage: triagebot triage [flags] \"message\"   (or the message on standard input)\n"+
			"       triagebot triage [flags] --jsonl FILE|-\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
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
		t, err := parseSentAt(*sentAt)
		if err != nil {
			return c.fail(2, "triage: --sent-at: %v", err)
		}
		today = t
	}
	if *jsonl != "" {
		if fs.NArg() > 0 {
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
		var progress io.Writer
		if isTerminal(c.stderr) {
			progress = c.stderr
		}
		if err := triageJSONL(ctx, e, in, c.stdout, progress, today); err != nil {
			return c.fail(1, "triage: %v", err)
		}
		return 0
	}
	text := strings.Join(fs.Args(), " ")
	if fs.NArg() == 0 {
		b, err := io.ReadAll(io.LimitReader(c.stdin, int64(max(cfg.Triage.MaxMessageBytes, 1<<16))+1))
		if err != nil {
			return c.fail(1, "triage: reading standard input: %v", err)
		}
		text = string(b)
	}
	if strings.TrimSpace(text) == "" {
		fs.Usage()
		return 2
	}
	printVerdict(c.stdout, e, e.Analyze(text, today))
	return 0
}

// jsonlIn is one input line of triage --jsonl.
type jsonlIn struct {
	ID     json.RawMessage `json:"id"`
	Text   *string         `json:"text"`
	SentAt string          `json:"sent_at"`
}

// jsonlOut is one output line, its fields in the order of TRIAGE.md
// section 3.
type jsonlOut struct {
	ID           json.RawMessage  `json:"id"`
	Quantity     *triage.Range    `json:"quantity"`
	Budget       *triage.Money    `json:"budget"`
	Ownership    triage.Ownership `json:"ownership"`
	SupplyChain  bool             `json:"supply_chain"`
	LeadTimeDays *triage.Range    `json:"lead_time_days"`
	Model        triage.Model     `json:"model"`
	Confidence   float64          `json:"confidence"`
	Warnings     []string         `json:"warnings"`
	Language     string           `json:"language"`
	Questions    []string         `json:"questions"`
	Explanation  string           `json:"explanation"`
}

// jsonlErr is the output line of an input line that cannot be triaged.
type jsonlErr struct {
	ID    json.RawMessage `json:"id"`
	Error string          `json:"error"`
}

// maxJSONLLine bounds one input line; a longer line gets an error line.
const maxJSONLLine = 4 << 20

// triageJSONL triages every line of r into one line of w, in order. A line
// that is not a JSON object with a text gets an error line and the run goes
// on. progress, when not nil, gets a progress line now and then.
func triageJSONL(ctx context.Context, e *triage.Engine, r io.Reader, w io.Writer, progress io.Writer, today time.Time) error {
	br := bufio.NewReaderSize(r, 64<<10)
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	null := json.RawMessage("null")
	n := 0
	start := time.Now()
	for {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				bw.Flush()
				return err
			}
		}
		line, tooLong, err := readLine(br)
		if err == io.EOF && len(line) == 0 && !tooLong {
			break
		}
		if err != nil && err != io.EOF {
			bw.Flush()
			return fmt.Errorf("reading line %d: %w", n+1, err)
		}
		n++
		var out any
		switch in, perr := parseJSONLLine(line, tooLong); {
		case perr != nil:
			id := in.ID
			if len(id) == 0 {
				id = null
			}
			out = jsonlErr{ID: id, Error: perr.Error()}
		default:
			sent := today
			if in.SentAt != "" {
				sent, _ = parseSentAt(in.SentAt) // checked by parseJSONLLine
			}
			res := e.Analyze(*in.Text, sent)
			id := in.ID
			if len(id) == 0 {
				id = null
			}
			qs := make([]string, 0, len(res.Questions))
			for _, q := range res.Questions {
				qs = append(qs, q.Text)
			}
			out = jsonlOut{ID: id, Quantity: res.Quantity, Budget: res.Budget, Ownership: res.Ownership,
				SupplyChain: res.SupplyChain, LeadTimeDays: res.LeadTimeDays, Model: res.Model,
				Confidence: res.Confidence, Warnings: res.Warnings, Language: res.Language,
				Questions: qs, Explanation: res.Explanation}
		}
		if err := enc.Encode(out); err != nil {
			return fmt.Errorf("writing line %d: %w", n, err)
		}
		if progress != nil && n%10000 == 0 {
			el := time.Since(start).Seconds()
			fmt.Fprintf(progress, "\rtriage: %d lines, %.0f lines/s", n, float64(n)/max(el, 1e-9))
		}
		if err == io.EOF {
			break
		}
	}
	if progress != nil && n >= 10000 {
		fmt.Fprintf(progress, "\rtriage: %d lines done\n", n)
	}
	return bw.Flush()
}

// readLine reads one line without its line ending. A line longer than
// maxJSONLLine is skipped to its end and reported with tooLong.
func readLine(br *bufio.Reader) (line []byte, tooLong bool, err error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(buf)+len(chunk) > maxJSONLLine {
			tooLong = true
			buf = buf[:0]
		} else if len(chunk) > 0 {
			buf = append(buf, chunk...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		buf = bytes.TrimRight(buf, "\r\n")
		if tooLong {
			return nil, true, err
		}
		return buf, false, err
	}
}

// parseJSONLLine decodes one input line and says what is wrong with it.
func parseJSONLLine(line []byte, tooLong bool) (jsonlIn, error) {
	var in jsonlIn
	if tooLong {
		return in, fmt.Errorf("line longer than %d bytes", maxJSONLLine)
	}
	if len(bytes.TrimSpace(line)) == 0 {
		return in, errors.New("empty line, want a JSON object")
	}
	if err := json.Unmarshal(line, &in); err != nil {
		// Keep the id when the object is fine but a field has the wrong type.
		var probe struct {
			ID json.RawMessage `json:"id"`
		}
		if json.Unmarshal(line, &probe) == nil {
			in.ID = probe.ID
		}
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return in, fmt.Errorf("not valid JSON: %v", err)
		case errors.As(err, &te):
			return in, fmt.Errorf("field %q: want %s, got a JSON %s", te.Field, te.Type, te.Value)
		}
		return in, fmt.Errorf("not a JSON object: %v", err)
	}
	if in.Text == nil {
		return in, errors.New(`missing "text"`)
	}
	if in.SentAt != "" {
		if _, err := parseSentAt(in.SentAt); err != nil {
			return in, fmt.Errorf(`"sent_at": %v`, err)
		}
	}
	return in, nil
}

// parseSentAt reads a date (2026-11-02) or a timestamp (RFC 3339).
func parseSentAt(s string) (time.Time, error) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date (YYYY-MM-DD) or an RFC 3339 time", s)
	}
	return t, nil
}

// printVerdict writes a readable verdict: model, confidence, cues,
// warnings, explanation and questions.
func printVerdict(w io.Writer, e *triage.Engine, r triage.Result) {
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	fmt.Fprintf(bw, "Model:        %s (confidence %.2f)\n", r.Model, r.Confidence)
	fmt.Fprintf(bw, "Language:     %s\n", r.Language)
	fmt.Fprintf(bw, "Quantity:     %s\n", showRange(r.Quantity, " units"))
	budget := "-"
	if b := r.Budget; b != nil {
		budget = showAmount(b.Min, b.Max) + " " + b.Currency
		if b.Currency != "USD" {
			budget += " (USD " + showAmount(b.USDMin, b.USDMax) + ")"
		}
	}
	fmt.Fprintf(bw, "Budget:       %s\n", budget)
	if u := r.UnitPrice; u != nil {
		fmt.Fprintf(bw, "Unit price:   %s %s\n", showAmount(u.Min, u.Max), u.Currency)
	}
	owner := "-"
	if r.Ownership != triage.OwnerUnknown {
		owner = string(r.Ownership)
	}
	fmt.Fprintf(bw, "Design owner: %s\n", owner)
	sc := "no"
	if r.SupplyChain {
		sc = "yes"
	}
	fmt.Fprintf(bw, "Supply chain: %s\n", sc)
	fmt.Fprintf(bw, "Lead time:    %s\n", showRange(r.LeadTimeDays, " days"))
	if len(r.Warnings) > 0 {
		fmt.Fprintf(bw, "\nWarnings:\n")
		for _, code := range r.Warnings {
			fmt.Fprintf(bw, "  - %s (%s)\n", e.WarningText(r.Language, code), code)
		}
	}
	if r.Explanation != "" {
		fmt.Fprintf(bw, "\n%s\n", strings.TrimSpace(r.Explanation))
	}
	if len(r.Questions) > 0 {
		fmt.Fprintf(bw, "\nQuestions:\n")
		for _, q := range r.Questions {
			fmt.Fprintf(bw, "  - %s\n", q.Text)
			if len(q.Answers) > 0 {
				fmt.Fprintf(bw, "    [%s]\n", strings.Join(q.Answers, "] ["))
			}
		}
	}
}

func showRange(r *triage.Range, unit string) string {
	if r == nil {
		return "-"
	}
	if r.Min == r.Max {
		return fmt.Sprintf("%d%s", r.Min, unit)
	}
	return fmt.Sprintf("%d–%d%s", r.Min, r.Max, unit)
}

func showAmount(lo, hi float64) string {
	if lo == hi {
		return fmt.Sprintf("%.2f", lo)
	}
	return fmt.Sprintf("%.2f–%.2f", lo, hi)
}

// runEval scores the engine on a labelled corpus (TRIAGE.md section 4) and
// prints each miss and the per-field accuracy. With --min-model or
// --min-all it exits 1 when the accuracy is below the bar.
func (c *cli) runEval(_ context.Context, args []string) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	path := fs.String("config", "", "YAML config file")
	minModel := fs.Float64("min-model", 0, "exit 1 when the model accuracy is below this share (0-1)")
	minAll := fs.Float64("min-all", 0, "exit 1 when the share of lines with every field right is below this (0-1)")
	fs.Usage = func() {
		fmt.Fprintf(c.stderr, "Usage: triagebot eval [flags] FILE|-\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	cfg, err := c.loadConfig(*path)
	if err != nil {
		return c.configError(err)
	}
	e, err := c.engine(cfg)
	if err != nil {
		return c.fail(2, "%v", err)
	}
	in := c.stdin
	if name := fs.Arg(0); name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return c.fail(1, "eval: %v", err)
		}
		defer f.Close()
		in = f
	}
	sc, err := evalCorpus(e, in, c.stdout)
	if err != nil {
		return c.fail(1, "eval: %v", err)
	}
	fmt.Fprintf(c.stdout, "\n%s", sc.String())
	if sc.Lines == 0 {
		return c.fail(1, "eval: no labelled lines")
	}
	if sc.Rate("model") < *minModel || sc.Rate("all") < *minAll {
		return c.fail(1, "eval: accuracy below the bar (model %.3f, all %.3f)", sc.Rate("model"), sc.Rate("all"))
	}
	return 0
}

// evalLine is one labelled corpus line.
type evalLine struct {
	ID     string        `json:"id"`
	Lang   string        `json:"lang"`
	SentAt string        `json:"sent_at"`
	Text   *string       `json:"text"`
	Expect triage.Labels `json:"expect"`
}

// evalCorpus scores every line of r and writes each miss to w.
func evalCorpus(e *triage.Engine, r io.Reader, w io.Writer) (*triage.Score, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	sc := &triage.Score{}
	for n := 1; ; n++ {
		line, tooLong, err := readLine(br)
		if err != nil && err != io.EOF {
			return sc, fmt.Errorf("reading line %d: %w", n, err)
		}
		if tooLong {
			return sc, fmt.Errorf("line %d: longer than %d bytes", n, maxJSONLLine)
		}
		if len(bytes.TrimSpace(line)) > 0 {
			var l evalLine
			if jerr := json.Unmarshal(line, &l); jerr != nil {
				return sc, fmt.Errorf("line %d: %v", n, jerr)
			}
			if l.Text == nil {
				return sc, fmt.Errorf(`line %d: missing "text"`, n)
			}
			sent := time.Now().UTC()
			if l.SentAt != "" {
				t, perr := parseSentAt(l.SentAt)
				if perr != nil {
					return sc, fmt.Errorf("line %d: sent_at: %v", n, perr)
				}
				sent = t
			}
			if miss := sc.Add(l.ID, l.Expect, e.Analyze(*l.Text, sent)); len(miss) > 0 {
				fmt.Fprintf(w, "MISS %s (%s): %s\n", l.ID, l.Lang, strings.Join(miss, "; "))
			}
		}
		if err == io.EOF {
			return sc, nil
		}
	}
}
