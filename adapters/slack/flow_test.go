package slack

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/triage"
)

// withEvent returns the fixture with fields of its inner event (and, with
// key "event_id", the outer id) replaced; nil values delete the field.
func withEvent(t *testing.T, fixture []byte, set map[string]any) []byte {
	t.Helper()
	var outer map[string]any
	if err := json.Unmarshal(fixture, &outer); err != nil {
		t.Fatal(err)
	}
	inner := outer["event"].(map[string]any)
	for k, v := range set {
		target := inner
		if k == "event_id" {
			target = outer
		}
		if v == nil {
			delete(target, k)
		} else {
			target[k] = v
		}
	}
	b, err := json.Marshal(outer)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// dm is a DM event with its own ts and text.
func dm(t *testing.T, ts, text string) []byte {
	return withEvent(t, readFixture(t, "event_callback-message_im.json"),
		map[string]any{"ts": ts, "event_ts": ts, "text": text, "event_id": "Ev" + strings.ReplaceAll(ts, ".", "")})
}

// sentinelTS is the ts of the DM that tests send last: workers answer in
// order, so once its reply is posted every earlier event was dealt with.
const sentinelTS = "1355517600.000001"

// sentinel posts the sentinel DM and returns all posts once its reply is in.
func (h *harness) sentinel() []apiCall {
	h.t.Helper()
	h.event(withEvent(h.t, readFixture(h.t, "event_callback-message_im.json"), map[string]any{
		"channel": "D0SENTINEL", "ts": sentinelTS, "text": "sentinel", "event_id": "EvSentinel"}), nil)
	calls := h.slack.waitFor("the sentinel's reply", func(calls []apiCall, _ []string) bool {
		for _, c := range only(calls, "chat.postMessage") {
			if c.Form.Get("channel") == "D0SENTINEL" {
				return true
			}
		}
		return false
	})
	return only(calls, "chat.postMessage")
}

// firstLine is the first line of a posted message's fallback text.
func firstLine(c apiCall) string {
	l, _, _ := strings.Cut(c.Form.Get("text"), "\n")
	return l
}

// blocksOf decodes the posted blocks.
func blocksOf(t *testing.T, c apiCall) slackapi.Blocks {
	t.Helper()
	var b slackapi.Blocks
	if err := json.Unmarshal([]byte(c.Form.Get("blocks")), &b); err != nil {
		t.Fatalf("blocks of %s: %v", c.Method, err)
	}
	return b
}

func TestSignature(t *testing.T) {
	h := newHarness(t, ModeEvents, nil)
	body := readFixture(t, "event_callback-message_im.json")
	tests := []struct {
		name string
		req  request
		want int
	}{
		{"wrong secret", request{secret: "not-the-secret"}, http.StatusUnauthorized},
		{"stale timestamp", request{at: time.Now().Add(-6 * time.Minute)}, http.StatusUnauthorized},
		{"future timestamp", request{at: time.Now().Add(6 * time.Minute)}, http.StatusUnauthorized},
		{"missing signature", request{unsigned: true}, http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.req.path, tt.req.body = "/slack/events", body
			if code, _ := h.do(tt.req); code != tt.want {
				t.Errorf("POST /slack/events (%s) = %d, want %d", tt.name, code, tt.want)
			}
			for _, path := range []string{"/slack/commands", "/slack/interactive"} {
				tt.req.path = path
				if code, _ := h.do(tt.req); code != tt.want {
					t.Errorf("POST %s (%s) = %d, want %d", path, tt.name, code, tt.want)
				}
			}
		})
	}
	t.Run("tampered body", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodPost, h.srv.URL+"/slack/events", strings.NewReader(string(body)+" "))
		ts := time.Now().Unix()
		req.Header.Set("X-Slack-Request-Timestamp", itoa(ts))
		req.Header.Set("X-Slack-Signature", sign(testSecret, itoa(ts), body))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("tampered body = %d, want 401", resp.StatusCode)
		}
	})
	if accepts, _, _, _ := h.core.snapshot(); len(accepts) != 0 {
		t.Errorf("rejected requests reached the core: %d accepted", len(accepts))
	}
	// A valid signature over the same body is processed.
	h.event(body, nil)
	h.slack.waitCalls("chat.postMessage", 1)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestBadRequests(t *testing.T) {
	h := newHarness(t, ModeEvents, nil)
	tests := []struct {
		name string
		req  request
		want int
	}{
		{"url_verification", request{path: "/slack/events", body: readFixture(t, "url_verification.json")}, http.StatusOK},
		{"malformed json", request{path: "/slack/events", body: []byte(`{"type":`)}, http.StatusBadRequest},
		{"unknown outer type", request{path: "/slack/events", body: []byte(`{"type":"no_such_thing"}`)}, http.StatusOK},
		{"unsupported inner event", request{path: "/slack/events", body: []byte(`{"type":"event_callback","event_id":"Ev1","event":{"type":"future_event"}}`)}, http.StatusOK},
		{"too large", request{path: "/slack/events", body: []byte(`{"type":"event_callback","x":"` + strings.Repeat("a", DefaultMaxBodyBytes) + `"}`)}, http.StatusRequestEntityTooLarge},
		{"malformed command", request{path: "/slack/commands", contentType: "application/x-www-form-urlencoded", body: []byte("text=hi")}, http.StatusBadRequest},
		{"malformed interaction", request{path: "/slack/interactive", contentType: "application/x-www-form-urlencoded", body: []byte("payload=%7Bnot-json")}, http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code, body := h.do(tt.req); code != tt.want {
				t.Errorf("%s = %d %q, want %d", tt.name, code, body, tt.want)
			}
		})
	}
}

