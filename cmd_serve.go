package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
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
	ready := &readiness{log: log}
	migrated := make(chan struct{})
	go migrateWithRetry(ctx, st, ready, migrated, log)

	core, err := bot.NewCore(bot.Options{
		Store: st, Engine: eng, Log: log, Metrics: m,
		IdleExpiry: cfg.Conversation.IdleExpiry, MaxMessageBytes: cfg.Triage.MaxMessageBytes,
		DefaultLanguage: cfg.Triage.DefaultLanguage, LeadChannel: leadChannel(cfg),
		Platforms: platforms(cfg), ChatCap: cfg.Conversation.ChatCap, ChatWindow: cfg.Conversation.ChatWindow,
	})
	if err != nil {
		return c.fail(1, "%v", err)
	}

	// The operator's endpoints go on their own listener when
	// http.metrics_addr is set, so that the platforms' port can be public
	// while health and metrics stay inside.
	mux, ops := http.NewServeMux(), http.NewServeMux()
	if cfg.HTTP.MetricsAddr == "" {
		ops = mux
	}
	ops.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	ops.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		// The body says ready or not, nothing more: database errors name
		// users, hosts and ports. The reason goes to the log.
		if err := ready.check(r.Context(), st); err != nil {
			ready.notReady(err.Error())
			http.Error(w, "not ready", http.StatusServiceUnavailable)
			return
		}
		for _, rn := range ready.channels() {
			if rn.ready != nil && !rn.ready() {
				ready.notReady(rn.name + " is starting")
				http.Error(w, "not ready", http.StatusServiceUnavailable)
				return
			}
		}
		ready.notReady("")
		fmt.Fprintln(w, "ready")
	})
	ops.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg}))

	runners, err := c.wireChannels(ctx, cfg, core, st, mux, m)
	if err != nil {
		return c.configError(err)
	}
	ready.setChannels(runners)

	ln, err := net.Listen("tcp", cfg.HTTP.Addr)
	if err != nil {
		return c.fail(1, "listen on %s (http.addr): %v", cfg.HTTP.Addr, err)
	}
	srv := &http.Server{
		Handler:           m.InstrumentHTTP(mux),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	log.Info("triagebot serving", "addr", ln.Addr().String(), "version", buildInfo().Version)
	if ops != mux {
		stopOps, err := c.serveOps(cfg.HTTP.MetricsAddr, m.InstrumentHTTP(ops), log)
		if err != nil {
			return c.fail(1, "%v", err)
		}
		defer stopOps(ctx, cfg.HTTP.ShutdownTimeout)
	}

	// Channels start once the schema is there: before, they could only fail.
	var wg sync.WaitGroup
	runCtx, cancelRun := context.WithCancel(ctx)
	defer cancelRun()
	go func() {
		select {
		case <-migrated:
		case <-runCtx.Done():
			return
		}
		for _, r := range runners {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := r.run(runCtx); err != nil {
					log.Error("channel stopped", "channel", r.name, "err", err)
				}
			}()
		}
	}()

	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	select {
	case err := <-serveErr:
		return c.fail(1, "http server: %v", err)
	case <-ctx.Done():
	}

	log.Info("shutting down: finishing in-flight work")
	shutCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.HTTP.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		log.Warn("http shutdown", "err", err)
	}
	// Background work (the worker, the dispatcher's sends in flight, admin
	// digests and forgets) runs on runCtx: it ends, and is waited for,
	// before the store closes.
	cancelRun()
	wg.Wait()
	core.Wait()
	log.Info("stopped")
	return 0
}

// runner is a long-running part of serve: an adapter's workers, polling or
// socket loop, or the digest scheduler.
type runner struct {
	name string
	run  func(ctx context.Context) error
	// ready, if set, tells whether the runner can take requests yet (an
	// adapter that must learn its bot's identity first).
	ready func() bool
}

// newRunner makes a runner of v, with its readiness if v reports it.
func newRunner(name string, v interface{ Run(context.Context) error }) runner {
	r := runner{name: name, run: v.Run}
	if rd, ok := v.(interface{ Ready() bool }); ok {
		r.ready = rd.Ready
	}
	return r
}

// readiness tracks whether the store is migrated and reachable and the
// channels have started.
type readiness struct {
	log      *slog.Logger
	reason   atomic.Pointer[string] // why the last probe was not ready ("": it was)
	migrated atomic.Bool
	lastErr  atomic.Pointer[error]
	runners  atomic.Pointer[[]runner]
}

func (r *readiness) setChannels(rs []runner) { r.runners.Store(&rs) }

func (r *readiness) channels() []runner {
	if p := r.runners.Load(); p != nil {
		return *p
	}
	return nil
}

