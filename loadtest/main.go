// Command loadtest is the load-and-fault proof of triagebot's delivery
// path. It starts one or more `triagebot serve` replicas (SQLite, or
// PostgreSQL with -database-url) against fake Telegram and Slack APIs it
// serves itself, fires Telegram updates and signed Slack events at them
// (round robin, a refused or failed request tried on the next replica, as
// a load balancer and the platforms' redeliveries would), with duplicates
// mixed in and scripted faults: kill -9 a replica mid-run and restart it,
// Slack answering 429 with Retry-After or 500 for a while, Telegram
// holding sends past the bot's timeout. At the end it checks the fakes and
// the store: every distinct event answered exactly once, every lead card
// posted once. It prints lost and duplicated replies and cards, the
// acknowledgement and reply-latency percentiles, the peak send rates the
// fakes saw, and each replica's peak RSS.
//
//	go build -o /tmp/triagebot . && go run ./loadtest -bin /tmp/triagebot -n 5000 -rate 1000
//	go run ./loadtest -bin /tmp/triagebot -replicas 3 -database-url postgres://127.0.0.1/test \
//	    -n 3000 -slack 600 -rate 300 -kill-at 5s -slack-429 8s:10s -tg-hang 12s:4s
//
// Everything stays on 127.0.0.1 and is bounded by -n, -slack and -timeout.
// With -database-url it works in a schema of its own, dropped at the end.
package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"
)

const (
	token        = "123456:loadtest"
	secret       = "loadtest-secret"
	signing      = "loadtest-signing-secret"
	salesChannel = "CSALES"
)

// options are the command line.
type options struct {
	bin                  string
	n, perChat, slackN   int
	conc, replicas       int
	rate, dup            float64
	timeout, drain       time.Duration
	dsn                  string
	killAt, restartAfter time.Duration
	slack429, slack500   window
	retryAfter           int
	tgHang               window
	chatCap              int
}

