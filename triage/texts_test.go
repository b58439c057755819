package triage

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func init() {
	// The engine's tests may register -update too; one flag serves both.
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files under testdata/golden")
	}
}

// updateGolden reports whether the test run was asked to rewrite golden files.
func updateGolden() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// allLanguages are the eleven reply languages the defaults must carry.
var allLanguages = []string{"en", "es", "pt", "fr", "de", "it", "id", "ms", "vi", "th", "zh"}

// defaultRules returns the shipped defaults.
func defaultRules(t testing.TB) Rules {
	t.Helper()
	return DefaultRules()
}

func TestDefaultTextsComplete(t *testing.T) {
	r := defaultRules(t)
	if _, err := newTexts(r); err != nil {
		t.Fatalf("newTexts(defaults): %v", err)
	}
	for _, lang := range allLanguages {
		l, ok := r.Languages[lang]
		if !ok {
			t.Errorf("defaults have no language %q", lang)
			continue
		}
		if l.Name == "" {
			t.Errorf("%s: no name", lang)
		}
		for _, c := range questionCues {
			if n := len(l.Questions[c].Answers); n < 2 || n > 3 {
				t.Errorf("%s: question %q has %d suggested answers, want 2 or 3", lang, c, n)
			}
		}
		for _, m := range []Model{OEM, ODM, CM} {
			if v := l.Labels["verdict_"+string(m)]; !strings.HasPrefix(v, string(m)) {
				t.Errorf("%s: label verdict_%s = %q, want it to start with %s", lang, m, v, m)
			}
		}
		for _, m := range []Model{OEM, ODM, CM} {
			if v := l.Labels["verdict_UNKNOWN"]; strings.Contains(v, string(m)) {
				t.Errorf("%s: label verdict_UNKNOWN = %q names the model %s", lang, v, m)
			}
		}
		// The defaults must not carry keys the engine never asks for: a
		// misspelt key would silently be dead text.
		for k := range l.Labels {
			if !slices.Contains(labelKeys[:], k) {
				t.Errorf("%s: unknown label %q", lang, k)
			}
		}
		for k := range l.Warnings {
			if !slices.Contains(warningCodes[:], k) {
				t.Errorf("%s: unknown warning %q", lang, k)
			}
		}
	}
}

// cloneLanguage copies l deeply enough for a test to delete keys.
func cloneLanguage(l Language) Language {
	c := l
	c.Explanations = make(map[Model]string, len(l.Explanations))
	for k, v := range l.Explanations {
		c.Explanations[k] = v
	}
	c.Questions = make(map[Cue]QuestionText, len(l.Questions))
	for k, v := range l.Questions {
		c.Questions[k] = v
	}
	c.Warnings = make(map[string]string, len(l.Warnings))
	for k, v := range l.Warnings {
		c.Warnings[k] = v
	}
	c.Labels = make(map[string]string, len(l.Labels))
	for k, v := range l.Labels {
		c.Labels[k] = v
	}
	return c
}

// TestNewTextsNamesMissingKey drops every key in turn, as a supplier's edit
// might, and checks that newTexts fails naming the language and the key.
func TestNewTextsNamesMissingKey(t *testing.T) {
	base := defaultRules(t)
	type edit struct {
		name string
		key  string
		do   func(l *Language)
	}
	var edits []edit
	for _, k := range labelKeys {
		edits = append(edits, edit{"label", k, func(l *Language) { delete(l.Labels, k) }})
	}
	for _, k := range warningCodes {
		edits = append(edits, edit{"warning", k, func(l *Language) { l.Warnings[k] = "  " }})
	}
	for _, c := range questionCues {
		edits = append(edits, edit{"question", string(c), func(l *Language) { delete(l.Questions, c) }})
	}
	for _, m := range explanationModels {
		edits = append(edits, edit{"explanation", string(m), func(l *Language) { delete(l.Explanations, m) }})
	}
	for _, lang := range allLanguages {
		for _, e := range edits {
			// Only the language under test and the default, to keep it quick.
			r := base
			r.Languages = map[string]Language{base.DefaultLanguage: base.Languages[base.DefaultLanguage]}
			l := cloneLanguage(base.Languages[lang])
			e.do(&l)
			r.Languages[lang] = l
			_, err := newTexts(r)
			want := fmt.Sprintf("language %q: no %s %q", lang, e.name, e.key)
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("newTexts without %s %s in %s: error %v, want one containing %s", e.name, e.key, lang, err, want)
			}
		}
	}
}

