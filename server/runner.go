package server

import (
	"context"
	"log/slog"
	"time"

	"github.com/triagebot/triagebot/bot"
)

// Runner is a long-running part of serve: an adapter's workers, polling or
// socket loop, or the digest scheduler.
type Runner struct {
	Name string
	Run  func(ctx context.Context) error
	// Ready, if set, tells whether the runner can take requests yet (an
	// adapter that must learn its bot's identity first).
	Ready func() bool
}

// NewRunner makes a Runner of v, with its readiness if v reports it.
func NewRunner(name string, v interface{ Run(context.Context) error }) Runner {
	r := Runner{Name: name, Run: v.Run}
	if rd, ok := v.(interface{ Ready() bool }); ok {
		r.Ready = rd.Ready
	}
	return r
}

// NewWorker is the runner of the deployment's background work: the core's
// triage of recorded events and the outbox dispatcher, both on the replica
// that holds the store's worker lock (a PostgreSQL advisory lock, or a lock
// file beside the SQLite file), so that one process paces each platform
// for the whole deployment. When it dies, its lock goes with its database
// session and another replica takes over within a second or two. A store
// that is no bot.Locker runs the worker unelected.
func NewWorker(core *bot.Core, st bot.DispatchStore, senders map[string]bot.Sender, log *slog.Logger, m bot.SendObserver) (Runner, error) {
	d, err := bot.NewDispatcher(bot.DispatcherOptions{
		Store: st, Senders: senders, Log: log, Metrics: m,
		Rates: map[string]bot.RatePolicy{bot.PlatformTelegram: bot.TelegramRates(), bot.PlatformSlack: bot.SlackRates()},
	})
	if err != nil {
		return Runner{}, err
	}
	core.OnQueued(d.Wake)
	locker, _ := st.(bot.Locker)
	lost, _ := m.(bot.LockObserver) // the metrics count lost locks too
	return Runner{Name: "worker", Run: func(ctx context.Context) error {
		return bot.RunLeading(ctx, locker, bot.WorkerLock, time.Second, log, lost, core.Run, d.Run)
	}}, nil
}
