package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// chatCaps counts each chat's messages in fixed windows, so that one noisy
// chat cannot fill the triage worker or its own lane of the outbox. It lives
// in the worker's memory: the worker is one per deployment (WorkerLock), and
// a new holder starts its windows afresh. The zero limit caps nothing. Safe
// for concurrent use.
type chatCaps struct {
	limit  int
	window time.Duration
	mu     sync.Mutex
	chats  map[string]*capWindow
}

type capWindow struct {
	start time.Time
	n     int
}

func newChatCaps(limit int, window time.Duration) *chatCaps {
	if window <= 0 {
		window = time.Minute
	}
	return &chatCaps{limit: limit, window: window, chats: map[string]*capWindow{}}
}

// over counts m in its chat's window and reports whether the chat is over
// its cap, and whether this is the first message over it (the one that
// gets the notice). m's SentAt places it, so that a backlog triaged late
// is counted by when it was written.
func (cc *chatCaps) over(m Message, now time.Time) (over, first bool) {
	if cc == nil || cc.limit <= 0 {
		return false, false
	}
	at := m.SentAt
	if at.IsZero() {
		at = now
	}
	key := m.Platform + "/" + m.ChatID
	cc.mu.Lock()
	defer cc.mu.Unlock()
	w := cc.chats[key]
	if w == nil || at.Sub(w.start) >= cc.window {
		if len(cc.chats) >= 10000 {
			cc.forget(at)
		}
		w = &capWindow{start: at}
		cc.chats[key] = w
	}
	w.n++
	return w.n > cc.limit, w.n == cc.limit+1
}

// forget drops the windows that have ended. Called with mu held.
func (cc *chatCaps) forget(now time.Time) {
	for k, w := range cc.chats {
		if now.Sub(w.start) >= cc.window {
			delete(cc.chats, k)
		}
	}
}

// capped stores msg as handled without triaging it; the first message over
// the cap gets one polite notice, the rest nothing.
func (c *Core) capped(ctx context.Context, msg Message, notify bool) error {
	return c.store.InTx(ctx, func(ctx context.Context, tx Tx) error {
		now := c.now().UTC()
		if notify {
			lang := c.defaultLang
			conv, err := tx.Conversation(ctx, ConversationKey{Platform: msg.Platform, ChatID: msg.ChatID, UserID: msg.UserID})
			switch {
			case err == nil && conv.Language != "":
				lang = conv.Language
			case err != nil && !errors.Is(err, ErrNotFound):
				return fmt.Errorf("load conversation: %w", err)
			case msg.Language != "":
				if base, _, _ := strings.Cut(strings.ToLower(msg.Language), "-"); capNotices[base] != "" {
					lang = base
				}
			}
			reply := Reply{Language: lang, Headline: capNotice(lang)}
			if err := tx.Enqueue(ctx, replyRow(msg, reply)); err != nil {
				return fmt.Errorf("queue cap notice: %w", err)
			}
		}
		return tx.MarkDelivered(ctx, msg.Platform, msg.EventID, now)
	})
}

// capNotice is the notice for a chat over its cap, in lang (English when
// there is none in lang).
func capNotice(lang string) string {
	if s := capNotices[lang]; s != "" {
		return s
	}
	return capNotices["en"]
}

// capNotices say, in each reply language, that the messages arrive faster
// than the bot reads them, and that it will read again shortly.
var capNotices = map[string]string{
	"en": "You are sending messages faster than I can read them. I will read your next messages in a little while; please wait a moment.",
	"es": "Está enviando mensajes más rápido de lo que puedo leerlos. Leeré sus próximos mensajes dentro de un rato; espere un momento, por favor.",
	"pt": "Você está enviando mensagens mais rápido do que consigo lê-las. Vou ler suas próximas mensagens daqui a pouco; aguarde um momento, por favor.",
	"fr": "Vous envoyez des messages plus vite que je ne peux les lire. Je lirai vos prochains messages d'ici peu ; merci de patienter un instant.",
	"de": "Sie senden Nachrichten schneller, als ich sie lesen kann. Ihre nächsten Nachrichten lese ich in Kürze; bitte warten Sie einen Moment.",
	"it": "Sta inviando messaggi più velocemente di quanto io riesca a leggerli. Leggerò i suoi prossimi messaggi tra poco; attenda un momento, per favore.",
	"zh": "您发送消息的速度超过了我的阅读速度。稍后我会阅读您的后续消息，请稍候。",
	"id": "Anda mengirim pesan lebih cepat daripada yang bisa saya baca. Saya akan membaca pesan Anda berikutnya sebentar lagi; mohon tunggu sebentar.",
	"ms": "Anda menghantar mesej lebih cepat daripada yang boleh saya baca. Saya akan membaca mesej anda seterusnya sebentar lagi; sila tunggu sebentar.",
	"vi": "Bạn đang gửi tin nhắn nhanh hơn tốc độ tôi đọc được. Tôi sẽ đọc các tin nhắn tiếp theo của bạn trong giây lát; vui lòng chờ một chút.",
	"th": "คุณส่งข้อความเร็วกว่าที่ฉันอ่านได้ ฉันจะอ่านข้อความถัดไปของคุณในอีกสักครู่ โปรดรอสักครู่",
}
