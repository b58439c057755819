package main

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/triagebot/triagebot/config"
)

// The deployment files (deploy/, docker-compose.yml, Dockerfile) are
// checked against the program they deploy: the port is http.addr's, the
// probe paths are routes serve answers, every *_FILE names a secret that
// exists, and the configuration they give loads. No Docker or Kubernetes
// runs here; these tests catch the drift between files and code.

// yamlFiles are every YAML file the deployment consists of.
func yamlFiles(t *testing.T) []string {
	t.Helper()
	files := []string{"docker-compose.yml"}
	err := filepath.WalkDir("deploy", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml")) {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// decodeAll decodes every document of a YAML file into a fresh T each.
func decodeAll[T any](t *testing.T, path string) []T {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var docs []T
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var doc T
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return docs
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		docs = append(docs, doc)
	}
}

func TestDeployFilesAreYAML(t *testing.T) {
	files := yamlFiles(t)
	for _, want := range []string{"docker-compose.yml", "deploy/kubernetes/deployment.yaml", "deploy/kubernetes/kustomization.yaml"} {
		if !slices.Contains(files, want) {
			t.Errorf("%s not among %v", want, files)
		}
	}
	for _, f := range files {
		if docs := decodeAll[map[string]any](t, f); len(docs) == 0 {
			t.Errorf("%s: no YAML document", f)
		}
	}
}

// defaultPort is the port of the built-in http.addr.
func defaultPort(t *testing.T) string {
	t.Helper()
	return portOf(t, config.Default().HTTP.Addr)
}

func portOf(t *testing.T, addr string) string {
	t.Helper()
	_, p, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatalf("address %q: %v", addr, err)
	}
	return p
}

// secretFiles writes each value to its own file and returns the
// environment that names them: a stand-in for mounted secrets, so that a
// configuration can be loaded as the container would load it.
func secretFiles(t *testing.T, env map[string]string, values map[string]string, mountDir func(string) string) map[string]string {
	t.Helper()
	dir := t.TempDir()
	out := map[string]string{}
	for k, v := range env {
		if !strings.HasSuffix(k, "_FILE") {
			out[k] = v
			continue
		}
		name := filepath.Base(v)
		val, ok := values[name]
		if !ok {
			t.Errorf("%s=%s: no secret %q", k, v, name)
			continue
		}
		if want := mountDir(name); v != want {
			t.Errorf("%s=%s, want %s (where the secret is mounted)", k, v, want)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(val), 0o600); err != nil {
			t.Fatal(err)
		}
		out[k] = path
	}
	return out
}

// loadsAs runs `triagebot config` with env and fails the test unless the
// configuration loads with every secret its *_FILE names; it returns the
// printed configuration.
func loadsAs(t *testing.T, what string, env map[string]string) *config.Config {
	t.Helper()
	tc := newTestCLI(t, env)
	if code := tc.run(t.Context(), "", "config"); code != 0 {
		t.Fatalf("%s: the configuration does not load: %s", what, tc.stderr.String())
	}
	for k := range env {
		if name, ok := strings.CutSuffix(k, "_FILE"); ok && !strings.Contains(tc.stdout.String(), name+": (set, redacted)") {
			t.Errorf("%s: %s is not set from %s", what, name, k)
		}
	}
	var cfg config.Config
	if err := yaml.Unmarshal(tc.stdout.Bytes(), &cfg); err != nil {
		t.Fatalf("%s: config output: %v", what, err)
	}
	return &cfg
}

// secretEnv are the environment names of the secrets config reads.
var secretEnv = []string{"DATABASE_URL", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET"}

// noPlainSecrets fails when a secret is given as a value rather than a file.
func noPlainSecrets(t *testing.T, what string, env map[string]string) {
	t.Helper()
	for _, name := range secretEnv {
		if _, ok := env[name]; ok {
			t.Errorf("%s: %s is set as a value; secrets come as files (%s_FILE)", what, name, name)
		}
	}
}
