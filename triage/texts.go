package triage

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"text/template"
)

// Keys every language must carry; newTexts names each one missing.
var (
	explanationModels = [...]Model{OEM, ODM, CM, Unknown}
	questionCues      = [...]Cue{CueOwnership, CueQuantity, CueBudget, CueLeadTime}
	warningCodes      = [...]string{
		"qty_below_oem_moq", "qty_below_cm_moq", "qty_below_odm_moq",
		"budget_below_oem", "budget_below_cm", "budget_below_odm",
		"lead_time_short_for_oem",
	}
	labelKeys = [...]string{
		"verdict_OEM", "verdict_ODM", "verdict_CM", "verdict_UNKNOWN",
		"quantity", "budget", "ownership", "lead_time", "supply_chain",
		"owner_buyer", "owner_factory", "yes", "no", "unknown", "days", "units",
		"greeting", "help", "new_inquiry", "empty", "truncated", "not_text",
		"suggested", "handover", "handover_more", "price_answer", "declined",
	}
)

// texts holds the parsed templates and texts of every reply language. It is
// built once by newTexts and only read afterwards, so it is safe for
// concurrent use. The zero value is not usable.
type texts struct {
	def   string
	langs map[string]*langTexts
}

// langTexts is one language's texts with its templates parsed.
type langTexts struct {
	code  string
	src   Language
	expl  map[Model]*template.Template
	fast  map[Model][]fastNode // nil for a template outside the fast subset
	style numberStyle
	// bands and figures cache the band figures formatted for the rules
	// newTexts was built with; other bands are formatted per call.
	bands   Bands
	figures map[Model]bandFigures
}

// suggestedKey keys the Suggested template in langTexts' template maps.
const suggestedKey Model = "suggested"

// bandFigures are one model's band figures, formatted.
type bandFigures struct{ moq, invest, lead, qc string }

// explanationData is what an explanation template sees. Every figure is
// already formatted in the language's number style; a cue the buyer did
// not give is "" (or false), so `{{with .Quantity}}…{{end}}` words only
// what is known. docs/languages.md lists the fields for suppliers.
type explanationData struct {
	// Model is the suggested model: OEM, ODM, CM or UNKNOWN.
	Model string
	// Quantity is the order quantity, "2,000" or "2,000–3,000".
	Quantity string
	// Budget is the budget in the buyer's currency, followed by its USD
	// value when the currency is not USD: "EUR 35,000 (≈ USD 37,800)".
	Budget string
	// BudgetUSD is the budget in USD alone: "USD 37,800".
	BudgetUSD string
	// OwnerBuyer and OwnerFactory say who owns the design, if known.
	OwnerBuyer, OwnerFactory bool
	// SupplyChain is true when the buyer wants the whole supply chain run.
	SupplyChain bool
	// LeadTime is the wanted lead time in days: "60" or "90–120".
	LeadTime string
	// Basis lists the known cues with the language's labels, ready to
	// print: "Quantity: 2,000 units; Budget: USD 30,000".
	Basis string
	// MOQ, Investment, Lead and QC are the seed's figures of the model
	// (for UNKNOWN, empty): "2,000–5,000" units, "USD 15,000–50,000",
	// "90–180" days, "USD 2,500–6,000" per inspection cycle. An open upper
	// end reads "10,000+".
	MOQ, Investment, Lead, QC string
}

