package bot

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/triagebot/triagebot/triage"
)

// DigestSection is one titled block of a digest: plain-text items that each
// platform styles its own way (a list, bullets, a Block Kit section).
type DigestSection struct {
	Title string
	Items []string
}

// DigestHeadline is the first line of every rendering of d.
func DigestHeadline(d Digest) string {
	last := d.To.AddDate(0, 0, -1)
	var span string
	switch {
	case d.From.Year() != last.Year():
		span = d.From.Format("2 Jan 2006") + " – " + last.Format("2 Jan 2006")
	case d.From.Month() != last.Month():
		span = d.From.Format("2 Jan") + " – " + last.Format("2 Jan 2006")
	default:
		span = d.From.Format("2") + "–" + last.Format("2 Jan 2006")
	}
	h := fmt.Sprintf("Weekly digest %s: %s (%s)", d.Week, span, d.Zone)
	if d.Late {
		h += ", posted late"
	}
	return h
}

// DigestSummary is the sentence under the headline: the week's count and
// its change from the week before, or that the week was empty.
func DigestSummary(d Digest) string {
	if d.Empty() {
		return fmt.Sprintf("No inquiries this week (%s the week before).", plural(d.PreviousTotal, "inquiry", "inquiries"))
	}
	s := plural(d.Total, "inquiry", "inquiries")
	diff := d.Total - d.PreviousTotal
	switch {
	case d.PreviousTotal == 0:
		return s + ", none the week before."
	case diff == 0:
		return fmt.Sprintf("%s, as many as the week before.", s)
	case diff > 0:
		return fmt.Sprintf("%s, up %s from %s the week before (+%s).", s, FormatCount(diff), FormatCount(d.PreviousTotal), FormatShare(float64(diff)/float64(d.PreviousTotal)))
	default:
		return fmt.Sprintf("%s, down %s from %s the week before (−%s).", s, FormatCount(-diff), FormatCount(d.PreviousTotal), FormatShare(float64(-diff)/float64(d.PreviousTotal)))
	}
}

// DigestSections returns the body of d as titled sections, none for an
// empty week (the summary says so).
func DigestSections(d Digest) []DigestSection {
	if d.Empty() {
		return nil
	}
	var out []DigestSection

	var models []string
	for _, m := range DigestModels() {
		models = append(models, fmt.Sprintf("%s %s (%s)", m, FormatCount(d.ByModel[m]), FormatShare(share(d.ByModel[m], d.Total))))
	}
	out = append(out, DigestSection{Title: "By model", Items: models})

	type kv struct {
		k string
		n int64
	}
	var chans []kv
	for k, n := range d.ByChannel {
		chans = append(chans, kv{k, n})
	}
	slices.SortFunc(chans, func(a, b kv) int {
		return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(a.k, b.k))
	})
	var chanItems []string
	for _, c := range chans {
		chanItems = append(chanItems, fmt.Sprintf("%s %s", c.k, FormatCount(c.n)))
	}
	out = append(out, DigestSection{Title: "By channel", Items: chanItems})

	pipe := []string{fmt.Sprintf("All: %s units, %s", FormatCount(d.Units), FormatUSD(d.USD))}
	for _, m := range DigestModels() {
		if d.ByModel[m] == 0 {
			continue
		}
		pipe = append(pipe, fmt.Sprintf("%s: %s units, %s", m, FormatCount(d.UnitsByModel[m]), FormatUSD(d.USDByModel[m])))
	}
	out = append(out, DigestSection{Title: "Requested units and budget", Items: pipe})

	var leads []string
	for i, l := range d.TopLeads {
		model := string(l.Model)
		if l.Override != "" && l.Override != l.Model {
			model += " (sales: " + string(l.Override) + ")"
		}
		who := "unclaimed"
		if l.Assignee != "" {
			who = "claimed by " + l.Assignee
		}
		leads = append(leads, fmt.Sprintf("%d. %s · %s · %s · %s units · %s · %s",
			i+1, l.Buyer, l.Channel, model, FormatCount(l.Units), FormatUSD(l.USD), who))
	}
	out = append(out, DigestSection{Title: "Largest leads", Items: leads})

	var missing []string
	for _, c := range DigestCues() {
		missing = append(missing, fmt.Sprintf("%s: %s", cueName(c), FormatShare(d.Missing[c])))
	}
	out = append(out, DigestSection{Title: "Left open by buyers (share missing)", Items: missing})

	sales := []string{
		fmt.Sprintf("Claimed %s, unclaimed %s", FormatCount(d.Claimed), FormatCount(d.Unclaimed)),
		fmt.Sprintf("Overrides by sales: %s (%s changed the model); engine agreement %s",
			FormatCount(d.Overrides), FormatCount(d.Changed), FormatShare(d.Agreement)),
		"Median time from first message to triage: " + FormatDuration(time.Duration(d.MedianTriageSeconds*float64(time.Second))),
	}
	out = append(out, DigestSection{Title: "Sales", Items: sales})
	return out
}

