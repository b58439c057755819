// Package telegram connects triagebot to Telegram with go-telegram/bot:
// buyers chat with the bot in a private chat (or name it in a group), each
// message is triaged by the core, and the reply comes back as HTML with the
// suggested answers as an inline keyboard.
//
// Updates come in by webhook (POST /telegram/webhook, checked against the
// secret token) or by long polling, which one replica at a time does when
// the replicas share a Config.Locker. Either way an update is recorded with
// the core before Telegram is told it arrived, and that is all a request
// does: the core triages it in its worker and the reply reaches Telegram
// through the outbox, sent by the bot.Dispatcher with the adapter's Send
// (rendering and error classification only; the dispatcher paces, orders
// and retries).
//
// The library's own webhook handler and command matching are not used: the
// handler answers 200 for a wrong secret or bad JSON, and the command
// matcher misses /cmd@BotName and counts UTF-16 offsets as bytes.
package telegram

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/metrics"
)

// WebhookPath is where Telegram posts updates in webhook mode.
const WebhookPath = "/telegram/webhook"

// SecretHeader carries the webhook secret token on every webhook request.
const SecretHeader = "X-Telegram-Bot-Api-Secret-Token"

// Modes of receiving updates.
const (
	ModeWebhook = "webhook"
	ModePolling = "polling"
)

// Config configures the adapter. main fills it from the telegram.* config
// keys and the TELEGRAM_* secrets.
type Config struct {
	// APIURL is the Bot API server ("https://api.telegram.org", a local
	// Bot API server or a test fake), without a trailing slash.
	APIURL string
	// Mode is ModeWebhook or ModePolling.
	Mode string
	// PublicURL, in webhook mode, is the https base URL Telegram reaches
	// this server at; when set, Run registers PublicURL+WebhookPath.
	PublicURL     string
	BotToken      string
	WebhookSecret string
	// MaxBodyBytes caps a webhook request body (1 MiB if 0).
	MaxBodyBytes int64
	// Locker, if set, makes replicas in polling mode take turns: only the
	// holder of the PollLock lock deletes the webhook and calls getUpdates
	// (Telegram answers 409 Conflict to a second poller); the others stand
	// by, trying again every 15 s. nil polls without a lock. Webhook mode
	// ignores it.
	Locker bot.Locker
}

// PollLock is the name of the bot.Locker lock that polling replicas
// contend for.
const PollLock = "telegram-polling"

// Core is the part of the conversation core (*bot.Core) the adapter uses.
type Core interface {
	// Accept records msg before Telegram is acknowledged; fresh is false
	// for an update seen before.
	Accept(ctx context.Context, msg bot.Message) (fresh bool, err error)
}

// options are the adapter's tunables; tests shorten the waits.
type options struct {
	now        func() time.Time
	sleep      func(ctx context.Context, d time.Duration) error
	retry      bot.RetryPolicy
	pollWait   time.Duration // longest wait for a polled batch to be recorded
	pollTimout time.Duration // the long poll's timeout
	// callTimeout bounds every Bot API call but the long poll; the
	// dispatcher's send timeout is shorter still.
	callTimeout time.Duration
	lockEvery   time.Duration // between tries for the polling lock
}

func defaultOptions() options {
	return options{
		now:         time.Now,
		sleep:       bot.Sleep,
		retry:       bot.RetryPolicy{Attempts: 5, Base: time.Second, Max: time.Minute},
		pollWait:    30 * time.Second,
		pollTimout:  time.Minute,
		callTimeout: 30 * time.Second,
		lockEvery:   15 * time.Second,
	}
}

