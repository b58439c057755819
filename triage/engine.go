package triage

import (
	"fmt"
	"math"
	"sync"
	"time"
)

// Engine reads messages and decides with a fixed set of Rules. Build it once
// with New: it compiles its word tables and templates there and only reads
// them afterwards, so an Engine is safe for concurrent use.
type Engine struct {
	rules Rules
	lx    *lexicon
	seg   *segLexicon
	// corrections are the correction cues of every language, tokenized.
	corrections correctionCues
	grammar     *grammar // the ownership and supply-chain words
	lang        *languageDetector
	// holidays are the dates of the holidays a deadline may name.
	holidays holidays
	texts    *texts
	pool     sync.Pool // *scan buffers, to keep allocations per read low
	// plainVi reads Vietnamese written without diacritics (normalize_vi.go).
	plainVi *Engine
}

// New checks the rules (Check, then every text and template) and builds
// an Engine.
func New(r Rules) (*Engine, error) {
	if err := r.Check(); err != nil {
		return nil, err
	}
	d, err := embeddedLexicon()
	if err != nil {
		return nil, fmt.Errorf("triage: %w", err)
	}
	e := &Engine{rules: r, lang: newLanguageDetector()}
	plain := d.clone()
	e.lx, e.seg = newTables(d)
	e.grammar = e.lx.grammar
	e.corrections = newCorrectionCues(e.seg.corrections, e.lx)
	if err := d.err(); err != nil {
		return nil, fmt.Errorf("triage: %w", err)
	}
	hol, err := parseHolidays(holidayData)
	if err != nil {
		return nil, fmt.Errorf("triage: %w", err)
	}
	e.holidays = hol
	t, err := newTexts(r)
	if err != nil {
		return nil, fmt.Errorf("triage: texts: %w", err)
	}
	e.texts = t
	e.pool.New = func() any { return &scan{toks: make([]token, 0, 128)} }
	if e.plainVi, err = e.newPlainVietnamese(plain); err != nil {
		return nil, fmt.Errorf("triage: %w", err)
	}
	return e, nil
}

// Read extracts the cues of one message sent at sentAt.
func (e *Engine) Read(text string, sentAt time.Time) Reading {
	return e.ReadAnswer(text, sentAt, "")
}

// Context is what a conversation knows when its next message is read and
// decided: the cues the last reply asked for (all of them, in order), the
// cues the buyer declined, the currency the conversation already used and
// its language ("" when not known yet).
type Context struct {
	Asked    []Cue
	Declined []Cue
	Currency string
	Language string
}

// ReadAnswer is Read for a message that answers a follow-up question about
// expect; see ReadIn.
func (e *Engine) ReadAnswer(text string, sentAt time.Time, expect Cue) Reading {
	var c Context
	if expect != "" {
		c.Asked = []Cue{expect}
	}
	return e.ReadIn(text, sentAt, c)
}

// ReadIn is Read for a message of a conversation in context c: a short
// answer that is a bare number is read against the cues just asked (see
// readBare), an amount with no currency mark takes the conversation's
// currency, and a text too short to show its language is read in the
// conversation's.
func (e *Engine) ReadIn(text string, sentAt time.Time, c Context) Reading {
	sc := e.getScan()
	defer e.putScan(sc)
	var rd Reading
	text = capText(text)
	parts := e.seg.segment(e.lx.fold.normalize(text), &sc.seg)
	// The language is the buyer's own text's: a factory's reply quoted in
	// English below a Spanish message does not make it English.
	rd.Language = e.lang.Detect(parts.own)
	if rd.Language == "vi" && e.plainVi != nil && plainVietnamese(text) {
		return e.plainVi.ReadIn(text, sentAt, c)
	}
	sc.lang = rd.Language
	if c.Language != "" && (rd.Language == "" || !e.lang.Plain(text, rd.Language)) {
		sc.lang = c.Language
	}
	sc.conv, sc.ctxCurrency = c, c.Currency
	e.tokenizeParts(sc, parts, rd.Language)
	var corr corrections
	e.corrections.markCorrections(sc.toks, &corr)
	e.readNumbers(sc, sentAt)
	if len(c.Asked) > 0 || c.Language != "" {
		e.readBare(sc, sentAt)
	}
	e.applyCorrections(sc, &corr)
	quoted := e.readQuoted(parts.quoted, sentAt, rd.Language)
	quoted.markRepeated(sc.money)
	rd.Ownership, rd.SupplyChain = e.readOwnership(sc.toks, rd.Language)
	rd.Quantity = pickQuantity(sc.qty)
	rd.Ownership = quoted.modelChoice(rd.Ownership, rd.Quantity)
	rd.Budget, rd.UnitPrice = e.pickBudget(sc.money, rd.Quantity)
	rd.LeadTimeDays = pickLead(sc.lead)
	return rd
}

