// Package importer reads past inquiries from the files `triagebot import`
// takes: JSON Lines {"text","sent_at","channel","user"} or CSV with a
// header naming those columns. It returns records; package bot triages a
// record into an inquiry, and main stores them.
package importer

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/triagebot/triagebot/batch"
)

// MaxLine caps one JSONL line; longer lines are skipped.
const MaxLine = 1 << 20

// Record is one past inquiry of an import file.
type Record struct {
	Text    string `json:"text"`
	SentAt  string `json:"sent_at"`
	Channel string `json:"channel"`
	User    string `json:"user"`
	// Line is the record's line in the file (its first line in CSV), Sent
	// its time read from SentAt.
	Line int       `json:"-"`
	Sent time.Time `json:"-"`
}

// Options tells the readers how to read and whom to tell.
type Options struct {
	// Zone is where a date-only sent_at is midnight (batch.ParseSentAt).
	Zone *time.Location
	// Bad is told of each line skipped, with why; nil: nobody.
	Bad func(line int, reason, detail string)
	// Progress is told of the lines read; nil: nobody.
	Progress func(lines int)
}

func (o Options) bad(line int, reason, detail string) {
	if o.Bad != nil {
		o.Bad(line, reason, detail)
	}
}

func (o Options) progress(n int) {
	if o.Progress != nil {
		o.Progress(n)
	}
}

// Key is the record's stable import key: a hash of all four fields, so the
// same text from two buyers, or at two times, is two inquiries.
func (r Record) Key() string {
	b, _ := json.Marshal([]string{r.Text, r.SentAt, r.Channel, r.User}) // strings always marshal
	sum := sha256.Sum256(b)
	return "import:" + hex.EncodeToString(sum[:])
}

// check validates a record and reads its time; reason is "" when it is good.
func (r Record) check(zone *time.Location) (t time.Time, reason, detail string) {
	if strings.TrimSpace(r.Text) == "" {
		return t, "no text", ""
	}
	s := strings.TrimSpace(r.SentAt)
	if s == "" {
		return t, "no sent_at", ""
	}
	if t, err := batch.ParseSentAt(s, zone); err == nil {
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

// ReadJSONL reads JSON Lines records from br and hands each good one to
// send, in order, until the end or until send returns false.
func ReadJSONL(br *bufio.Reader, o Options, send func(Record) bool) error {
	for n := 1; ; n++ {
		line, tooLong, err := batch.ReadLine(br, MaxLine)
		if err != nil && err != io.EOF {
			return err
		}
		if err == io.EOF && len(line) == 0 && !tooLong {
			return nil
		}
		o.progress(1)
		if tooLong {
			o.bad(n, "line too long", fmt.Sprintf(" (over %d bytes)", MaxLine))
			if err == io.EOF {
				return nil
			}
			continue
		}
		line = bytes.TrimSpace(line)
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\ufeff"))
		}
		if len(line) == 0 {
			if err == io.EOF {
				return nil
			}
			continue
		}
		var rec Record
		if err := json.Unmarshal(line, &rec); err != nil {
			o.bad(n, "not a JSON object of strings text, sent_at, channel, user", "")
			continue
		}
		t, reason, detail := rec.check(o.Zone)
		if reason != "" {
			o.bad(n, reason, detail)
			continue
		}
		rec.Line, rec.Sent = n, t
		if !send(rec) || err == io.EOF {
			return nil
		}
	}
}

// ReadCSV reads CSV records (a header first) like ReadJSONL.
func ReadCSV(br *bufio.Reader, o Options, send func(Record) bool) error {
	r := csv.NewReader(br)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		return fmt.Errorf("CSV header: %w", err)
	}
	o.progress(1)
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
				o.progress(1)
			}
			lastLine = pe.Line
			o.bad(pe.StartLine, "bad CSV", ": "+pe.Err.Error())
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
			o.progress(1)
		}
		lastLine = end
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		ir := Record{Text: field(rec, "text"), SentAt: field(rec, "sent_at"), Channel: field(rec, "channel"), User: field(rec, "user")}
		t, reason, detail := ir.check(o.Zone)
		if reason != "" {
			o.bad(line, reason, detail)
			continue
		}
		ir.Line, ir.Sent = line, t
		if !send(ir) {
			return nil
		}
	}
}

// LooksLikeCSV decides the format: by extension, else by the first byte
// ('{' is JSON Lines).
func LooksLikeCSV(path string, br *bufio.Reader) (bool, error) {
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

// CountLines counts the lines of r, for the progress bar.
func CountLines(r io.Reader) (int, error) {
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
