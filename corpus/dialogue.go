package corpus

import (
	"fmt"
	"github.com/triagebot/triagebot/triage"
	"slices"
	"strings"
)

// Dialogue is one labelled conversation of a dialogue corpus (TRIAGE.md
// section 5): the buyer's turns and what the whole inquiry says.
type Dialogue struct {
	ID     string   `json:"id"`
	Lang   string   `json:"lang"`
	SentAt string   `json:"sent_at"`
	Turns  []string `json:"turns"`
	Expect Labels   `json:"expect"`
	// Declined lists the cues the buyer declines, by their contract names.
	Declined []string `json:"declined"`
	// LangTurns is the expected language of each turn when the buyer
	// switches language for good; empty means Lang on every turn.
	LangTurns []string `json:"lang_turns,omitempty"`
}

// TurnState is the inquiry after one turn, as `chat --jsonl` writes it.
type TurnState struct {
	triage.Cues
	Model      triage.Model `json:"model"`
	Language   string       `json:"language"`
	Asked      []string     `json:"asked"`
	Declined   []string     `json:"declined"`
	HandedOver bool         `json:"handed_over"`
}

// dialogueFields are the per-conversation checks a DialogueScore counts
// beyond the final state, in report order.
var dialogueFields = [...]string{"declined", "handed_over"}

// turnFields are the per-turn checks, in report order.
var turnFields = [...]string{"language", "no_reask", "max_two"}

// DialogueScore accumulates the scores of TRIAGE.md section 5: the final
// state of each conversation as Score counts one message, per turn the
// reply language, no question about a cue known or declined at that turn
// and at most two questions, and per conversation the declined cues and
// the hand-over. The zero value is an empty score.
type DialogueScore struct {
	Final Score
	Turns int
	turn  [len(turnFields)]int
	conv  [len(dialogueFields)]int
}

// Add scores one conversation from the states after each of its turns and
// returns each miss, worded for a reader. A conversation with fewer states
// than turns scores every missing turn as wrong.
func (s *DialogueScore) Add(d Dialogue, states []TurnState) []string {
	var miss []string
	var final TurnState
	if len(states) > 0 {
		final = states[len(states)-1]
	}
	res := triage.Result{Cues: final.Cues, Verdict: triage.Verdict{Model: final.Model}}
	for _, m := range s.Final.Add(d.ID, d.Expect, res) {
		miss = append(miss, "final "+m)
	}
	for i := range d.Turns {
		s.Turns++
		if i >= len(states) {
			miss = append(miss, fmt.Sprintf("turn %d: no output", i+1))
			continue
		}
		st := states[i]
		want := d.Lang
		if i < len(d.LangTurns) {
			want = d.LangTurns[i]
		}
		if st.Language == want {
			s.turn[0]++
		} else {
			miss = append(miss, fmt.Sprintf("turn %d: language want %s got %s", i+1, want, st.Language))
		}
		var reasked []string
		for _, c := range st.Asked {
			if st.known(c) || slices.Contains(st.Declined, c) {
				reasked = append(reasked, c)
			}
		}
		if len(reasked) == 0 {
			s.turn[1]++
		} else {
			miss = append(miss, fmt.Sprintf("turn %d: asks for %s, known or declined", i+1, strings.Join(reasked, ", ")))
		}
		if len(st.Asked) <= 2 {
			s.turn[2]++
		} else {
			miss = append(miss, fmt.Sprintf("turn %d: %d questions", i+1, len(st.Asked)))
		}
	}
	wantDeclined := sortedCopy(d.Declined)
	gotDeclined := sortedCopy(final.Declined)
	if slices.Equal(wantDeclined, gotDeclined) {
		s.conv[0]++
	} else {
		miss = append(miss, fmt.Sprintf("declined: want [%s] got [%s]", strings.Join(wantDeclined, " "), strings.Join(gotDeclined, " ")))
	}
	if wantHand := d.handOver(); wantHand == final.HandedOver {
		s.conv[1]++
	} else {
		miss = append(miss, fmt.Sprintf("handed_over: want %v got %v", wantHand, final.HandedOver))
	}
	return miss
}

// handOver reports whether the labels have every asked cue known or
// declined: then the bot must have handed the inquiry over.
func (d Dialogue) handOver() bool {
	known := map[string]bool{
		"ownership":      d.Expect.Ownership != triage.OwnerUnknown,
		"quantity":       d.Expect.Quantity != nil,
		"budget":         d.Expect.Budget != nil,
		"lead_time_days": d.Expect.LeadTimeDays != nil,
	}
	for c, ok := range known {
		if !ok && !slices.Contains(d.Declined, c) {
			return false
		}
	}
	return true
}

// known reports whether the state holds a value for the contract cue c.
func (st TurnState) known(c string) bool {
	switch c {
	case "ownership":
		return st.Ownership != triage.OwnerUnknown
	case "quantity":
		return st.Quantity != nil
	case "budget":
		return st.Budget != nil
	case "lead_time_days":
		return st.LeadTimeDays != nil
	}
	return false
}

func sortedCopy(ss []string) []string {
	out := slices.Clone(ss)
	slices.Sort(out)
	return out
}

// Rate returns the share right of a field: a final-state field of Score
// ("quantity" … "all"), a per-turn check ("language", "no_reask",
// "max_two") or a per-conversation one ("declined", "handed_over").
func (s *DialogueScore) Rate(field string) float64 {
	if i := slices.Index(turnFields[:], field); i >= 0 {
		if s.Turns == 0 {
			return 0
		}
		return float64(s.turn[i]) / float64(s.Turns)
	}
	if i := slices.Index(dialogueFields[:], field); i >= 0 {
		if s.Final.Lines == 0 {
			return 0
		}
		return float64(s.conv[i]) / float64(s.Final.Lines)
	}
	return s.Final.Rate(field)
}

// String is the report: the final-state fields, then the per-turn and
// per-conversation checks, one a line.
func (s *DialogueScore) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "conversations %d, final state:\n", s.Final.Lines)
	_, fields, _ := strings.Cut(s.Final.String(), "\n") // after its "lines N"
	b.WriteString(fields)
	fmt.Fprintf(&b, "\nturns %d:\n", s.Turns)
	for i, f := range turnFields {
		fmt.Fprintf(&b, "%-15s %4d/%d  %.3f\n", f, s.turn[i], s.Turns, s.Rate(f))
	}
	b.WriteString("\nconversations:\n")
	for i, f := range dialogueFields {
		fmt.Fprintf(&b, "%-15s %4d/%d  %.3f\n", f, s.conv[i], s.Final.Lines, s.Rate(f))
	}
	return b.String()
}
