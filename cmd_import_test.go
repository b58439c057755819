package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// digestCLI is a cli on a fresh SQLite data folder with env, returning its
// output buffers.
type digestCLI struct {
	env            map[string]string
	stdout, stderr bytes.Buffer
}

func newDigestCLI(t *testing.T, env map[string]string) *digestCLI {
	t.Helper()
	d := &digestCLI{env: map[string]string{"TRIAGEBOT_DATA_DIR": t.TempDir(), "TRIAGEBOT_LOG_LEVEL": "warn"}}
	for k, v := range env {
		d.env[k] = v
	}
	return d
}

func (d *digestCLI) cli(stdin string) *cli {
	d.stdout.Reset()
	d.stderr.Reset()
	return &cli{
		stdin: strings.NewReader(stdin), stdout: &d.stdout, stderr: &d.stderr,
		getenv: func(k string) string { return d.env[k] },
		environ: func() []string {
			var kv []string
			for k, v := range d.env {
				kv = append(kv, k+"="+v)
			}
			return kv
		},
	}
}

func digestWriteFile(t *testing.T, name, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// digestJSON runs `digest --week W --format json` and decodes the object.
func digestJSON(t *testing.T, d *digestCLI, week string) map[string]any {
	t.Helper()
	if code := d.cli("").runDigest(context.Background(), []string{"--week", week, "--format", "json"}); code != 0 {
		t.Fatalf("digest --week %s exit %d: %s", week, code, d.stderr.String())
	}
	var obj map[string]any
	if err := json.Unmarshal(d.stdout.Bytes(), &obj); err != nil {
		t.Fatalf("digest --format json printed %q: %v", d.stdout.String(), err)
	}
	return obj
}

const importJSONL = `{"text":"We need 3000 LED mirrors made to our own design, budget USD 40,000","sent_at":"2026-11-16T09:30:00+07:00","channel":"Telegram","user":"budi"}
{"text":"Catalog mirror with our logo, 500 pcs","sent_at":"2026-11-16","channel":"alibaba","user":"ali-77"}

{"text":"We need 3000 LED mirrors made to our own design, budget USD 40,000","sent_at":"2026-11-16T09:30:00+07:00","channel":"Telegram","user":"kim"}
{"text":"not json at all
{"text":"","sent_at":"2026-11-17","channel":"slack","user":"x"}
{"text":"hello","sent_at":"yesterday","channel":"slack","user":"x"}
{"text":"hello","channel":"slack","user":"x"}
{"text":42,"sent_at":"2026-11-17","channel":"slack","user":"x"}
{"text":"We need 3000 LED mirrors made to our own design, budget USD 40,000","sent_at":"2026-11-16T09:30:00+07:00","channel":"Telegram","user":"budi"}
{"text":"Last week's inquiry","sent_at":"2026-11-15T23:59:59+07:00","channel":"slack","user":"lee"}
`

func TestImportJSONL(t *testing.T) {
	d := newDigestCLI(t, nil)
	path := digestWriteFile(t, "inquiries.jsonl", importJSONL)
	ctx := context.Background()
	if code := d.cli("").runImport(ctx, []string{path}); code != 0 {
		t.Fatalf("import exit %d: %s", code, d.stderr.String())
	}
	wantErr := []string{
		"line 5: not a JSON object of strings text, sent_at, channel, user, skipped",
		"line 6: no text, skipped",
		`line 7: bad sent_at ("yesterday": want RFC 3339 or YYYY-MM-DD), skipped`,
		"line 8: no sent_at, skipped",
		"line 9: not a JSON object",
	}
	for _, w := range wantErr {
		if !strings.Contains(d.stderr.String(), w) {
			t.Errorf("stderr lacks %q:\n%s", w, d.stderr.String())
		}
	}
	if strings.Contains(d.stderr.String(), "line 3") || strings.Contains(d.stderr.String(), "line 10") {
		t.Errorf("a blank line or a repeated line was reported as bad:\n%s", d.stderr.String())
	}
	wantSum := "imported 4, already there 1, skipped 5 (bad sent_at: 1; no sent_at: 1; no text: 1; not a JSON object of strings text, sent_at, channel, user: 2)"
	if got := strings.TrimSpace(d.stdout.String()); got != wantSum {
		t.Errorf("summary = %q, want %q", got, wantSum)
	}

	// The same file again adds nothing.
	if code := d.cli("").runImport(ctx, []string{path}); code != 0 {
		t.Fatalf("second import exit %d: %s", code, d.stderr.String())
	}
	if got := strings.TrimSpace(d.stdout.String()); !strings.HasPrefix(got, "imported 0, already there 5, skipped 5") {
		t.Errorf("second import summary = %q, want nothing new", got)
	}

	// A date is midnight in the digest's zone (Jakarta): 2026-11-16 is
	// 17:00 UTC on Sunday, still W47 there. The same text from two buyers
	// is two inquiries; channels are lower-cased.
	obj := digestJSON(t, d, "2026-W47")
	if obj["total"] != 3.0 || obj["previous_total"] != 1.0 {
		t.Errorf("digest total %v, previous %v; want 3, 1", obj["total"], obj["previous_total"])
	}
	if ch, _ := obj["by_channel"].(map[string]any); ch["telegram"] != 2.0 || ch["alibaba"] != 1.0 {
		t.Errorf("by_channel = %v, want telegram 2, alibaba 1", obj["by_channel"])
	}
	if days, _ := obj["days"].([]any); len(days) != 7 {
		t.Errorf("days = %v, want 7", obj["days"])
	} else if mon, _ := days[0].(map[string]any); mon["date"] != "2026-11-16" {
		t.Errorf("first day = %v, want 2026-11-16", mon)
	} else {
		n := 0.0
		for _, v := range mon["by_model"].(map[string]any) {
			n += v.(float64)
		}
		if n != 3 {
			t.Errorf("Monday has %v inquiries, want all 3", n)
		}
	}
}

func TestImportCSV(t *testing.T) {
	d := newDigestCLI(t, nil)
	csvBody := "\ufeffUser,Channel,Text,Sent_At,extra\n" +
		"budi,telegram,\"We need 3000 mirrors,\nour own design\",2026-11-17T10:00:00Z,x\n" +
		"kim,slack,Catalog design please,2026-11-18,\n" +
		"lee,slack,\"broken \"quote,2026-11-18,\n" +
		"ana,slack,No time given,,\n"
	path := digestWriteFile(t, "inquiries.csv", csvBody)
	if code := d.cli("").runImport(context.Background(), []string{path}); code != 0 {
		t.Fatalf("import exit %d: %s", code, d.stderr.String())
	}
	if !strings.Contains(d.stderr.String(), "line 5: bad CSV") || !strings.Contains(d.stderr.String(), "line 6: no sent_at") {
		t.Errorf("stderr = %q, want line 5 (bad quote) and line 6 (no sent_at) reported", d.stderr.String())
	}
	if got := strings.TrimSpace(d.stdout.String()); !strings.HasPrefix(got, "imported 2, already there 0, skipped 2") {
		t.Errorf("summary = %q, want 2 imported, 2 skipped", got)
	}
	if obj := digestJSON(t, d, "2026-W47"); obj["total"] != 2.0 {
		t.Errorf("digest total = %v, want 2", obj["total"])
	}

	// The same record as JSONL has the same key: nothing new.
	jl := `{"text":"Catalog design please","sent_at":"2026-11-18","channel":"slack","user":"kim"}` + "\n"
	if code := d.cli("").runImport(context.Background(), []string{digestWriteFile(t, "again.jsonl", jl)}); code != 0 {
		t.Fatal(d.stderr.String())
	}
	if got := strings.TrimSpace(d.stdout.String()); !strings.HasPrefix(got, "imported 0, already there 1") {
		t.Errorf("summary = %q, want the CSV record recognised", got)
	}
}

func TestImportUsageAndFileErrors(t *testing.T) {
	tests := []struct {
		name     string
		args     func(t *testing.T) []string
		wantCode int
		wantErr  string
	}{
		{"no file", func(t *testing.T) []string { return nil }, 2, "want one FILE"},
		{"missing file", func(t *testing.T) []string { return []string{"/nonexistent/in.jsonl"} }, 1, "/nonexistent/in.jsonl"},
		{"csv without text column", func(t *testing.T) []string {
			return []string{digestWriteFile(t, "x.csv", "message,sent_at\nhi,2026-11-17\n")}
		}, 1, `no "text" column`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDigestCLI(t, nil)
			if code := d.cli("").runImport(context.Background(), tt.args(t)); code != tt.wantCode || !strings.Contains(d.stderr.String(), tt.wantErr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, d.stderr.String(), tt.wantCode, tt.wantErr)
			}
		})
	}
}

