package bot

import (
	"fmt"
	"math"

	"github.com/triagebot/triagebot/triage"
)

// notice is a reply that is not a verdict: a greeting, help, a prompt.
func (c *Core) notice(lang, label string) Reply {
	return Reply{Language: lang, Headline: c.engine.Label(lang, label)}
}

// verdictReply words an inquiry's decision v in v.Language.
func (c *Core) verdictReply(in *Inquiry, v triage.Verdict) Reply {
	lang := in.Language
	r := Reply{
		InquiryID:  in.ID,
		Language:   lang,
		Model:      v.Model,
		Confidence: v.Confidence,
		Headline:   c.engine.Label(lang, "verdict_"+string(v.Model)),
		Facts:      c.facts(in.Cues, lang),
		Questions:  v.Questions,
		Cues:       in.Cues,
	}
	for _, code := range v.Warnings {
		r.Warnings = append(r.Warnings, Warning{Code: code, Text: c.engine.WarningText(lang, code)})
	}
	if v.Explanation != "" {
		r.Paragraphs = append(r.Paragraphs, v.Explanation)
	}
	return r
}

// facts lists the cues known so far, worded in lang.
func (c *Core) facts(cues triage.Cues, lang string) []Fact {
	label := func(k string) string { return c.engine.Label(lang, k) }
	var fs []Fact
	if q := cues.Quantity; q != nil {
		fs = append(fs, Fact{Cue: "quantity", Label: label("quantity"), Value: FormatRange(q.Min, q.Max) + " " + label("units")})
	}
	if b := cues.Budget; b != nil {
		v := b.Currency + " " + FormatAmountRange(b.Min, b.Max)
		if b.Currency != "USD" {
			v += " (≈ USD " + FormatAmountRange(b.USDMin, b.USDMax) + ")"
		}
		fs = append(fs, Fact{Cue: "budget", Label: label("budget"), Value: v})
	}
	switch cues.Ownership {
	case triage.OwnerBuyer:
		fs = append(fs, Fact{Cue: "ownership", Label: label("ownership"), Value: label("owner_buyer")})
	case triage.OwnerFactory:
		fs = append(fs, Fact{Cue: "ownership", Label: label("ownership"), Value: label("owner_factory")})
	}
	if cues.SupplyChain {
		fs = append(fs, Fact{Cue: "supply_chain", Label: label("supply_chain"), Value: label("yes")})
	}
	if l := cues.LeadTimeDays; l != nil {
		fs = append(fs, Fact{Cue: "lead_time", Label: label("lead_time"), Value: FormatRange(l.Min, l.Max) + " " + label("days")})
	}
	return fs
}

// FormatRange writes an integer range with grouped thousands: 2,000–3,000,
// or one number when both ends agree.
func FormatRange(lo, hi int64) string {
	if lo == hi {
		return FormatCount(lo)
	}
	return FormatCount(lo) + "–" + FormatCount(hi)
}

// FormatAmountRange writes a money range like FormatRange, with FormatAmount.
func FormatAmountRange(lo, hi float64) string {
	if lo == hi {
		return FormatAmount(lo)
	}
	return FormatAmount(lo) + "–" + FormatAmount(hi)
}

// FormatAmount writes a money amount with grouped thousands, and cents only
// when there are any.
func FormatAmount(f float64) string {
	whole := math.Trunc(f)
	s := FormatCount(int64(whole))
	if cents := math.Round((f - whole) * 100); cents != 0 && math.Abs(f) < 1e15 {
		s += fmt.Sprintf(".%02d", int64(math.Abs(cents)))
	}
	return s
}
