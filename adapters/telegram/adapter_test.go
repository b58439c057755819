package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/triage"
)

const secret = "s3cr3t_Token-42"

// post sends body to the adapter's webhook through a ServeMux, as main
// mounts it, with the secret header when secretHeader is not "-".
func post(t *testing.T, a *Adapter, body []byte, secretHeader string) *httptest.ResponseRecorder {
	t.Helper()
	mux := http.NewServeMux()
	a.Register(mux)
	req := httptest.NewRequest(http.MethodPost, WebhookPath, strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	if secretHeader != "-" {
		req.Header.Set(SecretHeader, secretHeader)
	}
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	return rec
}

func TestWebhookSecret(t *testing.T) {
	tests := []struct {
		name   string
		header string // "-": no header
		want   int
	}{
		{"right secret", secret, http.StatusOK},
		{"wrong secret", "s3cr3t_Token-43", http.StatusUnauthorized},
		{"secret with a different length", secret + "x", http.StatusUnauthorized},
		{"missing header", "-", http.StatusUnauthorized},
		{"empty header", "", http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			core := newMemCore(echoReply)
			h := newHarness(t, core, Config{WebhookSecret: secret})
			h.run()
			rec := post(t, h.a, fixture(t, "update-private-text.json"), tt.header)
			if rec.Code != tt.want {
				t.Fatalf("POST %s with %s: status %d, want %d", WebhookPath, tt.name, rec.Code, tt.want)
			}
			if tt.want == http.StatusOK {
				h.api.waitCalls("sendMessage", 1)
				return
			}
			// Rejected before any store work: nothing recorded, so
			// nothing can be triaged later.
			core.mu.Lock()
			n := len(core.accepted)
			core.mu.Unlock()
			if n != 0 {
				t.Errorf("a request rejected with 401 was recorded (%d events)", n)
			}
		})
	}
}

func TestWebhookWithoutConfiguredSecretRefusesAll(t *testing.T) {
	core := newMemCore(echoReply)
	h := newHarness(t, core, Config{})
	h.a.cfg.WebhookSecret = "" // as if main passed none
	h.run()
	for _, header := range []string{"-", "", "anything"} {
		if rec := post(t, h.a, fixture(t, "update-private-text.json"), header); rec.Code != http.StatusUnauthorized {
			t.Errorf("no secret configured, header %q: status %d, want 401", header, rec.Code)
		}
	}
}

func TestWebhookBadInput(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		max      int64
		want     int
		wantText string
	}{
		{"body over the limit", `{"update_id":1,"message":{"text":"` + strings.Repeat("x", 2000) + `"}}`, 1024, http.StatusRequestEntityTooLarge, "over 1024 bytes"},
		{"malformed JSON", `{"update_id":1,`, 0, http.StatusBadRequest, "not a JSON Update"},
		{"wrong type", `{"update_id":"one"}`, 0, http.StatusBadRequest, "update_id"},
		{"no update_id", `{"message":{"text":"hi"}}`, 0, http.StatusBadRequest, "update_id"},
		{"not JSON at all", `hello`, 0, http.StatusBadRequest, "syntax error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			core := newMemCore(echoReply)
			h := newHarness(t, core, Config{MaxBodyBytes: tt.max})
			h.run()
			rec := post(t, h.a, []byte(tt.body), secret)
			if rec.Code != tt.want || !strings.Contains(rec.Body.String(), tt.wantText) {
				t.Errorf("status %d body %q, want %d and a body naming %q", rec.Code, rec.Body.String(), tt.want, tt.wantText)
			}
			if len(core.accepted) != 0 {
				t.Errorf("bad input was recorded")
			}
		})
	}
}

func TestWebhookOnlyPOST(t *testing.T) {
	h := newHarness(t, newMemCore(echoReply), Config{})
	mux := http.NewServeMux()
	h.a.Register(mux)
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, WebhookPath, nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET %s: status %d, want 405", WebhookPath, rec.Code)
	}
}