func TestURLVerification(t *testing.T) {
	h := newHarness(t, ModeEvents, nil)
	req, _ := http.NewRequest(http.MethodPost, h.srv.URL+"/slack/events", strings.NewReader(string(readFixture(t, "url_verification.json"))))
	ts := itoa(time.Now().Unix())
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", sign(testSecret, ts, readFixture(t, "url_verification.json")))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || string(b) != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
		t.Errorf("url_verification = %d %q, want 200 with the challenge", resp.StatusCode, b)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("Content-Type = %q, want text/plain", ct)
	}
}

func TestDirectMessage(t *testing.T) {
	h := newHarness(t, ModeEvents, nil)
	// The reply is held back until the event is acknowledged: the
	// acknowledgement never waits for triage or Slack's Web API.
	release := h.hold(func(c apiCall) bool { return c.Method == "chat.postMessage" })
	h.event(readFixture(t, "event_callback-message_im.json"), nil)
	release()
	post := h.slack.waitCalls("chat.postMessage", 1)[0]
	if got := post.Form.Get("channel"); got != "D024BE91L" {
		t.Errorf("reply channel = %q, want D024BE91L", got)
	}
	if got := post.Form.Get("thread_ts"); got != "" {
		t.Errorf("DM reply thread_ts = %q, want none (a DM is one conversation)", got)
	}
	if got := firstLine(post); got != sampleReplyFor(bot.Message{}).Headline {
		t.Errorf("fallback first line = %q, want the headline", got)
	}
	blocks := blocksOf(t, post)
	if hb, ok := blocks.BlockSet[0].(*slackapi.HeaderBlock); !ok || !strings.HasPrefix(hb.Text.Text, "ODM") {
		t.Errorf("first block = %#v, want a header starting with the model", blocks.BlockSet[0])
	}
	waitDelivered(t, h, 1)
	_, handled, _, _ := h.core.snapshot()
	want := bot.Message{Platform: "slack", EventID: "msg:D024BE91L:1355517523.000005", ChatID: "D024BE91L",
		UserID: "U2147483697", UserName: "Name U2147483697", UserHandle: "handle-u2147483697", Language: "en-US",
		Text: "Hello hello can you hear me?", SentAt: time.Unix(1355517523, 5000).UTC()}
	if len(handled) != 1 || handled[0] != want {
		t.Errorf("core handled %+v, want %+v", handled, want)
	}
}

// waitDelivered waits until the core was told of n deliveries.
func waitDelivered(t *testing.T, h *harness, n int) []string {
	t.Helper()
	var delivered []string
	h.core.waitFor(t, fmt.Sprintf("%d deliveries", n), func(c *fakeCore) bool {
		delivered = append([]string(nil), c.delivered...)
		return len(c.delivered) >= n
	})
	return delivered
}

func TestDirectMessagesAreOneConversation(t *testing.T) {
	h := newHarness(t, ModeEvents, nil)
	h.event(readFixture(t, "event_callback-message_im.json"), nil)
	h.event(dm(t, "1355517600.000002", "2000 units"), nil) // a later DM
	inThread := withEvent(t, readFixture(t, "event_callback-message_im.json"), map[string]any{
		"ts": "1355517700.000003", "thread_ts": "1355517523.000005", "text": "budget 5000 USD", "event_id": "EvThread"})
	h.event(inThread, nil) // a reply in the first DM's thread
	posts := h.slack.waitCalls("chat.postMessage", 3)
	waitDelivered(t, h, 3)
	_, handled, _, _ := h.core.snapshot()
	for i, m := range handled {
		if m.ChatID != "D024BE91L" {
			t.Errorf("DM %d in conversation %q, want D024BE91L", i, m.ChatID)
		}
	}
	for i, want := range []string{"", "", "1355517523.000005"} {
		if got := posts[i].Form.Get("thread_ts"); got != want {
			t.Errorf("reply %d thread_ts = %q, want %q (where the message was)", i, got, want)
		}
	}
	if handled[2].EventID != "msg:D024BE91L:1355517700.000003:1355517523.000005" {
		t.Errorf("threaded DM id = %q", handled[2].EventID)
	}
}

