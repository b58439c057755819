package slack

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/internal/testkit"
	"github.com/triagebot/triagebot/triage"
)

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	testkit.Golden(t, filepath.Join("testdata", name), got)
}

func renderJSON(t *testing.T, r rendered) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		t.Fatalf("marshal: %v", err)
	}
	return buf.Bytes()
}

func sampleInquiry() bot.Inquiry {
	at := time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)
	return bot.Inquiry{
		ID: 42, Platform: bot.PlatformTelegram, ChatID: "777", UserID: "777",
		UserName: "Dewi Lestari", UserHandle: "dewi_mirrors",
		Texts: []string{"Hi! We need 500 bathroom mirrors with our own design <LED> & logo.\nBudget around 5000 EUR, delivery in 45 days.", "yes"},
		Cues: triage.Cues{
			Quantity:     &triage.Range{Min: 500, Max: 500},
			Budget:       &triage.Money{Min: 5000, Max: 5000, Currency: "EUR", USDMin: 5400, USDMax: 5400},
			Ownership:    triage.OwnerBuyer,
			LeadTimeDays: &triage.Range{Min: 45, Max: 45},
		},
		Model: triage.OEM, Confidence: 0.81, Warnings: []string{"budget_below_moq"},
		Language: "en", Status: bot.StatusOpen, FirstMessageAt: at, CreatedAt: at, UpdatedAt: at,
	}
}

func TestRenderReplyGolden(t *testing.T) {
	tests := []struct {
		name  string
		reply bot.Reply
	}{
		{"reply_verdict.json", sampleReplyFor(bot.Message{})},
		{"reply_need_info.json", bot.Reply{
			Language: "en", Model: triage.Unknown,
			Headline: "More information needed: how many units, and whose design?",
			Questions: []triage.Question{
				{Cue: triage.CueOwnership, Text: "Whose design is it?", Answers: []string{"our own design", "your catalogue"}},
				{Cue: triage.CueQuantity, Text: "How many units?", Answers: []string{"500", "2000", "10000"}},
			},
		}},
		{"reply_greeting.json", bot.Reply{Language: "en", Headline: "Hello! Tell me what you want to make."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := renderReply(tt.reply, "C123ABC456/1515449522.000016", "U061F7AUR")
			first, _, _ := strings.Cut(r.Text, "\n")
			if first != tt.reply.Headline {
				t.Errorf("fallback text first line = %q, want the headline %q", first, tt.reply.Headline)
			}
			golden(t, tt.name, renderJSON(t, r))
		})
	}
}

func TestRenderCommandAnswerGolden(t *testing.T) {
	r := withInquiry(renderReply(sampleReplyFor(bot.Message{}), "C2147483705/1700000001.000100", "U2147483697"),
		"U2147483697", "P1 checkout <is> returning 500s\nsecond line")
	if first, _, _ := strings.Cut(r.Text, "\n"); first != sampleReplyFor(bot.Message{}).Headline {
		t.Errorf("first line = %q, want the headline", first)
	}
	golden(t, "reply_command.json", renderJSON(t, r))
}

func TestRenderLeadGolden(t *testing.T) {
	open := sampleInquiry()
	claimed := sampleInquiry()
	claimed.Assignee, claimed.Status = "jtorrance", bot.StatusClaimed
	overridden := claimed
	overridden.Override, overridden.OverrideBy = triage.ODM, "jtorrance"
	unknown := sampleInquiry()
	unknown.Model, unknown.Cues, unknown.Warnings, unknown.UserName = triage.Unknown, triage.Cues{}, nil, ""
	unknown.Texts = []string{strings.Repeat("very long message ", 60)}
	ready := sampleInquiry()
	ready.Ready, ready.Declined = true, []triage.Cue{triage.CueLeadTime}
	ready.Cues.LeadTimeDays = nil
	ready.Texts = append(ready.Texts, "one more thing: black frames please")
	tests := []struct {
		name string
		in   bot.Inquiry
		want []string // in the fallback text
	}{
		{"lead_open.json", open, []string{"OEM · lead #42 from Telegram", "Dewi Lestari (@dewi_mirrors)", "> Hi! We need 500", "unclaimed"}},
		{"lead_claimed.json", claimed, []string{"claimed by jtorrance"}},
		{"lead_overridden.json", overridden, []string{"Override: ODM by jtorrance", "Model: OEM (confidence 81%)"}},
		{"lead_need_info.json", unknown, []string{"More information needed · lead #42", "@dewi_mirrors", "…"}},
		{"lead_ready.json", ready, []string{"Status: ready for sales", "Lead time: declined by the buyer", "Latest message:\n> one more thing: black frames please"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := renderLead(tt.in)
			for _, w := range tt.want {
				if !strings.Contains(r.Text, w) {
					t.Errorf("lead card text lacks %q:\n%s", w, r.Text)
				}
			}
			golden(t, tt.name, renderJSON(t, r))
		})
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, bot, want string }{
		{"<@U0LAN0Z89> is it everything a river should be?", "U0LAN0Z89", "is it everything a river should be?"},
		{"<@U0LAN0Z89> ask <@U999|bob> in <#C1|sales> see <https://x.test|the spec> &lt;3 &amp; more", "U0LAN0Z89", "ask @bob in #sales see the spec <3 & more"},
		{"<@U0LAN0Z89> 500 units", "", "500 units"},
		{"<!here> 2000 pcs <mailto:a@b.test>", "UX", "@here 2000 pcs mailto:a@b.test"},
	}
	for _, tt := range tests {
		if got := plainText(tt.in, tt.bot); got != tt.want {
			t.Errorf("plainText(%q, %q) = %q, want %q", tt.in, tt.bot, got, tt.want)
		}
	}
}

func TestTSTime(t *testing.T) {
	got := tsTime("1515449522.000016")
	want := time.Date(2018, 1, 8, 22, 12, 2, 16000, time.UTC)
	if !got.Equal(want) {
		t.Errorf("tsTime = %v, want %v", got, want)
	}
	if !tsTime("garbage").IsZero() {
		t.Errorf("tsTime(garbage) is not zero")
	}
}
