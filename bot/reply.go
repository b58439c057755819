package bot

import (
	"math"

	"github.com/triagebot/triagebot/triage"
)

// notice is a reply that is not a verdict: a greeting, help, a prompt.
func (c *Core) notice(lang, label string) Reply {
	return Reply{Language: lang, Headline: c.engine.Label(lang, label)}
}

// verdictReply words an inquiry's decision v in the inquiry's language.
// Once every cue is known or declined the reply hands the inquiry over
// (once; later messages are acknowledged as added to it) and asks nothing
// more; a price question gets the configured honest answer before any
// question still open.
func (c *Core) verdictReply(in *Inquiry, v triage.Verdict, turn triage.Turn, wasReady bool) Reply {
	lang := in.Language
	label := func(k string) string { return c.engine.Label(lang, k) }
	headline := label("verdict_" + string(v.Model))
	if in.Cues.Ownership == triage.OwnerUnknown && v.Model != triage.Unknown && v.Model != "" {
		// Nothing the buyer said tells the design's owner: the model is
		// only suggested, and the headline claims nothing more.
		headline = string(v.Model) + " — " + label("suggested")
	}
	r := Reply{
		InquiryID:  in.ID,
		Language:   lang,
		Model:      v.Model,
		Confidence: v.Confidence,
		Headline:   headline,
		Facts:      c.facts(in.Cues, in.Declined, lang),
		Questions:  v.Questions,
		Cues:       in.Cues,
		Declined:   in.Declined,
		HandedOver: in.Ready,
	}
	for _, code := range v.Warnings {
		r.Warnings = append(r.Warnings, Warning{Code: code, Text: c.engine.WarningText(lang, code)})
	}
	switch {
	case in.Ready && wasReady:
		r.Paragraphs = append(r.Paragraphs, label("handover_more"))
	case in.Ready:
		r.Paragraphs = append(r.Paragraphs, v.Explanation, label("handover"))
	case v.Explanation != "":
		r.Paragraphs = append(r.Paragraphs, v.Explanation)
	}
	if in.Ready {
		r.Questions = nil
	}
	if turn.AsksPrice {
		r.Paragraphs = append(r.Paragraphs, label("price_answer"))
	}
	return r
}

// facts lists the cues known so far and those declined, worded in lang
// with the number format of its explanations.
func (c *Core) facts(cues triage.Cues, declined []triage.Cue, lang string) []Fact {
	label := func(k string) string { return c.engine.Label(lang, k) }
	var fs []Fact
	if q := cues.Quantity; q != nil {
		fs = append(fs, Fact{Cue: "quantity", Label: label("quantity"), Value: c.engine.FormatRange(lang, q.Min, q.Max) + " " + label("units")})
	}
	if b := cues.Budget; b != nil {
		fs = append(fs, Fact{Cue: "budget", Label: label("budget"), Value: c.engine.FormatBudget(lang, *b)})
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
		fs = append(fs, Fact{Cue: "lead_time", Label: label("lead_time"), Value: c.engine.FormatRange(lang, l.Min, l.Max) + " " + label("days")})
	}
	for _, d := range declined {
		fs = append(fs, Fact{Cue: string(d), Label: label(string(d)), Value: label("declined")})
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
	if math.Abs(f) >= 1e15 || math.Round(f*100) == math.Round(f)*100 {
		return FormatCount(int64(math.Round(f)))
	}
	return english.Sprintf("%.2f", f)
}
