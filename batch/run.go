package batch

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"github.com/triagebot/triagebot/triage"
)

// Run triages every line of r into one line of w, in order, reading a
// date-only sent_at in UTC and a missing one as today. A line
// that is not a JSON object with a text gets an error line and the run goes
// on. progress, when not nil, is told of each run of lines written.
//
// Lines are read in batches that GOMAXPROCS workers triage in parallel; the
// batches are written back in input order.
func Run(ctx context.Context, e *triage.Engine, r io.Reader, w io.Writer, progress func(lines int), today time.Time) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := max(1, runtime.GOMAXPROCS(0))
	batches := make(chan *batch, 2*workers)
	done := make(chan *batch, 2*workers)
	var readErr error // set by the reader before it closes batches
	go func() {
		defer close(batches)
		br := bufio.NewReaderSize(r, 64<<10)
		for seq, first := 0, 1; ; seq++ {
			b := &batch{seq: seq, first: first}
			eof := false
			for len(b.lines) < batchSize {
				line, tooLong, err := ReadLine(br, MaxLine)
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
	pending := map[int]*batch{}
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

// batchSize is how many lines a worker triages at a time.
const batchSize = 256

// batch is a run of input lines and, once triaged, their output.
type batch struct {
	seq   int // the batch's place in the input
	first int // the line number of lines[0]
	lines [][]byte
	long  []bool // the line was too long and is empty
	out   []byte
}

// triageBatch triages the lines of b into their output lines.
func triageBatch(e *triage.Engine, b *batch, today time.Time) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	null := json.RawMessage("null")
	for i, line := range b.lines {
		var out any
		in, perr := ParseLine(line, b.long[i])
		id := in.ID
		if len(id) == 0 {
			id = null
		}
		if perr != nil {
			out = ErrorLine{ID: id, Error: perr.Error()}
		} else {
			sent := today
			if in.SentAt != "" {
				sent, _ = ParseSentAt(in.SentAt, time.UTC) // checked by ParseLine
			}
			out = NewOut(id, e.Analyze(*in.Text, sent))
		}
		if err := enc.Encode(out); err != nil {
			// Every field marshals; keep the line count right regardless.
			fmt.Fprintf(&buf, "{\"id\":%s,\"error\":\"cannot encode the verdict\"}\n", id)
		}
	}
	return buf.Bytes()
}
