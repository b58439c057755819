package main

import (
	"errors"
	"flag"
	"fmt"
	"strings"
)

// globalFlags are the flags every command takes; given before the command
// (`triagebot --config F serve`) they are handed to it.
var globalFlags = []string{"config"}

// flagSet starts a command's flags with --config, which every command
// takes, and gives it the one help layout: usage is the synopsis and what
// the command does; the flags follow.
func (c *cli) flagSet(name, usage string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprint(w, strings.TrimRight(usage, "\n")+"\n\nFlags:\n")
		fs.PrintDefaults()
		fmt.Fprint(w, "\nFlags may come before, between or after the arguments; -- ends them.\n")
	}
	return fs, fs.String("config", "", "configuration `FILE` (default: $TRIAGEBOT_CONFIG, else triagebot.yaml if present)")
}

// parse parses args into fs with flags allowed anywhere among the
// arguments, so that `triage "500 pcs" --config F` reads its config and
// never triages "--config": a word starting with - is a flag or an
// error, and "--" makes the rest plain arguments. It returns the
// arguments; done is set, with the exit code, when the command should stop
// now: 0 after -h or --help (the help on standard output), 2 after a bad
// flag (the error and the help on standard error).
func (c *cli) parse(fs *flag.FlagSet, args []string) (pos []string, code int, done bool) {
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(c.stdout)
			fs.Usage()
			return nil, 0, true
		}
		if err != nil {
			return nil, 2, true // flag printed the error and the help
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, 0, false
		}
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			return append(pos, rest...), 0, false
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
}

// hoistGlobals moves the global flags given before the command to just
// after it, where the command's own flags parse them: `--config F serve`
// becomes `serve --config F`. It stops at the first word that is neither
// a global flag nor its value.
func hoistGlobals(args []string) []string {
	var globals []string
	for len(args) > 0 {
		name, value, hasValue := strings.Cut(strings.TrimLeft(args[0], "-"), "=")
		if !strings.HasPrefix(args[0], "-") || !isGlobal(name) {
			break
		}
		if hasValue {
			globals, args = append(globals, "--"+name+"="+value), args[1:]
			continue
		}
		if len(args) < 2 {
			break // a global flag without its value: the usage error says so
		}
		globals, args = append(globals, "--"+name, args[1]), args[2:]
	}
	if len(globals) == 0 || len(args) == 0 {
		return append(globals, args...)
	}
	return append(append([]string{args[0]}, globals...), args[1:]...)
}

func isGlobal(name string) bool {
	for _, g := range globalFlags {
		if name == g {
			return true
		}
	}
	return false
}
