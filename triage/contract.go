package triage

// ContractVerdict is the verdict part of a machine-contract line (the
// fields of section 3 of docs/jsonl.md), shared by `triage --jsonl` and
// `chat --jsonl`, which embed it between their own fields.
type ContractVerdict struct {
	Quantity     *Range    `json:"quantity"`
	Budget       *Money    `json:"budget"`
	Ownership    Ownership `json:"ownership"`
	SupplyChain  bool      `json:"supply_chain"`
	LeadTimeDays *Range    `json:"lead_time_days"`
	Model        Model     `json:"model"`
	Confidence   float64   `json:"confidence"`
	Warnings     []string  `json:"warnings"`
	Language     string    `json:"language"`
	Questions    []string  `json:"questions"`
	Explanation  string    `json:"explanation"`
}

// ContractCue is a cue's name in the machine contract: the JSON field of
// its value (lead_time_days for CueLeadTime).
func ContractCue(c Cue) string {
	if c == CueLeadTime {
		return "lead_time_days"
	}
	return string(c)
}
