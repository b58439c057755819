package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/importer"
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
	schedule, err := cfg.DigestSchedule()
	if err != nil {
		return c.configError(err)
	}
	zone := schedule.Zone
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
		if lines, err = importer.CountLines(f); err != nil {
			return c.fail(1, "import: %v", err)
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return c.fail(1, "import: %v", err)
		}
		in = f
	}
	br := bufio.NewReaderSize(in, 64<<10)
	isCSV, err := importer.LooksLikeCSV(path, br)
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
	past := make(chan bot.PastInquiry, 256)
	stored := make(chan bot.ImportCounts, 1)
	go func() { stored <- bot.Import(ctx, st, eng, cfg.Triage.MaxMessageBytes, past, cancel) }()

	// The reader parses in order, so bad lines are reported in order.
	bad := func(n int, reason, detail string) {
		stats.skip(reason)
		_ = bar.Clear()
		fmt.Fprintf(c.stderr, "line %d: %s%s, skipped\n", n, reason, detail)
	}
	// send hands a line to the workers; false once the import stopped.
	send := func(r importer.Record) bool {
		select {
		case past <- pastInquiry(r):
			return true
		case <-ctx.Done():
			return false
		}
	}
	opts := importer.Options{Zone: zone, Bad: bad, Progress: func(n int) { _ = bar.Add(n) }}
	read := importer.ReadJSONL
	if isCSV {
		read = importer.ReadCSV
	}
	readErr := read(br, opts, send)
	close(past)
	counts := <-stored
	_ = bar.Finish()
	stats.imported, stats.already = counts.Imported, counts.Already

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

// pastInquiry is the record as the core takes it.
func pastInquiry(r importer.Record) bot.PastInquiry {
	return bot.PastInquiry{Text: r.Text, Channel: r.Channel, User: r.User, Sent: r.Sent, Key: r.Key(), Line: r.Line}
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
