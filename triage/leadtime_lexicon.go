package triage

import (
	"strings"
	"unicode/utf8"
)

// leadLexicon holds the word tables of the lead-time reader. Every word
// lives in one language's row of a table below, so adding a word in one
// language touches that language's row only.
type leadLexicon struct {
	part      map[string]int    // end/mid/beginning of a month or year: -1, 15, 1
	filler    map[string]bool   // "of", "de", "the", "bulan", "เดือน" between a part word and its month
	yearWord  map[string]bool   // "year", "año", "năm", 年: "end of the year"
	yearEnd   map[string]bool   // one word for the end of the year: Jahresende
	prep      map[string]bool   // deadline words before a date: by, before, bis, sebelum, 前
	inPrep    map[string]bool   // "in", "en", "im": a deadline only when the goods are named near
	goods     map[string]bool   // delivery words: the date is the goods'
	notGoods  map[string]bool   // the date is a quote's, a visit's, a reply's: no deadline
	wrote     map[string]bool   // "wrote", "schrieb", "menulis": a mail header line
	header    map[string]bool   // header labels: "Date:", "Sent:", "Gesendet:"
	after     map[string]bool   // deadline words written after the date: 前, 之前
	next      map[string]int    // next month, next year: +1; this month: 0
	quarter   map[string]bool   // quarter, Quartal, quý, kuartal, ไตรมาส, 季度
	ordinal   map[string]int    // first … fourth, erstes, troisième, ketiga
	ordSuffix map[string]bool   // st nd rd th er e: 3rd, 1er, 3e
	week      map[string]bool   // KW, CW: a calendar week number follows
	holidays  map[string]string // a holiday's name (its tokens joined by a space) → its key in the dates file
	holFirst  map[string]bool   // the first token of each holiday name
	holMax    int               // the most tokens of a holiday name
}

// newLeadLexicon builds the lead-time tables from the [leadtime.*]
// sections of the lexicon files, and the month, duration and not-a-lead
// tables the other readers share. Thai words join the tokenizer's word
// list, so "ก่อนสงกรานต์" cuts into ก่อน + สงกรานต์, and each holiday name
// is stored as the tokens the tokenizer makes of it.
func newLeadLexicon(lx *lexicon, d *lexData) leadLexicon {
	ints := func(name string) map[string]int {
		m64 := map[string]int64{}
		d.ints("leadtime."+name, m64)
		m := make(map[string]int, len(m64))
		for w, v := range m64 {
			m[w] = int(v)
		}
		return m
	}
	bools := func(name string) map[string]bool {
		m := map[string]bool{}
		d.set("leadtime."+name, m)
		return m
	}
	lx.months = ints("months")
	lx.durations = map[string]int64{}
	d.ints("leadtime.durations", lx.durations)
	lx.notLead, lx.ago = bools("not_lead"), bools("ago")
	ll := leadLexicon{
		part: ints("part"), filler: bools("filler"), yearWord: bools("year_word"), yearEnd: bools("year_end"),
		prep: bools("prep"), inPrep: bools("in_prep"), goods: bools("goods"), notGoods: bools("not_goods"),
		wrote: bools("wrote"), header: bools("header"), after: bools("after"), next: ints("next"),
		quarter: bools("quarter"), ordinal: ints("ordinal"), ordSuffix: bools("ord_suffix"), week: bools("week"),
		holidays: map[string]string{}, holFirst: map[string]bool{},
	}
	names := map[string]string{}
	d.strs("leadtime.holidays", names)
	for sec, es := range d.sections {
		if strings.HasPrefix(sec, "leadtime.") {
			for _, e := range es {
				addThaiWord(lx, e.word)
			}
		}
	}
	for w, key := range names {
		toks := tokenize(w, lx.thaiWords, lx.thaiMax, nil)
		parts := make([]string, len(toks))
		for i := range toks {
			parts[i] = toks[i].s
		}
		ll.holidays[strings.Join(parts, " ")] = key
		ll.holFirst[parts[0]] = true
		ll.holMax = max(ll.holMax, len(parts))
	}
	return ll
}

// addThaiWord adds w to the tokenizer's Thai words if it is Thai.
func addThaiWord(lx *lexicon, w string) {
	for _, r := range w {
		if isThai(r) {
			lx.thaiWords[w] = true
			lx.thaiMax = max(lx.thaiMax, utf8.RuneCountInString(w))
			return
		}
	}
}
