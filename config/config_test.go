package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func noEnv(string) string { return "" }

func TestDefaultsAreValid(t *testing.T) {
	c := Default()
	if err := c.Validate(); err != nil {
		t.Fatalf("Default().Validate() = %v", err)
	}
	if c.HTTP.Addr != ":8080" || c.DataDir != "./data" {
		t.Errorf("http.addr, data_dir = %q, %q; want :8080, ./data", c.HTTP.Addr, c.DataDir)
	}
	if c.Conversation.IdleExpiry != 7*24*time.Hour {
		t.Errorf("conversation.idle_expiry = %v, want 168h", c.Conversation.IdleExpiry)
	}
}

func TestLoadLayers(t *testing.T) {
	yaml := "http:\n  addr: \":9090\"\nslack:\n  sales_channel: C111\n"
	env := []string{
		"TRIAGEBOT_SLACK_SALES_CHANNEL=C222",
		"TRIAGEBOT_HTTP_MAX_BODY_BYTES=2048",
		"TRIAGEBOT_CONVERSATION_IDLE_EXPIRY=48h",
		"TRIAGEBOT_SLACK_ADMIN_USERS=U1, U2",
		"TRIAGEBOT_SLACK_API_URL=http://127.0.0.1:1/api",
		"TRIAGEBOT_TRIAGE_RATES_EUR=1.5",
		"TRIAGEBOT_TEST_POSTGRES_URL=ignored",
		"OTHER=1",
	}
	c, err := Load(strings.NewReader(yaml), env, noEnv, []byte(engineLayer))
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		key       string
		got, want any
	}{
		{"http.addr (YAML)", c.HTTP.Addr, ":9090"},
		{"slack.sales_channel (env over YAML)", c.Slack.SalesChannel, "C222"},
		{"http.max_body_bytes", c.HTTP.MaxBodyBytes, int64(2048)},
		{"conversation.idle_expiry", c.Conversation.IdleExpiry, 48 * time.Hour},
		{"slack.admin_users", strings.Join(c.Slack.AdminUsers, "|"), "U1|U2"},
		{"slack.api_url as written (the adapter adds the slash)", c.Slack.APIURL, "http://127.0.0.1:1/api"},
		{"triage.rates.EUR", c.Triage.Rates["EUR"], 1.5},
		{"data_dir default", c.DataDir, "./data"},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s = %v, want %v", ch.key, ch.got, ch.want)
		}
	}
}

// engineLayer stands for the engine's defaults that main layers in.
const engineLayer = `triage:
  rates: {USD: 1, EUR: 1.08}
  default_language: en
  languages:
    en:
      name: English
      explanations: {OEM: "Your design, our production."}
      labels: {help: Help, greeting: Hello}
`

func TestLoadPartialLanguageKeepsDefaults(t *testing.T) {
	c, err := Load(strings.NewReader("triage:\n  languages:\n    en:\n      labels:\n        help: Custom help\n"), nil, noEnv, []byte(engineLayer))
	if err != nil {
		t.Fatal(err)
	}
	en := c.Triage.Languages["en"]
	if en.Labels["help"] != "Custom help" {
		t.Errorf("labels.help = %q, want the override", en.Labels["help"])
	}
	if en.Labels["greeting"] != "Hello" || en.Name != "English" || en.Explanations["OEM"] == "" {
		t.Errorf("a partial override lost the other English texts: %+v", en)
	}
	if c.Triage.Rates["EUR"] != 1.08 || c.Triage.DefaultLanguage != "en" {
		t.Errorf("the layer's rates and default_language are lost: %+v", c.Triage)
	}
}

func TestValidateChangesNothing(t *testing.T) {
	c := Default()
	c.Slack.APIURL = "http://127.0.0.1:1/api"
	c.Telegram.APIURL = "http://127.0.0.1:2/"
	before := *c
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.Slack.APIURL != before.Slack.APIURL || c.Telegram.APIURL != before.Telegram.APIURL {
		t.Errorf("Validate changed the URLs: %q, %q", c.Slack.APIURL, c.Telegram.APIURL)
	}
}

