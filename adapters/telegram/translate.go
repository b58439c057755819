package telegram

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/go-telegram/bot/models"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/triage"
)

// identity is who the bot is on Telegram, learnt from getMe. Group messages
// are for the bot only when they name it.
type identity struct {
	id       int64
	username string // without the @
}

// job is one message for the core plus what the worker must do on Telegram
// around it. Jobs rebuilt from the store after a restart carry only msg.
type job struct {
	msg bot.Message
	// callbackID is the callback query to answer (stop the button's spinner).
	callbackID string
	// keyboardMessageID is the bot message whose keyboard was pressed; its
	// keyboard is removed so that a question is answered once.
	keyboardMessageID int
	// replyTo is the message to reply to in a group, so the buyer sees which
	// message the answer is for (0: none).
	replyTo int
}

// callbackPrefix marks callback data written by this adapter; presses on
// anything else (an old bot's keyboards) are answered and dropped.
const callbackPrefix = "a|"

// translate turns a Telegram update into a job for the core. ok is false for
// updates that are not for the bot: channel posts, other bots' commands,
// group chatter that does not mention it, messages from bots, service
// messages, foreign callback data.
func translate(u *models.Update, me identity) (job, bool) {
	switch {
	case u.Message != nil:
		return fromMessage(u.ID, u.Message, me, false)
	case u.EditedMessage != nil:
		return fromMessage(u.ID, u.EditedMessage, me, true)
	case u.CallbackQuery != nil:
		return fromCallback(u.ID, u.CallbackQuery)
	}
	return job{}, false
}

func fromMessage(updateID int64, m *models.Message, me identity, edit bool) (job, bool) {
	if m.From == nil || m.From.IsBot {
		return job{}, false
	}
	private := m.Chat.Type == models.ChatTypePrivate
	if !private && m.Chat.Type != models.ChatTypeGroup && m.Chat.Type != models.ChatTypeSupergroup {
		return job{}, false
	}
	text, entities := m.Text, m.Entities
	if text == "" && m.Caption != "" {
		text, entities = m.Caption, m.CaptionEntities
	}
	sent := m.Date
	if edit && m.EditDate != 0 {
		sent = m.EditDate
	}
	j := job{msg: bot.Message{
		Platform:   bot.PlatformTelegram,
		EventID:    strconv.FormatInt(updateID, 10),
		ChatID:     strconv.FormatInt(m.Chat.ID, 10),
		UserID:     strconv.FormatInt(m.From.ID, 10),
		UserName:   strings.TrimSpace(m.From.FirstName + " " + m.From.LastName),
		UserHandle: m.From.Username,
		Language:   m.From.LanguageCode,
		SentAt:     time.Unix(int64(sent), 0).UTC(),
		Edit:       edit,
	}}
	if !private {
		j.replyTo = m.ID
	}

	if text == "" {
		// A sticker, voice note, photo without caption and the like: in a
		// private chat the buyer gets a short hint to write the order in
		// words. In groups such messages cannot name the bot, so they are
		// not for it.
		if !private || edit || !hasContent(m) {
			return job{}, false
		}
		j.msg.Command = bot.CommandNotText
		return j, true
	}

	if cmd, target, rest, ok := command(text, entities); ok {
		if target != "" && !strings.EqualFold(target, me.username) {
			return job{}, false // addressed to another bot
		}
		if edit {
			return job{}, false // re-running a command because it was edited would surprise
		}
		switch cmd {
		case "start":
			j.msg.Command = bot.CommandStart
		case "help":
			j.msg.Command = bot.CommandHelp
		case "new", "reset":
			j.msg.Command = bot.CommandNew
		default:
			// /triage <inquiry> and unknown commands: the rest is the inquiry.
			j.msg.Text = rest
		}
		return j, true
	}

	if !private {
		stripped, named := mentionsBot(text, entities, me)
		replied := m.ReplyToMessage != nil && m.ReplyToMessage.From != nil && m.ReplyToMessage.From.ID == me.id && me.id != 0
		if !named && !replied {
			return job{}, false
		}
		text = stripped
	}
	j.msg.Text = text
	return j, true
}

// hasContent reports whether a text-less message carries something a buyer
// sent on purpose (as opposed to a service message such as a pinned message
// or a member joining).
func hasContent(m *models.Message) bool {
	return m.Sticker != nil || len(m.Photo) > 0 || m.Document != nil || m.Voice != nil ||
		m.Audio != nil || m.Video != nil || m.VideoNote != nil || m.Animation != nil ||
		m.Location != nil || m.Contact != nil || m.Poll != nil || m.Dice != nil || m.Venue != nil
}