func TestWebhookBeforeReady(t *testing.T) {
	h := newHarness(t, newMemCore(echoReply), Config{})
	rec := post(t, h.a, fixture(t, "update-private-text.json"), secret)
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("before Run: status %d, want 503 so that Telegram delivers it again", rec.Code)
	}
}

// TestWebhookRecordsBeforeAck: the 200 goes back only after the core has
// recorded the update, and a failure to record gets a 5xx so that
// Telegram delivers the update again.
func TestWebhookRecordsBeforeAck(t *testing.T) {
	core := newMemCore(echoReply)
	h := newHarness(t, core, Config{})
	h.run()
	accept := core.AcceptFunc
	core.AcceptFunc = func(context.Context, bot.Message) (bool, error) {
		return false, errors.New("disk full")
	}
	if rec := post(t, h.a, fixture(t, "update-private-text.json"), secret); rec.Code != http.StatusInternalServerError {
		t.Fatalf("store failing: status %d, want 500", rec.Code)
	}
	core.AcceptFunc = accept
	rec := post(t, h.a, fixture(t, "update-private-text.json"), secret)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d, want 200", rec.Code)
	}
	// Accept runs inside the request: it has happened when the 200 is out.
	core.mu.Lock()
	_, recorded := core.accepted["10000"]
	core.mu.Unlock()
	if !recorded {
		t.Error("200 sent before the update was recorded")
	}
	h.api.waitCalls("sendMessage", 1)
}

func TestDuplicateUpdateRepliesOnce(t *testing.T) {
	core := newMemCore(echoReply)
	h := newHarness(t, core, Config{})
	h.run()
	for i := range 2 {
		if rec := post(t, h.a, fixture(t, "update-private-text.json"), secret); rec.Code != http.StatusOK {
			t.Fatalf("delivery %d: status %d, want 200", i+1, rec.Code)
		}
	}
	h.api.waitCalls("sendMessage", 1)
	// A third, later update proves the worker moved on; the duplicate
	// must not have produced a reply in between.
	later := strings.Replace(string(fixture(t, "update-private-text.json")), `"update_id": 10000`, `"update_id": 10010`, 1)
	post(t, h.a, []byte(later), secret)
	sends := h.api.waitCalls("sendMessage", 2)
	h.api.waitFor("both delivered", func() bool { return len(core.deliveredIDs()) == 2 })
	if len(sends) != 2 || len(core.handledMsgs()) != 2 {
		t.Errorf("the same update twice and one other: %d replies, %d handled; want 2 and 2", len(sends), len(core.handledMsgs()))
	}
}

func TestReplyIsHTMLAndEscaped(t *testing.T) {
	core := newMemCore(func(m bot.Message) bot.Reply {
		return bot.Reply{Model: triage.Unknown, Headline: "More information needed",
			Facts:      []bot.Fact{{Label: "Buyer", Value: m.UserName}},
			Paragraphs: []string{"You wrote: " + m.Text}}
	})
	h := newHarness(t, core, Config{})
	h.run()
	upd := `{"update_id": 77, "message": {"message_id": 5, "date": 1441645532,
		"from": {"id": 42, "is_bot": false, "first_name": "<script>alert(1)</script>", "last_name": "Ltd & Co"},
		"chat": {"id": 42, "type": "private"},
		"text": "We need <script>document.cookie</script> 3000 pcs"}}`
	if rec := post(t, h.a, []byte(upd), secret); rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	send := h.api.waitCalls("sendMessage", 1)[0]
	if send.Params["parse_mode"] != "HTML" {
		t.Errorf("parse_mode = %q, want HTML", send.Params["parse_mode"])
	}
	text := send.Params["text"]
	if strings.Contains(text, "<script>") || !strings.Contains(text, "&lt;script&gt;alert(1)&lt;/script&gt; Ltd &amp; Co") ||
		!strings.Contains(text, "We need &lt;script&gt;document.cookie&lt;/script&gt; 3000 pcs") {
		t.Errorf("buyer text not escaped in the reply:\n%s", text)
	}
	if send.Params["chat_id"] != "42" {
		t.Errorf("chat_id = %q, want 42", send.Params["chat_id"])
	}
}

