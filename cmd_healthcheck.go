package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
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
	target, err := probeURL(*addr, route)
	if err != nil {
		return c.fail(1, "healthcheck: %v", err)
	}
	status, err := probe(ctx, target, *timeout)
	if err != nil {
		fmt.Fprintf(c.stdout, "unhealthy: GET %s: %v\n", target, err)
		return 1
	}
	fmt.Fprintf(c.stdout, "healthy: GET %s: %s\n", target, status)
	return 0
}

// probeURL turns a listen address into the URL the server answers on from
// the same host: a listener on every interface (":8080", "0.0.0.0:8080",
// "[::]:8080") is reached on loopback.
func probeURL(addr, route string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("address %q: %w", addr, err)
	}
	if port == "" || port == "0" {
		return "", fmt.Errorf("address %q: no fixed port to probe", addr)
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	return "http://" + net.JoinHostPort(host, port) + route, nil
}

// probe GETs target and returns the status line and first line of the body
// when the answer is 2xx; any other answer, no answer within timeout, or no
// connection at all is an error that says which.
func probe(ctx context.Context, target string, timeout time.Duration) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return "", err
	}
	// No proxy: the server is on this host, whatever HTTP_PROXY says.
	client := &http.Client{Transport: &http.Transport{Proxy: nil, DisableKeepAlives: true}}
	resp, err := client.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded) {
			return "", fmt.Errorf("no answer within %v", timeout)
		}
		return "", unwrapURLError(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 512)) // the reason, not the whole page
	status := resp.Status
	if b := oneLine(string(body)); b != "" {
		status += ": " + b
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return "", errors.New(status)
	}
	return status, nil
}

// unwrapURLError drops the "Get URL:" prefix the caller already prints.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
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

// oneLine keeps a health check's report to one line: the first non-empty
// line of s, trimmed.
func oneLine(s string) string {
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			return line
		}
	}
	return ""
}
