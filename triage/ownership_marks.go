package triage

import (
	"strings"
)

// role is what a word plays in the ownership relation; a word may play
// several ("design" is a thing and a verb).
type role uint64

const (
	rBuyerParty role = 1 << iota
	rBuyerSubj
	rAgent
	rFactoryParty
	rFactorySubj
	rOwn
	rDesign
	rDesignStrong
	rProduct
	rProductStrong
	rStock
	rVerb
	rBring
	rDesigned
	rLink
	rChoice
	rInterest
	rRequest
	rContrast
	rForUs
	rQuestion
	rLogo
	rLogoVerb
	rFixedBuyer
	rFixedFactory
	rRef
	rSCFull
	rSCSource
	rSCMaterial
	rSCSourceStage
	rSCPack
	rSCShip
	rSCStore
	rSCSelf
	rStockPre  // a stock adjective that stands only before its noun: ready designs
	rPartyNoun // the factory named by a noun: factory design, model pabrik
	rInfoLabel // a label of information, not a brand: EAN labels
	rSCTitle   // a job title around a stage noun: Sourcing Lead
	rWh        // a question word that asks what: what, which, apa, 什么
	rCopula    // is, are, somos, 是: "we are a brand"
	rGoods     // the goods themselves (mirror, lamp): from the shared lexicon
)

// sectionRoles maps each lexicon section of the grammar to its role.
func sectionRoles() map[string]role {
	return map[string]role{
		"ownership.buyer_party":     rBuyerParty,
		"ownership.buyer_subject":   rBuyerSubj,
		"ownership.buyer_agent":     rAgent,
		"ownership.factory_party":   rFactoryParty,
		"ownership.factory_subject": rFactorySubj,
		"ownership.factory_noun":    rFactoryParty | rPartyNoun,
		"ownership.own":             rOwn,
		"ownership.design_thing":    rDesign,
		"ownership.design_strong":   rDesign | rDesignStrong,
		"ownership.product_thing":   rProduct,
		"ownership.product_strong":  rProduct | rProductStrong,
		"ownership.stock_adj":       rStock,
		"ownership.stock_pre":       rStockPre,
		"ownership.verb":            rVerb,
		"ownership.bring_verb":      rBring,
		"ownership.designed":        rDesigned,
		"ownership.link":            rLink,
		"ownership.choice_verb":     rChoice,
		"ownership.interest":        rInterest,
		"ownership.request":         rRequest,
		"ownership.contrast":        rContrast,
		"ownership.for_us":          rForUs,
		"ownership.question":        rQuestion,
		"ownership.logo":            rLogo,
		"ownership.logo_verb":       rLogoVerb,
		"ownership.fixed_buyer":     rFixedBuyer,
		"ownership.fixed_factory":   rFixedFactory,
		"ownership.ref_word":        rRef,
		"supply.full":               rSCFull,
		"supply.source":             rSCSource,
		"supply.material":           rSCMaterial,
		"supply.source_stage":       rSCSourceStage,
		"supply.pack":               rSCPack,
		"supply.ship":               rSCShip,
		"supply.store":              rSCStore,
		"supply.self":               rSCSelf,
		"supply.title":              rSCTitle,
		"ownership.info_label":      rInfoLabel,
		"ownership.wh_word":         rWh,
		"ownership.copula":          rCopula,
		"ownership.goods":           rGoods,
	}
}

// Role groups the reader asks about.
const (
	rParty   = rBuyerParty | rBuyerSubj | rAgent | rFactoryParty | rFactorySubj
	rThing   = rDesign | rProduct | rLogo | rDesigned | rFixedBuyer | rFixedFactory
	rAnyVerb = rVerb | rBring | rChoice | rDesigned
)

// anyLanguage are the roles whose words are read in a message of any
// language: a logo put on a product, the fixed words, the strong things.
// They are seldom another language's common word, and a message whose
// language is misread ("in logo shop" typed without diacritics) keeps them.
const anyLanguage = rLogo | rLogoVerb | rFixedBuyer | rFixedFactory | rDesignStrong | rProductStrong | rSCFull | rSCSourceStage

// grammar holds the compiled word tables: one-token entries by token, and
// entries of several tokens by their first token, each with the languages
// it belongs to, so that French "plans" is no English plan and Spanish
// "su" no Italian preposition.
type grammar struct {
	words map[string]grammarWord
}

// grammarWord is what the tables know of one token: its one-token
// entries and the entries of several tokens it begins. Both sit under one
// key because the grammar asks for both at every token of every message.
type grammarWord struct {
	single []langRole
	multi  []multiEntry
}

// rolesIn returns the roles of the one-token entries in langs.
func (gw grammarWord) rolesIn(langs langMask) role {
	var r role
	for _, lr := range gw.single {
		if lr.langs&langs != 0 {
			r |= lr.r
		}
	}
	return r
}