// TestButtonAnswer presses a suggested answer: the core gets the answer
// and the question's cue, the press is answered, the keyboard removed.
func TestButtonAnswer(t *testing.T) {
	core := newMemCore(echoReply)
	h := newHarness(t, core, Config{})
	h.run()
	data := encodeCallback(triage.CueQuantity, 1, "3,000 pcs")
	upd := `{"update_id": 501, "callback_query": {"id": "cbq-1", "chat_instance": "-87",
		"from": {"id": 1111111, "is_bot": false, "first_name": "Ana", "language_code": "es"},
		"message": {"message_id": 1367, "date": 1441645610, "text": "How many units?",
			"chat": {"id": 1111111, "type": "private"},
			"from": {"id": 7000000001, "is_bot": true, "first_name": "Triage Bot", "username": "TriageBot"},
			"reply_markup": {"inline_keyboard": [[{"text": "500 pcs", "callback_data": "a|quantity|500 pcs"}],
				[{"text": "3,000 pcs", "callback_data": "` + data + `"}]]}},
		"data": "` + data + `"}}`
	if rec := post(t, h.a, []byte(upd), secret); rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	h.api.waitCalls("sendMessage", 1)
	got := core.handledMsgs()
	if len(got) != 1 || got[0].Text != "3,000 pcs" || got[0].AnswerTo != triage.CueQuantity || got[0].ChatID != "1111111" || got[0].Language != "es" {
		t.Fatalf("core got %+v, want Text %q AnswerTo %q in chat 1111111", got, "3,000 pcs", triage.CueQuantity)
	}
	if c := h.api.callsOf("answerCallbackQuery"); len(c) != 1 || c[0].Params["callback_query_id"] != "cbq-1" {
		t.Errorf("answerCallbackQuery calls = %+v, want one for cbq-1", c)
	}
	edits := h.api.callsOf("editMessageReplyMarkup")
	if len(edits) != 1 || edits[0].Params["message_id"] != "1367" || edits[0].Params["reply_markup"] != `{"inline_keyboard":[]}` {
		t.Errorf("editMessageReplyMarkup calls = %+v, want the keyboard of message 1367 emptied", edits)
	}

	// A second tap on the same keyboard (another update) only stops the
	// spinner: no second answer, no second reply.
	again := strings.Replace(strings.Replace(upd, `"update_id": 501`, `"update_id": 502`, 1), `"id": "cbq-1"`, `"id": "cbq-2"`, 1)
	if rec := post(t, h.a, []byte(again), secret); rec.Code != http.StatusOK {
		t.Fatalf("second tap: status %d", rec.Code)
	}
	h.api.waitCalls("answerCallbackQuery", 2)
	if n, m := len(core.handledMsgs()), len(h.api.callsOf("sendMessage")); n != 1 || m != 1 {
		t.Errorf("after a second tap: %d handled, %d replies; want 1 and 1", n, m)
	}
}

func TestForeignButtonIsAnsweredAndDropped(t *testing.T) {
	core := newMemCore(echoReply)
	h := newHarness(t, core, Config{})
	h.run()
	if rec := post(t, h.a, fixture(t, "update-callback-query.json"), secret); rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	h.api.waitCalls("answerCallbackQuery", 1)
	if len(core.accepted) != 0 || len(h.api.callsOf("sendMessage")) != 0 {
		t.Error("a press on another bot's button reached the core")
	}
}