// Adapter is the Telegram side of triagebot. Build it with New, mount its
// webhook with Register and start it with Run. Safe for concurrent use.
type Adapter struct {
	cfg     Config
	core    Core
	log     *slog.Logger
	metrics *metrics.Metrics
	opts    options
	api     *tgbot.Bot
	gate    *pollGate

	running atomic.Bool // Run was called
	// startup retries the calls Run cannot go on without (getMe, setWebhook,
	// deleteWebhook) for as long as Telegram is unreachable; a refusal
	// (wrong token) ends Run at once.
	startup bot.RetryPolicy
	me      atomic.Pointer[identity] // nil until Run has called getMe
	ready   chan struct{}            // closed once updates can be taken
	stopped chan struct{}            // closed when Run returns

	mu sync.Mutex
	// pressed holds the keyboards ("chat/message") already answered, so that
	// a second tap before the keyboard disappears is not a second answer.
	// Best effort and per process; bounded by forgetting all at pressedMax.
	pressed map[string]bool
}

const pressedMax = 10000

// New builds the adapter and its Bot API client. It makes no network call:
// Run asks Telegram who the bot is. log should already be scoped to the
// adapter (main passes log.With("adapter", "telegram")); nil discards.
func New(ctx context.Context, cfg Config, core Core, log *slog.Logger, m *metrics.Metrics) (*Adapter, error) {
	return newAdapter(ctx, cfg, core, log, m, defaultOptions())
}

func newAdapter(_ context.Context, cfg Config, core Core, log *slog.Logger, m *metrics.Metrics, o options) (*Adapter, error) {
	if core == nil {
		return nil, errors.New("telegram: New needs a core")
	}
	if strings.TrimSpace(cfg.BotToken) == "" {
		return nil, errors.New("telegram: TELEGRAM_BOT_TOKEN is empty")
	}
	switch cfg.Mode {
	case "":
		cfg.Mode = ModeWebhook
	case ModeWebhook, ModePolling:
	default:
		return nil, fmt.Errorf("telegram: mode %q: want %q or %q", cfg.Mode, ModeWebhook, ModePolling)
	}
	if cfg.Mode == ModeWebhook && cfg.WebhookSecret == "" {
		return nil, errors.New("telegram: TELEGRAM_WEBHOOK_SECRET is required in webhook mode (every webhook request without it gets 401)")
	}
	if cfg.WebhookSecret != "" && !validSecret(cfg.WebhookSecret) {
		return nil, errors.New("telegram: TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule for secret_token)")
	}
	cfg.APIURL = serverURL(cfg.APIURL)
	cfg.PublicURL = strings.TrimSuffix(cfg.PublicURL, "/")
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = 1 << 20
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	a := &Adapter{
		cfg: cfg, core: core, log: log, metrics: m, opts: o, // main scopes log with adapter=telegram
		stopped: make(chan struct{}), ready: make(chan struct{}), pressed: map[string]bool{},
	}
	// The long poll holds a request for pollTimeout; the client must wait
	// longer than that before it gives up on an answer.
	a.gate = newPollGate(&http.Client{Timeout: o.pollTimout + 15*time.Second}, o.pollWait)
	api, err := tgbot.New(cfg.BotToken,
		tgbot.WithServerURL(cfg.APIURL),
		tgbot.WithSkipGetMe(),
		tgbot.WithHTTPClient(o.pollTimout, a.gate),
		tgbot.WithDefaultHandler(a.onPolled),
		tgbot.WithErrorsHandler(a.onLibraryError),
		tgbot.WithNotAsyncHandlers(),
		tgbot.WithWorkers(1),
		tgbot.WithAllowedUpdates(tgbot.AllowedUpdates{
			models.AllowedUpdateMessage, models.AllowedUpdateEditedMessage, models.AllowedUpdateCallbackQuery,
		}),
	)
	if err != nil {
		return nil, fmt.Errorf("telegram: build client: %w", err)
	}
	a.api = api
	a.startup = bot.RetryPolicy{Attempts: math.MaxInt32, Base: o.retry.Base, Max: o.retry.Max, Sleep: o.sleep,
		OnRetry: func(reason string, wait time.Duration) {
			a.log.Warn("telegram not reachable, retrying", "reason", reason, "wait", wait)
		}}
	return a, nil
}

// Register mounts the webhook (webhook mode only) on mux.
func (a *Adapter) Register(mux *http.ServeMux) {
	if a.cfg.Mode == ModeWebhook {
		mux.HandleFunc("POST "+WebhookPath, a.serveWebhook)
	}
}

