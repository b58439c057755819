package triage

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Vietnamese typed without diacritics ("chung toi muon dat hang") is read
// by a second set of tables in which every entry is folded to its
// diacritic-free key (stripVi); a message is folded the same way and read
// with them. Text written with diacritics keeps the exact tables, where
// "năm" (five, year) is no "Nam" (south).

// stripVi removes the tone and vowel marks of s and writes đ as d: each
// letter becomes the first letter of its canonical decomposition.
func stripVi(s string) string {
	if isASCII(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r < utf8.RuneSelf:
			b = append(b, byte(r))
		case r == 'đ':
			b = append(b, 'd')
		case r == 'Đ':
			b = append(b, 'D')
		case unicode.Is(unicode.Mn, r):
			// a combining mark: dropped
		default:
			if dec := norm.NFD.PropertiesString(s[i:]).Decomposition(); len(dec) > 0 && dec[0] < utf8.RuneSelf {
				b = append(b, dec[0])
			} else {
				b = append(b, s[i:i+n]...)
			}
		}
		i += n
	}
	return string(b)
}

// plainVietnamese reports a text written (almost) without diacritics: at
// most one letter in fifty, and three in all, beyond ASCII.
func plainVietnamese(s string) bool {
	letters, marked := 0, 0
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if r >= 0x80 {
			marked++
		}
	}
	return letters > 0 && marked <= 3 && marked*50 <= letters
}

// newPlainVietnamese builds the engine that reads Vietnamese without
// diacritics: the same rules and texts, every table folded by stripVi.
func (e *Engine) newPlainVietnamese(d *lexData) (*Engine, error) {
	d.foldAll(stripVi)
	p := &Engine{rules: e.rules, lang: e.lang, holidays: e.holidays, texts: e.texts}
	p.lx, p.seg = newTables(d)
	p.lx.fold.plain = true
	p.lx.foldGoTables(stripVi)
	p.corrections = newCorrectionCues(p.seg.corrections, p.lx)
	if err := d.err(); err != nil {
		return nil, fmt.Errorf("diacritic-free tables: %w", err)
	}
	p.grammar = p.lx.grammar
	p.pool.New = e.pool.New
	return p, nil
}

// foldAll rewrites every entry word with fold; of one language's entries
// of one section that fold to one word, the first is kept.
func (d *lexData) foldAll(fold func(string) string) {
	d.folded = true
	for name, es := range d.sections {
		seen := map[string]bool{}
		out := es[:0]
		for _, e := range es {
			e.word = fold(e.word)
			k := e.lang + "\x00" + e.word
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, e)
		}
		d.sections[name] = out
	}
}

// foldGoTables adds the folded key of every entry of the tables still
// written in Go (lexicon.go) to them; the tables of the lexicon files are
// folded as they load. A table that moves to the files leaves this list.
func (lx *lexicon) foldGoTables(fold func(string) string) {
	for _, m := range []map[string]bool{
		lx.samples, lx.products, lx.measures, lx.qtyKeys, lx.attrNouns, lx.orderVerbs, lx.notGoods, lx.budgetKey,
		lx.notLead, lx.trialKeys, lx.moqKeys, lx.negations, lx.perUnit, lx.rangeJoin, lx.itemJoin, lx.codeWords,
		lx.phoneKeys, lx.yearKeys, lx.ago, lx.factoryQ, lx.budgetWords,
	} {
		foldKeys(m, fold)
	}
	foldKeys(lx.units, fold)
	foldKeys(lx.durations, fold)
	foldKeys(lx.months, fold)
	foldKeys(lx.curPre, fold)
	foldKeys(lx.curPost, fold)
	foldKeys(lx.numWords, fold)
	foldKeys(lx.scales, fold)
}

// foldKeys adds fold(k) for each key k of m that it changes and m lacks.
func foldKeys[V any](m map[string]V, fold func(string) string) {
	var add []string
	for k := range m {
		if f := fold(k); f != k {
			if _, ok := m[f]; !ok {
				add = append(add, k)
			}
		}
	}
	for _, k := range add {
		m[fold(k)] = m[k]
	}
}
