package slack

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/triagebot/triagebot/bot"
)

func BenchmarkRenderReply(b *testing.B) {
	r := sampleReplyFor(bot.Message{})
	for b.Loop() {
		renderReply(r, "C123ABC456/1515449522.000016", "U061F7AUR")
	}
}

func BenchmarkRenderLead(b *testing.B) {
	in := sampleInquiry()
	for b.Loop() {
		renderLead(in)
	}
}

// BenchmarkServeEvent measures the acknowledgement path of one signed DM:
// read, verify the signature, parse, translate, record (a fake core) and
// nothing more. The triage and the reply happen after the acknowledgement.
func BenchmarkServeEvent(b *testing.B) {
	t := &testing.T{}
	fake := newFakeSlack(t)
	core := newFakeCore()
	a, err := New(Config{APIURL: fake.URL(), BotToken: "xoxb-test", SigningSecret: testSecret},
		core, slog.New(slog.DiscardHandler), nil)
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { // drain the fake core's queue as its worker would
		for {
			select {
			case <-ctx.Done():
				return
			case <-core.queue:
			}
		}
	}()
	a.whoAmI(ctx)
	mux := http.NewServeMux()
	a.Register(mux)
	fixture := readFixture(t, "event_callback-message_im.json")
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	i := 0
	for b.Loop() {
		i++
		body := bytes.Replace(fixture, []byte("1355517523.000005"), []byte("1355517523."+strconv.Itoa(100000+i)), 1)
		req := httptest.NewRequest(http.MethodPost, "/slack/events", bytes.NewReader(body))
		req.Header.Set("X-Slack-Request-Timestamp", ts)
		req.Header.Set("X-Slack-Signature", sign(testSecret, ts, body))
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
