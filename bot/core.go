package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/triagebot/triagebot/triage"
)

// LeadPublisher posts or edits the lead card of an inquiry in the sales
// channel. The Slack adapter implements it.
type LeadPublisher interface {
	// PublishLead posts a card for in when ref.Zero(), else edits the card at
	// ref, and returns where the card is.
	PublishLead(ctx context.Context, in Inquiry, ref CardRef) (CardRef, error)
}

// PendingGrace is how long an undelivered event must be untouched before
// Pending hands it out again: long enough that another replica's in-flight
// work is not taken twice.
const PendingGrace = 30 * time.Second

// Options configures a Core. Store and Engine are required.
type Options struct {
	Store  Store
	Engine *triage.Engine
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	Log *slog.Logger
	// Metrics receives the core's counts; nil reports nothing.
	Metrics Observer
	// IdleExpiry starts a new inquiry when a conversation was idle longer
	// (default 7 days).
	IdleExpiry time.Duration
	// MaxMessageBytes caps the text triaged from one message (default 8 KiB).
	MaxMessageBytes int
	// LeadChannel is the Slack channel of lead cards for inquiries from
	// outside Slack, sent through the outbox; "" sends them to Leads.
	LeadChannel string
	// Leads receives lead cards directly when LeadChannel is "" (the local
	// chat subcommand, which runs no dispatcher); nil: none.
	Leads LeadPublisher
	// Platforms are the platforms whose recorded events Run triages
	// (default Telegram and Slack).
	Platforms []string
	// ChatCap caps the messages of one chat triaged per ChatWindow
	// (default one minute); over it, messages are stored but not triaged,
	// and the first gets one polite notice. 0: no cap.
	ChatCap    int
	ChatWindow time.Duration
	// DefaultLanguage answers when neither the text nor the platform tells
	// the buyer's language (default "en").
	DefaultLanguage string
}

// Core is the conversation loop: it records events, keeps conversations,
// triages and replies. It is safe for concurrent use.
type Core struct {
	store       Store
	engine      *triage.Engine
	now         func() time.Time
	log         *slog.Logger
	metrics     Observer
	idleExpiry  time.Duration
	maxBytes    int
	leads       LeadPublisher
	leadChannel string
	defaultLang string
	platforms   []string
	caps        *chatCaps
	wake        chan struct{} // an event was recorded
	onQueued    func()        // rows were written to the outbox

	// leadLocks serialises card publishing per inquiry, so that the first
	// post finishes (and its ref is stored) before an update edits it.
	leadMu    sync.Mutex
	leadLocks map[int64]*sync.Mutex
	leadWG    sync.WaitGroup
}

