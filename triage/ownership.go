package triage

import (
	"strings"
	"unicode/utf8"
)

// Design ownership is read as a relation, clause by clause: a thing (a
// design thing such as drawings or a spec, a product thing such as a model
// or the catalogue, the goods, a logo) bound to a possessor on the
// buyer's side (we, our, our architect, the end client) or the factory's
// (your, the factory's, polite "you" forms), through a possessive on
// either side of it, a link ("the drawings come from our architect", "los
// planos son nuestros", "设计是我们的"), or a subject and a verb ("we will
// send drawings"). Negation over the clause flips it; what follows a
// contrast word weighs double; a question about the factory's products or
// mere interest in them chooses nothing. The words are in ownershipWords.

// cueKind is what a hit says.
type cueKind uint8

const (
	cueBuyer   cueKind = iota + 1 // the buyer brings the design
	cueFactory                    // the buyer takes the factory's design
	cueLogo                       // a logo or brand on a product: leans factory, never flips
)

// cueHit is one reading of a thing in a clause.
type cueHit struct {
	kind    cueKind
	weight  float64
	negated bool
}

// side is who a thing belongs to.
type side uint8

const (
	sideNone side = iota
	sideBuyer
	sideFactory
)

// binding is the possessor found for a thing.
type binding struct {
	side   side
	at     int  // index of the possessor's mark, -1 when none
	dist   int  // tokens between the thing and the possessor
	linked bool // bound through a link word after the thing: "of your", "son nuestros"
}

// ownScan is the working state of one ownership read.
type ownScan struct {
	toks  []token
	ms    []mark
	lang  string
	sents []sentFlags
}

// sentFlags are what a sentence says as a whole.
type sentFlags struct {
	choice, interest, number, logo, wh bool
	contrastAt                         int // token index of the first contrast word, -1 when none
}

// readOwnership reads the owner of the design and the supply-chain wish
// of toks (the buyer's own text, tokenized, with numbers already read).
func (e *Engine) readOwnership(toks []token, lang string) (Ownership, bool) {
	// The marks and sentence flags of a message fit in stack buffers
	// (append goes to the heap beyond them). They are filled before the
	// scan is built: a store through its pointer would move them to the
	// heap.
	var markBuf [32]mark
	var sentBuf [16]sentFlags
	ms := e.grammar.findMarks(toks, readLangs(lang), markBuf[:0])
	sents := sentenceFlags(toks, ms, e.grammar, readLangs(lang), e.lx.units, e.lx.products, sentBuf[:0])
	s := &ownScan{toks: toks, lang: lang, ms: ms, sents: sents}
	var score float64
	for j := range s.ms {
		if h, ok := e.thingHit(s, j); ok {
			score += h.score()
		}
	}
	score += e.codeScore(s)
	own := OwnerUnknown
	switch {
	case score >= 1:
		own = OwnerBuyer
	case score <= -1:
		own = OwnerFactory
	}
	return own, e.supplyChain(s)
}

// score is the hit's pull: positive to the buyer, negative to the factory.
// A negated cue pulls the other way, a little less.
func (h cueHit) score() float64 {
	switch {
	case h.kind == cueLogo && h.negated:
		return 0
	case h.kind == cueLogo:
		return -h.weight
	case h.kind == cueBuyer && h.negated, h.kind == cueFactory && !h.negated:
		w := h.weight
		if h.negated {
			w *= 0.8
		}
		return -w
	default:
		w := h.weight
		if h.negated {
			w *= 0.8
		}
		return w
	}
}

