package slack

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	slackapi "github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/triage"
)

// Action ids of the buttons the adapter renders.
const (
	actionAnswer   = "answer"    // answer_<q>_<a>: a suggested answer to a question
	actionClaim    = "claim"     // claim a lead; value: inquiry id
	actionOverride = "override_" // override_OEM|ODM|CM; value: inquiry id
)

// answerValue is the value of an answer button: the conversation it
// belongs to, the question's cue and the answer.
type answerValue struct {
	Chat   string     `json:"c"`
	User   string     `json:"u"`
	Cue    triage.Cue `json:"q"`
	Answer string     `json:"a"`
}

// onEvent records an Events API callback (from HTTP or Socket Mode). An
// error means the event was not recorded and must not be acknowledged.
func (a *Adapter) onEvent(ctx context.Context, ev slackevents.EventsAPIEvent) error {
	cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent)
	if !ok {
		return nil
	}
	msg, ok := a.fromEvent(ctx, cb, ev.InnerEvent)
	if !ok {
		return nil
	}
	return a.accept(ctx, msg)
}

// accept records msg with the core; the core's worker answers it.
func (a *Adapter) accept(ctx context.Context, msg bot.Message) error {
	fresh, err := a.core.Accept(ctx, msg)
	if err != nil {
		a.log.Error("slack event not recorded", "event", msg.EventID, "err", err)
		return fmt.Errorf("slack: record event: %w", err)
	}
	if fresh {
		// Known from now on, so that a quick follow-up in the thread is
		// read even before the answer is out.
		if t := targetOf(msg); t.thread != "" || t.update != "" {
			a.rememberThread(t.channel, cmp.Or(t.update, t.thread), msg.ChatID)
		}
	} else {
		a.log.Debug("slack duplicate event dropped", "event", msg.EventID)
	}
	return nil
}

// onCommand records a /triage command. It posts a placeholder in the
// channel first, so that the answer (which completes the placeholder with
// chat.update) is the root of a thread where follow-ups continue the same
// conversation. notice, if not empty, is an ephemeral text for the user.
func (a *Adapter) onCommand(ctx context.Context, cmd slackapi.SlashCommand) (notice string, err error) {
	id := cmd.TriggerID
	if id == "" {
		id = cmd.ResponseURL
	}
	if id == "" {
		return "", errors.New("slack: slash command without trigger_id")
	}
	text := strings.TrimSpace(cmd.Text)
	if isAdminCommand(text) {
		return a.onAdminCommand(cmd), nil
	}
	msg := bot.Message{
		Platform:   bot.PlatformSlack,
		EventID:    prefixCommand + id,
		ChatID:     cmd.ChannelID,
		UserID:     cmd.UserID,
		UserHandle: cmd.UserName,
		Text:       plainText(text, ""),
	}
	switch strings.ToLower(text) {
	case "", "help":
		msg.Command, msg.Text = bot.CommandHelp, ""
	case "new", "reset":
		msg.Command, msg.Text = bot.CommandNew, ""
	}
	pctx, cancel := context.WithTimeout(ctx, a.ackBudget)
	_, ts, perr := a.api.PostMessageContext(pctx, cmd.ChannelID,
		slackapi.MsgOptionText(placeholderText, false))
	cancel()
	if perr != nil {
		// The answer will be posted without a thread; tell the user why it
		// may not arrive.
		a.log.Warn("slack /triage placeholder not posted", "channel", cmd.ChannelID, "err", perr)
		notice = fmt.Sprintf("I could not post in this channel (%s). Invite me with /invite, or DM me.", slackCode(perr))
	} else {
		msg.ChatID = chatID(cmd.ChannelID, ts)
	}
	p := a.person(ctx, cmd.UserID)
	msg.UserName, msg.Language = p.name, p.locale
	if err := a.accept(ctx, msg); err != nil {
		return "", err
	}
	return notice, nil
}

// placeholderText stands in the channel until the answer replaces it.
const placeholderText = "Triaging the inquiry…"

// onInteraction handles block_actions: answer buttons become messages;
// Claim and Override are applied before the click is acknowledged.
func (a *Adapter) onInteraction(ctx context.Context, cb slackapi.InteractionCallback) error {
	if cb.Type != slackapi.InteractionTypeBlockActions {
		return nil
	}
	for _, act := range cb.ActionCallback.BlockActions {
		if act == nil {
			continue
		}
		var err error
		switch {
		case strings.HasPrefix(act.ActionID, actionAnswer):
			err = a.onAnswer(ctx, cb, act)
		case act.ActionID == actionClaim:
			err = a.onLeadAction(ctx, act.Value, func(ctx context.Context, id int64) error {
				_, err := a.core.Claim(ctx, id, displayUser(cb.User))
				return err
			})
		case strings.HasPrefix(act.ActionID, actionOverride):
			model := triage.Model(strings.TrimPrefix(act.ActionID, actionOverride))
			err = a.onLeadAction(ctx, act.Value, func(ctx context.Context, id int64) error {
				_, err := a.core.Override(ctx, id, model, displayUser(cb.User))
				return err
			})
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// onAnswer records a click on a suggested answer as the user's message in
// the conversation the question was asked in.
func (a *Adapter) onAnswer(ctx context.Context, cb slackapi.InteractionCallback, act *slackapi.BlockAction) error {
	var v answerValue
	if err := json.Unmarshal([]byte(act.Value), &v); err != nil || v.Chat == "" || v.Answer == "" {
		a.log.Warn("slack answer button with an unreadable value", "action", act.ActionID)
		return nil
	}
	id := cb.TriggerID
	if id == "" {
		id = cb.Container.ChannelID + ":" + act.ActionTs + ":" + cb.User.ID
	}
	user := v.User
	if user == "" {
		user = cb.User.ID
	}
	msg := bot.Message{
		Platform: bot.PlatformSlack,
		EventID:  prefixAction + id,
		ChatID:   v.Chat,
		UserID:   user,
		Text:     v.Answer,
		AnswerTo: v.Cue,
		SentAt:   tsTime(act.ActionTs),
	}
	if user == cb.User.ID {
		msg.UserHandle = cmp.Or(cb.User.Username, cb.User.Name)
		if p := a.person(ctx, user); p.name != "" {
			msg.UserName, msg.UserHandle, msg.Language = p.name, p.handle, p.locale
		}
	}
	return a.accept(ctx, msg)
}

// onLeadAction runs a Claim or Override on the inquiry named by value.
func (a *Adapter) onLeadAction(ctx context.Context, value string, fn func(ctx context.Context, id int64) error) error {
	id, err := strconv.ParseInt(value, 10, 64)
	if err != nil || id <= 0 {
		a.log.Warn("slack lead button with an unreadable inquiry id")
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, actionBudget)
	defer cancel()
	if err := fn(ctx, id); err != nil {
		if errors.Is(err, bot.ErrNotFound) {
			a.log.Warn("slack lead action on an unknown inquiry", "inquiry", id)
			return nil
		}
		a.log.Error("slack lead action failed", "inquiry", id, "err", err)
		return fmt.Errorf("slack: lead action on inquiry %d: %w", id, err)
	}
	return nil
}
