package telegram

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/internal/testkit"
	"github.com/triagebot/triagebot/triage"
)

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	testkit.Golden(t, filepath.Join("testdata", name), got)
}

// dumpParts writes rendered parts the way a reviewer reads them: each
// message's HTML, then its keyboard as JSON.
func dumpParts(parts []part) []byte {
	var b strings.Builder
	for i, p := range parts {
		fmt.Fprintf(&b, "=== message %d of %d (%d UTF-16 units)\n%s\n", i+1, len(parts), utf16Len(p.HTML), p.HTML)
		if p.Keyboard != nil {
			kb, _ := json.MarshalIndent(p.Keyboard, "", "  ")
			fmt.Fprintf(&b, "--- reply_markup\n%s\n", kb)
		}
	}
	return []byte(b.String())
}

func verdict() bot.Reply {
	return bot.Reply{
		Language: "en", Model: triage.OEM, Confidence: 0.86,
		Headline: "OEM — you bring the design, we build it",
		Facts: []bot.Fact{
			{Cue: "quantity", Label: "Quantity", Value: "3,000 units"},
			{Cue: "budget", Label: "Budget", Value: "USD 40,000"},
			{Cue: "ownership", Label: "Design", Value: "yours"},
		},
		Warnings:   []bot.Warning{{Code: "lead_time_short_for_oem", Text: "OEM usually needs 3–6 months; 45 days is short."}},
		Paragraphs: []string{"OEM suits you: MOQ 2,000–5,000 units, initial investment USD 15,000–50,000, lead time 3–6 months, QC USD 300–800 per inspection cycle. You own the IP & the tooling."},
		Questions: []triage.Question{
			{Cue: triage.CueLeadTime, Text: "When do you need the goods?", Answers: []string{"Within 3 months", "3–6 months", "No rush"}},
		},
	}
}

func TestRenderGolden(t *testing.T) {
	hostile := verdict()
	hostile.Headline = "More information needed <b>now</b>"
	hostile.Model = triage.Unknown
	hostile.Facts = []bot.Fact{{Cue: "budget", Label: "Budget", Value: "<script>alert('x')</script> & co"}}
	hostile.Paragraphs = []string{`You wrote: "<script>alert(1)</script>" & <i>more</i>`}

	tests := []struct {
		name  string
		reply bot.Reply
	}{
		{"render-verdict", verdict()},
		{"render-greeting", bot.Reply{Language: "en", Headline: "Hello! Tell us what you want to order:\nthe quantity, your budget and whose design it is."}},
		{"render-escaping", hostile},
		{"render-questions", bot.Reply{Language: "en", Model: triage.Unknown, Headline: "More information needed",
			Questions: []triage.Question{
				{Cue: triage.CueOwnership, Text: "Do you have your own design?", Answers: []string{"We have our own design", "Your catalog design with our logo"}},
				{Cue: triage.CueQuantity, Text: "How many units?", Answers: []string{"500 pcs", "3,000 pcs"}},
			}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			golden(t, tt.name+".golden", dumpParts(render(tt.reply, MaxMessageUnits)))
		})
	}
}

func TestRenderEscapesBuyerText(t *testing.T) {
	r := bot.Reply{Model: triage.OEM, Headline: "OEM <x>", Facts: []bot.Fact{{Label: "A<b>", Value: "<script>"}},
		Warnings: []bot.Warning{{Text: "<script>"}}, Paragraphs: []string{"<script>alert(1)</script>"},
		Questions: []triage.Question{{Text: "<script>?", Answers: []string{"<script>"}}}}
	for _, p := range render(r, MaxMessageUnits) {
		if strings.Contains(p.HTML, "<script>") || strings.Contains(p.HTML, "<x>") || strings.Contains(p.HTML, "A<b>") {
			t.Errorf("rendered HTML carries unescaped text:\n%s", p.HTML)
		}
		if !strings.Contains(p.HTML, "&lt;script&gt;") {
			t.Errorf("rendered HTML lost the escaped text:\n%s", p.HTML)
		}
	}
}

func TestRenderNothing(t *testing.T) {
	if parts := render(bot.Reply{}, MaxMessageUnits); len(parts) != 0 {
		t.Errorf("render(empty reply) = %d messages, want none", len(parts))
	}
}

// TestRenderSplit checks long replies: every message within the limit,
// split at paragraph boundaries when paragraphs fit, the headline first
// and the keyboard only on the last message.
func TestRenderSplit(t *testing.T) {
	para := func(n int, c string) string { return strings.Repeat(c+" ", n/2)[:n-1] + "." }
	tests := []struct {
		name       string
		paragraphs []string
		limit      int
		wantParts  int
		wholeParas bool // every paragraph sits whole in one message
	}{
		{"5000 characters in paragraphs", []string{para(1500, "a"), para(1500, "b"), para(1000, "c"), para(1000, "d")}, MaxMessageUnits, 2, true},
		{"one 5000 character paragraph", []string{para(5000, "e")}, MaxMessageUnits, 2, false},
		{"ampersands near the cut", []string{strings.Repeat("& ", 3000)}, MaxMessageUnits, 5, false},
		{"Thai and emoji", []string{strings.Repeat("กระจก🪞 ", 800)}, MaxMessageUnits, 2, false},
		{"one paragraph, no spaces", []string{strings.Repeat("x", 9000)}, MaxMessageUnits, 3, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := verdict()
			r.Paragraphs = tt.paragraphs
			parts := render(r, tt.limit)
			if len(parts) != tt.wantParts {
				t.Errorf("%d messages, want %d", len(parts), tt.wantParts)
			}
			for i, p := range parts {
				if n := utf16Len(p.HTML); n > tt.limit {
					t.Errorf("message %d is %d UTF-16 units, over %d", i+1, n, tt.limit)
				}
				if (p.Keyboard != nil) != (i == len(parts)-1) {
					t.Errorf("message %d of %d: keyboard %v, want it on the last only", i+1, len(parts), p.Keyboard != nil)
				}
				if strings.Contains(p.HTML, "&amp;amp;") || strings.HasSuffix(p.HTML, "&") || strings.Contains(p.HTML, "&a\n") {
					t.Errorf("message %d cut inside an entity", i+1)
				}
			}
			if !strings.HasPrefix(parts[0].HTML, "<b>"+r.Headline+"</b>\n") {
				t.Errorf("first message does not start with the headline: %.80q", parts[0].HTML)
			}
			if tt.wholeParas {
				for _, pg := range tt.paragraphs {
					found := false
					for _, p := range parts {
						found = found || strings.Contains(p.HTML, pg)
					}
					if !found {
						t.Errorf("paragraph %.20q… was cut, want it whole in one message", pg)
					}
				}
			}
			// Nothing lost: apart from the whitespace at the cuts, the
			// messages hold the escaped paragraphs in order.
			noSpace := func(s string) string { return strings.Join(strings.Fields(s), "") }
			var all strings.Builder
			for _, p := range parts {
				all.WriteString(p.HTML)
			}
			if want := noSpace(escape(strings.Join(tt.paragraphs, " "))); !strings.Contains(noSpace(all.String()), want) {
				t.Errorf("the split lost or changed text")
			}
		})
	}
}
