package main

import (
	"testing"
	"time"

	composecli "github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
)

// TestComposeSpec loads docker-compose.yml with compose-go, the loader
// Docker Compose itself uses: the compose-spec schema, interpolation and
// the cross-references (depends_on, secrets, volumes) are checked as
// `docker compose config` would, with no Docker engine.
func TestComposeSpec(t *testing.T) {
	opts, err := composecli.NewProjectOptions([]string{"docker-compose.yml"},
		composecli.WithName("triagebot"), composecli.WithWorkingDirectory("."),
		composecli.WithEnv([]string{"TRIAGEBOT_TELEGRAM_PUBLIC_URL=https://bot.example.com"}))
	if err != nil {
		t.Fatal(err)
	}
	p, err := opts.LoadProject(t.Context())
	if err != nil {
		t.Fatalf("docker-compose.yml: %v", err)
	}
	bot, err := p.GetService("triagebot")
	if err != nil {
		t.Fatal(err)
	}
	if bot.Deploy == nil || bot.Deploy.Replicas == nil || *bot.Deploy.Replicas != 3 {
		t.Errorf("triagebot deploy = %+v, want 3 replicas", bot.Deploy)
	}
	if got := bot.Environment["TRIAGEBOT_TELEGRAM_PUBLIC_URL"]; got == nil || *got != "https://bot.example.com" {
		t.Errorf("TRIAGEBOT_TELEGRAM_PUBLIC_URL = %v: the shared environment is not interpolated into the service", got)
	}
	if bot.StopGracePeriod == nil || time.Duration(*bot.StopGracePeriod) < 25*time.Second {
		t.Errorf("stop_grace_period = %v", bot.StopGracePeriod)
	}
	if d := bot.DependsOn["postgres"]; d.Condition != types.ServiceConditionHealthy {
		t.Errorf("depends_on postgres = %+v, want service_healthy", d)
	}
	for _, s := range bot.Secrets {
		if _, ok := p.Secrets[s.Source]; !ok {
			t.Errorf("secret %s is not declared", s.Source)
		}
	}
}
