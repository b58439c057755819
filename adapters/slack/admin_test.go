package slack

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/triagebot/triagebot/bot"
)

// fakeDigest is a hand fake of DigestRunner that records its calls.
type fakeDigest struct {
	mu    sync.Mutex
	calls []string
	err   error
}

func (f *fakeDigest) PostDigest(_ context.Context, week string, force bool) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, week+"|"+map[bool]string{true: "force", false: ""}[force])
	return "slack:CDIGEST: posted", f.err
}

func (f *fakeDigest) snapshot() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

var _ DigestRunner = (*fakeDigest)(nil)

func slashForm(user, text string) []byte {
	return []byte(url.Values{
		"command": {"/triage"}, "text": {text}, "user_id": {user}, "user_name": {"someone"},
		"channel_id": {"CADMIN"}, "trigger_id": {"trig-" + user + text}, "team_id": {"T1"},
	}.Encode())
}

func TestAdminDigestCommand(t *testing.T) {
	tests := []struct {
		name      string
		user      string
		text      string
		runner    bool
		runErr    error
		wantBody  string
		wantCall  string // "" means the runner must not be called
		wantShown string
	}{
		{"admin posts a week with force", "UADMIN", "digest 2026-W47 force", true, nil, "Posting the digest for 2026-W47", "2026-W47|force", "posted"},
		{"admin posts the last week", "UADMIN", "Digest", true, nil, "the last finished week", "|", "posted"},
		{"a failure is shown to the admin", "UADMIN", "digest", true, errors.New("slack:C1: channel_not_found"), "Posting", "|", "not posted: slack:C1: channel_not_found"},
		{"not an admin", "UOTHER", "digest", true, nil, "Only the admins", "", ""},
		{"no destinations", "UADMIN", "digest", false, nil, "no destination", "", ""},
		{"bad usage", "UADMIN", "digest 2026-W47 now please", true, nil, "Usage: /triage digest", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runner := &fakeDigest{err: tt.runErr}
			h := newHarnessWith(t, ModeEvents, nil, func(a *Adapter) {
				a.admins["UADMIN"] = true
				if tt.runner {
					a.SetDigestRunner(runner)
				}
			})
			code, body := h.do(request{path: "/slack/commands", contentType: "application/x-www-form-urlencoded", body: slashForm(tt.user, tt.text)})
			if code != http.StatusOK || !strings.Contains(body, `"response_type":"ephemeral"`) || !strings.Contains(body, tt.wantBody) {
				t.Fatalf("/triage %s = %d %q, want 200 ephemeral with %q", tt.text, code, body, tt.wantBody)
			}
			if tt.wantCall != "" {
				shown := h.slack.waitCalls("chat.postEphemeral", 1)[0]
				if shown.Form.Get("user") != tt.user || shown.Form.Get("channel") != "CADMIN" || !strings.Contains(shown.Form.Get("text"), tt.wantShown) {
					t.Errorf("result shown as %v, want %q to %s in CADMIN", shown.Form, tt.wantShown, tt.user)
				}
			}
			calls := runner.snapshot()
			if tt.wantCall == "" && len(calls) != 0 || tt.wantCall != "" && (len(calls) != 1 || calls[0] != tt.wantCall) {
				t.Errorf("runner calls = %q, want %q", calls, tt.wantCall)
			}
			if accepts, _, _, _ := h.core.snapshot(); len(accepts) != 0 {
				t.Errorf("an admin command reached the core as an inquiry: %+v", accepts)
			}
		})
	}
}

// fakeForgetter is a hand fake of Forgetter that records its calls.
type fakeForgetter struct {
	mu    sync.Mutex
	calls []string
	res   bot.ForgetResult
	err   error
}

func (f *fakeForgetter) Forget(_ context.Context, platform, userID string) (bot.ForgetResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, platform+"|"+userID)
	return f.res, f.err
}

func (f *fakeForgetter) snapshot() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

var (
	_ Forgetter = (*fakeForgetter)(nil)
	_ Forgetter = (*bot.Core)(nil)
)

