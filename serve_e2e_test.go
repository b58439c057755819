package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// recorder is a fake platform API that records each call's method and form.
type recorder struct {
	mu    sync.Mutex
	calls []apiCall
}

type apiCall struct {
	method string
	form   map[string]string
}

func (rec *recorder) record(r *http.Request, method string) {
	form := map[string]string{}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		if err := r.ParseMultipartForm(1 << 20); err == nil {
			for k, v := range r.MultipartForm.Value {
				form[k] = v[0]
			}
		}
	} else if err := r.ParseForm(); err == nil {
		for k, v := range r.PostForm {
			form[k] = v[0]
		}
	}
	rec.mu.Lock()
	rec.calls = append(rec.calls, apiCall{method, form})
	rec.mu.Unlock()
}

func (rec *recorder) called(method string) []apiCall {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	var out []apiCall
	for _, c := range rec.calls {
		if c.method == method {
			out = append(out, c)
		}
	}
	return out
}

func fakeTelegram(t *testing.T) (*recorder, string) {
	rec := &recorder{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		method := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
		rec.record(r, method)
		w.Header().Set("Content-Type", "application/json")
		switch method {
		case "getMe":
			io.WriteString(w, `{"ok":true,"result":{"id":1,"is_bot":true,"first_name":"Triage","username":"TriageBot"}}`)
		case "sendMessage":
			fmt.Fprintf(w, `{"ok":true,"result":{"message_id":%d,"date":1,"chat":{"id":1,"type":"private"}}}`, len(rec.called("sendMessage")))
		default:
			io.WriteString(w, `{"ok":true,"result":true}`)
		}
	}))
	t.Cleanup(srv.Close)
	return rec, srv.URL
}

func fakeSlack(t *testing.T) (*recorder, string) {
	rec := &recorder{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		method := strings.TrimPrefix(r.URL.Path, "/")
		rec.record(r, method)
		w.Header().Set("Content-Type", "application/json")
		switch method {
		case "auth.test":
			io.WriteString(w, `{"ok":true,"user_id":"UBOT","bot_id":"BBOT","team_id":"T1","user":"triagebot"}`)
		case "chat.postMessage", "chat.update":
			io.WriteString(w, `{"ok":true,"channel":"CSALES","ts":"1700000000.000100"}`)
		default:
			io.WriteString(w, `{"ok":true}`)
		}
	}))
	t.Cleanup(srv.Close)
	return rec, srv.URL + "/"
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); {
		if cond() {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

// TestServeTelegramConversationWithSlackLeadCard runs `serve` with both
// channels against fake platform APIs: a buyer's three-turn Telegram
// conversation ends in OEM, and the inquiry appears as one lead card in
// Slack, edited as the buyer answers.
func TestServeTelegramConversationWithSlackLeadCard(t *testing.T) {
	tg, tgURL := fakeTelegram(t)
	sl, slURL := fakeSlack(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	tc := newTestCLI(t, map[string]string{
		"TRIAGEBOT_HTTP_ADDR":           addr,
		"TELEGRAM_BOT_TOKEN":            "123:abc",
		"TELEGRAM_WEBHOOK_SECRET":       "s3cret-token",
		"TRIAGEBOT_TELEGRAM_API_URL":    tgURL,
		"SLACK_BOT_TOKEN":               "xoxb-test",
		"SLACK_SIGNING_SECRET":          "signing",
		"TRIAGEBOT_SLACK_API_URL":       slURL,
		"TRIAGEBOT_SLACK_SALES_CHANNEL": "CSALES",
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- tc.run(ctx, "", "serve") }()
	defer func() {
		cancel()
		<-done
	}()
	base := "http://" + addr
	waitFor(t, "readiness", func() bool {
		resp, err := http.Get(base + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})

	// post delivers an update as Telegram does: a 503 (the bot is still
	// starting) is delivered again.
	post := func(id int, text, secret string) int {
		for {
			code := postUpdate(t, base, id, text, secret)
			if code != http.StatusServiceUnavailable {
				return code
			}
			time.Sleep(50 * time.Millisecond)
		}
	}

	if code := post(1, "We want 3000 pcs", "wrong"); code != http.StatusUnauthorized {
		t.Errorf("wrong secret: status %d, want 401", code)
	}
	turns := []string{"Hello, we have our own design for a LED bathroom mirror.", "3000 pcs", "Our budget is USD 40,000"}
	for i, text := range turns {
		if code := post(10+i, text, "s3cret-token"); code != http.StatusOK {
			t.Fatalf("turn %d: status %d", i+1, code)
		}
		waitFor(t, fmt.Sprintf("reply %d", i+1), func() bool { return len(tg.called("sendMessage")) >= i+1 })
	}
	if code := post(12, turns[2], "s3cret-token"); code != http.StatusOK {
		t.Errorf("redelivery: status %d, want 200", code)
	}
	// Edits coalesce (at most one per card every few seconds): the card
	// ends showing the last turn's budget.
	waitFor(t, "the lead card's last state", func() bool {
		ups := sl.called("chat.update")
		return len(ups) > 0 && strings.Contains(ups[len(ups)-1].form["blocks"], "40,000")
	})

	replies := tg.called("sendMessage")
	if len(replies) != 3 {
		t.Errorf("%d Telegram replies, want 3 (none for the wrong secret or the redelivery)", len(replies))
	}
	last := replies[len(replies)-1].form["text"]
	first, _, _ := strings.Cut(last, "\n")
	if !strings.Contains(first, "OEM") || !strings.Contains(last, "3,000") {
		t.Errorf("last reply = %q; want OEM on the first line and the quantity of turn two", last)
	}
	if replies[0].form["chat_id"] != "77" || replies[0].form["parse_mode"] != "HTML" {
		t.Errorf("reply went to chat %q with parse mode %q", replies[0].form["chat_id"], replies[0].form["parse_mode"])
	}
	cards := sl.called("chat.postMessage")
	if len(cards) != 1 || cards[0].form["channel"] != "CSALES" {
		t.Fatalf("lead cards posted: %+v; want exactly one, in CSALES", cards)
	}
	if !strings.Contains(cards[0].form["blocks"], "Mia") || !strings.Contains(cards[0].form["blocks"], "mia_buyer") {
		t.Errorf("lead card does not show the buyer's name and handle: %s", cards[0].form["blocks"])
	}
}

// postUpdate posts one private-chat update from buyer Mia to the webhook.
func postUpdate(t *testing.T, base string, id int, text, secret string) int {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"update_id": id, "message": map[string]any{
		"message_id": id, "date": time.Now().Unix(), "text": text,
		"from": map[string]any{"id": 77, "is_bot": false, "first_name": "Mia", "username": "mia_buyer", "language_code": "en"},
		"chat": map[string]any{"id": 77, "type": "private"},
	}})
	req, _ := http.NewRequest(http.MethodPost, base+"/telegram/webhook", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
