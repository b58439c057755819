package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/triagebot/triagebot/server"
)

// healthcheckUsage is the help of `triagebot healthcheck`.
const healthcheckUsage = `Usage: triagebot healthcheck [flags]

Asks the local serve process whether it is alive (GET /healthz) or, with
--ready, ready for traffic (GET /readyz), and prints one line saying why.
It asks on http.metrics_addr when that is set, else on http.addr.
It is the container health check of the distroless image, which has no
shell and no curl. Exit status: 0 healthy, 1 anything else (Docker reserves 2).`

// healthcheckTimeout is short because a health check that hangs is itself
// a failure, and Docker's own timeout should not be the one that fires.
const healthcheckTimeout = 3 * time.Second

// runHealthcheck is `triagebot healthcheck`. Every failure, a bad flag or
// configuration included, exits 1: a health check's caller only knows
// healthy (0) and unhealthy (1).
func (c *cli) runHealthcheck(ctx context.Context, args []string) int {
	fs, path := c.flagSet("healthcheck", healthcheckUsage)
	addr := fs.String("addr", "", "`HOST:PORT` to probe instead of http.metrics_addr, else http.addr (the configuration is then not read)")
	ready := fs.Bool("ready", false, "probe /readyz (ready for traffic) instead of /healthz (alive)")
	timeout := fs.Duration("timeout", healthcheckTimeout, "give up after this long")
	pos, code, done := c.parse(fs, args)
	switch {
	case done && code == 0: // -h
		return 0
	case done:
		return 1
	case len(pos) > 0:
		return c.fail(1, "healthcheck: unexpected argument %q", pos[0])
	}
	if *addr == "" {
		cfg, err := c.loadConfig(*path)
		if err != nil {
			// Every problem on the one line a health log keeps.
			return c.fail(1, "healthcheck: %s", joinLines(err.Error()))
		}
		*addr = cfg.HTTP.Addr
		if cfg.HTTP.MetricsAddr != "" {
			*addr = cfg.HTTP.MetricsAddr // health lives beside the metrics then
		}
	}
	route := "/healthz"
	if *ready {
		route = "/readyz"
	}
	target, err := server.ProbeURL(*addr, route)
	if err != nil {
		return c.fail(1, "healthcheck: %v", err)
	}
	status, err := server.Probe(ctx, target, *timeout)
	if err != nil {
		fmt.Fprintf(c.stdout, "unhealthy: GET %s: %v\n", target, err)
		return 1
	}
	fmt.Fprintf(c.stdout, "healthy: GET %s: %s\n", target, status)
	return 0
}

// joinLines puts every non-empty line of s on one line, "; " between.
func joinLines(s string) string {
	var lines []string
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "; ")
}
