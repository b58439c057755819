package slack

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"time"

	slackapi "github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// runSocket holds the Socket Mode connection until ctx ends. Each envelope
// is translated and recorded exactly as over HTTP, then acknowledged; an
// envelope that could not be recorded is not acknowledged, so Slack
// delivers it again.
func (a *Adapter) runSocket(ctx context.Context) error {
	opts := []socketmode.Option{}
	if a.pingInterval > 0 {
		opts = append(opts, socketmode.OptionPingInterval(a.pingInterval))
	}
	smc := socketmode.New(a.api, opts...)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- smc.RunContext(ctx) }()

	// Envelopes are handled side by side, as Slack's HTTP deliveries are,
	// so that one slow lookup does not hold back the others' acks.
	var wg sync.WaitGroup
	defer wg.Wait()
	sem := make(chan struct{}, socketConcurrency)
	for {
		select {
		case err := <-done:
			if ctx.Err() != nil {
				return nil
			}
			return errors.Join(errors.New("slack: socket mode stopped"), err)
		case evt := <-smc.Events:
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				continue
			}
			wg.Go(func() {
				defer func() { <-sem }()
				a.onSocketEvent(ctx, smc, evt)
			})
		}
	}
}

// socketConcurrency bounds the Socket Mode envelopes handled at once.
const socketConcurrency = 8

// onSocketEvent handles one event of the Socket Mode client.
func (a *Adapter) onSocketEvent(ctx context.Context, smc *socketmode.Client, evt socketmode.Event) {
	defer a.survive("socket mode event")
	switch evt.Type {
	case socketmode.EventTypeConnected:
		a.log.Info("slack socket mode connected")
	case socketmode.EventTypeConnectionError, socketmode.EventTypeIncomingError:
		a.log.Warn("slack socket mode connection trouble; reconnecting", "type", evt.Type)
	case socketmode.EventTypeInvalidAuth:
		a.log.Error("slack socket mode: invalid app token")
	case socketmode.EventTypeErrorBadMessage:
		a.metrics.Error("slack_bad_request")
		a.log.Warn("slack socket mode: unreadable envelope; acknowledged and dropped")
		// Acknowledge it anyway, so that Slack does not redeliver an
		// envelope that can never be read.
		if bad, ok := evt.Data.(*socketmode.ErrorBadMessage); ok {
			var env struct {
				EnvelopeID string `json:"envelope_id"`
			}
			if json.Unmarshal(bad.Message, &env) == nil && env.EnvelopeID != "" {
				a.ack(ctx, smc, &socketmode.Request{EnvelopeID: env.EnvelopeID}, nil)
			}
		}
	case socketmode.EventTypeEventsAPI:
		ev, ok := evt.Data.(slackevents.EventsAPIEvent)
		if !ok || evt.Request == nil {
			return
		}
		if err := a.onEvent(ctx, ev); err != nil {
			return // not acknowledged: Slack redelivers
		}
		a.ack(ctx, smc, evt.Request, nil)
	case socketmode.EventTypeSlashCommand:
		cmd, ok := evt.Data.(slackapi.SlashCommand)
		if !ok || evt.Request == nil {
			return
		}
		notice, err := a.onCommand(ctx, cmd)
		if err != nil {
			return
		}
		var payload any
		if notice != "" {
			payload = map[string]string{"response_type": "ephemeral", "text": notice}
		}
		a.ack(ctx, smc, evt.Request, payload)
	case socketmode.EventTypeInteractive:
		cb, ok := evt.Data.(slackapi.InteractionCallback)
		if !ok || evt.Request == nil {
			return
		}
		if err := a.onInteraction(ctx, cb); err != nil {
			return
		}
		a.ack(ctx, smc, evt.Request, nil)
	}
}

// ack acknowledges an envelope.
func (a *Adapter) ack(ctx context.Context, smc *socketmode.Client, req *socketmode.Request, payload any) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := smc.AckCtx(ctx, req.EnvelopeID, payload); err != nil && ctx.Err() == nil {
		a.log.Warn("slack socket mode ack failed", "err", err)
	}
}
