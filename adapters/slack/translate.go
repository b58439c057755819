package slack

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"time"

	slackapi "github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/triagebot/triagebot/bot"
)

// Event id prefixes. The id of a message is built from its channel and ts
// rather than Slack's event_id: Slack delivers a mention in a channel twice
// (as message.channels and as app_mention, with different event_ids), and
// both must be handled once. A retry of either carries the same channel and
// ts, so retries are handled once too.
const (
	prefixMessage = "msg:" // msg:<channel>:<ts>[:<thread ts>]
	prefixCommand = "cmd:" // cmd:<trigger_id>, a /triage command
	prefixAction  = "act:" // act:<trigger_id>, an answer button click
)

// target is where a reply goes: a channel, the thread root in it ("" for
// the top level of a DM) and, for a slash command, the placeholder message
// to complete with chat.update.
type target struct {
	channel, thread string
	update          string
}

// chatID names a conversation: the channel and the thread root, or the
// channel alone for a DM.
func chatID(channel, thread string) string {
	if thread == "" {
		return channel
	}
	return channel + "/" + thread
}

// targetOf derives where the reply to a recorded message goes from the
// message alone, so that recovery after a restart sends it to the same
// place: the conversation's channel and thread, the thread the message was
// in (a DM is one conversation over its threads), or, for /triage, the
// placeholder to complete.
func targetOf(msg bot.Message) target {
	channel, thread, _ := strings.Cut(msg.ChatID, "/")
	t := target{channel: channel, thread: thread}
	switch {
	case strings.HasPrefix(msg.EventID, prefixCommand) && thread != "":
		t.update = thread
	case strings.HasPrefix(msg.EventID, prefixMessage):
		parts := strings.Split(strings.TrimPrefix(msg.EventID, prefixMessage), ":")
		if len(parts) == 3 && parts[0] == channel {
			t.thread = parts[2]
		}
	}
	return t
}

// fromEvent translates an Events API callback into a message. ok is false
// for what the bot ignores: its own and other bots' messages, edits, joins
// and other subtypes, channel chatter that does not mention it.
func (a *Adapter) fromEvent(ctx context.Context, cb *slackevents.EventsAPICallbackEvent, inner slackevents.EventsAPIInnerEvent) (bot.Message, bool) {
	botUser, _ := a.identity()
	var channel, user, text, ts, threadTS string
	switch ev := inner.Data.(type) {
	case *slackevents.AppMentionEvent:
		if ev.BotID != "" || ev.Edited != nil || ev.User == "" || ev.User == botUser {
			return bot.Message{}, false
		}
		channel, user, text, ts, threadTS = ev.Channel, ev.User, ev.Text, ev.TimeStamp, ev.ThreadTimeStamp
	case *slackevents.MessageEvent:
		switch ev.SubType {
		case "", "thread_broadcast", "file_share":
		default:
			return bot.Message{}, false // edits, deletions, joins, bot_message...
		}
		if ev.BotID != "" || ev.User == "" || ev.User == botUser {
			return bot.Message{}, false
		}
		channel, user, text, ts, threadTS = ev.Channel, ev.User, ev.Text, ev.TimeStamp, ev.ThreadTimeStamp
		if ev.ChannelType == slackevents.ChannelTypeIM {
			// A DM is one conversation, like a private chat, threads and
			// all; the reply goes where the message is.
			msg := a.message(ctx, cb, channel, user, text, ts, threadTS, channel)
			return msg, msg.EventID != ""
		}
		mentioned := botUser != "" && strings.Contains(text, "<@"+botUser+">")
		if !mentioned {
			if threadTS == "" || threadTS == ts {
				return bot.Message{}, false // channel chatter
			}
			if id, ok := a.knownThread(channel, threadTS); ok {
				msg := a.message(ctx, cb, channel, user, text, ts, threadTS, id)
				return msg, msg.EventID != ""
			}
			// Not under a lead card: reps talk there among themselves.
			if channel == a.cfg.SalesChannel {
				return bot.Message{}, false
			}
			parent := ""
			if ev.Message != nil {
				parent = ev.Message.ParentUserId
			}
			if (botUser == "" || parent != botUser) && !a.botInThread(ctx, channel, threadTS) {
				return bot.Message{}, false
			}
		}
	default:
		return bot.Message{}, false
	}
	root := threadTS
	if root == "" {
		root = ts
	}
	id := chatID(channel, root)
	if known, ok := a.knownThread(channel, root); ok {
		id = known
	}
	msg := a.message(ctx, cb, channel, user, text, ts, threadTS, id)
	return msg, msg.EventID != ""
}

// message builds the bot.Message of a Slack message in conversation chat.
// Its id names the message and, for a reply in a thread, the thread, so
// that the answer goes to the same place even after a restart.
func (a *Adapter) message(ctx context.Context, cb *slackevents.EventsAPICallbackEvent, channel, user, text, ts, thread, chat string) bot.Message {
	id := cb.EventID
	if channel != "" && ts != "" {
		id = prefixMessage + channel + ":" + ts
		if thread != "" && thread != ts {
			id += ":" + thread
		}
	}
	if id == "" || channel == "" {
		return bot.Message{}
	}
	botUser, _ := a.identity()
	p := a.person(ctx, user)
	return bot.Message{
		Platform:   bot.PlatformSlack,
		EventID:    id,
		ChatID:     chat,
		UserID:     user,
		UserName:   p.name,
		UserHandle: p.handle,
		Language:   p.locale,
		Text:       plainText(text, botUser),
		SentAt:     tsTime(ts),
	}
}

