package main

import (
	"context"
	"os"

	"github.com/triagebot/triagebot/adapters/console"
	"github.com/triagebot/triagebot/adapters/slack"
	"github.com/triagebot/triagebot/bot"
)

// runChat holds a conversation on standard input and output.
func (c *cli) runChat(ctx context.Context, args []string) int {
	fs, path := c.flagSet("chat")
	user := fs.String("user", "", "user id of this conversation (default: $USER)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	cfg, err := c.loadConfig(*path)
	if err != nil {
		return c.configError(err)
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
	leads := &leadRelay{}
	core, err := bot.NewCore(bot.Options{
		Store: st, Engine: eng, Log: c.logger(), Leads: leads,
		IdleExpiry: cfg.Conversation.IdleExpiry, MaxMessageBytes: cfg.Triage.MaxMessageBytes,
		DefaultLanguage: cfg.Triage.DefaultLanguage,
	})
	if err != nil {
		return c.fail(1, "%v", err)
	}
	if cfg.Secrets.SlackBotToken != "" && cfg.Slack.SalesChannel != "" {
		sa, err := slack.New(slackConfig(cfg), core, c.logger().With("adapter", "slack"), nil)
		if err != nil {
			return c.configError(err)
		}
		leads.set(sa)
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
