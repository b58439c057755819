package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/schollz/progressbar/v3"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/triage"
)

const importUsage = `Usage: triagebot import [--config FILE] FILE

Loads past inquiries, one per line, from FILE ("-" for standard input):
JSON Lines {"text","sent_at","channel","user"} or CSV with a header naming
those columns (text and sent_at are required). sent_at is RFC 3339 or a
date (midnight in the zone of digest.schedule). Each line is triaged and
stored with its own time; importing a line again adds nothing.
`

// importProgressLines is the size from which import draws a progress bar.
const importProgressLines = 2000

// importMaxLine caps one JSONL line; longer lines are skipped.
const importMaxLine = 1 << 20

// importRecord is one line of an import file.
type importRecord struct {
	Text    string `json:"text"`
	SentAt  string `json:"sent_at"`
	Channel string `json:"channel"`
	User    string `json:"user"`
}

// key is the record's stable import key: a hash of all four fields, so the
// same text from two buyers, or at two times, is two inquiries.
func (r importRecord) key() string {
	b, _ := json.Marshal([]string{r.Text, r.SentAt, r.Channel, r.User}) // strings always marshal
	sum := sha256.Sum256(b)
	return "import:" + hex.EncodeToString(sum[:])
}

// importLine is a parsed line on its way to the store.
type importLine struct {
	n      int // line number (of the record's first line in CSV)
	rec    importRecord
	sentAt time.Time
}

// importStats counts what happened to the lines.
type importStats struct {
	mu       sync.Mutex
	imported int
	already  int
	skipped  map[string]int // reason → lines
}

func (s *importStats) skip(reason string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.skipped[reason]++
}

// runImport is `triagebot import`.
func (c *cli) runImport(ctx context.Context, args []string) int {
	fs, configPath := c.flagSet("import", importUsage)
	pos, code, done := c.parse(fs, args)
	if done {
		return code
	}
	if len(pos) != 1 {
		return c.fail(2, "import: want one FILE (see triagebot import -h)")
	}
	path := pos[0]
	cfg, err := c.loadConfig(*configPath)
	if err != nil {
		return c.configError(err)
	}
	_, zone, err := bot.ParseDigestSchedule(cfg.Digest.Schedule)
	if err != nil {
		return c.configError(err)
	}
	eng, err := c.engine(cfg)
	if err != nil {
		return c.configError(err)
	}

	var (
		in    io.Reader
		lines int // known line count, 0 if unknown
	)
	if path == "-" {
		in = c.stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return c.fail(1, "import: %v", err)
		}
		defer f.Close()
		if lines, err = countLines(f); err != nil {
			return c.fail(1, "import: %v", err)
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return c.fail(1, "import: %v", err)
		}
		in = f
	}
	br := bufio.NewReaderSize(in, 64<<10)
	isCSV, err := looksLikeCSV(path, br)
	if err != nil {
		return c.fail(1, "import: %s: %v", path, err)
	}

	st, err := c.openMigrated(ctx, cfg)
	if err != nil {
		return c.fail(1, "import: %v", err)
	}
	defer st.Close()

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	stats := &importStats{skipped: map[string]int{}}
	bar := newProgress(c.stderr, lines, "importing", lines > importProgressLines)
	jobs := make(chan importLine, 256)

	// Workers triage; one writer stores, in batches where the store can.
	var wg sync.WaitGroup
	triaged := make(chan triagedLine, 256)
	maxBytes := cfg.Triage.MaxMessageBytes
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for l := range jobs {
				if ctx.Err() != nil {
					continue
				}
				triaged <- triagedLine{n: l.n, in: importInquiry(eng, l, maxBytes)}
			}
		})
	}
	go func() { wg.Wait(); close(triaged) }()
	stored := make(chan struct{})
	go func() {
		defer close(stored)
		storeImported(ctx, st, triaged, stats, cancel)
	}()

	// The reader parses in order, so bad lines are reported in order.
	bad := func(n int, reason, detail string) {
		stats.skip(reason)
		_ = bar.Clear()
		fmt.Fprintf(c.stderr, "line %d: %s%s, skipped\n", n, reason, detail)
	}
	// send hands a line to the workers; false once the import stopped.
	send := func(l importLine) bool {
		select {
		case jobs <- l:
			return true
		case <-ctx.Done():
			return false
		}
	}
	var readErr error
	if isCSV {
		readErr = readImportCSV(br, zone, bad, send, bar)
	} else {
		readErr = readImportJSONL(br, zone, bad, send, bar)
	}
	close(jobs)
	<-stored
	_ = bar.Finish()

	fmt.Fprintln(c.stdout, stats.summary())
	if cause := context.Cause(ctx); cause != nil && !errors.Is(cause, context.Canceled) {
		return c.fail(1, "import stopped at %v; run it again to go on (imported lines are not added twice)", cause)
	}
	if ctx.Err() != nil {
		return c.fail(1, "import interrupted; run it again to go on (imported lines are not added twice)")
	}
	if readErr != nil {
		return c.fail(1, "import: %s: %v", path, readErr)
	}
	return 0
}

