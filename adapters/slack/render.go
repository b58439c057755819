package slack

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	slackapi "github.com/slack-go/slack"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/triage"
)

// Block Kit limits (Slack's documented maxima).
const (
	maxHeader      = 150
	maxSectionText = 3000
	maxField       = 2000
	maxFields      = 10
	maxButtonText  = 75
	maxButtonValue = 2000
	maxButtons     = 5
	maxFallback    = 3000
	maxQuoted      = 500
)

// rendered is a message ready for chat.postMessage or chat.update.
type rendered struct {
	Text   string          `json:"text"`
	Blocks slackapi.Blocks `json:"blocks"`
}

func (r rendered) options() []slackapi.MsgOption {
	return []slackapi.MsgOption{
		slackapi.MsgOptionText(r.Text, true),
		slackapi.MsgOptionBlocks(r.Blocks.BlockSet...),
	}
}

// renderReply renders a reply as Block Kit: the headline as header, the
// facts as fields, warnings, the explanation, and each question with its
// suggested answers as buttons. chat and user name the conversation the
// buttons answer in. The fallback text starts with the headline.
func renderReply(r bot.Reply, chat, user string) rendered {
	var blocks []slackapi.Block
	var text []string

	headline := strings.TrimSpace(r.Headline)
	if headline == "" {
		headline = "More information needed"
	}
	blocks = append(blocks, header(headline))
	text = append(text, headline)

	var fields []*slackapi.TextBlockObject
	for _, f := range r.Facts {
		fields = append(fields, mrkdwn(trim("*"+escape(f.Label)+"*\n"+escape(f.Value), maxField)))
		text = append(text, f.Label+": "+f.Value)
	}
	blocks = append(blocks, fieldSections(fields)...)

	if len(r.Warnings) > 0 {
		var lines []string
		for _, w := range r.Warnings {
			lines = append(lines, ":warning: "+escape(w.Text))
			text = append(text, "⚠ "+w.Text)
		}
		blocks = append(blocks, section(strings.Join(lines, "\n")))
	}
	for _, p := range r.Paragraphs {
		if strings.TrimSpace(p) == "" {
			continue
		}
		blocks = append(blocks, section(escape(p)))
		text = append(text, p)
	}
	for qi, q := range r.Questions {
		blocks = append(blocks, section("*"+escape(q.Text)+"*"))
		text = append(text, q.Text)
		var buttons []slackapi.BlockElement
		for ai, ans := range q.Answers {
			if ai == maxButtons {
				break
			}
			v, err := json.Marshal(answerValue{Chat: chat, User: user, Cue: q.Cue, Answer: trim(ans, 500)})
			if err != nil || len(v) > maxButtonValue {
				continue
			}
			buttons = append(buttons, slackapi.NewButtonBlockElement(
				fmt.Sprintf("%s_%d_%d", actionAnswer, qi, ai), string(v), plain(trim(ans, maxButtonText))))
		}
		if len(buttons) > 0 {
			blocks = append(blocks, slackapi.NewActionBlock(fmt.Sprintf("q%d", qi), buttons...))
			text = append(text, "("+strings.Join(q.Answers, " / ")+")")
		}
	}
	return rendered{Text: trim(strings.Join(text, "\n"), maxFallback), Blocks: slackapi.Blocks{BlockSet: blocks}}
}

// withInquiry adds the text a sales rep passed to /triage under the
// answer, quoted and trimmed, so that the channel sees what was triaged
// (Slack does not show the command's text to others).
func withInquiry(m rendered, user, text string) rendered {
	text = strings.TrimSpace(text)
	if text == "" {
		return m
	}
	q := trim(text, maxQuoted)
	m.Blocks.BlockSet = append(m.Blocks.BlockSet, slackapi.NewContextBlock("inquiry",
		mrkdwn(trim("<@"+user+"> asked:\n"+quote(escape(q)), maxSectionText))))
	m.Text = trim(m.Text+"\n\nAsked:\n"+quote(q), maxFallback)
	return m
}