// TestSendClassifiesErrors: Send renders and sends; its errors tell the
// dispatcher what to do: a 429 with Telegram's retry_after, a 5xx and a
// hung request (an unknown outcome) are retryable, a refusal is final, and
// no error quotes the token or the buyer's text.
func TestSendClassifiesErrors(t *testing.T) {
	tests := []struct {
		name        string
		fail        failure
		timeout     time.Duration
		wantRetry   bool
		wantAfter   time.Duration
		wantReason  string
		wantUnknown bool
	}{
		{"429 with retry_after", failure{Code: 429, Description: "Too Many Requests: retry after 7", RetryAfter: 7}, 0, true, 7 * time.Second, "rate_limited", false},
		{"502", failure{Code: 502, Description: "Bad Gateway"}, 0, true, 0, "5xx", false},
		{"hung request", failure{Hang: true}, 50 * time.Millisecond, true, 0, "timeout", true},
		{"blocked by the user", failure{Code: 403, Description: "Forbidden: bot was blocked by the user"}, 0, false, 0, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, newMemCore(echoReply), Config{})
			h.run()
			h.api.failNext("sendMessage", tt.fail)
			m := bot.Message{Platform: bot.PlatformTelegram, EventID: "1", ChatID: "1111111", UserID: "1111111", Text: "anyone on call"}
			r := echoReply(m)
			ctx := context.Background()
			if tt.timeout > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tt.timeout)
				defer cancel()
			}
			_, err := h.a.Send(ctx, bot.Outgoing{Platform: bot.PlatformTelegram, Target: "1111111", Kind: bot.KindReply,
				Attempts: 1, Payload: bot.Payload{Message: &m, Reply: &r}})
			var re *bot.RetryableError
			if got := errors.As(err, &re); got != tt.wantRetry {
				t.Fatalf("Send error %v: retryable %v, want %v", err, got, tt.wantRetry)
			}
			if re != nil && (re.After != tt.wantAfter || re.Reason != tt.wantReason || re.Unknown != tt.wantUnknown) {
				t.Errorf("Send error = after %v reason %q unknown %v, want %v %q %v", re.After, re.Reason, re.Unknown, tt.wantAfter, tt.wantReason, tt.wantUnknown)
			}
			for _, leak := range []string{"anyone on call", testToken} {
				if strings.Contains(err.Error(), leak) {
					t.Errorf("Send error leaks %q: %v", leak, err)
				}
			}
		})
	}
}

func TestLongReplySplit(t *testing.T) {
	long := strings.Repeat("Mirror frames in aluminium. ", 180) // 5,040 characters
	core := newMemCore(func(m bot.Message) bot.Reply {
		return bot.Reply{Model: triage.OEM, Headline: "OEM — you bring the design", Paragraphs: []string{long[:2500], long[2500:]},
			Questions: []triage.Question{{Cue: triage.CueBudget, Text: "What is your budget?", Answers: []string{"USD 20,000"}}}}
	})
	h := newHarness(t, core, Config{})
	h.run()
	post(t, h.a, fixture(t, "update-private-text.json"), secret)
	h.api.waitCalls("sendMessage", 2)
	h.api.waitFor("delivered", func() bool { return len(core.deliveredIDs()) == 1 })
	sends := h.api.callsOf("sendMessage")
	if len(sends) != 2 {
		t.Fatalf("%d messages, want 2", len(sends))
	}
	if !strings.HasPrefix(sends[0].Params["text"], "<b>OEM") {
		t.Errorf("first message does not lead with the verdict: %.40q", sends[0].Params["text"])
	}
	for i, s := range sends {
		if n := utf16Len(s.Params["text"]); n > MaxMessageUnits {
			t.Errorf("message %d: %d units, over %d", i+1, n, MaxMessageUnits)
		}
		_, hasKB := s.Params["reply_markup"]
		if hasKB != (i == 1) {
			t.Errorf("message %d: keyboard %v, want it on the last only", i+1, hasKB)
		}
	}
	var kb inlineKeyboard
	if err := json.Unmarshal([]byte(sends[1].Params["reply_markup"]), &kb); err != nil || len(kb.InlineKeyboard) != 1 {
		t.Errorf("keyboard %q: %v", sends[1].Params["reply_markup"], err)
	}
}