// Run asks Telegram who the bot is, registers the commands and receives
// updates: by
// webhook (registering it when PublicURL is set) or by long polling (after
// taking Config.Locker's PollLock lock, if set, and deleting any webhook,
// which would block getUpdates). A replica that does not get the lock
// stands by until it does. Run blocks until ctx ends and then returns nil,
// having given the lock back; an error means the bot cannot work (a wrong
// token, a webhook Telegram refuses).
func (a *Adapter) Run(ctx context.Context) error {
	if !a.running.CompareAndSwap(false, true) {
		return errors.New("telegram: Run called twice")
	}
	defer close(a.stopped)
	// Returning early with an error must stop the poller too; the polling
	// lock is given back once the poller has stopped.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	p := &poller{stop: func() {}}
	defer func() { p.stop() }()

	var me *models.User
	err := bot.Retry(ctx, a.startup, func(ctx context.Context) error {
		var err error
		me, err = a.api.GetMe(ctx)
		return classify(err)
	})
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return fmt.Errorf("telegram: getMe: %w", err)
	}

	a.setCommands(ctx)
	a.me.Store(&identity{id: me.ID, username: me.Username})

	switch a.cfg.Mode {
	case ModeWebhook:
		if a.cfg.PublicURL != "" {
			if err := a.setWebhook(ctx); err != nil {
				if ctx.Err() != nil {
					return nil
				}
				return err
			}
		}
	case ModePolling:
		first, err := a.startPolling(ctx)
		if first == nil {
			return err
		}
		p = first
	}

	close(a.ready)
	a.log.Info("telegram bot ready", "username", me.Username, "mode", a.cfg.Mode)
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-p.lost: // nil (never) in webhook mode or without a lock to lose
		}
		// Another replica may take the lock and poll: two pollers get 409s.
		p.stop()
		a.log.Warn("lost the telegram polling lock: stopped polling; contending again")
		a.metrics.LockLost(PollLock)
		next, err := a.startPolling(ctx)
		if next == nil {
			return err
		}
		p = next
	}
}

// poller is a running long poll: stop ends it and gives the polling lock
// back; lost is closed when the lock is lost while polling.
type poller struct {
	stop func()
	lost <-chan struct{}
}

// startPolling takes the polling lock (standing by until it can), deletes
// any webhook and starts getUpdates. It returns a nil poller when ctx ends
// first (with a nil error) or the webhook cannot be deleted.
func (a *Adapter) startPolling(ctx context.Context) (*poller, error) {
	release, lost, ok := a.pollLock(ctx)
	if !ok {
		return nil, nil
	}
	err := bot.Retry(ctx, a.startup, func(ctx context.Context) error {
		_, err := a.api.DeleteWebhook(ctx, &tgbot.DeleteWebhookParams{})
		return classify(err)
	})
	if err != nil {
		release()
		if ctx.Err() != nil {
			return nil, nil
		}
		return nil, fmt.Errorf("telegram: deleteWebhook before polling: %w", err)
	}
	pctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		a.api.Start(pctx)
	}()
	var once sync.Once
	return &poller{lost: lost, stop: func() {
		once.Do(func() {
			cancel()
			<-done
			release()
		})
	}}, nil
}

// Ready reports whether the adapter takes updates: it knows who the bot
// is and its webhook is registered (or its poll started). Until then the
// webhook answers 503 and /readyz says not ready.
func (a *Adapter) Ready() bool {
	select {
	case <-a.ready:
		return true
	default:
		return false
	}
}

