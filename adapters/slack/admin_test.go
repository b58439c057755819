package slack

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
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
