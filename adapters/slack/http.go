package slack

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	slackapi "github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// readVerified reads the request body (up to MaxBodyBytes) and checks its
// Slack signature. On failure it has written the answer (401, 413, 400)
// and returns ok=false; nothing of a rejected request is processed.
func (a *Adapter) readVerified(w http.ResponseWriter, r *http.Request) (body []byte, ok bool) {
	if r.Header.Get("X-Slack-Signature") == "" || r.Header.Get("X-Slack-Request-Timestamp") == "" {
		a.reject(w, http.StatusUnauthorized, "missing Slack signature headers")
		return nil, false
	}
	if r.ContentLength > a.cfg.MaxBodyBytes {
		a.reject(w, http.StatusRequestEntityTooLarge, "request body too large")
		return nil, false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, a.cfg.MaxBodyBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			a.reject(w, http.StatusRequestEntityTooLarge, "request body too large")
		} else {
			a.reject(w, http.StatusBadRequest, "cannot read request body")
		}
		return nil, false
	}
	// NewSecretsVerifier rejects a timestamp more than 5 minutes from now;
	// Ensure compares the HMAC in constant time.
	sv, err := slackapi.NewSecretsVerifier(r.Header, a.cfg.SigningSecret)
	if err == nil {
		_, _ = sv.Write(body)
		err = sv.Ensure()
	}
	if err != nil {
		reason := "invalid Slack signature"
		if errors.Is(err, slackapi.ErrExpiredTimestamp) {
			reason = "stale Slack request timestamp"
		}
		a.reject(w, http.StatusUnauthorized, reason)
		return nil, false
	}
	// The form parsers read r.Body: give them the buffered copy.
	r.Body = io.NopCloser(bytes.NewReader(body))
	return body, true
}

// reject answers an unusable request and counts it.
func (a *Adapter) reject(w http.ResponseWriter, status int, reason string) {
	a.metrics.Error("slack_bad_request")
	a.log.Warn("slack request rejected", "status", status, "reason", reason)
	http.Error(w, "slack: "+reason, status)
}

// serveEvents is POST /slack/events: the Events API.
func (a *Adapter) serveEvents(w http.ResponseWriter, r *http.Request) {
	body, ok := a.readVerified(w, r)
	if !ok {
		return
	}
	ev, err := slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken())
	if err != nil {
		var outer struct {
			Type string `json:"type"`
		}
		if json.Unmarshal(body, &outer) == nil && outer.Type == slackevents.CallbackEvent {
			// A well-formed callback with an inner event slack-go does not
			// know: nothing for the bot, and a 4xx would make Slack retry
			// it and count failures against the app.
			a.log.Warn("slack event of an unsupported type acknowledged and dropped", "err", err)
			w.WriteHeader(http.StatusOK)
			return
		}
		a.reject(w, http.StatusBadRequest, "malformed event payload")
		return
	}
	switch ev.Type {
	case slackevents.URLVerification:
		uv, ok := ev.Data.(*slackevents.EventsAPIURLVerificationEvent)
		if !ok || uv.Challenge == "" {
			a.reject(w, http.StatusBadRequest, "url_verification without a challenge")
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, uv.Challenge)
	case slackevents.CallbackEvent:
		if n := r.Header.Get("X-Slack-Retry-Num"); n != "" {
			a.log.Debug("slack event retry", "attempt", n, "reason", r.Header.Get("X-Slack-Retry-Reason"))
		}
		if err := a.onEvent(r.Context(), ev); err != nil {
			// Not recorded: a 5xx makes Slack retry later.
			http.Error(w, "slack: event not recorded, retry later", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	default:
		// app_rate_limited and anything new: acknowledged, nothing to do.
		w.WriteHeader(http.StatusOK)
	}
}

// serveCommands is POST /slack/commands: the /triage slash command.
func (a *Adapter) serveCommands(w http.ResponseWriter, r *http.Request) {
	if _, ok := a.readVerified(w, r); !ok {
		return
	}
	cmd, err := slackapi.SlashCommandParse(r)
	if err != nil || cmd.ChannelID == "" || cmd.UserID == "" {
		a.reject(w, http.StatusBadRequest, "malformed slash command")
		return
	}
	notice, err := a.onCommand(r.Context(), cmd)
	if err != nil {
		http.Error(w, "slack: command not recorded, try again", http.StatusServiceUnavailable)
		return
	}
	if notice == "" {
		w.WriteHeader(http.StatusOK)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]string{"response_type": "ephemeral", "text": notice})
}

// serveInteractive is POST /slack/interactive: button clicks.
func (a *Adapter) serveInteractive(w http.ResponseWriter, r *http.Request) {
	if _, ok := a.readVerified(w, r); !ok {
		return
	}
	cb, err := slackapi.InteractionCallbackParse(r)
	if err != nil {
		a.reject(w, http.StatusBadRequest, "malformed interaction payload")
		return
	}
	if err := a.onInteraction(r.Context(), cb); err != nil {
		http.Error(w, "slack: action not recorded, try again", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusOK)
}
