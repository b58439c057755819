package triage

import "math"

// Decide applies the decision rules of shared/TRIAGE.md section 2 to c and
// words the verdict in lang (the default language when lang is "" or has no
// texts).
func (e *Engine) Decide(c Cues, lang string) Verdict {
	return e.DecideIn(c, lang, Context{})
}

// DecideIn is Decide within a conversation: a cue the buyer declined is not
// asked again, and suggested budget answers are in the conversation's
// currency.
func (e *Engine) DecideIn(c Cues, lang string, conv Context) Verdict {
	if lang == "" || !e.HasLanguage(lang) {
		lang = e.rules.DefaultLanguage
	}
	b := e.rules.Bands
	v := Verdict{Language: lang, Warnings: []string{}, Questions: []Question{}}
	qMin := int64(-1)
	if c.Quantity != nil {
		qMin = c.Quantity.Min
	}
	uMin := -1.0
	if c.Budget != nil {
		uMin = c.Budget.USDMin
	}
	lMin := int64(-1)
	if c.LeadTimeDays != nil {
		lMin = c.LeadTimeDays.Min
	}
	var odmW, oemW, cues int
	switch {
	case c.Ownership == OwnerBuyer:
		if c.SupplyChain || (qMin >= b.CM.MOQMin && uMin >= b.CM.InvestMinUSD) {
			v.Model = CM
		} else {
			v.Model = OEM
		}
	case c.Ownership == OwnerFactory:
		v.Model = ODM
	case c.SupplyChain:
		v.Model = CM
	default:
		vote := func(w int, odm bool) {
			cues++
			if odm {
				odmW += w
			} else {
				oemW += w
			}
		}
		if qMin >= 0 {
			vote(e.rules.Weights.Quantity, qMin < b.OEM.MOQMin)
		}
		if uMin >= 0 {
			vote(e.rules.Weights.Budget, uMin < b.OEM.InvestMinUSD)
		}
		if lMin >= 0 {
			vote(e.rules.Weights.LeadTime, lMin <= b.ODM.LeadMaxDays)
		}
		switch {
		case odmW > oemW:
			v.Model = ODM
		case oemW > odmW:
			v.Model = OEM
		default:
			v.Model = Unknown
		}
	}
	v.Warnings = e.warnings(v.Model, qMin, uMin, lMin)
	v.Confidence = e.confidence(c, v.Model, odmW, oemW, cues, len(v.Warnings))
	missing := Missing(c, conv.Declined)
	if len(missing) > 2 {
		missing = missing[:2]
	}
	if e.texts != nil {
		v.Questions = e.texts.Questions(lang, missing)
		v.Explanation = e.texts.Explanation(lang, v.Model, c, e.rules)
		e.localAnswers(v.Questions, lang, conv.Currency)
	}
	if v.Questions == nil {
		v.Questions = []Question{}
	}
	return v
}

// Missing lists the cues a follow-up question asks for, in the order of
// TRIAGE.md section 2: those c lacks and the buyer has not declined. None
// missing means the inquiry can be handed over.
func Missing(c Cues, declined []Cue) []Cue {
	var missing []Cue
	for _, q := range questionCues {
		if !cueGiven(c, q) && !containsCue(declined, q) {
			missing = append(missing, q)
		}
	}
	return missing
}

// warnings lists the warning codes of TRIAGE.md section 2 for model m.
func (e *Engine) warnings(m Model, qMin int64, uMin float64, lMin int64) []string {
	b := e.rules.Bands
	w := []string{}
	if qMin >= 0 {
		if (m == OEM || m == CM) && qMin < b.OEM.MOQMin {
			w = append(w, "qty_below_oem_moq")
		}
		if m == CM && qMin < b.CM.MOQMin {
			w = append(w, "qty_below_cm_moq")
		}
		if m == ODM && qMin < b.ODM.MOQMin {
			w = append(w, "qty_below_odm_moq")
		}
	}
	if uMin >= 0 {
		if m == OEM && uMin < b.OEM.InvestMinUSD {
			w = append(w, "budget_below_oem")
		}
		if m == CM && uMin < b.CM.InvestMinUSD {
			w = append(w, "budget_below_cm")
		}
		if m == ODM && uMin < b.ODM.InvestMinUSD {
			w = append(w, "budget_below_odm")
		}
	}
	if lMin >= 0 && (m == OEM || m == CM) && lMin < b.OEM.LeadMinDays {
		w = append(w, "lead_time_short_for_oem")
	}
	return w
}

// confidence is the engine's own certainty: highest for an explicit
// ownership cue backed by the bands, lower for a vote (lowest when one cue
// wins it), lowest for UNKNOWN. Each warning costs a little.
func (e *Engine) confidence(c Cues, m Model, odmW, oemW, cues, warns int) float64 {
	var conf float64
	switch {
	case m == Unknown:
		conf = 0.15
		if cues > 0 {
			conf = 0.3
		}
		return conf
	case c.Ownership != OwnerUnknown:
		conf = 0.85
		backed := 0
		if c.Quantity != nil {
			backed++
		}
		if c.Budget != nil {
			backed++
		}
		if c.LeadTimeDays != nil {
			backed++
		}
		conf += 0.04 * float64(backed)
	case c.SupplyChain:
		conf = 0.75
	default:
		total := odmW + oemW
		margin := math.Abs(float64(odmW - oemW))
		conf = 0.4 + 0.3*margin/math.Max(1, float64(total))
		if cues == 1 {
			conf = 0.45
		}
	}
	conf -= 0.07 * float64(warns)
	return math.Round(math.Max(0.2, math.Min(0.97, conf))*100) / 100
}
