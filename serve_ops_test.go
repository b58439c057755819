package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/triagebot/triagebot/internal/testkit"
)

// freeAddr returns a loopback address nothing listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// runningServe is `triagebot serve` run in-process until the test ends.
type runningServe struct {
	stderr *testkit.SyncBuffer
	done   chan struct{} // closed when serve has returned code
	code   int
}

func startServe(t *testing.T, env map[string]string) *runningServe {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &runningServe{stderr: &testkit.SyncBuffer{}, done: make(chan struct{})}
	c := &cli{
		stdin: strings.NewReader(""), stdout: io.Discard, stderr: s.stderr,
		getenv: func(k string) string { return env[k] },
		environ: func() []string {
			var kv []string
			for k, v := range env {
				kv = append(kv, k+"="+v)
			}
			return kv
		},
	}
	go func() {
		s.code = c.run(ctx, []string{"serve"})
		close(s.done)
	}()
	t.Cleanup(func() {
		cancel()
		<-s.done
	})
	return s
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestServeOperatorCare: one serve per SQLite file; metrics and health on
// a listener of their own when asked, with build info and HTTP counts
// from the start; one component per JSON log line.
func TestServeOperatorCare(t *testing.T) {
	dir := t.TempDir()
	addr, ops := freeAddr(t), freeAddr(t)
	env := map[string]string{
		"TRIAGEBOT_DATA_DIR": dir, "TRIAGEBOT_HTTP_ADDR": addr, "TRIAGEBOT_HTTP_METRICS_ADDR": ops,
		"TRIAGEBOT_LOG_FORMAT": "json",
	}
	first := startServe(t, env)
	waitFor(t, "readyz on the operator's listener", func() bool { code, _ := get(t, "http://"+ops+"/readyz"); return code == 200 })

	if code, _ := get(t, "http://"+addr+"/metrics"); code != http.StatusNotFound {
		t.Errorf("/metrics on the platforms' listener = %d, want 404 when http.metrics_addr is set", code)
	}
	get(t, "http://"+ops+"/healthz")
	_, body := get(t, "http://"+ops+"/metrics")
	for _, want := range []string{
		`triagebot_build_info{goversion="go`,
		`triagebot_http_requests_total{code="200",route="GET /healthz"} 1`,
		`triagebot_http_request_seconds_count{code="200",route="GET /readyz"}`,
		`triagebot_triage_seconds_count 0`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}

	second := startServe(t, map[string]string{"TRIAGEBOT_DATA_DIR": dir, "TRIAGEBOT_HTTP_ADDR": freeAddr(t), "TRIAGEBOT_LOG_FORMAT": "json"})
	<-second.done
	if second.code != 1 || !strings.Contains(second.stderr.String(), "another triagebot serve is running") {
		t.Errorf("a second serve on one SQLite file: exit %d, stderr %s; want 1 and a clear error", second.code, second.stderr.String())
	}

	for _, line := range strings.Split(strings.TrimSpace(first.stderr.String()), "\n") {
		if n := strings.Count(line, `"component":`); n > 1 {
			t.Errorf("log line carries component %d times: %s", n, line)
		}
	}
}

// TestReadyzSaysNoInternals: with the database down, /readyz says only
// "not ready"; the reason, with its host and port, goes to the log.
func TestReadyzSaysNoInternals(t *testing.T) {
	addr, dead := freeAddr(t), freeAddr(t)
	s := startServe(t, map[string]string{
		"TRIAGEBOT_DATA_DIR": t.TempDir(), "TRIAGEBOT_HTTP_ADDR": addr,
		"DATABASE_URL": "postgres://postgres@" + dead + "/test?sslmode=disable&connect_timeout=1",
	})
	waitFor(t, "healthz", func() bool { code, _ := get(t, "http://"+addr+"/healthz"); return code == 200 })
	code, body := get(t, "http://"+addr+"/readyz")
	if code != http.StatusServiceUnavailable || body != "not ready\n" {
		t.Errorf("/readyz = %d %q, want 503 \"not ready\"", code, body)
	}
	waitFor(t, "the reason in the log", func() bool { return strings.Contains(s.stderr.String(), "not ready") })
	if !strings.Contains(s.stderr.String(), "database") {
		t.Errorf("the log does not say why: %s", s.stderr.String())
	}
}
