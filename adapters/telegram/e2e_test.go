package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/store/sqlite"
	"github.com/triagebot/triagebot/triage"
)

// leadSink is a LeadPublisher that remembers the cards it was given.
type leadSink struct {
	mu    sync.Mutex
	cards []bot.Inquiry
}

func (s *leadSink) PublishLead(_ context.Context, in bot.Inquiry, ref bot.CardRef) (bot.CardRef, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cards = append(s.cards, in)
	return bot.CardRef{Channel: "C-SALES", MessageID: fmt.Sprint(in.ID)}, nil
}

// realCore is the real conversation core over SQLite in a temporary
// folder, with its triage worker and a dispatcher sending through the
// adapter (started by newHarness).
type realCore struct {
	*bot.Core
	engine *triage.Engine
	leads  *leadSink
	store  *sqlite.Store
}

// startWith runs the core's worker and a dispatcher to s until t ends.
func (rc *realCore) startWith(t *testing.T, s bot.Sender) {
	d, err := bot.NewDispatcher(bot.DispatcherOptions{Store: rc.store, Poll: 5 * time.Millisecond,
		Senders: map[string]bot.Sender{bot.PlatformTelegram: s}})
	if err != nil {
		t.Fatal(err)
	}
	rc.OnQueued(d.Wake)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- bot.RunLeading(ctx, nil, bot.WorkerLock, 0, nil, nil, rc.Run, d.Run) }()
	t.Cleanup(func() { cancel(); <-done })
}

func newRealCore(t testing.TB) *realCore {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "triagebot.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	eng, err := triage.New(triage.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	rc := &realCore{engine: eng, leads: &leadSink{}, store: st}
	rc.Core, err = bot.NewCore(bot.Options{Store: st, Engine: eng, Leads: rc.leads})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(rc.Core.Wait)
	return rc
}

// buyerUpdate is a private-chat message from the fixtures' buyer.
func buyerUpdate(id int64, text string) []byte {
	b, _ := json.Marshal(map[string]any{
		"update_id": id,
		"message": map[string]any{
			"message_id": id, "date": 1441645532 + id,
			"from": map[string]any{"id": 1111111, "is_bot": false, "first_name": "Test Firstname", "last_name": "Test Lastname", "username": "Testusername", "language_code": "en"},
			"chat": map[string]any{"id": 1111111, "type": "private", "first_name": "Test Firstname"},
			"text": text,
		},
	})
	return b
}

// pressUpdate is the buyer pressing the button labelled label on the bot
// message sent with keyboard.
func pressUpdate(t *testing.T, id int64, messageID int, keyboard, label string) []byte {
	t.Helper()
	var kb inlineKeyboard
	if err := json.Unmarshal([]byte(keyboard), &kb); err != nil {
		t.Fatalf("reply_markup %q: %v", keyboard, err)
	}
	data := ""
	for _, row := range kb.InlineKeyboard {
		for _, b := range row {
			if b.Text == label {
				data = b.CallbackData
			}
		}
	}
	if data == "" {
		t.Fatalf("no button %q in %s", label, keyboard)
	}
	b, _ := json.Marshal(map[string]any{
		"update_id": id,
		"callback_query": map[string]any{
			"id": fmt.Sprint("cbq-", id), "chat_instance": "-1", "data": data,
			"from": map[string]any{"id": 1111111, "is_bot": false, "first_name": "Test Firstname", "language_code": "en"},
			"message": map[string]any{
				"message_id": messageID, "date": 1441645600, "text": "…",
				"chat":         map[string]any{"id": 1111111, "type": "private"},
				"from":         map[string]any{"id": 7000000001, "is_bot": true, "first_name": "Triage Bot", "username": "TriageBot"},
				"reply_markup": json.RawMessage(keyboard),
			},
		},
	})
	return b
}

// checkVerdict checks a reply's text: the verdict first, then the cues.
func (rc *realCore) checkVerdict(t *testing.T, text string, model triage.Model, facts ...string) {
	t.Helper()
	first, _, _ := strings.Cut(text, "\n")
	head := escape(rc.engine.Label("en", "verdict_"+string(model)))
	if !strings.HasPrefix(first, "<b>"+head) {
		t.Errorf("first line %q, want it to lead with the %s verdict %q", first, model, head)
	}
	if head != "verdict_"+string(model) && !strings.HasPrefix(head, string(model)) && model != triage.Unknown {
		t.Errorf("verdict label %q does not start with %s", head, model)
	}
	for _, f := range facts {
		if !strings.Contains(text, f) {
			t.Errorf("reply lacks %q:\n%s", f, text)
		}
	}
}

