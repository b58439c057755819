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
			b.WriteByte(plainByte(c))
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		b.WriteRune(plainRune(r))
	}
	return b.String()
}

// plainByte is the plain form of an ASCII byte: lower case, a blank for a
// control character other than the line break, ' for `.
func plainByte(c byte) byte {
	switch {
	case c >= 'A' && c <= 'Z':
		return c + 'a' - 'A'
	case c < 0x20 && c != '\n', c == 0x7f:
		return ' '
	case c == '`':
		return '\''
	}
	return c
}

// plainRune is the plain form of a rune beyond ASCII: odd spaces, dashes,
// quotes and CJK punctuation as their ASCII forms, then lower case.
func plainRune(r rune) rune {
	switch r {
	case 0x3000, 0x00A0, 0x202F, 0x2009, 0x2007, 0x200A, '\t', '\r', '\v', '\f', utf8.RuneError:
		return ' '
	case '‐', '‑', '‒', '–', '—', '−':
		return '-'
	case '～', '〜':
		return '~'
	case '’', '‘', '´':
		return '\''
	case '“', '”', '″', '„':
		return '"'
	case '，':
		return ','
	case '。':
		return '.'
	case '：':
		return ':'
	}
	switch {
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII that NFKC left
		return unicode.ToLower(r - 0xFF01 + 0x21)
	case r < 0x20 && r != '\n':
		return ' '
	}
	return unicode.ToLower(r)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
