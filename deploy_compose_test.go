package main

import (
	"bufio"
	"net/http"
	"os"
	"os/exec"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/triagebot/triagebot/config"
)

// composeFile is the part of docker-compose.yml these tests read.
type composeFile struct {
	Services map[string]composeService `yaml:"services"`
	Secrets  map[string]struct {
		File string `yaml:"file"`
	} `yaml:"secrets"`
}

type composeService struct {
	Image       string            `yaml:"image"`
	Restart     string            `yaml:"restart"`
	Ports       []string          `yaml:"ports"`
	Expose      []string          `yaml:"expose"`
	Environment map[string]string `yaml:"environment"`
	Secrets     []string          `yaml:"secrets"`
	Volumes     []string          `yaml:"volumes"`
	ReadOnly    bool              `yaml:"read_only"`
	StopGrace   string            `yaml:"stop_grace_period"`
	Deploy      struct {
		Replicas int `yaml:"replicas"`
	} `yaml:"deploy"`
	Healthcheck *struct {
		Test []string `yaml:"test"`
	} `yaml:"healthcheck"`
	DependsOn map[string]struct {
		Condition string `yaml:"condition"`
	} `yaml:"depends_on"`
}

func compose(t *testing.T) composeFile {
	t.Helper()
	docs := decodeAll[composeFile](t, "docker-compose.yml")
	if len(docs) != 1 {
		t.Fatalf("docker-compose.yml: %d documents, want 1", len(docs))
	}
	for _, name := range []string{"lb", "triagebot", "postgres"} {
		if _, ok := docs[0].Services[name]; !ok {
			t.Fatalf("docker-compose.yml: no service %q", name)
		}
	}
	return docs[0]
}

func TestComposeServices(t *testing.T) {
	c := compose(t)
	bot, pg, lb := c.Services["triagebot"], c.Services["postgres"], c.Services["lb"]
	if bot.Deploy.Replicas != 3 {
		t.Errorf("triagebot replicas = %d, want 3", bot.Deploy.Replicas)
	}
	for name, s := range c.Services {
		if !slices.Contains([]string{"always", "unless-stopped", "on-failure"}, s.Restart) {
			t.Errorf("service %s: restart %q, want a policy that restarts", name, s.Restart)
		}
	}
	if bot.DependsOn["postgres"].Condition != "service_healthy" || pg.Healthcheck == nil {
		t.Errorf("triagebot should wait for a healthy postgres (which needs a health check)")
	}
	if _, ok := lb.DependsOn["triagebot"]; !ok {
		t.Errorf("lb does not depend on triagebot")
	}
	if bot.Healthcheck == nil || !slices.Equal(bot.Healthcheck.Test, []string{"CMD", "/usr/local/bin/triagebot", "healthcheck"}) {
		t.Errorf("triagebot health check = %+v, want the binary's own healthcheck (no shell in the image)", bot.Healthcheck)
	}
	if len(bot.Ports) != 0 {
		t.Errorf("triagebot publishes %v: the lb is the one public address", bot.Ports)
	}
	if !bot.ReadOnly {
		t.Errorf("triagebot's root filesystem is writable; with PostgreSQL it writes nothing")
	}
}

// composeConfig loads the configuration a replica would, with stand-in
// files for the compose secrets.
func composeConfig(t *testing.T, c composeFile) *config.Config {
	t.Helper()
	bot := c.Services["triagebot"]
	noPlainSecrets(t, "docker-compose.yml", bot.Environment)
	env := map[string]string{}
	for k, v := range bot.Environment {
		env[k] = interpolate(v) // as compose would, from an empty .env
	}
	values := map[string]string{}
	for _, s := range bot.Secrets {
		values[s] = "placeholder"
	}
	values["database_url"] = "postgres://triagebot:pw@127.0.0.1:1/triagebot?sslmode=disable"
	env = secretFiles(t, env, values, func(name string) string { return path.Join("/run/secrets", name) })
	return loadsAs(t, "docker-compose.yml", env)
}