func fromCallback(updateID int64, q *models.CallbackQuery) (job, bool) {
	j := job{callbackID: q.ID}
	if q.From.IsBot || !strings.HasPrefix(q.Data, callbackPrefix) {
		return j, false
	}
	var chat *models.Chat
	var keyboard *models.InlineKeyboardMarkup
	if m := q.Message.Message; m != nil {
		chat, keyboard = &m.Chat, m.ReplyMarkup
		j.keyboardMessageID = m.ID
	} else if im := q.Message.InaccessibleMessage; im != nil && im.Chat.ID != 0 {
		// Older than 48 hours: its text is gone, its buttons can still go.
		chat = &im.Chat
		j.keyboardMessageID = im.MessageID
	}
	if chat == nil {
		// A button on an inline message (no chat): not one of ours.
		return j, false
	}
	cue, answer := decodeCallback(q.Data, keyboard)
	j.msg = bot.Message{
		Platform:   bot.PlatformTelegram,
		EventID:    strconv.FormatInt(updateID, 10),
		ChatID:     strconv.FormatInt(chat.ID, 10),
		UserID:     strconv.FormatInt(q.From.ID, 10),
		UserName:   strings.TrimSpace(q.From.FirstName + " " + q.From.LastName),
		UserHandle: q.From.Username,
		Language:   q.From.LanguageCode,
		Text:       answer,
		AnswerTo:   cue,
	}
	return j, true
}

// command parses a leading bot command ("/start", "/new@TriageBot rest").
// It reads the bot_command entity at offset 0 when there is one (offsets
// are UTF-16 code units) and otherwise the first word, so that the old
// entity-less updates of Telegram's own examples work too. target is the
// @BotName the command is addressed to ("" for none); name is lower case.
func command(text string, entities []models.MessageEntity) (name, target, rest string, ok bool) {
	if !strings.HasPrefix(text, "/") {
		return "", "", "", false
	}
	token := ""
	for _, e := range entities {
		if e.Type == models.MessageEntityTypeBotCommand && e.Offset == 0 {
			token, _ = utf16Slice(text, e.Offset, e.Length)
			break
		}
	}
	if token == "" {
		token = text
		if i := strings.IndexFunc(text, isSpace); i >= 0 {
			token = text[:i]
		}
	}
	rest = strings.TrimSpace(text[len(token):])
	name, target, _ = strings.Cut(token[1:], "@")
	if name == "" {
		return "", "", "", false
	}
	return strings.ToLower(name), target, rest, true
}

func isSpace(r rune) bool { return r == ' ' || r == '\n' || r == '\t' || r == '\r' }

// mentionsBot reports whether text names the bot, by a mention entity
// ("@TriageBot", offsets in UTF-16 code units) or a text_mention of the
// bot's user, and returns the text without the @mention.
func mentionsBot(text string, entities []models.MessageEntity, me identity) (string, bool) {
	for _, e := range entities {
		switch e.Type {
		case models.MessageEntityTypeMention:
			s, ok := utf16Slice(text, e.Offset, e.Length)
			if ok && me.username != "" && strings.EqualFold(s, "@"+me.username) {
				start, _ := utf16ByteOffset(text, e.Offset)
				return strings.TrimSpace(text[:start] + text[start+len(s):]), true
			}
		case models.MessageEntityTypeTextMention:
			if e.User != nil && e.User.ID == me.id && me.id != 0 {
				return text, true
			}
		}
	}
	return text, false
}

// utf16Slice returns the part of s that starts at UTF-16 offset off and is
// n UTF-16 code units long, as Telegram's entities count them. ok is false
// when the range is outside s or splits a character.
func utf16Slice(s string, off, n int) (string, bool) {
	start, ok1 := utf16ByteOffset(s, off)
	end, ok2 := utf16ByteOffset(s, off+n)
	if !ok1 || !ok2 || n < 0 {
		return "", false
	}
	return s[start:end], true
}

// utf16ByteOffset converts a UTF-16 code unit offset in s to a byte offset.
func utf16ByteOffset(s string, units int) (int, bool) {
	if units < 0 {
		return 0, false
	}
	u := 0
	for i, r := range s {
		if u == units {
			return i, true
		}
		if u > units {
			return 0, false
		}
		u += utf16.RuneLen(r) // a broken byte reads as U+FFFD: one unit
	}
	if u == units {
		return len(s), true
	}
	return 0, false
}

// encodeCallback writes the callback data of a suggested answer: the cue
// and the answer itself when they fit Telegram's 64 bytes, else the cue
// and the answer's index (the text is then read back from the keyboard).
func encodeCallback(cue triage.Cue, index int, answer string) string {
	d := callbackPrefix + string(cue) + "|" + answer
	if len(d) <= 64 {
		return d
	}
	return callbackPrefix + string(cue) + "|#" + strconv.Itoa(index)
}

// decodeCallback reads callback data back into the question's cue and the
// answer text. The pressed button's own text is preferred: it is exactly
// what the buyer saw. An answer that cannot be found comes back empty, and
// the core then asks the buyer to type it.
func decodeCallback(data string, keyboard *models.InlineKeyboardMarkup) (triage.Cue, string) {
	rest := strings.TrimPrefix(data, callbackPrefix)
	cue, answer, _ := strings.Cut(rest, "|")
	if keyboard != nil {
		for _, row := range keyboard.InlineKeyboard {
			for _, b := range row {
				if b.CallbackData == data {
					return triage.Cue(cue), b.Text
				}
			}
		}
	}
	if strings.HasPrefix(answer, "#") {
		return triage.Cue(cue), ""
	}
	return triage.Cue(cue), answer
}
