package slack

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// waitTimeout bounds every wait in these tests; nothing sleeps.
const waitTimeout = 30 * time.Second

// apiCall is one Web API request the fake received.
type apiCall struct {
	Method string
	Form   url.Values
	Auth   string
	ctx    context.Context // the request's, for hooks that hang
}

// fakeSlack is an httptest server speaking Slack's Web API (auth.test,
// users.info, chat.postMessage, chat.update, apps.connections.open) and
// the Socket Mode WebSocket. It records every call.
type fakeSlack struct {
	t   *testing.T
	srv *httptest.Server

	mu      sync.Mutex
	calls   []apiCall
	changed chan struct{} // closed and replaced whenever something is recorded
	nextTS  int
	acks    []string
	// hook, if set, may answer a call itself (e.g. with a 429) and
	// return true.
	hook func(w http.ResponseWriter, c apiCall) bool

	frames chan []byte // Socket Mode frames to send after hello
	conns  int         // WebSocket connections so far; only the latest sends frames
	// replies are the threads conversations.replies knows, by
	// "channel/thread ts"; others hold only a user's root message.
	replies map[string][]map[string]any
}

func newFakeSlack(t *testing.T) *fakeSlack {
	t.Helper()
	f := &fakeSlack{t: t, changed: make(chan struct{}), nextTS: 1700000000, frames: make(chan []byte, 16),
		replies: map[string][]map[string]any{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// URL is the Web API base URL for slack.OptionAPIURL (trailing slash).
func (f *fakeSlack) URL() string { return f.srv.URL + "/" }

func (f *fakeSlack) setHook(h func(w http.ResponseWriter, c apiCall) bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.hook = h
}

func (f *fakeSlack) record(c apiCall) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, c)
	close(f.changed)
	f.changed = make(chan struct{})
}

func (f *fakeSlack) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/ws" {
		f.serveSocket(w, r)
		return
	}
	method := strings.TrimPrefix(r.URL.Path, "/")
	_ = r.ParseForm()
	c := apiCall{Method: method, Form: r.PostForm, Auth: r.Header.Get("Authorization"), ctx: r.Context()}
	f.record(c)
	f.mu.Lock()
	hook := f.hook
	f.mu.Unlock()
	if hook != nil && hook(w, c) {
		return
	}
	w.Header().Set("Content-Type", "application/json")
	var resp any
	switch method {
	case "auth.test":
		resp = map[string]any{"ok": true, "url": "https://example.slack.com/", "team": "Example",
			"user": "triagebot", "team_id": "T123ABC456", "user_id": "U0LAN0Z89", "bot_id": "B0LAN0Z89"}
	case "users.info":
		id := c.Form.Get("user")
		resp = map[string]any{"ok": true, "user": map[string]any{
			"id": id, "name": "handle-" + strings.ToLower(id), "real_name": "Real " + id, "locale": "en-US",
			"profile": map[string]any{"display_name": "Name " + id, "real_name": "Real " + id},
		}}
	case "chat.postMessage":
		f.mu.Lock()
		f.nextTS++
		ts := fmt.Sprintf("%d.000100", f.nextTS)
		f.mu.Unlock()
		resp = map[string]any{"ok": true, "channel": c.Form.Get("channel"), "ts": ts,
			"message": map[string]any{"type": "message", "text": c.Form.Get("text"), "bot_id": "B0LAN0Z89", "ts": ts}}
	case "chat.update":
		resp = map[string]any{"ok": true, "channel": c.Form.Get("channel"), "ts": c.Form.Get("ts"), "text": c.Form.Get("text")}
	case "chat.postEphemeral":
		resp = map[string]any{"ok": true, "message_ts": "1700000099.000100"}
	case "conversations.replies":
		key := c.Form.Get("channel") + "/" + c.Form.Get("ts")
		f.mu.Lock()
		msgs, ok := f.replies[key]
		f.mu.Unlock()
		if !ok {
			msgs = []map[string]any{{"type": "message", "user": "U123ABC456", "text": "root", "ts": c.Form.Get("ts")}}
		}
		resp = map[string]any{"ok": true, "messages": msgs, "has_more": false}
	case "apps.connections.open":
		resp = map[string]any{"ok": true, "url": "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/ws"}
	default:
		resp = map[string]any{"ok": false, "error": "unknown_method"}
	}
	_ = json.NewEncoder(w).Encode(resp)
}