func TestComposeSecretsAndConfig(t *testing.T) {
	c := compose(t)
	bot, pg := c.Services["triagebot"], c.Services["postgres"]
	for _, s := range append(slices.Clone(bot.Secrets), pg.Secrets...) {
		f, ok := c.Secrets[s]
		if !ok || !strings.HasPrefix(f.File, "./deploy/compose/secrets/") {
			t.Errorf("secret %s: file %q, want one under ./deploy/compose/secrets/ (git-ignored)", s, f.File)
		}
	}
	if !strings.HasPrefix(pg.Environment["POSTGRES_PASSWORD_FILE"], "/run/secrets/") {
		t.Errorf("postgres gets its password as %v, want POSTGRES_PASSWORD_FILE", pg.Environment)
	}
	cfg := composeConfig(t, c)
	grace, err := time.ParseDuration(bot.StopGrace)
	if err != nil || grace <= cfg.HTTP.ShutdownTimeout {
		t.Errorf("stop_grace_period %q does not cover http.shutdown_timeout %v (%v)", bot.StopGrace, cfg.HTTP.ShutdownTimeout, err)
	}
	if cfg.Telegram.Mode != "webhook" {
		t.Errorf("telegram.mode = %s: with replicas, only webhooks reach every one", cfg.Telegram.Mode)
	}
	want := []string{portOf(t, cfg.HTTP.Addr)}
	if cfg.HTTP.MetricsAddr != "" {
		want = append(want, portOf(t, cfg.HTTP.MetricsAddr))
	}
	if !slices.Equal(bot.Expose, want) {
		t.Errorf("triagebot exposes %v, want %v (http.addr, http.metrics_addr)", bot.Expose, want)
	}
}

// composeVar is compose's ${NAME}, ${NAME:-default} or ${NAME-default}.
var composeVar = regexp.MustCompile(`\$\{[A-Za-z_][A-Za-z0-9_]*(:?-([^}]*))?\}`)

// interpolate gives s as compose would with no variable set: each
// variable's default, or "".
func interpolate(s string) string {
	return composeVar.ReplaceAllString(s, "$2")
}

// haproxyConfig is what the tests read of deploy/compose/haproxy.cfg.
type haproxyConfig struct {
	binds      []string // ports of the frontend's bind lines
	checkPath  string   // the path of http-check send
	serverPort string   // the port of the replicas' server-template
	serverHost string
	checkPort  string // default-server's check port, if any
}