// maps2 copies a language map so a test can replace one entry.
func maps2(m map[string]Language) map[string]Language {
	c := make(map[string]Language, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

func TestNewTextsBadTemplate(t *testing.T) {
	base := defaultRules(t)
	tests := []struct {
		name, tmpl, want string
	}{
		{"syntax", "OEM {{.MOQ", `language "de": explanation "OEM"`},
		{"unknown field", "OEM {{.MinimumOrder}}", `language "de": explanation "OEM"`},
		{"unknown function", "OEM {{money .MOQ}}", `language "de": explanation "OEM"`},
	}
	for _, tt := range tests {
		r := base
		r.Languages = maps2(base.Languages)
		l := cloneLanguage(base.Languages["de"])
		l.Explanations[OEM] = tt.tmpl
		r.Languages["de"] = l
		_, err := newTexts(r)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: newTexts error %v, want one containing %s", tt.name, err, tt.want)
		}
	}
	r := base
	r.DefaultLanguage = "xx"
	if _, err := newTexts(r); err == nil || !strings.Contains(err.Error(), `"xx"`) {
		t.Errorf("newTexts with default language xx: error %v, want one naming it", err)
	}
}

func TestTextsFallback(t *testing.T) {
	r := defaultRules(t)
	tx, err := newTexts(r)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := tx.Explanation("xx", OEM, Cues{}, r), tx.Explanation("en", OEM, Cues{}, r); got != want {
		t.Errorf("Explanation(xx) = %q, want the English %q", got, want)
	}
	if got, want := tx.Explanation("en", Model("bogus"), Cues{}, r), tx.Explanation("en", Unknown, Cues{}, r); got != want {
		t.Errorf("Explanation(bogus model) = %q, want UNKNOWN's %q", got, want)
	}
	q := tx.Questions("", []Cue{CueBudget, CueLeadTime, CueQuantity})
	if len(q) != 2 || q[0].Cue != CueBudget || q[1].Cue != CueLeadTime {
		t.Errorf("Questions(3 cues) = %+v, want budget then lead_time", q)
	}
	q[0].Answers[0] = "changed"
	if again := tx.Questions("en", []Cue{CueBudget}); again[0].Answers[0] == "changed" {
		t.Error("Questions shares its answers slice with the rules")
	}
	if got := tx.Questions("en", nil); len(got) != 0 {
		t.Errorf("Questions(none) = %+v, want none", got)
	}
	if got := tx.Label("xx", "greeting"); got != r.Languages["en"].Labels["greeting"] {
		t.Errorf("Label(xx, greeting) = %q, want English", got)
	}
	if got := tx.Label("fr", "no_such_key"); got != "no_such_key" {
		t.Errorf("Label(fr, no_such_key) = %q, want the key", got)
	}
	if got := tx.Warning("de", "budget_below_oem"); got != r.Languages["de"].Warnings["budget_below_oem"] {
		t.Errorf("Warning(de, budget_below_oem) = %q", got)
	}
	if got := tx.Warning("de", "made_up"); got != "made_up" {
		t.Errorf("Warning(de, made_up) = %q, want the code", got)
	}
}

func TestNumberStyle(t *testing.T) {
	tests := []struct {
		lang       string
		lo, hi     float64
		open       bool
		wantMoney  string
		wantNumber string
	}{
		{"en", 15000, 50000, false, "USD\u00a015,000–50,000", "15,000–50,000"},
		{"en", 50000, 0, true, "USD\u00a050,000+", "50,000+"},
		{"en", 1234567, 1234567, false, "USD\u00a01,234,567", "1,234,567"},
		{"de", 15000, 50000, false, "15.000–50.000\u00a0USD", "15.000–50.000"},
		{"fr", 2500, 6000, false, "2\u202f500–6\u202f000\u00a0USD", "2\u202f500–6\u202f000"},
		{"id", 800, 2000, false, "USD\u00a0800–2.000", "800–2.000"},
		{"zh", 999, 999, false, "USD\u00a0999", "999"},
		{"xx", 5000, 15000, false, "USD\u00a05,000–15,000", "5,000–15,000"},
	}
	for _, tt := range tests {
		st := styleFor(tt.lang)
		if got := st.money("USD", tt.lo, tt.hi, tt.open); got != tt.wantMoney {
			t.Errorf("%s money(%v, %v) = %q, want %q", tt.lang, tt.lo, tt.hi, got, tt.wantMoney)
		}
		if got := st.intRange(int64(tt.lo), int64(tt.hi), tt.open); got != tt.wantNumber {
			t.Errorf("%s intRange(%v, %v) = %q, want %q", tt.lang, tt.lo, tt.hi, got, tt.wantNumber)
		}
	}
	amounts := []struct {
		lang string
		v    float64
		want string
	}{
		{"en", 9.5, "9.50"}, {"de", 9.5, "9,50"}, {"en", 12, "12"}, {"en", 142500.4, "142,500"},
		{"en", -1500, "-1,500"}, {"pt", 0.99, "0,99"},
	}
	for _, tt := range amounts {
		if got := styleFor(tt.lang).amount(tt.v); got != tt.want {
			t.Errorf("%s amount(%v) = %q, want %q", tt.lang, tt.v, got, tt.want)
		}
	}
}

// goldenCues are the fixed cue sets the golden files render.
var goldenCues = []struct {
	name string
	cues Cues
}{
	{"all cues", Cues{
		Quantity:     &Range{Min: 2000, Max: 3000},
		Budget:       &Money{Min: 25000, Max: 30000, Currency: "EUR", USDMin: 27000, USDMax: 32400},
		Ownership:    OwnerBuyer,
		SupplyChain:  true,
		LeadTimeDays: &Range{Min: 120, Max: 120},
	}},
	{"catalog, USD", Cues{
		Quantity:  &Range{Min: 800, Max: 800},
		Budget:    &Money{Min: 12000, Max: 12000, Currency: "USD", USDMin: 12000, USDMax: 12000},
		Ownership: OwnerFactory,
	}},
	{"no cues", Cues{}},
	// The design's owner not said: the model is only suggested, and the
	// explanation claims nothing about the design.
	{"volume and lead time, design not said", Cues{
		Quantity:     &Range{Min: 3000, Max: 3000},
		LeadTimeDays: &Range{Min: 150, Max: 150},
	}},
}

// TestGoldenTexts renders every explanation over the fixed cues and every
// question, one golden file per language; run with -update to rewrite.
func TestGoldenTexts(t *testing.T) {
	r := defaultRules(t)
	tx, err := newTexts(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range allLanguages {
		t.Run(lang, func(t *testing.T) {
			var b strings.Builder
			for _, m := range explanationModels {
				for _, gc := range goldenCues {
					fmt.Fprintf(&b, "== explanation %s, %s\n%s\n\n", m, gc.name, tx.Explanation(lang, m, gc.cues, r))
				}
			}
			for _, c := range questionCues {
				for _, q := range tx.Questions(lang, []Cue{c}) {
					fmt.Fprintf(&b, "== question %s\n%s\n", q.Cue, q.Text)
					for _, a := range q.Answers {
						fmt.Fprintf(&b, "  [%s]\n", a)
					}
					b.WriteString("\n")
				}
			}
			compareGolden(t, filepath.Join("testdata", "golden", "texts_"+lang+".txt"), b.String())
		})
	}
}

// compareGolden checks got against the golden file, or rewrites it under -update.
func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if updateGolden() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the output (run go test -update and review the diff):\n%s", path, firstDiff(string(want), got))
	}
}

