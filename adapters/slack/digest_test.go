package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"github.com/robfig/cron/v3"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/store/storetest"
)

// digestCall is one request the digest fake received.
type digestCall struct {
	Path string
	Form map[string]string
	File []byte // the uploaded bytes, for the upload URL
	Auth string
}

// digestSlack is a small httptest server speaking the Web API methods the
// digest uses: chat.postMessage and the files upload v2 flow
// (files.getUploadURLExternal, POST to the upload URL,
// files.completeUploadExternal). fail, if set, may answer a call itself.
type digestSlack struct {
	srv   *httptest.Server
	mu    sync.Mutex
	calls []digestCall
	fail  func(w http.ResponseWriter, c digestCall) bool
}

func newDigestSlack(t *testing.T) *digestSlack {
	t.Helper()
	f := &digestSlack{}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *digestSlack) serve(w http.ResponseWriter, r *http.Request) {
	c := digestCall{Path: strings.TrimPrefix(r.URL.Path, "/"), Form: map[string]string{}, Auth: r.Header.Get("Authorization")}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		if fh, _, err := r.FormFile("file"); err == nil {
			c.File, _ = io.ReadAll(fh)
			fh.Close()
		}
	} else if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	for k := range r.PostForm {
		c.Form[k] = r.PostForm.Get(k)
	}
	f.mu.Lock()
	f.calls = append(f.calls, c)
	fail := f.fail
	f.mu.Unlock()
	if fail != nil && fail(w, c) {
		return
	}
	w.Header().Set("Content-Type", "application/json")
	switch c.Path {
	case "chat.postMessage":
		fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":"1700000000.000100"}`, c.Form["channel"])
	case "files.getUploadURLExternal":
		fmt.Fprintf(w, `{"ok":true,"upload_url":%q,"file_id":"F0DIGEST"}`, f.srv.URL+"/upload/v1/F0DIGEST")
	case "upload/v1/F0DIGEST":
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprintf(w, "OK - %d", len(c.File))
	case "files.completeUploadExternal":
		var files []struct{ ID, Title string }
		json.Unmarshal([]byte(c.Form["files"]), &files)
		out, _ := json.Marshal(map[string]any{"ok": true, "files": []map[string]string{{"id": files[0].ID, "title": files[0].Title}}})
		w.Write(out)
	default:
		fmt.Fprint(w, `{"ok":false,"error":"unknown_method"}`)
	}
}

func (f *digestSlack) paths() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, c := range f.calls {
		out = append(out, c.Path)
	}
	return out
}

func (f *digestSlack) call(path string) digestCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, c := range f.calls {
		if c.Path == path {
			return c
		}
	}
	return digestCall{}
}

func (f *digestSlack) poster() *DigestPoster {
	api := slackapi.New("xoxb-digest-token", slackapi.OptionAPIURL(f.srv.URL+"/"))
	p := NewDigestPoster(api, "C0MANAGERS", nil)
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

// blocksJSON is the Block Kit JSON as Slack receives it, indented and
// without HTML escaping so that the golden file reads as the blocks do.
func blocksJSON(t *testing.T, blocks []slackapi.Block) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(blocks); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDigestBlocksGolden(t *testing.T) {
	d := storetest.SampleDigest()
	b := blocksJSON(t, digestBlocks(d))
	digestGolden(t, "digest_blocks.json", b)
	if s := string(b); !strings.Contains(s, "Dewi &amp; Co &lt;HK&gt;") {
		t.Errorf("the buyer name is not escaped for mrkdwn:\n%s", s)
	}
	empty := bot.Digest{Week: d.Week, From: d.From, To: d.To, Zone: d.Zone, PreviousTotal: 2, Late: true}
	digestGolden(t, "digest_blocks_empty.json", blocksJSON(t, digestBlocks(empty)))
}

func TestDigestPosterPostsBlocksAndUploadsChart(t *testing.T) {
	f := newDigestSlack(t)
	d := storetest.SampleDigest()
	png := []byte("\x89PNG\r\n\x1a\nnot really a chart, but bytes to carry")
	if err := f.poster().PostDigest(context.Background(), d, png); err != nil {
		t.Fatalf("PostDigest: %v", err)
	}
	want := []string{"chat.postMessage", "files.getUploadURLExternal", "upload/v1/F0DIGEST", "files.completeUploadExternal"}
	if got := f.paths(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("calls = %q, want %q", got, want)
	}
	msg := f.call("chat.postMessage")
	if msg.Form["channel"] != "C0MANAGERS" || msg.Form["text"] != bot.RenderDigestText(d) || msg.Form["token"] != "xoxb-digest-token" {
		t.Errorf("chat.postMessage form = channel %q, token %q, text %q; want the channel, the token and the plain-text digest",
			msg.Form["channel"], msg.Form["token"], msg.Form["text"])
	}
	var blocks []map[string]any
	if err := json.Unmarshal([]byte(msg.Form["blocks"]), &blocks); err != nil || len(blocks) < 4 || blocks[0]["type"] != "header" {
		t.Errorf("blocks = %s (%v), want a header and sections", msg.Form["blocks"], err)
	}
	get := f.call("files.getUploadURLExternal")
	if get.Form["filename"] != "digest-2026-W47.png" || get.Form["length"] != fmt.Sprint(len(png)) || !strings.Contains(get.Form["alt_txt"], "7 inquiries") {
		t.Errorf("files.getUploadURLExternal form = %v, want the file name, its length and an alt text", get.Form)
	}
	up := f.call("upload/v1/F0DIGEST")
	if !bytes.Equal(up.File, png) {
		t.Errorf("uploaded %q, want the chart's bytes", up.File)
	}
	done := f.call("files.completeUploadExternal")
	if done.Form["channel_id"] != "C0MANAGERS" || !strings.Contains(done.Form["files"], `"F0DIGEST"`) {
		t.Errorf("files.completeUploadExternal form = %v, want the file shared to the channel", done.Form)
	}
}

func TestDigestPosterWithoutChart(t *testing.T) {
	f := newDigestSlack(t)
	if err := f.poster().PostDigest(context.Background(), storetest.SampleDigest(), nil); err != nil {
		t.Fatal(err)
	}
	if got := f.paths(); len(got) != 1 || got[0] != "chat.postMessage" {
		t.Errorf("calls = %q, want only chat.postMessage", got)
	}
}

func TestDigestPosterErrors(t *testing.T) {
	tests := []struct {
		name      string
		fail      func(w http.ResponseWriter, c digestCall) bool
		retryable bool
		after     time.Duration
		wantErr   bool
	}{
		{"rate limited", func(w http.ResponseWriter, c digestCall) bool {
			w.Header().Set("Retry-After", "7")
			w.WriteHeader(http.StatusTooManyRequests)
			return true
		}, true, 7 * time.Second, true},
		{"server error", func(w http.ResponseWriter, c digestCall) bool {
			w.WriteHeader(http.StatusBadGateway)
			return true
		}, true, 0, true},
		{"channel not found", func(w http.ResponseWriter, c digestCall) bool {
			fmt.Fprint(w, `{"ok":false,"error":"channel_not_found"}`)
			return true
		}, false, 0, true},
		{"chart upload refused: the digest still counts as posted", func(w http.ResponseWriter, c digestCall) bool {
			if c.Path == "files.getUploadURLExternal" {
				fmt.Fprint(w, `{"ok":false,"error":"not_allowed_token_type"}`)
				return true
			}
			return false
		}, false, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newDigestSlack(t)
			f.fail = tt.fail
			err := f.poster().PostDigest(context.Background(), storetest.SampleDigest(), []byte("png"))
			if (err != nil) != tt.wantErr {
				t.Fatalf("PostDigest err = %v, want error %v", err, tt.wantErr)
			}
			if err == nil {
				return
			}
			var re *bot.RetryableError
			if errors.As(err, &re) != tt.retryable || (re != nil && re.After != tt.after) {
				t.Errorf("err = %#v, want retryable %v after %v", err, tt.retryable, tt.after)
			}
			if strings.Contains(err.Error(), "xoxb-digest-token") {
				t.Errorf("the error leaks the token: %v", err)
			}
		})
	}
}

