package telegram

import (
	"html"
	"strings"
	"unicode/utf8"

	"github.com/triagebot/triagebot/bot"
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

func (b block) html() string { return b.prefix + html.EscapeString(b.raw) + b.suffix }

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
		add(sepFor(i), "• "+html.EscapeString(f.Label)+": ", f.Value, "")
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
		for ai, a := range q.Answers {
			if strings.TrimSpace(a) == "" {
				continue
			}
			if kb == nil {
				kb = &inlineKeyboard{}
			}
			kb.InlineKeyboard = append(kb.InlineKeyboard, []inlineButton{{Text: a, CallbackData: encodeCallback(q.Cue, ai, a)}})
		}
	}
	if len(blocks) == 0 {
		return nil
	}
	parts := pack(blocks, limit)
	parts[len(parts)-1].Keyboard = kb
	return parts
}

// sepFor joins the items of a list: a blank line before the first, a line
// break between the others.
func sepFor(i int) string {
	if i == 0 {
		return "\n\n"
	}
	return "\n"
}

// pack fills messages with whole blocks; a block too long for one message
// is cut into several first.
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
	for _, b := range blocks {
		for _, piece := range cutBlock(b, limit) {
			h := piece.html()
			n := utf16Len(h)
			if cur.Len() > 0 && curUnits+utf16Len(piece.sep)+n > limit {
				flush()
			}
			if cur.Len() > 0 {
				cur.WriteString(piece.sep)
				curUnits += utf16Len(piece.sep)
			}
			cur.WriteString(h)
			curUnits += n
		}
	}
	flush()
	return parts
}

// cutBlock returns b itself when it fits in limit, else pieces of it that
// do: cut at a line break, else at a space, else between characters, and
// never inside an HTML entity, since the raw text is cut before escaping.
func cutBlock(b block, limit int) []block {
	if utf16Len(b.html()) <= limit {
		return []block{b}
	}
	budget := max(limit-utf16Len(b.prefix)-utf16Len(b.suffix), 1)
	var out []block
	raw := b.raw
	for raw != "" {
		cut := fitting(raw, budget)
		if cut < len(raw) {
			if i := strings.LastIndexByte(raw[:cut], '\n'); i > 0 {
				cut = i
			} else if i := strings.LastIndexByte(raw[:cut], ' '); i > 0 {
				cut = i
			}
		}
		piece := block{sep: "\n", prefix: b.prefix, raw: strings.TrimRight(raw[:cut], " \n"), suffix: b.suffix}
		if len(out) == 0 {
			piece.sep = b.sep
		}
		if piece.raw != "" {
			out = append(out, piece)
		}
		raw = strings.TrimLeft(raw[cut:], " \n")
	}
	return out
}

// fitting returns the length in bytes of the longest prefix of raw whose
// escaped form is at most budget UTF-16 units (at least one character, so
// that cutting always moves on).
func fitting(raw string, budget int) int {
	units := 0
	for i, r := range raw {
		n := utf16Len(html.EscapeString(string(r)))
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