// firstDiff shows the first line where want and got part.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\nwant %q\ngot  %q", i+1, w, g)
		}
	}
	return "(no line differs)"
}

func BenchmarkExplanation(b *testing.B) {
	r := defaultRules(b)
	tx, err := newTexts(r)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		tx.Explanation("de", OEM, goldenCues[0].cues, r)
	}
}

// TestFastRenderMatchesTemplate checks that the reflection-free renderer
// gives exactly what text/template gives, for every default template over
// every golden cue set, and that the defaults all take the fast path.
func TestFastRenderMatchesTemplate(t *testing.T) {
	r := defaultRules(t)
	tx, err := newTexts(r)
	if err != nil {
		t.Fatal(err)
	}
	more := []Cues{{Ownership: OwnerFactory}, {SupplyChain: true}, {LeadTimeDays: &Range{Min: 30, Max: 45}}}
	for _, lang := range allLanguages {
		lt := tx.langs[lang]
		for _, m := range explanationModels {
			nodes := lt.fast[m]
			if nodes == nil {
				t.Errorf("%s %s: default template is outside the fast subset", lang, m)
				continue
			}
			for _, c := range append([]Cues{goldenCues[0].cues, goldenCues[1].cues, goldenCues[2].cues}, more...) {
				d := lt.data(m, c, r)
				var want, got strings.Builder
				if err := lt.expl[m].Execute(&want, &d); err != nil {
					t.Fatal(err)
				}
				renderFast(&got, nodes, &d, "")
				if got.String() != want.String() {
					t.Errorf("%s %s: fast render\n%q\nwant\n%q", lang, m, got.String(), want.String())
				}
			}
		}
	}
}