// sentenceFlags computes the flags of each sentence that has marks.
// fl is a buffer to fill, of any length.
func sentenceFlags(toks []token, ms []mark, g *grammar, langs langMask, units map[string]int64, goods map[string]bool, fl []sentFlags) []sentFlags {
	n := 0
	if len(ms) > 0 {
		n = ms[len(ms)-1].sent + 1
	}
	fl = fl[:0]
	for range n {
		fl = append(fl, sentFlags{contrastAt: -1})
	}
	for _, m := range ms {
		f := &fl[m.sent]
		f.choice = f.choice || m.r&rChoice != 0
		f.interest = f.interest || m.r&rInterest != 0
		f.logo = f.logo || m.r&rLogo != 0
		f.wh = f.wh || m.r&rWh != 0
		if m.r&rContrast != 0 && f.contrastAt < 0 {
			f.contrastAt = m.i
		}
	}
	// an untrapped number in a sentence with the factory's product is an
	// order of it: "can you ship 1,200 pcs of your 60x90 mirror?"
	sent := 0
	for i := range toks {
		t := &toks[i]
		if t.nl && i > 0 {
			sent++
		}
		if sent >= n {
			break
		}
		if t.kind == kNum && !t.trap && (countedAfter(toks, i, units, goods) || g.partyAfter(toks, i, langs)) {
			fl[sent].number = true
		}
		if t.isBreak() && isSentenceEnd(t.s) {
			sent++
		}
	}
	return fl
}

// countedAfter reports a count noun or the goods within four tokens after
// the number at toks[i]: "1,200 pcs", "300 mirrors", "250 de sus espejos".
func countedAfter(toks []token, i int, units map[string]int64, goods map[string]bool) bool {
	for k := i + 1; k < len(toks) && k <= i+4; k++ {
		if units[toks[k].s] > 0 || goods[toks[k].s] {
			return true
		}
		if toks[k].isBreak() {
			return false
		}
	}
	return false
}

// partyAfter reports the factory's party within two tokens after the
// number at toks[i]: "400 of your …", "250 de sus …", "400 dei vostri …".
func (g *grammar) partyAfter(toks []token, i int, langs langMask) bool {
	for k := i + 1; k < len(toks) && k <= i+2; k++ {
		if toks[k].isBreak() {
			return false
		}
		if g.lookup(toks[k].s, langs)&rFactoryParty != 0 {
			return true
		}
	}
	return false
}

// thingHit reads the thing at mark j, if it is one.
func (e *Engine) thingHit(s *ownScan, j int) (cueHit, bool) {
	m := &s.ms[j]
	if m.r&(rThing|rStock|rGoods) == 0 || e.currencyUse(s.toks, m) || infinitiveAfter(s.toks, m) {
		return cueHit{}, false
	}
	if m.r&rThing == 0 && j+1 < len(s.ms) && s.ms[j+1].i == m.end && s.ms[j+1].r&(rProduct|rDesign) != 0 {
		return cueHit{}, false // "your mirror line", "mirror design": the head noun after it reads
	}
	b := bind(s, j)
	var h cueHit
	asked := m.r&rFixedFactory != 0 // a choice in itself: private label, white label
	switch {
	case m.r&rFixedFactory != 0:
		h = cueHit{kind: cueFactory, weight: 2}
	case designVerb(s, j) && forUsAfter(s, j):
		h, asked = cueHit{kind: cueFactory, weight: 2}, true // design work the factory does for the buyer
	case m.r&(rDesign|rFixedBuyer) != 0 && b.side != sideBuyer && stockNear(s, j):
		h, b = cueHit{kind: cueFactory, weight: 2}, binding{side: sideFactory, at: -1}
	case m.r&(rDesign|rFixedBuyer|rDesigned) != 0:
		h = designHit(s, j, b)
	case m.r&(rProduct|rGoods) != 0, m.r&rStock != 0 && m.r&rThing == 0:
		h = productHit(s, j, b)
	case m.r&rLogo != 0:
		h = logoHit(s, j, b)
	}
	if h.kind == 0 {
		return h, false
	}
	// the drawings of the factory's product ("CAD files of your best
	// seller") ask for that product even in a question
	linkedDesign := m.r&rDesign != 0 && b.linked
	if h.kind == cueFactory && !asked && b.side != sideBuyer && !linkedDesign && !factoryChoice(s, j, b) {
		return h, false
	}
	h.negated = e.negated(s, j, b)
	if f := s.sents[m.sent]; f.contrastAt >= 0 && f.contrastAt < m.i {
		h.weight *= 2 // "… so we will use our drawings": the switch wins
	}
	return h, true
}

