package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"
	_ "time/tzdata" // digest zones (CRON_TZ=Asia/Jakarta) in images without a zoneinfo folder

	"github.com/triagebot/triagebot/adapters/slack"
	"github.com/triagebot/triagebot/adapters/telegram"
	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/chart"
	"github.com/triagebot/triagebot/config"
)

const digestUsage = `Usage: triagebot digest [flags]

Prints the weekly digest of the last finished ISO week (or --week) in the
zone of digest.schedule. --chart writes its chart as a PNG. --post also
posts it to digest.slack_channel and digest.telegram_chat, once per week
and destination unless --force; posting needs only the bot tokens of
those destinations (SLACK_BOT_TOKEN, TELEGRAM_BOT_TOKEN).
`

// runDigest is `triagebot digest`.
func (c *cli) runDigest(ctx context.Context, args []string) int {
	fs, configPath := c.flagSet("digest", digestUsage)
	weekFlag := fs.String("week", "", "ISO `week` such as 2026-W47 (default: the last finished week)")
	format := fs.String("format", "text", "output `format`: text, json or markdown")
	post := fs.Bool("post", false, "post the digest now to the configured destinations")
	force := fs.Bool("force", false, "with --post: post even where this week was posted already")
	chartFile := fs.String("chart", "", "also write the digest's chart to `FILE.png`, to look at before posting")
	pos, code, done := c.parse(fs, args)
	if done {
		return code
	}
	if len(pos) > 0 {
		return c.fail(2, "digest: unexpected argument %q (see triagebot digest -h)", pos[0])
	}
	switch *format {
	case "text", "json", "markdown":
	default:
		return c.fail(2, "digest: --format %q: want text, json or markdown", *format)
	}
	if *force && !*post {
		return c.fail(2, "digest: --force only goes with --post")
	}
	cfg, err := c.loadConfig(*configPath)
	if err != nil {
		return c.configError(err)
	}
	schedule, err := cfg.DigestSchedule()
	if err != nil {
		return c.configError(err)
	}
	zone := schedule.Zone
	var p bot.Period
	if *weekFlag != "" {
		if p, err = bot.ParseWeek(*weekFlag, zone); err != nil {
			return c.fail(2, "digest: --week: %v", err)
		}
	} else {
		p = bot.LastFinishedWeek(time.Now(), zone)
	}
	var posters map[string]bot.DigestPoster
	if *post {
		if posters, err = c.digestPosters(cfg, c.logger()); err != nil {
			return c.configError(err)
		}
		if len(posters) == 0 {
			return c.fail(2, "digest: --post: neither digest.slack_channel nor digest.telegram_chat is set")
		}
	}

	st, err := c.openMigrated(ctx, cfg)
	if err != nil {
		return c.fail(1, "digest: %v", err)
	}
	defer st.Close()
	ds, ok := st.(bot.DigestStore)
	if !ok {
		return c.fail(1, "digest: the %T store cannot compute digests", st)
	}
	d, err := bot.ComposeDigest(ctx, ds, p)
	if err != nil {
		return c.fail(1, "digest: %v", err)
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(d); err != nil {
			return c.fail(1, "digest: %v", err)
		}
	case "markdown":
		fmt.Fprint(c.stdout, bot.RenderDigestMarkdown(d))
	default:
		fmt.Fprint(c.stdout, bot.RenderDigestText(d))
	}
	if *chartFile != "" {
		png, err := chart.Render(d)
		if err == nil {
			err = os.WriteFile(*chartFile, png, 0o644)
		}
		if err != nil {
			return c.fail(1, "digest: --chart: %v", err)
		}
		fmt.Fprintf(c.stderr, "digest %s chart written to %s\n", p.Week, *chartFile)
	}
	if !*post {
		return 0
	}

	sched, err := bot.NewScheduler(bot.SchedulerOptions{
		Schedule: schedule.Cron, Zone: schedule.Zone, Store: ds, Posters: posters, Chart: chart.Render,
		Log: c.logger(), Claimant: "triagebot digest --post",
	})
	if err != nil {
		return c.configError(err)
	}
	code = 0
	for _, r := range sched.Post(ctx, p, *force) {
		switch {
		case r.Err != nil:
			fmt.Fprintf(c.stderr, "triagebot: digest %s: %s: %v\n", p.Week, r.Destination, r.Err)
			code = 1
		case r.Posted:
			fmt.Fprintf(c.stderr, "digest %s posted to %s\n", p.Week, r.Destination)
		default:
			fmt.Fprintf(c.stderr, "digest %s was already posted to %s (or is being posted); --force posts it again\n", p.Week, r.Destination)
		}
	}
	return code
}

// digestPosters builds a poster for each configured digest destination,
// named "slack:<channel>" and "telegram:<chat>" (the names the exactly-once
// records are kept under). A destination without its bot token is an
// error naming the variable. `serve` passes the same map to
// bot.NewScheduler.
func (c *cli) digestPosters(cfg *config.Config, log *slog.Logger) (map[string]bot.DigestPoster, error) {
	posters := map[string]bot.DigestPoster{}
	var errs []error
	if ch := strings.TrimSpace(cfg.Digest.SlackChannel); ch != "" {
		p, err := slack.NewDigestPosterFor(slack.DigestConfig{
			APIURL: cfg.Slack.APIURL, BotToken: cfg.Secrets.SlackBotToken, Channel: ch,
		}, log)
		if err != nil {
			errs = append(errs, fmt.Errorf("digest.slack_channel: %w", err))
		} else {
			posters["slack:"+ch] = p
		}
	}
	if chat := strings.TrimSpace(cfg.Digest.TelegramChat); chat != "" {
		p, err := telegram.NewDigestPosterFor(telegram.DigestConfig{
			APIURL: cfg.Telegram.APIURL, BotToken: cfg.Secrets.TelegramBotToken, Chat: chat,
		}, log)
		if err != nil {
			errs = append(errs, fmt.Errorf("digest.telegram_chat: %w", err))
		} else {
			posters["telegram:"+chat] = p
		}
	}
	return posters, errors.Join(errs...)
}
