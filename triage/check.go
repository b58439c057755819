package triage

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
)

// Check reports every problem of the rules at once, each naming its key
// as written in the triage section of the configuration
// ("triage.bands.odm.moq_max: is below moq_min"). New runs it; it is the
// one place the engine's settings are judged.
func (r Rules) Check() error {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("triage.%s: %s", key, fmt.Sprintf(format, args...)))
	}
	for _, b := range []struct {
		name string
		band Band
	}{{"odm", r.Bands.ODM}, {"oem", r.Bands.OEM}, {"cm", r.Bands.CM}} {
		key := "bands." + b.name + "."
		if b.band.MOQMin <= 0 {
			bad(key+"moq_min", "must be positive")
		}
		if b.band.MOQMax != 0 && b.band.MOQMax < b.band.MOQMin {
			bad(key+"moq_max", "is below moq_min")
		}
		if b.band.InvestMaxUSD != 0 && b.band.InvestMaxUSD < b.band.InvestMinUSD {
			bad(key+"invest_max_usd", "is below invest_min_usd")
		}
		if b.band.LeadMaxDays < b.band.LeadMinDays {
			bad(key+"lead_max_days", "is below lead_min_days")
		}
	}
	for _, code := range slices.Sorted(maps.Keys(r.Rates)) {
		if len(code) != 3 || strings.ToUpper(code) != code {
			bad("rates."+code, "want an upper-case ISO 4217 code")
		}
		if rate := r.Rates[code]; rate <= 0 || math.IsNaN(rate) || math.IsInf(rate, 0) {
			bad("rates."+code, "USD value %v, want a positive number", rate)
		}
	}
	if r.Weights.Quantity < 0 || r.Weights.Budget < 0 || r.Weights.LeadTime < 0 {
		bad("weights", "must not be negative")
	}
	if _, ok := r.Languages[r.DefaultLanguage]; !ok {
		bad("default_language", "%q has no entry under triage.languages", r.DefaultLanguage)
	}
	return errors.Join(errs...)
}
