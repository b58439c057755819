package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// testCLI runs triagebot in-process with its own environment.
type testCLI struct {
	env            map[string]string
	stdout, stderr bytes.Buffer
}

func newTestCLI(t *testing.T, env map[string]string) *testCLI {
	t.Helper()
	tc := &testCLI{env: map[string]string{"TRIAGEBOT_DATA_DIR": t.TempDir()}}
	for k, v := range env {
		tc.env[k] = v
	}
	return tc
}

func (tc *testCLI) run(ctx context.Context, stdin string, args ...string) int {
	tc.stdout.Reset()
	tc.stderr.Reset()
	c := &cli{
		stdin: strings.NewReader(stdin), stdout: &tc.stdout, stderr: &tc.stderr,
		getenv: func(k string) string { return tc.env[k] },
		environ: func() []string {
			var kv []string
			for k, v := range tc.env {
				kv = append(kv, k+"="+v)
			}
			return kv
		},
	}
	return c.run(ctx, args)
}

func TestCommandLine(t *testing.T) {
	tests := []struct {
		name       string
		env        map[string]string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{"no command", nil, nil, 2, "", "Usage"},
		{"unknown command", nil, []string{"frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{"version", nil, []string{"version"}, 0, "triagebot", ""},
		{"help", nil, []string{"help"}, 0, "Commands:", ""},
		{"bad env key", map[string]string{"TRIAGEBOT_HTTP_ADR": ":1"}, []string{"config"}, 2, "", "TRIAGEBOT_HTTP_ADR"},
		{"bad value names key", map[string]string{"TRIAGEBOT_SLACK_MODE": "rpc"}, []string{"config"}, 2, "", "slack.mode"},
		{"engine judges its settings", map[string]string{"TRIAGEBOT_TRIAGE_RATES_EUR": "-1", "TRIAGEBOT_TRIAGE_BANDS_OEM_MOQ_MIN": "0"}, []string{"config"}, 2, "", "triage.bands.oem.moq_min"},
		{"engine error names the rate", map[string]string{"TRIAGEBOT_TRIAGE_RATES_EUR": "-1"}, []string{"config"}, 2, "", "triage.rates.EUR"},
		{"config shows the engine defaults", nil, []string{"config"}, 0, "moq_min: 2000", ""},
		{"missing config file", nil, []string{"config", "--config", "/nonexistent/triagebot.yaml"}, 2, "", "/nonexistent/triagebot.yaml"},
		{"config redacts secrets", map[string]string{"DATABASE_URL": "postgres://u:hunter2@db/x"}, []string{"config"}, 0, "DATABASE_URL: (set, redacted)", ""},
		{"migrate", nil, []string{"migrate"}, 0, "migrations applied", ""},
		{"backup needs a destination", nil, []string{"backup"}, 2, "", "want one DEST.db"},
		{"serve asks for the signing secret of events mode", map[string]string{"SLACK_BOT_TOKEN": "xoxb-x", "TRIAGEBOT_HTTP_ADDR": "127.0.0.1:0"}, []string{"serve"}, 2, "", "SLACK_SIGNING_SECRET"},
		{"backup refuses PostgreSQL", map[string]string{"DATABASE_URL": "postgres://x@127.0.0.1:1/x"}, []string{"backup", "/tmp/x.db"}, 2, "", "pg_dump"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tc := newTestCLI(t, tt.env)
			code := tc.run(context.Background(), "", tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit code = %d, want %d; stderr: %s", code, tt.wantCode, tc.stderr.String())
			}
			if !strings.Contains(tc.stdout.String(), tt.wantStdout) {
				t.Errorf("stdout = %q, want it to contain %q", tc.stdout.String(), tt.wantStdout)
			}
			if !strings.Contains(tc.stderr.String(), tt.wantStderr) {
				t.Errorf("stderr = %q, want it to contain %q", tc.stderr.String(), tt.wantStderr)
			}
			if strings.Contains(tc.stdout.String()+tc.stderr.String(), "hunter2") {
				t.Error("a secret leaked into the output")
			}
		})
	}
}

func TestBackup(t *testing.T) {
	tc := newTestCLI(t, nil)
	if code := tc.run(context.Background(), "We need 600 pcs of your catalog mirror\n", "chat"); code != 0 {
		t.Fatalf("chat: %s", tc.stderr.String())
	}
	dest := filepath.Join(t.TempDir(), "copy.db")
	if code := tc.run(context.Background(), "", "backup", dest); code != 0 {
		t.Fatalf("backup exit %d: %s", code, tc.stderr.String())
	}
	// The copy is a working database: chat on it continues the conversation.
	tc.env["TRIAGEBOT_DATA_DIR"] = filepath.Dir(dest)
	if err := os.Rename(dest, filepath.Join(filepath.Dir(dest), "triagebot.db")); err != nil {
		t.Fatal(err)
	}
	if code := tc.run(context.Background(), "with delivery in 2 months\n", "chat"); code != 0 || !strings.Contains(tc.stdout.String(), "600") {
		t.Errorf("chat on the backup: exit %d, output %q", code, tc.stdout.String())
	}
}

func TestChatPipedAnswersOEMAndStores(t *testing.T) {
	tc := newTestCLI(t, nil)
	in := "We need 3000 LED mirrors made to our own design, budget USD 40,000\n"
	if code := tc.run(context.Background(), in, "chat"); code != 0 {
		t.Fatalf("chat exit code %d: %s", code, tc.stderr.String())
	}
	if !strings.HasPrefix(tc.stdout.String(), "OEM") {
		t.Errorf("chat reply = %q, want it to lead with OEM", tc.stdout.String())
	}
	db := filepath.Join(tc.env["TRIAGEBOT_DATA_DIR"], "triagebot.db")
	if st, err := os.Stat(db); err != nil || st.Size() == 0 {
		t.Errorf("no SQLite file at %s: %v", db, err)
	}
	// A second run continues the same conversation from the store.
	if code := tc.run(context.Background(), "delivery within 5 months\n", "chat"); code != 0 {
		t.Fatalf("second chat exit code %d: %s", code, tc.stderr.String())
	}
	if !strings.Contains(tc.stdout.String(), "3,000") {
		t.Errorf("second turn does not show the quantity from the first: %q", tc.stdout.String())
	}
}

func TestServeHealthAndShutdown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	tc := newTestCLI(t, map[string]string{"TRIAGEBOT_HTTP_ADDR": addr})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- tc.run(ctx, "", "serve") }()

	var ready bool
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); {
		resp, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				ready = true
				break
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !ready {
		cancel()
		t.Fatalf("serve never became ready; stderr: %s", tc.stderr.String())
	}
	for path, want := range map[string]string{"/healthz": "ok", "/metrics": "triagebot_triage_seconds_bucket"} {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		var body bytes.Buffer
		body.ReadFrom(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("GET %s = %d", path, resp.StatusCode)
		}
		if !strings.Contains(body.String(), want) {
			t.Errorf("GET %s body lacks %q", path, want)
		}
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exit code %d after shutdown", code)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop after cancel")
	}
	if !strings.Contains(tc.stderr.String(), "telegram is off") {
		t.Errorf("serve without credentials does not say which channels are off: %s", tc.stderr.String())
	}
}

// TestServeWithUnreachableDatabase: the process stays up, healthy but not
// ready, while it retries the database, instead of exiting into a crash
// loop.
func TestServeWithUnreachableDatabase(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	// A port nothing listens on: connections are refused at once.
	dead, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	deadAddr := dead.Addr().String()
	dead.Close()
	tc := newTestCLI(t, map[string]string{
		"TRIAGEBOT_HTTP_ADDR": addr,
		"DATABASE_URL":        "postgres://postgres@" + deadAddr + "/test?sslmode=disable&connect_timeout=1",
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- tc.run(ctx, "", "serve") }()
	defer func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exit code %d", code)
		}
	}()
	status := func(path string) int {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			return 0
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	waitFor(t, "healthz", func() bool { return status("/healthz") == http.StatusOK })
	if got := status("/readyz"); got != http.StatusServiceUnavailable {
		t.Errorf("/readyz = %d with the database down, want 503", got)
	}
	select {
	case code := <-done:
		t.Fatalf("serve exited (%d) instead of retrying the database", code)
	default:
	}
}
