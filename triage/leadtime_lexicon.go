package triage

import (
	"strings"
	"unicode/utf8"
)

// leadLexicon holds the word tables of the lead-time reader. Every word
// lives in one language's row of a table below, so adding a word in one
// language touches that language's row only.
type leadLexicon struct {
	part      map[string]int  // end/mid/beginning of a month or year: -1, 15, 1
	filler    map[string]bool // "of", "de", "the", "bulan", "เดือน" between a part word and its month
	yearWord  map[string]bool // "year", "año", "năm", 年: "end of the year"
	yearEnd   map[string]bool // one word for the end of the year: Jahresende
	prep      map[string]bool // deadline words before a date: by, before, bis, sebelum, 前
	inPrep    map[string]bool // "in", "en", "im": a deadline only when the goods are named near
	goods     map[string]bool // delivery words: the date is the goods'
	notGoods  map[string]bool // the date is a quote's, a visit's, a reply's: no deadline
	wrote     map[string]bool // "wrote", "schrieb", "menulis": a mail header line
	header    map[string]bool // header labels: "Date:", "Sent:", "Gesendet:"
	after     map[string]bool // deadline words written after the date: 前, 之前
	next      map[string]int  // next month, next year: +1; this month: 0
	quarter   map[string]bool // quarter, Quartal, quý, kuartal, ไตรมาส, 季度
	ordinal   map[string]int  // first … fourth, erstes, troisième, ketiga
	ordSuffix map[string]bool // st nd rd th er e: 3rd, 1er, 3e
	week      map[string]bool // KW, CW: a calendar week number follows
	holidays  phraseTable     // a holiday's name → its key in calendar/holidays.txt
	half      phraseTable     // "and a half", "rưỡi", "setengah", 半
	anaphor   phraseTable     // "by then", "bis dahin", "sebelum itu": the date before is the deadline
	halfYear  phraseTable     // "first half", "primer semestre", 上半年: half 1 or 2 of the year
	// Durations: Chinese classifiers (个月), words before a unit ("working
	// days"), "a"/"one" before one unit, one-word durations (sebulan),
	// and words that make a duration a contract's length ("for 12 months").
	classifier  map[string]bool
	unitPrefix  map[string]bool
	oneArticle  map[string]bool
	oneUnitWord map[string]int
	termFor     map[string]bool
	// The marks of a date in the languages that write them: tháng 6,
	// 6月, 15日, 2027年, 第三季度, Q3, "15 de marzo de 2027".
	monthBefore   map[string]bool
	monthAfter    map[string]bool
	dayAfter      map[string]bool
	yearAfter     map[string]bool
	dateJoin      map[string]bool
	ordPrefix     map[string]bool
	quarterLetter map[string]int // 1: Q3; 2: T3, a quarter only with its year
	// starts holds every word a date form may start with, so the date
	// pass tries its forms only there (and at numbers).
	starts map[string]bool
}

// dateStarts collects the words a date form may start with: month names
// and the first letter of the Thai abbreviations, part, period, next and
// ordinal words, units of a week or a month, holiday names' first tokens,
// Chinese numerals.
func (ll *leadLexicon) dateStarts(lx *lexicon) map[string]bool {
	m := map[string]bool{}
	for w := range lx.months {
		m[w] = true
		if r, n := utf8.DecodeRuneInString(w); isThai(r) {
			m[w[:n]] = true
		}
	}
	for w, d := range lx.durations {
		if d == 7 || d == 30 {
			m[w] = true
		}
	}
	for _, t := range []map[string]bool{ll.yearWord, ll.yearEnd, ll.quarter, ll.week, ll.monthBefore, ll.monthAfter, ll.ordPrefix, ll.holidays.first, ll.halfYear.first} {
		for w := range t {
			m[w] = true
		}
	}
	for _, t := range []map[string]int{ll.part, ll.next, ll.ordinal, ll.quarterLetter} {
		for w := range t {
			m[w] = true
		}
	}
	for w := range lx.hanDigits {
		m[w] = true
	}
	return m
}

// phraseTable holds phrases of one or more tokens, each with a value.
type phraseTable struct {
	words map[string]string // the phrase's tokens joined by a space → value
	first map[string]bool   // the first token of each phrase
	max   int               // the most tokens of a phrase
}

// newPhraseTable stores each entry of m as the tokens cut makes of it.
func newPhraseTable(m map[string]string, cut func(string) []string) phraseTable {
	p := phraseTable{words: map[string]string{}, first: map[string]bool{}}
	for w, v := range m {
		parts := cut(w)
		if len(parts) == 0 {
			continue
		}
		p.words[strings.Join(parts, " ")] = v
		p.first[parts[0]] = true
		p.max = max(p.max, len(parts))
	}
	return p
}

// match returns the value of the longest phrase at toks[i] and its last
// token. A phrase does not run across a line break.
func (p *phraseTable) match(toks []token, i int) (string, int, bool) {
	if i >= len(toks) || !p.first[toks[i].s] {
		return "", 0, false
	}
	// The phrase is built in a stack buffer: a map index by string(b)
	// does not allocate, and this runs at many tokens.
	var buf [128]byte
	for n := min(p.max, len(toks)-i); n >= 1; n-- {
		b := buf[:0]
		for k := i; k < i+n; k++ {
			if k > i {
				if toks[k].nl {
					break
				}
				b = append(b, ' ')
			}
			b = append(b, toks[k].s...)
		}
		if v, ok := p.words[string(b)]; ok {
			return v, i + n - 1, true
		}
	}
	return "", 0, false
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
		classifier: bools("classifier"), unitPrefix: bools("unit_prefix"), oneArticle: bools("one_article"),
		oneUnitWord: ints("one_unit_word"), termFor: bools("term_for"),
		monthBefore: bools("month_before"), monthAfter: bools("month_after"), dayAfter: bools("day_after"),
		yearAfter: bools("year_after"), dateJoin: bools("date_join"), ordPrefix: bools("ordinal_prefix"),
		quarterLetter: ints("quarter_letter"),
	}
	for sec, es := range d.sections {
		if strings.HasPrefix(sec, "leadtime.") {
			for _, e := range es {
				addThaiWord(lx, e.word)
			}
		}
	}
	names, halves, anaphors := map[string]string{}, map[string]string{}, map[string]string{}
	for w := range bools("anaphor") {
		anaphors[w] = "then"
	}
	ll.anaphor = newPhraseTable(anaphors, lx.cut)
	halfYears := map[string]string{}
	d.strs("leadtime.half_year", halfYears)
	ll.halfYear = newPhraseTable(halfYears, lx.cut)
	d.strs("leadtime.holidays", names)
	for w := range bools("half") {
		halves[w] = "half"
	}
	ll.holidays, ll.half = newPhraseTable(names, lx.cut), newPhraseTable(halves, lx.cut)
	ll.starts = ll.dateStarts(lx)
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
