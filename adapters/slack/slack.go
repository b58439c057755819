// Package slack connects triagebot to Slack: the Events API over HTTP and
// Socket Mode, the /triage slash command, Block Kit replies with answer
// buttons, and lead cards with Claim and Override buttons in the sales
// channel.
//
// Every incoming event is verified (events mode), translated into a
// bot.Message and recorded with the core before Slack is acknowledged, and
// that is all a request does: the core triages it in its worker, and the
// reply (like every lead card) leaves through the outbox, sent by the
// bot.Dispatcher with the adapter's Send, so a slow or rate-limited Slack
// API never delays an acknowledgement. Slack types stay in this
// package: the core only sees bot.Message, bot.Reply and bot.Inquiry.
package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/metrics"
	"github.com/triagebot/triagebot/triage"
)

// Modes of receiving events.
const (
	ModeEvents = "events" // Events API over HTTP (the default)
	ModeSocket = "socket" // Socket Mode over a WebSocket, for teams without a public URL
)

// DefaultAPIURL is Slack's Web API base URL.
const DefaultAPIURL = "https://slack.com/api/"

// DefaultMaxBodyBytes caps an incoming request body when Config.MaxBodyBytes is 0.
const DefaultMaxBodyBytes = 1 << 20

// Config is the adapter's configuration, mapped by main from the
// configuration file and the environment.
type Config struct {
	// APIURL is the Web API base URL ("" means Slack's own); a trailing
	// slash is added when missing.
	APIURL string
	// Mode is ModeEvents or ModeSocket ("" means ModeEvents).
	Mode string
	// SalesChannel is the channel id lead cards are posted to; "" disables
	// lead cards.
	SalesChannel string
	// BotToken (xoxb-) is required; AppToken (xapp-) is required in socket
	// mode; SigningSecret is required in events mode.
	BotToken, AppToken, SigningSecret string
	// AdminUsers are the Slack user ids allowed admin actions.
	AdminUsers []string
	// MaxBodyBytes caps a request body (DefaultMaxBodyBytes if 0).
	MaxBodyBytes int64
}

// Core is the part of the conversation core the adapter uses; *bot.Core
// implements it.
type Core interface {
	Accept(ctx context.Context, msg bot.Message) (fresh bool, err error)
	Claim(ctx context.Context, inquiryID int64, user string) (bot.Inquiry, error)
	Override(ctx context.Context, inquiryID int64, model triage.Model, user string) (bot.Inquiry, error)
}

// Tunables with their defaults; tests shorten them through the Adapter's
// unexported fields.
const (
	// defaultAckBudget bounds the Slack calls made before an
	// acknowledgement (user lookup, the slash command's placeholder), well
	// inside Slack's 3 seconds.
	defaultAckBudget = time.Second
	// actionBudget bounds a Claim or Override done before acknowledging.
	actionBudget = 2 * time.Second
	// callTimeout bounds one Web API call.
	callTimeout = 30 * time.Second
)

// Adapter is the Slack adapter. It is safe for concurrent use; build it
// with New, mount it with Register and start it with Run.
type Adapter struct {
	cfg     Config
	core    Core
	log     *slog.Logger
	metrics *metrics.Metrics
	api     *slackapi.Client
	admins  map[string]bool
	admin   adminState

	retry bot.RetryPolicy
	// ackBudget is defaultAckBudget; tests shorten it.
	ackBudget time.Duration
	// pingInterval overrides how long Socket Mode waits for Slack's pings
	// (0: the library's 30s).
	pingInterval time.Duration

	ready chan struct{} // closed once auth.test was asked

	// Admin work running after its acknowledgement: on Run's context, and
	// waited for when Run returns.
	bgMu  sync.Mutex
	bgCtx context.Context
	bgWG  sync.WaitGroup

	mu      sync.Mutex
	botUser string            // our bot's user id, from auth.test
	botID   string            // our bot's bot id, from auth.test
	threads map[string]string // "channel/thread ts" → conversation ChatID
	checked map[string]bool   // "channel/thread ts" → the bot posted there (conversations.replies)
	users   map[string]person // user id → names, from users.info
}

// person is a Slack user's names and locale ("en-US"), a hint of the
// reply language.
type person struct{ name, handle, locale string }