func TestMentionAnsweredOnceInThread(t *testing.T) {
	h := newHarness(t, ModeEvents, nil)
	mention := readFixture(t, "event_callback-app_mention.json")
	h.event(mention, nil)
	// Slack also delivers the same message as message.channels, with
	// another event_id: it is the same message and gets no second reply.
	asMessage := withEvent(t, mention, map[string]any{"type": "message", "channel_type": "channel", "event_id": "Ev999"})
	h.event(asMessage, nil)
	posts := h.sentinel()
	if len(posts) != 2 {
		t.Fatalf("posts = %d, want 2 (mention once, sentinel)", len(posts))
	}
	if c, ts := posts[0].Form.Get("channel"), posts[0].Form.Get("thread_ts"); c != "C123ABC456" || ts != "1515449522.000016" {
		t.Errorf("mention reply at %s/%s, want C123ABC456 in thread 1515449522.000016", c, ts)
	}
	_, handled, _, _ := h.core.snapshot()
	if got := handled[0]; got.ChatID != "C123ABC456/1515449522.000016" || got.Text != "is it everything a river should be?" {
		t.Errorf("mention message = %+v, want chat C123ABC456/1515449522.000016 and the text without the mention", got)
	}
}

func TestThreadFollowUpContinuesConversation(t *testing.T) {
	h := newHarness(t, ModeEvents, nil)
	reply := readFixture(t, "event_callback-message_thread_reply.json")
	// The thread starts with a mention at the thread's root.
	root := withEvent(t, readFixture(t, "event_callback-app_mention.json"), map[string]any{
		"channel": "C024BE91L", "ts": "1482960137.003543", "user": "U2222222", "event_id": "EvRoot"})
	// The answer to the root is held back: follow-ups that come before it
	// are read all the same.
	release := h.hold(func(c apiCall) bool {
		return c.Method == "chat.postMessage" && c.Form.Get("thread_ts") == "1482960137.003543"
	})
	h.event(root, nil)

	h.event(reply, nil) // the fixture: a reply in that thread mentioning the bot
	noMention := withEvent(t, reply, map[string]any{"text": "2000 units please", "ts": "1483037700.000001", "event_id": "EvNoMention"})
	h.event(noMention, nil) // a reply without a mention in a thread the bot answered in
	stranger := withEvent(t, reply, map[string]any{"text": "lunch?", "ts": "1483037800.000001",
		"thread_ts": "1400000000.000001", "event_id": "EvOther"})
	h.event(stranger, nil) // a thread the bot is not in: ignored
	release()
	posts := h.sentinel()
	if len(posts) != 4 {
		t.Fatalf("posts = %d, want 4 (root, two follow-ups, sentinel)", len(posts))
	}
	_, handled, _, _ := h.core.snapshot()
	for i := range 3 {
		if handled[i].ChatID != "C024BE91L/1482960137.003543" || handled[i].UserID != "U2222222" {
			t.Errorf("message %d in conversation %s of %s, want C024BE91L/1482960137.003543 of U2222222", i, handled[i].ChatID, handled[i].UserID)
		}
		if ts := posts[i].Form.Get("thread_ts"); ts != "1482960137.003543" {
			t.Errorf("reply %d thread_ts = %q, want 1482960137.003543", i, ts)
		}
	}
	if handled[1].Text != "any update on this?" || handled[2].Text != "2000 units please" {
		t.Errorf("follow-up texts = %q, %q", handled[1].Text, handled[2].Text)
	}
}