func TestImportStdinAndProgress(t *testing.T) {
	d := newDigestCLI(t, nil)
	var b strings.Builder
	for i := range 2500 {
		fmt.Fprintf(&b, `{"text":"order %d of 1000 pcs","sent_at":"2026-11-%02dT10:00:00Z","channel":"telegram","user":"u%d"}`+"\n", i, 16+i%7, i)
	}
	path := digestWriteFile(t, "big.jsonl", b.String())
	if code := d.cli("").runImport(context.Background(), []string{path}); code != 0 {
		t.Fatalf("import exit %d: %s", code, d.stderr.String())
	}
	// Standard error is no terminal here (a buffer, as a log file would
	// be): the progress bar stays quiet rather than write \r frames.
	if s := d.stderr.String(); s != "" {
		t.Errorf("progress frames on a standard error that is no terminal: %q", s[max(0, len(s)-200):])
	}
	if got := strings.TrimSpace(d.stdout.String()); got != "imported 2,500, already there 0, skipped 0" {
		t.Errorf("summary = %q", got)
	}
	// Standard input, small: no bar.
	if code := d.cli(`{"text":"one more","sent_at":"2026-11-20","channel":"slack","user":"z"}`).runImport(context.Background(), []string{"-"}); code != 0 {
		t.Fatal(d.stderr.String())
	}
	if d.stderr.Len() != 0 || !strings.HasPrefix(d.stdout.String(), "imported 1,") {
		t.Errorf("stdin import: stdout %q, stderr %q", d.stdout.String(), d.stderr.String())
	}
}