// getScan takes working buffers from the pool.
func (e *Engine) getScan() *scan { return e.pool.Get().(*scan) }

// putScan clears sc and returns it to the pool, unless a huge message grew it.
func (e *Engine) putScan(sc *scan) {
	sc.toks = sc.toks[:0]
	sc.qty, sc.money, sc.lead = sc.qty[:0], sc.money[:0], sc.lead[:0]
	sc.codes, sc.lang, sc.sentence = 0, "", 0
	sc.conv, sc.ctxCurrency = Context{}, ""
	sc.seg.lines = sc.seg.lines[:0]
	if cap(sc.toks) <= 1024 && cap(sc.seg.lines) <= 256 {
		e.pool.Put(sc)
	}
}

// money builds a Money with its USD values from the rules' rates.
func (e *Engine) money(lo, hi float64, cur string) *Money {
	rate := 1.0
	if cur != "USD" {
		r, ok := e.rules.Rates[cur]
		if !ok {
			r = 0
		}
		rate = r
	}
	return &Money{Min: round2(lo), Max: round2(hi), Currency: cur, USDMin: round2(lo * rate), USDMax: round2(hi * rate)}
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// pickLead chooses the lead time: the first one a deadline word introduces,
// else the first stated.
func pickLead(ls []leadCand) *Range {
	if len(ls) == 0 {
		return nil
	}
	best := -1
	for i, l := range ls {
		if l.hi <= 0 || l.lo < 0 || l.lo > 3660 { // a quarter begun counts from day 0
			continue
		}
		if best < 0 || (l.deadline && !ls[best].deadline) || (l.deadline == ls[best].deadline && l.pos < ls[best].pos) {
			best = i
		}
	}
	if best < 0 {
		return nil
	}
	return &Range{Min: ls[best].lo, Max: ls[best].hi}
}

// Merge returns the cues known after next follows known: a cue next states
// fills a gap or corrects the earlier value. A unit price is kept, so that a
// quantity given later still yields a budget (unit price × quantity), and a
// unit price given after the quantity does too.
func (e *Engine) Merge(known, next Cues) Cues {
	out := known
	derived := known.UnitPrice != nil && known.Budget != nil && known.Quantity != nil &&
		near(known.Budget.Min, known.UnitPrice.Min*float64(known.Quantity.Min))
	if next.Quantity != nil {
		out.Quantity = next.Quantity
	}
	if next.UnitPrice != nil {
		out.UnitPrice = next.UnitPrice
	}
	switch {
	case next.Budget != nil:
		out.Budget = next.Budget
	case out.UnitPrice != nil && out.Quantity != nil && (known.Budget == nil || derived || next.UnitPrice != nil):
		u := out.UnitPrice
		out.Budget = e.money(u.Min*float64(out.Quantity.Min), u.Max*float64(out.Quantity.Max), u.Currency)
	}
	if next.Ownership != OwnerUnknown {
		out.Ownership = next.Ownership
	}
	if next.SupplyChain {
		out.SupplyChain = true
	}
	if next.LeadTimeDays != nil {
		out.LeadTimeDays = next.LeadTimeDays
	}
	return out
}

func near(a, b float64) bool { return math.Abs(a-b) <= 0.01*math.Max(1, math.Abs(b)) }

// Analyze reads text and decides: the one-message verdict.
func (e *Engine) Analyze(text string, sentAt time.Time) Result {
	rd := e.Read(text, sentAt)
	return Result{Cues: rd.Cues, Verdict: e.Decide(rd.Cues, rd.Language)}
}

// Label returns the interface string key in lang, falling back to the
// default language and then to the key itself.
func (e *Engine) Label(lang, key string) string {
	if s, ok := e.rules.Languages[lang].Labels[key]; ok {
		return s
	}
	if s, ok := e.rules.Languages[e.rules.DefaultLanguage].Labels[key]; ok {
		return s
	}
	return key
}

// WarningText returns the human wording of a warning code in lang.
func (e *Engine) WarningText(lang, code string) string {
	if s, ok := e.rules.Languages[lang].Warnings[code]; ok {
		return s
	}
	if s, ok := e.rules.Languages[e.rules.DefaultLanguage].Warnings[code]; ok {
		return s
	}
	return code
}

// HasLanguage reports whether the rules carry texts for lang.
func (e *Engine) HasLanguage(lang string) bool {
	_, ok := e.rules.Languages[lang]
	return ok
}
