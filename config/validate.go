package config

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// Validate reports every problem of config's own keys at once, each naming
// its key, and changes nothing. The engine's settings under triage (bands,
// rates, texts) are the engine's to judge (triage.Rules.Check): each is
// read in one place. digest.schedule is parsed with robfig/cron's parser,
// the one the scheduler runs (Load keeps the parse: DigestSchedule). Which secrets a channel needs is its adapter's to say when serve
// builds it, so that a command such as `digest --post` asks only for what
// it uses.
func (c *Config) Validate() error {
	_, err := c.validate()
	return err
}

// validate is Validate that also returns the parsed digest schedule.
func (c *Config) validate() (Schedule, error) {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", key, fmt.Sprintf(format, args...)))
	}
	oneOf := func(key, val string, allowed ...string) {
		for _, a := range allowed {
			if val == a {
				return
			}
		}
		bad(key, "%q is not one of %s", val, strings.Join(allowed, ", "))
	}

	oneOf("log.level", c.Log.Level, "debug", "info", "warn", "error")
	oneOf("log.format", c.Log.Format, "text", "json")
	if _, _, err := net.SplitHostPort(c.HTTP.Addr); err != nil {
		bad("http.addr", "want host:port such as :8080 (%v)", err)
	}
	if c.HTTP.MetricsAddr != "" {
		if _, _, err := net.SplitHostPort(c.HTTP.MetricsAddr); err != nil {
			bad("http.metrics_addr", "want host:port such as 127.0.0.1:9090, or empty (%v)", err)
		} else if c.HTTP.MetricsAddr == c.HTTP.Addr {
			bad("http.metrics_addr", "is http.addr; leave it empty to serve both there")
		}
	}
	if c.HTTP.MaxBodyBytes <= 0 {
		bad("http.max_body_bytes", "must be positive")
	}
	if c.HTTP.ShutdownTimeout <= 0 {
		bad("http.shutdown_timeout", "must be positive")
	}
	if strings.TrimSpace(c.DataDir) == "" {
		bad("data_dir", "must not be empty")
	}
	if c.Database.MaxConns <= 0 {
		bad("database.max_conns", "must be positive")
	}
	if c.Conversation.IdleExpiry <= 0 {
		bad("conversation.idle_expiry", "must be positive")
	}
	if c.Conversation.ChatCap < 0 {
		bad("conversation.chat_cap", "must not be negative (0 turns the cap off)")
	}
	if c.Conversation.ChatWindow <= 0 {
		bad("conversation.chat_window", "must be positive")
	}
	if c.Triage.MaxMessageBytes <= 0 {
		bad("triage.max_message_bytes", "must be positive")
	}

	if err := checkURL(c.Slack.APIURL); err != nil {
		bad("slack.api_url", "%v", err)
	}
	oneOf("slack.mode", c.Slack.Mode, "events", "socket")
	if err := checkURL(c.Telegram.APIURL); err != nil {
		bad("telegram.api_url", "%v", err)
	}
	oneOf("telegram.mode", c.Telegram.Mode, "webhook", "polling")
	if c.Telegram.PublicURL != "" {
		if u, err := url.Parse(c.Telegram.PublicURL); err != nil || u.Scheme != "https" || u.Host == "" {
			bad("telegram.public_url", "want an https:// URL that Telegram can reach")
		}
	}
	var sched Schedule
	if strings.TrimSpace(c.Digest.Schedule) == "" {
		bad("digest.schedule", "must not be empty")
	} else if s, err := ParseSchedule(c.Digest.Schedule); err != nil {
		bad("digest.schedule", "%v", err)
	} else {
		sched = s
	}
	return sched, errors.Join(errs...)
}

func checkURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return err
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return fmt.Errorf("want an http(s) URL, got %q", s)
	}
	return nil
}
