// Package bot is the platform-neutral core of triagebot: a Message comes in,
// a Reply goes out. It keeps conversations and inquiries through the small
// store interfaces it declares here, and never imports an adapter or a store.
package bot

import (
	"errors"
	"strings"
	"time"

	"github.com/triagebot/triagebot/triage"
)

// ErrNotFound is returned by stores for a missing row.
var ErrNotFound = errors.New("bot: not found")

// Platforms that messages come from.
const (
	PlatformTelegram = "telegram"
	PlatformSlack    = "slack"
	PlatformConsole  = "console"
	PlatformImport   = "import"
)

// Command is a bot command recognised by an adapter (or by the core in text).
type Command string

// The commands every platform offers.
const (
	CommandNone  Command = ""
	CommandStart Command = "start"
	CommandHelp  Command = "help"
	CommandNew   Command = "new"
	// CommandNotText is a message with nothing to read: a sticker, a voice
	// note, a photo without a caption. The bot asks for text.
	CommandNotText Command = "not_text"
)

// Message is one incoming buyer or sales message, already verified and
// translated from its platform's format by an adapter.
type Message struct {
	Platform string `json:"platform"`
	// EventID is the platform's unique id for this delivery (Slack event_id,
	// Telegram update_id). Retries carry the same id and are handled once.
	// Empty means the core makes one up (no de-duplication).
	EventID string `json:"event_id"`
	// ChatID names where the conversation happens: a Telegram chat, a Slack
	// channel plus thread ("C123/1700000000.000100").
	ChatID     string `json:"chat_id"`
	UserID     string `json:"user_id"`
	UserName   string `json:"user_name,omitempty"`   // display name
	UserHandle string `json:"user_handle,omitempty"` // @handle, without the @
	Text       string `json:"text"`
	// Language is the platform's hint of the user's language ("" if none).
	Language string    `json:"language,omitempty"`
	SentAt   time.Time `json:"sent_at"`
	Command  Command   `json:"command,omitempty"`
	// AnswerTo is set when the message is a click on a suggested answer to
	// the question about that cue.
	AnswerTo triage.Cue `json:"answer_to,omitempty"`
	// Edit is set when the message replaces the user's previous one
	// (Telegram edited_message): the inquiry is re-triaged, not extended.
	Edit bool `json:"edit,omitempty"`
	// ReplyTo is the platform's id of the message the reply answers (a
	// Telegram group message), "" for none.
	ReplyTo string `json:"reply_to,omitempty"`
	// PressID is the platform's handle of a button press to acknowledge
	// when the reply goes out (a Telegram callback query), and
	// PressedMessage the message whose buttons were pressed, to take them
	// away; "" for none.
	PressID        string `json:"press_id,omitempty"`
	PressedMessage string `json:"pressed_message,omitempty"`
}

// Fact is one line of key facts in a reply: a cue and its value, worded in
// the reply's language.
type Fact struct {
	Cue   string `json:"cue"`
	Label string `json:"label"`
	Value string `json:"value"`
}

// Warning is a warning code with its wording.
type Warning struct {
	Code string `json:"code"`
	Text string `json:"text"`
}

// Reply is the platform-neutral answer to a Message. Adapters render it in
// their own format; the Headline always comes first.
type Reply struct {
	// Duplicate is set when the message's event was handled before: the
	// adapter sends nothing.
	Duplicate bool   `json:"-"`
	InquiryID int64  `json:"inquiry_id,omitempty"`
	Language  string `json:"language"`
	// Model is the engine's model; "" for replies that are not a verdict
	// (greeting, help, a hint for a sticker).
	Model      triage.Model `json:"model,omitempty"`
	Confidence float64      `json:"confidence,omitempty"`
	// Headline is the first line: it starts with the model (OEM, ODM, CM) or
	// says that more information is needed, before any other model name.
	Headline   string            `json:"headline"`
	Facts      []Fact            `json:"facts,omitempty"`
	Warnings   []Warning         `json:"warnings,omitempty"`
	Paragraphs []string          `json:"paragraphs,omitempty"`
	Questions  []triage.Question `json:"questions,omitempty"`
	Cues       triage.Cues       `json:"cues"`
	// Declined lists the cues the buyer declined to give in this inquiry.
	Declined []triage.Cue `json:"declined,omitempty"`
	// HandedOver is set once every cue is known or declined: the inquiry
	// is ready for sales and the bot asks nothing more.
	HandedOver bool `json:"handed_over,omitempty"`
}

