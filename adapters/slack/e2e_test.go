package slack

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/store/sqlite"
	"github.com/triagebot/triagebot/triage"
)

// TestEndToEndWithCoreAndSQLite runs the adapter with the real core on a
// SQLite store in a temporary folder, against the fake Slack.
func TestEndToEndWithCoreAndSQLite(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
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
	core, err := bot.NewCore(bot.Options{Store: st, Engine: eng, LeadChannel: "CSALES"})
	if err != nil {
		t.Fatal(err)
	}
	fake := newFakeSlack(t)
	a, err := New(Config{APIURL: fake.URL(), SalesChannel: "CSALES", BotToken: "xoxb-test", SigningSecret: testSecret},
		core, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
	if err != nil {
		t.Fatal(err)
	}
	a.retry.Sleep = func(ctx context.Context, _ time.Duration) error { return ctx.Err() }
	mux := http.NewServeMux()
	a.Register(mux)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	h := &harness{t: t, slack: fake, a: a, srv: srv, ctx: ctx}
	a.whoAmI(ctx)
	disp, err := bot.NewDispatcher(bot.DispatcherOptions{Store: st, Poll: 5 * time.Millisecond, EditGap: 10 * time.Millisecond,
		Senders: map[string]bot.Sender{bot.PlatformSlack: a}})
	if err != nil {
		t.Fatal(err)
	}
	core.OnQueued(disp.Wake)
	done := make(chan error, 2)
	go func() { done <- a.Run(ctx) }()
	go func() { done <- bot.RunLeading(ctx, nil, bot.WorkerLock, 0, nil, nil, core.Run, disp.Run) }()
	defer func() {
		cancel()
		for range 2 {
			if err := <-done; err != nil {
				t.Errorf("Run = %v", err)
			}
		}
	}()

	// A DM is triaged and answered, verdict first.
	const dmText = "Hi, we need 500 bathroom mirrors with our own design and logo, budget 20000 USD, delivery in 60 days"
	dmBody := withEvent(t, readFixture(t, "event_callback-message_im.json"), map[string]any{"text": dmText})
	h.event(dmBody, nil)
	post := fake.waitCalls("chat.postMessage", 1)[0]
	first := firstLine(post)
	hb, ok := blocksOf(t, post).BlockSet[0].(*slackapi.HeaderBlock)
	if !ok || hb.Text.Text != first {
		t.Errorf("header block %#v does not match the fallback first line %q", blocksOf(t, post).BlockSet[0], first)
	}
	verdict := eng.Analyze(dmText, time.Now()).Model
	if want := eng.Label("en", "verdict_"+string(verdict)); first != want {
		t.Errorf("reply first line = %q, want the %s verdict %q", first, verdict, want)
	}

	// Slack retries it: acknowledged, not answered again.
	h.event(dmBody, http.Header{"X-Slack-Retry-Num": {"1"}})
	if posts := h.sentinel(); len(posts) != 2 {
		t.Errorf("posts = %d, want 2 (the DM once, the sentinel)", len(posts))
	}
	// The worker answers in order: the sentinel's reply means the DM's
	// reply was queued (and its event done).
	if ev, err := st.Event(ctx, bot.PlatformSlack, "msg:D024BE91L:1355517523.000005"); err != nil || ev.State != bot.EventDelivered {
		t.Errorf("stored DM event state = %q, %v; want delivered", ev.State, err)
	}

	// A Telegram inquiry gets a lead card, posted once, then edited.
	tg := bot.Message{Platform: bot.PlatformTelegram, EventID: "tg-1", ChatID: "777", UserID: "777",
		UserName: "Dewi Lestari", UserHandle: "dewi_mirrors", Text: "We need 300 mirrors in your catalogue design"}
	reply, err := core.Handle(ctx, tg)
	if err != nil {
		t.Fatal(err)
	}
	card := fake.waitFor("the lead card", func(calls []apiCall, _ []string) bool {
		for _, c := range only(calls, "chat.postMessage") {
			if c.Form.Get("channel") == "CSALES" {
				return true
			}
		}
		return false
	})
	var cardPost apiCall
	for _, c := range only(card, "chat.postMessage") {
		if c.Form.Get("channel") == "CSALES" {
			cardPost = c
		}
	}
	for _, w := range []string{"Dewi Lestari (@dewi_mirrors)", "Channel: Telegram", "&gt; We need 300 mirrors"} {
		if !strings.Contains(cardPost.Form.Get("text"), w) {
			t.Errorf("lead card lacks %q:\n%s", w, cardPost.Form.Get("text"))
		}
	}
	tg2 := tg
	tg2.EventID, tg2.Text = "tg-2", "budget 3000 USD"
	if _, err := core.Handle(ctx, tg2); err != nil {
		t.Fatal(err)
	}
	fake.waitCalls("chat.update", 1)

	// Claim and Override from the card.
	id := strconv.FormatInt(reply.InquiryID, 10)
	for _, act := range []string{"claim", "override_CM"} {
		if code, body := h.do(request{path: "/slack/interactive", contentType: "application/x-www-form-urlencoded",
			body: interaction(t, act, id)}); code != 200 {
			t.Fatalf("%s = %d %q", act, code, body)
		}
	}
	updates := fake.waitFor("claim and override on the card", func(calls []apiCall, _ []string) bool {
		for _, c := range only(calls, "chat.update") {
			if strings.Contains(c.Form.Get("text"), "Override: CM by jtorrance") && strings.Contains(c.Form.Get("text"), "claimed by jtorrance") {
				return true
			}
		}
		return false
	})
	n := 0
	for _, c := range only(updates, "chat.postMessage") {
		if c.Form.Get("channel") == "CSALES" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("lead card posted %d times, want once", n)
	}
	ref, err := st.LeadCard(ctx, reply.InquiryID)
	if err != nil || ref.Channel != "CSALES" || ref.MessageID == "" {
		t.Fatalf("stored lead card = %+v, %v", ref, err)
	}
	for _, c := range only(updates, "chat.update") {
		if c.Form.Get("channel") != ref.Channel || c.Form.Get("ts") != ref.MessageID {
			t.Errorf("card update at %s/%s, want the posted card %+v", c.Form.Get("channel"), c.Form.Get("ts"), ref)
		}
	}
	in, err := st.Inquiry(ctx, reply.InquiryID)
	if err != nil || in.Assignee != "jtorrance" || in.Override != triage.CM {
		t.Errorf("stored inquiry = %+v, %v; want assignee jtorrance and override CM", in, err)
	}
}
