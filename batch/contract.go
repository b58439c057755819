// Package batch is the machine contract of `triagebot triage --jsonl`
// (docs/jsonl.md): one JSON object a line in, {"id","text","sent_at"}, one
// verdict a line out, in input order, and Run, which triages a stream of
// such lines on every core. It also holds what every JSON-lines reader of
// triagebot shares: ReadLine, the bounded line reader, and ParseSentAt,
// the one rule for a message's time.
package batch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/triagebot/triagebot/triage"
)

// In is one input line.
type In struct {
	ID     json.RawMessage `json:"id"`
	Text   *string         `json:"text"`
	SentAt string          `json:"sent_at"`
}

// Out is one output line, its fields in the order of the contract.
type Out struct {
	ID json.RawMessage `json:"id"`
	triage.ContractVerdict
}

// ErrorLine is the output line of an input line that cannot be triaged.
type ErrorLine struct {
	ID    json.RawMessage `json:"id"`
	Error string          `json:"error"`
}

// MaxLine bounds one input line; a longer line gets an error line.
const MaxLine = 4 << 20

// NewOut is the output line of res for the input line with id.
func NewOut(id json.RawMessage, res triage.Result) Out {
	qs := make([]string, 0, len(res.Questions))
	for _, q := range res.Questions {
		qs = append(qs, q.Text)
	}
	return Out{ID: id, ContractVerdict: triage.ContractVerdict{Quantity: res.Quantity, Budget: res.Budget,
		Ownership: res.Ownership, SupplyChain: res.SupplyChain, LeadTimeDays: res.LeadTimeDays,
		Model: res.Model, Confidence: res.Confidence, Warnings: res.Warnings, Language: res.Language,
		Questions: qs, Explanation: res.Explanation}}
}

// ParseLine decodes one input line (tooLong: ReadLine skipped it) and
// says what is wrong with it.
func ParseLine(line []byte, tooLong bool) (In, error) {
	var in In
	if tooLong {
		return in, fmt.Errorf("line longer than %d bytes", MaxLine)
	}
	if len(bytes.TrimSpace(line)) == 0 {
		return in, errors.New("empty line, want a JSON object")
	}
	if err := json.Unmarshal(line, &in); err != nil {
		// Keep the id when the object is fine but a field has the wrong type.
		var probe struct {
			ID json.RawMessage `json:"id"`
		}
		if json.Unmarshal(line, &probe) == nil {
			in.ID = probe.ID
		}
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return in, fmt.Errorf("not valid JSON: %v", err)
		case errors.As(err, &te):
			return in, fmt.Errorf("field %q: want %s, got a JSON %s", te.Field, te.Type, te.Value)
		}
		return in, fmt.Errorf("not a JSON object: %v", err)
	}
	if in.Text == nil {
		return in, errors.New(`missing "text"`)
	}
	if in.SentAt != "" {
		if _, err := ParseSentAt(in.SentAt, time.UTC); err != nil {
			return in, fmt.Errorf(`"sent_at": %v`, err)
		}
	}
	return in, nil
}
