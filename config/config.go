// Package config holds triagebot's one Config struct and builds it from, in
// order (later wins): the embedded defaults, a YAML file, and the
// environment. Secrets come only from the environment (or *_FILE twins).
//
// Config values are plain data: main reads them and hands them down.
package config

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// EnvPrefix starts the environment name of every config key:
// slack.api_url is TRIAGEBOT_SLACK_API_URL.
const EnvPrefix = "TRIAGEBOT_"

// DefaultFile is read when no --config is given and it exists in the
// working directory.
const DefaultFile = "triagebot.yaml"

//go:embed defaults.yaml
var defaultsYAML []byte

// Config is the whole configuration. The zero value is not useful: start
// from Default or Load.
type Config struct {
	Log          Log          `yaml:"log"`
	HTTP         HTTP         `yaml:"http"`
	DataDir      string       `yaml:"data_dir"`
	Database     Database     `yaml:"database"`
	Conversation Conversation `yaml:"conversation"`
	Triage       Triage       `yaml:"triage"`
	Slack        Slack        `yaml:"slack"`
	Telegram     Telegram     `yaml:"telegram"`
	Digest       Digest       `yaml:"digest"`
	// Secrets are read from the environment only; never from YAML.
	Secrets Secrets `yaml:"-"`

	// digestSchedule is Digest.Schedule as Load parsed it.
	digestSchedule Schedule
}

// Log configures log/slog.
type Log struct {
	Level  string `yaml:"level"`
	Format string `yaml:"format"`
}

// HTTP configures the one HTTP server of `serve`.
type HTTP struct {
	Addr string `yaml:"addr"`
	// MetricsAddr, when set, serves /healthz, /readyz and /metrics on a
	// listener of their own instead of beside the platforms' endpoints.
	MetricsAddr     string        `yaml:"metrics_addr"`
	MaxBodyBytes    int64         `yaml:"max_body_bytes"`
	ShutdownTimeout time.Duration `yaml:"shutdown_timeout"`
}

// Database tunes the PostgreSQL pool (used when DATABASE_URL is set).
type Database struct {
	MaxConns int `yaml:"max_conns"`
}

// Conversation configures multi-turn conversations.
type Conversation struct {
	IdleExpiry time.Duration `yaml:"idle_expiry"`
	// ChatCap is how many messages of one chat are triaged per ChatWindow;
	// more are stored, not triaged, and the first over gets a notice. 0: no cap.
	ChatCap    int           `yaml:"chat_cap"`
	ChatWindow time.Duration `yaml:"chat_window"`
}

// Slack configures the Slack adapter.
type Slack struct {
	APIURL       string   `yaml:"api_url"`
	Mode         string   `yaml:"mode"`
	SalesChannel string   `yaml:"sales_channel"`
	AdminUsers   []string `yaml:"admin_users"`
}

// Telegram configures the Telegram adapter.
type Telegram struct {
	APIURL    string `yaml:"api_url"`
	Mode      string `yaml:"mode"`
	PublicURL string `yaml:"public_url"`
}

// Digest configures the weekly digest.
type Digest struct {
	Schedule     string `yaml:"schedule"`
	SlackChannel string `yaml:"slack_channel"`
	TelegramChat string `yaml:"telegram_chat"`
}

// Secrets come from the environment under the names the ecosystem uses.
type Secrets struct {
	SlackBotToken         string
	SlackAppToken         string
	SlackSigningSecret    string
	TelegramBotToken      string
	TelegramWebhookSecret string
	DatabaseURL           string
}

// Default returns config's own built-in configuration: every section but
// the engine's rules, which Load layers in from its caller.
func Default() *Config {
	c, err := defaults()
	if err != nil {
		panic(fmt.Sprintf("config: embedded defaults: %v", err)) // a test guards it
	}
	return c
}

// defaults decodes the built-in defaults, then each layer over them.
func defaults(layers ...[]byte) (*Config, error) {
	c := &Config{}
	if err := decodeYAML(bytes.NewReader(defaultsYAML), c); err != nil {
		return nil, fmt.Errorf("defaults.yaml: %w", err)
	}
	for i, l := range layers {
		if err := decodeYAML(bytes.NewReader(l), c); err != nil {
			return nil, fmt.Errorf("defaults layer %d: %w", i+1, err)
		}
	}
	return c, nil
}

