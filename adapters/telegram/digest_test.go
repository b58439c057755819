package telegram

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/store/storetest"
)

const digestToken = "123456:digest-test-token"

// digestTGCall is one Bot API request the digest fake received.
type digestTGCall struct {
	Method string
	Form   map[string]string
	Photo  []byte
	Name   string // the photo's file name
}

// digestTelegram is a small httptest server speaking the Bot API methods
// the digest uses (sendMessage, sendPhoto) in their multipart form.
type digestTelegram struct {
	srv   *httptest.Server
	mu    sync.Mutex
	calls []digestTGCall
	// fail, if set, may answer a call itself.
	fail func(w http.ResponseWriter, c digestTGCall) bool
}

func newDigestTelegram(t *testing.T) *digestTelegram {
	t.Helper()
	f := &digestTelegram{}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *digestTelegram) serve(w http.ResponseWriter, r *http.Request) {
	prefix := "/bot" + digestToken + "/"
	if !strings.HasPrefix(r.URL.Path, prefix) {
		http.Error(w, `{"ok":false,"error_code":401,"description":"Unauthorized"}`, http.StatusUnauthorized)
		return
	}
	c := digestTGCall{Method: strings.TrimPrefix(r.URL.Path, prefix), Form: map[string]string{}}
	if err := r.ParseMultipartForm(1 << 20); err == nil {
		for k := range r.MultipartForm.Value {
			c.Form[k] = r.MultipartForm.Value[k][0]
		}
		if fh, hdr, err := r.FormFile("photo"); err == nil {
			c.Photo, _ = io.ReadAll(fh)
			c.Name = hdr.Filename
			fh.Close()
		}
	}
	f.mu.Lock()
	f.calls = append(f.calls, c)
	fail := f.fail
	f.mu.Unlock()
	if fail != nil && fail(w, c) {
		return
	}
	w.Header().Set("Content-Type", "application/json")
	switch c.Method {
	case "sendMessage", "sendPhoto":
		fmt.Fprintf(w, `{"ok":true,"result":{"message_id":%d,"date":1763860000,"chat":{"id":-1001234567890,"type":"supergroup","title":"Managers"}}}`, len(f.calls))
	default:
		fmt.Fprint(w, `{"ok":false,"error_code":404,"description":"Not Found: method not found"}`)
	}
}

func (f *digestTelegram) methods() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, c := range f.calls {
		out = append(out, c.Method)
	}
	return out
}

func (f *digestTelegram) call(method string) digestTGCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, c := range f.calls {
		if c.Method == method {
			return c
		}
	}
	return digestTGCall{}
}

func (f *digestTelegram) poster(t *testing.T, chat string) *DigestPoster {
	t.Helper()
	api, err := tgbot.New(digestToken, tgbot.WithServerURL(f.srv.URL), tgbot.WithSkipGetMe())
	if err != nil {
		t.Fatal(err)
	}
	p := NewDigestPoster(api, chat, nil)
	p.retry = bot.RetryPolicy{Attempts: 3, Sleep: func(ctx context.Context, d time.Duration) error { return ctx.Err() }}
	return p
}

// digestGolden compares got with testdata/name, or rewrites it with the
// package's -update flag.
func digestGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestDigestHTMLGolden(t *testing.T) {
	d := storetest.SampleDigest()
	html := digestHTML(d)
	digestGolden(t, "digest.html", []byte(html+"\n"))
	if !strings.Contains(html, "Dewi &amp; Co &lt;HK&gt;") || strings.Contains(html, "<HK>") {
		t.Errorf("the buyer name is not escaped for HTML:\n%s", html)
	}
	if n := utf16Len(html); n > 4096 {
		t.Errorf("digest HTML is %d UTF-16 units, over Telegram's 4096", n)
	}
	empty := bot.Digest{Week: d.Week, From: d.From, To: d.To, Zone: d.Zone, PreviousTotal: 2, Late: true}
	digestGolden(t, "digest_empty.html", []byte(digestHTML(empty)+"\n"))
}

func TestDigestPosterSendsMessageAndPhoto(t *testing.T) {
	f := newDigestTelegram(t)
	d := storetest.SampleDigest()
	png := []byte("\x89PNG\r\n\x1a\nchart bytes")
	if err := f.poster(t, "-1001234567890").PostDigest(context.Background(), d, png); err != nil {
		t.Fatalf("PostDigest: %v", err)
	}
	if got := f.methods(); strings.Join(got, " ") != "sendMessage sendPhoto" {
		t.Fatalf("calls = %q, want sendMessage then sendPhoto", got)
	}
	msg := f.call("sendMessage")
	if msg.Form["chat_id"] != "-1001234567890" || msg.Form["parse_mode"] != "HTML" || msg.Form["text"] != digestHTML(d) {
		t.Errorf("sendMessage form = %v, want the chat, HTML parse mode and the digest", msg.Form)
	}
	photo := f.call("sendPhoto")
	if !bytes.Equal(photo.Photo, png) || photo.Name != "digest-2026-W47.png" || photo.Form["chat_id"] != "-1001234567890" {
		t.Errorf("sendPhoto carried %q named %q to %q, want the chart to the chat", photo.Photo, photo.Name, photo.Form["chat_id"])
	}

	// A channel by name, and no chart: one message.
	f2 := newDigestTelegram(t)
	if err := f2.poster(t, "@factory_managers").PostDigest(context.Background(), d, nil); err != nil {
		t.Fatal(err)
	}
	if got := f2.methods(); len(got) != 1 || f2.call("sendMessage").Form["chat_id"] != "@factory_managers" {
		t.Errorf("calls = %q to %q, want one sendMessage to @factory_managers", got, f2.call("sendMessage").Form["chat_id"])
	}
}

func TestDigestPosterErrors(t *testing.T) {
	tests := []struct {
		name      string
		fail      func(w http.ResponseWriter, c digestTGCall) bool
		wantErr   bool
		retryable bool
		after     time.Duration
	}{
		{"rate limited", func(w http.ResponseWriter, c digestTGCall) bool {
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprint(w, `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 5","parameters":{"retry_after":5}}`)
			return true
		}, true, true, 5 * time.Second},
		{"chat not found", func(w http.ResponseWriter, c digestTGCall) bool {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}`)
			return true
		}, true, false, 0},
		{"photo refused: the digest still counts as sent", func(w http.ResponseWriter, c digestTGCall) bool {
			if c.Method != "sendPhoto" {
				return false
			}
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"ok":false,"error_code":400,"description":"Bad Request: IMAGE_PROCESS_FAILED"}`)
			return true
		}, false, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newDigestTelegram(t)
			f.fail = tt.fail
			err := f.poster(t, "-100").PostDigest(context.Background(), storetest.SampleDigest(), []byte("png"))
			if (err != nil) != tt.wantErr {
				t.Fatalf("PostDigest err = %v, want error %v", err, tt.wantErr)
			}
			if err == nil {
				return
			}
			var re *bot.RetryableError
			if errors.As(err, &re) != tt.retryable || (re != nil && re.After != tt.after) {
				t.Errorf("err = %v, want retryable %v after %v", err, tt.retryable, tt.after)
			}
			if strings.Contains(err.Error(), "digest-test-token") {
				t.Errorf("the error leaks the bot token: %v", err)
			}
		})
	}
}
