package slack

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/triagebot/triagebot/bot"
)

// DigestRunner posts the weekly digest when an admin asks for it; main
// hands the adapter one over the digest scheduler.
type DigestRunner interface {
	// PostDigest posts the digest of week ("" for the last finished one)
	// to every configured destination and says what happened, for people.
	PostDigest(ctx context.Context, week string, force bool) (string, error)
}

// Forgetter erases a buyer when an admin asks for it; *bot.Core implements
// it.
type Forgetter interface {
	// Forget deletes the buyer's inquiries and conversations and scrubs
	// their recorded messages, and returns the counts.
	Forget(ctx context.Context, platform, userID string) (bot.ForgetResult, error)
}

// digestTimeout bounds an admin's digest post (composing, chart, uploads).
const digestTimeout = 5 * time.Minute

// forgetTimeout bounds forgetting a buyer (one transaction that reads the
// events table).
const forgetTimeout = 2 * time.Minute

// adminState holds what admin commands need; set once before Run.
type adminState struct {
	digest atomic.Pointer[DigestRunner]
	forget atomic.Pointer[Forgetter]
}

// SetDigestRunner lets admins post the digest now with
// "/triage digest [2026-W47] [force]".
func (a *Adapter) SetDigestRunner(d DigestRunner) { a.admin.digest.Store(&d) }

// SetForgetter lets admins forget a buyer with
// "/triage forget <platform> <user-id>".
func (a *Adapter) SetForgetter(f Forgetter) { a.admin.forget.Store(&f) }

// isAdminCommand reports whether a /triage text is an admin command rather
// than an inquiry to triage.
func isAdminCommand(text string) bool {
	f := strings.Fields(text)
	return len(f) > 0 && (strings.EqualFold(f[0], "digest") || strings.EqualFold(f[0], "forget"))
}

// onAdminCommand runs an admin command for a configured admin. The work
// runs after the command is acknowledged (Slack allows 3 seconds); its
// outcome comes back to the admin as an ephemeral message. The returned
// text is the immediate ephemeral answer.
func (a *Adapter) onAdminCommand(cmd slackapi.SlashCommand) string {
	if strings.EqualFold(strings.Fields(cmd.Text)[0], "forget") {
		return a.onForget(cmd)
	}
	return a.onDigest(cmd)
}

// onDigest runs "/triage digest [week] [force]".
func (a *Adapter) onDigest(cmd slackapi.SlashCommand) string {
	if !a.IsAdmin(cmd.UserID) {
		return "Only the admins in slack.admin_users can post the digest."
	}
	p := a.admin.digest.Load()
	if p == nil {
		return "The digest has no destination: set digest.slack_channel or digest.telegram_chat."
	}
	var week string
	force := false
	for _, arg := range strings.Fields(cmd.Text)[1:] {
		switch {
		case strings.EqualFold(arg, "force"):
			force = true
		case week == "":
			week = arg
		default:
			return "Usage: /triage digest [2026-W47] [force]"
		}
	}
	runner := *p
	a.background(digestTimeout, func(ctx context.Context) {
		out, err := runner.PostDigest(ctx, week, force)
		if err != nil {
			out = "The digest was not posted: " + err.Error()
		}
		a.log.Info("digest posted on an admin's request", "user", cmd.UserID, "week", week, "force", force, "err", err)
		if _, err := a.api.PostEphemeralContext(ctx, cmd.ChannelID, cmd.UserID, slackapi.MsgOptionText(out, false)); err != nil {
			a.log.Warn("slack digest result not shown", "channel", cmd.ChannelID, "err", err)
		}
	})
	label := week
	if label == "" {
		label = "the last finished week"
	}
	return fmt.Sprintf("Posting the digest for %s…", label)
}

// forgetUsage is the answer to a malformed forget command.
const forgetUsage = "Usage: /triage forget PLATFORM USER-ID, e.g. /triage forget telegram 123456789"

// onForget runs "/triage forget <platform> <user-id>": the buyer's
// inquiries, conversations and recorded messages are erased, and the counts
// come back to the admin. A Slack user may also be given as an escaped
// mention ("<@U123|ana>"), which the /triage manifest does not ask for.
func (a *Adapter) onForget(cmd slackapi.SlashCommand) string {
	if !a.IsAdmin(cmd.UserID) {
		return "Only the admins in slack.admin_users can forget a buyer."
	}
	args := strings.Fields(cmd.Text)[1:]
	if len(args) != 2 {
		return forgetUsage
	}
	// Slack sends &, < and > escaped, and a user as a mention.
	platform := strings.ToLower(mrkdwnUnescaper.Replace(args[0]))
	userID := mrkdwnUnescaper.Replace(mentionedUser(args[1]))
	if userID == "" {
		return forgetUsage
	}
	if strings.HasPrefix(userID, "@") {
		// The store knows buyers by id; a handle would match nobody.
		return "Give the buyer's user id, not an @handle. " + forgetUsage
	}
	p := a.admin.forget.Load()
	if p == nil {
		return "Forgetting a buyer is not enabled on this server."
	}
	forgetter := *p
	who := escape(platform) + " user " + escape(userID)
	a.background(forgetTimeout, func(ctx context.Context) {
		res, err := forgetter.Forget(ctx, platform, userID)
		out := fmt.Sprintf("Forgot %s: %s, %s, %s.", who,
			plural(res.Inquiries, "inquiry", "inquiries"),
			plural(res.Conversations, "conversation", "conversations"),
			plural(res.Events, "event", "events"))
		if err != nil {
			out = fmt.Sprintf("%s was not forgotten: %s", who, escape(err.Error()))
		}
		a.log.Info("forget requested by an admin", "admin", cmd.UserID, "platform", platform, "user", userID, "err", err)
		if _, err := a.api.PostEphemeralContext(ctx, cmd.ChannelID, cmd.UserID, slackapi.MsgOptionText(out, false)); err != nil {
			a.log.Warn("slack forget result not shown", "channel", cmd.ChannelID, "err", err)
		}
	})
	return "Forgetting " + who + "…"
}

// mentionedUser returns the user id of a Slack mention ("<@U123|ana>" or
// "<@U123>"), or arg itself when it is not one.
func mentionedUser(arg string) string {
	if id, ok := strings.CutPrefix(arg, "<@"); ok {
		if id, ok = strings.CutSuffix(id, ">"); ok {
			id, _, _ = strings.Cut(id, "|")
			return id
		}
	}
	return arg
}

// plural writes n with the singular or plural noun.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// background runs fn after the acknowledgement, on Run's context (so that
// shutdown cancels it) bounded by timeout; Run waits for it before it
// returns, so the store is not closed under it. Before Run, or after, it
// refuses quietly: there is no server to do the work.
func (a *Adapter) background(timeout time.Duration, fn func(ctx context.Context)) {
	a.bgMu.Lock()
	defer a.bgMu.Unlock()
	if a.bgCtx == nil || a.bgCtx.Err() != nil {
		a.log.Warn("slack admin work refused: the adapter is not running")
		return
	}
	ctx := a.bgCtx
	a.bgWG.Go(func() {
		ctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		fn(ctx)
	})
}
