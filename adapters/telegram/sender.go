package telegram

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/triagebot/triagebot/bot"
)

// Telegram's published limits for bots: about one message a second in one
// chat and thirty a second overall.
const (
	perChatInterval = time.Second
	globalRate      = 30.0
)

// limiter spaces outgoing messages: one a second per chat and a token
// bucket of 30 a second (burst 30) overall. It hands out reservations, so
// callers wait outside the lock. Safe for concurrent use.
type limiter struct {
	now      func() time.Time
	perChat  time.Duration
	rate     float64 // messages per second overall
	burst    float64
	mu       sync.Mutex
	tokens   float64
	last     time.Time
	chatNext map[int64]time.Time
}

func newLimiter(now func() time.Time) *limiter {
	return &limiter{now: now, perChat: perChatInterval, rate: globalRate, burst: globalRate, chatNext: map[int64]time.Time{}}
}

// reserve books the next slot for a message to chat and returns how long
// the caller must wait before sending it.
func (l *limiter) reserve(chat int64) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()

	at := now
	if next, ok := l.chatNext[chat]; ok && next.After(at) {
		at = next
	}
	l.chatNext[chat] = at.Add(l.perChat)

	if l.last.IsZero() {
		l.tokens, l.last = l.burst, now
	}
	l.tokens = min(l.burst, l.tokens+now.Sub(l.last).Seconds()*l.rate)
	l.last = now
	l.tokens-- // may go negative: that many sends are already queued
	global := time.Duration(0)
	if l.tokens < 0 {
		global = time.Duration(-l.tokens / l.rate * float64(time.Second))
	}

	if len(l.chatNext) > 4096 { // forget chats that are quiet again
		for c, next := range l.chatNext {
			if next.Before(now) {
				delete(l.chatNext, c)
			}
		}
	}
	return max(at.Sub(now), global)
}

// sender is the one way out to Telegram: it paces messages with the
// limiter and retries 429s (after the retry_after Telegram asks for),
// network errors and timeouts through bot.Retry; its policy's OnRetry
// counts the retries. Safe for concurrent use.
type sender struct {
	api    *tgbot.Bot
	limit  *limiter
	sleep  func(ctx context.Context, d time.Duration) error
	policy bot.RetryPolicy
	// timeout bounds one attempt, so that a hung connection costs a retry
	// rather than a worker.
	timeout time.Duration
}

// send sends one rendered part to chat, as a reply to message replyTo when
// it is not 0.
func (s *sender) send(ctx context.Context, chat int64, p part, replyTo int) error {
	if wait := s.limit.reserve(chat); wait > 0 {
		if err := s.sleep(ctx, wait); err != nil {
			return err
		}
	}
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
	return bot.Retry(ctx, s.policy, func(ctx context.Context) error {
		attempt, cancel := context.WithTimeout(ctx, s.timeout)
		defer cancel()
		_, err := s.api.SendMessage(attempt, params)
		if err != nil && ctx.Err() == nil && attempt.Err() != nil {
			return &bot.RetryableError{Err: err, Reason: "timeout"}
		}
		return classify(err)
	})
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

// permanent reports whether a send error will not go away by sending the
// same message again later: the chat is gone, the bot was blocked, or
// Telegram refused the message itself.
func permanent(err error) bool {
	var migrate *tgbot.MigrateError
	return errors.Is(err, tgbot.ErrorForbidden) || errors.Is(err, tgbot.ErrorBadRequest) ||
		errors.Is(err, tgbot.ErrorNotFound) || errors.As(err, &migrate)
}
