package main

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// fakeServe answers /healthz and /readyz as serve would, with the given
// status for /readyz and a delay before every answer.
func fakeServe(t *testing.T, readyCode int, delay time.Duration) string {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
		if readyCode != http.StatusOK {
			http.Error(w, "not ready: database: connection refused\nsecond line", readyCode)
			return
		}
		w.Write([]byte("ready\n"))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://")
}

// deadAddr is a loopback address nothing listens on.
func deadAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

func TestHealthcheck(t *testing.T) {
	up := fakeServe(t, http.StatusOK, 0)
	notReady := fakeServe(t, http.StatusServiceUnavailable, 0)
	slow := fakeServe(t, http.StatusOK, 5*time.Second)
	dead := deadAddr(t)
	tests := []struct {
		name       string
		env        map[string]string
		args       []string
		wantCode   int
		wantStdout string // the one line, in part
		wantStderr string
	}{
		{"alive", nil, []string{"--addr", up}, 0, "healthy: GET http://" + up + "/healthz: 200 OK: ok", ""},
		{"ready", nil, []string{"--addr", up, "--ready"}, 0, "healthy: GET http://" + up + "/readyz: 200 OK: ready", ""},
		{"alive but not ready still alive", nil, []string{"--addr", notReady}, 0, "/healthz: 200 OK", ""},
		{"not ready, with the server's reason", nil, []string{"--addr", notReady, "--ready"}, 1,
			"unhealthy: GET http://" + notReady + "/readyz: 503 Service Unavailable: not ready: database: connection refused", ""},
		{"unreachable", nil, []string{"--addr", dead}, 1, "connection refused", ""},
		{"timeout", nil, []string{"--addr", slow, "--timeout", "100ms"}, 1, "/healthz: no answer within 100ms", ""},
		{"address from http.addr", map[string]string{"TRIAGEBOT_HTTP_ADDR": up}, nil, 0, "healthy: GET http://" + up + "/healthz", ""},
		{"health on http.metrics_addr when set", map[string]string{"TRIAGEBOT_HTTP_ADDR": dead, "TRIAGEBOT_HTTP_METRICS_ADDR": up}, nil, 0,
			"healthy: GET http://" + up + "/healthz", ""},
		{"listener on every interface is probed on loopback", map[string]string{"TRIAGEBOT_HTTP_ADDR": ":" + port(t, up)}, nil, 0,
			"healthy: GET http://127.0.0.1:" + port(t, up) + "/healthz", ""},
		// Docker reserves exit status 2: every failure is 1.
		{"bad configuration, every problem on one line", map[string]string{"TRIAGEBOT_HTTP_ADR": up, "TRIAGEBOT_SLACK_MODE": "rpc"}, nil, 1, "", "TRIAGEBOT_HTTP_ADR: no such config key; "},
		{"bad flag", nil, []string{"--adress", up}, 1, "", "flag provided but not defined"},
		{"stray argument", nil, []string{"--addr", up, "now"}, 1, "", `unexpected argument "now"`},
		{"address without port", nil, []string{"--addr", "localhost"}, 1, "", `address "localhost"`},
		{"help", nil, []string{"-h"}, 0, "Exit status: 0 healthy", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tc := newTestCLI(t, tt.env)
			code := tc.run(context.Background(), "", append([]string{"healthcheck"}, tt.args...)...)
			if code != tt.wantCode {
				t.Errorf("exit code = %d, want %d; stdout: %s; stderr: %s", code, tt.wantCode, tc.stdout.String(), tc.stderr.String())
			}
			if !strings.Contains(tc.stdout.String(), tt.wantStdout) {
				t.Errorf("stdout = %q, want it to contain %q", tc.stdout.String(), tt.wantStdout)
			}
			if !strings.Contains(tc.stderr.String(), tt.wantStderr) {
				t.Errorf("stderr = %q, want it to contain %q", tc.stderr.String(), tt.wantStderr)
			}
			if out := tc.stdout.String(); strings.Contains(out, "healthy: ") && strings.Count(out, "\n") != 1 {
				t.Errorf("report is more than one line: %q", out)
			}
		})
	}
}

func port(t *testing.T, addr string) string {
	t.Helper()
	_, p, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestHealthcheckAgainstServe probes a real serve: alive at once, and
// ready (with --ready) once it has migrated, so the probe paths are the
// server's own routes; with http.metrics_addr set, on that listener.
func TestHealthcheckAgainstServe(t *testing.T) {
	for _, opsApart := range []bool{false, true} {
		env := map[string]string{"TRIAGEBOT_HTTP_ADDR": deadAddr(t)}
		if opsApart {
			env["TRIAGEBOT_HTTP_METRICS_ADDR"] = deadAddr(t)
		}
		srv := newTestCLI(t, env)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan int, 1)
		go func() { done <- srv.run(ctx, "", "serve") }()
		check := newTestCLI(t, env)
		for _, args := range [][]string{{"healthcheck"}, {"healthcheck", "--ready"}} {
			waitFor(t, strings.Join(args, " "), func() bool { return check.run(ctx, "", args...) == 0 })
			if !strings.HasPrefix(check.stdout.String(), "healthy: ") {
				t.Errorf("%v: stdout = %q", args, check.stdout.String())
			}
		}
		cancel()
		<-done
	}
}