// langMask is a set of languages, one bit each.
type langMask uint16

type langRole struct {
	langs langMask
	r     role
}

type multiEntry struct {
	toks  []string
	langs langMask
	r     role
}

// grammarLangs are the languages of the tables, in bit order.
func grammarLangs() []string {
	return []string{"en", "es", "pt", "fr", "de", "it", "zh", "id", "ms", "vi", "th"}
}

// readLangs returns the tables a message in lang is read with: its own, a
// close neighbour's (Malay and Indonesian, Spanish and Portuguese), the
// English words buyers mix into every language, and the scripts that
// cannot be mistaken (Chinese, Thai).
func readLangs(lang string) langMask {
	bit := func(l string) langMask {
		for i, x := range grammarLangs() {
			if x == l {
				return 1 << i
			}
		}
		return 0
	}
	m := bit(lang) | bit("en") | bit("zh") | bit("th")
	switch lang {
	case "id", "ms":
		m |= bit("id") | bit("ms")
	case "es", "pt":
		m |= bit("es") | bit("pt")
	case "":
		m = ^langMask(0)
	}
	return m
}

// newGrammar compiles the ownership and supply-chain sections of the
// lexicon files. Their Thai entries are Thai token words already (see
// grammarThaiWords), so the tokenizer cuts them out of unspaced text whole.
func newGrammar(d *lexData, lx *lexicon) *grammar {
	langBit := map[string]langMask{}
	for i, l := range grammarLangs() {
		langBit[l] = 1 << i
	}
	g := &grammar{words: map[string]grammarWord{}}
	for sec, r := range sectionRoles() {
		for _, en := range d.entries(sec) {
			langs, ok := langBit[en.lang]
			if !ok {
				d.fail(en, "is in a file of no reading language")
				continue
			}
			if r&anyLanguage != 0 {
				langs = ^langMask(0)
			}
			g.add(lx, en.word, langs, r)
		}
	}
	for w := range lx.products {
		gw := g.words[w]
		gw.single = append(gw.single, langRole{^langMask(0), rGoods})
		g.words[w] = gw
	}

	return g
}

// grammarThaiWords returns the Thai entries of the ownership and supply
// tables, for the tokenizer's Thai word list. It does not mark the
// sections taken: newGrammar does.
func grammarThaiWords(d *lexData) []string {
	var out []string
	for sec := range sectionRoles() {
		for _, en := range d.sections[sec] {
			for _, f := range strings.Fields(en.word) {
				if strings.ContainsFunc(f, isThai) && !strings.ContainsFunc(f, func(r rune) bool { return !isThai(r) }) {
					out = append(out, f)
				}
			}
		}
	}
	return out
}

func (g *grammar) add(lx *lexicon, w string, langs langMask, r role) {
	var ts []string
	for _, t := range tokenize(w, lx.thaiWords, lx.thaiMax, nil) {
		ts = append(ts, t.s)
	}
	if len(ts) == 0 {
		return
	}
	gw := g.words[ts[0]]
	if len(ts) == 1 {
		gw.single = append(gw.single, langRole{langs, r})
	} else {
		gw.multi = append(gw.multi, multiEntry{toks: ts, langs: langs, r: r})
	}
	g.words[ts[0]] = gw
}

// mark is a word or phrase of the tables found in a message.
type mark struct {
	r        role
	i, end   int // token span
	sent     int // sentence: . ! ? ; and line breaks end one
	part     int // clause: commas, colons and brackets end one too
	question bool
}

// findMarks returns the table words of toks, leftmost-longest.
func (g *grammar) findMarks(toks []token, langs langMask, out []mark) []mark {
	sent, part := 0, 0
	for i := 0; i < len(toks); {
		t := &toks[i]
		if t.nl && i > 0 {
			sent++
			part++
		}
		if t.isBreak() {
			part++
			if isSentenceEnd(t.s) {
				sent++
			}
			i++
			continue
		}
		end, r := g.matchAt(toks, i, langs)
		if r == 0 && len(out) > 0 && out[len(out)-1].end == i && out[len(out)-1].r&(rBuyerParty|rFactoryParty|rOwn) != 0 {
			r = g.typo(t.s, langs) // "our own drwaings": a thing misspelt after its possessor
		}
		if r != 0 {
			out = append(out, mark{r: r, i: i, end: end, sent: sent, part: part})
		}
		i = end
	}
	markQuestions(toks, out)
	return out
}

func isSentenceEnd(s string) bool {
	switch s {
	case ".", "!", "?", ";", "！", "？", "；":
		return true
	}
	return false
}

