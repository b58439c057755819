package telegram

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

const testToken = "123456:TEST-token_abc"

// apiCall is one Bot API request the fake received.
type apiCall struct {
	Method string
	Params map[string]string
}

// failure is an error answer the fake gives once, in place of success.
type failure struct {
	Code        int
	Description string
	RetryAfter  int
	// Hang holds the request until the client gives up on it.
	Hang bool
}

// fakeAPI is a Bot API server speaking Telegram's wire format: POST
// /bot<token>/<method> with multipart/form-data, answers in the
// ok/result/description/error_code/parameters envelope. It records every
// call, serves queued updates to getUpdates (waiting briefly for new ones,
// as a long poll does) and can answer a method with queued failures.
type fakeAPI struct {
	t   testing.TB
	srv *httptest.Server

	mu       sync.Mutex
	calls    []apiCall
	updates  []json.RawMessage
	failures map[string][]failure
	nextID   int
	changed  chan struct{} // closed and replaced on every change
	stop     chan struct{} // closed when the test ends: hung requests return
}

func newFakeAPI(t testing.TB) *fakeAPI {
	f := &fakeAPI{t: t, failures: map[string][]failure{}, nextID: 100, changed: make(chan struct{}), stop: make(chan struct{})}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	t.Cleanup(func() { close(f.stop) }) // runs first: cleanups run last-in first-out
	return f
}

func (f *fakeAPI) URL() string { return f.srv.URL }

// notify wakes waiters; f.mu must be held.
func (f *fakeAPI) notify() {
	close(f.changed)
	f.changed = make(chan struct{})
}

// queueUpdate adds an update (raw JSON) for getUpdates.
func (f *fakeAPI) queueUpdate(raw []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.updates = append(f.updates, json.RawMessage(raw))
	f.notify()
}

// failNext makes the next calls of method fail, in order.
func (f *fakeAPI) failNext(method string, fs ...failure) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failures[method] = append(f.failures[method], fs...)
}

// callsOf returns the recorded calls of method (all calls if "").
func (f *fakeAPI) callsOf(method string) []apiCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []apiCall
	for _, c := range f.calls {
		if method == "" || c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// waitFor waits until cond (called with the fake locked) holds. It checks
// on every call the fake receives, and every few milliseconds for
// conditions on the adapter's side (a counter, the core's state).
func (f *fakeAPI) waitFor(what string, cond func() bool) {
	f.t.Helper()
	deadline := time.NewTimer(patience)
	defer deadline.Stop()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		f.mu.Lock()
		ok := cond()
		ch := f.changed
		f.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-ch:
		case <-tick.C:
		case <-deadline.C:
			f.t.Fatalf("timed out waiting for %s; calls: %v", what, f.methods())
		}
	}
}

// waitCalls waits until method was called at least n times and returns its calls.
func (f *fakeAPI) waitCalls(method string, n int) []apiCall {
	f.t.Helper()
	f.waitFor(fmt.Sprintf("%d %s calls", n, method), func() bool {
		c := 0
		for _, call := range f.calls {
			if call.Method == method {
				c++
			}
		}
		return c >= n
	})
	return f.callsOf(method)
}

func (f *fakeAPI) methods() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var m []string
	for _, c := range f.calls {
		m = append(m, c.Method)
	}
	return m
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	prefix := "/bot" + testToken + "/"
	if r.Method != http.MethodPost || !strings.HasPrefix(r.URL.Path, prefix) {
		writeEnvelope(w, http.StatusNotFound, map[string]any{"ok": false, "error_code": 404, "description": "Not Found"})
		return
	}
	method := strings.TrimPrefix(r.URL.Path, prefix)
	params := map[string]string{}
	// The library posts multipart/form-data even with no parameters (an
	// empty body, which ParseMultipartForm reports as an error): tolerate it.
	if err := r.ParseMultipartForm(1 << 20); err == nil {
		for k, v := range r.MultipartForm.Value {
			params[k] = v[0]
		}
	}
	// Read the chunked body to its end, so that the server notices when
	// the client hangs up (and cancels r.Context()).
	_, _ = io.Copy(io.Discard, r.Body)

	f.mu.Lock()
	f.calls = append(f.calls, apiCall{Method: method, Params: params})
	f.notify()
	var fail *failure
	if q := f.failures[method]; len(q) > 0 {
		fail = &q[0]
		f.failures[method] = q[1:]
	}
	f.mu.Unlock()

	if fail != nil && fail.Hang {
		select {
		case <-r.Context().Done():
		case <-f.stop:
		}
		return
	}
	if fail != nil {
		body := map[string]any{"ok": false, "error_code": fail.Code, "description": fail.Description}
		if fail.RetryAfter > 0 {
			body["parameters"] = map[string]any{"retry_after": fail.RetryAfter}
		}
		writeEnvelope(w, fail.Code, body)
		return
	}

	var result any
	switch method {
	case "getMe":
		result = map[string]any{"id": 7000000001, "is_bot": true, "first_name": "Triage Bot", "username": "TriageBot"}
	case "setMyCommands", "setWebhook", "deleteWebhook", "answerCallbackQuery":
		result = true
	case "getUpdates":
		result = f.pollUpdates(r, params)
	case "sendMessage", "editMessageText", "editMessageReplyMarkup":
		f.mu.Lock()
		f.nextID++
		id := f.nextID
		f.mu.Unlock()
		chat, _ := strconv.ParseInt(params["chat_id"], 10, 64)
		result = map[string]any{
			"message_id": id, "date": 1441645600, "text": params["text"],
			"from": map[string]any{"id": 7000000001, "is_bot": true, "first_name": "Triage Bot", "username": "TriageBot"},
			"chat": map[string]any{"id": chat, "type": "private"},
		}
	default:
		writeEnvelope(w, http.StatusNotFound, map[string]any{"ok": false, "error_code": 404, "description": "Not Found: method not found"})
		return
	}
	writeEnvelope(w, http.StatusOK, map[string]any{"ok": true, "result": result})
}

// pollUpdates answers getUpdates: the queued updates from offset on, or,
// when there are none, whatever arrives within a short long-poll window.
func (f *fakeAPI) pollUpdates(r *http.Request, params map[string]string) []json.RawMessage {
	offset, _ := strconv.ParseInt(params["offset"], 10, 64)
	window := time.NewTimer(200 * time.Millisecond)
	defer window.Stop()
	for {
		f.mu.Lock()
		var out []json.RawMessage
		for _, u := range f.updates {
			var head struct {
				ID int64 `json:"update_id"`
			}
			_ = json.Unmarshal(u, &head)
			if head.ID >= offset {
				out = append(out, u)
			}
		}
		ch := f.changed
		f.mu.Unlock()
		if len(out) > 0 {
			return out
		}
		select {
		case <-ch:
		case <-window.C:
			return []json.RawMessage{}
		case <-f.stop:
			return []json.RawMessage{}
		case <-r.Context().Done():
			return []json.RawMessage{}
		}
	}
}

func writeEnvelope(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}
