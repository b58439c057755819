package triage

// ContractCue is a cue's name in the machine contract: the JSON field of
// its value (lead_time_days for CueLeadTime).
func ContractCue(c Cue) string {
	if c == CueLeadTime {
		return "lead_time_days"
	}
	return string(c)
}
