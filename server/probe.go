package server

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

// ProbeURL turns a listen address into the URL the server answers on from
// the same host: a listener on every interface (":8080", "0.0.0.0:8080",
// "[::]:8080") is reached on loopback.
func ProbeURL(addr, route string) (string, error) {
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

// Probe GETs target and returns the status line and first line of the body
// when the answer is 2xx; any other answer, no answer within timeout, or no
// connection at all is an error that says which.
func Probe(ctx context.Context, target string, timeout time.Duration) (string, error) {
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
