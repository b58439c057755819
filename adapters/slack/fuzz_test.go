package slack

import (
	"bytes"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzPlainText: any message text becomes valid, bounded text without
// Slack's angle-bracket markup.
func FuzzPlainText(f *testing.F) {
	for _, s := range []string{"<@U0LAN0Z89> 500 units", "<https://x|y> &amp; <#C1|c>", "<<>>", "&lt;&gt;", "\xff<@"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 4096 {
			return
		}
		got := plainText(s, "U0LAN0Z89")
		if len(got) > len(s) {
			t.Errorf("plainText grew %d → %d bytes", len(s), len(got))
		}
		if strings.Contains(got, "<@U0LAN0Z89>") {
			t.Errorf("plainText(%q) kept the bot's mention: %q", s, got)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Errorf("plainText(%q) = invalid UTF-8", s)
		}
	})
}

// TestMutatedBodies posts signed, randomly corrupted copies of the
// fixtures (a fixed seed, so the run is the same every time) to every
// endpoint: each gets a clear 2xx or 4xx, never a panic or a 5xx.
func TestMutatedBodies(t *testing.T) {
	core := newFakeCore()
	a, err := New(Config{APIURL: "http://127.0.0.1:1/", BotToken: "xoxb-x", SigningSecret: testSecret},
		core, slog.New(slog.DiscardHandler), nil)
	if err != nil {
		t.Fatal(err)
	}
	a.ackBudget = time.Millisecond // no Slack behind 127.0.0.1:1
	mux := http.NewServeMux()
	a.Register(mux)
	var seeds [][]byte
	for _, name := range []string{"event_callback-message_im.json", "event_callback-app_mention.json",
		"event_callback-message_thread_reply.json", "url_verification.json",
		"slash-command-triage.form.txt", "interactive-block_actions-button.form.txt"} {
		seeds = append(seeds, readFixture(t, name))
	}
	r := rand.New(rand.NewPCG(1, 2))
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	for range 2000 {
		body := append([]byte(nil), seeds[r.IntN(len(seeds))]...)
		for range 1 + r.IntN(4) {
			body[r.IntN(len(body))] = byte(r.IntN(256))
		}
		for _, path := range []string{"/slack/events", "/slack/commands", "/slack/interactive"} {
			req := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(body))
			req.Header.Set("X-Slack-Request-Timestamp", ts)
			req.Header.Set("X-Slack-Signature", sign(testSecret, ts, body))
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, req)
			if rec.Code >= 500 {
				t.Fatalf("POST %s %q = %d", path, body, rec.Code)
			}
		}
		for len(core.queue) > 0 { // keep the queue from filling
			<-core.queue
		}
	}
}