// RenderDigestText renders d as plain text: the command's default output
// and the fallback text of platform posts.
func RenderDigestText(d Digest) string {
	var b strings.Builder
	b.WriteString(DigestHeadline(d) + "\n")
	b.WriteString(DigestSummary(d) + "\n")
	for _, s := range DigestSections(d) {
		b.WriteString("\n" + s.Title + "\n")
		for _, it := range s.Items {
			b.WriteString("  " + it + "\n")
		}
	}
	return b.String()
}

// RenderDigestMarkdown renders d as CommonMark.
func RenderDigestMarkdown(d Digest) string {
	var b strings.Builder
	b.WriteString("## " + MarkdownEscape(DigestHeadline(d)) + "\n\n")
	b.WriteString(MarkdownEscape(DigestSummary(d)) + "\n")
	for _, s := range DigestSections(d) {
		b.WriteString("\n### " + MarkdownEscape(s.Title) + "\n\n")
		for _, it := range s.Items {
			it = MarkdownEscape(it)
			// "1. Budi" inside a list item would start a nested list.
			if n := strings.IndexFunc(it, func(r rune) bool { return r < '0' || r > '9' }); n > 0 && it[n] == '.' {
				it = it[:n] + "\\" + it[n:]
			}
			b.WriteString("- " + it + "\n")
		}
	}
	return b.String()
}

// MarkdownEscape backslash-escapes the characters CommonMark could read as
// inline markup (emphasis, code, links, HTML), so a buyer's name shows as
// written.
func MarkdownEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func cueName(c triage.Cue) string {
	switch c {
	case triage.CueOwnership:
		return "Design ownership"
	case triage.CueQuantity:
		return "Quantity"
	case triage.CueBudget:
		return "Budget"
	case triage.CueLeadTime:
		return "Lead time"
	}
	return string(c)
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return FormatCount(n) + " " + many
}

// english formats the numbers of the digest, the CLI and the plain-text
// replies: grouped thousands, a point before decimals. A Printer only
// reads its settings, so one serves every goroutine. The reply languages'
// own number styles are the engine's (triage.Engine.FormatRange).
var english = message.NewPrinter(language.English)

// FormatCount writes n with thousands separators: 12,345.
func FormatCount(n int64) string { return english.Sprintf("%d", n) }

// FormatUSD writes a whole-dollar amount: USD 12,345.
func FormatUSD(v float64) string {
	return "USD " + FormatCount(int64(math.Round(v)))
}

// FormatShare writes a share (0..1) as a whole percentage: 42%.
func FormatShare(v float64) string {
	return strconv.FormatInt(int64(math.Round(v*100)), 10) + "%"
}

// FormatDuration writes a duration the way a manager reads it: 45s, 2m 10s,
// 3m, 3h 5m, 2d 4h.
func FormatDuration(d time.Duration) string {
	d = d.Round(time.Second)
	two := func(a int64, ua string, b int64, ub string) string {
		if b == 0 {
			return fmt.Sprintf("%d%s", a, ua)
		}
		return fmt.Sprintf("%d%s %d%s", a, ua, b, ub)
	}
	const day = 24 * time.Hour
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int64(d/time.Second))
	case d < time.Hour:
		return two(int64(d/time.Minute), "m", int64(d%time.Minute/time.Second), "s")
	case d < day:
		return two(int64(d/time.Hour), "h", int64(d%time.Hour/time.Minute), "m")
	default:
		return two(int64(d/day), "d", int64(d%day/time.Hour), "h")
	}
}
