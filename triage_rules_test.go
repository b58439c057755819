package main

import (
	"reflect"
	"testing"

	"github.com/triagebot/triagebot/config"
	"github.com/triagebot/triagebot/triage"
)

// TestTriageRulesMapsEveryField loads the configuration with nothing
// changed and maps its triage section back: it must be the engine's own
// defaults, field for field, so a field config forgets to carry fails here.
func TestTriageRulesMapsEveryField(t *testing.T) {
	cfg, err := config.Load(nil, nil, func(string) string { return "" }, triage.DefaultsYAML())
	if err != nil {
		t.Fatal(err)
	}
	got, want := triageRules(cfg.Triage), triage.DefaultRules()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("triageRules(defaults) differs from triage.DefaultRules():\n got %+v\nwant %+v", got.Bands, want.Bands)
	}
}