// TestConversationOverWebhook holds a three-turn conversation with the
// real core and SQLite: ownership, then quantity, then budget; the last
// reply leads with OEM and shows all three cues.
func TestConversationOverWebhook(t *testing.T) {
	rc := newRealCore(t)
	h := newHarness(t, rc, Config{})
	h.run()
	turns := []string{"We have our own design", "3000 pcs", "budget USD 40,000"}
	for i, text := range turns {
		if rec := post(t, h.a, buyerUpdate(int64(20001+i), text), secret); rec.Code != http.StatusOK {
			t.Fatalf("turn %d: status %d", i+1, rec.Code)
		}
		h.api.waitCalls("sendMessage", i+1)
	}
	sends := h.api.callsOf("sendMessage")
	rc.checkVerdict(t, sends[0].Params["text"], triage.OEM)
	rc.checkVerdict(t, sends[2].Params["text"], triage.OEM, "3,000", "40,000")

	// Every reply is delivered, so the same update again gets a 2xx and
	// no second reply.
	h.api.waitFor("no pending events", func() bool {
		p, err := rc.Core.Pending(context.Background(), bot.PlatformTelegram)
		return err == nil && len(p) == 0
	})
	if rec := post(t, h.a, buyerUpdate(20003, turns[2]), secret); rec.Code != http.StatusOK {
		t.Fatalf("redelivery: status %d, want 200", rec.Code)
	}
	if rec := post(t, h.a, buyerUpdate(20004, "/help"), secret); rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	h.api.waitCalls("sendMessage", 4)
	if n := len(h.api.callsOf("sendMessage")); n != 4 {
		t.Errorf("%d replies after a redelivery and a /help, want 4", n)
	}

	// The handoff: the inquiry reached the sales channel's publisher.
	rc.Core.Wait()
	rc.leads.mu.Lock()
	defer rc.leads.mu.Unlock()
	if len(rc.leads.cards) == 0 || rc.leads.cards[len(rc.leads.cards)-1].Platform != bot.PlatformTelegram {
		t.Errorf("lead cards %+v, want the Telegram inquiry published", rc.leads.cards)
	}
}

// TestButtonAnswerWithRealCore answers the quantity question by pressing
// its button: the core reads it as the quantity.
func TestButtonAnswerWithRealCore(t *testing.T) {
	rc := newRealCore(t)
	h := newHarness(t, rc, Config{})
	h.run()
	post(t, h.a, buyerUpdate(30001, "We have our own design"), secret)
	first := h.api.waitCalls("sendMessage", 1)[0]
	kb := first.Params["reply_markup"]
	if kb == "" {
		t.Fatalf("the first reply has no keyboard:\n%s", first.Params["text"])
	}
	var keyboard inlineKeyboard
	_ = json.Unmarshal([]byte(kb), &keyboard)
	label := ""
	for _, row := range keyboard.InlineKeyboard {
		if strings.HasPrefix(row[0].CallbackData, callbackPrefix+string(triage.CueQuantity)+"|") && label == "" {
			label = row[0].Text
		}
	}
	if label == "" {
		t.Fatalf("no quantity answer in keyboard %s", kb)
	}
	if rec := post(t, h.a, pressUpdate(t, 30002, 101, kb, label), secret); rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	second := h.api.waitCalls("sendMessage", 2)[1]
	want := strings.Fields(label)[0] // "3,000" of "3,000 pcs"
	rc.checkVerdict(t, second.Params["text"], triage.OEM, want)
	h.api.waitCalls("answerCallbackQuery", 1)
	if e := h.api.waitCalls("editMessageReplyMarkup", 1); e[0].Params["message_id"] != "101" {
		t.Errorf("keyboard removed from message %s, want 101", e[0].Params["message_id"])
	}
}