// matchAt returns the end and roles of the longest entry at toks[i]; a
// token no table knows gives (i+1, 0).
func (g *grammar) matchAt(toks []token, i int, langs langMask) (int, role) {
	var best role
	gw := g.words[toks[i].s] // one lookup for the word and the phrases it begins
	if k := toks[i].kind; k == kWord || k == kHan || k == kThai {
		best = g.lookupIn(toks[i].s, gw, langs)
	} else {
		best = gw.rolesIn(langs) // digits and marks: no plural or compound to fold
	}
	bestEnd := i + 1
	for _, m := range gw.multi {
		if m.langs&langs == 0 {
			continue
		}
		if end := i + len(m.toks); end > bestEnd && matchToks(toks, i, m.toks) {
			bestEnd, best = end, m.r
		} else if end == bestEnd && end > i+1 && matchToks(toks, i, m.toks) {
			best |= m.r // one phrase in two tables: "private label" is a choice and a fixed word
		}
	}
	return bestEnd, best
}

func matchToks(toks []token, i int, want []string) bool {
	if i+len(want) > len(toks) {
		return false
	}
	for k, w := range want {
		if toks[i+k].s != w || k > 0 && toks[i+k].nl {
			return false
		}
	}
	return true
}

// lookup finds one token, folding a plural "-s" and the Malay and
// Indonesian "-nya" (desainnya: the design) onto their stems.
func (g *grammar) lookup(w string, langs langMask) role {
	return g.lookupIn(w, g.words[w], langs)
}

// lookupIn is lookup with the token's own entries already looked up.
func (g *grammar) lookupIn(w string, gw grammarWord, langs langMask) role {
	if r := gw.rolesIn(langs); r != 0 {
		return r
	}
	const nouns = rThing | rAgent | rSCMaterial | rProductStrong | rDesignStrong | rGoods
	switch {
	case strings.HasSuffix(w, "'s"):
		// the architect's drawings, client's spec
		return g.roles(w[:len(w)-2], langs) & (nouns | rParty)
	case strings.IndexByte(w, '\'') > 0:
		// elided articles: l'architecte, dell'arredatore, l'emballage
		const stages = rSCSource | rSCSourceStage | rSCPack | rSCShip | rSCStore
		return g.roles(w[strings.IndexByte(w, '\'')+1:], langs) & (nouns | stages)
	case len(w) > 4 && strings.HasSuffix(w, "s"):
		return g.roles(w[:len(w)-1], langs) & nouns
	case len(w) > 6 && strings.HasSuffix(w, "nya"):
		return g.roles(w[:len(w)-3], langs) & nouns
	case len(w) >= 9 && langs&germanBit != 0 && langs != ^langMask(0):
		return g.compoundHead(w, langs)
	}
	return 0
}

// germanBit is German's bit in grammarLangs.
const germanBit langMask = 1 << 4

// compoundHead reads a German compound by its head, the longest table
// noun it ends with: Montageplänen is plans, Katalogmodell a model.
func (g *grammar) compoundHead(w string, langs langMask) role {
	const nouns = rDesign | rDesignStrong | rProduct | rProductStrong | rAgent
	for k := 3; k+4 <= len(w); k++ {
		if w[k]&0xC0 == 0x80 {
			continue // inside a rune
		}
		if r := g.roles(w[k:], langs) & nouns; r != 0 {
			return r
		}
	}
	return 0
}

// typo returns the thing roles of w read with two neighbouring letters
// swapped ("desgin", "drawnigs"); only words of five letters or more.
func (g *grammar) typo(w string, langs langMask) role {
	if len(w) < 5 || len(w) > 24 {
		return 0
	}
	var buf [24]byte
	for k := 0; k+1 < len(w); k++ {
		if w[k] >= 0x80 || w[k+1] >= 0x80 || w[k] == w[k+1] {
			continue
		}
		copy(buf[:], w)
		buf[k], buf[k+1] = buf[k+1], buf[k]
		if r := g.roles(string(buf[:len(w)]), langs) & (rDesign | rProduct); r != 0 {
			return r
		}
	}
	return 0
}

func (g *grammar) roles(w string, langs langMask) role {
	return g.words[w].rolesIn(langs)
}

// markQuestions flags the marks of sentences that ask: a "?" ends them or
// a question particle (吗, ไหม) is in them.
func markQuestions(toks []token, ms []mark) {
	for a := 0; a < len(ms); {
		b := a
		for b < len(ms) && ms[b].sent == ms[a].sent {
			b++
		}
		q := false
		for k := a; k < b; k++ {
			q = q || ms[k].r&rQuestion != 0
		}
		// the token that ends the sentence of ms[b-1]
		for k := ms[b-1].end; !q && k < len(toks) && k < ms[b-1].end+64; k++ {
			if toks[k].nl && k > ms[b-1].end {
				break
			}
			if toks[k].s == "?" || toks[k].s == "？" {
				q = true
			}
			if isSentenceEnd(toks[k].s) {
				break
			}
		}
		for k := a; k < b; k++ {
			ms[k].question = q
		}
		a = b
	}
}