// Load builds the configuration from, in order (later wins): the built-in
// defaults, each YAML document of layers (main passes the engine's own
// defaults, triage.DefaultsYAML), the YAML in r (nil for none), then the
// environment as given by environ (os.Environ's form) and getenv. It
// validates the result (Validate) and leaves the engine's settings to the
// engine; the error lists every problem, each naming its key.
func Load(r io.Reader, environ []string, getenv func(string) string, layers ...[]byte) (*Config, error) {
	c, err := defaults(layers...)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	if r != nil {
		if err := decodeYAML(r, c); err != nil {
			return nil, fmt.Errorf("config file: %w", err)
		}
		base, _ := defaults(layers...) // a fresh copy: decoding shares no maps with c
		fillLanguages(c, base)
	}
	var errs []error
	errs = append(errs, applyEnv(c, environ)...)
	errs = append(errs, readSecrets(&c.Secrets, getenv)...)
	sched, err := c.validate()
	errs = append(errs, err)
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	c.digestSchedule = sched
	return c, nil
}

func decodeYAML(r io.Reader, c *Config) error {
	src, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true) // an unknown key is an error, not a silent no-op
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return nameKeys(err, src)
	}
	return nil
}

// nameKeys rewrites yaml's "line N: ..." type errors so that each names the
// key at that line, e.g. "http.max_body_bytes (line 2): cannot unmarshal".
func nameKeys(err error, src []byte) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return err
	}
	var doc yaml.Node
	if yaml.Unmarshal(src, &doc) != nil {
		return err
	}
	keys := map[int]string{}
	var walk func(n *yaml.Node, path string)
	walk = func(n *yaml.Node, path string) {
		switch n.Kind {
		case yaml.DocumentNode, yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c, path)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				p := n.Content[i].Value
				if path != "" {
					p = path + "." + p
				}
				keys[n.Content[i].Line] = p
				walk(n.Content[i+1], p)
			}
		}
	}
	walk(&doc, "")
	msgs := make([]error, 0, len(te.Errors))
	for _, m := range te.Errors {
		var line int
		if _, serr := fmt.Sscanf(m, "line %d:", &line); serr == nil && keys[line] != "" {
			_, rest, _ := strings.Cut(m, ": ")
			m = fmt.Sprintf("%s (line %d): %s", keys[line], line, rest)
		}
		msgs = append(msgs, errors.New(m))
	}
	return errors.Join(msgs...)
}

// fillLanguages restores the keys of a language that a YAML file defined
// only in part: decoding replaces a map value whole.
func fillLanguages(c, base *Config) {
	for code, lang := range c.Triage.Languages {
		def, ok := base.Triage.Languages[code]
		if !ok {
			continue
		}
		if lang.Name == "" {
			lang.Name = def.Name
		}
		if lang.Suggested == "" {
			lang.Suggested = def.Suggested
		}
		lang.Explanations = fillMap(lang.Explanations, def.Explanations)
		lang.Questions = fillMap(lang.Questions, def.Questions)
		lang.Warnings = fillMap(lang.Warnings, def.Warnings)
		lang.Labels = fillMap(lang.Labels, def.Labels)
		c.Triage.Languages[code] = lang
	}
}

func fillMap[K comparable, V any](m, def map[K]V) map[K]V {
	if m == nil && len(def) > 0 {
		m = make(map[K]V, len(def))
	}
	for k, v := range def {
		if _, ok := m[k]; !ok {
			m[k] = v
		}
	}
	return m
}

// YAML returns the configuration as YAML that Load reads back, for
// `triagebot config`. Secrets are not part of it: a comment at the end
// says which are set, never their values.
func (c *Config) YAML() ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(c); err != nil {
		return nil, err
	}
	buf.WriteString("# Secrets come from the environment only:\n")
	for _, s := range c.secretList() {
		state := "not set"
		if *s.value != "" {
			state = "set, redacted"
		}
		fmt.Fprintf(&buf, "#   %s: (%s)\n", s.env, state)
	}
	return buf.Bytes(), nil
}