// TestDigestScheduledThroughSlack runs the scheduler against the fake: a
// first 429 is retried and the week is posted once, with its chart.
func TestDigestScheduledThroughSlack(t *testing.T) {
	f := newDigestSlack(t)
	first := true
	f.fail = func(w http.ResponseWriter, c digestCall) bool {
		if c.Path == "chat.postMessage" && first {
			first = false
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return true
		}
		return false
	}
	st := &digestOnlyStore{}
	s, err := bot.NewScheduler(bot.SchedulerOptions{
		Schedule: defaultSchedule(), Store: st,
		Posters: map[string]bot.DigestPoster{"slack:C0MANAGERS": f.poster()},
		Chart:   func(bot.Digest) ([]byte, error) { return []byte("png"), nil },
		Retry:   bot.RetryPolicy{Sleep: func(ctx context.Context, d time.Duration) error { return nil }},
	})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 23, 9, 0, 0, 0, storetest.Jakarta())
	for range 2 {
		if err := s.RunDue(context.Background(), at); err != nil {
			t.Fatal(err)
		}
	}
	posts := 0
	for _, p := range f.paths() {
		if p == "chat.postMessage" {
			posts++
		}
	}
	if posts != 2 || f.call("upload/v1/F0DIGEST").File == nil {
		t.Errorf("calls = %q, want one 429, one posted message and one upload", f.paths())
	}
}

// digestOnlyStore is a bot.DigestStore for one process: empty weeks and
// claims in a map.
type digestOnlyStore struct {
	mu     sync.Mutex
	posted map[string]bool
}

func (s *digestOnlyStore) DigestStats(ctx context.Context, p bot.Period) (bot.DigestStats, error) {
	return bot.DigestStats{}, nil
}

func (s *digestOnlyStore) CountInquiries(ctx context.Context, from, to time.Time) (int64, error) {
	return 0, nil
}

func (s *digestOnlyStore) ClaimDigest(ctx context.Context, period, dest, who string, at, stale time.Time) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return !s.posted[period+dest], nil
}

func (s *digestOnlyStore) ReleaseDigest(ctx context.Context, period, dest, who string) error {
	return nil
}

func (s *digestOnlyStore) MarkDigestPosted(ctx context.Context, period, dest, who string, at time.Time, late bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.posted == nil {
		s.posted = map[string]bool{}
	}
	s.posted[period+dest] = true
	return nil
}

func (s *digestOnlyStore) LastPostedDigest(ctx context.Context, dest string) (string, error) {
	return "", nil
}

// defaultSchedule is bot.DefaultDigestSchedule parsed, as the
// configuration hands it to the scheduler.
func defaultSchedule() cron.Schedule {
	s, err := cron.ParseStandard(bot.DefaultDigestSchedule)
	if err != nil {
		panic(err) // a constant
	}
	return s
}
