package main

import (
	"github.com/triagebot/triagebot/config"
	"github.com/triagebot/triagebot/triage"
)

// triageRules maps the triage section of the configuration onto the
// engine's rules: the one place the two meet. The section already holds
// the engine's defaults (loadConfig layers triage.DefaultsYAML under the
// file), so this is a plain copy; triage.New judges the result.
func triageRules(t config.Triage) triage.Rules {
	r := triage.Rules{
		Bands: triage.Bands{
			ODM: triageBand(t.Bands.ODM), OEM: triageBand(t.Bands.OEM), CM: triageBand(t.Bands.CM),
		},
		Rates:           make(map[string]float64, len(t.Rates)),
		Weights:         triage.Weights{Quantity: t.Weights.Quantity, Budget: t.Weights.Budget, LeadTime: t.Weights.LeadTime},
		DefaultLanguage: t.DefaultLanguage,
		Languages:       make(map[string]triage.Language, len(t.Languages)),
	}
	for code, rate := range t.Rates {
		r.Rates[code] = rate
	}
	for code, l := range t.Languages {
		r.Languages[code] = triageLanguage(l)
	}
	return r
}

func triageBand(b config.Band) triage.Band {
	return triage.Band{
		MOQMin: b.MOQMin, MOQMax: b.MOQMax,
		InvestMinUSD: b.InvestMinUSD, InvestMaxUSD: b.InvestMaxUSD,
		LeadMinDays: b.LeadMinDays, LeadMaxDays: b.LeadMaxDays,
		QCMinUSD: b.QCMinUSD, QCMaxUSD: b.QCMaxUSD,
	}
}

func triageLanguage(l config.Language) triage.Language {
	out := triage.Language{
		Name:         l.Name,
		Suggested:    l.Suggested,
		Explanations: make(map[triage.Model]string, len(l.Explanations)),
		Questions:    make(map[triage.Cue]triage.QuestionText, len(l.Questions)),
		Warnings:     make(map[string]string, len(l.Warnings)),
		Labels:       make(map[string]string, len(l.Labels)),
	}
	for m, s := range l.Explanations {
		out.Explanations[triage.Model(m)] = s
	}
	for c, q := range l.Questions {
		out.Questions[triage.Cue(c)] = triage.QuestionText{Text: q.Text, Answers: append([]string(nil), q.Answers...)}
	}
	for k, s := range l.Warnings {
		out.Warnings[k] = s
	}
	for k, s := range l.Labels {
		out.Labels[k] = s
	}
	return out
}
