package bot

import (
	"strings"
	"time"

	"github.com/triagebot/triagebot/triage"
)

// PastInquiry is an inquiry from before the bot, as an import file gives
// it: one message, who sent it, on which channel, and when.
type PastInquiry struct {
	Text, Channel, User string
	Sent                time.Time
	// Key identifies the line, so that importing it again adds nothing.
	Key string
}

// ImportedInquiry triages p as the core triages a message (its text read
// up to maxBytes, 0 for no limit) and returns the finished inquiry to
// store: on its channel ("import" when none), with the user as chat, open,
// every time at Sent.
func ImportedInquiry(e *triage.Engine, p PastInquiry, maxBytes int) Inquiry {
	text := p.Text
	if maxBytes > 0 {
		text, _ = truncateUTF8(text, maxBytes)
	}
	rd := e.Read(text, p.Sent)
	v := e.Decide(rd.Cues, rd.Language)
	channel := strings.ToLower(strings.TrimSpace(p.Channel))
	if channel == "" {
		channel = PlatformImport
	}
	user := strings.TrimSpace(p.User)
	return Inquiry{
		Platform: channel, ChatID: user, UserID: user, UserName: user,
		Texts: []string{p.Text}, Cues: rd.Cues, Model: v.Model, Confidence: v.Confidence,
		Warnings: v.Warnings, Language: v.Language, Status: StatusOpen,
		ImportKey:      p.Key,
		FirstMessageAt: p.Sent, CreatedAt: p.Sent, UpdatedAt: p.Sent,
	}
}
