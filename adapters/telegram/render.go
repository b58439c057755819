package telegram

import (
	"html"
	"strings"
	"unicode/utf8"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/triage"
)

// MaxMessageUnits is Telegram's limit on a message's text: 4096 characters,
// counted in UTF-16 code units. The HTML source is measured, which is never
// shorter than the text Telegram counts after parsing the tags.
const MaxMessageUnits = 4096

// part is one Telegram message of a rendered reply: HTML (parse_mode HTML)
// and, on the last part only, the inline keyboard of suggested answers.
type part struct {
	HTML     string          `json:"html"`
	Keyboard *inlineKeyboard `json:"keyboard,omitempty"`
}

// inlineKeyboard is the reply_markup of a message with answer buttons. It is
// the adapter's own type (the library takes any value) so that the JSON
// carries only text and callback_data: the library's button type always
// writes an empty copy_text object, which Telegram rejects.
type inlineKeyboard struct {
	InlineKeyboard [][]inlineButton `json:"inline_keyboard"`
}

type inlineButton struct {
	Text         string `json:"text"`
	CallbackData string `json:"callback_data"`
}

// block is one paragraph-level piece of a reply. Its HTML is prefix +
// escaped raw + suffix; prefix and suffix are the adapter's own markup, raw
// is text that may come from the buyer and is always escaped.
type block struct {
	sep    string // what joins it to the block before: "\n" within a list, "\n\n" between paragraphs
	prefix string
	raw    string
	suffix string
}

func (b block) html() string { return b.prefix + escape(b.raw) + b.suffix }

// render turns a reply into Telegram messages of at most limit UTF-16 code
// units each, split on paragraph boundaries (then lines, then words), with
// the answer keyboard on the last. The Headline comes first. A reply with
// nothing to say renders to no message.
func render(r bot.Reply, limit int) []part {
	var blocks []block
	add := func(sep, prefix, raw, suffix string) {
		if strings.TrimSpace(raw) == "" {
			return
		}
		if len(blocks) == 0 {
			sep = ""
		}
		blocks = append(blocks, block{sep: sep, prefix: prefix, raw: raw, suffix: suffix})
	}
	if r.Model != "" {
		add("", "<b>", r.Headline, "</b>") // the verdict, bold, first
	} else {
		add("", "", r.Headline, "") // a greeting or help text: as written
	}
	for i, f := range r.Facts {
		add(sepFor(i), "• "+escape(f.Label)+": ", f.Value, "")
	}
	for i, w := range r.Warnings {
		add(sepFor(i), "⚠️ ", w.Text, "")
	}
	for _, p := range r.Paragraphs {
		add("\n\n", "", p, "")
	}
	var kb *inlineKeyboard
	for i, q := range r.Questions {
		add(sepFor(i), "❓ <b>", q.Text, "</b>")
		if rows := answerRows(q); len(rows) > 0 {
			if kb == nil {
				kb = &inlineKeyboard{}
			}
			kb.InlineKeyboard = append(kb.InlineKeyboard, rows...)
		}
	}
	if len(blocks) == 0 {
		return nil
	}
	parts := pack(blocks, limit)
	parts[len(parts)-1].Keyboard = kb
	return parts
}

// shortAnswer is the longest answer (in characters) that still reads whole
// on a phone when three share a row.
const shortAnswer = 16

// answerRows lays out a question's suggested answers: side by side on one
// row when they are short, one per row otherwise, so that no label is cut.
func answerRows(q triage.Question) [][]inlineButton {
	var buttons []inlineButton
	short := true
	for ai, a := range q.Answers {
		if strings.TrimSpace(a) == "" {
			continue
		}
		buttons = append(buttons, inlineButton{Text: a, CallbackData: encodeCallback(q.Cue, ai, a)})
		short = short && utf8.RuneCountInString(a) <= shortAnswer
	}
	if len(buttons) == 0 {
		return nil
	}
	if short && len(buttons) <= 3 {
		return [][]inlineButton{buttons}
	}
	rows := make([][]inlineButton, len(buttons))
	for i, b := range buttons {
		rows[i] = []inlineButton{b}
	}
	return rows
}

// sepFor joins the items of a list: a blank line before the first, a line
// break between the others.
func sepFor(i int) string {
	if i == 0 {
		return "\n\n"
	}
	return "\n"
}

// pack fills messages with whole blocks. A block longer than a message
// starts in the room left in the current message (when there is a fair
// amount of it) and goes on in the next ones.
func pack(blocks []block, limit int) []part {
	var parts []part
	var cur strings.Builder
	curUnits := 0
	flush := func() {
		if cur.Len() > 0 {
			parts = append(parts, part{HTML: cur.String()})
			cur.Reset()
			curUnits = 0
		}
	}
	appendBlock := func(b block, n int) {
		if cur.Len() > 0 {
			cur.WriteString(b.sep)
			curUnits += utf16Len(b.sep)
		}
		cur.WriteString(b.html())
		curUnits += n
	}
	for _, b := range blocks {
		for {
			n := utf16Len(b.html())
			room := limit
			if cur.Len() > 0 {
				room = limit - curUnits - utf16Len(b.sep)
			}
			if n <= room {
				appendBlock(b, n)
				break
			}
			if cur.Len() > 0 && (n <= limit || room < limit/4) {
				flush() // it fits a message of its own, or too little room is left
				continue
			}
			head, rest := cutBlock(b, room)
			appendBlock(head, utf16Len(head.html()))
			flush()
			if rest.raw == "" {
				break
			}
			b = rest
		}
	}
	flush()
	return parts
}

// cutBlock splits b so that its head fits in room UTF-16 units: at a line
// break, else at a space, else between characters, and never inside an
// HTML entity, since the raw text is cut before it is escaped.
func cutBlock(b block, room int) (head, rest block) {
	budget := max(room-utf16Len(b.prefix)-utf16Len(b.suffix), 1)
	cut := fitting(b.raw, budget)
	if cut < len(b.raw) {
		if i := strings.LastIndexByte(b.raw[:cut], '\n'); i > 0 {
			cut = i
		} else if i := strings.LastIndexByte(b.raw[:cut], ' '); i > 0 {
			cut = i
		}
	}
	head, rest = b, b
	head.raw = strings.TrimRight(b.raw[:cut], " \n")
	rest.raw = strings.TrimLeft(b.raw[cut:], " \n")
	rest.sep = "\n"
	return head, rest
}

// fitting returns the length in bytes of the longest prefix of raw whose
// escaped form is at most budget UTF-16 units (at least one character, so
// that cutting always moves on).
func fitting(raw string, budget int) int {
	units := 0
	for i, r := range raw {
		n := utf16Len(escape(string(r)))
		if units+n > budget {
			if i == 0 {
				_, size := utf8.DecodeRuneInString(raw)
				return size
			}
			return i
		}
		units += n
	}
	return len(raw)
}

// escape makes text safe in Telegram's HTML parse mode, which wants <, >
// and & written as entities outside tags (the quotes html.EscapeString
// also writes are numeric entities, which Telegram reads too).
func escape(s string) string { return html.EscapeString(s) }

// utf16Len counts s in UTF-16 code units, as Telegram counts a message.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}