// designHit reads a design thing: the buyer's when a party of theirs binds
// it, the factory's when the factory's does, the buyer's unbound when it
// is a strong one (CAD files, a patent) or brought with a verb
// ("drawing attached").
func designHit(s *ownScan, j int, b binding) cueHit {
	m := &s.ms[j]
	switch b.side {
	case sideBuyer:
		return cueHit{kind: cueBuyer, weight: 3}
	case sideFactory:
		if m.question && !b.linked {
			return cueHit{} // "is your design patented?"
		}
		return cueHit{kind: cueFactory, weight: 2}
	}
	if m.question || factoryInPart(s, j) {
		return cueHit{}
	}
	if m.r&(rDesignStrong|rFixedBuyer) != 0 || m.r&rDesign != 0 && bringNear(s, j) {
		return cueHit{kind: cueBuyer, weight: 3}
	}
	return cueHit{}
}

// productHit reads a product thing or the goods: the factory's when its
// party binds them or they are the catalogue or a stock item; the buyer's
// only when called their own ("our own model").
func productHit(s *ownScan, j int, b binding) cueHit {
	m := &s.ms[j]
	switch b.side {
	case sideFactory:
		return cueHit{kind: cueFactory, weight: 2}
	case sideBuyer:
		if m.r&rGoods == 0 && (ownNear(s, j) || stockNear(s, j)) {
			return cueHit{kind: cueBuyer, weight: 3}
		}
		return cueHit{}
	}
	if m.r&rProductStrong != 0 || m.r&rProduct != 0 && stockNear(s, j) {
		return cueHit{kind: cueFactory, weight: 2}
	}
	return cueHit{}
}

// logoHit reads a logo or brand put on a product.
func logoHit(s *ownScan, j int, b binding) cueHit {
	if b.side == sideFactory || s.before(j, 1, rInfoLabel) {
		return cueHit{} // "your logo", "our EAN labels"
	}
	if b.side == sideBuyer && b.at < j && s.between(b.at, j, rCopula) {
		return cueHit{} // "we are a Taiwanese brand": the buyer, no logo on a product
	}
	if s.ms[j].question && b.side != sideBuyer && s.sents[s.ms[j].sent].wh {
		return cueHit{} // "which brand is the glass?"
	}
	if s.before(j, 3, rSCPack) {
		return cueHit{} // "packaging with our brand": the box's, not the product's
	}
	if b.side == sideBuyer || s.before(j, 3, rLogoVerb) || s.after(j, 1, rLogoVerb) {
		return cueHit{kind: cueLogo, weight: 1.5}
	}
	return cueHit{}
}

// factoryChoice reports that the buyer chooses the factory's thing at j:
// not a question about it, not mere interest, not a request for it ("send
// your catalogue"), unless a choice verb or an ordered quantity says so.
func factoryChoice(s *ownScan, j int, b binding) bool {
	m := &s.ms[j]
	f := s.sents[m.sent]
	if f.choice || f.number {
		return true
	}
	if m.r&rGoods != 0 && m.r&rProduct == 0 {
		return f.logo // the goods themselves: only ordered, counted or branded
	}
	if m.question || f.interest {
		return false
	}
	from := j
	if b.at >= 0 && b.at < j {
		from = b.at
	}
	return !s.before(from, 3, rRequest)
}

// before reports a mark with role r within n tokens before mark j, in its clause.
func (s *ownScan) before(j, n int, r role) bool {
	m := &s.ms[j]
	for k := j - 1; k >= 0; k-- {
		p := &s.ms[k]
		if p.part != m.part || m.i-p.end > n {
			return false
		}
		if p.r&r != 0 {
			return true
		}
	}
	return false
}

// between reports a mark with role r strictly between marks a and b.
func (s *ownScan) between(a, b int, r role) bool {
	for k := a + 1; k < b; k++ {
		if s.ms[k].r&r != 0 {
			return true
		}
	}
	return false
}

// after reports a mark with role r within n tokens after mark j, in its clause.
func (s *ownScan) after(j, n int, r role) bool {
	m := &s.ms[j]
	for k := j + 1; k < len(s.ms); k++ {
		p := &s.ms[k]
		if p.part != m.part || p.i-m.end > n {
			return false
		}
		if p.r&r != 0 {
			return true
		}
	}
	return false
}