func TestStartupCalls(t *testing.T) {
	tests := []struct {
		name           string
		cfg            Config
		wantSetHook    bool
		wantDeleteHook bool
	}{
		{"webhook with public_url", Config{Mode: ModeWebhook, PublicURL: "https://bot.example.com/"}, true, false},
		{"webhook without public_url", Config{Mode: ModeWebhook}, false, false},
		{"polling", Config{Mode: ModePolling, PublicURL: "https://bot.example.com"}, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, newMemCore(echoReply), tt.cfg)
			h.run()
			if tt.wantDeleteHook {
				h.api.waitCalls("getUpdates", 1)
			}
			if tt.wantSetHook {
				h.api.waitCalls("setWebhook", 1)
			}
			set := h.api.callsOf("setWebhook")
			if tt.wantSetHook {
				if len(set) != 1 || set[0].Params["url"] != "https://bot.example.com/telegram/webhook" || set[0].Params["secret_token"] != secret {
					t.Errorf("setWebhook calls = %+v, want one with the public URL and the secret", set)
				}
			} else if len(set) != 0 {
				t.Errorf("setWebhook called %d times, want never", len(set))
			}
			if got := len(h.api.callsOf("deleteWebhook")) > 0; got != tt.wantDeleteHook {
				t.Errorf("deleteWebhook called: %v, want %v", got, tt.wantDeleteHook)
			}
			if got := h.api.callsOf("getMe"); len(got) != 1 {
				t.Errorf("getMe called %d times, want 1", len(got))
			}
			cmds := h.api.callsOf("setMyCommands")
			if len(cmds) != len(commandLanguages)+1 {
				t.Fatalf("setMyCommands called %d times, want %d (default + each language)", len(cmds), len(commandLanguages)+1)
			}
			langs := map[string]bool{}
			for _, c := range cmds {
				langs[c.Params["language_code"]] = true
				var list []struct{ Command, Description string }
				if err := json.Unmarshal([]byte(c.Params["commands"]), &list); err != nil || len(list) != 3 || list[0].Command != "start" || list[2].Command != "new" {
					t.Errorf("commands %q: %v", c.Params["commands"], err)
				}
			}
			for _, l := range append([]string{""}, commandLanguages...) {
				if !langs[l] {
					t.Errorf("no setMyCommands for language %q", l)
				}
			}
		})
	}
}

func TestRunFailsOnBadToken(t *testing.T) {
	h := newHarness(t, newMemCore(echoReply), Config{})
	h.api.failNext("getMe", failure{Code: 401, Description: "Unauthorized"})
	err := h.a.Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "getMe") || strings.Contains(err.Error(), testToken) {
		t.Errorf("Run with a refused token = %v, want an error naming getMe, without the token", err)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	core := newMemCore(echoReply)
	tests := []struct {
		name string
		cfg  Config
		core Core
		want string
	}{
		{"no token", Config{Mode: ModeWebhook}, core, "TELEGRAM_BOT_TOKEN"},
		{"webhook without a secret", Config{Mode: ModeWebhook, BotToken: testToken}, core, "TELEGRAM_WEBHOOK_SECRET"},
		{"bad mode", Config{Mode: "carrier-pigeon", BotToken: testToken, WebhookSecret: secret}, core, "carrier-pigeon"},
		{"no core", Config{BotToken: testToken, WebhookSecret: secret}, nil, "core"},
		{"secret with a dot", Config{BotToken: testToken, WebhookSecret: "dot.not.allowed"}, core, "TELEGRAM_WEBHOOK_SECRET"},
		{"secret too long", Config{BotToken: testToken, WebhookSecret: strings.Repeat("x", 257)}, core, "TELEGRAM_WEBHOOK_SECRET"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(context.Background(), tt.cfg, tt.core, nil, nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("New(%+v) error = %v, want one naming %q", tt.cfg, err, tt.want)
			}
		})
	}
}

func TestRunTwice(t *testing.T) {
	h := newHarness(t, newMemCore(echoReply), Config{})
	h.run()
	if err := h.a.Run(context.Background()); err == nil {
		t.Error("a second Run returned nil, want an error")
	}
}

