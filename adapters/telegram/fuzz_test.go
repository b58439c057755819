package telegram

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/triage"
)

// FuzzTranslate feeds arbitrary update JSON through translate: it never
// panics, and what it passes on names its platform, event and chat.
func FuzzTranslate(f *testing.F) {
	for _, name := range []string{"update-private-text.json", "update-group-command-botname.json", "update-callback-query.json", "update-photo-caption.json"} {
		b, err := readFixture(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"update_id":1,"message":{"chat":{"id":-5,"type":"group"},"from":{"id":2},"text":"🪞 @TriageBot x","entities":[{"type":"mention","offset":3,"length":10},{"type":"bot_command","offset":0,"length":99}]}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		if len(body) > 1<<16 {
			return
		}
		var u models.Update
		if json.Unmarshal(body, &u) != nil {
			return
		}
		j, ok := translate(&u, testMe)
		if ok && (j.msg.Platform != bot.PlatformTelegram || j.msg.EventID == "" || j.msg.ChatID == "") {
			t.Errorf("translate passed on %+v without platform, event or chat", j.msg)
		}
	})
}

// FuzzRender renders arbitrary buyer text: no message over the limit, no
// tag but the adapter's own.
func FuzzRender(f *testing.F) {
	f.Add("<script>alert(1)</script>", 4096)
	f.Add(strings.Repeat("& ", 100), 64)
	f.Add("🪞🪞🪞 กระจก\n\nline", 70)
	f.Fuzz(func(t *testing.T, text string, limit int) {
		if len(text) > 1<<15 || limit < 64 || limit > MaxMessageUnits {
			return
		}
		r := bot.Reply{Model: triage.OEM, Headline: "OEM", Facts: []bot.Fact{{Label: "Buyer", Value: text}},
			Paragraphs: []string{text, text}, Questions: []triage.Question{{Cue: triage.CueQuantity, Text: text, Answers: []string{text}}}}
		for i, p := range render(r, limit) {
			if n := utf16Len(p.HTML); n > limit {
				t.Errorf("message %d: %d units, over %d", i, n, limit)
			}
			rest := strings.NewReplacer("<b>", "", "</b>", "").Replace(p.HTML)
			if strings.ContainsAny(rest, "<>") {
				t.Errorf("message %d carries an unescaped tag: %q", i, p.HTML)
			}
		}
	})
}

func BenchmarkRender(b *testing.B) {
	r := verdict()
	b.ReportAllocs()
	for b.Loop() {
		render(r, MaxMessageUnits)
	}
}

func BenchmarkTranslate(b *testing.B) {
	raw, err := readFixture("update-group-command-botname.json")
	if err != nil {
		b.Fatal(err)
	}
	var u models.Update
	if err := json.Unmarshal(raw, &u); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		translate(&u, testMe)
	}
}

// BenchmarkWebhook measures the webhook's own work per update: secret
// check, body read, JSON decode, translate, and a core that records
// nothing (a redelivery), so that neither the store nor Telegram counts.
func BenchmarkWebhook(b *testing.B) {
	core := newMemCore(echoReply)
	core.AcceptFunc = func(context.Context, bot.Message) (bool, error) { return false, nil }
	a, err := newAdapter(context.Background(), Config{BotToken: testToken, WebhookSecret: secret}, core, nil, nil, defaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	a.me.Store(&testMe)
	body, err := readFixture("update-private-text.json")
	if err != nil {
		b.Fatal(err)
	}
	mux := http.NewServeMux()
	a.Register(mux)
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, WebhookPath, strings.NewReader(string(body)))
		req.Header.Set(SecretHeader, secret)
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

// BenchmarkWebhookSQLite is BenchmarkWebhook with the real core recording
// each update in SQLite before the 200 (the update is then dropped, so
// that no worker or Telegram call runs): the cost of "stored before
// acknowledged".
func BenchmarkWebhookSQLite(b *testing.B) {
	rc := newRealCore(b)
	core := newMemCore(echoReply)
	core.AcceptFunc = func(ctx context.Context, m bot.Message) (bool, error) {
		_, err := rc.Accept(ctx, m)
		return false, err
	}
	a, err := newAdapter(context.Background(), Config{BotToken: testToken, WebhookSecret: secret}, core, nil, nil, defaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	a.me.Store(&testMe)
	mux := http.NewServeMux()
	a.Register(mux)
	id := int64(1)
	b.ReportAllocs()
	for b.Loop() {
		id++
		req := httptest.NewRequest(http.MethodPost, WebhookPath, strings.NewReader(string(buyerUpdate(id, "We have our own design, 3000 pcs"))))
		req.Header.Set(SecretHeader, secret)
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	}
}
