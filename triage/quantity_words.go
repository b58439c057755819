package triage

// wordSet names a lexicon section of single words that a reader asks
// about ("is w a filler word?"); the sets are loaded once, in New.
type wordSet uint8

// The word sets of the quantity, money and trap readers.
const (
	wsAbbrevDots        wordSet = iota // [budget.abbrev_dots]
	wsAcceptAfter                      // [budget.accept_after]
	wsArticles                         // [budget.articles]
	wsMoneyNouns                       // [budget.money_nouns]
	wsNotBudgetWords                   // [budget.not_budget_words]
	wsOwnPayWords                      // [budget.own_pay_words]
	wsPerAfterBefore                   // [budget.per_after_before]
	wsPerBefore                        // [budget.per_before]
	wsPerOne                           // [budget.per_one]
	wsPerUnitAlone                     // [budget.per_unit_alone]
	wsPerUnitLinks                     // [budget.per_unit_links]
	wsPerUnitWords                     // [budget.per_unit_words]
	wsPerWords                         // [budget.per_words]
	wsQuotedHanAfterYou                // [budget.quoted_han_after_you]
	wsQuotedWords                      // [budget.quoted_words]
	wsTermLinks                        // [budget.term_links]
	wsTermUs                           // [budget.term_us]
	wsThanksFirst                      // [budget.thanks_first]
	wsBetweenWords                     // [number.between_words]
	wsAndWords                         // [quantity.and_words]
	wsCountKeys                        // [quantity.count_keys]
	wsFillers                          // [quantity.fillers]
	wsItemIn                           // [quantity.item_in]
	wsItemLinks                        // [quantity.item_links]
	wsKeyFillers                       // [quantity.key_fillers]
	wsMinBounds                        // [quantity.min_bounds]
	wsModelOrSample                    // [quantity.model_or_sample]
	wsMoqAccepted                      // [quantity.moq_accepted]
	wsOrWords                          // [quantity.or_words]
	wsOrderOf                          // [quantity.order_of]
	wsPackUnits                        // [quantity.pack_units]
	wsPackingUnits                     // [quantity.packing_units]
	wsPluralKeys                       // [quantity.plural_keys]
	wsPriceAskWords                    // [quantity.price_ask_words]
	wsRateAdverbs                      // [quantity.rate_adverbs]
	wsRatePerWords                     // [quantity.rate_per_words]
	wsRatePeriods                      // [quantity.rate_periods]
	wsSampleLinks                      // [quantity.sample_links]
	wsSampleVerbsVi                    // [quantity.sample_verbs_vi]
	wsSetOfWords                       // [quantity.set_of_words]
	wsThemWords                        // [quantity.them_words]
	wsTotalAfterWords                  // [quantity.total_after_words]
	wsTotalBefore                      // [quantity.total_before]
	wsTrialOrderWords                  // [quantity.trial_order_words]
	wsTrialStops                       // [quantity.trial_stops]
	wsWeakFollowers                    // [quantity.weak_followers]
	wsListItemWords                    // [traps.list_item_words]
	wsNotCodePrefixes                  // [traps.not_code_prefixes]
	wordSets
)

// wordSetSections are the lexicon sections of the word sets, by wordSet.
func wordSetSections() [wordSets]string {
	return [wordSets]string{
		wsAbbrevDots:        "budget.abbrev_dots",
		wsAcceptAfter:       "budget.accept_after",
		wsArticles:          "budget.articles",
		wsMoneyNouns:        "budget.money_nouns",
		wsNotBudgetWords:    "budget.not_budget_words",
		wsOwnPayWords:       "budget.own_pay_words",
		wsPerAfterBefore:    "budget.per_after_before",
		wsPerBefore:         "budget.per_before",
		wsPerOne:            "budget.per_one",
		wsPerUnitAlone:      "budget.per_unit_alone",
		wsPerUnitLinks:      "budget.per_unit_links",
		wsPerUnitWords:      "budget.per_unit_words",
		wsPerWords:          "budget.per_words",
		wsQuotedHanAfterYou: "budget.quoted_han_after_you",
		wsQuotedWords:       "budget.quoted_words",
		wsTermLinks:         "budget.term_links",
		wsTermUs:            "budget.term_us",
		wsThanksFirst:       "budget.thanks_first",
		wsBetweenWords:      "number.between_words",
		wsAndWords:          "quantity.and_words",
		wsCountKeys:         "quantity.count_keys",
		wsFillers:           "quantity.fillers",
		wsItemIn:            "quantity.item_in",
		wsItemLinks:         "quantity.item_links",
		wsKeyFillers:        "quantity.key_fillers",
		wsMinBounds:         "quantity.min_bounds",
		wsModelOrSample:     "quantity.model_or_sample",
		wsMoqAccepted:       "quantity.moq_accepted",
		wsOrWords:           "quantity.or_words",
		wsOrderOf:           "quantity.order_of",
		wsPackUnits:         "quantity.pack_units",
		wsPackingUnits:      "quantity.packing_units",
		wsPluralKeys:        "quantity.plural_keys",
		wsPriceAskWords:     "quantity.price_ask_words",
		wsRateAdverbs:       "quantity.rate_adverbs",
		wsRatePerWords:      "quantity.rate_per_words",
		wsRatePeriods:       "quantity.rate_periods",
		wsSampleLinks:       "quantity.sample_links",
		wsSampleVerbsVi:     "quantity.sample_verbs_vi",
		wsSetOfWords:        "quantity.set_of_words",
		wsThemWords:         "quantity.them_words",
		wsTotalAfterWords:   "quantity.total_after_words",
		wsTotalBefore:       "quantity.total_before",
		wsTrialOrderWords:   "quantity.trial_order_words",
		wsTrialStops:        "quantity.trial_stops",
		wsWeakFollowers:     "quantity.weak_followers",
		wsListItemWords:     "traps.list_item_words",
		wsNotCodePrefixes:   "traps.not_code_prefixes",
	}
}

// in reports whether w is a word of the set ws.
func (qt *qtyTables) in(ws wordSet, w string) bool { return qt.sets[ws][w] }
