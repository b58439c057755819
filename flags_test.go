package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestHoistGlobals(t *testing.T) {
	tests := []struct{ in, want []string }{
		{[]string{"--config", "f.yaml", "serve"}, []string{"serve", "--config", "f.yaml"}},
		{[]string{"-config=f.yaml", "triage", "x"}, []string{"triage", "--config=f.yaml", "x"}},
		{[]string{"serve", "--config", "f.yaml"}, []string{"serve", "--config", "f.yaml"}},
		{[]string{"--config"}, []string{"--config"}},
		{[]string{"--verbose", "serve"}, []string{"--verbose", "serve"}},
		{nil, nil},
	}
	for _, tt := range tests {
		if got := hoistGlobals(tt.in); !reflect.DeepEqual(got, tt.want) && (len(got) > 0 || len(tt.want) > 0) {
			t.Errorf("hoistGlobals(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestGlobalFlagsAnywhere: --config is read before the command, after it,
// and after the message; a stray flag after a message is an error, never
// text to triage.
func TestGlobalFlagsAnywhere(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("log:\n  level: loud\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{"config before the command", []string{"--config", bad, "config"}, 2, "", "log.level"},
		{"config after the command", []string{"config", "--config", bad}, 2, "", "log.level"},
		{"config after the message", []string{"triage", "500 pcs of your mirror", "--config", bad}, 2, "", "log.level"},
		{"flag between words", []string{"triage", "500", "--sent-at", "2026-01-05", "pcs"}, 0, "quantity", ""},
		{"unknown flag after the message", []string{"triage", "500 pcs", "--confg", "x"}, 2, "", "flag provided but not defined: -confg"},
		{"double dash ends flags", []string{"triage", "--", "-500 pcs"}, 0, "quantity", ""},
		{"a flag is no command", []string{"--verbose", "serve"}, 2, "", "a command comes first"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tc := newTestCLI(t, nil)
			code := tc.run(context.Background(), "", tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit code = %d, want %d; stderr: %s", code, tt.wantCode, tc.stderr.String())
			}
			if !strings.Contains(strings.ToLower(tc.stdout.String()), tt.wantStdout) {
				t.Errorf("stdout = %q, want %q", tc.stdout.String(), tt.wantStdout)
			}
			if !strings.Contains(tc.stderr.String(), tt.wantStderr) {
				t.Errorf("stderr = %q, want %q", tc.stderr.String(), tt.wantStderr)
			}
			if strings.Contains(tc.stdout.String(), "confg") || strings.Contains(tc.stdout.String(), bad) {
				t.Errorf("a flag was read as message text: %q", tc.stdout.String())
			}
		})
	}
}

// TestHelpEverywhere: -h and --help exit 0 for every command, with the
// help on standard output in one layout.
func TestHelpEverywhere(t *testing.T) {
	for _, cmd := range []string{"serve", "chat", "triage", "eval", "digest", "import", "migrate", "backup", "config", "version"} {
		for _, h := range []string{"-h", "--help"} {
			tc := newTestCLI(t, nil)
			code := tc.run(context.Background(), "", cmd, h)
			out := tc.stdout.String()
			if code != 0 {
				t.Errorf("%s %s: exit %d, want 0; stderr %q", cmd, h, code, tc.stderr.String())
			}
			if !strings.HasPrefix(out, "Usage: triagebot "+cmd) || !strings.Contains(out, "\nFlags:\n") || !strings.Contains(out, "-config FILE") {
				t.Errorf("%s %s: help not in the common layout:\n%s", cmd, h, out)
			}
		}
	}
	tc := newTestCLI(t, nil)
	if code := tc.run(context.Background(), "", "triage", "--sent-at"); code != 2 || !strings.Contains(tc.stderr.String(), "Usage: triagebot triage") {
		t.Errorf("a bad flag: exit %d, stderr %q; want 2 and the help on stderr", code, tc.stderr.String())
	}
}

func TestVersionShowsBuildInfo(t *testing.T) {
	tc := newTestCLI(t, nil)
	if code := tc.run(context.Background(), "", "version"); code != 0 {
		t.Fatalf("version: exit %d", code)
	}
	b := buildInfo()
	out := tc.stdout.String()
	if b.Version == "" || !strings.HasPrefix(out, "triagebot "+b.Version+"\n") || !strings.Contains(out, "revision: ") || !strings.Contains(out, "go: go") {
		t.Errorf("version output = %q (build %+v)", out, b)
	}
	var buf bytes.Buffer
	build{Version: "v1.2.3", Revision: "abc123", Time: "2026-12-01T00:00:00Z", Modified: true}.print(&buf)
	if !strings.Contains(buf.String(), "revision: abc123 (2026-12-01T00:00:00Z) with uncommitted changes") {
		t.Errorf("print = %q", buf.String())
	}
}

// TestProgressQuietOffTerminal: a bar asked to draw on a writer that is no
// terminal draws nothing.
func TestProgressQuietOffTerminal(t *testing.T) {
	var buf bytes.Buffer
	bar := newProgress(&buf, 100, "test", true)
	for range 100 {
		_ = bar.Add(1)
	}
	_ = bar.Finish()
	if buf.Len() != 0 {
		t.Errorf("progress wrote %q to a buffer", buf.String())
	}
}