func TestThreadFollowUpAfterRestart(t *testing.T) {
	h := newHarness(t, ModeEvents, nil) // remembers no thread
	h.slack.mu.Lock()
	h.slack.replies["C024BE91L/1482960137.003543"] = []map[string]any{
		{"type": "message", "user": "U2222222", "text": "<@U0LAN0Z89> 500 mirrors", "ts": "1482960137.003543"},
		{"type": "message", "user": "U0LAN0Z89", "bot_id": "B0LAN0Z89", "text": "ODM…", "ts": "1482960140.000100", "thread_ts": "1482960137.003543"},
	}
	h.slack.replies["CSALES/1482960137.003543"] = h.slack.replies["C024BE91L/1482960137.003543"]
	h.slack.mu.Unlock()
	reply := readFixture(t, "event_callback-message_thread_reply.json")
	h.event(withEvent(t, reply, map[string]any{"text": "2000 units please"}), nil)
	h.event(withEvent(t, reply, map[string]any{"text": "same thread, again", "ts": "1483037700.000001", "event_id": "Ev2"}), nil)
	h.event(withEvent(t, reply, map[string]any{"text": "lunch?", "thread_ts": "1400000000.000001", "ts": "1483037800.000001", "event_id": "Ev3"}), nil)
	h.event(withEvent(t, reply, map[string]any{"text": "nice lead", "channel": "CSALES", "ts": "1483037900.000001", "event_id": "Ev4"}), nil)
	posts := h.sentinel()
	if len(posts) != 3 {
		t.Fatalf("posts = %d, want 3 (two follow-ups in the bot's thread, the sentinel)", len(posts))
	}
	if posts[0].Form.Get("thread_ts") != "1482960137.003543" {
		t.Errorf("follow-up answered at %v", posts[0].Form)
	}
	if n := len(h.slack.snapshot("conversations.replies")); n != 2 {
		t.Errorf("conversations.replies calls = %d, want 2 (once per thread, the sales channel not asked)", n)
	}
}

func TestIgnoredMessages(t *testing.T) {
	h := newHarness(t, ModeEvents, nil)
	for _, f := range []string{
		"event_callback-message_bot_message.json",
		"event_callback-message_from_own_bot_no_subtype.json",
		"event_callback-message_changed.json",
	} {
		h.event(readFixture(t, f), nil)
	}
	chatter := withEvent(t, readFixture(t, "event_callback-app_mention.json"),
		map[string]any{"type": "message", "text": "no mention here", "channel_type": "channel", "event_id": "EvChat"})
	h.event(chatter, nil)
	join := withEvent(t, readFixture(t, "event_callback-message_im.json"),
		map[string]any{"subtype": "channel_join", "event_id": "EvJoin"})
	h.event(join, nil)
	// Our own message and another bot's, where a user's would be answered
	// (a DM), must still be ignored.
	own := readFixture(t, "event_callback-message_from_own_bot_no_subtype.json")
	h.event(withEvent(t, own, map[string]any{"channel_type": "im", "channel": "D0OWN", "event_id": "EvOwnIM"}), nil)
	h.event(withEvent(t, own, map[string]any{"channel_type": "im", "channel": "D0OWN", "bot_id": nil, "app_id": nil,
		"ts": "1515449600.000200", "event_id": "EvOwnUser"}), nil)
	h.event(withEvent(t, own, map[string]any{"channel_type": "im", "channel": "D0OWN", "user": "U0OTHER",
		"ts": "1515449600.000300", "event_id": "EvOtherBot"}), nil)
	if accepts, _, _, _ := h.core.snapshot(); len(accepts) != 0 {
		t.Errorf("ignored messages reached the core: %+v", accepts)
	}
	if posts := h.sentinel(); len(posts) != 1 {
		t.Errorf("posts = %d, want only the sentinel's", len(posts))
	}
}

func TestRetriedEventAnsweredOnce(t *testing.T) {
	h := newHarness(t, ModeEvents, nil)
	body := readFixture(t, "event_callback-message_im.json")
	h.event(body, nil)
	h.slack.waitCalls("chat.postMessage", 1)
	waitDelivered(t, h, 1)
	h.event(body, http.Header{"X-Slack-Retry-Num": {"1"}, "X-Slack-Retry-Reason": {"http_timeout"}})
	h.event(body, http.Header{"X-Slack-Retry-Num": {"2"}, "X-Slack-Retry-Reason": {"http_timeout"}})
	posts := h.sentinel()
	if len(posts) != 2 {
		t.Errorf("posts = %d, want 2 (the event once, the sentinel)", len(posts))
	}
	accepts, handled, _, _ := h.core.snapshot()
	if len(accepts) != 4 || len(handled) != 2 {
		t.Errorf("accepted %d, handled %d; want 4 accepted (3 deliveries + sentinel), 2 handled", len(accepts), len(handled))
	}
}

