package triage

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// normalize is the first pass: Unicode NFKC and width folding, then lower
// case, odd spaces, dashes and quotes to their plain forms, invalid UTF-8
// replaced, so that the readers match one spelling. It returns at most
// maxReadBytes of output. Folds that need the lexicon (traditional Chinese,
// chat abbreviations, Vietnamese without diacritics) are folder's.
func normalize(text string) string {
	text = capText(text)
	if !isASCII(text) && norm.NFKC.QuickSpanString(text) < len(text) {
		// NFKC folds compatibility forms (full-width letters and digits,
		// ㎝, ①, ligatures) and composes decomposed Vietnamese; width.Fold
		// takes the few wide forms NFKC keeps.
		text = capText(width.Fold.String(norm.NFKC.String(text)))
	}
	var b strings.Builder
	b.Grow(len(text) + 8)
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			// ASCII fast path
			switch {
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			case c < 0x20 && c != '\n':
				c = ' '
			case c == '`':
				c = '\''
			case c == 0x7f:
				c = ' '
			}
			b.WriteByte(c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		switch {
		case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
			r = r - 0xFF01 + 0x21
		case r == 0x3000 || r == 0x00A0 || r == 0x202F || r == 0x2009 || r == 0x2007 || r == 0x200A:
			r = ' '
		case r == '\t' || r == '\r' || r == '\v' || r == '\f':
			r = ' '
		case r == '‐' || r == '‑' || r == '‒' || r == '–' || r == '—' || r == '−' || r == '～' || r == '〜':
			if r == '～' || r == '〜' {
				r = '~'
			} else {
				r = '-'
			}
		case r == '’' || r == '‘' || r == '`' || r == '´':
			r = '\''
		case r == '“' || r == '”' || r == '″' || r == '„':
			r = '"'
		case r == '，':
			r = ','
		case r == '。':
			r = '.'
		case r == '：':
			r = ':'
		case r == utf8.RuneError:
			r = ' '
		case r < 0x20 && r != '\n':
			r = ' '
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
