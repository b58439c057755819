package triage

import (
	"bytes"
	_ "embed"
	"fmt"

	"go.yaml.in/yaml/v3"
)

// defaultsYAML is the engine's built-in rules, under a top-level triage:
// key, the shape of the triage section of triagebot's configuration.
//
//go:embed defaults.yaml
var defaultsYAML []byte

// DefaultsYAML returns the built-in rules as YAML under a top-level
// `triage:` key, the shape of the triage section of triagebot's
// configuration, so that the configuration can start from them. The
// caller gets its own copy.
func DefaultsYAML() []byte { return bytes.Clone(defaultsYAML) }

// DefaultRules returns the built-in rules: the seed's bands, USD rates,
// vote weights and the texts of the eleven reply languages. Each call
// returns a fresh value the caller may change. It panics only if the
// embedded file is broken, which the package's tests guard.
func DefaultRules() Rules {
	r, err := parseRules(defaultsYAML)
	if err != nil {
		panic(fmt.Sprintf("triage: embedded defaults.yaml: %v", err))
	}
	return r
}

// parseRules decodes rules from YAML under a top-level triage: key,
// refusing unknown keys.
func parseRules(b []byte) (Rules, error) {
	var doc struct {
		Triage Rules `yaml:"triage"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil {
		return Rules{}, err
	}
	return doc.Triage, nil
}