func TestRateLimitedThenSent(t *testing.T) {
	h := newHarness(t, ModeEvents, nil)
	limited := 0
	h.slack.setHook(func(w http.ResponseWriter, c apiCall) bool {
		if c.Method == "chat.postMessage" && limited == 0 {
			limited++
			w.Header().Set("Retry-After", "7")
			w.WriteHeader(http.StatusTooManyRequests)
			return true
		}
		return false
	})
	h.event(readFixture(t, "event_callback-message_im.json"), nil)
	posts := h.slack.waitCalls("chat.postMessage", 2)
	waitDelivered(t, h, 1)
	if len(posts) != 2 {
		t.Errorf("chat.postMessage calls = %d, want 2 (429, then success)", len(posts))
	}
	if sleeps := h.waitSleeps(); len(sleeps) != 1 || sleeps[0] != 7*time.Second {
		t.Errorf("retry waits = %v, want [7s] from Retry-After", sleeps)
	}
}

func TestRefusedReplyGivesUp(t *testing.T) {
	h := newHarness(t, ModeEvents, nil)
	h.slack.setHook(func(w http.ResponseWriter, c apiCall) bool {
		if c.Method == "chat.postMessage" && c.Form.Get("channel") == "D024BE91L" {
			_ = json.NewEncoder(w).Encode(map[string]any{"ok": false, "error": "channel_not_found"})
			return true
		}
		return false
	})
	h.event(readFixture(t, "event_callback-message_im.json"), nil)
	waitDelivered(t, h, 1) // given up for good, so recovery does not retry it forever
	if posts := h.slack.snapshot("chat.postMessage"); len(posts) != 1 {
		t.Errorf("chat.postMessage calls = %d, want 1 (a refusal is not retried)", len(posts))
	}
	// The dispatcher logs and counts what Send returns: a final error with
	// Slack's code, and neither the text nor a secret.
	msg := bot.Message{Platform: bot.PlatformSlack, EventID: "msg:D024BE91L:1.2", ChatID: "D024BE91L", UserID: "U1", Text: "Hello hello"}
	reply := sampleReplyFor(msg)
	_, err := h.a.Send(h.ctx, bot.Outgoing{Platform: bot.PlatformSlack, Target: "D024BE91L", Kind: bot.KindReply,
		Payload: bot.Payload{Message: &msg, Reply: &reply}})
	var re *bot.RetryableError
	if err == nil || errors.As(err, &re) || !strings.Contains(err.Error(), "channel_not_found") {
		t.Errorf("Send to a missing channel = %v, want a final error naming channel_not_found", err)
	}
	for _, secret := range []string{"Hello hello", "xoxb-test", testSecret} {
		if err != nil && strings.Contains(err.Error(), secret) {
			t.Errorf("Send error contains %q: %v", secret, err)
		}
	}
}

func TestSlashCommand(t *testing.T) {
	h := newHarness(t, ModeEvents, nil)
	// The answer is held back until the command is acknowledged: the
	// acknowledgement never waits for triage or the reply.
	release := h.hold(func(c apiCall) bool { return c.Method == "chat.update" })
	code, body := h.do(request{path: "/slack/commands", contentType: "application/x-www-form-urlencoded",
		body: readFixture(t, "slash-command-triage.form.txt")})
	release()
	if code != http.StatusOK || body != "" {
		t.Fatalf("/triage = %d %q, want an empty 200", code, body)
	}
	placeholder := h.slack.waitCalls("chat.postMessage", 1)[0]
	if placeholder.Form.Get("channel") != "C2147483705" {
		t.Errorf("placeholder channel = %q, want C2147483705", placeholder.Form.Get("channel"))
	}
	upd := h.slack.waitCalls("chat.update", 1)[0]
	ts := "1700000001.000100"
	if upd.Form.Get("channel") != "C2147483705" || upd.Form.Get("ts") != ts {
		t.Errorf("answer updated %s/%s, want the placeholder C2147483705/%s", upd.Form.Get("channel"), upd.Form.Get("ts"), ts)
	}
	if got := firstLine(upd); !strings.HasPrefix(got, "ODM") {
		t.Errorf("answer first line = %q, want the verdict", got)
	}
	waitDelivered(t, h, 1)
	_, handled, _, _ := h.core.snapshot()
	want := bot.Message{Platform: "slack", EventID: "cmd:13345224609.738474920.8088930838d88f008e0",
		ChatID: "C2147483705/" + ts, UserID: "U2147483697", UserName: "Name U2147483697", UserHandle: "Steve", Language: "en-US",
		Text: "P1 checkout is returning 500s"}
	if handled[0] != want {
		t.Errorf("command message = %+v, want %+v", handled[0], want)
	}

	// A reply in the answer's thread, without a mention, continues it.
	follow := withEvent(t, readFixture(t, "event_callback-message_thread_reply.json"), map[string]any{
		"channel": "C2147483705", "user": "U2147483697", "text": "about 2000 units", "thread_ts": ts,
		"parent_user_id": "U0LAN0Z89", "event_id": "EvFollow"})
	h.event(follow, nil)
	post := h.slack.waitCalls("chat.postMessage", 2)[1]
	if post.Form.Get("thread_ts") != ts {
		t.Errorf("follow-up answered in thread %q, want %q", post.Form.Get("thread_ts"), ts)
	}
	waitDelivered(t, h, 2)
	_, handled, _, _ = h.core.snapshot()
	if handled[1].ChatID != want.ChatID {
		t.Errorf("follow-up conversation = %q, want %q", handled[1].ChatID, want.ChatID)
	}
}