func main() {
	var o options
	var s429, s500, hang string
	flag.StringVar(&o.bin, "bin", "", "triagebot binary to run (required)")
	flag.IntVar(&o.n, "n", 3000, "Telegram updates to send")
	flag.IntVar(&o.perChat, "per-chat", 1, "Telegram updates per chat")
	flag.IntVar(&o.slackN, "slack", 0, "Slack events (DMs) to send; 0: Slack off")
	flag.IntVar(&o.conc, "c", 64, "concurrent clients")
	flag.Float64Var(&o.rate, "rate", 0, "requests a second (0: as fast as the clients go)")
	flag.Float64Var(&o.dup, "dup", 0.05, "fraction of deliveries sent twice (platform redeliveries)")
	flag.IntVar(&o.replicas, "replicas", 1, "serve processes behind the round robin")
	flag.StringVar(&o.dsn, "database-url", "", "PostgreSQL URL (default: SQLite in a temp dir)")
	flag.DurationVar(&o.timeout, "timeout", 5*time.Minute, "give up after this long")
	flag.DurationVar(&o.drain, "drain", 0, "how long to wait for the replies after the last request (0: until -timeout)")
	flag.DurationVar(&o.killAt, "kill-at", 0, "kill -9 replica 1 (the worker) this long after the start (0: never)")
	flag.DurationVar(&o.restartAfter, "restart-after", 3*time.Second, "restart the killed replica after this long")
	flag.StringVar(&s429, "slack-429", "", "START:DURATION of Slack answering chat.* with 429")
	flag.IntVar(&o.retryAfter, "retry-after", 2, "Retry-After seconds of the Slack 429s")
	flag.StringVar(&s500, "slack-500", "", "START:DURATION of Slack answering chat.* with 500")
	flag.StringVar(&hang, "tg-hang", "", "START:DURATION of Telegram holding sendMessage 7s (past the send timeout)")
	flag.IntVar(&o.chatCap, "chat-cap", 0, "conversation.chat_cap for the replicas (0: the default)")
	flag.Parse()
	if o.bin == "" {
		fmt.Fprintln(os.Stderr, "loadtest: -bin is required (go build -o /tmp/triagebot .)")
		os.Exit(2)
	}
	var err error
	for _, w := range []struct {
		s string
		w *window
	}{{s429, &o.slack429}, {s500, &o.slack500}, {hang, &o.tgHang}} {
		if *w.w, err = parseWindow(w.s); err != nil {
			fmt.Fprintln(os.Stderr, "loadtest:", err)
			os.Exit(2)
		}
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

func parseWindow(s string) (window, error) {
	if s == "" {
		return window{}, nil
	}
	a, b, ok := strings.Cut(s, ":")
	start, err1 := time.ParseDuration(a)
	dur, err2 := time.ParseDuration(b)
	if !ok || err1 != nil || err2 != nil {
		return window{}, fmt.Errorf("fault window %q: want START:DURATION, e.g. 5s:10s", s)
	}
	return window{start, dur}, nil
}

func run(o options) error {
	ctx, cancel := context.WithTimeout(context.Background(), o.timeout)
	defer cancel()
	start := time.Now()
	tg := &fakeTelegram{start: start, hang: o.tgHang, got: newSends()}
	sl := &fakeSlack{start: start, throttle: o.slack429, fail: o.slack500, retryAfter: o.retryAfter, got: newSends()}
	tgURL, err := serveFake(tg)
	if err != nil {
		return err
	}
	slURL, err := serveFake(sl)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, o.dsn)
	if err != nil {
		return err
	}
	defer db.close()

	env := []string{
		"TELEGRAM_BOT_TOKEN=" + token, "TELEGRAM_WEBHOOK_SECRET=" + secret,
		"TRIAGEBOT_TELEGRAM_API_URL=" + tgURL, "TRIAGEBOT_TELEGRAM_MODE=webhook",
		"TRIAGEBOT_DATA_DIR=" + db.dataDir, "TRIAGEBOT_LOG_LEVEL=error",
	}
	if o.slackN > 0 {
		env = append(env, "SLACK_BOT_TOKEN=xoxb-loadtest", "SLACK_SIGNING_SECRET="+signing,
			"TRIAGEBOT_SLACK_API_URL="+slURL+"/", "TRIAGEBOT_SLACK_SALES_CHANNEL="+salesChannel)
	}
	if db.url != "" {
		env = append(env, "DATABASE_URL="+db.url)
	}
	if o.chatCap > 0 {
		env = append(env, fmt.Sprintf("TRIAGEBOT_CONVERSATION_CHAT_CAP=%d", o.chatCap))
	}
	reps := make([]*replica, o.replicas)
	for i := range reps {
		addr, err := freeAddr()
		if err != nil {
			return err
		}
		reps[i] = &replica{n: i + 1, addr: addr, env: env, bin: o.bin}
		// The first replica up takes the worker lock: the one -kill-at kills.
		if err := reps[i].start(ctx); err != nil {
			return err
		}
	}
	defer func() {
		for _, r := range reps {
			r.stop()
		}
	}()
	go sampleRSS(ctx, reps)

	ds, expect, cards := plan(o.n, o.perChat, o.slackN, o.dup, 1)
	c := &client{replicas: reps, secret: secret, signing: signing, firstSent: map[string]time.Time{},
		http: &http.Client{Timeout: 30 * time.Second}}
	var killedAt time.Time
	if o.killAt > 0 && len(reps) > 0 {
		go func() {
			if Sleep(ctx, o.killAt-time.Since(start)) != nil {
				return
			}
			killedAt = time.Now()
			reps[0].kill()
			if Sleep(ctx, o.restartAfter) != nil {
				return
			}
			if err := reps[0].start(ctx); err != nil {
				fmt.Fprintln(os.Stderr, "loadtest: restart:", err)
			}
		}()
	}
	fired := c.fire(ctx, ds, o.rate, o.conc)
	wait := ctx
	if o.drain > 0 {
		var cancel context.CancelFunc
		wait, cancel = context.WithTimeout(ctx, o.drain)
		defer cancel()
	}
	for !answered(tg.got, sl.got, expect, cards, o.slackN > 0) && wait.Err() == nil {
		time.Sleep(50 * time.Millisecond)
	}
	// Let late duplicates (retries of unknown outcomes) show before counting.
	Sleep(ctx, 2*time.Second)
	done := time.Since(start)
	for _, r := range reps {
		r.stop()
	}
	st, err := db.check(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest: store check:", err)
	}
	rep := report{o: o, c: c, tg: tg, sl: sl, expect: expect, cards: cards, fired: fired, done: done,
		reps: reps, store: st, start: start, killedAt: killedAt, deliveries: len(ds)}
	return rep.print(os.Stdout)
}

// answered reports whether every destination got its replies and every
// buyer its lead card.
func answered(tg, sl *sends, expect map[string]int, cards int, slackOn bool) bool {
	tg.mu.Lock()
	defer tg.mu.Unlock()
	sl.mu.Lock()
	defer sl.mu.Unlock()
	for dest, n := range expect {
		if len(tg.by[dest])+len(sl.by[dest]) < n {
			return false
		}
	}
	return !slackOn || len(sl.names) >= cards
}

// Sleep waits d or until ctx ends; it returns ctx's error then.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(max(d, 0))
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// sampleRSS reads each replica's peak RSS every half second.
func sampleRSS(ctx context.Context, reps []*replica) {
	for Sleep(ctx, 500*time.Millisecond) == nil {
		for _, r := range reps {
			r.sampleRSS()
		}
	}
}
