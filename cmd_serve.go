package main

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/triagebot/triagebot/adapters/slack"
	"github.com/triagebot/triagebot/adapters/telegram"
	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/chart"
	"github.com/triagebot/triagebot/config"
	"github.com/triagebot/triagebot/metrics"
	"github.com/triagebot/triagebot/server"
)

// runServe runs the bot until SIGINT or SIGTERM.
func (c *cli) runServe(ctx context.Context, args []string) int {
	fs, path := c.flagSet("serve", `Usage: triagebot serve [flags]

Runs the bot until SIGINT or SIGTERM: the HTTP server (Slack events,
Telegram webhook, /healthz, /readyz, /metrics), the channels the
configuration turns on, and the weekly digest.`)
	pos, code, done := c.parse(fs, args)
	if done {
		return code
	}
	if len(pos) > 0 {
		return c.fail(2, "serve: unexpected argument %q", pos[0])
	}
	cfg, err := c.loadConfig(*path)
	if err != nil {
		return c.configError(err)
	}
	log := c.logger()
	eng, err := c.engine(cfg)
	if err != nil {
		return c.configError(err)
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m := metrics.New(reg)

	st, err := c.openStore(ctx, cfg)
	if err != nil {
		return c.fail(1, "%v", err)
	}
	defer st.Close()
	unlock, err := c.holdDataDir(ctx, cfg, st)
	if err != nil {
		return c.fail(1, "%v", err)
	}
	defer unlock()
	core, err := bot.NewCore(bot.Options{
		Store: st, Engine: eng, Log: log, Metrics: m,
		IdleExpiry: cfg.Conversation.IdleExpiry, MaxMessageBytes: cfg.Triage.MaxMessageBytes,
		DefaultLanguage: cfg.Triage.DefaultLanguage, LeadChannel: leadChannel(cfg),
		Platforms: platforms(cfg), ChatCap: cfg.Conversation.ChatCap, ChatWindow: cfg.Conversation.ChatWindow,
	})
	if err != nil {
		return c.fail(1, "%v", err)
	}
	mux := http.NewServeMux()
	runners, err := c.wireChannels(ctx, cfg, core, st, mux, m)
	if err != nil {
		return c.configError(err)
	}
	err = server.Run(ctx, server.Options{
		Addr: cfg.HTTP.Addr, OpsAddr: cfg.HTTP.MetricsAddr, ShutdownTimeout: cfg.HTTP.ShutdownTimeout,
		Store: st, Mux: mux, Metrics: promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg}),
		Instrument: m.InstrumentHTTP, Runners: runners, Wait: core.Wait,
		Log: log, Version: buildInfo().Version,
	})
	if err != nil {
		return c.fail(1, "%v", err)
	}
	return 0
}

// wireChannels builds the Slack and Telegram adapters and the digest
// scheduler that the configuration turns on, registers their HTTP routes,
// and says at start which channels are off and why. The background worker
// (the core's triage and the outbox dispatcher, with each adapter's
// Sender) runs on the replica holding the store's worker lock.
func (c *cli) wireChannels(ctx context.Context, cfg *config.Config, core *bot.Core, st store, mux *http.ServeMux, m *metrics.Metrics) ([]server.Runner, error) {
	log := c.logger()
	var runners []server.Runner
	senders := map[string]bot.Sender{}
	var sa *slack.Adapter
	if cfg.Secrets.SlackBotToken == "" {
		log.Warn("slack is off: SLACK_BOT_TOKEN is not set (no /triage, no lead cards)")
	} else {
		var err error
		sa, err = slack.New(slackConfig(cfg), core, log.With("adapter", "slack"), m)
		if err != nil {
			return nil, err
		}
		sa.Register(mux)
		sa.SetForgetter(core)
		senders[bot.PlatformSlack] = sa
		if cfg.Slack.SalesChannel == "" {
			log.Warn("slack lead cards are off: slack.sales_channel is not set")
		}
		runners = append(runners, server.NewRunner("slack", sa))
		log.Info("slack is on", "mode", cfg.Slack.Mode)
	}
	if cfg.Secrets.TelegramBotToken == "" {
		log.Warn("telegram is off: TELEGRAM_BOT_TOKEN is not set")
	} else {
		tcfg := telegramConfig(cfg)
		// Polling has one consumer: replicas contend for the store's lock.
		if l, ok := st.(bot.Locker); ok {
			tcfg.Locker = l
		}
		ta, err := telegram.New(ctx, tcfg, core, log.With("adapter", "telegram"), m)
		if err != nil {
			return nil, err
		}
		ta.Register(mux)
		senders[bot.PlatformTelegram] = ta
		runners = append(runners, server.NewRunner("telegram", ta))
		log.Info("telegram is on", "mode", cfg.Telegram.Mode)
	}

	if len(senders) > 0 {
		w, err := server.NewWorker(core, st, senders, log.With("component", "worker"), m)
		if err != nil {
			return nil, err
		}
		runners = append(runners, w)
	}

	posters, err := c.digestPosters(cfg, log.With("component", "digest"))
	m.Start(metricsBuild(), platforms(cfg), slices.Sorted(maps.Keys(posters)))
	if err != nil {
		return nil, err
	}
	ds, ok := st.(bot.DigestStore)
	if !ok {
		return nil, fmt.Errorf("the store does not support the digest")
	}
	schedule, err := cfg.DigestSchedule()
	if err != nil {
		return nil, err
	}
	sched, err := bot.NewScheduler(bot.SchedulerOptions{
		Schedule: schedule.Cron, Zone: schedule.Zone, Store: ds, Posters: posters, Chart: chart.Render,
		Log: log, Metrics: m, // the scheduler adds its component
	})
	if err != nil {
		return nil, err
	}
	runners = append(runners, server.NewRunner("digest", sched))
	if sa != nil && len(posters) > 0 {
		sa.SetDigestRunner(server.DigestNow{Scheduler: sched, Now: time.Now})
	}
	return runners, nil
}

func slackConfig(cfg *config.Config) slack.Config {
	return slack.Config{
		APIURL: cfg.Slack.APIURL, Mode: cfg.Slack.Mode, SalesChannel: cfg.Slack.SalesChannel,
		BotToken: cfg.Secrets.SlackBotToken, AppToken: cfg.Secrets.SlackAppToken,
		SigningSecret: cfg.Secrets.SlackSigningSecret, AdminUsers: cfg.Slack.AdminUsers,
		MaxBodyBytes: cfg.HTTP.MaxBodyBytes,
	}
}

func telegramConfig(cfg *config.Config) telegram.Config {
	return telegram.Config{
		APIURL: cfg.Telegram.APIURL, Mode: cfg.Telegram.Mode, PublicURL: cfg.Telegram.PublicURL,
		BotToken: cfg.Secrets.TelegramBotToken, WebhookSecret: cfg.Secrets.TelegramWebhookSecret,
		MaxBodyBytes: cfg.HTTP.MaxBodyBytes,
	}
}

// leadChannel is where lead cards go: the sales channel, when Slack is on.
func leadChannel(cfg *config.Config) string {
	if cfg.Secrets.SlackBotToken == "" {
		return ""
	}
	return cfg.Slack.SalesChannel
}

// platforms are the platforms whose events the worker triages.
func platforms(cfg *config.Config) []string {
	var ps []string
	if cfg.Secrets.SlackBotToken != "" {
		ps = append(ps, bot.PlatformSlack)
	}
	if cfg.Secrets.TelegramBotToken != "" {
		ps = append(ps, bot.PlatformTelegram)
	}
	return ps
}