func TestSlashCommandPlaceholderTimesOut(t *testing.T) {
	h := newHarness(t, ModeEvents, nil)
	h.a.ackBudget = 20 * time.Millisecond
	first := true
	h.slack.setHook(func(w http.ResponseWriter, c apiCall) bool {
		if c.Method == "chat.postMessage" && first {
			first = false
			<-c.ctx.Done() // Slack hangs; the client gives up at the budget
			return true
		}
		return false
	})
	code, body := h.do(request{path: "/slack/commands", contentType: "application/x-www-form-urlencoded",
		body: readFixture(t, "slash-command-triage.form.txt")})
	if code != http.StatusOK || !strings.Contains(body, `"response_type":"ephemeral"`) || !strings.Contains(body, "could not post") {
		t.Fatalf("/triage = %d %q, want 200 with an ephemeral notice", code, body)
	}
	post := h.slack.waitCalls("chat.postMessage", 2)[1]
	if post.Form.Get("channel") != "C2147483705" || post.Form.Get("thread_ts") != "" || !strings.HasPrefix(firstLine(post), "ODM") {
		t.Errorf("answer without a placeholder = %v, want a top-level post with the verdict", post.Form)
	}
	waitDelivered(t, h, 1)
	if _, handled, _, _ := h.core.snapshot(); handled[0].ChatID != "C2147483705" {
		t.Errorf("conversation = %q, want the channel alone", handled[0].ChatID)
	}
}

// interaction is the fixture's block_actions payload with one action
// replaced, form-encoded as Slack sends it.
func interaction(t *testing.T, actionID, value string) []byte {
	t.Helper()
	var p map[string]any
	if err := json.Unmarshal(readFixture(t, "interactive-block_actions-button.payload.json"), &p); err != nil {
		t.Fatal(err)
	}
	act := p["actions"].([]any)[0].(map[string]any)
	act["action_id"], act["value"] = actionID, value
	b, _ := json.Marshal(p)
	return []byte("payload=" + url.QueryEscape(string(b)))
}

func TestAnswerButton(t *testing.T) {
	h := newHarness(t, ModeEvents, nil)
	h.event(readFixture(t, "event_callback-app_mention.json"), nil)
	post := h.slack.waitCalls("chat.postMessage", 1)[0]
	waitDelivered(t, h, 1)
	var button *slackapi.ButtonBlockElement
	for _, b := range blocksOf(t, post).BlockSet {
		if ab, ok := b.(*slackapi.ActionBlock); ok {
			button = ab.Elements.ElementSet[1].(*slackapi.ButtonBlockElement)
		}
	}
	if button == nil {
		t.Fatal("reply has no answer buttons")
	}
	form := interaction(t, button.ActionID, button.Value)
	if code, body := h.do(request{path: "/slack/interactive", contentType: "application/x-www-form-urlencoded", body: form}); code != 200 {
		t.Fatalf("click = %d %q", code, body)
	}
	reply := h.slack.waitCalls("chat.postMessage", 2)[1]
	if reply.Form.Get("channel") != "C123ABC456" || reply.Form.Get("thread_ts") != "1515449522.000016" {
		t.Errorf("answer reply at %s/%s, want the mention's thread", reply.Form.Get("channel"), reply.Form.Get("thread_ts"))
	}
	waitDelivered(t, h, 2)
	_, handled, _, _ := h.core.snapshot()
	got := handled[1]
	if got.AnswerTo != triage.CueLeadTime || got.Text != "in 60–90 days" || got.ChatID != "C123ABC456/1515449522.000016" ||
		got.UserID != "U061F7AUR" || got.EventID != "act:12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3" {
		t.Errorf("click message = %+v", got)
	}
}

