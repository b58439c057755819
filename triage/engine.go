package triage

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Engine reads messages and decides with a fixed set of Rules. Build it once
// with New; it is safe for concurrent use.
//
// PLACEHOLDER: this is the small engine of the foundation issue; the triage
// issue replaces its internals behind the same API.
type Engine struct {
	rules Rules
}

// New checks the rules and builds an Engine.
func New(r Rules) (*Engine, error) {
	return &Engine{rules: r}, nil
}

var stubNumber = regexp.MustCompile(`\d[\d,]*`)

// Read extracts the cues of one message sent at sentAt.
func (e *Engine) Read(text string, sentAt time.Time) Reading {
	return e.ReadAnswer(text, sentAt, "")
}

// ReadAnswer is Read for a message that answers a follow-up question about
// expect: a bare number or short phrase is then read as that cue.
func (e *Engine) ReadAnswer(text string, sentAt time.Time, expect Cue) Reading {
	var rd Reading
	low := strings.ToLower(text)
	if strings.Contains(low, "our own design") || strings.Contains(low, "our design") {
		rd.Ownership = OwnerBuyer
	}
	if strings.Contains(low, "catalog") || strings.Contains(low, "your design") {
		rd.Ownership = OwnerFactory
	}
	for _, m := range stubNumber.FindAllString(text, -1) {
		n, err := strconv.ParseInt(strings.ReplaceAll(m, ",", ""), 10, 64)
		if err != nil {
			continue
		}
		idx := strings.Index(text, m)
		before := strings.ToUpper(text[max(0, idx-5):idx])
		if strings.Contains(before, "USD") || strings.Contains(before, "$") {
			rd.Budget = &Money{Min: float64(n), Max: float64(n), Currency: "USD", USDMin: float64(n), USDMax: float64(n)}
		} else if rd.Quantity == nil {
			rd.Quantity = &Range{n, n}
		}
	}
	rd.Language = "en"
	return rd
}

// Merge returns the cues known after next follows known: a cue next states
// fills a gap or corrects the earlier value.
func (e *Engine) Merge(known, next Cues) Cues {
	out := known
	if next.Quantity != nil {
		out.Quantity = next.Quantity
	}
	if next.Budget != nil {
		out.Budget = next.Budget
	}
	if next.Ownership != OwnerUnknown {
		out.Ownership = next.Ownership
	}
	if next.SupplyChain {
		out.SupplyChain = true
	}
	if next.LeadTimeDays != nil {
		out.LeadTimeDays = next.LeadTimeDays
	}
	return out
}

// Decide applies the decision rules to c and words the verdict in lang.
func (e *Engine) Decide(c Cues, lang string) Verdict {
	v := Verdict{Model: Unknown, Language: lang, Warnings: []string{}, Questions: []Question{}}
	switch {
	case c.Ownership == OwnerBuyer:
		v.Model = OEM
	case c.Ownership == OwnerFactory:
		v.Model = ODM
	case c.Quantity != nil && c.Quantity.Min < 2000:
		v.Model = ODM
	case c.Quantity != nil:
		v.Model = OEM
	}
	if c.Ownership == OwnerUnknown {
		v.Questions = append(v.Questions, Question{Cue: CueOwnership, Text: "Do you have your own design?", Answers: []string{"We have our own design", "Your catalog design with our logo"}})
	}
	if c.Quantity == nil {
		v.Questions = append(v.Questions, Question{Cue: CueQuantity, Text: "How many units?", Answers: []string{"500 pcs", "3,000 pcs"}})
	}
	v.Questions = v.Questions[:min(2, len(v.Questions))]
	return v
}

// Analyze reads text and decides: the one-message verdict.
func (e *Engine) Analyze(text string, sentAt time.Time) Result {
	rd := e.Read(text, sentAt)
	return Result{Cues: rd.Cues, Verdict: e.Decide(rd.Cues, rd.Language)}
}

// Label returns the interface string key in lang, falling back to the
// default language and then to the key itself.
func (e *Engine) Label(lang, key string) string {
	if s, ok := e.rules.Languages[lang].Labels[key]; ok {
		return s
	}
	if s, ok := e.rules.Languages[e.rules.DefaultLanguage].Labels[key]; ok {
		return s
	}
	return key
}

// WarningText returns the human wording of a warning code in lang.
func (e *Engine) WarningText(lang, code string) string {
	if s, ok := e.rules.Languages[lang].Warnings[code]; ok {
		return s
	}
	if s, ok := e.rules.Languages[e.rules.DefaultLanguage].Warnings[code]; ok {
		return s
	}
	return code
}

// HasLanguage reports whether the rules carry texts for lang.
func (e *Engine) HasLanguage(lang string) bool {
	_, ok := e.rules.Languages[lang]
	return ok
}
