package slack

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"

	slackapi "github.com/slack-go/slack"

	"github.com/triagebot/triagebot/bot"
)

// permanentError is a Slack refusal that retrying will not change
// (channel_not_found, not_in_channel, invalid_blocks...).
type permanentError struct{ err error }

func (e *permanentError) Error() string { return e.err.Error() }
func (e *permanentError) Unwrap() error { return e.err }

// transientCodes are Slack error codes (ok:false) worth retrying.
var transientCodes = map[string]bool{
	"ratelimited": true, "internal_error": true, "fatal_error": true,
	"service_unavailable": true, "request_timeout": true,
}

// classify sorts a slack-go error for bot.Retry: rate limits carry their
// Retry-After, 5xx and network failures are retryable, Slack's refusals
// are permanent.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var rl *slackapi.RateLimitedError
	if errors.As(err, &rl) {
		return &bot.RetryableError{Err: err, After: rl.RetryAfter, Reason: "rate_limited"}
	}
	var sc slackapi.StatusCodeError
	if errors.As(err, &sc) {
		if sc.Code >= 500 || sc.Code == http.StatusTooManyRequests {
			return &bot.RetryableError{Err: err, Reason: "5xx"}
		}
		return &permanentError{err}
	}
	var se slackapi.SlackErrorResponse
	if errors.As(err, &se) {
		if transientCodes[se.Err] {
			return &bot.RetryableError{Err: err, Reason: se.Err}
		}
		return &permanentError{err}
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var ne net.Error
	var ue *url.Error
	if errors.As(err, &ne) || errors.As(err, &ue) {
		return &bot.RetryableError{Err: err, Reason: "network"}
	}
	return err
}

// slackCode is the short Slack error code of err, for users and logs (never
// message text).
func slackCode(err error) string {
	var se slackapi.SlackErrorResponse
	if errors.As(err, &se) {
		return se.Err
	}
	var rl *slackapi.RateLimitedError
	if errors.As(err, &rl) {
		return "rate limited"
	}
	return "Slack did not answer"
}

// call runs one Slack Web API call through bot.Retry: 429 waits its
// Retry-After, transient failures back off, refusals stop at once. A call
// that gives up is logged with its channel (never the text) and counted.
// Only calls outside the outbox use it (auth.test, the direct lead cards
// of the chat subcommand): the dispatcher owns the retries of Send.
func (a *Adapter) call(ctx context.Context, channel string, fn func(ctx context.Context) error) error {
	err := bot.Retry(ctx, a.retry, func(ctx context.Context) error { return classify(fn(ctx)) })
	if err != nil && ctx.Err() == nil {
		a.metrics.SendFailed(bot.PlatformSlack)
		a.log.Warn("slack call failed", "channel", channel, "code", slackCode(err), "err", err)
	}
	return err
}

// once runs one Web API call and classifies its error for the dispatcher:
// retryable (with Retry-After), unknown when the request timed out after it
// went out, or final.
func once(ctx context.Context, _ string, fn func(ctx context.Context) error) error {
	err := fn(ctx)
	if err != nil && ctx.Err() != nil {
		return &bot.RetryableError{Err: err, Reason: "timeout", Unknown: true}
	}
	return classify(err)
}

// caller runs one Web API call: call (retrying) or once.
type caller func(ctx context.Context, channel string, fn func(ctx context.Context) error) error

// postMessage sends a message and returns its channel and ts.
func postMessage(ctx context.Context, api *slackapi.Client, run caller, channel, thread string, m rendered) (string, string, error) {
	opts := m.options()
	if thread != "" {
		opts = append(opts, slackapi.MsgOptionTS(thread))
	}
	var ch, ts string
	err := run(ctx, channel, func(ctx context.Context) error {
		var err error
		ch, ts, err = api.PostMessageContext(ctx, channel, opts...)
		return err
	})
	return ch, ts, err
}

// updateMessage replaces the message at ts.
func updateMessage(ctx context.Context, api *slackapi.Client, run caller, channel, ts string, m rendered) error {
	return run(ctx, channel, func(ctx context.Context) error {
		_, _, _, err := api.UpdateMessageContext(ctx, channel, ts, m.options()...)
		return err
	})
}

var _ bot.Sender = (*Adapter)(nil)

// Send implements bot.Sender: a reply goes to its conversation (its thread,
// or the /triage placeholder it completes); a lead card is posted to the
// sales channel, or edited in place once posted. Each is one Web API call,
// its error classified for the dispatcher, which paces and retries.
func (a *Adapter) Send(ctx context.Context, o bot.Outgoing) (bot.CardRef, error) {
	switch o.Kind {
	case bot.KindReply:
		msg, reply := o.Payload.Message, o.Payload.Reply
		if msg == nil || reply == nil {
			return bot.CardRef{}, fmt.Errorf("slack: reply row %d without its message", o.ID)
		}
		t := targetOf(*msg)
		if err := a.sendReply(ctx, t, *msg, *reply); err != nil {
			return bot.CardRef{}, err
		}
		if t.thread != "" {
			a.rememberThread(t.channel, t.thread, msg.ChatID)
		}
		return bot.CardRef{}, nil
	case bot.KindLeadCard:
		if o.Payload.Inquiry == nil {
			return bot.CardRef{}, fmt.Errorf("slack: lead card row %d without its inquiry", o.ID)
		}
		return a.publishLead(ctx, once, o.Target, *o.Payload.Inquiry, o.Payload.Card)
	}
	return bot.CardRef{}, fmt.Errorf("slack: cannot send a %s row", o.Kind)
}

// sendReply renders and sends the reply to msg at t.
func (a *Adapter) sendReply(ctx context.Context, t target, msg bot.Message, reply bot.Reply) error {
	m := renderReply(reply, msg.ChatID, msg.UserID)
	if t.update != "" {
		return updateMessage(ctx, a.api, once, t.channel, t.update, withInquiry(m, msg.UserID, msg.Text))
	}
	_, _, err := postMessage(ctx, a.api, once, t.channel, t.thread, m)
	return err
}

// PublishLead posts the lead card of in to the sales channel when ref is
// zero, else edits the card at ref in place, retrying by itself; it returns
// where the card is. It implements bot.LeadPublisher for the chat
// subcommand, which runs no dispatcher.
func (a *Adapter) PublishLead(ctx context.Context, in bot.Inquiry, ref bot.CardRef) (bot.CardRef, error) {
	return a.publishLead(ctx, a.call, a.cfg.SalesChannel, in, ref)
}

func (a *Adapter) publishLead(ctx context.Context, run caller, channel string, in bot.Inquiry, ref bot.CardRef) (bot.CardRef, error) {
	m := renderLead(in)
	if !ref.Zero() {
		if err := updateMessage(ctx, a.api, run, ref.Channel, ref.MessageID, m); err != nil {
			return ref, fmt.Errorf("slack: update lead card of inquiry %d: %w", in.ID, err)
		}
		return ref, nil
	}
	if channel == "" {
		channel = a.cfg.SalesChannel
	}
	if channel == "" {
		return bot.CardRef{}, errors.New("slack: no sales channel configured for lead cards")
	}
	ch, ts, err := postMessage(ctx, a.api, run, channel, "", m)
	if err != nil {
		return bot.CardRef{}, fmt.Errorf("slack: post lead card of inquiry %d: %w", in.ID, err)
	}
	if ch == "" {
		ch = channel
	}
	return bot.CardRef{Channel: ch, MessageID: ts}, nil
}

var _ bot.LeadPublisher = (*Adapter)(nil)