// renderLead renders the lead card of an inquiry from another channel:
// the verdict as header; who, where, model, confidence, override and
// assignee; the cues; warnings; the buyer's first message quoted; and the
// Claim and Override buttons.
func renderLead(in bot.Inquiry) rendered {
	verdict := modelText(in.Model)
	where := platformName(in.Platform)
	head := fmt.Sprintf("%s · lead #%d from %s", verdict, in.ID, where)
	who := buyer(in)

	model := verdict
	if in.Model.Valid() && in.Model != triage.Unknown {
		model = fmt.Sprintf("%s (confidence %d%%)", in.Model, int(math.Round(in.Confidence*100)))
	}
	assignee := "unclaimed"
	if in.Assignee != "" {
		assignee = "claimed by " + in.Assignee
	}
	about := []*slackapi.TextBlockObject{
		field("Buyer", who),
		field("Channel", where),
		field("Model", model),
		field("Assignee", assignee),
	}
	text := []string{head, "Buyer: " + who, "Channel: " + where, "Model: " + model}
	if in.Override != "" {
		ov := string(in.Override)
		if in.OverrideBy != "" {
			ov += " by " + in.OverrideBy
		}
		about = append(about, field("Override", ov))
		text = append(text, "Override: "+ov)
	}
	text = append(text, "Assignee: "+assignee)
	if in.Ready {
		// Every cue known or declined: the bot handed the buyer over.
		about = append(about, field("Status", leadReady))
		text = append(text, "Status: "+leadReady)
	}

	blocks := []slackapi.Block{header(head)}
	blocks = append(blocks, fieldSections(about)...)

	var cues []*slackapi.TextBlockObject
	for _, c := range append(cueFacts(in.Cues), declinedFacts(in.Declined)...) {
		cues = append(cues, field(c[0], c[1]))
		text = append(text, c[0]+": "+c[1])
	}
	if len(cues) == 0 {
		blocks = append(blocks, section("_No quantity, budget, design or lead time yet._"))
	} else {
		blocks = append(blocks, fieldSections(cues)...)
	}
	if len(in.Warnings) > 0 {
		var ws []string
		for _, w := range in.Warnings {
			ws = append(ws, humanize(w))
		}
		blocks = append(blocks, slackapi.NewContextBlock("warnings",
			mrkdwn(":warning: "+escape(strings.Join(ws, "; ")))))
		text = append(text, "⚠ "+strings.Join(ws, "; "))
	}
	if len(in.Texts) > 0 {
		first := trim(strings.TrimSpace(in.Texts[0]), maxQuoted)
		blocks = append(blocks, section("*First message*\n"+quote(escape(first))))
		text = append(text, "First message:\n"+quote(first))
	}
	if n := len(in.Texts); n > 1 {
		// Messages after the first (and after the hand-over) reach sales here.
		last := trim(strings.TrimSpace(in.Texts[n-1]), maxQuoted)
		blocks = append(blocks, section(fmt.Sprintf("*Latest message* (%d in all)\n", n)+quote(escape(last))))
		text = append(text, "Latest message:\n"+quote(last))
	}
	id := strconv.FormatInt(in.ID, 10)
	claim := slackapi.NewButtonBlockElement(actionClaim, id, plain("Claim"))
	if in.Assignee == "" {
		claim = claim.WithStyle(slackapi.StylePrimary)
	}
	buttons := []slackapi.BlockElement{claim}
	for _, m := range []triage.Model{triage.OEM, triage.ODM, triage.CM} {
		buttons = append(buttons, slackapi.NewButtonBlockElement(actionOverride+string(m), id, plain("Override → "+string(m))))
	}
	blocks = append(blocks, slackapi.NewActionBlock("lead", buttons...))
	return rendered{Text: trim(strings.Join(text, "\n"), maxFallback), Blocks: slackapi.Blocks{BlockSet: blocks}}
}

// modelText is the verdict's wording: the model, or that more is needed.
func modelText(m triage.Model) string {
	switch m {
	case triage.OEM, triage.ODM, triage.CM:
		return string(m)
	}
	return "More information needed"
}

// buyer is "Display Name (@handle)", with the user id when neither is known.
func buyer(in bot.Inquiry) string {
	name := strings.TrimSpace(in.UserName)
	handle := strings.TrimPrefix(strings.TrimSpace(in.UserHandle), "@")
	switch {
	case name != "" && handle != "":
		return name + " (@" + handle + ")"
	case name != "":
		return name
	case handle != "":
		return "@" + handle
	}
	return in.UserID
}

