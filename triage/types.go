package triage

import "encoding/json"

// Model is a manufacturing model the engine can suggest.
type Model string

// The models, and UNKNOWN when the cues do not decide.
const (
	OEM     Model = "OEM"
	ODM     Model = "ODM"
	CM      Model = "CM"
	Unknown Model = "UNKNOWN"
)

// Valid reports whether m is one of the four models.
func (m Model) Valid() bool {
	switch m {
	case OEM, ODM, CM, Unknown:
		return true
	}
	return false
}

// Ownership says who owns the design. The zero value means the message did
// not say; it marshals to JSON null.
type Ownership string

// The design owners.
const (
	OwnerUnknown Ownership = ""
	OwnerBuyer   Ownership = "buyer"
	OwnerFactory Ownership = "factory"
)

// MarshalJSON writes null for an unknown owner, as the jsonl contract wants.
func (o Ownership) MarshalJSON() ([]byte, error) {
	if o == OwnerUnknown {
		return []byte("null"), nil
	}
	return json.Marshal(string(o))
}

// UnmarshalJSON reads null as unknown.
func (o *Ownership) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*o = OwnerUnknown
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*o = Ownership(s)
	return nil
}

// Cue names one of the things the engine reads; follow-up questions are keyed by it.
type Cue string

// The cues, in the order follow-up questions ask for them.
const (
	CueOwnership Cue = "ownership"
	CueQuantity  Cue = "quantity"
	CueBudget    Cue = "budget"
	CueLeadTime  Cue = "lead_time"
)

// Range is an inclusive integer range; a single value has Min == Max.
type Range struct {
	Min int64 `json:"min"`
	Max int64 `json:"max"`
}

// Money is an amount range in a currency, with its USD equivalent.
type Money struct {
	Min      float64 `json:"min"`
	Max      float64 `json:"max"`
	Currency string  `json:"currency"`
	USDMin   float64 `json:"usd_min"`
	USDMax   float64 `json:"usd_max"`
}

// Cues is what a message (or a whole conversation) says about the order.
// A nil pointer or zero value means the cue is absent.
type Cues struct {
	Quantity     *Range    `json:"quantity"`
	Budget       *Money    `json:"budget"`
	Ownership    Ownership `json:"ownership"`
	SupplyChain  bool      `json:"supply_chain"`
	LeadTimeDays *Range    `json:"lead_time_days"`
	// UnitPrice is a per-unit target price the buyer stated. It is kept so
	// that a quantity given in a later turn still yields a budget.
	UnitPrice *Money `json:"unit_price,omitempty"`
}

// Question is a follow-up question about a missing cue, in the buyer's
// language, with suggested answers that the engine itself reads back
// correctly (adapters turn them into buttons).
type Question struct {
	Cue     Cue      `json:"cue"`
	Text    string   `json:"text"`
	Answers []string `json:"answers,omitempty"`
}

// Verdict is the decision over a set of cues.
type Verdict struct {
	Model       Model      `json:"model"`
	Confidence  float64    `json:"confidence"`
	Warnings    []string   `json:"warnings"`
	Language    string     `json:"language"`
	Questions   []Question `json:"questions"`
	Explanation string     `json:"explanation"`
}

// Reading is what one message says, before any decision.
type Reading struct {
	Cues
	// Language is the detected ISO 639-1 code of the text ("" when the text
	// gives no clue, e.g. only digits).
	Language string
}

// Result is a reading with its verdict: what Analyze returns.
type Result struct {
	Cues
	Verdict
}
