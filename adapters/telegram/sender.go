package telegram

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/triagebot/triagebot/bot"
)

var _ bot.Sender = (*Adapter)(nil)

// Send implements bot.Sender: it sends a reply from the outbox to its chat
// (Telegram has no lead cards), after acknowledging the button press it
// answers and taking that keyboard away. A long reply goes out as several
// messages in one Send. A timeout after the request went out is an unknown
// outcome; the dispatcher retries it and counts it.
func (a *Adapter) Send(ctx context.Context, o bot.Outgoing) (bot.CardRef, error) {
	msg, reply := o.Payload.Message, o.Payload.Reply
	if o.Kind != bot.KindReply || msg == nil || reply == nil {
		return bot.CardRef{}, fmt.Errorf("telegram: cannot send a %s row", o.Kind)
	}
	chat, err := strconv.ParseInt(o.Target, 10, 64)
	if err != nil {
		return bot.CardRef{}, fmt.Errorf("telegram: bad chat id in row %d", o.ID)
	}
	if msg.PressID != "" && o.Attempts <= 1 {
		a.unpressKeyboard(ctx, chat, *msg)
	}
	replyTo, _ := strconv.Atoi(msg.ReplyTo)
	for _, p := range render(*reply, MaxMessageUnits) {
		if err := a.sendPart(ctx, chat, p, replyTo); err != nil {
			return bot.CardRef{}, err
		}
	}
	return bot.CardRef{}, nil
}

// unpressKeyboard stops the pressed button's spinner and takes the
// keyboard away, so that a question is answered once. Failures only cost
// the looks, so they are logged.
func (a *Adapter) unpressKeyboard(ctx context.Context, chat int64, msg bot.Message) {
	a.answerCallback(ctx, msg.PressID)
	id, err := strconv.Atoi(msg.PressedMessage)
	if err != nil || id == 0 {
		return
	}
	_, err = a.api.EditMessageReplyMarkup(ctx, &tgbot.EditMessageReplyMarkupParams{
		ChatID: chat, MessageID: id, ReplyMarkup: &inlineKeyboard{InlineKeyboard: [][]inlineButton{}},
	})
	if err != nil {
		a.log.Warn("keyboard not removed", "chat_id", chat, "err", a.redact(err))
	}
}

// sendPart sends one rendered part to chat, as a reply to message replyTo
// when it is not 0, and classifies the error for the dispatcher.
func (a *Adapter) sendPart(ctx context.Context, chat int64, p part, replyTo int) error {
	params := &tgbot.SendMessageParams{
		ChatID:             chat,
		Text:               p.HTML,
		ParseMode:          models.ParseModeHTML,
		LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: tgbot.True()},
	}
	if p.Keyboard != nil {
		params.ReplyMarkup = p.Keyboard
	}
	if replyTo != 0 {
		params.ReplyParameters = &models.ReplyParameters{MessageID: replyTo, AllowSendingWithoutReply: true}
	}
	_, err := a.api.SendMessage(ctx, params)
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		// The request may have reached Telegram: nobody knows.
		return &bot.RetryableError{Err: errors.New(a.redact(err)), Reason: "timeout", Unknown: true}
	}
	if c := classify(err); c != err {
		return c
	}
	return fmt.Errorf("telegram: sendMessage: %s", a.redact(err))
}

// classify marks the errors worth retrying: a 429 (with Telegram's
// retry_after), a network failure, a 5xx. Everything else (400 bad
// request, 403 blocked by the user, ...) is final.
func classify(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var tooMany *tgbot.TooManyRequestsError
	if errors.As(err, &tooMany) {
		return &bot.RetryableError{Err: err, After: time.Duration(tooMany.RetryAfter) * time.Second, Reason: "rate_limited"}
	}
	var netErr *url.Error
	if errors.As(err, &netErr) {
		return &bot.RetryableError{Err: err, Reason: "network"}
	}
	// The library words other API failures as "error response from
	// telegram for method M, CODE description".
	if msg := err.Error(); strings.Contains(msg, "error response from telegram") &&
		(strings.Contains(msg, ", 5") || strings.Contains(msg, "Internal Server Error") || strings.Contains(msg, "Bad Gateway")) {
		return &bot.RetryableError{Err: err, Reason: "5xx"}
	}
	return err
}