func TestLeadButtons(t *testing.T) {
	h := newHarness(t, ModeEvents, nil)
	for _, c := range []struct{ action, value string }{
		{"claim", "42"}, {"override_CM", "42"}, {"WaXA", "click_me_123"}, {"claim", "not-a-number"},
	} {
		form := interaction(t, c.action, c.value)
		if code, body := h.do(request{path: "/slack/interactive", contentType: "application/x-www-form-urlencoded", body: form}); code != 200 {
			t.Errorf("%s click = %d %q, want 200", c.action, code, body)
		}
	}
	_, _, _, claims := h.core.snapshot()
	want := []string{"claim 42 jtorrance", "override 42 CM jtorrance"}
	if strings.Join(claims, "|") != strings.Join(want, "|") {
		t.Errorf("core lead actions = %q, want %q", claims, want)
	}
}

func TestPublishLeadPostsOnceThenUpdates(t *testing.T) {
	h := newHarness(t, ModeEvents, nil)
	in := sampleInquiry()
	ref, err := h.a.PublishLead(h.ctx, in, bot.CardRef{})
	if err != nil {
		t.Fatalf("PublishLead: %v", err)
	}
	if ref.Channel != "CSALES" || ref.MessageID == "" {
		t.Fatalf("card ref = %+v, want CSALES and a ts", ref)
	}
	in.Assignee = "jtorrance"
	ref2, err := h.a.PublishLead(h.ctx, in, ref)
	if err != nil || ref2 != ref {
		t.Fatalf("PublishLead update = %+v, %v; want the same ref", ref2, err)
	}
	posts, updates := h.slack.snapshot("chat.postMessage"), h.slack.snapshot("chat.update")
	if len(posts) != 1 || len(updates) != 1 {
		t.Fatalf("posts %d, updates %d; want 1 and 1", len(posts), len(updates))
	}
	if updates[0].Form.Get("channel") != ref.Channel || updates[0].Form.Get("ts") != ref.MessageID {
		t.Errorf("update at %s/%s, want %+v", updates[0].Form.Get("channel"), updates[0].Form.Get("ts"), ref)
	}
	if !strings.Contains(updates[0].Form.Get("text"), "claimed by jtorrance") {
		t.Errorf("updated card lacks the assignee: %q", updates[0].Form.Get("text"))
	}
	for _, w := range []string{"Dewi Lestari (@dewi_mirrors)", "Channel: Telegram", "&gt; Hi! We need 500"} {
		if !strings.Contains(posts[0].Form.Get("text"), w) {
			t.Errorf("card text lacks %q: %q", w, posts[0].Form.Get("text"))
		}
	}
}

func TestSocketMode(t *testing.T) {
	h := newHarness(t, ModeSocket, nil)
	h.slack.frames <- readFixture(t, "socketmode-events_api-message_im.json")
	calls := h.slack.waitFor("ack and reply", func(calls []apiCall, acks []string) bool {
		return len(acks) > 0 && len(only(calls, "chat.postMessage")) > 0
	})
	open := only(calls, "apps.connections.open")
	if len(open) == 0 || open[0].Auth != "Bearer xapp-test" {
		t.Errorf("apps.connections.open = %+v, want a call with the app token", open)
	}
	h.slack.mu.Lock()
	acks := append([]string(nil), h.slack.acks...)
	h.slack.mu.Unlock()
	if acks[0] != "dbdd0ef3-1543-4f94-bfb4-133d0e6c1545" {
		t.Errorf("ack = %q, want the envelope id", acks[0])
	}
	post := only(calls, "chat.postMessage")[0]
	if post.Form.Get("channel") != "D024BE91L" || !strings.HasPrefix(firstLine(post), "ODM") {
		t.Errorf("socket mode reply = %v", post.Form)
	}
	// The same envelope again (a redelivery) is acknowledged and not answered twice.
	h.slack.frames <- readFixture(t, "socketmode-events_api-message_im.json")
	h.slack.waitFor("second ack", func(_ []apiCall, acks []string) bool { return len(acks) >= 2 })
	accepts, _, _, _ := h.core.snapshot()
	if len(accepts) != 2 {
		t.Errorf("accepted %d, want 2 deliveries of one event", len(accepts))
	}
}

func TestSocketModeUnreadableEnvelopeAcked(t *testing.T) {
	h := newHarness(t, ModeSocket, nil)
	h.slack.frames <- []byte(`{"envelope_id":"env-bad","type":"events_api","payload":{"type":"event_callback","event":{"type":"future_event"}}}`)
	h.slack.frames <- readFixture(t, "socketmode-events_api-message_im.json")
	h.slack.waitFor("both acks", func(_ []apiCall, acks []string) bool { return len(acks) >= 2 })
	h.slack.mu.Lock()
	acks := strings.Join(slices.Sorted(slices.Values(h.slack.acks)), ",")
	h.slack.mu.Unlock()
	if acks != "dbdd0ef3-1543-4f94-bfb4-133d0e6c1545,env-bad" {
		t.Errorf("acks = %s, want the unreadable envelope acknowledged too", acks)
	}
}

