// Command triagebot triages B2B buyer inquiries for manufacturers: it
// suggests OEM, ODM or CM from what a buyer writes on Telegram or a sales
// rep pastes in Slack, and posts a weekly digest for managers.
//
// Usage: triagebot <command> [flags]; `triagebot help` lists the commands.
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/triagebot/triagebot/triage"
)

// version may be set at build time with -ldflags "-X main.version=...";
// otherwise `triagebot version` reports the module version of the build.
var version = ""

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	c := &cli{
		stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr,
		getenv: os.Getenv, environ: os.Environ,
	}
	code := c.run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// cli carries the process's standard streams and environment, so that
// every subcommand can be run from a test.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	environ        func() []string
	// log is set by loadConfig from log.level and log.format; before that,
	// commands log with defaultLogger.
	log *slog.Logger
	// eng is the engine loadConfig built from the triage section.
	eng *triage.Engine
}

const usage = `triagebot triages B2B buyer inquiries: OEM, ODM or CM.

Usage: triagebot <command> [flags]

Commands:
  serve     run the bot: HTTP server (Slack, Telegram webhooks, health, metrics)
  healthcheck  probe the local server's /healthz (or /readyz): container health checks
  chat      talk to the bot on this terminal (piped input: one message a line)
  triage    triage one message, or a JSONL file with --jsonl FILE|-
  eval      score the engine on a labelled corpus (JSONL)
  digest    print or post the weekly digest
  import    load past inquiries from JSONL or CSV
  migrate   apply database migrations and exit
  backup    write a consistent copy of the SQLite database
  config    print the effective configuration (secrets redacted)
  version   print the version

Every command takes --config FILE (default: $TRIAGEBOT_CONFIG, else
triagebot.yaml if present), before or after the command's name.
Run 'triagebot <command> -h' for a command's flags.
`

func (c *cli) run(ctx context.Context, args []string) int {
	args = hoistGlobals(args)
	if len(args) == 0 {
		fmt.Fprint(c.stderr, usage)
		return 2
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return c.runServe(ctx, rest)
	case "healthcheck":
		return c.runHealthcheck(ctx, rest)
	case "chat":
		return c.runChat(ctx, rest)
	case "triage":
		return c.runTriage(ctx, rest)
	case "eval":
		return c.runEval(ctx, rest)
	case "digest":
		return c.runDigest(ctx, rest)
	case "import":
		return c.runImport(ctx, rest)
	case "migrate":
		return c.runMigrate(ctx, rest)
	case "backup":
		return c.runBackup(ctx, rest)
	case "config":
		return c.runConfig(ctx, rest)
	case "version", "--version", "-v":
		return c.runVersion(rest)
	case "help", "-h", "--help":
		fmt.Fprint(c.stdout, usage)
		return 0
	}
	if strings.HasPrefix(cmd, "-") {
		fmt.Fprintf(c.stderr, "triagebot: %s: a command comes first (or after --config FILE)\n\n%s", cmd, usage)
		return 2
	}
	fmt.Fprintf(c.stderr, "triagebot: unknown command %q\n\n%s", cmd, usage)
	return 2
}

// runVersion prints the module version and VCS revision of the binary.
func (c *cli) runVersion(args []string) int {
	fs, _ := c.flagSet("version", "Usage: triagebot version\n\nPrints the module version, VCS revision and Go version of this binary.")
	pos, code, done := c.parse(fs, args)
	if done {
		return code
	}
	if len(pos) > 0 {
		return c.fail(2, "version: unexpected argument %q", pos[0])
	}
	buildInfo().print(c.stdout)
	return 0
}

func (c *cli) logger() *slog.Logger {
	if c.log != nil {
		return c.log
	}
	return slog.New(slog.NewTextHandler(c.stderr, nil))
}

// fail prints err for the user and returns the exit code.
func (c *cli) fail(code int, format string, args ...any) int {
	fmt.Fprintf(c.stderr, "triagebot: "+format+"\n", args...)
	return code
}
