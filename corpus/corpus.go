// Package corpus loads labelled corpora (docs/jsonl.md) and scores the
// engine on them the way TRIAGE.md section 4 does; `triagebot eval` and
// the engine's regression tests share it, so both count alike. Dialogue
// corpora (section 5) are scored by DialogueScore.
package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/triagebot/triagebot/batch"
	"github.com/triagebot/triagebot/triage"
)

// Line is one labelled message of a corpus.
type Line struct {
	ID     string `json:"id"`
	Lang   string `json:"lang"`
	SentAt string `json:"sent_at"`
	Text   string `json:"text"`
	Expect Labels `json:"expect"`
	// sent is SentAt read, or the zero time when it is empty.
	sent time.Time
}

// Read reads a corpus: one JSON object a line, blank lines skipped. A
// line that does not decode, has no text or has a bad sent_at is an error
// naming its number. sent_at follows batch.ParseSentAt, dates in UTC.
func Read(r io.Reader) ([]Line, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var out []Line
	for n := 1; ; n++ {
		raw, tooLong, err := batch.ReadLine(br, batch.MaxLine)
		if err != nil && err != io.EOF {
			return out, fmt.Errorf("reading line %d: %w", n, err)
		}
		if tooLong {
			return out, fmt.Errorf("line %d: longer than %d bytes", n, batch.MaxLine)
		}
		if len(bytes.TrimSpace(raw)) > 0 {
			l, perr := parseLine(raw)
			if perr != nil {
				return out, fmt.Errorf("line %d: %w", n, perr)
			}
			out = append(out, l)
		}
		if err == io.EOF {
			return out, nil
		}
	}
}

func parseLine(raw []byte) (Line, error) {
	var l struct {
		Line
		Text *string `json:"text"`
	}
	if err := json.Unmarshal(raw, &l); err != nil {
		return Line{}, err
	}
	if l.Text == nil {
		return Line{}, fmt.Errorf(`missing "text"`)
	}
	l.Line.Text = *l.Text
	if l.SentAt != "" {
		t, err := batch.ParseSentAt(l.SentAt, time.UTC)
		if err != nil {
			return Line{}, fmt.Errorf("sent_at: %w", err)
		}
		l.sent = t
	}
	return l.Line, nil
}

// Eval triages every line with e, scores it, and calls miss (when not
// nil) for each line with a field wrong. A line without sent_at is read
// as sent at now.
func Eval(e *triage.Engine, lines []Line, now time.Time, miss func(l Line, m []Miss)) *Score {
	sc := &Score{}
	for _, l := range lines {
		sent := l.sent
		if sent.IsZero() {
			sent = now
		}
		if m := sc.Check(l.Expect, e.Analyze(l.Text, sent)); len(m) > 0 && miss != nil {
			miss(l, m)
		}
	}
	return sc
}