// importInquiry triages one record into a finished inquiry.
func importInquiry(eng *triage.Engine, l importLine, maxBytes int) bot.Inquiry {
	text := l.rec.Text
	if maxBytes > 0 && len(text) > maxBytes {
		text = text[:maxBytes]
		for !utf8.ValidString(text) && len(text) > 0 {
			text = text[:len(text)-1]
		}
	}
	rd := eng.Read(text, l.sentAt)
	v := eng.Decide(rd.Cues, rd.Language)
	channel := strings.ToLower(strings.TrimSpace(l.rec.Channel))
	if channel == "" {
		channel = bot.PlatformImport
	}
	user := strings.TrimSpace(l.rec.User)
	return bot.Inquiry{
		Platform: channel, ChatID: user, UserID: user, UserName: user,
		Texts: []string{l.rec.Text}, Cues: rd.Cues, Model: v.Model, Confidence: v.Confidence,
		Warnings: v.Warnings, Language: v.Language, Status: bot.StatusOpen,
		ImportKey:      l.rec.key(),
		FirstMessageAt: l.sentAt, CreatedAt: l.sentAt, UpdatedAt: l.sentAt,
	}
}

// triagedLine is an inquiry ready to store, with its line number.
type triagedLine struct {
	n  int
	in bot.Inquiry
}

// batchImporter is the optional capability of a store to import many
// inquiries in one transaction (both stores have it); without it, import
// stores them one by one.
type batchImporter interface {
	ImportInquiries(ctx context.Context, ins []*bot.Inquiry) (fresh []bool, err error)
}

// importBatch is how many inquiries one transaction stores.
const importBatch = 500

// storeImported stores the triaged lines until the channel closes, in
// batches of importBatch where the store can. A store error cancels the
// import with the line it stopped at; the lines after it drain unstored.
func storeImported(ctx context.Context, st bot.InquiryStore, lines <-chan triagedLine, stats *importStats, cancel context.CancelCauseFunc) {
	count := func(fresh bool) {
		stats.mu.Lock()
		defer stats.mu.Unlock()
		if fresh {
			stats.imported++
		} else {
			stats.already++
		}
	}
	bi, batched := st.(batchImporter)
	var batch []triagedLine
	flush := func() {
		if len(batch) == 0 || ctx.Err() != nil {
			batch = batch[:0]
			return
		}
		ins := make([]*bot.Inquiry, len(batch))
		for i := range batch {
			ins[i] = &batch[i].in
		}
		fresh, err := bi.ImportInquiries(ctx, ins)
		if err != nil {
			cancel(fmt.Errorf("the batch of lines %d to %d: %w", batch[0].n, batch[len(batch)-1].n, err))
		}
		for _, f := range fresh {
			count(f)
		}
		batch = batch[:0]
	}
	for l := range lines {
		if ctx.Err() != nil {
			continue
		}
		if !batched {
			fresh, err := st.ImportInquiry(ctx, &l.in)
			if err != nil {
				cancel(fmt.Errorf("line %d: %w", l.n, err))
				continue
			}
			count(fresh)
			continue
		}
		batch = append(batch, l)
		if len(batch) == importBatch {
			flush()
		}
	}
	if batched {
		flush()
	}
}

// check validates a record and reads its time; reason is "" when it is good.
func (r importRecord) check(zone *time.Location) (t time.Time, reason, detail string) {
	if strings.TrimSpace(r.Text) == "" {
		return t, "no text", ""
	}
	s := strings.TrimSpace(r.SentAt)
	if s == "" {
		return t, "no sent_at", ""
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), "", ""
	}
	if t, err := time.ParseInLocation(time.DateOnly, s, zone); err == nil {
		return t.UTC(), "", ""
	}
	return t, "bad sent_at", fmt.Sprintf(" (%q: want RFC 3339 or YYYY-MM-DD)", trimForError(s))
}

// trimForError keeps a field short in an error message.
func trimForError(s string) string {
	if len(s) <= 40 {
		return s
	}
	s = s[:40]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s + "…"
}