// serveSocket speaks Socket Mode: hello, then the queued frames, with a
// ping every 20ms so that the client never times out; acks are recorded.
func (f *fakeSlack) serveSocket(w http.ResponseWriter, r *http.Request) {
	up := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	conn, err := up.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	f.mu.Lock()
	f.conns++
	gen := f.conns
	close(f.changed)
	f.changed = make(chan struct{})
	f.mu.Unlock()
	latest := func() bool {
		f.mu.Lock()
		defer f.mu.Unlock()
		return f.conns == gen
	}
	var wmu sync.Mutex
	write := func(typ int, b []byte) error {
		wmu.Lock()
		defer wmu.Unlock()
		if typ == websocket.PingMessage {
			return conn.WriteControl(typ, b, time.Now().Add(time.Second))
		}
		return conn.WriteMessage(typ, b)
	}
	if err := write(websocket.TextMessage, readFixture(f.t, "socketmode-hello.json")); err != nil {
		return
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			_, b, err := conn.ReadMessage()
			if err != nil {
				return
			}
			var ack struct {
				EnvelopeID string `json:"envelope_id"`
			}
			if json.Unmarshal(b, &ack) == nil && ack.EnvelopeID != "" {
				f.mu.Lock()
				f.acks = append(f.acks, ack.EnvelopeID)
				close(f.changed)
				f.changed = make(chan struct{})
				f.mu.Unlock()
			}
		}
	}()
	ping := time.NewTicker(20 * time.Millisecond)
	defer ping.Stop()
	for {
		select {
		case <-done:
			return
		case <-r.Context().Done():
			return
		case b := <-f.frames:
			if !latest() {
				f.frames <- b // for the connection that replaced this one
				return
			}
			if write(websocket.TextMessage, b) != nil {
				return
			}
		case <-ping.C:
			if write(websocket.PingMessage, nil) != nil {
				return
			}
		}
	}
}

// waitFor waits until cond holds over the recorded calls and acks.
func (f *fakeSlack) waitFor(what string, cond func(calls []apiCall, acks []string) bool) []apiCall {
	f.t.Helper()
	deadline := time.NewTimer(waitTimeout)
	defer deadline.Stop()
	for {
		f.mu.Lock()
		calls := append([]apiCall(nil), f.calls...)
		acks := append([]string(nil), f.acks...)
		ch := f.changed
		f.mu.Unlock()
		if cond(calls, acks) {
			return calls
		}
		select {
		case <-ch:
		case <-deadline.C:
			f.t.Fatalf("timed out waiting for %s; calls: %v", what, methods(calls))
			return nil
		}
	}
}

// waitConns waits until the client opened n WebSocket connections.
func (f *fakeSlack) waitConns(n int) {
	f.t.Helper()
	f.waitFor(fmt.Sprintf("%d WebSocket connections", n), func([]apiCall, []string) bool {
		f.mu.Lock() // waitFor calls cond unlocked
		defer f.mu.Unlock()
		return f.conns >= n
	})
}

// waitCalls waits until n calls of method were recorded and returns them.
func (f *fakeSlack) waitCalls(method string, n int) []apiCall {
	f.t.Helper()
	calls := f.waitFor(fmt.Sprintf("%d × %s", n, method), func(calls []apiCall, _ []string) bool {
		return len(only(calls, method)) >= n
	})
	return only(calls, method)
}

// snapshot returns the calls so far of method ("" for all).
func (f *fakeSlack) snapshot(method string) []apiCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	if method == "" {
		return append([]apiCall(nil), f.calls...)
	}
	return only(f.calls, method)
}

func only(calls []apiCall, method string) []apiCall {
	var out []apiCall
	for _, c := range calls {
		if c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

func methods(calls []apiCall) []string {
	var out []string
	for _, c := range calls {
		out = append(out, c.Method)
	}
	return out
}