// person looks a user's names up (users.info), cached, within the
// acknowledgement budget; empty names when Slack does not answer in time.
func (a *Adapter) person(ctx context.Context, user string) person {
	if user == "" {
		return person{}
	}
	a.mu.Lock()
	p, ok := a.users[user]
	a.mu.Unlock()
	if ok {
		return p
	}
	ctx, cancel := context.WithTimeout(ctx, a.ackBudget/2)
	defer cancel()
	u, err := a.api.GetUserInfoContext(ctx, user)
	if err != nil {
		a.log.Debug("slack users.info failed", "user", user, "err", err)
		return person{}
	}
	p = person{name: u.Profile.DisplayName, handle: u.Name, locale: u.Locale}
	if p.name == "" {
		p.name = u.RealName
	}
	if p.name == "" {
		p.name = u.Profile.RealName
	}
	a.mu.Lock()
	if len(a.users) >= maxThreads {
		clear(a.users)
	}
	a.users[user] = p
	a.mu.Unlock()
	return p
}

// maxRepliesChecked is how much of a thread botInThread reads.
const maxRepliesChecked = 200

// botInThread reports whether the bot has posted in a thread, asking Slack
// (conversations.replies) once per thread: what this process remembers is
// lost on a restart and not shared between replicas, Slack's thread is.
// An unanswered question counts as no and is asked again next time.
func (a *Adapter) botInThread(ctx context.Context, channel, thread string) bool {
	key := channel + "/" + thread
	a.mu.Lock()
	in, ok := a.checked[key]
	a.mu.Unlock()
	if ok {
		return in
	}
	botUser, botID := a.identity()
	if botUser == "" && botID == "" {
		return false
	}
	ctx, cancel := context.WithTimeout(ctx, a.ackBudget/2)
	defer cancel()
	msgs, _, _, err := a.api.GetConversationRepliesContext(ctx, &slackapi.GetConversationRepliesParameters{
		ChannelID: channel, Timestamp: thread, Limit: maxRepliesChecked,
	})
	if err != nil {
		a.log.Debug("slack conversations.replies failed", "channel", channel, "err", err)
		return false
	}
	for _, m := range msgs {
		if (botUser != "" && m.User == botUser) || (botID != "" && m.BotID == botID) {
			in = true
			break
		}
	}
	a.mu.Lock()
	if len(a.checked) >= maxThreads {
		clear(a.checked)
	}
	a.checked[key] = in
	a.mu.Unlock()
	return in
}

// tsTime reads a Slack ts ("1515449522.000016") as a time; zero if malformed.
func tsTime(ts string) time.Time {
	sec, frac, _ := strings.Cut(ts, ".")
	s, err := strconv.ParseInt(sec, 10, 64)
	if err != nil {
		return time.Time{}
	}
	var us int64
	if len(frac) == 6 {
		us, _ = strconv.ParseInt(frac, 10, 64)
	}
	return time.Unix(s, us*1000).UTC()
}

// slackRef matches Slack's angle-bracket references: <@U123>, <#C123|name>,
// <https://x|label>, <!here>.
var slackRef = regexp.MustCompile(`<([^<>]*)>`)

// plainText turns Slack's message markup into the text a buyer wrote:
// mentions of the bot are dropped, other references shown by their label,
// and HTML escapes undone.
func plainText(s, botUser string) string {
	s = slackRef.ReplaceAllStringFunc(s, func(m string) string {
		ref := m[1 : len(m)-1]
		target, label, hasLabel := strings.Cut(ref, "|")
		switch {
		case botUser != "" && target == "@"+botUser:
			return ""
		case strings.HasPrefix(target, "@"):
			if hasLabel {
				return "@" + label
			}
			return target
		case strings.HasPrefix(target, "#"):
			if hasLabel {
				return "#" + label
			}
			return target
		case strings.HasPrefix(target, "!"):
			return "@" + strings.TrimPrefix(target, "!")
		case hasLabel:
			return label
		}
		return target
	})
	// Without the bot's id a leading mention is still the bot's.
	if botUser == "" {
		s = leadingMention.ReplaceAllString(s, "")
	}
	s = mrkdwnUnescaper.Replace(s)
	return strings.TrimSpace(s)
}

var leadingMention = regexp.MustCompile(`^\s*@U[A-Z0-9]+\s*`)

// mrkdwnUnescaper undoes the three escapes Slack applies to message text.
var mrkdwnUnescaper = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&")

// displayUser is the name a sales rep is shown by on a lead card: the
// handle if Slack gave one, else the user id.
func displayUser(u slackapi.User) string {
	if u.Username != "" {
		return u.Username
	}
	if u.Name != "" {
		return u.Name
	}
	if u.Profile.DisplayName != "" {
		return u.Profile.DisplayName
	}
	return u.ID
}
