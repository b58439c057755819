package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/triagebot/triagebot/triage"
)

// process runs one recorded message through the conversation in a single
// transaction: load, read, merge, decide, save, and store the reply. It
// returns the inquiry when the message was triaged (nil for commands).
// With queue, the reply goes to the outbox in the same transaction.
func (c *Core) process(ctx context.Context, msg Message, queue bool) (Reply, *Inquiry, error) {
	var (
		reply Reply
		saved *Inquiry
	)
	err := c.store.InTx(ctx, func(ctx context.Context, tx Tx) error {
		reply, saved = Reply{}, nil
		now := c.now().UTC()
		key := ConversationKey{Platform: msg.Platform, ChatID: msg.ChatID, UserID: msg.UserID}
		conv, err := tx.Conversation(ctx, key)
		switch {
		case errors.Is(err, ErrNotFound):
			conv = Conversation{ConversationKey: key}
		case err != nil:
			return fmt.Errorf("load conversation: %w", err)
		}
		if conv.InquiryID != 0 && now.Sub(conv.UpdatedAt) > c.idleExpiry {
			conv.InquiryID, conv.Asked = 0, ""
		}

		text := strings.TrimSpace(msg.Text)
		// One reading serves both the language and the cues.
		read, _ := truncateUTF8(text, c.maxBytes)
		expect := msg.AnswerTo
		if expect == "" {
			expect = conv.Asked
		}
		var rd triage.Reading
		if read != "" && msg.Command == CommandNone {
			start := time.Now()
			rd = c.engine.ReadAnswer(read, msg.SentAt, expect)
			c.metrics.ObserveTriage(time.Since(start))
		}
		lang := c.language(conv, msg, text, rd.Language)
		switch {
		case msg.Command == CommandStart, msg.Command == CommandHelp:
			reply = c.notice(lang, map[Command]string{CommandStart: "greeting", CommandHelp: "help"}[msg.Command])
		case msg.Command == CommandNew:
			conv.InquiryID, conv.Asked = 0, ""
			reply = c.notice(lang, "new_inquiry")
		case msg.Command == CommandNotText:
			reply = c.notice(lang, "not_text")
		case text == "":
			reply = c.notice(lang, "empty")
		default:
			in, v, err := c.triage(ctx, tx, &conv, msg, read, rd, expect, lang, now)
			if err != nil {
				return err
			}
			saved = in
			reply = c.verdictReply(in, v)
			if len(text) > c.maxBytes {
				reply.Paragraphs = append(reply.Paragraphs, c.engine.Label(lang, "truncated"))
			}
		}
		conv.Language = lang
		conv.UpdatedAt = now
		if err := tx.SaveConversation(ctx, conv); err != nil {
			return fmt.Errorf("save conversation: %w", err)
		}
		if err := tx.MarkTriaged(ctx, msg.Platform, msg.EventID, reply, now); err != nil {
			return fmt.Errorf("store reply: %w", err)
		}
		return c.queue(ctx, tx, msg, reply, saved, queue, now)
	})
	if err != nil {
		return Reply{}, nil, fmt.Errorf("handle %s message: %w", msg.Platform, err)
	}
	return reply, saved, nil
}

// triage reads text into the conversation's inquiry (a new one if there is
// none), decides and saves it.
func (c *Core) triage(ctx context.Context, tx Tx, conv *Conversation, msg Message, read string, rd triage.Reading, expect triage.Cue, lang string, now time.Time) (*Inquiry, triage.Verdict, error) {
	in := Inquiry{
		Platform: msg.Platform, ChatID: msg.ChatID, UserID: msg.UserID,
		Status: StatusOpen, FirstMessageAt: msg.SentAt, CreatedAt: now,
	}
	if conv.InquiryID != 0 {
		var err error
		in, err = tx.Inquiry(ctx, conv.InquiryID)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return nil, triage.Verdict{}, fmt.Errorf("load inquiry %d: %w", conv.InquiryID, err)
		}
		if errors.Is(err, ErrNotFound) {
			in = Inquiry{Platform: msg.Platform, ChatID: msg.ChatID, UserID: msg.UserID,
				Status: StatusOpen, FirstMessageAt: msg.SentAt, CreatedAt: now}
		}
	}
	if msg.UserName != "" {
		in.UserName = msg.UserName
	}
	if msg.UserHandle != "" {
		in.UserHandle = msg.UserHandle
	}

	if msg.Edit && len(in.Texts) > 0 {
		// An edited message replaces the last text: read the inquiry again
		// from its texts rather than stacking the old reading.
		in.Texts[len(in.Texts)-1] = read
		var cues triage.Cues
		for i, t := range in.Texts {
			e := triage.Cue("")
			if i == len(in.Texts)-1 {
				e = expect
			}
			cues = c.engine.Merge(cues, c.engine.ReadAnswer(t, msg.SentAt, e).Cues)
		}
		in.Cues = cues
	} else {
		in.Texts = append(in.Texts, read)
		in.Cues = c.engine.Merge(in.Cues, rd.Cues)
	}
	v := c.engine.Decide(in.Cues, lang)

	in.Model, in.Confidence, in.Warnings, in.Language = v.Model, v.Confidence, v.Warnings, lang
	if in.Warnings == nil {
		in.Warnings = []string{}
	}
	in.UpdatedAt = now
	if err := tx.SaveInquiry(ctx, &in); err != nil {
		return nil, triage.Verdict{}, fmt.Errorf("save inquiry: %w", err)
	}
	conv.InquiryID = in.ID
	conv.Asked = ""
	if len(v.Questions) > 0 {
		conv.Asked = v.Questions[0].Cue
	}
	return &in, v, nil
}

// language picks the reply language: the conversation's once it has one,
// unless the buyer switches with a message long enough to tell; else the
// text's; else the platform's hint; else the default.
func (c *Core) language(conv Conversation, msg Message, text, detected string) string {
	if conv.Language != "" {
		if detected != "" && detected != conv.Language && words(text) >= 5 && c.engine.HasLanguage(detected) {
			return detected
		}
		return conv.Language
	}
	if detected != "" && c.engine.HasLanguage(detected) && (words(text) >= 3 || msg.Language == "") {
		return detected
	}
	if hint := strings.ToLower(msg.Language); hint != "" {
		if base, _, _ := strings.Cut(hint, "-"); c.engine.HasLanguage(base) {
			return base
		}
	}
	if detected != "" && c.engine.HasLanguage(detected) {
		return detected
	}
	return c.defaultLang
}

// words counts words; a CJK or Thai character counts as one, since those
// scripts do not separate words with spaces.
func words(s string) int {
	n, in := 0, false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r) || unicode.Is(unicode.Thai, r):
			n++
			in = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if !in {
				n++
			}
			in = true
		default:
			in = false
		}
	}
	return n
}