// New validates cfg and builds an Adapter. It makes no network call. log
// should already be scoped to the adapter (main adds adapter=slack); nil
// discards. m may be nil.
func New(cfg Config, core Core, log *slog.Logger, m *metrics.Metrics) (*Adapter, error) {
	if core == nil {
		return nil, errors.New("slack: New needs a core")
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if cfg.Mode == "" {
		cfg.Mode = ModeEvents
	}
	cfg.APIURL = apiURL(cfg.APIURL)
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	var problems []string
	switch cfg.Mode {
	case ModeEvents:
		if cfg.SigningSecret == "" {
			problems = append(problems, "SLACK_SIGNING_SECRET is required in events mode")
		}
	case ModeSocket:
		if cfg.AppToken == "" {
			problems = append(problems, "SLACK_APP_TOKEN is required in socket mode")
		}
	default:
		problems = append(problems, fmt.Sprintf("slack.mode %q must be %q or %q", cfg.Mode, ModeEvents, ModeSocket))
	}
	if cfg.BotToken == "" {
		problems = append(problems, "SLACK_BOT_TOKEN is required")
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("slack: %s", strings.Join(problems, "; "))
	}
	opts := []slackapi.Option{
		slackapi.OptionAPIURL(cfg.APIURL),
		// slack-go's default client has no timeout: a hung call would hold
		// a worker forever.
		slackapi.OptionHTTPClient(&http.Client{Timeout: callTimeout}),
	}
	if cfg.AppToken != "" {
		opts = append(opts, slackapi.OptionAppLevelToken(cfg.AppToken))
	}
	a := &Adapter{
		cfg:       cfg,
		core:      core,
		log:       log, // main scopes it with adapter=slack
		metrics:   m,
		api:       slackapi.New(cfg.BotToken, opts...),
		admins:    map[string]bool{},
		ackBudget: defaultAckBudget,
		ready:     make(chan struct{}),
		threads:   map[string]string{},
		checked:   map[string]bool{},
		users:     map[string]person{},
	}
	for _, u := range cfg.AdminUsers {
		a.admins[u] = true
	}
	a.retry = bot.RetryPolicy{
		Attempts: 5,
		Max:      time.Minute,
		OnRetry: func(reason string, wait time.Duration) {
			a.metrics.SendRetried(bot.PlatformSlack, reason)
			a.log.Debug("slack call retried", "reason", reason, "wait", wait)
		},
	}
	return a, nil
}

// Client returns the adapter's Web API client (bot token, slack.api_url),
// for other Slack features such as the digest poster.
func (a *Adapter) Client() *slackapi.Client { return a.api }

// IsAdmin reports whether the Slack user id is one of the configured admins.
func (a *Adapter) IsAdmin(userID string) bool { return a.admins[userID] }

// Register mounts the HTTP endpoints on mux. In socket mode they are
// mounted too and answer signed requests the same way, which is harmless.
func (a *Adapter) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /slack/events", a.serveEvents)
	mux.HandleFunc("POST /slack/commands", a.serveCommands)
	mux.HandleFunc("POST /slack/interactive", a.serveInteractive)
}

// Run works until ctx ends: it learns the bot's identity (auth.test) and,
// in socket mode, holds the Socket Mode connection. It returns nil when
// ctx ends.
func (a *Adapter) Run(ctx context.Context) error {
	a.bgMu.Lock()
	a.bgCtx = ctx
	a.bgMu.Unlock()
	defer a.bgWG.Wait() // admin work ends with ctx
	if u, _ := a.identity(); u == "" {
		a.whoAmI(ctx)
	}
	close(a.ready)
	if a.cfg.Mode != ModeSocket {
		<-ctx.Done()
		return nil
	}
	// Socket Mode reconnects by itself; it stops early only for good (an
	// invalid app token), and then the adapter stops too.
	err := a.runSocket(ctx)
	if ctx.Err() != nil {
		return nil
	}
	return err
}

// Ready reports whether the adapter takes events: Run has asked Slack who
// the bot is (so that its own messages are recognised).
func (a *Adapter) Ready() bool {
	select {
	case <-a.ready:
		return true
	default:
		return false
	}
}

// whoAmI asks auth.test for the bot's user and bot ids, so that the bot
// recognises its own messages. Without them it still drops every message
// that carries a bot_id.
func (a *Adapter) whoAmI(ctx context.Context) {
	var resp *slackapi.AuthTestResponse
	err := a.call(ctx, "", func(ctx context.Context) error {
		var err error
		resp, err = a.api.AuthTestContext(ctx)
		return err
	})
	if err != nil {
		if ctx.Err() == nil {
			a.log.Warn("slack auth.test failed; own messages are recognised by bot_id only", "err", err)
		}
		return
	}
	a.mu.Lock()
	a.botUser, a.botID = resp.UserID, resp.BotID
	a.mu.Unlock()
	a.log.Info("slack connected", "team", resp.TeamID, "bot_user", resp.UserID)
}

// identity returns the bot's user and bot ids ("" until auth.test answered).
func (a *Adapter) identity() (user, botID string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.botUser, a.botID
}

// survive keeps a bug in handling one event from stopping the bot: the
// event stays recorded, and the panic is logged and counted.
func (a *Adapter) survive(where string) {
	if r := recover(); r != nil {
		a.metrics.Error("slack_panic")
		a.log.Error("slack: recovered from a panic", "in", where, "panic", fmt.Sprint(r))
	}
}

// maxThreads bounds the in-memory map of threads the bot answered in.
const maxThreads = 10000

// rememberThread notes that the bot answered in a thread, so that later
// replies there continue the conversation without a mention.
func (a *Adapter) rememberThread(channel, thread, chatID string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.threads) >= maxThreads {
		clear(a.threads)
	}
	a.threads[channel+"/"+thread] = chatID
}

// knownThread returns the conversation of a thread the bot answered in.
func (a *Adapter) knownThread(channel, thread string) (string, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	c, ok := a.threads[channel+"/"+thread]
	return c, ok
}
