package triage

import (
	"unicode"
	"unicode/utf8"
)

// maxReadBytes caps how much of one message the readers look at. Buyer
// messages are a few hundred bytes; the cap keeps the work per message
// bounded whatever arrives (a pasted log, a megabyte of digits).
const maxReadBytes = 32 << 10

// maxTokens caps the tokens of one message for the same reason.
const maxTokens = 8192

type tokKind uint8

const (
	kNum  tokKind = iota + 1 // ASCII digits, maybe with inner . or ,
	kWord                    // letters (Latin, Vietnamese, …), maybe with inner '
	kHan                     // one CJK ideograph
	kThai                    // a Thai lexicon word or one unknown Thai letter
	kSym                     // any other single rune
)

// token is a piece of the normalised text. s is a substring of it.
type token struct {
	s    string
	kind tokKind
	sp   bool // whitespace before
	nl   bool // a line break before
	trap bool // part of a number that is neither quantity nor budget
	used bool // consumed by a reader
	// foreign marks a number word of another language than the message's:
	// Portuguese "dos" (of the) is not Spanish "dos" (two).
	foreign bool
	// corr marks the tokens after a correction cue, to the end of its
	// sentence ("sorry, I meant 70"): what they state replaces what
	// they correct (segment_correct.go).
	corr bool
}

// capText cuts text to at most maxReadBytes, at a rune boundary.
func capText(text string) string {
	if len(text) <= maxReadBytes {
		return text
	}
	cut := maxReadBytes
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	return text[:cut]
}

func isHan(r rune) bool {
	return (r >= 0x4E00 && r <= 0x9FFF) || (r >= 0x3400 && r <= 0x4DBF) || (r >= 0xF900 && r <= 0xFAFF)
}

func isThai(r rune) bool { return r >= 0x0E00 && r <= 0x0E7F }

// isWordRune reports a letter or a combining mark. ASCII, most of most
// messages, is answered without the Unicode tables (no ASCII rune is a
// mark, and its letters are a-z and A-Z).
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsMark(r)
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// tokenize splits normalised text into tokens. Thai, written without spaces,
// is cut by longest match against thaiWords; unknown Thai letters become
// one-letter tokens so that phrases match the same way in any context.
func tokenize(s string, thaiWords map[string]bool, thaiMax int, out []token) []token {
	sp, nl := true, false
	i := 0
	for i < len(s) && len(out) < maxTokens {
		c := s[i]
		if c == ' ' || c == '\n' {
			sp = true
			if c == '\n' {
				nl = true
			}
			i++
			continue
		}
		start := i
		var kind tokKind
		switch {
		case isDigit(c):
			kind = kNum
			i++
			for i < len(s) {
				if isDigit(s[i]) {
					i++
					continue
				}
				if (s[i] == '.' || s[i] == ',') && i+1 < len(s) && isDigit(s[i+1]) {
					i += 2
					continue
				}
				// Swiss grouping: 40'000
				if s[i] == '\'' && i+3 < len(s) && isDigit(s[i+1]) && isDigit(s[i+2]) && isDigit(s[i+3]) && (i+4 == len(s) || !isDigit(s[i+4])) {
					i += 4
					continue
				}
				break
			}
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			switch {
			case isHan(r):
				kind = kHan
				i += n
			case isThai(r):
				kind = kThai
				i += longestThai(s[i:], thaiWords, thaiMax)
			case isWordRune(r):
				kind = kWord
				i += n
				for i < len(s) {
					r2, n2 := utf8.DecodeRuneInString(s[i:])
					if isHan(r2) || isThai(r2) {
						break
					}
					if isWordRune(r2) {
						i += n2
						continue
					}
					if r2 == '\'' && i+1 < len(s) {
						r3, _ := utf8.DecodeRuneInString(s[i+1:])
						if unicode.IsLetter(r3) && !isHan(r3) && !isThai(r3) {
							i += n2
							continue
						}
					}
					break
				}
			case unicode.IsSpace(r):
				sp = true
				i += n
				continue
			default:
				kind = kSym
				i += n
			}
		}
		out = append(out, token{s: s[start:i], kind: kind, sp: sp, nl: nl})
		sp, nl = false, false
	}
	return out
}

// longestThai returns the byte length of the longest thaiWords entry at the
// start of s, or of one rune when none matches.
func longestThai(s string, words map[string]bool, maxRunes int) int {
	best := 0
	end := 0
	for k := 0; k < maxRunes && end < len(s); k++ {
		r, n := utf8.DecodeRuneInString(s[end:])
		if !isThai(r) {
			break
		}
		end += n
		if k > 0 && words[s[:end]] {
			best = end
		}
	}
	if best == 0 {
		_, n := utf8.DecodeRuneInString(s)
		return n
	}
	return best
}

// isBreak reports whether t ends a clause: the readers never look across it.
func (t *token) isBreak() bool {
	if t.kind != kSym {
		return false
	}
	switch t.s {
	case ".", ",", ";", "!", "?", ":", "(", ")", "、", "；", "！", "？", "|":
		return true
	}
	return false
}
