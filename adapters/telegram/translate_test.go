package telegram

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/triage"
)

var testMe = identity{id: 7000000001, username: "TriageBot"}

func decodeUpdate(t *testing.T, raw []byte) *models.Update {
	t.Helper()
	var u models.Update
	if err := json.Unmarshal(raw, &u); err != nil {
		t.Fatalf("fixture does not decode: %v", err)
	}
	return &u
}

// TestTranslateFixtures feeds the real Update JSON of the fixtures through
// translate: what reaches the core, and what is dropped.
func TestTranslateFixtures(t *testing.T) {
	buyer := bot.Message{
		Platform: bot.PlatformTelegram, ChatID: "1111111", UserID: "1111111",
		UserName: "Test Firstname Test Lastname", UserHandle: "Testusername", Language: "en",
	}
	with := func(f func(*bot.Message)) *bot.Message {
		m := buyer
		f(&m)
		return &m
	}
	tests := []struct {
		file string
		want *bot.Message // nil: not for the bot
	}{
		{"update-private-text.json", with(func(m *bot.Message) {
			m.EventID, m.Text, m.SentAt = "10000", "hello, is anyone on call?", time.Unix(1441645532, 0).UTC()
		})},
		{"update-private-command-start.json", with(func(m *bot.Message) {
			m.EventID, m.Command, m.SentAt = "10001", bot.CommandStart, time.Unix(1441645540, 0).UTC()
		})},
		{"update-group-command-botname.json", with(func(m *bot.Message) {
			m.EventID, m.ChatID, m.Text, m.SentAt = "10002", "-1001234567890", "P1 checkout is returning 500s", time.Unix(1441645600, 0).UTC()
		})},
		{"update-group-command-other-bot.json", nil},
		{"update-callback-query.json", nil}, // "ack:INC-42" is not this bot's data
		{"update-edited-message.json", with(func(m *bot.Message) {
			m.EventID, m.Text, m.Edit, m.SentAt = "10005", "Edited text", true, time.Unix(1441646600, 0).UTC()
		})},
		{"update-photo-caption.json", with(func(m *bot.Message) {
			m.EventID, m.Text, m.SentAt = "10006", "screenshot of the 500 error", time.Unix(1441645700, 0).UTC()
		})},
		{"update-channel-post.json", nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			j, ok := translate(decodeUpdate(t, fixture(t, tt.file)), testMe)
			if tt.want == nil {
				if ok {
					t.Fatalf("translate(%s) = %+v, want it dropped", tt.file, j.msg)
				}
				return
			}
			if !ok {
				t.Fatalf("translate(%s) dropped the update, want %+v", tt.file, *tt.want)
			}
			if j.msg != *tt.want {
				t.Errorf("translate(%s) =\n %+v\nwant\n %+v", tt.file, j.msg, *tt.want)
			}
		})
	}
}

// TestTranslateOfficialExamples reads Telegram's own 2015 examples, which
// miss fields the current API marks required.
func TestTranslateOfficialExamples(t *testing.T) {
	var ex map[string]json.RawMessage
	if err := json.Unmarshal(fixture(t, "official-webhooks-guide-examples.json"), &ex); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		wantOK  bool
		command bot.Command
		text    string
	}{
		{"message_with_text", true, bot.CommandStart, ""}, // "/start" without a bot_command entity
		{"edited_message", true, "", "Edited text"},
		{"message_with_entities", true, "", "Bold and italics"},
		{"callback_query", false, "", ""}, // an inline message's button: no chat
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j, ok := translate(decodeUpdate(t, ex[tt.name]), testMe)
			if ok != tt.wantOK || j.msg.Command != tt.command || j.msg.Text != tt.text {
				t.Errorf("translate(%s) = ok %v command %q text %q, want ok %v command %q text %q",
					tt.name, ok, j.msg.Command, j.msg.Text, tt.wantOK, tt.command, tt.text)
			}
		})
	}
}

func groupUpdate(text string, entities ...models.MessageEntity) *models.Update {
	return &models.Update{ID: 5, Message: &models.Message{
		ID: 9, Date: 1441645600, Text: text, Entities: entities,
		From: &models.User{ID: 1, FirstName: "Ana"},
		Chat: models.Chat{ID: -100, Type: models.ChatTypeSupergroup},
	}}
}

func privateUpdate(text string, entities ...models.MessageEntity) *models.Update {
	u := groupUpdate(text, entities...)
	u.Message.Chat = models.Chat{ID: 1, Type: models.ChatTypePrivate}
	return u
}

