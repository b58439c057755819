package telegram

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	tgbot "github.com/go-telegram/bot"
)

// DigestConfig is what posting the digest to one Telegram chat needs: no
// webhook secret, no mode.
type DigestConfig struct {
	// APIURL is the Bot API server ("" means Telegram's own).
	APIURL   string
	BotToken string
	// Chat is a numeric chat id ("-1001234567890") or a channel's "@name".
	Chat string
}

// digestCallTimeout bounds one call of the digest poster (the chart upload
// is the longest).
const digestCallTimeout = time.Minute

// NewDigestPosterFor builds a poster with its own Bot API client, whose
// calls time out. It makes no network call. log may be nil.
func NewDigestPosterFor(cfg DigestConfig, log *slog.Logger) (*DigestPoster, error) {
	if strings.TrimSpace(cfg.BotToken) == "" {
		return nil, errors.New("telegram: the digest needs TELEGRAM_BOT_TOKEN")
	}
	api, err := tgbot.New(cfg.BotToken,
		tgbot.WithServerURL(serverURL(cfg.APIURL)),
		tgbot.WithSkipGetMe(),
		tgbot.WithHTTPClient(digestCallTimeout, &http.Client{Timeout: digestCallTimeout}))
	if err != nil {
		// The library's errors do not carry the token.
		return nil, fmt.Errorf("telegram: digest client: %w", err)
	}
	return NewDigestPoster(api, cfg.Chat, log), nil
}

// serverURL normalises a Bot API server URL: "" is Telegram's own, and a
// trailing slash goes (the library adds one before the token).
func serverURL(u string) string {
	if u == "" {
		return "https://api.telegram.org"
	}
	return strings.TrimSuffix(u, "/")
}
