package console

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/triage"
)

// WarningTexter gives a warning's text in a language: the engine does.
type WarningTexter interface {
	WarningText(lang, code string) string
}

// WriteVerdict writes r for a person at a terminal (the triage command):
// model, confidence, cues, warnings in e's words, explanation and
// questions. The error is w's.
func WriteVerdict(w io.Writer, e WarningTexter, r triage.Result) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "Model:        %s (confidence %.2f)\n", r.Model, r.Confidence)
	fmt.Fprintf(bw, "Language:     %s\n", r.Language)
	fmt.Fprintf(bw, "Quantity:     %s\n", showRange(r.Quantity, " units"))
	budget := "-"
	if b := r.Budget; b != nil {
		budget = showAmount(b.Min, b.Max) + " " + b.Currency
		if b.Currency != "USD" {
			budget += " (USD " + showAmount(b.USDMin, b.USDMax) + ")"
		}
	}
	fmt.Fprintf(bw, "Budget:       %s\n", budget)
	if u := r.UnitPrice; u != nil {
		fmt.Fprintf(bw, "Unit price:   %s %s\n", showAmount(u.Min, u.Max), u.Currency)
	}
	owner := "-"
	if r.Ownership != triage.OwnerUnknown {
		owner = string(r.Ownership)
	}
	fmt.Fprintf(bw, "Design owner: %s\n", owner)
	sc := "no"
	if r.SupplyChain {
		sc = "yes"
	}
	fmt.Fprintf(bw, "Supply chain: %s\n", sc)
	fmt.Fprintf(bw, "Lead time:    %s\n", showRange(r.LeadTimeDays, " days"))
	if len(r.Warnings) > 0 {
		fmt.Fprintf(bw, "\nWarnings:\n")
		for _, code := range r.Warnings {
			fmt.Fprintf(bw, "  - %s (%s)\n", e.WarningText(r.Language, code), code)
		}
	}
	if r.Explanation != "" {
		fmt.Fprintf(bw, "\n%s\n", strings.TrimSpace(r.Explanation))
	}
	if len(r.Questions) > 0 {
		fmt.Fprintf(bw, "\nQuestions:\n")
		for _, q := range r.Questions {
			fmt.Fprintf(bw, "  - %s\n", q.Text)
			if len(q.Answers) > 0 {
				fmt.Fprintf(bw, "    [%s]\n", strings.Join(q.Answers, "] ["))
			}
		}
	}
	return bw.Flush()
}

func showRange(r *triage.Range, unit string) string {
	if r == nil {
		return "-"
	}
	if r.Min == r.Max {
		return fmt.Sprintf("%d%s", r.Min, unit)
	}
	return fmt.Sprintf("%d–%d%s", r.Min, r.Max, unit)
}

func showAmount(lo, hi float64) string { return bot.FormatAmountRange(lo, hi) }
