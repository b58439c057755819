package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

const digestSample = `{"text":"We need 3000 LED mirrors made to our own design, budget USD 40,000","sent_at":"2026-11-16T09:30:00+07:00","channel":"telegram","user":"budi"}
{"text":"Catalog mirror with our logo, 500 pcs","sent_at":"2026-11-18","channel":"alibaba","user":"ali-77"}
{"text":"Last week","sent_at":"2026-11-12","channel":"slack","user":"lee"}
`

func TestDigestCommandFormats(t *testing.T) {
	d := newDigestCLI(t, nil)
	ctx := context.Background()
	if code := d.cli("").runImport(ctx, []string{digestWriteFile(t, "s.jsonl", digestSample)}); code != 0 {
		t.Fatal(d.stderr.String())
	}
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"--week", "2026-W47"}, []string{"Weekly digest 2026-W47: 16–22 Nov 2026 (Asia/Jakarta)", "2 inquiries, up 1 from 1 the week before", "By channel", "alibaba 1"}},
		{[]string{"--week", "2026-W47", "--format", "markdown"}, []string{"## Weekly digest 2026-W47", "### By model", "- telegram 1"}},
		{[]string{"--week", "2026-W47", "--format", "json"}, []string{`"week": "2026-W47"`, `"from": "2026-11-16T00:00:00+07:00"`, `"to": "2026-11-23T00:00:00+07:00"`, `"total": 2`, `"UNKNOWN": `}},
		{[]string{"--week", "2026-W40"}, []string{"No inquiries this week (0 inquiries the week before)."}},
	}
	for _, tt := range tests {
		if code := d.cli("").runDigest(ctx, tt.args); code != 0 {
			t.Errorf("digest %q exit %d: %s", tt.args, code, d.stderr.String())
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(d.stdout.String(), w) {
				t.Errorf("digest %q output lacks %q:\n%s", tt.args, w, d.stdout.String())
			}
		}
	}
	png := filepath.Join(t.TempDir(), "w47.png")
	if code := d.cli("").runDigest(ctx, []string{"--week", "2026-W47", "--chart", png}); code != 0 {
		t.Fatalf("digest --chart: exit %d: %s", code, d.stderr.String())
	}
	if b, err := os.ReadFile(png); err != nil || !bytes.HasPrefix(b, []byte("\x89PNG\r\n")) {
		t.Errorf("digest --chart wrote no PNG (err %v)", err)
	}
	// The zone follows digest.schedule: in New York the Jakarta Monday
	// morning inquiry falls on Sunday, in the week before.
	d.env["TRIAGEBOT_DIGEST_SCHEDULE"] = "CRON_TZ=America/New_York 0 9 * * MON"
	obj := digestJSON(t, d, "2026-W47")
	if obj["total"] != 1.0 || obj["from"] != "2026-11-16T00:00:00-05:00" {
		t.Errorf("New York W47: total %v from %v; want 1 from 2026-11-16T00:00:00-05:00", obj["total"], obj["from"])
	}
}

func TestDigestCommandUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"bad week", nil, []string{"--week", "2026-47"}, "--week"},
		{"week 53 of a 52-week year", nil, []string{"--week", "2025-W53"}, "2025 has no week 53"},
		{"bad format", nil, []string{"--format", "yaml"}, `--format "yaml"`},
		{"force without post", nil, []string{"--force"}, "--force only goes with --post"},
		{"stray argument", nil, []string{"now"}, `unexpected argument "now"`},
		{"post without destinations", nil, []string{"--post"}, "neither digest.slack_channel nor digest.telegram_chat"},
		{"post without token", map[string]string{"TRIAGEBOT_DIGEST_SLACK_CHANNEL": "C1"}, []string{"--post"}, "SLACK_BOT_TOKEN"},
		{"bad schedule names the key", map[string]string{"TRIAGEBOT_DIGEST_SCHEDULE": "every monday"}, nil, "digest.schedule"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDigestCLI(t, tt.env)
			if code := d.cli("").runDigest(context.Background(), tt.args); code != 2 || !strings.Contains(d.stderr.String(), tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, d.stderr.String(), tt.want)
			}
		})
	}
}