// pollLock takes the polling lock from Config.Locker (at once when there is
// none), trying every lockEvery while another replica holds it or the
// locker fails. It returns false when ctx ends first. lost is the lock's
// (nil: it cannot be lost).
func (a *Adapter) pollLock(ctx context.Context) (release func(), lost <-chan struct{}, ok bool) {
	if a.cfg.Locker == nil {
		return func() {}, nil, true
	}
	standingBy := false
	for {
		release, lost, held, err := a.cfg.Locker.TryLock(ctx, PollLock)
		switch {
		case err != nil:
			if ctx.Err() != nil {
				return nil, nil, false
			}
			a.log.Warn("telegram polling lock not taken, retrying", "err", err, "wait", a.opts.lockEvery)
		case held:
			if standingBy {
				a.log.Info("the other replica stopped polling Telegram; polling here")
			}
			if release == nil {
				release = func() {}
			}
			return release, lost, true
		case !standingBy:
			a.log.Info("another replica is polling Telegram; standing by")
			standingBy = true
		}
		if err := a.opts.sleep(ctx, a.opts.lockEvery); err != nil {
			return nil, nil, false
		}
	}
}

func (a *Adapter) setWebhook(ctx context.Context) error {
	err := bot.Retry(ctx, a.startup, func(ctx context.Context) error {
		_, err := a.api.SetWebhook(ctx, &tgbot.SetWebhookParams{
			URL:         a.cfg.PublicURL + WebhookPath,
			SecretToken: a.cfg.WebhookSecret,
			AllowedUpdates: []string{
				models.AllowedUpdateMessage, models.AllowedUpdateEditedMessage, models.AllowedUpdateCallbackQuery,
			},
		})
		return classify(err)
	})
	if err != nil {
		return fmt.Errorf("telegram: setWebhook %s: %w", a.cfg.PublicURL+WebhookPath, err)
	}
	a.log.Info("telegram webhook registered", "url", a.cfg.PublicURL+WebhookPath)
	return nil
}

// setCommands registers /start, /help and /new, described in every corpus
// language. A failure only costs the command menu, so it is logged.
func (a *Adapter) setCommands(ctx context.Context) {
	langs := append([]string{""}, commandLanguages...)
	for _, lang := range langs {
		_, err := a.api.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{
			Commands: commandList(lang), LanguageCode: lang,
		})
		if err != nil {
			a.log.Warn("setMyCommands failed", "language", lang, "err", a.redact(err))
			return
		}
	}
}

