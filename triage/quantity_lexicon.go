package triage

// qtyTables are the quantity and money tables, merged over the languages.
type qtyTables struct {
	moqHan          *seqTable                  // 起订量: the factory's minimum order
	halves          map[string]bool            // 半, ครึ่ง: half of the place before (ล้านครึ่ง)
	countKeysMulti  *seqTable                  // 数量 and other quantity keys of more than one token
	forWords        map[string]bool            // "for", "para", "pour": a count for a place in a list
	ordinals        map[string]bool            // 第: the number after it is an ordinal (第12页)
	factoryBy       map[string]map[string]bool // lang → the factory's possessives ("your", "anda"): looked up in the message's language
	trialHan        *seqTable                  // 样品, 试单, 打样: a trial before a count
	acceptedHan     *seqTable                  // 接受, 同意, 可以 after an amount: a price someone else named
	budgetMulti     *seqTable                  // 预算, 目标, mục tiêu: budget words of more than one token
	youHan          *seqTable                  // 你们, 贵司: the factory, when 报/的/给 follows
	quotedHan       *seqTable                  // 报价, 报, 接受, 同意 before an amount: the factory's price
	sets            [wordSets]map[string]bool  // the word sets of quantity_words.go
	curWords        *seqTable
	scaleMarket     map[string]map[string]string // lang → scale word → currency
	moneyScale      map[string]bool
	defCur          map[string]string
	priceWords      *seqTable
	totalWords      *seqTable
	targetWords     map[string]bool
	rejected        *seqTable
	acceptedBy      *seqTable
	perDozenW       map[string]bool
	yuanAfterBudget map[string]bool // 块: yuan after a budget word, pieces otherwise
	ofWords         map[string]bool // "of", "de", "di", "da": between a count or price and its noun
	percentWords    *seqTable       // "percent", "persen", "per cent": the number before is a share
	containers      map[string]bool // hq, gp, ft, hc: 40HQ is a container size
	yearMarks       map[string]bool // 年: 2027年 is a year
	scaleAlone      map[string]bool // mil, mille, tausend: one thousand with no number before
	orJoins         map[string]bool // "or", "o", "atau", "或": alternatives, a range only before a count
	andJoins        map[string]bool // "and", "y", "dan": two amounts, a range only after "between"
	sampleWords     *seqTable       // 样品, 个样, mẫu thử: samples written as more than one token
	unitNotCount    *seqTable       // 个月: a unit that starts a duration
	productSuffixes map[string]bool // spiegel: compounds that end in a product noun
	ratings         map[string]bool // IP, IK, CRI, Ra: the number after them is a rating
	numberWords     map[string]bool // "no", "nr", "number": between a code word and its number
	perAfter        map[string]bool // a word after a unit: "โหลละ 900 บาท" is 900 a dozen
	spares          *seqTable
	past            *seqTable
	eachWords       *seqTable
	setUnits        map[string]bool
	contain         *seqTable
	totalAfter      *seqTable
	now             *seqTable       // words of this order: "this time", "năm nay", "รอบนี้"
	addJoins        *seqTable       // "plus", "più", "另外": a count that adds
	spareGlue       *seqTable       // "as", "als", "做": between a count and "spares"
	shareWords      *seqTable       // "each", "cada", "jeweils" after a count: a share per variant
	hedges          *seqTable       // "maybe", "vielleicht", "或者": a larger count that widens the one before
	orderWords      map[string]bool // quantity keys that name the order: "an order of 1,200", not "order: 3"
}

// newQtyTables builds the tables from the lexicon sections; cut tokenizes
// an entry as a message is tokenized.
func newQtyTables(d *lexData, cut func(string) []string) *qtyTables {
	seq := func(section string) *seqTable {
		m := map[string]string{}
		for _, e := range d.entries(section) {
			m[e.word] = e.value
		}
		return newSeqTable(m, cut)
	}
	set := func(section string) map[string]bool {
		m := map[string]bool{}
		for _, e := range d.entries(section) {
			if len(cut(e.word)) != 1 || e.value != "" {
				d.fail(e, "must be one word with no value: ["+section+"] matches single tokens")
				continue
			}
			m[e.word] = true
		}
		return m
	}
	qt := &qtyTables{
		curWords: seq("currency.words"), priceWords: seq("budget.price_words"), rejected: seq("budget.rejected"),
		acceptedBy: seq("budget.accept_before"), spares: seq("quantity.spares"), past: seq("quantity.past"),
		contain: seq("quantity.contain_verbs"), totalAfter: seq("quantity.total_after"), now: seq("quantity.now"),
		addJoins: seq("quantity.add_joins"), orderWords: set("quantity.order_words"), hedges: seq("quantity.hedges"), shareWords: seq("quantity.share_words"), spareGlue: seq("quantity.spare_glue"),
		moneyScale: set("currency.money_scale"), totalWords: seq("budget.total_words"), targetWords: set("budget.target_words"),
		perDozenW: set("budget.per_dozen_words"), perAfter: set("budget.per_after_unit"), ofWords: set("quantity.of_words"), ratings: set("traps.ratings"), sampleWords: seq("quantity.sample_words"), unitNotCount: seq("quantity.unit_not_count"), productSuffixes: set("quantity.product_suffixes"), orJoins: set("number.or_joins"), andJoins: set("number.and_joins"), scaleAlone: set("number.scale_alone"), percentWords: seq("traps.percent_words"), containers: set("traps.containers"), yearMarks: set("traps.year_marks"), numberWords: set("traps.number_words"), yuanAfterBudget: set("currency.yuan_after_budget"), eachWords: seq("quantity.each_words"), setUnits: set("quantity.set_units"),
		scaleMarket: map[string]map[string]string{}, defCur: map[string]string{},
	}
	qt.trialHan, qt.acceptedHan, qt.budgetMulti = seq("quantity.trial_han"), seq("budget.accepted_han"), seq("budget.words_multi")
	qt.youHan, qt.quotedHan = seq("budget.you_han"), seq("budget.quoted_han")
	qt.forWords, qt.ordinals = set("quantity.for_words"), set("traps.ordinal_marks")
	qt.moqHan = seq("quantity.moq_han")
	qt.halves, qt.countKeysMulti = set("number.place_halves"), seq("quantity.count_keys_multi")
	for ws, section := range wordSetSections() {
		qt.sets[ws] = set(section)
	}
	qt.factoryBy = map[string]map[string]bool{}
	for _, e := range d.entries("budget.factory_words") {
		if qt.factoryBy[e.lang] == nil {
			qt.factoryBy[e.lang] = map[string]bool{}
		}
		qt.factoryBy[e.lang][e.word] = true
	}
	for _, e := range d.entries("currency.scale_market") {
		if qt.scaleMarket[e.lang] == nil {
			qt.scaleMarket[e.lang] = map[string]string{}
		}
		qt.scaleMarket[e.lang][e.word] = e.value
	}
	for _, e := range d.entries("currency.default") {
		qt.defCur[e.lang] = e.value
	}
	return qt
}

// factoryWord reports a possessive of the factory in lang ("your", "anda",
// "su"), or in any language when lang is unknown: Spanish "anda" (goes)
// is no Indonesian "you".
func (qt *qtyTables) factoryWord(lang, w string) bool {
	if m, ok := qt.factoryBy[lang]; ok {
		return m[w] || qt.factoryBy["en"][w]
	}
	for _, m := range qt.factoryBy {
		if m[w] {
			return true
		}
	}
	return false
}
