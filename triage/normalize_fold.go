package triage

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// folder holds the folds of the text that need the lexicon's tables:
// traditional Chinese characters to simplified ([normalize.traditional]),
// chat abbreviations per language ([normalize.chat]: pls, tdk, bln, kira2,
// ko, đc) and elongated words ("pleaseee", "urgenttt").
type folder struct {
	trad   map[rune]rune
	chat   map[string]map[string]string // language → abbreviation → standard form
	abbrev map[string]bool              // every abbreviation of any language: one look-up for most words
	known  map[string]bool              // words of the tables: the target of an elongation
	maxAbb int                          // the longest abbreviation, in bytes
	plain  bool                         // strip Vietnamese diacritics too (normalize_vi.go)
}

// han folds the traditional characters of s that the tables know to their
// simplified forms; s itself when there are none.
func (f *folder) han(s string) string {
	if len(f.trad) == 0 || isASCII(s) {
		return s
	}
	var b []byte
	for i, r := range s {
		if r < 0x3400 {
			if b != nil {
				b = utf8.AppendRune(b, r)
			}
			continue
		}
		to, ok := f.trad[r]
		if ok && b == nil {
			b = append(make([]byte, 0, len(s)), s[:i]...)
		}
		if !ok {
			to = r
		}
		if b != nil {
			b = utf8.AppendRune(b, to)
		}
	}
	if b == nil {
		return s
	}
	return string(b)
}

// normalize is the engine's first pass over a message or a table entry:
// normalize, then traditional characters folded.
func (f *folder) normalize(s string) string {
	s = f.han(normalize(s))
	if f.plain {
		s = stripVi(s)
	}
	return s
}

// chatWords rewrites the chat forms of s: each word written as an
// abbreviation of lang, or as one of the forms buyers write in every
// language (common.txt: pls, qty, thx), becomes its standard form, and a letter repeated three times
// or more is written once, or twice when that makes a word of the tables
// ("neeed" → "need", "pleaseee" → "please"). s itself when nothing changes.
func (f *folder) chatWords(s, lang string) string {
	var b strings.Builder
	changed := false
	last := 0
	for i := 0; i < len(s); {
		n, ok := chatRuneAt(s, i)
		if !ok {
			i += n
			continue
		}
		j, run, prev, stretched := i, 0, rune(-1), false
		for j < len(s) {
			r, n2 := utf8.DecodeRuneInString(s[j:])
			if _, ok := chatRuneAt(s, j); !ok {
				break
			}
			if r == prev {
				run++
			} else {
				prev, run = r, 1
			}
			stretched = stretched || run >= 3 && unicode.IsLetter(r)
			j += n2
		}
		w := s[i:j]
		if (len(w) <= f.maxAbb && f.abbrev[w]) || stretched {
			if rep, ok := f.rewrite(w, lang); ok {
				if !changed {
					b.Grow(len(s) + 16)
					changed = true
				}
				b.WriteString(s[last:i])
				b.WriteString(rep)
				last = j
			}
		}
		i = j
	}
	if !changed {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// chatRuneAt reports whether the rune at s[i] belongs to a chat word (a
// letter, a mark, a digit as in kira2 or b4, the slash of "w/"; no Han),
// and its length.
func chatRuneAt(s string, i int) (int, bool) {
	if c := s[i]; c < utf8.RuneSelf {
		return 1, c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '/' || c == '\''
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	return n, isChatRune(r) && !isHan(r)
}

// isChatRune is a rune of a chat word: a letter, a mark, a digit (kira2,
// b4) or the slash of "w/".
func isChatRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || (r >= '0' && r <= '9') || r == '/'
}

// rewrite returns the standard form of one chat word, if it has another.
func (f *folder) rewrite(w, lang string) (string, bool) {
	if len(w) <= f.maxAbb && f.abbrev[w] {
		if rep, ok := f.chat[lang][w]; ok {
			return rep, true
		}
		if rep, ok := f.chat["common"][w]; ok {
			return rep, true
		}
	}
	return f.unstretch(w)
}

// unstretch folds a run of three or more of one letter.
func (f *folder) unstretch(w string) (string, bool) {
	if !hasRun3(w) {
		return "", false
	}
	one, two := collapseRuns(w, 1), collapseRuns(w, 2)
	if f.known[two] && !f.known[one] {
		return two, true
	}
	return one, true
}

// hasRun3 reports a letter written three times or more in a row.
func hasRun3(w string) bool {
	var prev rune
	n := 0
	for _, r := range w {
		if r == prev && unicode.IsLetter(r) {
			n++
			if n >= 3 {
				return true
			}
			continue
		}
		prev, n = r, 1
	}
	return false
}

// collapseRuns writes each run of three or more of one letter keep times.
func collapseRuns(w string, keep int) string {
	var b strings.Builder
	rs := []rune(w)
	for i := 0; i < len(rs); {
		j := i
		for j < len(rs) && rs[j] == rs[i] {
			j++
		}
		n := j - i
		if n >= 3 && unicode.IsLetter(rs[i]) {
			n = keep
		}
		for k := 0; k < n; k++ {
			b.WriteRune(rs[i])
		}
		i = j
	}
	return b.String()
}

// newFolder builds the folds from the lexicon: the traditional characters
// (already read by the loader) and each language's [normalize.chat].
func newFolder(d *lexData) *folder {
	f := &folder{trad: d.trad, chat: map[string]map[string]string{}, abbrev: map[string]bool{}, known: map[string]bool{}}
	for _, e := range d.entries("normalize.chat") {
		if e.value == "" {
			d.fail(e, "wants a standard form: abbreviation = words")
			continue
		}
		if f.chat[e.lang] == nil {
			f.chat[e.lang] = map[string]string{}
		}
		f.chat[e.lang][e.word] = e.value
		f.abbrev[e.word] = true
		f.maxAbb = max(f.maxAbb, len(e.word))
	}
	return f
}

// addKnown collects the words of every table, the targets an elongated
// word may fold to.
func (f *folder) addKnown(d *lexData, lx *lexicon) {
	for _, es := range d.sections {
		for _, e := range es {
			for _, w := range strings.Fields(e.word) {
				f.known[w] = true
			}
		}
	}
	for _, m := range []map[string]bool{lx.orderVerbs, lx.qtyKeys, lx.budgetKey, lx.negations, lx.products, lx.samples} {
		for w := range m {
			f.known[w] = true
		}
	}
	for w := range lx.numWords {
		f.known[w] = true
	}
}
