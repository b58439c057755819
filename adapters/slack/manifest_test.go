package slack

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestManifestMatchesAdapter checks that slack/manifest.yaml subscribes to
// what the adapter handles, grants the scopes it calls with, and points
// Slack at the endpoints it serves.
func TestManifestMatchesAdapter(t *testing.T) {
	b, err := os.ReadFile("../../slack/manifest.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Features struct {
			BotUser struct {
				DisplayName string `yaml:"display_name"`
			} `yaml:"bot_user"`
			AppHome struct {
				MessagesTab bool `yaml:"messages_tab_enabled"`
			} `yaml:"app_home"`
			SlashCommands []struct {
				Command string `yaml:"command"`
				URL     string `yaml:"url"`
			} `yaml:"slash_commands"`
		} `yaml:"features"`
		OAuth struct {
			Scopes struct {
				Bot []string `yaml:"bot"`
			} `yaml:"scopes"`
		} `yaml:"oauth_config"`
		Settings struct {
			Events struct {
				RequestURL string   `yaml:"request_url"`
				BotEvents  []string `yaml:"bot_events"`
			} `yaml:"event_subscriptions"`
			Interactivity struct {
				Enabled    bool   `yaml:"is_enabled"`
				RequestURL string `yaml:"request_url"`
			} `yaml:"interactivity"`
			SocketMode *bool `yaml:"socket_mode_enabled"`
		} `yaml:"settings"`
	}
	if err := yaml.Unmarshal(b, &m); err != nil {
		t.Fatalf("manifest.yaml: %v", err)
	}
	if m.Features.BotUser.DisplayName == "" || !m.Features.AppHome.MessagesTab {
		t.Errorf("manifest needs a bot user and the Messages tab (DMs)")
	}
	for _, s := range []string{"chat:write", "commands", "app_mentions:read", "im:history", "im:read", "im:write",
		"channels:history", "groups:history", "files:write", "users:read"} {
		if !slices.Contains(m.OAuth.Scopes.Bot, s) {
			t.Errorf("manifest lacks bot scope %s", s)
		}
	}
	for _, e := range []string{"app_mention", "message.im", "message.channels"} {
		if !slices.Contains(m.Settings.Events.BotEvents, e) {
			t.Errorf("manifest lacks bot event %s", e)
		}
	}
	if !m.Settings.Interactivity.Enabled {
		t.Errorf("interactivity is off: buttons would not work")
	}
	if m.Settings.SocketMode == nil {
		t.Errorf("socket_mode_enabled is not set")
	}

	mux := http.NewServeMux()
	a, err := New(Config{BotToken: "xoxb-x", SigningSecret: "s"}, newFakeCore(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	a.Register(mux)
	urls := map[string]string{"events": m.Settings.Events.RequestURL, "interactivity": m.Settings.Interactivity.RequestURL}
	for _, c := range m.Features.SlashCommands {
		if c.Command == "/triage" {
			urls["/triage"] = c.URL
		}
	}
	want := map[string]string{"events": "/slack/events", "interactivity": "/slack/interactive", "/triage": "/slack/commands"}
	for k, path := range want {
		u, err := url.Parse(urls[k])
		if err != nil || u.Path != path {
			t.Errorf("manifest %s URL = %q, want path %s", k, urls[k], path)
			continue
		}
		// Served: an unsigned request is refused (401), not unknown (404).
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, path, nil))
		if rec.Code != http.StatusUnauthorized {
			t.Errorf("POST %s = %d, want 401 from the adapter", path, rec.Code)
		}
	}
}
