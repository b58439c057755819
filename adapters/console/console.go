// Package console is the adapter of `triagebot chat`: a conversation on
// standard input and output with the same core and store as the chat
// platforms. With piped input it reads one message a line, prints each
// reply and returns at the end of input, so it serves scripts and tests.
package console

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/triagebot/triagebot/bot"
)

// Core is the part of the bot core the console uses.
type Core interface {
	Handle(ctx context.Context, msg bot.Message) (bot.Reply, error)
	Delivered(ctx context.Context, msg bot.Message) error
}

// Options configures a console session. The zero value is a piped session
// of user "local".
type Options struct {
	// User and Chat identify the conversation; the defaults are "local".
	User, Chat string
	// Interactive prints a prompt and a greeting (for a terminal).
	Interactive bool
}

// maxLine bounds one input line; longer lines are cut by the core's
// triage.max_message_bytes anyway, this only protects memory.
const maxLine = 1 << 20

// Run holds the conversation until in ends or ctx is cancelled.
func Run(ctx context.Context, core Core, in io.Reader, out io.Writer, o Options) error {
	if o.User == "" {
		o.User = "local"
	}
	if o.Chat == "" {
		o.Chat = "local"
	}
	send := func(m bot.Message) error {
		m.Platform, m.ChatID, m.UserID, m.UserName = bot.PlatformConsole, o.Chat, o.User, o.User
		m.EventID = eventID()
		r, err := core.Handle(ctx, m)
		if err != nil {
			return err
		}
		if r.Duplicate {
			return nil
		}
		if _, err := fmt.Fprintln(out, Render(r)); err != nil {
			return err
		}
		return core.Delivered(ctx, m)
	}
	if o.Interactive {
		if err := send(bot.Message{Command: bot.CommandStart}); err != nil {
			return err
		}
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	for {
		if o.Interactive {
			fmt.Fprint(out, "> ")
		}
		if !sc.Scan() {
			break
		}
		if ctx.Err() != nil {
			return nil
		}
		line := strings.TrimSpace(sc.Text())
		if line == "" && !o.Interactive {
			continue // blank lines separate messages in scripts
		}
		if err := send(bot.Message{Text: line}); err != nil {
			return fmt.Errorf("console: %w", err)
		}
	}
	if err := sc.Err(); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("console: read input: %w", err)
	}
	return nil
}

// eventID names one console message: the console has no platform ids, and
// each line is a new event.
func eventID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Render writes a reply as plain text: the headline first, then the facts,
// warnings, explanation and questions with their suggested answers.
func Render(r bot.Reply) string {
	var b strings.Builder
	b.WriteString(r.Headline)
	b.WriteByte('\n')
	for _, f := range r.Facts {
		fmt.Fprintf(&b, "  %s: %s\n", f.Label, f.Value)
	}
	for _, w := range r.Warnings {
		fmt.Fprintf(&b, "  ! %s\n", w.Text)
	}
	for _, p := range r.Paragraphs {
		b.WriteByte('\n')
		b.WriteString(p)
		b.WriteByte('\n')
	}
	for _, q := range r.Questions {
		fmt.Fprintf(&b, "\n? %s", q.Text)
		if len(q.Answers) > 0 {
			fmt.Fprintf(&b, "  [%s]", strings.Join(q.Answers, " | "))
		}
		b.WriteByte('\n')
	}
	return b.String()
}