func TestLoadErrorsNameTheKey(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		env  []string
		want []string
	}{
		{"unknown YAML key", "slack:\n  sales_chanel: C1\n", nil, []string{"sales_chanel"}},
		{"bad YAML type", "http:\n  max_body_bytes: lots\n", nil, []string{"max_body_bytes"}},
		{"unknown env key", "", []string{"TRIAGEBOT_SLACK_CHANEL=x"}, []string{"TRIAGEBOT_SLACK_CHANEL"}},
		{"bad env value", "", []string{"TRIAGEBOT_HTTP_MAX_BODY_BYTES=big"}, []string{"TRIAGEBOT_HTTP_MAX_BODY_BYTES", "integer"}},
		{"every problem at once", "log:\n  level: loud\nslack:\n  mode: carrier-pigeon\ntelegram:\n  public_url: http://x\ndigest:\n  schedule: \"\"\n", nil,
			[]string{"log.level", "slack.mode", "telegram.public_url", "digest.schedule"}},
		{"bad http.addr", "http:\n  addr: nowhere\n", nil, []string{"http.addr"}},
		{"cron spec of four fields", "digest:\n  schedule: \"0 9 * *\"\n", nil, []string{"digest.schedule", "0 9 * *"}},
		{"cron spec in an unknown zone", "digest:\n  schedule: \"CRON_TZ=Nowhere/Atlantis 0 9 * * MON\"\n", nil, []string{"digest.schedule", "Nowhere/Atlantis"}},
		{"cron spec in words", "digest:\n  schedule: every monday\n", nil, []string{"digest.schedule"}},
		{"bad message limit", "triage:\n  max_message_bytes: 0\n", nil, []string{"triage.max_message_bytes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r *strings.Reader
			if tt.yaml != "" {
				r = strings.NewReader(tt.yaml)
			}
			var err error
			if r != nil {
				_, err = Load(r, tt.env, noEnv)
			} else {
				_, err = Load(nil, tt.env, noEnv)
			}
			if err == nil {
				t.Fatal("Load succeeded, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not name %q", err, w)
				}
			}
		})
	}
}

func TestSecrets(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "token")
	if err := os.WriteFile(file, []byte("xoxb-from-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

	c, err := Load(nil, nil, env(map[string]string{
		"SLACK_BOT_TOKEN_FILE": file, "SLACK_SIGNING_SECRET": "s3cret",
		"DATABASE_URL": "postgres://u:pw@db/x",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Secrets.SlackBotToken != "xoxb-from-file" || c.Secrets.DatabaseURL != "postgres://u:pw@db/x" {
		t.Errorf("secrets = %+v", c.Secrets)
	}
	out, err := c.YAML()
	if err != nil {
		t.Fatal(err)
	}
	for _, leak := range []string{"xoxb-from-file", "s3cret", "pw@db"} {
		if strings.Contains(string(out), leak) {
			t.Errorf("config output leaks %q", leak)
		}
	}
	if !strings.Contains(string(out), "SLACK_BOT_TOKEN: (set, redacted)") {
		t.Errorf("config output does not say the token is set:\n%s", out)
	}
	// The printed configuration is a valid config file.
	back, err := Load(strings.NewReader(string(out)), nil, noEnv)
	if err != nil {
		t.Fatalf("the output of YAML() does not load back: %v", err)
	}
	if back.HTTP.Addr != c.HTTP.Addr || back.Triage.Bands != c.Triage.Bands || len(back.Triage.Languages) != len(c.Triage.Languages) {
		t.Errorf("round trip changed the configuration")
	}

	_, err = Load(nil, nil, env(map[string]string{"TELEGRAM_BOT_TOKEN": "a", "TELEGRAM_BOT_TOKEN_FILE": file}))
	if err == nil || !strings.Contains(err.Error(), "TELEGRAM_BOT_TOKEN_FILE") {
		t.Errorf("both TELEGRAM_BOT_TOKEN and _FILE: err = %v, want it named", err)
	}
	// What a channel needs is its adapter's to say: `digest --post` needs
	// the bot token alone.
	if _, err = Load(nil, nil, env(map[string]string{"SLACK_BOT_TOKEN": "x", "TELEGRAM_BOT_TOKEN": "y"})); err != nil {
		t.Errorf("bot tokens without the signing and webhook secrets: err = %v, want none", err)
	}
}

func FuzzLoad(f *testing.F) {
	f.Add("http:\n  addr: \":1\"\n")
	f.Add("triage:\n  languages:\n    en:\n      labels: {help: x}\n")
	f.Add("- [")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 4096 {
			return
		}
		c, err := Load(strings.NewReader(s), nil, noEnv)
		if err == nil && c == nil {
			t.Fatal("nil config without error")
		}
	})
}

func TestDigestScheduleParsedByLoad(t *testing.T) {
	c, err := Load(strings.NewReader("digest:\n  schedule: \"CRON_TZ=Europe/Berlin 30 8 * * MON\"\n"), nil, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	s, err := c.DigestSchedule()
	if err != nil || s.Zone.String() != "Europe/Berlin" || s.Cron == nil {
		t.Fatalf("DigestSchedule() = %+v, %v; want the Berlin schedule", s, err)
	}
	from := time.Date(2026, 11, 30, 0, 0, 0, 0, s.Zone) // a Monday
	if next := s.Cron.Next(from); !next.Equal(time.Date(2026, 11, 30, 8, 30, 0, 0, s.Zone)) {
		t.Errorf("next run after %v = %v, want Monday 08:30 in Berlin", from, next)
	}
	c.Digest.Schedule = "@daily" // changed after Load: parsed now
	if s, err := c.DigestSchedule(); err != nil || s.Spec != "@daily" {
		t.Errorf("DigestSchedule() after a change = %+v, %v; want @daily", s, err)
	}
	c.Digest.Schedule = "soon"
	if _, err := c.DigestSchedule(); err == nil || !strings.Contains(err.Error(), "digest.schedule") {
		t.Errorf("DigestSchedule() of %q: err = %v, want one naming digest.schedule", "soon", err)
	}
}
