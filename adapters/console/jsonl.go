package console

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/triage"
)

// chatIn is one input line of `chat --jsonl`.
type chatIn struct {
	Chat   json.RawMessage `json:"chat"`
	Text   *string         `json:"text"`
	SentAt string          `json:"sent_at"`
}

// ChatOut is one output line of `chat --jsonl` (TRIAGE.md section 5): the
// fields of section 3 for the inquiry after the message, with the
// conversation's chat and turn, the cues asked, the cues declined and
// whether the inquiry was handed over to sales.
type ChatOut struct {
	Chat json.RawMessage `json:"chat"`
	Turn int             `json:"turn"`
	triage.ContractVerdict
	Asked      []string `json:"asked"`
	Declined   []string `json:"declined"`
	HandedOver bool     `json:"handed_over"`
}

// chatErr is the output line of an input line that is not a message.
type chatErr struct {
	Chat  json.RawMessage `json:"chat"`
	Error string          `json:"error"`
}

// maxJSONLLine bounds one input line; a longer line gets an error line.
const maxJSONLLine = 1 << 20

// JSONL runs `chat --jsonl`: every line of r is a message of the
// conversation its "chat" names, handled by core in file order, and every
// line gets one line on w, in order: the inquiry after that message, or an
// error line for a line that is not a message. today is the sent_at of a
// line without one.
func JSONL(ctx context.Context, core Core, r io.Reader, w io.Writer, today time.Time) error {
	br := bufio.NewReaderSize(r, maxJSONLLine)
	bw := bufio.NewWriter(w)
	turns := map[string]int{}
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, err := br.ReadSlice('\n')
		tooLong := errors.Is(err, bufio.ErrBufferFull)
		if tooLong {
			line, err = skipLine(br)
		}
		if err != nil && err != io.EOF {
			return fmt.Errorf("console: read line %d: %w", n, err)
		}
		if len(bytes.TrimSpace(line)) > 0 || tooLong {
			out, lerr := chatLine(ctx, core, line, tooLong, turns, today)
			if lerr != nil {
				return fmt.Errorf("console: line %d: %w", n, lerr)
			}
			if _, werr := bw.Write(append(out, '\n')); werr != nil {
				return fmt.Errorf("console: write: %w", werr)
			}
		}
		if err == io.EOF {
			return bw.Flush()
		}
	}
}

// skipLine reads past the rest of a line too long to keep.
func skipLine(br *bufio.Reader) ([]byte, error) {
	for {
		_, err := br.ReadSlice('\n')
		if !errors.Is(err, bufio.ErrBufferFull) {
			return nil, err
		}
	}
}

// chatLine handles one input line and returns its output line. The error
// is for the core failing, which ends the run; a bad line is an error line.
func chatLine(ctx context.Context, core Core, line []byte, tooLong bool, turns map[string]int, today time.Time) ([]byte, error) {
	var in chatIn
	fail := func(msg string) ([]byte, error) {
		return json.Marshal(chatErr{Chat: rawOrNull(in.Chat), Error: msg})
	}
	if tooLong {
		return fail(fmt.Sprintf("line longer than %d bytes", maxJSONLLine))
	}
	if err := json.Unmarshal(line, &in); err != nil {
		in = chatIn{}
		return fail("not a JSON object: " + err.Error())
	}
	if in.Text == nil {
		return fail(`missing "text"`)
	}
	sent := today
	if in.SentAt != "" {
		t, err := time.Parse("2006-01-02", in.SentAt)
		if err != nil {
			return fail("sent_at: want YYYY-MM-DD")
		}
		sent = t
	}
	chat := rawOrNull(in.Chat)
	var key bytes.Buffer
	if err := json.Compact(&key, chat); err != nil {
		return fail("chat: " + err.Error())
	}
	msg := bot.Message{
		Platform: bot.PlatformConsole, EventID: eventID(),
		ChatID: "jsonl:" + key.String(), UserID: key.String(), UserName: "jsonl",
		Text: *in.Text, SentAt: sent,
	}
	r, err := core.Handle(ctx, msg)
	if err != nil {
		return nil, err
	}
	if err := core.Delivered(ctx, msg); err != nil {
		return nil, err
	}
	turns[key.String()]++
	return json.Marshal(chatOut(chat, turns[key.String()], r))
}

// chatOut is the output line of a reply.
func chatOut(chat json.RawMessage, turn int, r bot.Reply) ChatOut {
	out := ChatOut{
		Chat: chat, Turn: turn,
		ContractVerdict: triage.ContractVerdict{
			Quantity: r.Cues.Quantity, Budget: r.Cues.Budget, Ownership: r.Cues.Ownership,
			SupplyChain: r.Cues.SupplyChain, LeadTimeDays: r.Cues.LeadTimeDays,
			Model: r.Model, Confidence: r.Confidence, Language: r.Language,
			Warnings: []string{}, Questions: []string{},
			Explanation: strings.Join(r.Paragraphs, "\n\n"),
		},
		Asked: []string{}, Declined: []string{},
		HandedOver: r.HandedOver,
	}
	if out.Model == "" {
		out.Model = triage.Unknown
	}
	for _, w := range r.Warnings {
		out.Warnings = append(out.Warnings, w.Code)
	}
	for _, q := range r.Questions {
		out.Questions = append(out.Questions, q.Text)
		out.Asked = append(out.Asked, triage.ContractCue(q.Cue))
	}
	for _, c := range r.Declined {
		out.Declined = append(out.Declined, triage.ContractCue(c))
	}
	return out
}

func rawOrNull(m json.RawMessage) json.RawMessage {
	if len(bytes.TrimSpace(m)) == 0 {
		return json.RawMessage("null")
	}
	return m
}