func TestSocketModeCommandAndClick(t *testing.T) {
	h := newHarness(t, ModeSocket, nil)
	slash, _ := json.Marshal(map[string]any{
		"envelope_id": "env-slash", "type": "slash_commands", "accepts_response_payload": true,
		"payload": map[string]any{"command": "/triage", "text": "500 mirrors, our design", "channel_id": "C2147483705",
			"user_id": "U2147483697", "user_name": "Steve", "trigger_id": "trig-1", "response_url": "https://hooks.example/1"},
	})
	h.slack.frames <- slash
	upd := h.slack.waitCalls("chat.update", 1)[0]
	if upd.Form.Get("channel") != "C2147483705" || !strings.HasPrefix(firstLine(upd), "ODM") {
		t.Errorf("socket /triage answer = %v", upd.Form)
	}
	var payload map[string]any
	_ = json.Unmarshal(readFixture(t, "interactive-block_actions-button.payload.json"), &payload)
	act := payload["actions"].([]any)[0].(map[string]any)
	act["action_id"], act["value"] = "claim", "42"
	click, _ := json.Marshal(map[string]any{"envelope_id": "env-click", "type": "interactive", "payload": payload})
	h.slack.frames <- click
	h.slack.waitFor("both acks", func(_ []apiCall, acks []string) bool { return len(acks) >= 2 })
	h.slack.mu.Lock()
	acks := slices.Sorted(slices.Values(h.slack.acks))
	h.slack.mu.Unlock()
	if strings.Join(acks, ",") != "env-click,env-slash" {
		t.Errorf("acks = %s, want env-click and env-slash", acks)
	}
	if _, _, _, claims := h.core.snapshot(); len(claims) != 1 || claims[0] != "claim 42 jtorrance" {
		t.Errorf("claims = %q, want the click's claim", claims)
	}
}

func TestSocketModeInvalidTokenStopsRun(t *testing.T) {
	fake := newFakeSlack(t)
	fake.setHook(func(w http.ResponseWriter, c apiCall) bool {
		if c.Method == "apps.connections.open" {
			_ = json.NewEncoder(w).Encode(map[string]any{"ok": false, "error": "invalid_auth"})
			return true
		}
		return false
	})
	a, err := New(Config{APIURL: fake.URL(), Mode: ModeSocket, BotToken: "xoxb-test", AppToken: "xapp-bad"}, newFakeCore(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- a.Run(t.Context()) }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "invalid_auth") {
			t.Errorf("Run = %v, want an error naming invalid_auth", err)
		}
	case <-time.After(waitTimeout):
		t.Fatal("Run kept going with an invalid app token")
	}
}

func TestNewValidates(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"no bot token", Config{SigningSecret: "s"}, "SLACK_BOT_TOKEN"},
		{"events without secret", Config{BotToken: "x"}, "SLACK_SIGNING_SECRET"},
		{"socket without app token", Config{BotToken: "x", Mode: ModeSocket}, "SLACK_APP_TOKEN"},
		{"unknown mode", Config{BotToken: "x", Mode: "rtm"}, "slack.mode"},
	}
	for _, tt := range tests {
		if _, err := New(tt.cfg, newFakeCore(), nil, nil); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("New(%s) = %v, want an error naming %s", tt.name, err, tt.want)
		}
	}
	if _, err := New(Config{BotToken: "x", SigningSecret: "s"}, nil, nil, nil); err == nil {
		t.Errorf("New without a core succeeded")
	}
	a, err := New(Config{BotToken: "x", SigningSecret: "s", APIURL: "http://127.0.0.1:1/api"}, newFakeCore(), nil, nil)
	if err != nil || a.cfg.APIURL != "http://127.0.0.1:1/api/" || a.cfg.MaxBodyBytes != DefaultMaxBodyBytes || a.cfg.Mode != ModeEvents {
		t.Errorf("New defaults: %+v, %v", a.cfg, err)
	}
}

func TestSocketModeReconnectsOnDisconnect(t *testing.T) {
	h := newHarness(t, ModeSocket, nil)
	h.slack.waitConns(1)
	h.slack.frames <- readFixture(t, "socketmode-disconnect.json")
	h.slack.waitConns(2)
	h.slack.frames <- readFixture(t, "socketmode-events_api-message_im.json")
	h.slack.waitFor("the ack on the new connection", func(calls []apiCall, acks []string) bool {
		return len(acks) == 1 && len(only(calls, "chat.postMessage")) == 1
	})
}
