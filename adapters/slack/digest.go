package slack

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"

	slackapi "github.com/slack-go/slack"

	"github.com/triagebot/triagebot/bot"
)

// DigestPoster posts the weekly digest to one Slack channel: a Block Kit
// message with a plain-text fallback, then the chart as a file shared to
// the channel through the files upload v2 flow (files.getUploadURLExternal,
// the upload, files.completeUploadExternal). It is safe for concurrent use.
type DigestPoster struct {
	api     *slackapi.Client
	channel string
	log     *slog.Logger
	// retry bounds the chart upload's own retries (bot.Retry's defaults).
	retry bot.RetryPolicy
}

var _ bot.DigestPoster = (*DigestPoster)(nil)

// NewDigestPoster returns a poster for channel (an id such as C0123456789)
// through api, a client built with the bot token (and slack.OptionAPIURL
// where the API is not Slack's own). log may be nil.
func NewDigestPoster(api *slackapi.Client, channel string, log *slog.Logger) *DigestPoster {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &DigestPoster{api: api, channel: channel, log: log.With("adapter", "slack", "channel", channel)}
}

// PostDigest posts d and, when chart is not empty, uploads it beside. The
// error of a failed message is classified for bot.Retry. Once the message
// is posted the digest counts as delivered: a chart that fails to upload
// (after its own retries) is logged, not returned, so that a retry of the
// whole post does not show the digest twice.
func (p *DigestPoster) PostDigest(ctx context.Context, d bot.Digest, chart []byte) error {
	_, _, err := p.api.PostMessageContext(ctx, p.channel,
		slackapi.MsgOptionBlocks(digestBlocks(d)...),
		slackapi.MsgOptionText(bot.RenderDigestText(d), false))
	if err != nil {
		return fmt.Errorf("slack: post digest %s to %s: %w", d.Week, p.channel, classify(err))
	}
	if len(chart) == 0 {
		return nil
	}
	err = bot.Retry(ctx, p.retry, func(ctx context.Context) error {
		_, err := p.api.UploadFileContext(ctx, slackapi.UploadFileParameters{
			Reader:   bytes.NewReader(chart),
			FileSize: len(chart),
			Filename: "digest-" + d.Week + ".png",
			Title:    "Inquiries by model, " + d.Week,
			AltTxt:   chartAltText(d),
			Channel:  p.channel,
		})
		return classify(err)
	})
	if err != nil {
		p.log.Warn("digest chart not uploaded; the digest text is posted", "week", d.Week, "code", slackCode(err), "err", err)
	}
	return nil
}

// chartAltText describes the chart for screen readers.
func chartAltText(d bot.Digest) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Bar chart of the %d inquiries of %s per day, by model:", d.Total, d.Week)
	for _, m := range bot.DigestModels() {
		fmt.Fprintf(&b, " %s %d", m, d.ByModel[m])
	}
	return b.String()
}

// digestBlocks renders d as Block Kit: a header, the period and the
// summary, then one section per part of the digest. User-supplied text
// (buyer names, channels) is escaped for mrkdwn.
func digestBlocks(d bot.Digest) []slackapi.Block {
	last := d.To.AddDate(0, 0, -1)
	when := fmt.Sprintf("%s – %s (%s)", d.From.Format("Mon 2 Jan"), last.Format("Mon 2 Jan 2006"), d.Zone)
	if d.Late {
		when += " · posted late"
	}
	blocks := []slackapi.Block{
		slackapi.NewHeaderBlock(plain(trim("Weekly digest "+d.Week, 150))),
		slackapi.NewContextBlock("", mrkdwn(escape(when))),
		section("*" + escape(bot.DigestSummary(d)) + "*"),
	}
	for _, s := range bot.DigestSections(d) {
		var b strings.Builder
		b.WriteString("*" + escape(s.Title) + "*")
		for _, it := range s.Items {
			b.WriteString("\n• " + escape(it))
		}
		blocks = append(blocks, section(trim(b.String(), 3000)))
	}
	return blocks
}
