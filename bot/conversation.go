package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

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
			conv.InquiryID, conv.Asked = 0, nil
		}
		in, err := c.loadInquiry(ctx, tx, conv, msg, now)
		if err != nil {
			return err
		}

		text := strings.TrimSpace(msg.Text)
		read, _ := truncateUTF8(text, c.maxBytes)
		dc := triage.Context{Asked: conv.Asked, Declined: in.Declined, Currency: currencyOf(in.Cues), Language: conv.Language}
		if msg.AnswerTo != "" {
			dc.Asked = []triage.Cue{msg.AnswerTo}
		}
		// One reading serves the language, the cues and the declines.
		var turn triage.Turn
		if read != "" && msg.Command == CommandNone {
			start := time.Now()
			turn = c.engine.ReadTurn(read, msg.SentAt, dc)
			c.metrics.ObserveTriage(time.Since(start))
		}
		lang, shown := c.language(conv, msg, turn)
		switch {
		case msg.Command == CommandStart, msg.Command == CommandHelp:
			reply = c.notice(lang, map[Command]string{CommandStart: "greeting", CommandHelp: "help"}[msg.Command])
		case msg.Command == CommandNew:
			conv.InquiryID, conv.Asked = 0, nil
			reply = c.notice(lang, "new_inquiry")
		case msg.Command == CommandNotText:
			reply = c.notice(lang, "not_text")
		case text == "":
			reply = c.notice(lang, "empty")
		default:
			dc.Language = lang
			v, wasReady, err := c.triage(ctx, tx, &conv, &in, msg, read, turn, dc, now)
			if err != nil {
				return err
			}
			saved = &in
			reply = c.verdictReply(&in, v, turn, wasReady)
			if len(text) > c.maxBytes {
				reply.Paragraphs = append(reply.Paragraphs, c.engine.Label(lang, "truncated"))
			}
		}
		if shown {
			conv.Language = lang
		}
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

// loadInquiry returns the conversation's inquiry, or a new one when it has
// none (or it was deleted).
func (c *Core) loadInquiry(ctx context.Context, tx Tx, conv Conversation, msg Message, now time.Time) (Inquiry, error) {
	fresh := Inquiry{
		Platform: msg.Platform, ChatID: msg.ChatID, UserID: msg.UserID,
		Status: StatusOpen, FirstMessageAt: msg.SentAt, CreatedAt: now,
	}
	if conv.InquiryID == 0 {
		return fresh, nil
	}
	in, err := tx.Inquiry(ctx, conv.InquiryID)
	if errors.Is(err, ErrNotFound) {
		return fresh, nil
	}
	if err != nil {
		return Inquiry{}, fmt.Errorf("load inquiry %d: %w", conv.InquiryID, err)
	}
	return in, nil
}

// triage adds the message's turn to the inquiry, decides and saves it, and
// remembers what the reply asks. wasReady tells whether the inquiry had
// been handed over before this message.
func (c *Core) triage(ctx context.Context, tx Tx, conv *Conversation, in *Inquiry, msg Message, read string, turn triage.Turn, dc triage.Context, now time.Time) (v triage.Verdict, wasReady bool, err error) {
	if msg.UserName != "" {
		in.UserName = msg.UserName
	}
	if msg.UserHandle != "" {
		in.UserHandle = msg.UserHandle
	}
	wasReady = in.Ready
	if msg.Edit && len(in.Texts) > 0 {
		// An edited message replaces the last text: read the inquiry again
		// from its texts rather than stacking the old reading.
		in.Texts[len(in.Texts)-1] = read
		var cues triage.Cues
		declined := []triage.Cue(nil)
		for i, t := range in.Texts {
			ctx := triage.Context{Language: dc.Language, Currency: currencyOf(cues)}
			if i == len(in.Texts)-1 {
				ctx.Asked = dc.Asked
			}
			tr := c.engine.ReadTurn(t, msg.SentAt, ctx)
			cues = c.engine.Merge(cues, tr.Cues)
			declined = addDeclined(declined, tr.Declined, cues)
		}
		in.Cues, in.Declined = cues, declined
	} else {
		in.Texts = append(in.Texts, read)
		in.Cues = c.engine.Merge(in.Cues, turn.Cues)
		in.Declined = addDeclined(in.Declined, turn.Declined, in.Cues)
	}
	dc.Declined, dc.Currency = in.Declined, currencyOf(in.Cues)
	v = c.engine.DecideIn(in.Cues, dc.Language, dc)
	in.Ready = in.Ready || len(triage.Missing(in.Cues, in.Declined)) == 0

	in.Model, in.Confidence, in.Warnings, in.Language = v.Model, v.Confidence, v.Warnings, dc.Language
	if in.Warnings == nil {
		in.Warnings = []string{}
	}
	in.UpdatedAt = now
	if err := tx.SaveInquiry(ctx, in); err != nil {
		return v, wasReady, fmt.Errorf("save inquiry: %w", err)
	}
	conv.InquiryID = in.ID
	conv.Asked = nil
	for _, q := range v.Questions {
		conv.Asked = append(conv.Asked, q.Cue)
	}
	return v, wasReady, nil
}

// addDeclined adds the cues newly declined and drops those now known: a
// buyer who declined the budget and names one later has given it.
func addDeclined(declined, more []triage.Cue, known triage.Cues) []triage.Cue {
	missing := triage.Missing(known, nil)
	var out []triage.Cue
	for _, d := range append(slices.Clone(declined), more...) {
		if slices.Contains(missing, d) && !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	return out
}

// currencyOf is the currency the conversation already used: its budget's,
// else its unit price's.
func currencyOf(c triage.Cues) string {
	switch {
	case c.Budget != nil:
		return c.Budget.Currency
	case c.UnitPrice != nil:
		return c.UnitPrice.Currency
	}
	return ""
}

// language picks the reply language (TRIAGE.md section 5): the
// conversation's once a message showed it, unless this one is plainly
// written in another language (a whole sentence); else the language the
// text shows; else the platform's hint; else the default. shown is false
// when neither the text nor the platform told it, so a later message may.
func (c *Core) language(conv Conversation, msg Message, turn triage.Turn) (lang string, shown bool) {
	detected := turn.Language
	if detected != "" && !c.engine.HasLanguage(detected) {
		detected = ""
	}
	if conv.Language != "" {
		if detected != "" && detected != conv.Language && turn.Plain {
			return detected, true
		}
		return conv.Language, true
	}
	hint := strings.ToLower(msg.Language)
	hint, _, _ = strings.Cut(hint, "-")
	if !c.engine.HasLanguage(hint) {
		hint = ""
	}
	switch {
	case detected != "" && (turn.Plain || hint == ""):
		return detected, true
	case hint != "":
		return hint, true
	case detected != "":
		return detected, true
	}
	return c.defaultLang, false
}
