package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/triagebot/triagebot/adapters/console"
	"github.com/triagebot/triagebot/adapters/slack"
	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/config"
	"github.com/triagebot/triagebot/store/sqlite"
	"github.com/triagebot/triagebot/triage"
)

// runChat holds a conversation on standard input and output, or with
// --jsonl FILE|- runs the machine contract of TRIAGE.md section 5.
func (c *cli) runChat(ctx context.Context, args []string) int {
	fs, path := c.flagSet("chat", `Usage: triagebot chat [flags]
       triagebot chat --jsonl FILE|- [--store] [flags]

Talks to the bot on this terminal (piped input: one message a line), or
runs the conversation contract on JSONL messages.`)
	user := fs.String("user", "", "user id of this conversation (default: $USER)")
	jsonl := fs.String("jsonl", "", "read JSONL messages {chat,text,sent_at} from `FILE` (- for standard input) and write the inquiry after each, one JSON object a line")
	keep := fs.Bool("store", false, "with --jsonl: use the configured store instead of a throw-away one")
	pos, code, done := c.parse(fs, args)
	if done {
		return code
	}
	if len(pos) > 0 {
		return c.fail(2, "chat: unexpected argument %q (messages come on standard input)", pos[0])
	}
	cfg, err := c.loadConfig(*path)
	if err != nil {
		return c.configError(err)
	}
	if *jsonl != "" {
		return c.chatJSONL(ctx, cfg, *jsonl, *keep)
	}
	st, err := c.openMigrated(ctx, cfg)
	if err != nil {
		return c.fail(1, "%v", err)
	}
	defer st.Close()
	eng, err := c.engine(cfg)
	if err != nil {
		return c.configError(err)
	}
	// Console inquiries are leads like any other: with Slack configured,
	// their cards go to the sales channel.
	leads := &console.LeadRelay{}
	core, err := bot.NewCore(coreOptions(cfg, st, eng, c.logger(), leads))
	if err != nil {
		return c.fail(1, "%v", err)
	}
	if cfg.Secrets.SlackBotToken != "" && cfg.Slack.SalesChannel != "" {
		sa, err := slack.New(slackConfig(cfg), core, c.logger().With("adapter", "slack"), nil)
		if err != nil {
			return c.configError(err)
		}
		leads.Set(sa)
	}
	defer core.Wait()
	if *user == "" {
		*user = c.getenv("USER")
	}
	err = console.Run(ctx, core, c.stdin, c.stdout, console.Options{User: *user, Interactive: isTerminal(c.stdin)})
	if err != nil {
		return c.fail(1, "%v", err)
	}
	return 0
}

// coreOptions are the core's options of the chat commands; leads may be nil.
func coreOptions(cfg *config.Config, st bot.Store, eng *triage.Engine, log *slog.Logger, leads bot.LeadPublisher) bot.Options {
	o := bot.Options{
		Store: st, Engine: eng, Log: log,
		IdleExpiry: cfg.Conversation.IdleExpiry, MaxMessageBytes: cfg.Triage.MaxMessageBytes,
		DefaultLanguage: cfg.Triage.DefaultLanguage,
	}
	if leads != nil {
		o.Leads = leads
	}
	return o
}

// chatJSONL runs `chat --jsonl` on a throw-away store, or on the
// configured one when keep is set.
func (c *cli) chatJSONL(ctx context.Context, cfg *config.Config, name string, keep bool) int {
	in := c.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return c.fail(1, "chat: %v", err)
		}
		defer f.Close()
		in = f
	}
	core, done, code := c.scratchCore(ctx, cfg, keep)
	if core == nil {
		return code
	}
	defer done()
	if err := console.JSONL(ctx, core, in, c.stdout, time.Now().UTC()); err != nil {
		return c.fail(1, "chat: %v", err)
	}
	return 0
}

// scratchCore builds a core for machine runs: on a SQLite file in a fresh
// temporary folder that done removes, or on the configured store when keep
// is set. No lead cards are posted. On failure core is nil and code is the
// exit status, already reported.
func (c *cli) scratchCore(ctx context.Context, cfg *config.Config, keep bool) (core *bot.Core, done func(), code int) {
	eng, err := c.engine(cfg)
	if err != nil {
		return nil, nil, c.configError(err)
	}
	var (
		st      store
		cleanup = func() {}
	)
	if keep {
		st, err = c.openMigrated(ctx, cfg)
	} else {
		st, cleanup, err = throwAwayStore(ctx)
	}
	if err != nil {
		return nil, nil, c.fail(1, "%v", err)
	}
	core, err = bot.NewCore(coreOptions(cfg, st, eng, c.logger(), nil))
	if err != nil {
		st.Close()
		cleanup()
		return nil, nil, c.fail(1, "%v", err)
	}
	return core, func() { core.Wait(); st.Close(); cleanup() }, 0
}

// throwAwayStore opens a migrated SQLite store in a new temporary folder;
// cleanup removes the folder.
func throwAwayStore(ctx context.Context) (store, func(), error) {
	dir, err := os.MkdirTemp("", "triagebot-chat-")
	if err != nil {
		return nil, nil, fmt.Errorf("throw-away store: %w", err)
	}
	cleanup := func() { os.RemoveAll(dir) }
	st, err := sqlite.Open(ctx, filepath.Join(dir, "chat.db"), sqlite.Options{})
	if err == nil {
		err = st.Migrate(ctx)
		if err != nil {
			st.Close()
		}
	}
	if err != nil {
		cleanup()
		return nil, nil, fmt.Errorf("throw-away store: %w", err)
	}
	return st, cleanup, nil
}

// isTerminal reports whether r is a character device (a terminal) rather
// than a pipe or file.
func isTerminal(r any) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