// TestPollingEndToEnd runs the conversation over long polling against the
// fake: deleteWebhook first, never setWebhook, updates confirmed only
// after they are recorded.
func TestPollingEndToEnd(t *testing.T) {
	rc := newRealCore(t)
	h := newHarness(t, rc, Config{Mode: ModePolling, PublicURL: "https://bot.example.com"})
	h.api.queueUpdate(fixture(t, "update-private-command-start.json"))
	h.run()
	h.api.waitCalls("sendMessage", 1)
	turns := []string{"We have our own design", "3000 pcs", "budget USD 40,000"}
	for i, text := range turns {
		h.api.queueUpdate(buyerUpdate(int64(10002+i), text))
		h.api.waitCalls("sendMessage", i+2)
	}
	sends := h.api.callsOf("sendMessage")
	rc.checkVerdict(t, sends[3].Params["text"], triage.OEM, "3,000", "40,000")

	methods := h.api.methods()
	firstPoll, deleted := -1, -1
	for i, m := range methods {
		if m == "getUpdates" && firstPoll < 0 {
			firstPoll = i
		}
		if m == "deleteWebhook" && deleted < 0 {
			deleted = i
		}
		if m == "setWebhook" {
			t.Error("setWebhook called in polling mode")
		}
	}
	if deleted < 0 || firstPoll < 0 || deleted > firstPoll {
		t.Errorf("calls %v: want deleteWebhook before the first getUpdates", methods)
	}
	// The last update is confirmed by a poll with a higher offset.
	h.api.waitFor("offset past the last update", func() bool {
		for _, c := range h.api.calls {
			if c.Method == "getUpdates" && c.Params["offset"] == "10005" {
				return true
			}
		}
		return false
	})
}

// TestPollGateHoldsNextPoll: the next getUpdates (which confirms the last
// batch to Telegram) waits until every update of the batch is recorded.
func TestPollGateHoldsNextPoll(t *testing.T) {
	release := make(chan struct{})
	var once sync.Once
	defer once.Do(func() { close(release) })
	core := newMemCore(echoReply)
	accept := core.AcceptFunc
	core.AcceptFunc = func(ctx context.Context, m bot.Message) (bool, error) {
		if m.EventID == "10000" {
			<-release // the store is slow with this one
		}
		return accept(ctx, m)
	}
	h := newHarness(t, core, Config{Mode: ModePolling})
	held := make(chan struct{}, 1)
	h.a.gate.onHold = func() {
		select {
		case held <- struct{}{}:
		default:
		}
	}
	h.api.queueUpdate(fixture(t, "update-private-text.json"))
	h.run()
	select {
	case <-held:
	case <-time.After(patience):
		t.Fatal("the poll after the batch was not held")
	}
	for _, c := range h.api.callsOf("getUpdates") {
		if c.Params["offset"] == "10001" {
			t.Fatalf("update 10000 confirmed (offset 10001) before it was recorded")
		}
	}
	once.Do(func() { close(release) })
	h.api.waitFor("the confirming poll", func() bool {
		for _, c := range h.api.calls {
			if c.Method == "getUpdates" && c.Params["offset"] == "10001" {
				return true
			}
		}
		return false
	})
	h.api.waitCalls("sendMessage", 1)
}

// TestEditAndStickerWithRealCore: an edited message re-triages the inquiry
// (the corrected quantity replaces the first), and a sticker gets the
// short hint to write the order in words.
func TestEditAndStickerWithRealCore(t *testing.T) {
	rc := newRealCore(t)
	h := newHarness(t, rc, Config{})
	h.run()
	post(t, h.a, buyerUpdate(40001, "We have our own design, 500 pcs"), secret)
	h.api.waitCalls("sendMessage", 1)

	var edit map[string]any
	_ = json.Unmarshal(buyerUpdate(40002, "We have our own design, 3000 pcs"), &edit)
	m := edit["message"].(map[string]any)
	m["message_id"], m["edit_date"] = 40001, 1441700000
	edit["edited_message"] = m
	delete(edit, "message")
	body, _ := json.Marshal(edit)
	if rec := post(t, h.a, body, secret); rec.Code != http.StatusOK {
		t.Fatalf("edit: status %d", rec.Code)
	}
	second := h.api.waitCalls("sendMessage", 2)[1].Params["text"]
	if !strings.Contains(second, "3,000") || strings.Contains(second, "500 ") {
		t.Errorf("after the edit the reply shows:\n%s\nwant 3,000 in place of 500", second)
	}

	sticker := `{"update_id": 40003, "message": {"message_id": 7, "date": 1441700100,
		"from": {"id": 1111111, "is_bot": false, "first_name": "Test", "language_code": "en"},
		"chat": {"id": 1111111, "type": "private"},
		"sticker": {"file_id": "CAAD", "file_unique_id": "u", "type": "regular", "width": 512, "height": 512, "is_animated": false, "is_video": false}}}`
	if rec := post(t, h.a, []byte(sticker), secret); rec.Code != http.StatusOK {
		t.Fatalf("sticker: status %d", rec.Code)
	}
	hint := h.api.waitCalls("sendMessage", 3)[2].Params["text"]
	if hint != escape(rc.engine.Label("en", "not_text")) && hint != escape(rc.engine.Label("en", "empty")) {
		t.Errorf("sticker answered with %q, want the not_text (or empty) hint", hint)
	}
}