func TestAdminForgetCommand(t *testing.T) {
	counts := bot.ForgetResult{Inquiries: 2, Conversations: 1, Events: 5}
	tests := []struct {
		name      string
		user      string
		text      string
		forgetter bool
		res       bot.ForgetResult
		err       error
		wantBody  string
		wantCall  string // "" means the forgetter must not be called
		wantShown string
	}{
		{"admin forgets a telegram buyer", "UADMIN", "forget telegram 123", true, counts, nil,
			"Forgetting telegram user 123", "telegram|123", "Forgot telegram user 123: 2 inquiries, 1 conversation, 5 events."},
		{"case and spacing", "UADMIN", "  Forget  Telegram   123456789 ", true, bot.ForgetResult{Inquiries: 1, Events: 1}, nil,
			"Forgetting telegram user 123456789", "telegram|123456789", "Forgot telegram user 123456789: 1 inquiry, 0 conversations, 1 event."},
		{"a slack buyer by mention", "UADMIN", "forget slack <@U0BUYER|ana>", true, bot.ForgetResult{}, nil,
			"Forgetting slack user U0BUYER", "slack|U0BUYER", "Forgot slack user U0BUYER: 0 inquiries, 0 conversations, 0 events."},
		{"a failure is shown to the admin", "UADMIN", "forget telegram 123", true, bot.ForgetResult{}, errors.New("forget telegram user: sqlite: database is locked"),
			"Forgetting", "telegram|123", "telegram user 123 was not forgotten: forget telegram user: sqlite: database is locked"},
		{"not an admin", "UOTHER", "forget telegram 123", true, counts, nil, "Only the admins in slack.admin_users can forget a buyer", "", ""},
		{"not an admin, bad usage", "UOTHER", "forget", true, counts, nil, "Only the admins", "", ""},
		{"not wired", "UADMIN", "forget telegram 123", false, counts, nil, "not enabled", "", ""},
		{"no user id", "UADMIN", "forget telegram", true, counts, nil, "Usage: /triage forget PLATFORM USER-ID", "", ""},
		{"no arguments", "UADMIN", "FORGET", true, counts, nil, "Usage: /triage forget", "", ""},
		{"too many arguments", "UADMIN", "forget telegram 123 456", true, counts, nil, "Usage: /triage forget", "", ""},
		{"Slack's escapes are read and written back", "UADMIN", "forget telegram a&lt;b&amp;c", true, bot.ForgetResult{}, nil,
			"Forgetting telegram user a\\u0026lt;b\\u0026amp;c", "telegram|a<b&c", "Forgot telegram user a&lt;b&amp;c: 0 inquiries, 0 conversations, 0 events."},
		{"a handle is not an id", "UADMIN", "forget telegram @budi", true, counts, nil, "not an @handle. Usage: /triage forget", "", ""},
		{"empty mention", "UADMIN", "forget slack <@>", true, counts, nil, "Usage: /triage forget", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeForgetter{res: tt.res, err: tt.err}
			digest := &fakeDigest{}
			h := newHarnessWith(t, ModeEvents, nil, func(a *Adapter) {
				a.admins["UADMIN"] = true
				a.SetDigestRunner(digest)
				if tt.forgetter {
					a.SetForgetter(f)
				}
			})
			code, body := h.do(request{path: "/slack/commands", contentType: "application/x-www-form-urlencoded", body: slashForm(tt.user, tt.text)})
			if code != http.StatusOK || !strings.Contains(body, `"response_type":"ephemeral"`) || !strings.Contains(body, tt.wantBody) {
				t.Fatalf("/triage %s = %d %q, want 200 ephemeral with %q", tt.text, code, body, tt.wantBody)
			}
			if tt.wantCall != "" {
				shown := h.slack.waitCalls("chat.postEphemeral", 1)[0]
				if shown.Form.Get("user") != tt.user || shown.Form.Get("channel") != "CADMIN" || shown.Form.Get("text") != tt.wantShown {
					t.Errorf("result shown as %v, want %q to %s in CADMIN", shown.Form, tt.wantShown, tt.user)
				}
			}
			calls := f.snapshot()
			if tt.wantCall == "" && len(calls) != 0 || tt.wantCall != "" && (len(calls) != 1 || calls[0] != tt.wantCall) {
				t.Errorf("forgetter calls = %q, want %q", calls, tt.wantCall)
			}
			if calls := digest.snapshot(); len(calls) != 0 {
				t.Errorf("/triage %s posted the digest: %q", tt.text, calls)
			}
			if accepts, _, _, _ := h.core.snapshot(); len(accepts) != 0 {
				t.Errorf("an admin command reached the core as an inquiry: %+v", accepts)
			}
		})
	}
}