// near reports a mark with role r within n tokens of mark j, either side,
// in its clause.
func (s *ownScan) near(j, n int, r role) bool {
	return s.before(j, n, r) || s.after(j, n, r)
}

func ownNear(s *ownScan, j int) bool   { return s.near(j, 2, rOwn) }
func stockNear(s *ownScan, j int) bool { return s.near(j, 2, rStock) || s.before(j, 2, rStockPre) }
func bringNear(s *ownScan, j int) bool { return s.near(j, 4, rBring) }

// factoryInPart reports a factory party in the clause of mark j.
func factoryInPart(s *ownScan, j int) bool {
	return s.near(j, 8, rFactoryParty)
}

// forUsAfter reports "for us" after a design verb in its clause: "design
// it for us", "design a pill mirror for us".
func forUsAfter(s *ownScan, j int) bool {
	return s.after(j, 5, rForUs)
}

// infinitiveAfter reports an English thing noun used as a verb before
// "to": "we have plans to open two hotels" names no plans of a mirror.
func infinitiveAfter(toks []token, m *mark) bool {
	return m.end < len(toks) && toks[m.end].s == "to" && toks[m.end].kind == kWord && m.end+1 < len(toks) && toks[m.end+1].kind == kWord
}

// currencyUse reports a thing word that is here a currency code next to an
// amount: "Budget CAD 50,000" names no CAD file.
func (e *Engine) currencyUse(toks []token, m *mark) bool {
	if m.end-m.i != 1 || e.lx.curPre[toks[m.i].s] == "" {
		return false
	}
	return m.end < len(toks) && toks[m.end].kind == kNum || m.i > 0 && toks[m.i-1].kind == kNum
}

// window is how many tokens a possessor may stand from its thing: more
// for Chinese, where each character is a token.
func window(t *token) int {
	if t.kind == kHan {
		return 7
	}
	return 5
}

// bind finds the possessor of the thing at mark j: the nearest party before
// it in the clause (a subject only with a verb between), or one after it
// that follows directly ("desain kami") or through a link word ("the
// drawings come from our architect"). A linked or adjacent one after wins
// over a farther one before.
func bind(s *ownScan, j int) binding {
	l := bindLeft(s, j)
	r := bindRight(s, j)
	switch {
	case r.side != sideNone && (l.side == sideNone || r.linked && r.dist <= l.dist || r.dist == 0 && l.dist > 0):
		return r
	case l.side != sideNone:
		return l
	case ownNear(s, j):
		return binding{side: sideBuyer, at: -1}
	}
	return binding{at: -1}
}

func bindLeft(s *ownScan, j int) binding {
	m := &s.ms[j]
	lim := window(&s.toks[m.i])
	verb, link := designVerb(s, j), false
	for k := j - 1; k >= 0; k-- {
		p := &s.ms[k]
		d := m.i - p.end
		if p.part != m.part || d > lim {
			break
		}
		if p.r&rPartyNoun != 0 && d > 0 {
			break // "turnkey work on 900 cabinets": the noun owns only what it touches
		}
		if p.r&rParty != 0 {
			// A pronoun that is also a subject (kami, เรา, bên em) owns what
			// follows it only through a link or a verb; Chinese 我们 and
			// 你们 own the noun they stand before (你们现有款式).
			possessive := p.r&(rBuyerParty|rFactoryParty|rAgent) != 0 && (p.r&(rBuyerSubj|rFactorySubj) == 0 || s.toks[p.i].kind == kHan) || link
			if !possessive && !verb && p.r&rVerb == 0 {
				break // "we love the frame design": no verb of bringing between
			}
			return binding{side: partySide(s, k), at: k, dist: d}
		}
		if p.r&(rVerb|rBring|rDesigned) != 0 {
			verb = true
		}
		link = link || p.r&rLink != 0 && d <= 1
		if p.r&(rDesign|rLogo) != 0 {
			break // another thing owns what is before it
		}
	}
	return binding{at: -1}
}

