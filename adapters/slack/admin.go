package slack

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	slackapi "github.com/slack-go/slack"
)

// DigestRunner posts the weekly digest when an admin asks for it; main
// hands the adapter one over the digest scheduler.
type DigestRunner interface {
	// PostDigest posts the digest of week ("" for the last finished one)
	// to every configured destination and says what happened, for people.
	PostDigest(ctx context.Context, week string, force bool) (string, error)
}

// digestTimeout bounds an admin's digest post (composing, chart, uploads).
const digestTimeout = 5 * time.Minute

// adminState holds what admin commands need; set once before Run.
type adminState struct {
	digest atomic.Pointer[DigestRunner]
}

// SetDigestRunner lets admins post the digest now with
// "/triage digest [2026-W47] [force]".
func (a *Adapter) SetDigestRunner(d DigestRunner) { a.admin.digest.Store(&d) }

// isAdminCommand reports whether a /triage text is an admin command rather
// than an inquiry to triage.
func isAdminCommand(text string) bool {
	f := strings.Fields(text)
	return len(f) > 0 && strings.EqualFold(f[0], "digest")
}

// onAdminCommand runs "/triage digest [week] [force]" for a configured
// admin. The post runs after the command is acknowledged (Slack allows 3
// seconds); its outcome comes back to the admin as an ephemeral message.
// The returned text is the immediate ephemeral answer.
func (a *Adapter) onAdminCommand(cmd slackapi.SlashCommand) string {
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
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), digestTimeout)
		defer cancel()
		out, err := runner.PostDigest(ctx, week, force)
		if err != nil {
			out = "The digest was not posted: " + err.Error()
		}
		a.log.Info("digest posted on an admin's request", "user", cmd.UserID, "week", week, "force", force, "err", err)
		if _, err := a.api.PostEphemeralContext(ctx, cmd.ChannelID, cmd.UserID, slackapi.MsgOptionText(out, false)); err != nil {
			a.log.Warn("slack digest result not shown", "channel", cmd.ChannelID, "err", err)
		}
	}()
	label := week
	if label == "" {
		label = "the last finished week"
	}
	return fmt.Sprintf("Posting the digest for %s…", label)
}