func readHAProxy(t *testing.T) haproxyConfig {
	t.Helper()
	f, err := os.Open("deploy/compose/haproxy.cfg")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var h haproxyConfig
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		w := strings.Fields(sc.Text())
		switch {
		case len(w) == 0 || strings.HasPrefix(w[0], "#"):
		case w[0] == "bind" && len(w) > 1:
			h.binds = append(h.binds, portOf(t, w[1]))
		case len(w) > 5 && w[0] == "http-check" && w[1] == "send":
			if i := slices.Index(w, "uri"); i > 0 && i+1 < len(w) {
				h.checkPath = w[i+1]
			}
		case w[0] == "default-server":
			if i := slices.Index(w, "port"); i > 0 && i+1 < len(w) {
				h.checkPort = w[i+1]
			}
		case w[0] == "server-template" && len(w) >= 4:
			host, port, _ := strings.Cut(w[3], ":")
			h.serverHost, h.serverPort = host, port
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return h
}

func TestComposeLoadBalancer(t *testing.T) {
	c := compose(t)
	lb := c.Services["lb"]
	h := readHAProxy(t)
	cfg := composeConfig(t, c)
	if want := portOf(t, cfg.HTTP.Addr); h.serverHost != "triagebot" || h.serverPort != want {
		t.Errorf("haproxy sends to %s:%s, want the triagebot service on %s (http.addr)", h.serverHost, h.serverPort, want)
	}
	wantCheck := "" // beside the webhooks
	if cfg.HTTP.MetricsAddr != "" {
		wantCheck = portOf(t, cfg.HTTP.MetricsAddr)
	}
	if h.checkPort != wantCheck {
		t.Errorf("haproxy checks port %q, want %q (http.metrics_addr, where /readyz is)", h.checkPort, wantCheck)
	}
	if h.checkPath != "/readyz" {
		t.Errorf("haproxy checks %q, want /readyz: only ready replicas get webhooks", h.checkPath)
	}
	if len(lb.Ports) != 1 || len(h.binds) != 1 {
		t.Fatalf("lb publishes %v and haproxy binds %v: want one public address", lb.Ports, h.binds)
	}
	if i := strings.LastIndex(lb.Ports[0], ":"); lb.Ports[0][i+1:] != h.binds[0] {
		t.Errorf("lb publishes %s, haproxy listens on %s", lb.Ports[0], h.binds[0])
	}
	mounted := false
	for _, v := range lb.Volumes {
		mounted = mounted || strings.HasPrefix(v, "./deploy/compose/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg")
	}
	if !mounted {
		t.Errorf("lb volumes %v do not mount deploy/compose/haproxy.cfg where the image reads it", lb.Volumes)
	}
}

// TestHAProxyConfigValid runs HAProxy's own check of the configuration
// where HAProxy is installed (apt-get install haproxy); the image runs a
// newer HAProxy, which reads everything an older one does here.
func TestHAProxyConfigValid(t *testing.T) {
	bin, err := exec.LookPath("haproxy")
	if err != nil {
		t.Skip("haproxy is not installed: its configuration check is skipped")
	}
	out, err := exec.CommandContext(t.Context(), bin, "-c", "-f", "deploy/compose/haproxy.cfg").CombinedOutput()
	if err != nil || strings.Contains(string(out), "WARNING") {
		t.Errorf("haproxy -c: %v\n%s", err, out)
	}
}

// TestDockerfile: the image exposes http.addr's port and checks itself
// with the binary.
func TestDockerfile(t *testing.T) {
	src, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	df := strings.ReplaceAll(string(src), "\\\n", " ")
	if !strings.Contains(df, "\nEXPOSE "+defaultPort(t)+"\n") {
		t.Errorf("Dockerfile does not EXPOSE %s (http.addr)", defaultPort(t))
	}
	if !strings.Contains(df, `CMD ["/usr/local/bin/triagebot", "healthcheck"]`) || !strings.Contains(df, "\nHEALTHCHECK ") {
		t.Errorf("Dockerfile has no HEALTHCHECK running triagebot healthcheck")
	}
}

// TestDeployProbesAreServed starts serve and asks it every path the
// deployment files probe: each must answer 200 once serve is ready.
func TestDeployProbesAreServed(t *testing.T) {
	paths := map[string]bool{readHAProxy(t).checkPath: true}
	c := k8sObjects(t)["Deployment"].Spec.Template.Spec.Containers[0]
	for _, p := range []*k8sProbe{c.StartupProbe, c.LivenessProbe, c.ReadinessProbe} {
		if p != nil && p.HTTPGet != nil {
			paths[p.HTTPGet.Path] = true
		}
	}
	if len(paths) < 2 {
		t.Fatalf("probe paths %v: want /healthz and /readyz at least", paths)
	}
	// As the deployment files run it: health on its own listener.
	addr, ops := deadAddr(t), deadAddr(t)
	srv := newTestCLI(t, map[string]string{"TRIAGEBOT_HTTP_ADDR": addr, "TRIAGEBOT_HTTP_METRICS_ADDR": ops})
	done := make(chan int, 1)
	ctx := t.Context()
	go func() { done <- srv.run(ctx, "", "serve") }()
	t.Cleanup(func() { <-done })
	get := func(p string) int {
		resp, err := http.Get("http://" + ops + p)
		if err != nil {
			return 0
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	waitFor(t, "readiness", func() bool { return get("/readyz") == http.StatusOK })
	for p := range paths {
		if code := get(p); code != http.StatusOK {
			t.Errorf("GET %s = %d, want 200: the deployment probes a path serve does not answer", p, code)
		}
	}
}