// NewCore builds a Core.
func NewCore(o Options) (*Core, error) {
	if o.Store == nil || o.Engine == nil {
		return nil, errors.New("bot: NewCore needs a Store and an Engine")
	}
	c := &Core{
		store: o.Store, engine: o.Engine, now: o.Now, log: o.Log, metrics: o.Metrics,
		idleExpiry: o.IdleExpiry, maxBytes: o.MaxMessageBytes, leads: o.Leads,
		leadLocks: map[int64]*sync.Mutex{}, defaultLang: o.DefaultLanguage,
		leadChannel: o.LeadChannel, platforms: o.Platforms,
		caps: newChatCaps(o.ChatCap, o.ChatWindow), wake: make(chan struct{}, 1),
	}
	if c.metrics == nil {
		c.metrics = nopObserver{}
	}
	if c.platforms == nil {
		c.platforms = []string{PlatformTelegram, PlatformSlack}
	}
	if c.defaultLang == "" {
		c.defaultLang = "en"
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	if c.idleExpiry <= 0 {
		c.idleExpiry = 7 * 24 * time.Hour
	}
	if c.maxBytes <= 0 {
		c.maxBytes = 8 << 10
	}
	return c, nil
}

// Accept records msg as a pending event; call it before acknowledging the
// platform, and do nothing else: Run triages it and the dispatcher sends
// the reply. fresh is false for a retry or redelivery of a known event.
// msg.EventID must be set.
func (c *Core) Accept(ctx context.Context, msg Message) (fresh bool, err error) {
	if msg.EventID == "" || msg.Platform == "" {
		return false, errors.New("bot: Accept needs the message's platform and event id")
	}
	msg = c.normalize(msg)
	now := c.now().UTC()
	fresh, err = c.store.RecordEvent(ctx, Event{
		Platform: msg.Platform, ID: msg.EventID, Message: msg,
		State: EventPending, ReceivedAt: now, UpdatedAt: now,
	})
	if err != nil {
		c.metrics.Error("store")
		return false, fmt.Errorf("record %s event: %w", msg.Platform, err)
	}
	if fresh {
		c.metrics.Received(msg.Platform)
		c.wakeUp()
	} else {
		c.metrics.Duplicate(msg.Platform)
	}
	return fresh, nil
}

// Handle triages msg at once and returns the reply, for a caller that
// answers by itself (the console). It records the event first if Accept
// was not called. For an event already delivered the reply
// is Duplicate; for one triaged but not delivered (the process stopped in
// between) it is the stored reply again. Handle does not mark the event
// delivered: call Delivered once the reply is sent.
func (c *Core) Handle(ctx context.Context, msg Message) (Reply, error) {
	if msg.EventID == "" {
		msg.EventID = newID()
	}
	msg = c.normalize(msg)
	ev, err := c.store.Event(ctx, msg.Platform, msg.EventID)
	if errors.Is(err, ErrNotFound) {
		if _, err := c.Accept(ctx, msg); err != nil {
			return Reply{}, err
		}
		ev, err = c.store.Event(ctx, msg.Platform, msg.EventID)
	}
	if err != nil {
		c.metrics.Error("store")
		return Reply{}, fmt.Errorf("load %s event: %w", msg.Platform, err)
	}
	switch ev.State {
	case EventDelivered:
		return Reply{Duplicate: true}, nil
	case EventTriaged:
		if ev.Reply != nil {
			return *ev.Reply, nil
		}
	}
	// Handle the message as it was recorded: a redelivered copy must not
	// change what was accepted.
	reply, inq, err := c.process(ctx, ev.Message, false)
	if err != nil {
		c.metrics.Error("store")
		return Reply{}, err
	}
	if inq != nil {
		c.metrics.Handled(msg.Platform, string(reply.Model))
		if !c.cardsQueued(*inq) {
			c.publishLead(ctx, *inq)
		} else if c.onQueued != nil {
			c.onQueued()
		}
	}
	// Buyer text is personal data: only at debug level.
	c.log.Debug("message handled", "platform", msg.Platform, "event", msg.EventID,
		"inquiry", reply.InquiryID, "model", reply.Model, "text", ev.Message.Text)
	return reply, nil
}

// Delivered marks msg's reply as sent.
func (c *Core) Delivered(ctx context.Context, msg Message) error {
	if err := c.store.MarkDelivered(ctx, msg.Platform, msg.EventID, c.now().UTC()); err != nil {
		c.metrics.Error("store")
		return fmt.Errorf("mark %s event delivered: %w", msg.Platform, err)
	}
	return nil
}

// Pending lists the recorded messages of platform that were not delivered
// and have been untouched for PendingGrace, oldest first, so that an
// adapter can answer them after a restart.
func (c *Core) Pending(ctx context.Context, platform string) ([]Message, error) {
	evs, err := c.store.PendingEvents(ctx, platform, c.now().UTC().Add(-PendingGrace), 1000)
	if err != nil {
		return nil, fmt.Errorf("pending %s events: %w", platform, err)
	}
	msgs := make([]Message, len(evs))
	for i, e := range evs {
		msgs[i] = e.Message
	}
	return msgs, nil
}

// Claim sets the inquiry's assignee and refreshes its lead card.
func (c *Core) Claim(ctx context.Context, inquiryID int64, user string) (Inquiry, error) {
	in, err := c.store.SetAssignee(ctx, inquiryID, user, c.now().UTC())
	if err != nil {
		return Inquiry{}, fmt.Errorf("claim inquiry %d: %w", inquiryID, err)
	}
	c.refreshLead(ctx, in)
	return in, nil
}

// Override records a sales rep's model beside the engine's and refreshes
// the lead card.
func (c *Core) Override(ctx context.Context, inquiryID int64, model triage.Model, user string) (Inquiry, error) {
	if model != triage.OEM && model != triage.ODM && model != triage.CM {
		return Inquiry{}, fmt.Errorf("override inquiry %d: %q is not OEM, ODM or CM", inquiryID, model)
	}
	in, err := c.store.SetOverride(ctx, inquiryID, model, user, c.now().UTC())
	if err != nil {
		return Inquiry{}, fmt.Errorf("override inquiry %d: %w", inquiryID, err)
	}
	c.refreshLead(ctx, in)
	return in, nil
}

// Wait blocks until lead cards being published have been sent (or given
// up), for a graceful shutdown.
func (c *Core) Wait() { c.leadWG.Wait() }

// normalize fills what the adapter may leave out.
func (c *Core) normalize(m Message) Message {
	if m.SentAt.IsZero() {
		m.SentAt = c.now()
	}
	m.SentAt = m.SentAt.UTC()
	// PostgreSQL rejects NUL in text; no buyer means one.
	m.Text = strings.ReplaceAll(m.Text, "\x00", "")
	m.UserName = strings.ReplaceAll(m.UserName, "\x00", "")
	m.UserHandle = strings.ReplaceAll(m.UserHandle, "\x00", "")
	if m.Command == CommandNone {
		m.Command = commandIn(m.Text)
		if m.Command != CommandNone {
			m.Text = ""
		}
	}
	return m
}

// publishLead posts or updates the lead card in the background: a slow
// sales channel must not hold up the buyer's reply.
func (c *Core) publishLead(ctx context.Context, in Inquiry) {
	if c.leads == nil || in.Platform == PlatformSlack || in.Platform == PlatformImport {
		return
	}
	ctx = context.WithoutCancel(ctx)
	c.leadWG.Add(1)
	go func() {
		defer c.leadWG.Done()
		ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
		defer cancel()
		if err := c.syncLead(ctx, in.ID); err != nil {
			c.metrics.Error("lead_card")
			c.log.Error("lead card not published", "inquiry", in.ID, "err", err)
		}
	}()
}

func (c *Core) syncLead(ctx context.Context, id int64) error {
	c.leadMu.Lock()
	mu, ok := c.leadLocks[id]
	if !ok {
		mu = &sync.Mutex{}
		c.leadLocks[id] = mu
	}
	c.leadMu.Unlock()
	mu.Lock()
	defer mu.Unlock()

	// Reload: an update queued behind another shows the latest state.
	in, err := c.store.Inquiry(ctx, id)
	if err != nil {
		return err
	}
	ref, err := c.store.LeadCard(ctx, id)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	newRef, err := c.leads.PublishLead(ctx, in, ref)
	if err != nil {
		return err
	}
	if newRef != ref {
		return c.store.SaveLeadCard(ctx, id, newRef)
	}
	return nil
}

// newCommandWords are the words, in each language, that start a fresh
// inquiry like /new. A whole message must match (case and spacing aside).
var newCommandWords = map[string]bool{
	"new": true, "new inquiry": true, "new enquiry": true, "start over": true,
	"nueva consulta": true, "nuevo pedido": true, "nova consulta": true, "novo pedido": true,
	"nouvelle demande": true, "neue anfrage": true, "permintaan baru": true, "pertanyaan baru": true,
	"pertanyaan baharu": true, "permintaan baharu": true, "yêu cầu mới": true, "คำถามใหม่": true,
	"新询价": true, "新询盘": true, "重新开始": true, "nuova richiesta": true,
}

// commandIn recognises a command typed as text: /start, /help, /new (with
// an optional @BotName) or the words for a new inquiry.
func commandIn(text string) Command {
	t := strings.ToLower(strings.Join(strings.Fields(text), " "))
	if strings.HasPrefix(t, "/") {
		name, _, _ := strings.Cut(strings.TrimPrefix(t, "/"), " ")
		name, _, _ = strings.Cut(name, "@")
		switch name {
		case "start":
			return CommandStart
		case "help":
			return CommandHelp
		case "new", "reset":
			return CommandNew
		}
		return CommandNone
	}
	if newCommandWords[strings.Trim(t, ".!")] {
		return CommandNew
	}
	return CommandNone
}

func newID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// truncateUTF8 cuts s to at most n bytes without splitting a character.
func truncateUTF8(s string, n int) (string, bool) {
	if len(s) <= n {
		return s, false
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n], true
}