// newTexts parses every language's templates once and checks that each
// language has every explanation, question, warning and label; the error
// names each language and key that is missing or does not parse.
func newTexts(r Rules) (*texts, error) {
	if _, ok := r.Languages[r.DefaultLanguage]; !ok {
		return nil, fmt.Errorf("triage: default_language %q: no texts for it in languages", r.DefaultLanguage)
	}
	t := &texts{def: r.DefaultLanguage, langs: make(map[string]*langTexts, len(r.Languages))}
	var errs []error
	for _, code := range slices.Sorted(maps.Keys(r.Languages)) {
		lt, err := parseLanguage(code, r.Languages[code], r)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		t.langs[code] = lt
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return t, nil
}

// parseLanguage checks one language and parses its templates, trying each
// against sample data so a misspelt field fails here and not in a reply.
func parseLanguage(code string, l Language, r Rules) (*langTexts, error) {
	var errs []error
	missing := func(kind, key string) {
		errs = append(errs, fmt.Errorf("triage: language %q: no %s %q", code, kind, key))
	}
	for _, k := range labelKeys {
		if strings.TrimSpace(l.Labels[k]) == "" {
			missing("label", k)
		}
	}
	for _, k := range warningCodes {
		if strings.TrimSpace(l.Warnings[k]) == "" {
			missing("warning", k)
		}
	}
	for _, c := range questionCues {
		if strings.TrimSpace(l.Questions[c].Text) == "" {
			missing("question", string(c))
		}
	}
	lt := &langTexts{
		code: code, src: l, style: styleFor(code), bands: r.Bands,
		expl: make(map[Model]*template.Template, len(explanationModels)),
		fast: make(map[Model][]fastNode, len(explanationModels)),
	}
	lt.figures = map[Model]bandFigures{
		OEM: lt.style.figures(r.Bands.OEM), ODM: lt.style.figures(r.Bands.ODM), CM: lt.style.figures(r.Bands.CM),
	}
	for _, m := range append(explanationModels[:], suggestedKey) {
		src, ok := l.Explanations[m]
		if m == suggestedKey {
			src, ok = l.Suggested, l.Suggested != ""
		}
		if !ok || strings.TrimSpace(src) == "" {
			missing("explanation", string(m))
			continue
		}
		tmpl, err := template.New(code + "/" + string(m)).Option("missingkey=error").Parse(src)
		if err != nil {
			errs = append(errs, fmt.Errorf("triage: language %q: explanation %q: %w", code, m, err))
			continue
		}
		lt.expl[m] = tmpl
		if nodes, ok := compileFast(tmpl); ok {
			lt.fast[m] = nodes
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	// Try every template with all cues known and with none.
	full := Cues{
		Quantity: &Range{Min: 2000, Max: 3000}, Ownership: OwnerBuyer, SupplyChain: true,
		Budget:       &Money{Min: 30000, Max: 40000, Currency: "EUR", USDMin: 32400, USDMax: 43200},
		LeadTimeDays: &Range{Min: 90, Max: 120},
	}
	for _, m := range append(explanationModels[:], suggestedKey) {
		for _, c := range []Cues{full, {}} {
			var sb strings.Builder
			d := lt.data(m, c, r)
			if err := lt.expl[m].Execute(&sb, &d); err != nil {
				errs = append(errs, fmt.Errorf("triage: language %q: explanation %q: %w", code, m, err))
				break
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return lt, nil
}

// lang returns the texts of code, or of the default language.
func (t *texts) lang(code string) *langTexts {
	if lt, ok := t.langs[code]; ok {
		return lt
	}
	return t.langs[t.def]
}

// Explanation words why model m fits cues c, with the figures of r's bands,
// in lang (or the default language when lang has no texts).
func (t *texts) Explanation(lang string, m Model, c Cues, r Rules) string {
	if !m.Valid() {
		m = Unknown
	}
	key := m
	if c.Ownership == OwnerUnknown && m != Unknown {
		key = suggestedKey // no claim about the design the buyer never made
	}
	for _, lt := range []*langTexts{t.lang(lang), t.langs[t.def]} {
		d := lt.data(m, c, r)
		var sb strings.Builder
		sb.Grow(1024)
		if nodes := lt.fast[key]; nodes != nil {
			renderFast(&sb, nodes, &d, "")
			return strings.TrimSpace(sb.String())
		}
		if err := lt.expl[key].Execute(&sb, &d); err == nil {
			return strings.TrimSpace(sb.String())
		}
	}
	// Unreachable with texts that passed newTexts; a reply still names the model.
	return string(m)
}

// Questions returns the follow-up questions about the missing cues in lang,
// at most two, in the order given; the answers are copies the caller may
// keep.
func (t *texts) Questions(lang string, missing []Cue) []Question {
	lt := t.lang(lang)
	out := make([]Question, 0, 2)
	for _, c := range missing {
		if len(out) == 2 {
			break
		}
		q, ok := lt.src.Questions[c]
		if !ok {
			continue
		}
		out = append(out, Question{Cue: c, Text: q.Text, Answers: slices.Clone(q.Answers)})
	}
	return out
}

// Label returns the interface string key in lang, falling back to the
// default language and then to the key itself.
func (t *texts) Label(lang, key string) string {
	if s, ok := t.lang(lang).src.Labels[key]; ok {
		return s
	}
	if s, ok := t.langs[t.def].src.Labels[key]; ok {
		return s
	}
	return key
}

// Warning returns the human wording of a warning code in lang, falling
// back to the default language and then to the code itself.
func (t *texts) Warning(lang, code string) string {
	if s, ok := t.lang(lang).src.Warnings[code]; ok {
		return s
	}
	if s, ok := t.langs[t.def].src.Warnings[code]; ok {
		return s
	}
	return code
}

// data builds the template data for model m and cues c.
func (lt *langTexts) data(m Model, c Cues, r Rules) explanationData {
	st := lt.style
	d := explanationData{
		Model:        string(m),
		OwnerBuyer:   c.Ownership == OwnerBuyer,
		OwnerFactory: c.Ownership == OwnerFactory,
		SupplyChain:  c.SupplyChain,
	}
	labels := lt.src.Labels
	var basis strings.Builder
	basis.Grow(256)
	item := func(k string, v ...string) {
		if basis.Len() > 0 {
			basis.WriteString(st.listSep)
		}
		basis.WriteString(labels[k])
		basis.WriteString(st.colon)
		for _, s := range v {
			basis.WriteString(s)
		}
	}
	if q := c.Quantity; q != nil {
		d.Quantity = st.intRange(q.Min, q.Max, false)
		item("quantity", d.Quantity, st.unitSep, labels["units"])
	}
	if b := c.Budget; b != nil {
		d.Budget, d.BudgetUSD = st.budget(*b)
		item("budget", d.Budget)
	}
	switch c.Ownership {
	case OwnerBuyer:
		item("ownership", labels["owner_buyer"])
	case OwnerFactory:
		item("ownership", labels["owner_factory"])
	}
	if c.SupplyChain {
		item("supply_chain", labels["yes"])
	}
	if l := c.LeadTimeDays; l != nil {
		d.LeadTime = st.intRange(l.Min, l.Max, false)
		item("lead_time", d.LeadTime, st.unitSep, labels["days"])
	}
	d.Basis = basis.String()
	var f bandFigures
	switch {
	case m == Unknown || !m.Valid():
	case r.Bands == lt.bands:
		f = lt.figures[m]
	case m == OEM:
		f = st.figures(r.Bands.OEM)
	case m == ODM:
		f = st.figures(r.Bands.ODM)
	case m == CM:
		f = st.figures(r.Bands.CM)
	}
	d.MOQ, d.Investment, d.Lead, d.QC = f.moq, f.invest, f.lead, f.qc
	return d
}

// budget formats a budget in its currency, with its USD value after it
// when the currency is another ("EUR 35,000 (≈ USD 37,800)"), and the USD
// value alone.
func (st numberStyle) budget(b Money) (full, usd string) {
	cur := strings.ToUpper(b.Currency)
	usd = st.money("USD", b.USDMin, b.USDMax, false)
	if cur == "USD" || cur == "" {
		return usd, usd
	}
	return st.money(cur, b.Min, b.Max, false) + st.approxOpen + usd + st.approxClose, usd
}

// FormatRange writes an integer range in lang's number style, the one its
// explanations use: "2,000–3,000", "2.000–3.000", "2 000–3 000".
func (e *Engine) FormatRange(lang string, lo, hi int64) string {
	return e.texts.lang(lang).style.intRange(lo, hi, false)
}

// FormatBudget writes a budget in lang's number style as its explanations
// do: "35.000 EUR (≈ 37.800 USD)".
func (e *Engine) FormatBudget(lang string, b Money) string {
	full, _ := e.texts.lang(lang).style.budget(b)
	return full
}

// figures formats a band's figures.
func (st numberStyle) figures(b Band) bandFigures {
	return bandFigures{
		moq:    st.intRange(b.MOQMin, b.MOQMax, true),
		invest: st.money("USD", b.InvestMinUSD, b.InvestMaxUSD, true),
		lead:   st.intRange(b.LeadMinDays, b.LeadMaxDays, true),
		qc:     st.money("USD", b.QCMinUSD, b.QCMaxUSD, true),
	}
}

// numberStyle is how a language writes numbers, amounts and lists.
type numberStyle struct {
	group, decimal string
	codeAfter      bool // "35.000 EUR" rather than "EUR 35,000"
	// approxOpen and approxClose wrap the USD value of a budget in another currency.
	approxOpen, approxClose string
	colon, listSep          string // between a label and its value; between items
	unitSep                 string // between a number and its unit: "800 units", but "800件"
}

// styleFor returns the number style of a language; a language a supplier
// adds gets the English style.
func styleFor(lang string) numberStyle {
	switch lang {
	case langDE, langES, langIT, langPT, langVI, langID:
		return numberStyle{group: ".", decimal: ",", codeAfter: lang != langID, approxOpen: " (≈ ", approxClose: ")", colon: ": ", listSep: "; ", unitSep: " "}
	case langFR:
		// French groups with a narrow no-break space and puts a no-break
		// space before the colon and semicolon.
		return numberStyle{group: "\u202f", decimal: ",", codeAfter: true, approxOpen: " (≈ ", approxClose: ")", colon: "\u00a0: ", listSep: "\u00a0; ", unitSep: "\u00a0"}
	case langZH:
		return numberStyle{group: ",", decimal: ".", approxOpen: "（约 ", approxClose: "）", colon: "：", listSep: "；"}
	case langTH:
		// Thai separates clauses with spaces; a comma reads better than
		// a semicolon between the facts.
		return numberStyle{group: ",", decimal: ".", approxOpen: " (≈ ", approxClose: ")", colon: ": ", listSep: ", ", unitSep: " "}
	default:
		return numberStyle{group: ",", decimal: ".", approxOpen: " (≈ ", approxClose: ")", colon: ": ", listSep: "; ", unitSep: " "}
	}
}

// intRange formats min–max; a single value when they are equal, and
// "min+" when openMax and max is 0 (a band without an upper figure).
func (st numberStyle) intRange(lo, hi int64, openMax bool) string {
	var buf [64]byte
	return string(st.appendIntRange(buf[:0], lo, hi, openMax))
}

func (st numberStyle) appendIntRange(b []byte, lo, hi int64, openMax bool) []byte {
	b = st.appendInt(b, lo)
	switch {
	case openMax && hi == 0:
		b = append(b, '+')
	case hi > lo:
		b = append(b, "–"...)
		b = st.appendInt(b, hi)
	}
	return b
}

// money formats an amount range with its currency code.
func (st numberStyle) money(code string, lo, hi float64, openMax bool) string {
	var buf [96]byte
	b := buf[:0]
	if !st.codeAfter {
		b = append(b, code...)
		b = append(b, "\u00a0"...)
	}
	b = st.appendAmount(b, lo)
	switch {
	case openMax && hi == 0:
		b = append(b, '+')
	case hi > lo:
		b = append(b, "–"...)
		b = st.appendAmount(b, hi)
	}
	if st.codeAfter {
		b = append(b, "\u00a0"...)
		b = append(b, code...)
	}
	return string(b)
}

// amount writes a money amount: whole units from 100 up, cents below.
func (st numberStyle) amount(v float64) string {
	var buf [48]byte
	return string(st.appendAmount(buf[:0], v))
}

func (st numberStyle) appendAmount(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) >= 1e18 {
		return append(b, '?')
	}
	if math.Abs(v) >= 100 || v == math.Trunc(v) {
		return st.appendInt(b, int64(math.Round(v)))
	}
	cents := int64(math.Round(v * 100))
	if cents < 0 {
		b = append(b, '-')
		cents = -cents
	}
	b = st.appendInt(b, cents/100)
	b = append(b, st.decimal...)
	return append(b, byte('0'+cents%100/10), byte('0'+cents%10))
}

func (st numberStyle) appendInt(b []byte, n int64) []byte {
	var digits [20]byte
	d := strconv.AppendInt(digits[:0], n, 10)
	if d[0] == '-' {
		b = append(b, '-')
		d = d[1:]
	}
	head := len(d) % 3
	if head == 0 {
		head = 3
	}
	b = append(b, d[:head]...)
	for i := head; i < len(d); i += 3 {
		b = append(b, st.group...)
		b = append(b, d[i:i+3]...)
	}
	return b
}
