package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/triagebot/triagebot/adapters/console"
	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/config"
	"github.com/triagebot/triagebot/triage"
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
		t, err := parseSentAt(*sentAt)
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
		if err := triageJSONL(ctx, e, in, c.stdout, func(n int) { _ = bar.Add(n) }, today); err != nil {
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
// on. progress, when not nil, is told of each run of lines written.
//
// Lines are read in batches that GOMAXPROCS workers triage in parallel; the
// batches are written back in input order.
func triageJSONL(ctx context.Context, e *triage.Engine, r io.Reader, w io.Writer, progress func(lines int), today time.Time) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := max(1, runtime.GOMAXPROCS(0))
	batches := make(chan *jsonlBatch, 2*workers)
	done := make(chan *jsonlBatch, 2*workers)
	var readErr error // set by the reader before it closes batches
	go func() {
		defer close(batches)
		br := bufio.NewReaderSize(r, 64<<10)
		for seq, first := 0, 1; ; seq++ {
			b := &jsonlBatch{seq: seq, first: first}
			eof := false
			for len(b.lines) < jsonlBatchSize {
				line, tooLong, err := readLine(br)
				if err == io.EOF && len(line) == 0 && !tooLong {
					eof = true
					break
				}
				if err != nil && err != io.EOF {
					readErr = fmt.Errorf("reading line %d: %w", first+len(b.lines), err)
					eof = true
					break
				}
				b.lines = append(b.lines, line)
				b.long = append(b.long, tooLong)
				if err == io.EOF {
					eof = true
					break
				}
			}
			first += len(b.lines)
			if len(b.lines) > 0 {
				select {
				case batches <- b:
				case <-ctx.Done():
					return
				}
			}
			if eof {
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range batches {
				b.out = triageBatch(e, b, today)
				select {
				case done <- b:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(done)
	}()
	bw := bufio.NewWriterSize(w, 64<<10)
	pending := map[int]*jsonlBatch{}
	next, n := 0, 0
	var err error
	for b := range done {
		if err != nil {
			continue // draining after a failure
		}
		if err = ctx.Err(); err != nil {
			cancel()
			continue
		}
		pending[b.seq] = b
		for p, ok := pending[next]; ok; p, ok = pending[next] {
			delete(pending, next)
			if _, werr := bw.Write(p.out); werr != nil {
				err = fmt.Errorf("writing line %d: %w", p.first, werr)
				cancel()
				break
			}
			n += len(p.lines)
			next++
			if progress != nil {
				progress(len(p.lines))
			}
		}
	}
	if err == nil {
		err = readErr
	}
	if ferr := bw.Flush(); err == nil && ferr != nil {
		err = fmt.Errorf("writing: %w", ferr)
	}
	return err
}

// jsonlBatchSize is how many lines a worker triages at a time.
const jsonlBatchSize = 256

// jsonlBatch is a run of input lines and, once triaged, their output.
type jsonlBatch struct {
	seq   int // the batch's place in the input
	first int // the line number of lines[0]
	lines [][]byte
	long  []bool // the line was too long and is empty
	out   []byte
}

// toJSONLOut is the output line of a result.
func toJSONLOut(id json.RawMessage, res triage.Result) jsonlOut {
	qs := make([]string, 0, len(res.Questions))
	for _, q := range res.Questions {
		qs = append(qs, q.Text)
	}
	return jsonlOut{ID: id, Quantity: res.Quantity, Budget: res.Budget, Ownership: res.Ownership,
		SupplyChain: res.SupplyChain, LeadTimeDays: res.LeadTimeDays, Model: res.Model,
		Confidence: res.Confidence, Warnings: res.Warnings, Language: res.Language,
		Questions: qs, Explanation: res.Explanation}
}

// appendVerdict appends the output line of res to b, byte for byte what
// encoding/json writes for toJSONLOut (a test holds it to that), without
// reflection: the jsonl command spends a good share of its time encoding.
// ok is false for a number it leaves to encoding/json (exponent forms).
func appendVerdict(b []byte, id json.RawMessage, res triage.Result) ([]byte, bool) {
	var cb bytes.Buffer
	if err := json.Compact(&cb, id); err != nil {
		return b, false
	}
	b = append(b, `{"id":`...)
	b = append(b, cb.Bytes()...)
	appendRange := func(b []byte, r *triage.Range) []byte {
		if r == nil {
			return append(b, "null"...)
		}
		b = append(b, `{"min":`...)
		b = strconv.AppendInt(b, r.Min, 10)
		b = append(b, `,"max":`...)
		b = strconv.AppendInt(b, r.Max, 10)
		return append(b, '}')
	}
	ok := true
	appendFloat := func(b []byte, f float64) []byte {
		if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) || math.IsNaN(f) || math.IsInf(f, 0) {
			ok = false
			return b
		}
		return strconv.AppendFloat(b, f, 'f', -1, 64)
	}
	b = append(b, `,"quantity":`...)
	b = appendRange(b, res.Quantity)
	b = append(b, `,"budget":`...)
	if m := res.Budget; m == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, `{"min":`...)
		b = appendFloat(b, m.Min)
		b = append(b, `,"max":`...)
		b = appendFloat(b, m.Max)
		b = append(b, `,"currency":`...)
		b = appendJSONString(b, m.Currency)
		b = append(b, `,"usd_min":`...)
		b = appendFloat(b, m.USDMin)
		b = append(b, `,"usd_max":`...)
		b = appendFloat(b, m.USDMax)
		b = append(b, '}')
	}
	b = append(b, `,"ownership":`...)
	if res.Ownership == triage.OwnerUnknown {
		b = append(b, "null"...)
	} else {
		b = appendJSONString(b, string(res.Ownership))
	}
	b = append(b, `,"supply_chain":`...)
	b = strconv.AppendBool(b, res.SupplyChain)
	b = append(b, `,"lead_time_days":`...)
	b = appendRange(b, res.LeadTimeDays)
	b = append(b, `,"model":`...)
	b = appendJSONString(b, string(res.Model))
	b = append(b, `,"confidence":`...)
	b = appendFloat(b, res.Confidence)
	b = append(b, `,"warnings":`...)
	b = appendStrings(b, res.Warnings, func(s string) string { return s })
	b = append(b, `,"language":`...)
	b = appendJSONString(b, res.Language)
	b = append(b, `,"questions":[`...)
	for i, q := range res.Questions {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, q.Text)
	}
	b = append(b, `],"explanation":`...)
	b = appendJSONString(b, res.Explanation)
	b = append(b, "}\n"...)
	return b, ok
}

