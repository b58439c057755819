package triage

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxFooterLines bounds the trailing footer block walked back over.
const maxFooterLines = 12

// markTrailingFooter finds the footer paragraph at the end of each
// stretch of the buyer's text (before a quote or header, or at the end)
// that no sign-off announced: a paragraph of names, titles, company lines,
// street addresses and footers, with at least one line that is more than
// a name ("林雅婷 採購部 / 澄光衛浴有限公司 / 407 台中市…路三段 168 號").
func (sl *segLexicon) markTrailingFooter(lines []string, roles []Role) {
	for end := len(lines) - 1; end >= 0; end-- {
		if !isBody(roles[end]) || strings.TrimSpace(lines[end]) == "" {
			continue
		}
		if end+1 < len(lines) && isBody(roles[end+1]) && strings.TrimSpace(lines[end+1]) != "" {
			continue // not the last line of its paragraph
		}
		if end+1 < len(lines) && isBody(roles[end+1]) && !sl.restIsBlank(lines, roles, end+1) {
			continue // a paragraph in the middle of the text
		}
		sl.footerBlock(lines, roles, end)
	}
}

func isBody(r Role) bool { return r == RoleOwn || r == RoleForwarded }

// restIsBlank reports whether the body lines from k on to the end of the
// stretch are blank.
func (sl *segLexicon) restIsBlank(lines []string, roles []Role, k int) bool {
	for ; k < len(lines) && isBody(roles[k]); k++ {
		if strings.TrimSpace(lines[k]) != "" {
			return false
		}
	}
	return true
}

// footerBlock walks back from line end over the paragraph and marks it
// when every line is a footer line and one is more than a name.
func (sl *segLexicon) footerBlock(lines []string, roles []Role, end int) {
	strong := false
	start := end
	for k := end; k >= 0 && k > end-maxFooterLines; k-- {
		l := strings.TrimSpace(lines[k])
		if !isBody(roles[k]) || l == "" {
			break
		}
		switch {
		case sl.isCompanyLine(l) || sl.isStreetLine(l) || sl.isFooter(l):
			strong = true
		case isNameLine(l):
		default:
			return
		}
		start = k
	}
	if !strong || !bodyAbove(lines, roles, start) {
		return // the whole stretch is no footer: a forwarded body of one line
	}
	for k := start; k <= end; k++ {
		roles[k] = RoleSignature
	}
}

// eachWord calls f with each word of l stripped of the punctuation around
// it ("GmbH," → "gmbh", "S.r.l." → "s.r.l") until f returns true, and
// reports whether it did.
func eachWord(l string, f func(string) bool) bool {
	for l != "" {
		w, rest := l, ""
		if i := strings.IndexFunc(l, wordSep); i >= 0 {
			_, n := utf8.DecodeRuneInString(l[i:])
			w, rest = l[:i], l[i+n:]
		}
		l = rest
		if w = strings.Trim(w, ".,;:!?\"'"); w != "" && f(w) {
			return true
		}
	}
	return false
}

func wordSep(r rune) bool {
	return unicode.IsSpace(r) || r == ',' || r == '|' || r == '·' || r == '–' || r == '(' || r == ')' || r == '/'
}

// wordTable is a table of footer words split by how they match a line: a
// whole word, a word ending (an entry "-weg"), or for unspaced scripts a
// substring (Chinese wants hanWant distinct ones, Thai one).
type wordTable struct {
	words    map[string]bool
	suffixes []string
	han      []string
	thai     []string
}

func newWordTable(entries map[string]bool) wordTable {
	t := wordTable{words: map[string]bool{}}
	for w := range entries {
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case isHan(r):
			t.han = append(t.han, w)
		case isThai(r):
			t.thai = append(t.thai, w)
		case r == '-':
			t.suffixes = append(t.suffixes, w[1:])
		default:
			t.words[w] = true
		}
	}
	return t
}

// has reports whether l holds a word of the table.
func (t *wordTable) has(l string, hanWant int) bool {
	if isASCII(l) {
		return t.hasWord(l)
	}
	han := 0
	for _, w := range t.han {
		if strings.Contains(l, w) {
			han++
		}
	}
	if han >= hanWant {
		return true
	}
	for _, w := range t.thai {
		if strings.Contains(l, w) {
			return true
		}
	}
	return t.hasWord(l)
}

// hasWord reports a whole word or word ending of the table in l.
func (t *wordTable) hasWord(l string) bool {
	return eachWord(l, func(w string) bool {
		if t.words[w] {
			return true
		}
		for _, suf := range t.suffixes {
			if len(w) > len(suf) && strings.HasSuffix(w, suf) {
				return true
			}
		}
		return false
	})
}

// isCompanyLine matches a line naming a company: "Acme Glas B.V.",
// "Sinar Kaca Sdn Bhd", "明亮玻璃有限公司".
func (sl *segLexicon) isCompanyLine(l string) bool {
	return wordCount(l) <= 16 && sl.companies.has(l, 1)
}

// isStreetLine matches a street address: a street word and a number
// ("Jl. Kenanga No. 17", "Industriestraße 12", "文心路三段 168 號"; Chinese
// wants two street marks, 路 and 號).
func (sl *segLexicon) isStreetLine(l string) bool {
	return wordCount(l) <= 16 && strings.ContainsAny(l, "0123456789") && sl.streets.has(l, 2)
}

// isNameLine matches a short line with no digits and no sentence end: a
// name or a title ("Pieter de Vries", "Purchasing Manager", "林雅婷 採購部").
func isNameLine(l string) bool {
	if len(l) > 60 || wordCount(l) > 5 || strings.ContainsAny(l, "0123456789?!？！") {
		return false
	}
	if strings.HasSuffix(l, ".") || strings.HasSuffix(l, "。") {
		return wordCount(l) <= 2 // "Ir. Kamal", "Arch." — not a sentence
	}
	return utf8.RuneCountInString(l) <= 40
}

// bodyAbove reports a non-blank line of the buyer's text above line k in
// its stretch: a footer follows some words.
func bodyAbove(lines []string, roles []Role, k int) bool {
	for k--; k >= 0 && isBody(roles[k]); k-- {
		if strings.TrimSpace(lines[k]) != "" {
			return true
		}
	}
	return false
}