func (r *readiness) check(ctx context.Context, st interface{ Ping(context.Context) error }) error {
	if !r.migrated.Load() {
		if p := r.lastErr.Load(); p != nil {
			return fmt.Errorf("database not migrated yet: %w", *p)
		}
		return errors.New("database not migrated yet")
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := st.Ping(ctx); err != nil {
		return fmt.Errorf("database unreachable: %w", err)
	}
	return nil
}

// migrateWithRetry applies migrations, retrying with capped exponential
// backoff while the database is unreachable, so that a database that comes
// up late does not put the bot in a crash loop.
func migrateWithRetry(ctx context.Context, st interface{ Migrate(context.Context) error }, ready *readiness, done chan<- struct{}, log *slog.Logger) {
	wait := time.Second
	for {
		err := st.Migrate(ctx)
		if err == nil {
			ready.migrated.Store(true)
			close(done)
			return
		}
		ready.lastErr.Store(&err)
		log.Error("database migration failed; retrying", "err", err, "retry_in", wait)
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(wait*2, 30*time.Second)
	}
}

// wireChannels builds the Slack and Telegram adapters and the digest
// scheduler that the configuration turns on, registers their HTTP routes,
// and says at start which channels are off and why. The background worker
// (the core's triage and the outbox dispatcher, with each adapter's
// Sender) runs on the replica holding the store's worker lock.
func (c *cli) wireChannels(ctx context.Context, cfg *config.Config, core *bot.Core, st store, mux *http.ServeMux, m *metrics.Metrics) ([]runner, error) {
	log := c.logger()
	var runners []runner
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
		runners = append(runners, newRunner("slack", sa))
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
		runners = append(runners, newRunner("telegram", ta))
		log.Info("telegram is on", "mode", cfg.Telegram.Mode)
	}

	if len(senders) > 0 {
		w, err := newWorker(core, st, senders, log.With("component", "worker"), m)
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
	sched, err := bot.NewScheduler(bot.SchedulerOptions{
		Spec: cfg.Digest.Schedule, Store: ds, Posters: posters, Chart: chart.Render,
		Log: log, Metrics: m, // the scheduler adds its component
	})
	if err != nil {
		return nil, err
	}
	runners = append(runners, newRunner("digest", sched))
	if sa != nil && len(posters) > 0 {
		sa.SetDigestRunner(digestNow{sched, time.Now})
	}
	return runners, nil
}

// digestNow posts the digest when a Slack admin asks, through the same
// scheduler (and so the same exactly-once records) as the weekly run.
type digestNow struct {
	s   *bot.Scheduler
	now func() time.Time
}

// PostDigest implements slack.DigestRunner.
func (d digestNow) PostDigest(ctx context.Context, week string, force bool) (string, error) {
	p := bot.LastFinishedWeek(d.now(), d.s.Zone())
	if week != "" {
		var err error
		if p, err = bot.ParseWeek(week, d.s.Zone()); err != nil {
			return "", err
		}
	}
	var lines []string
	for _, r := range d.s.Post(ctx, p, force) {
		switch {
		case r.Err != nil:
			lines = append(lines, fmt.Sprintf("%s: failed: %v", r.Destination, r.Err))
		case r.Posted:
			lines = append(lines, fmt.Sprintf("%s: posted %s", r.Destination, p.Week))
		default:
			lines = append(lines, fmt.Sprintf("%s: %s was already posted (add force to post it again)", r.Destination, p.Week))
		}
	}
	return strings.Join(lines, "\n"), nil
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

// newWorker is the runner of the deployment's background work: the core's
// triage of recorded events and the outbox dispatcher, both on the replica
// that holds the store's worker lock (a PostgreSQL advisory lock, or a lock
// file beside the SQLite file), so that one process paces each platform
// for the whole deployment. When it dies, its lock goes with its database
// session and another replica takes over within a second or two.
func newWorker(core *bot.Core, st store, senders map[string]bot.Sender, log *slog.Logger, m *metrics.Metrics) (runner, error) {
	d, err := bot.NewDispatcher(bot.DispatcherOptions{
		Store: st, Senders: senders, Log: log, Metrics: m,
		Rates: map[string]bot.RatePolicy{bot.PlatformTelegram: bot.TelegramRates(), bot.PlatformSlack: bot.SlackRates()},
	})
	if err != nil {
		return runner{}, err
	}
	core.OnQueued(d.Wake)
	locker, _ := st.(bot.Locker)
	return runner{name: "worker", run: func(ctx context.Context) error {
		return bot.RunLeading(ctx, locker, bot.WorkerLock, time.Second, log, core.Run, d.Run)
	}}, nil
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