func appendStrings(b []byte, ss []string, f func(string) string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, f(s))
	}
	return append(b, ']')
}

// appendJSONString appends s as a JSON string the way encoding/json does
// with HTML escaping off: invalid UTF-8 becomes U+FFFD, U+2028 and U+2029
// are escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// triageBatch triages the lines of b into their output lines.
func triageBatch(e *triage.Engine, b *jsonlBatch, today time.Time) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	null := json.RawMessage("null")
	for i, line := range b.lines {
		var out any
		in, perr := parseJSONLLine(line, b.long[i])
		id := in.ID
		if len(id) == 0 {
			id = null
		}
		if perr != nil {
			out = jsonlErr{ID: id, Error: perr.Error()}
		} else {
			sent := today
			if in.SentAt != "" {
				sent, _ = parseSentAt(in.SentAt) // checked by parseJSONLLine
			}
			res := e.Analyze(*in.Text, sent)
			if b, ok := appendVerdict(buf.AvailableBuffer(), id, res); ok {
				buf.Write(b)
				continue
			}
			out = toJSONLOut(id, res)
		}
		if err := enc.Encode(out); err != nil {
			// Every field marshals; keep the line count right regardless.
			fmt.Fprintf(&buf, "{\"id\":%s,\"error\":\"cannot encode the verdict\"}\n", id)
		}
	}
	return buf.Bytes()
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

func showAmount(lo, hi float64) string { return bot.FormatAmountRange(lo, hi) }

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
