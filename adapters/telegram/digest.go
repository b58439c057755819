package telegram

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/triagebot/triagebot/bot"
)

// DigestPoster posts the weekly digest to one Telegram chat (a managers'
// group or channel): an HTML message, then the chart with sendPhoto. It is
// safe for concurrent use.
type DigestPoster struct {
	api  *tgbot.Bot
	chat any // int64 id, or "@channelname"
	name string
	log  *slog.Logger
	// retry bounds the photo's own retries (bot.Retry's defaults).
	retry bot.RetryPolicy
}

var _ bot.DigestPoster = (*DigestPoster)(nil)

// NewDigestPoster returns a poster for chat, a numeric chat id
// ("-1001234567890") or a public channel's "@name", through api. log may
// be nil.
func NewDigestPoster(api *tgbot.Bot, chat string, log *slog.Logger) *DigestPoster {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	var id any = chat
	if n, err := strconv.ParseInt(strings.TrimSpace(chat), 10, 64); err == nil {
		id = n
	}
	return &DigestPoster{api: api, chat: id, name: chat, log: log.With("adapter", "telegram", "chat", chat)}
}

// PostDigest sends d as HTML and, when chart is not empty, the chart as a
// photo. The error of a failed message is classified for bot.Retry; once
// the message is sent the digest counts as delivered, and a photo that
// fails (after its own retries) is logged, so a retry of the whole post
// does not send the digest twice.
func (p *DigestPoster) PostDigest(ctx context.Context, d bot.Digest, chart []byte) error {
	_, err := p.api.SendMessage(ctx, &tgbot.SendMessageParams{
		ChatID:             p.chat,
		Text:               digestHTML(d),
		ParseMode:          models.ParseModeHTML,
		LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: tgbot.True()},
	})
	if err != nil {
		return fmt.Errorf("telegram: send digest %s to %s: %w", d.Week, p.name, classify(err))
	}
	if len(chart) == 0 {
		return nil
	}
	err = bot.Retry(ctx, p.retry, func(ctx context.Context) error {
		_, err := p.api.SendPhoto(ctx, &tgbot.SendPhotoParams{
			ChatID:  p.chat,
			Photo:   &models.InputFileUpload{Filename: "digest-" + d.Week + ".png", Data: bytes.NewReader(chart)},
			Caption: "Inquiries by model, " + d.Week,
		})
		return classify(err)
	})
	if err != nil {
		p.log.Warn("digest chart not sent; the digest text is", "week", d.Week, "err", err)
	}
	return nil
}

// digestHTML renders d in Telegram's HTML parse mode: the headline in
// bold, the period in italics, then each section as a bold title with
// bullet lines. All digest text is escaped, so buyer names show as written.
func digestHTML(d bot.Digest) string {
	last := d.To.AddDate(0, 0, -1)
	when := fmt.Sprintf("%s – %s (%s)", d.From.Format("Mon 2 Jan"), last.Format("Mon 2 Jan 2006"), d.Zone)
	if d.Late {
		when += " · posted late"
	}
	var b strings.Builder
	b.WriteString("<b>" + escape("Weekly digest "+d.Week) + "</b>\n")
	b.WriteString("<i>" + escape(when) + "</i>\n\n")
	b.WriteString(escape(bot.DigestSummary(d)) + "\n")
	for _, s := range bot.DigestSections(d) {
		b.WriteString("\n<b>" + escape(s.Title) + "</b>\n")
		for _, it := range s.Items {
			b.WriteString("• " + escape(it) + "\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}