// Inquiry is one buyer inquiry: the texts of its conversation so far, the
// merged cues and the decision, and what sales did with it.
type Inquiry struct {
	ID         int64        `json:"id"`
	Platform   string       `json:"platform"`
	ChatID     string       `json:"chat_id"`
	UserID     string       `json:"user_id"`
	UserName   string       `json:"user_name"`
	UserHandle string       `json:"user_handle"`
	Texts      []string     `json:"texts"`
	Cues       triage.Cues  `json:"cues"`
	Model      triage.Model `json:"model"`
	Confidence float64      `json:"confidence"`
	Warnings   []string     `json:"warnings"`
	Language   string       `json:"language"`
	// Declined lists the cues the buyer declined to give ("not sure yet"):
	// never asked again in this inquiry, shown on the lead card.
	Declined []triage.Cue `json:"declined,omitempty"`
	// Ready is set once every cue is known or declined: the bot handed the
	// inquiry over to sales and asks nothing more.
	Ready    bool   `json:"ready,omitempty"`
	Status   string `json:"status"` // StatusOpen or StatusClaimed
	Assignee string `json:"assignee,omitempty"`
	// Override is the model a sales rep chose instead of the engine's ("" none).
	Override   triage.Model `json:"override,omitempty"`
	OverrideBy string       `json:"override_by,omitempty"`
	// ImportKey is the stable key of an imported record ("" otherwise);
	// unique, so importing a file twice adds nothing.
	ImportKey string `json:"import_key,omitempty"`
	// FirstMessageAt is when the buyer sent the first message; CreatedAt is
	// when the inquiry was first triaged. All times are UTC.
	FirstMessageAt time.Time `json:"first_message_at"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// Inquiry statuses.
const (
	StatusOpen    = "open"
	StatusClaimed = "claimed"
)

// ConversationKey identifies a conversation: one user in one chat.
type ConversationKey struct {
	Platform string `json:"platform"`
	ChatID   string `json:"chat_id"`
	UserID   string `json:"user_id"`
}

// Conversation ties a chat to its current inquiry.
type Conversation struct {
	ConversationKey
	InquiryID int64  `json:"inquiry_id"` // 0: none yet
	Language  string `json:"language"`
	// Asked lists the cues of every question of the last reply, in order,
	// so that a bare answer ("2000") is read against them.
	Asked     []triage.Cue `json:"asked,omitempty"`
	UpdatedAt time.Time    `json:"updated_at"`
}

// JoinCues encodes a list of cues for a store column: "quantity,budget".
func JoinCues(cs []triage.Cue) string {
	ss := make([]string, len(cs))
	for i, c := range cs {
		ss[i] = string(c)
	}
	return strings.Join(ss, ",")
}

// SplitCues decodes what JoinCues wrote; "" is no cue.
func SplitCues(s string) []triage.Cue {
	if s == "" {
		return nil
	}
	var cs []triage.Cue
	for _, c := range strings.Split(s, ",") {
		cs = append(cs, triage.Cue(c))
	}
	return cs
}

// EventState is how far the handling of a recorded event got.
type EventState string

// Event states, in order.
const (
	EventPending   EventState = "pending"   // recorded, not yet triaged
	EventTriaged   EventState = "triaged"   // inquiry saved, reply stored, not yet sent
	EventDelivered EventState = "delivered" // reply sent
)

// Event is a recorded platform delivery.
type Event struct {
	Platform   string     `json:"platform"`
	ID         string     `json:"id"`
	Message    Message    `json:"message"`
	State      EventState `json:"state"`
	Reply      *Reply     `json:"reply,omitempty"` // set once triaged
	ReceivedAt time.Time  `json:"received_at"`
	UpdatedAt  time.Time  `json:"updated_at"`
}

// CardRef locates a posted lead card so it can be edited in place.
type CardRef struct {
	Channel   string `json:"channel"`
	MessageID string `json:"message_id"` // Slack ts
}

// Zero reports whether the card has not been posted yet.
func (r CardRef) Zero() bool { return r.Channel == "" && r.MessageID == "" }