// TestTemplateSubset checks which templates take the fast path and that the
// others still render, through text/template.
func TestTemplateSubset(t *testing.T) {
	base := defaultRules(t)
	tests := []struct {
		tmpl string
		fast bool
		want string // rendered with the golden "catalog, USD" cues
	}{
		{"{{.Model}}: {{.MOQ}}", true, "ODM: 500–1,000"},
		{"{{if .OwnerFactory}}catalog{{else}}own{{end}}", true, "catalog"},
		{"{{with .LeadTime}}in {{.}} days{{else}}no date{{end}}", true, "no date"},
		{"{{with .Quantity}}{{.}} pcs{{end}} {{.OwnerBuyer}}", true, "800 pcs false"},
		{`{{printf "%s!" .Model}}`, false, "ODM!"},
		{`{{if eq .Model "ODM"}}yes{{end}}`, false, "yes"},
		{"{{$q := .Quantity}}{{$q}}", false, "800"},
	}
	for _, tt := range tests {
		r := base
		r.Languages = maps2(base.Languages)
		l := cloneLanguage(base.Languages["en"])
		l.Explanations[ODM] = tt.tmpl
		r.Languages["en"] = l
		tx, err := newTexts(r)
		if err != nil {
			t.Errorf("newTexts(%q): %v", tt.tmpl, err)
			continue
		}
		if fast := tx.langs["en"].fast[ODM] != nil; fast != tt.fast {
			t.Errorf("template %q: fast path %v, want %v", tt.tmpl, fast, tt.fast)
		}
		if got := tx.Explanation("en", ODM, goldenCues[1].cues, r); got != tt.want {
			t.Errorf("template %q = %q, want %q", tt.tmpl, got, tt.want)
		}
	}
}

// TestExplanationOtherBands checks that bands other than those newTexts
// cached are formatted afresh.
func TestExplanationOtherBands(t *testing.T) {
	r := defaultRules(t)
	tx, err := newTexts(r)
	if err != nil {
		t.Fatal(err)
	}
	r2 := r
	r2.Bands.ODM.MOQMin, r2.Bands.ODM.MOQMax = 300, 0
	if got := tx.Explanation("en", ODM, Cues{}, r2); !strings.Contains(got, "MOQ 300+ units") {
		t.Errorf("Explanation with ODM MOQ 300+ = %q, want it to say MOQ 300+ units", got)
	}
}

// TestExplanationOddCues renders cues no reader should produce — NaN,
// huge and negative numbers, reversed ranges, an unknown currency — and
// checks the text stays readable UTF-8 and names the model.
func TestExplanationOddCues(t *testing.T) {
	r := defaultRules(t)
	tx, err := newTexts(r)
	if err != nil {
		t.Fatal(err)
	}
	odd := []Cues{
		{Quantity: &Range{Min: math.MaxInt64, Max: math.MinInt64}},
		{Quantity: &Range{Min: -5, Max: -1}},
		{Budget: &Money{Min: math.NaN(), Max: math.Inf(1), Currency: "XYZ", USDMin: math.NaN(), USDMax: 1e300}},
		{Budget: &Money{Min: 0.5, Max: 0.25, Currency: "", USDMin: 0.5, USDMax: 0.25}},
		{LeadTimeDays: &Range{Min: 0, Max: 0}, Ownership: Ownership("someone")},
	}
	for _, lang := range allLanguages {
		for _, c := range odd {
			got := tx.Explanation(lang, ODM, c, r)
			if !utf8.ValidString(got) || !strings.Contains(got, "ODM") {
				t.Errorf("%s: Explanation(ODM, %+v) = %q", lang, c, got)
			}
		}
	}
}