// designVerb reports the thing at mark j used as a verb of designing: a
// participle ("designed", "drawn"), or "design" right after its subject or
// a modal ("you design", "can design"), not the noun ("the design").
func designVerb(s *ownScan, j int) bool {
	m := &s.ms[j]
	if m.r&rDesigned == 0 {
		return false
	}
	if m.r&rDesign == 0 {
		return true
	}
	if j == 0 {
		return false
	}
	p := &s.ms[j-1]
	return p.part == m.part && p.end == m.i && p.r&(rBuyerSubj|rFactorySubj|rVerb) != 0
}

func bindRight(s *ownScan, j int) binding {
	m := &s.ms[j]
	lim := window(&s.toks[m.i]) + 2 // "the plans for the lobby mirrors are from our architect"
	link := false
	for k := j + 1; k < len(s.ms); k++ {
		p := &s.ms[k]
		d := p.i - m.end
		if p.part != m.part || d > lim {
			break
		}
		if p.r&rParty != 0 {
			possessive := p.r&(rBuyerParty|rFactoryParty|rAgent) != 0
			verbAfter := k+1 < len(s.ms) && s.ms[k+1].part == p.part && s.ms[k+1].i-p.end <= 1 && s.ms[k+1].r&(rVerb|rBring) != 0
			// right after it, or past one unknown word ("รุ่นที่โรงงาน")
			adjacent := d == 0 || d == 1 && k == j+1
			if link || adjacent && (possessive || verbAfter) {
				return binding{side: partySide(s, k), at: k, dist: d, linked: link}
			}
			break
		}
		switch {
		case p.r&rLink != 0:
			link = true
		case link && p.r&rProduct != 0:
			// "desain dari katalog anda": the catalogue's owner owns the design
		case p.r&(rThing|rContrast) != 0:
			return binding{at: -1}
		}
	}
	return binding{at: -1}
}

// partySide says whose side the party at mark k is on: an agent is the
// buyer's unless the factory's party names it ("your designers").
func partySide(s *ownScan, k int) side {
	p := &s.ms[k]
	switch {
	case p.r&(rFactoryParty|rFactorySubj) != 0 && p.r&(rBuyerParty|rBuyerSubj) == 0:
		return sideFactory
	case p.r&(rBuyerParty|rBuyerSubj) != 0:
		return sideBuyer
	}
	if k > 0 {
		q := &s.ms[k-1]
		if q.part == p.part && p.i-q.end <= 1 && q.r&rFactoryParty != 0 {
			return sideFactory
		}
	}
	return sideBuyer
}

// negated reports a negation over the thing at mark j and its possessor:
// within six tokens before the first of them, or between them, in the
// clause and not across a contrast word.
func (e *Engine) negated(s *ownScan, j int, b binding) bool {
	m := &s.ms[j]
	lo, hi := m.i, m.i
	if b.at >= 0 {
		p := &s.ms[b.at]
		lo, hi = min(lo, p.i), max(hi, p.i)
	}
	for k := lo; k < hi; k++ {
		if e.isNegation(s.toks, k, s.lang) {
			return true
		}
	}
	// six words back; an unknown Thai word is cut into letters, which
	// count as one word together (bounded: 24 tokens at most)
	words := 0
	for k := lo - 1; k >= 0 && k >= lo-24 && words < 6; k-- {
		t := &s.toks[k]
		if !(t.kind == kThai && utf8.RuneCountInString(t.s) == 1 && k > 0 && s.toks[k-1].kind == kThai) {
			words++
		}
		if t.isBreak() || e.grammar.lookup(t.s, readLangs(s.lang))&rContrast != 0 {
			return false
		}
		if e.isNegation(s.toks, k, s.lang) {
			return true
		}
		if t.nl {
			return false
		}
	}
	return false
}

// isNegation reports a negation word at toks[k].
func (e *Engine) isNegation(toks []token, k int, lang string) bool {
	t := &toks[k]
	if lang == "pt" && t.s == "no" {
		return false // Portuguese "no catálogo": in the catalogue
	}
	return e.lx.negations[t.s] || t.kind == kWord && strings.HasSuffix(t.s, "n't")
}
