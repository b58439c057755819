package bot

import (
	"fmt"
	"math"
	"strconv"
	"strings"

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
		fs = append(fs, Fact{Cue: "quantity", Label: label("quantity"), Value: intRange(q.Min, q.Max) + " " + label("units")})
	}
	if b := cues.Budget; b != nil {
		v := b.Currency + " " + amountRange(b.Min, b.Max)
		if b.Currency != "USD" {
			v += " (≈ USD " + amountRange(b.USDMin, b.USDMax) + ")"
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
		fs = append(fs, Fact{Cue: "lead_time", Label: label("lead_time"), Value: intRange(l.Min, l.Max) + " " + label("days")})
	}
	return fs
}

func intRange(lo, hi int64) string {
	if lo == hi {
		return group(lo)
	}
	return group(lo) + "–" + group(hi)
}

func amountRange(lo, hi float64) string {
	if lo == hi {
		return amount(lo)
	}
	return amount(lo) + "–" + amount(hi)
}

// amount writes a money amount with grouped thousands and cents only when
// there are any.
func amount(f float64) string {
	whole := math.Trunc(f)
	s := group(int64(whole))
	if cents := math.Round((f - whole) * 100); cents != 0 && math.Abs(f) < 1e15 {
		s += fmt.Sprintf(".%02d", int64(math.Abs(cents)))
	}
	return s
}

// group writes n with comma thousands separators.
func group(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
