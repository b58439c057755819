package triage

import "strings"

// numWordKind says how a number word combines with its neighbours.
type numWordKind uint8

const (
	nwUnit     numWordKind = iota + 1 // adds its value: three, tres, dua, ba
	nwHundred                         // multiplies the current group: hundred, ratus, trăm
	nwScale                           // closes a group: thousand, mil, ribu, nghìn, juta
	nwArticle                         // "a", "un", "se-": one, but only before hundred or a scale
	nwTens                            // multiplies by ten: puluh, mươi
	nwTeen                            // adds ten: belas
	nwJoin                            // and, y, e, et, und: allowed inside a number
	nwScaleOne                        // a scale with its "one" built in: seribu, sejuta
	nwHalf                            // half of the place before it: một trăm rưỡi is 150
)

type numWord struct {
	v    float64
	kind numWordKind
}

// lexicon holds the word tables of the readers. New builds it once; it is
// read-only afterwards.
type lexicon struct {
	numWords   map[string]numWord
	numPieces  []string        // number words usable inside compounds (German, Italian)
	piecePfx   map[string]bool // the first three bytes of each piece
	scales     map[string]float64
	units      map[string]int64 // count nouns; value is the multiplier (12 for dozens)
	samples    map[string]bool
	products   map[string]bool
	durations  map[string]int64 // days per unit
	months     map[string]int
	curPre     map[string]string
	curPost    map[string]string
	dollarPfx  map[string]string // letters written before $: s$, a$, …
	measures   map[string]bool
	qtyKeys    map[string]bool
	attrNouns  map[string]bool // "3 colours", "2 sizes": counts of variants, not of goods
	orderVerbs map[string]bool
	notGoods   map[string]bool // "40 barber shops", "200 rooms": counts of places, people or time, not goods
	budgetKey  map[string]bool
	notLead    map[string]bool
	trialKeys  map[string]bool
	moqKeys    map[string]bool
	negations  map[string]bool
	perUnit    map[string]bool
	rangeJoin  map[string]bool
	itemJoin   map[string]bool
	codeWords  map[string]bool
	phoneKeys  map[string]bool
	yearKeys   map[string]bool
	ago        map[string]bool
	factoryQ   map[string]bool
	thaiWords  map[string]bool
	thaiMax    int
	qt         *qtyTables        // the quantity and money readers' tables
	numOnly    map[string]string // number words that count only in the languages listed
	fold       *folder           // traditional Chinese, chat abbreviations, elongations
	// Chinese and Thai numerals: digits, places (十 百 千, สิบ ร้อย พัน
	// หมื่น แสน) and scales that close a group (万 亿, ล้าน).
	hanDigits   map[string]float64
	hanPlaces   map[string]float64
	hanScales   map[string]float64
	thaiDigits  map[string]float64
	thaiPlaces  map[string]float64
	thaiScales  map[string]float64
	budgetWords map[string]bool
	lead        leadLexicon // the lead-time tables (leadtime_lexicon.go)
	// gapStop lists the words that end a plain description between a
	// possessive and its noun ("your 60x80 oval mirror"): function words,
	// trade words and pronouns. The quantity reader asks it too.
	gapStop map[string]bool
	grammar *grammar // the ownership and supply-chain roles (ownership_marks.go)
}

func set(lists ...string) map[string]bool {
	m := make(map[string]bool)
	for _, l := range lists {
		for _, w := range strings.Split(l, "|") {
			if w = strings.TrimSpace(w); w != "" {
				m[w] = true
			}
		}
	}
	return m
}

// numLangs returns the languages a number word counts in when it is a
// common word of another language ("" for the others): Portuguese "dos"
// (of the) is no Spanish two, Italian "hai" (you have) and "sei" (you are)
// no Vietnamese or Italian number elsewhere, English "due", "once", "Lima".
// The languages come from each file's [number.only_in_language] section.
func (lx *lexicon) numLangs(w string) string { return lx.numOnly[w] }

// newLexicon builds the word tables from the lexicon files in d and the
// tables still kept in Go; d.err reports what the files got wrong.
func newLexicon(d *lexData) *lexicon {
	lx := &lexicon{fold: newFolder(d)}
	lx.addNumbers(d)
	lx.units = map[string]int64{}
	d.ints("quantity.units", lx.units)
	lx.curPre, lx.curPost, lx.dollarPfx = map[string]string{}, map[string]string{}, map[string]string{}
	d.strs("currency.before", lx.curPre)
	d.strs("currency.after", lx.curPost)
	d.strs("currency.dollar_prefix", lx.dollarPfx)
	for _, t := range []struct {
		section string
		m       *map[string]bool
	}{
		{"quantity.samples", &lx.samples}, {"quantity.products", &lx.products}, {"traps.measures", &lx.measures},
		{"quantity.attr_nouns", &lx.attrNouns}, {"quantity.order_verbs", &lx.orderVerbs}, {"quantity.not_goods", &lx.notGoods},
		{"quantity.keys", &lx.qtyKeys}, {"quantity.trial_words", &lx.trialKeys}, {"quantity.moq_words", &lx.moqKeys},
		{"budget.per_unit", &lx.perUnit}, {"number.range_joins", &lx.rangeJoin}, {"quantity.item_joins", &lx.itemJoin},
		{"traps.code_words", &lx.codeWords}, {"traps.phone_keys", &lx.phoneKeys}, {"traps.year_keys", &lx.yearKeys},
		{"budget.factory_words", &lx.factoryQ}, {"budget.words", &lx.budgetWords},
		{"budget.amount_keys", &lx.budgetKey}, {"grammar.gap_stops", &lx.gapStop},
	} {
		*t.m = map[string]bool{}
		d.set(t.section, *t.m)
	}
	// Negations stay in Go for now: the diacritic-free engine folds the
	// files' entries in place, and a chat form expanded to "không" would
	// then find no negation; foldGoTables keeps both forms of these.
	lx.negations = set("not|no|don't|dont|doesn't|didn't|never|without|isn't|aren't|haven't|hasn't|won't|nor|none|neither|sin|nunca|ni|não|nao|sem|pas|sans|aucun|aucune|jamais|non|nicht|kein|keine|keinen|keiner|ohne|nie|tidak|tak|bukan|belum|tanpa|gak|nggak|ga|takde|tiada|không|chưa|chẳng|ko|ไม่|没|没有|不|无|非|未|senza|nessun|nessuna")
	lx.lead = newLeadLexicon(lx, d)
	lx.qt = newQtyTables(d, lx.cut)
	lx.grammar = newGrammar(d, lx)
	return lx
}

// cut tokenizes a table entry as a message is tokenized.
func (lx *lexicon) cut(entry string) []string {
	toks := tokenize(lx.fold.normalize(entry), lx.thaiWords, lx.thaiMax, nil)
	out := make([]string, len(toks))
	for i := range toks {
		out[i] = toks[i].s
	}
	return out
}
