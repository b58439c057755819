package slack

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"

	slackapi "github.com/slack-go/slack"
)

// DigestConfig is what posting the digest to one Slack channel needs: no
// signing secret, no app token, no mode.
type DigestConfig struct {
	// APIURL is the Web API base URL ("" means Slack's own).
	APIURL   string
	BotToken string
	// Channel is a channel id such as C0123456789.
	Channel string
}

// NewDigestPosterFor builds a poster with its own Web API client, whose
// calls time out like the adapter's. log may be nil.
func NewDigestPosterFor(cfg DigestConfig, log *slog.Logger) (*DigestPoster, error) {
	if strings.TrimSpace(cfg.BotToken) == "" {
		return nil, errors.New("slack: the digest needs SLACK_BOT_TOKEN")
	}
	api := slackapi.New(cfg.BotToken,
		slackapi.OptionAPIURL(apiURL(cfg.APIURL)),
		slackapi.OptionHTTPClient(&http.Client{Timeout: callTimeout}))
	return NewDigestPoster(api, strings.TrimSpace(cfg.Channel), log), nil
}

// apiURL normalises a Web API base URL: "" is Slack's own, and a trailing
// slash is added because slack-go joins base and method without one.
func apiURL(u string) string {
	if u == "" {
		return DefaultAPIURL
	}
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}