// TestWebhookFixtures posts every fixture update to the webhook: all get
// 200; those for the bot are answered in their chat (in a group, as a
// reply to the buyer's message), the others reach nothing.
func TestWebhookFixtures(t *testing.T) {
	tests := []struct {
		file    string
		chat    string // "" : not for the bot
		replyTo string
	}{
		{"update-private-text.json", "1111111", ""},
		{"update-private-command-start.json", "1111111", ""},
		{"update-group-command-botname.json", "-1001234567890", "52"},
		{"update-group-command-other-bot.json", "", ""},
		{"update-edited-message.json", "1111111", ""},
		{"update-photo-caption.json", "1111111", ""},
		{"update-channel-post.json", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			core := newMemCore(echoReply)
			h := newHarness(t, core, Config{})
			h.run()
			if rec := post(t, h.a, fixture(t, tt.file), secret); rec.Code != http.StatusOK {
				t.Fatalf("status %d, want 200", rec.Code)
			}
			if tt.chat == "" {
				core.mu.Lock()
				n := len(core.accepted)
				core.mu.Unlock()
				if n != 0 {
					t.Errorf("an update not for the bot was recorded")
				}
				return
			}
			send := h.api.waitCalls("sendMessage", 1)[0]
			if send.Params["chat_id"] != tt.chat {
				t.Errorf("reply to chat %q, want %q", send.Params["chat_id"], tt.chat)
			}
			var rp struct {
				MessageID int `json:"message_id"`
			}
			if tt.replyTo != "" {
				if err := json.Unmarshal([]byte(send.Params["reply_parameters"]), &rp); err != nil || fmt.Sprint(rp.MessageID) != tt.replyTo {
					t.Errorf("reply_parameters %q, want a reply to message %s", send.Params["reply_parameters"], tt.replyTo)
				}
			} else if send.Params["reply_parameters"] != "" {
				t.Errorf("reply_parameters %q in a private chat, want none", send.Params["reply_parameters"])
			}
		})
	}
}

// TestStartupWaitsForTelegram: Telegram unreachable or overloaded at start
// is waited out (with the injected sleep), not a reason to stop.
func TestStartupWaitsForTelegram(t *testing.T) {
	h := newHarness(t, newMemCore(echoReply), Config{Mode: ModePolling})
	var fs []failure
	for range 8 {
		fs = append(fs, failure{Code: 502, Description: "Bad Gateway"})
	}
	h.api.failNext("getMe", fs...)
	h.api.failNext("deleteWebhook", failure{Code: 429, Description: "Too Many Requests: retry after 3", RetryAfter: 3})
	h.run()
	h.api.waitCalls("getUpdates", 1)
	if n := len(h.api.callsOf("getMe")); n != 9 {
		t.Errorf("getMe called %d times, want 9 (8 failures, then success)", n)
	}
	found := false
	for _, d := range h.sleeps.all() {
		found = found || d == 3*time.Second
	}
	if !found {
		t.Errorf("waits %v, want deleteWebhook's retry_after of 3s among them", h.sleeps.all())
	}
}

// TestRunFailsOnRefusedWebhook: a webhook Telegram refuses ends Run with
// an error naming the call (and Run does return: its workers stop).
func TestRunFailsOnRefusedWebhook(t *testing.T) {
	h := newHarness(t, newMemCore(echoReply), Config{PublicURL: "https://bot.example.com"})
	h.api.failNext("setWebhook", failure{Code: 400, Description: "Bad Request: bad webhook: Failed to resolve host"})
	done := make(chan error, 1)
	go func() { done <- h.a.Run(context.Background()) }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "setWebhook") || !strings.Contains(err.Error(), "bad webhook") {
			t.Errorf("Run = %v, want an error naming setWebhook and Telegram's reason", err)
		}
	case <-time.After(patience):
		t.Fatal("Run did not return after Telegram refused the webhook")
	}
}