// platformName is a platform's name for people.
func platformName(p string) string {
	if p == "" {
		return "unknown"
	}
	r, n := utf8.DecodeRuneInString(p)
	return string(unicode.ToUpper(r)) + p[n:]
}

// cueFacts are the inquiry's known cues as label/value pairs.
func cueFacts(c triage.Cues) [][2]string {
	var out [][2]string
	if c.Quantity != nil {
		out = append(out, [2]string{"Quantity", bot.FormatRange(c.Quantity.Min, c.Quantity.Max) + " units"})
	}
	if c.Budget != nil {
		out = append(out, [2]string{"Budget", moneyText(*c.Budget)})
	}
	switch c.Ownership {
	case triage.OwnerBuyer:
		out = append(out, [2]string{"Design", "the buyer's own"})
	case triage.OwnerFactory:
		out = append(out, [2]string{"Design", "the factory's"})
	}
	if c.LeadTimeDays != nil {
		out = append(out, [2]string{"Lead time", bot.FormatRange(c.LeadTimeDays.Min, c.LeadTimeDays.Max) + " days"})
	}
	if c.SupplyChain {
		out = append(out, [2]string{"Supply chain", "asks the factory to source"})
	}
	return out
}

// leadReady is the status of a lead the bot handed over to sales.
const leadReady = "ready for sales: every detail given or declined"

// declinedFacts names the cues the buyer declined to give.
func declinedFacts(cs []triage.Cue) [][2]string {
	names := map[triage.Cue]string{triage.CueOwnership: "Design", triage.CueQuantity: "Quantity",
		triage.CueBudget: "Budget", triage.CueLeadTime: "Lead time"}
	var out [][2]string
	for _, c := range cs {
		if n := names[c]; n != "" {
			out = append(out, [2]string{n, "declined by the buyer (not decided yet)"})
		}
	}
	return out
}

func moneyText(m triage.Money) string {
	s := bot.FormatAmountRange(m.Min, m.Max) + " " + m.Currency
	if m.Currency != "USD" && (m.USDMin > 0 || m.USDMax > 0) {
		s += " (≈ " + bot.FormatAmountRange(m.USDMin, m.USDMax) + " USD)"
	}
	return strings.TrimSpace(s)
}

// humanize turns a warning code ("budget_below_moq") into words.
func humanize(code string) string { return strings.ReplaceAll(code, "_", " ") }

// quote prefixes every line with Slack's quote marker.
func quote(s string) string {
	return "> " + strings.ReplaceAll(s, "\n", "\n> ")
}

// escape protects text from Slack's mrkdwn control characters.
func escape(s string) string { return mrkdwnEscaper.Replace(s) }

// mrkdwnEscaper is built once: a Replacer is costly to build and safe for
// concurrent use.
var mrkdwnEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// trim cuts s to at most n characters, ending with an ellipsis when cut.
func trim(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func header(s string) *slackapi.HeaderBlock {
	return slackapi.NewHeaderBlock(plain(trim(s, maxHeader)))
}

func section(md string) *slackapi.SectionBlock {
	return slackapi.NewSectionBlock(mrkdwn(trim(md, maxSectionText)), nil, nil)
}

func field(label, value string) *slackapi.TextBlockObject {
	return mrkdwn(trim("*"+escape(label)+"*\n"+escape(value), maxField))
}

// fieldSections splits fields into sections of at most ten.
func fieldSections(fields []*slackapi.TextBlockObject) []slackapi.Block {
	var out []slackapi.Block
	for len(fields) > 0 {
		n := min(len(fields), maxFields)
		out = append(out, slackapi.NewSectionBlock(nil, fields[:n], nil))
		fields = fields[n:]
	}
	return out
}

func plain(s string) *slackapi.TextBlockObject {
	return slackapi.NewTextBlockObject(slackapi.PlainTextType, s, true, false)
}

func mrkdwn(s string) *slackapi.TextBlockObject {
	return slackapi.NewTextBlockObject(slackapi.MarkdownType, s, false, false)
}
