package triage

// numberSections are the lexicon sections of number words, each with the
// way its words combine with their neighbours.
var numberSections = [...]struct {
	section string
	kind    numWordKind
}{
	{"number.units", nwUnit},
	{"number.scale_ones", nwScaleOne},
	{"number.hundreds", nwHundred},
	{"number.scales", nwScale},
	{"number.articles", nwArticle},
	{"number.tens", nwTens},
	{"number.teens", nwTeen},
	{"number.joins", nwJoin},
	{"number.halves", nwHalf},
}

// addNumbers fills the number tables from the lexicon files: number words
// (with their kind), the pieces of compounds, scales after digits, Chinese
// and Thai numerals, and the Thai words the tokenizer cuts.
func (lx *lexicon) addNumbers(d *lexData) {
	lx.numWords = map[string]numWord{}
	for _, ns := range numberSections {
		for _, e := range d.entries(ns.section) {
			v := 1.0
			switch ns.kind {
			case nwArticle, nwJoin:
				if ns.kind == nwJoin {
					v = 0
				}
			default:
				v = d.number(e)
			}
			if old, ok := lx.numWords[e.word]; ok && old.kind != ns.kind {
				if !d.folded { // folding may merge two words: the first stays
					d.fail(e, "is already a number word of another kind")
				}
				continue
			}
			lx.numWords[e.word] = numWord{v, ns.kind}
		}
	}
	pieces := map[string]bool{}
	d.set("number.pieces", pieces)
	lx.piecePfx = map[string]bool{}
	for p := range pieces {
		lx.numPieces = append(lx.numPieces, p)
		if len(p) >= 3 {
			lx.piecePfx[p[:3]] = true
		}
	}
	lx.scales = map[string]float64{}
	d.floats("number.suffix_scales", lx.scales)
	lx.numOnly = d.langsOf("number.only_in_language")
	lx.hanDigits, lx.hanPlaces, lx.hanScales = map[string]float64{}, map[string]float64{}, map[string]float64{}
	d.floats("number.han_digits", lx.hanDigits)
	d.floats("number.han_places", lx.hanPlaces)
	d.floats("number.han_scales", lx.hanScales)
	lx.thaiDigits, lx.thaiPlaces, lx.thaiScales = map[string]float64{}, map[string]float64{}, map[string]float64{}
	d.floats("number.thai_digits", lx.thaiDigits)
	d.floats("number.thai_places", lx.thaiPlaces)
	d.floats("number.thai_scales", lx.thaiScales)
	lx.thaiWords = map[string]bool{}
	d.set("tokens.thai_words", lx.thaiWords)
	for _, w := range grammarThaiWords(d) {
		lx.thaiWords[w] = true // the ownership grammar's Thai words (ownership_marks.go)
	}
	for w := range lx.thaiWords {
		if n := len([]rune(w)); n > lx.thaiMax {
			lx.thaiMax = n
		}
	}
}