// fakeDigestAPI answers the Slack and Telegram calls of a digest post and
// counts them by path.
type fakeDigestAPI struct {
	srv   *httptest.Server
	mu    sync.Mutex
	calls map[string]int
}

func newFakeDigestAPI(t *testing.T) *fakeDigestAPI {
	f := &fakeDigestAPI{calls: map[string]int{}}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseMultipartForm(1 << 20)
		path := r.URL.Path
		if i := strings.LastIndex(path, "/"); strings.HasPrefix(path, "/bot") && i > 0 {
			path = "telegram:" + path[i+1:]
		}
		f.mu.Lock()
		f.calls[path]++
		f.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		switch path {
		case "/chat.postMessage":
			fmt.Fprint(w, `{"ok":true,"channel":"C0MGR","ts":"1.2"}`)
		case "/files.getUploadURLExternal":
			fmt.Fprintf(w, `{"ok":true,"upload_url":"%s/upload","file_id":"F1"}`, f.srv.URL)
		case "/upload":
			fmt.Fprint(w, "OK")
		case "/files.completeUploadExternal":
			fmt.Fprint(w, `{"ok":true,"files":[{"id":"F1"}]}`)
		case "telegram:sendMessage", "telegram:sendPhoto":
			fmt.Fprint(w, `{"ok":true,"result":{"message_id":1,"date":0,"chat":{"id":-100,"type":"group"}}}`)
		default:
			fmt.Fprint(w, `{"ok":false,"error":"unknown_method"}`)
		}
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeDigestAPI) count(path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[path]
}

func TestDigestCommandPostsOnceUnlessForced(t *testing.T) {
	api := newFakeDigestAPI(t)
	d := newDigestCLI(t, map[string]string{
		"TRIAGEBOT_DIGEST_SLACK_CHANNEL": "C0MGR", "SLACK_BOT_TOKEN": "xoxb-cli-test", "TRIAGEBOT_SLACK_API_URL": api.srv.URL,
		"TRIAGEBOT_DIGEST_TELEGRAM_CHAT": "-100", "TELEGRAM_BOT_TOKEN": "42:cli-test", "TRIAGEBOT_TELEGRAM_API_URL": api.srv.URL,
		// No SLACK_SIGNING_SECRET, no TELEGRAM_WEBHOOK_SECRET: posting
		// needs the bot tokens alone.
	})
	ctx := context.Background()
	if code := d.cli("").runImport(ctx, []string{digestWriteFile(t, "s.jsonl", digestSample)}); code != 0 {
		t.Fatal(d.stderr.String())
	}
	steps := []struct {
		args     []string
		wantErr  string
		messages int // chat.postMessage (and sendMessage) calls so far
	}{
		{[]string{"--week", "2026-W47", "--post"}, "digest 2026-W47 posted to slack:C0MGR", 1},
		{[]string{"--week", "2026-W47", "--post"}, "already posted to slack:C0MGR", 1},
		{[]string{"--week", "2026-W47", "--post", "--force"}, "digest 2026-W47 posted to telegram:-100", 2},
	}
	for i, st := range steps {
		if code := d.cli("").runDigest(ctx, st.args); code != 0 {
			t.Fatalf("step %d: exit %d: %s", i+1, code, d.stderr.String())
		}
		if !strings.Contains(d.stderr.String(), st.wantErr) {
			t.Errorf("step %d: stderr %q, want %q", i+1, d.stderr.String(), st.wantErr)
		}
		if got := api.count("/chat.postMessage"); got != st.messages {
			t.Errorf("step %d: %d Slack messages, want %d", i+1, got, st.messages)
		}
		if got := api.count("telegram:sendMessage"); got != st.messages {
			t.Errorf("step %d: %d Telegram messages, want %d", i+1, got, st.messages)
		}
	}
	if api.count("/files.completeUploadExternal") != 2 || api.count("telegram:sendPhoto") != 2 {
		t.Errorf("charts: %d Slack uploads, %d Telegram photos; want 2 each", api.count("/files.completeUploadExternal"), api.count("telegram:sendPhoto"))
	}
	if strings.Contains(d.stderr.String()+d.stdout.String(), "xoxb-cli-test") {
		t.Error("the Slack token leaked into the output")
	}
}