// serveWebhook is the webhook endpoint. It answers 401 to a request without
// the right secret token (compared in constant time) and processes nothing
// of it, 413 to a body over MaxBodyBytes, 400 to one that is not an Update,
// 503 before the bot knows who it is, 500 when the update cannot be
// recorded (Telegram then delivers it again), and 200 once it is recorded.
func (a *Adapter) serveWebhook(w http.ResponseWriter, r *http.Request) {
	if !a.secretOK(r.Header.Get(SecretHeader)) {
		a.metrics.Error("telegram_unauthorized")
		http.Error(w, "telegram: missing or wrong "+SecretHeader, http.StatusUnauthorized)
		return
	}
	me := a.me.Load()
	if me == nil {
		w.Header().Set("Retry-After", "5")
		http.Error(w, "telegram: the bot is starting", http.StatusServiceUnavailable)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, a.cfg.MaxBodyBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			a.metrics.Error("bad_request")
			http.Error(w, fmt.Sprintf("telegram: body over %d bytes", a.cfg.MaxBodyBytes), http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "telegram: cannot read the body", http.StatusBadRequest)
		return
	}
	var upd models.Update
	if err := json.Unmarshal(body, &upd); err != nil {
		a.metrics.Error("bad_request")
		http.Error(w, "telegram: body is not a JSON Update: "+jsonProblem(err), http.StatusBadRequest)
		return
	}
	if upd.ID <= 0 {
		a.metrics.Error("bad_request")
		http.Error(w, "telegram: update_id missing or not positive", http.StatusBadRequest)
		return
	}
	if err := a.receive(r.Context(), &upd, *me); err != nil {
		a.log.Error("telegram update not recorded", "update_id", upd.ID, "err", err)
		http.Error(w, "telegram: update not recorded, retry later", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// jsonProblem words a decoding error without quoting the body.
func jsonProblem(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return "syntax error at byte " + strconv.FormatInt(syn.Offset, 10)
	case errors.As(err, &typ):
		return "field " + typ.Field + " has the wrong type"
	}
	return "unexpected end or shape"
}

// validSecret applies Telegram's rule for a webhook secret token.
func validSecret(s string) bool {
	if len(s) > 256 {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return s != ""
}

func (a *Adapter) secretOK(got string) bool {
	want := a.cfg.WebhookSecret
	if want == "" || got == "" {
		return false // without a configured secret every request is refused
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// onPolled receives an update from the library's long poll. It runs in the
// library's single worker, so the update is recorded before the gate lets
// the next getUpdates confirm it.
func (a *Adapter) onPolled(ctx context.Context, _ *tgbot.Bot, upd *models.Update) {
	defer a.gate.done(upd.ID)
	me := a.me.Load()
	if me == nil {
		return // cannot happen: polling starts after getMe
	}
	// A store hiccup must not lose a polled update: Telegram will not send
	// it again once the next poll confirms it.
	store := a.startup
	store.Attempts, store.OnRetry = 5, nil
	err := bot.Retry(ctx, store, func(ctx context.Context) error {
		if err := a.receive(ctx, upd, *me); err != nil {
			return &bot.RetryableError{Err: err, Reason: "store"}
		}
		return nil
	})
	if err != nil && ctx.Err() == nil {
		a.log.Error("polled telegram update lost", "update_id", upd.ID, "err", err)
	}
}

// receive records an update with the core, and that is all: the core's
// worker triages it and the dispatcher sends the reply. It returns an
// error only when the update could not be recorded.
func (a *Adapter) receive(ctx context.Context, upd *models.Update, me identity) error {
	j, ok := translate(upd, me)
	if ok && j.keyboardMessageID != 0 && !a.firstPress(j.msg.ChatID, j.keyboardMessageID) {
		ok = false // a second tap on a keyboard already answered
	}
	if !ok {
		if j.callbackID != "" {
			// A press that is not ours or is answered already: stop its
			// spinner. Rare, and bounded by callTimeout.
			a.answerCallback(ctx, j.callbackID)
		}
		return nil
	}
	j.msg.PressID = j.callbackID
	if j.keyboardMessageID != 0 {
		j.msg.PressedMessage = strconv.Itoa(j.keyboardMessageID)
	}
	if j.replyTo != 0 {
		j.msg.ReplyTo = strconv.Itoa(j.replyTo)
	}
	if _, err := a.core.Accept(ctx, j.msg); err != nil {
		if j.keyboardMessageID != 0 {
			a.unpress(j.msg.ChatID, j.keyboardMessageID) // Telegram will deliver the press again
		}
		return err
	}
	return nil
}

// firstPress reports whether this is the first press on the keyboard of
// message in chat, and remembers it.
func (a *Adapter) firstPress(chat string, message int) bool {
	key := chat + "/" + strconv.Itoa(message)
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.pressed[key] {
		return false
	}
	if len(a.pressed) >= pressedMax {
		clear(a.pressed)
	}
	a.pressed[key] = true
	return true
}

func (a *Adapter) unpress(chat string, message int) {
	a.mu.Lock()
	delete(a.pressed, chat+"/"+strconv.Itoa(message))
	a.mu.Unlock()
}

func (a *Adapter) answerCallback(ctx context.Context, id string) {
	ctx, cancel := context.WithTimeout(ctx, a.opts.callTimeout)
	defer cancel()
	if _, err := a.api.AnswerCallbackQuery(ctx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: id}); err != nil {
		a.log.Warn("callback query not answered", "err", a.redact(err))
	}
}

// onLibraryError logs what the library reports (mostly failed polls).
func (a *Adapter) onLibraryError(err error) {
	a.log.Warn("telegram client error", "err", a.redact(err))
}

// redact words an error from the library for a log line: without the bot
// token (it is part of every request URL) and without any response body
// the library quotes, which may echo a buyer's text.
func (a *Adapter) redact(err error) string {
	s := strings.ReplaceAll(err.Error(), a.cfg.BotToken, "***")
	if i := strings.Index(s, "{"); i >= 0 {
		s = s[:i] + "…"
	}
	return s
}