// TestDefaultRulesFollowSeed pins the shipped bands, weights and a few
// rates to shared/TRIAGE.md and the seed guide, so an accidental edit of
// the defaults shows up here rather than in a buyer's reply.
func TestDefaultRulesFollowSeed(t *testing.T) {
	r := defaultRules(t)
	want := Bands{
		ODM: Band{MOQMin: 500, MOQMax: 1000, InvestMinUSD: 5000, InvestMaxUSD: 15000, LeadMinDays: 30, LeadMaxDays: 90, QCMinUSD: 800, QCMaxUSD: 2000},
		OEM: Band{MOQMin: 2000, MOQMax: 5000, InvestMinUSD: 15000, InvestMaxUSD: 50000, LeadMinDays: 90, LeadMaxDays: 180, QCMinUSD: 2500, QCMaxUSD: 6000},
		// The seed gives CM no lead time or QC budget: OEM's are used.
		CM: Band{MOQMin: 10000, InvestMinUSD: 50000, LeadMinDays: 90, LeadMaxDays: 180, QCMinUSD: 2500, QCMaxUSD: 6000},
	}
	if r.Bands != want {
		t.Errorf("bands = %+v, want %+v", r.Bands, want)
	}
	if w := (Weights{Quantity: 2, Budget: 2, LeadTime: 1}); r.Weights != w {
		t.Errorf("weights = %+v, want %+v", r.Weights, w)
	}
	if r.DefaultLanguage != "en" {
		t.Errorf("default_language = %q, want en", r.DefaultLanguage)
	}
	rates := map[string]float64{
		"EUR": 1.08, "GBP": 1.27, "CNY": 0.14, "JPY": 0.0067, "AUD": 0.66, "CAD": 0.73, "SGD": 0.74,
		"HKD": 0.128, "TWD": 0.031, "MYR": 0.22, "IDR": 0.000063, "THB": 0.028, "VND": 0.000040,
		"PHP": 0.018, "INR": 0.012, "AED": 0.27, "SAR": 0.27, "KRW": 0.00075, "MXN": 0.058,
		"BRL": 0.20, "NZD": 0.61, "CHF": 1.12, "USD": 1,
	}
	for code, v := range rates {
		if r.Rates[code] != v {
			t.Errorf("rates.%s = %v, want %v", code, r.Rates[code], v)
		}
	}
	if len(r.Rates) != len(rates) {
		t.Errorf("%d rates, want %d", len(r.Rates), len(rates))
	}
}

// TestDefaultExplanationsCarryFigures checks that every shipped explanation
// names its model, the cues it rests on and the seed's figures for it.
func TestDefaultExplanationsCarryFigures(t *testing.T) {
	r := defaultRules(t)
	tx, err := newTexts(r)
	if err != nil {
		t.Fatal(err)
	}
	c := goldenCues[0].cues
	for _, lang := range allLanguages {
		lt := tx.langs[lang]
		for _, m := range explanationModels {
			got := tx.Explanation(lang, m, c, r)
			d := lt.data(m, c, r)
			want := []string{d.Basis}
			if m != Unknown {
				want = append(want, string(m), d.MOQ, d.Investment, d.Lead, d.QC)
			}
			for _, w := range want {
				if !strings.Contains(got, w) {
					t.Errorf("%s %s explanation lacks %q:\n%s", lang, m, w, got)
				}
			}
		}
	}
}

// TestFastFieldsComplete checks that the fast renderer knows every field
// of explanationData, so a new field does not silently push every template
// that uses it onto the slow path.
func TestFastFieldsComplete(t *testing.T) {
	typ := reflect.TypeFor[explanationData]()
	d := explanationData{Model: "m", Quantity: "q", Budget: "b", BudgetUSD: "u", OwnerBuyer: true, LeadTime: "l", Basis: "x", MOQ: "o", Investment: "i", Lead: "d", QC: "c"}
	v := reflect.ValueOf(d)
	for i := range typ.NumField() {
		name := typ.Field(i).Name
		id, ok := fieldByName(name)
		if !ok {
			t.Errorf("fieldByName(%q) unknown", name)
			continue
		}
		got, _ := d.field(id)
		if want := fmt.Sprint(v.Field(i).Interface()); got != want {
			t.Errorf("field(%s) = %q, want %q", name, got, want)
		}
	}
}