func readImportJSONL(br *bufio.Reader, zone *time.Location, bad func(int, string, string), send func(importLine) bool, bar *progressbar.ProgressBar) error {
	for n := 1; ; n++ {
		line, tooLong, err := readImportLine(br)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		_ = bar.Add(1)
		if tooLong {
			bad(n, "line too long", fmt.Sprintf(" (over %d bytes)", importMaxLine))
			continue
		}
		line = bytes.TrimSpace(line)
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\ufeff"))
		}
		if len(line) == 0 {
			continue
		}
		var rec importRecord
		if err := json.Unmarshal(line, &rec); err != nil {
			bad(n, "not a JSON object of strings text, sent_at, channel, user", "")
			continue
		}
		t, reason, detail := rec.check(zone)
		if reason != "" {
			bad(n, reason, detail)
			continue
		}
		if !send(importLine{n: n, rec: rec, sentAt: t}) {
			return nil
		}
	}
}

// readImportLine reads one line without its newline; a line over importMaxLine
// is consumed and reported as too long.
func readImportLine(br *bufio.Reader) (line []byte, tooLong bool, err error) {
	for {
		part, isPrefix, err := br.ReadLine()
		if err != nil {
			if err == io.EOF && (line != nil || tooLong) {
				return line, tooLong, nil
			}
			return nil, false, err
		}
		if !tooLong {
			line = append(line, part...)
			if len(line) > importMaxLine {
				tooLong, line = true, nil
			}
		}
		if !isPrefix {
			if line == nil && !tooLong {
				line = []byte{}
			}
			return line, tooLong, nil
		}
	}
}

func readImportCSV(br *bufio.Reader, zone *time.Location, bad func(int, string, string), send func(importLine) bool, bar *progressbar.ProgressBar) error {
	r := csv.NewReader(br)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		return fmt.Errorf("CSV header: %w", err)
	}
	_ = bar.Add(1)
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, dup := col[h]; !dup {
			col[h] = i
		}
	}
	for _, need := range []string{"text", "sent_at"} {
		if _, ok := col[need]; !ok {
			return fmt.Errorf("CSV header %q has no %q column (want text, sent_at, channel, user)", strings.Join(header, ","), need)
		}
	}
	field := func(rec []string, name string) string {
		i, ok := col[name]
		if !ok || i >= len(rec) {
			return ""
		}
		return rec[i]
	}
	lastLine := 1
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			for range max(1, pe.Line-lastLine) {
				_ = bar.Add(1)
			}
			lastLine = pe.Line
			bad(pe.StartLine, "bad CSV", ": "+pe.Err.Error())
			continue
		}
		if err != nil {
			return err
		}
		line, _ := r.FieldPos(0)
		// A quoted field may span lines: the bar moves by the lines read.
		end := line
		if n := len(rec) - 1; n >= 0 {
			end, _ = r.FieldPos(n)
		}
		for range max(1, end-lastLine) {
			_ = bar.Add(1)
		}
		lastLine = end
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		ir := importRecord{Text: field(rec, "text"), SentAt: field(rec, "sent_at"), Channel: field(rec, "channel"), User: field(rec, "user")}
		t, reason, detail := ir.check(zone)
		if reason != "" {
			bad(line, reason, detail)
			continue
		}
		if !send(importLine{n: line, rec: ir, sentAt: t}) {
			return nil
		}
	}
}

// looksLikeCSV decides the format: by extension, else by the first byte
// ('{' is JSON Lines).
func looksLikeCSV(path string, br *bufio.Reader) (bool, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return true, nil
	case ".jsonl", ".ndjson", ".json":
		return false, nil
	}
	head, err := br.Peek(64)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return false, err
	}
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\ufeff")), " \t\r\n")
	return len(head) > 0 && head[0] != '{', nil
}

// countLines counts the lines of r, for the progress bar.
func countLines(r io.Reader) (int, error) {
	buf := make([]byte, 256<<10)
	n, last := 0, byte('\n')
	for {
		k, err := r.Read(buf)
		if k > 0 {
			n += bytes.Count(buf[:k], []byte{'\n'})
			last = buf[k-1]
		}
		if err == io.EOF {
			if last != '\n' {
				n++
			}
			return n, nil
		}
		if err != nil {
			return 0, err
		}
	}
}

func (s *importStats) summary() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	total := 0
	var reasons []string
	for r, n := range s.skipped {
		total += n
		reasons = append(reasons, fmt.Sprintf("%s: %s", r, bot.FormatCount(int64(n))))
	}
	slices.Sort(reasons)
	out := fmt.Sprintf("imported %s, already there %s, skipped %s",
		bot.FormatCount(int64(s.imported)), bot.FormatCount(int64(s.already)), bot.FormatCount(int64(total)))
	if len(reasons) > 0 {
		out += " (" + strings.Join(reasons, "; ") + ")"
	}
	return out
}