// TestTranslateCommandsAndMentions covers what the library's matcher gets
// wrong: /cmd@BotName, other bots' commands, and entity offsets counted in
// UTF-16 code units.
func TestTranslateCommandsAndMentions(t *testing.T) {
	mention := func(off, n int) models.MessageEntity {
		return models.MessageEntity{Type: models.MessageEntityTypeMention, Offset: off, Length: n}
	}
	cmd := func(n int) models.MessageEntity {
		return models.MessageEntity{Type: models.MessageEntityTypeBotCommand, Offset: 0, Length: n}
	}
	tests := []struct {
		name    string
		upd     *models.Update
		wantOK  bool
		command bot.Command
		text    string
	}{
		{"private /start", privateUpdate("/start", cmd(6)), true, bot.CommandStart, ""},
		{"private /help@TriageBot", privateUpdate("/help@TriageBot", cmd(15)), true, bot.CommandHelp, ""},
		{"group /new@triagebot (case)", groupUpdate("/new@triagebot", cmd(14)), true, bot.CommandNew, ""},
		{"group /new without a name", groupUpdate("/new", cmd(4)), true, bot.CommandNew, ""},
		{"group /help@OtherBot", groupUpdate("/help@OtherBot", cmd(14)), false, "", ""},
		{"group /triage@TriageBot text", groupUpdate("/triage@TriageBot 3000 pcs, our design", cmd(17)), true, "", "3000 pcs, our design"},
		{"group chatter", groupUpdate("anyone seen the mirrors?"), false, "", ""},
		{"group mention", groupUpdate("@TriageBot 3000 pcs", mention(0, 10)), true, "", "3000 pcs"},
		{"group mention after Cyrillic", groupUpdate("привет @TriageBot 3000 pcs", mention(7, 10)), true, "", "привет  3000 pcs"},
		{"group mention after emoji (surrogate pairs)", groupUpdate("🪞🪞 @TriageBot 500 pcs", mention(5, 10)), true, "", "🪞🪞  500 pcs"},
		{"group mention of another bot", groupUpdate("@OtherBot 3000 pcs", mention(0, 9)), false, "", ""},
		{"group text_mention of the bot", groupUpdate("Triage 3000 pcs", models.MessageEntity{
			Type: models.MessageEntityTypeTextMention, Offset: 0, Length: 6, User: &models.User{ID: testMe.id},
		}), true, "", "Triage 3000 pcs"},
		{"private command after Cyrillic is text", privateUpdate("привет /start"), true, "", "привет /start"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j, ok := translate(tt.upd, testMe)
			if ok != tt.wantOK || j.msg.Command != tt.command || j.msg.Text != tt.text {
				t.Errorf("translate(%q) = ok %v command %q text %q, want ok %v command %q text %q",
					tt.upd.Message.Text, ok, j.msg.Command, j.msg.Text, tt.wantOK, tt.command, tt.text)
			}
		})
	}
}

func TestTranslateReplyToBotInGroup(t *testing.T) {
	u := groupUpdate("5000 pcs")
	u.Message.ReplyToMessage = &models.Message{ID: 3, From: &models.User{ID: testMe.id, IsBot: true}}
	j, ok := translate(u, testMe)
	if !ok || j.msg.Text != "5000 pcs" || j.replyTo != 9 {
		t.Errorf("a reply to the bot in a group: ok %v text %q replyTo %d, want true, %q, 9", ok, j.msg.Text, j.replyTo, "5000 pcs")
	}
}

func TestTranslateNonText(t *testing.T) {
	sticker := privateUpdate("")
	sticker.Message.Sticker = &models.Sticker{FileID: "x"}
	j, ok := translate(sticker, testMe)
	if !ok || j.msg.Text != "" || j.msg.Command != bot.CommandNotText {
		t.Errorf("private sticker: ok %v text %q command %q, want the not_text hint", ok, j.msg.Text, j.msg.Command)
	}
	groupSticker := groupUpdate("")
	groupSticker.Message.Sticker = &models.Sticker{FileID: "x"}
	if _, ok := translate(groupSticker, testMe); ok {
		t.Error("a sticker in a group reached the core, want it dropped")
	}
	service := privateUpdate("")
	service.Message.PinnedMessage = &models.MaybeInaccessibleMessage{}
	if _, ok := translate(service, testMe); ok {
		t.Error("a service message reached the core, want it dropped")
	}
	fromBot := privateUpdate("hi")
	fromBot.Message.From.IsBot = true
	if _, ok := translate(fromBot, testMe); ok {
		t.Error("a bot's message reached the core, want it dropped")
	}
}

func TestCallbackDataRoundTrip(t *testing.T) {
	long := "A very long suggested answer that cannot fit in the sixty-four bytes of callback data"
	tests := []struct {
		name     string
		answer   string
		keyboard bool
		want     string
	}{
		{"short, from keyboard", "3,000 pcs", true, "3,000 pcs"},
		{"short, message gone", "3,000 pcs", false, "3,000 pcs"},
		{"long, from keyboard", long, true, long},
		{"long, message gone", long, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := encodeCallback(triage.CueQuantity, 1, tt.answer)
			if len(data) > 64 {
				t.Fatalf("callback data %q is %d bytes, Telegram allows 64", data, len(data))
			}
			var kb *models.InlineKeyboardMarkup
			if tt.keyboard {
				kb = &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{
					{{Text: "other", CallbackData: "a|quantity|other"}},
					{{Text: tt.answer, CallbackData: data}},
				}}
			}
			cue, answer := decodeCallback(data, kb)
			if cue != triage.CueQuantity || answer != tt.want {
				t.Errorf("decodeCallback(%q) = %q, %q; want %q, %q", data, cue, answer, triage.CueQuantity, tt.want)
			}
		})
	}
}

func TestUTF16Slice(t *testing.T) {
	tests := []struct {
		s      string
		off, n int
		want   string
		wantOK bool
	}{
		{"hello", 1, 3, "ell", true},
		{"привет мир", 7, 3, "мир", true},
		{"🪞x", 2, 1, "x", true},
		{"🪞x", 1, 1, "", false}, // inside a surrogate pair
		{"abc", 2, 5, "", false},
		{"abc", -1, 1, "", false},
	}
	for _, tt := range tests {
		got, ok := utf16Slice(tt.s, tt.off, tt.n)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("utf16Slice(%q, %d, %d) = %q, %v; want %q, %v", tt.s, tt.off, tt.n, got, ok, tt.want, tt.wantOK)
		}
	}
}
