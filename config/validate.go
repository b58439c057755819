package config

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"sort"
	"strings"

	"github.com/robfig/cron/v3"

	"github.com/triagebot/triagebot/triage"
)

// CronParser is the parser of digest.schedule: five fields, descriptors
// such as @weekly, and a CRON_TZ= prefix for the time zone.
var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ParseSchedule parses a digest schedule spec.
func ParseSchedule(spec string) (cron.Schedule, error) {
	return cronParser.Parse(spec)
}

// Validate reports every problem at once, each naming its key.
func (c *Config) Validate() error {
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
	errs = append(errs, c.Triage.validate()...)

	if err := checkURL(c.Slack.APIURL); err != nil {
		bad("slack.api_url", "%v", err)
	} else if !strings.HasSuffix(c.Slack.APIURL, "/") {
		// slack-go appends method names without a slash.
		c.Slack.APIURL += "/"
	}
	oneOf("slack.mode", c.Slack.Mode, "events", "socket")
	if c.Secrets.SlackBotToken != "" {
		if c.Slack.Mode == "socket" && c.Secrets.SlackAppToken == "" {
			bad("SLACK_APP_TOKEN", "required when slack.mode is socket")
		}
		if c.Slack.Mode == "events" && c.Secrets.SlackSigningSecret == "" {
			bad("SLACK_SIGNING_SECRET", "required when slack.mode is events")
		}
	}
	if err := checkURL(c.Telegram.APIURL); err != nil {
		bad("telegram.api_url", "%v", err)
	}
	c.Telegram.APIURL = strings.TrimSuffix(c.Telegram.APIURL, "/")
	oneOf("telegram.mode", c.Telegram.Mode, "webhook", "polling")
	if c.Telegram.PublicURL != "" {
		if u, err := url.Parse(c.Telegram.PublicURL); err != nil || u.Scheme != "https" || u.Host == "" {
			bad("telegram.public_url", "want an https:// URL that Telegram can reach")
		}
	}
	if c.Secrets.TelegramBotToken != "" && c.Telegram.Mode == "webhook" && c.Secrets.TelegramWebhookSecret == "" {
		bad("TELEGRAM_WEBHOOK_SECRET", "required when telegram.mode is webhook")
	}
	if _, err := ParseSchedule(c.Digest.Schedule); err != nil {
		bad("digest.schedule", "%v", err)
	}
	return errors.Join(errs...)
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

func (t *Triage) validate() []error {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("triage.%s: %s", key, fmt.Sprintf(format, args...)))
	}
	if t.MaxMessageBytes <= 0 {
		bad("max_message_bytes", "must be positive")
	}
	for name, b := range map[string]triage.Band{"odm": t.Bands.ODM, "oem": t.Bands.OEM, "cm": t.Bands.CM} {
		if b.MOQMin <= 0 {
			bad("bands."+name+".moq_min", "must be positive")
		}
		if b.MOQMax != 0 && b.MOQMax < b.MOQMin {
			bad("bands."+name+".moq_max", "is below moq_min")
		}
		if b.InvestMaxUSD != 0 && b.InvestMaxUSD < b.InvestMinUSD {
			bad("bands."+name+".invest_max_usd", "is below invest_min_usd")
		}
		if b.LeadMaxDays < b.LeadMinDays {
			bad("bands."+name+".lead_max_days", "is below lead_min_days")
		}
	}
	codes := make([]string, 0, len(t.Rates))
	for code := range t.Rates {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	for _, code := range codes {
		if len(code) != 3 || strings.ToUpper(code) != code {
			bad("rates."+code, "want an upper-case ISO 4217 code")
		}
		if t.Rates[code] <= 0 {
			bad("rates."+code, "must be positive")
		}
	}
	if t.Weights.Quantity < 0 || t.Weights.Budget < 0 || t.Weights.LeadTime < 0 {
		bad("weights", "must not be negative")
	}
	if len(t.Languages) > 0 {
		if _, ok := t.Languages[t.DefaultLanguage]; !ok {
			bad("default_language", "%q has no entry under triage.languages", t.DefaultLanguage)
		}
	}
	return errs
}
