package triage_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/triagebot/triagebot/triage"
)

var turnSent = time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)

// got renders the cues of a turn as "q=… b=… l=…" for the tables.
func got(c triage.Cues) string {
	s := ""
	if c.Quantity != nil {
		s += fmt.Sprintf("q=%d-%d ", c.Quantity.Min, c.Quantity.Max)
	}
	if c.Budget != nil {
		s += fmt.Sprintf("b=%g %s ", c.Budget.Min, c.Budget.Currency)
	}
	if c.LeadTimeDays != nil {
		s += fmt.Sprintf("l=%d ", c.LeadTimeDays.Min)
	}
	return s
}

func asked(cs ...triage.Cue) []triage.Cue { return cs }

// TestBareAnswers: a short answer is read against the questions just
// asked (TRIAGE.md section 5) — money when it carries a currency or a
// money scale, else the quantity if asked, else the budget — and money
// takes the conversation's currency, else the market of its scale word,
// else the language's default.
func TestBareAnswers(t *testing.T) {
	e := newEngine(t)
	q, b, l := triage.CueQuantity, triage.CueBudget, triage.CueLeadTime
	tests := []struct {
		text, lang, cur string
		asked           []triage.Cue
		want            string
	}{
		{"500", "en", "", asked(q, b), "q=500-500 "},
		{"500", "en", "", asked(triage.CueOwnership, q), "q=500-500 "},
		{"20000", "en", "", asked(b, l), "b=20000 USD "},
		{"20000", "de", "", asked(b, l), "b=20000 EUR "},
		{"20000", "vi", "USD", asked(b, l), "b=20000 USD "},
		{"sekitar 600 juta", "id", "", asked(q, b), "b=6e+08 IDR "},
		{"600 juta", "ms", "", asked(b, l), "b=6e+08 MYR "},
		{"khoảng 450 triệu", "vi", "", asked(q, b), "b=4.5e+08 VND "},
		{"3 ล้าน", "th", "", asked(b, l), "b=3e+06 THB "},
		{"20万", "zh", "", asked(b, l), "b=200000 CNY "},
		{"20 lakh", "en", "", asked(q, b), "b=2e+06 INR "},
		{"350k", "vi", "", asked(b, l), "b=350000 VND "},
		{"3k", "en", "", asked(q, b), "q=3000-3000 "},
		{"3k", "fr", "EUR", asked(b, l), "b=3000 EUR "},
		{"ok", "en", "", asked(q, b), ""},
		// A correction with a bare count is a quantity, whatever was asked.
		{"actually 1,800", "en", "USD", asked(b, l), "q=1800-1800 "},
		{"jadi 2.600", "id", "", asked(b, l), "q=2600-2600 "},
		{"anzi 900", "it", "", asked(b, l), "q=900-900 "},
		// A clause naming the budget gives it in the conversation's currency.
		{"the boss says the budget can go up to 70k", "en", "GBP", asked(l), "b=70000 GBP "},
		// A date answering the lead-time question needs no deadline word.
		{"end of March", "en", "", asked(l), "l=149 "},
		{"fin de mars", "fr", "", asked(b, l), "l=149 "},
	}
	for _, tt := range tests {
		tr := e.ReadTurn(tt.text, turnSent, triage.Context{Asked: tt.asked, Currency: tt.cur, Language: tt.lang})
		if g := got(tr.Cues); g != tt.want {
			t.Errorf("ReadTurn(%q, %s, asked %v, currency %q) = %q, want %q", tt.text, tt.lang, tt.asked, tt.cur, g, tt.want)
		}
	}
}

// TestDeclines: "not sure yet" and its kin in every language decline the
// cue they name, else the cues just asked, never one the message gives.
func TestDeclines(t *testing.T) {
	e := newEngine(t)
	o, q, b, l := triage.CueOwnership, triage.CueQuantity, triage.CueBudget, triage.CueLeadTime
	tests := []struct {
		text  string
		asked []triage.Cue
		want  []triage.Cue
	}{
		{"not sure yet", asked(b, l), asked(b, l)},
		{"no budget yet, we need them in 3 months", asked(b, l), asked(b)},
		{"the delivery date is not decided", asked(q, l), asked(l)},
		{"presupuesto por definir", asked(b, l), asked(b)},
		{"o orçamento ainda não sei", asked(b, l), asked(b)},
		{"pour le design, je ne sais pas encore", asked(o, q), asked(o)},
		{"Liefertermin noch offen", asked(b, l), asked(l)},
		{"la quantità non lo so", asked(q, b), asked(q)},
		{"budgetnya belum tahu", asked(b, l), asked(b)},
		{"tarikh belum pasti lagi", asked(b, l), asked(l)},
		{"chưa biết ngân sách", asked(b, l), asked(b)},
		{"งบยังไม่แน่ใจค่ะ", asked(b, l), asked(b)},
		{"交期还没定", asked(b, l), asked(l)},
		{"预算待定", asked(q, b), asked(b)},
		{"500 pcs, not sure about the rest", asked(q, b), asked(b)},
		{"ASAP", asked(l), nil},
		{"we are sure it will sell", asked(b), nil},
		{"I don't know if you can make them in black with a matte frame", asked(b, l), nil},
		{"还不知道呢", asked(q, b), asked(q, b)},
	}
	for _, tt := range tests {
		tr := e.ReadTurn(tt.text, turnSent, triage.Context{Asked: tt.asked})
		if !slices.Equal(tr.Declined, tt.want) {
			t.Errorf("ReadTurn(%q, asked %v).Declined = %v, want %v", tt.text, tt.asked, tr.Declined, tt.want)
		}
	}
}

// TestPriceQuestions: a buyer asking what it costs, in each language.
func TestPriceQuestions(t *testing.T) {
	e := newEngine(t)
	tests := []struct {
		text string
		want bool
	}{
		{"price?", true}, {"how much are they", true}, {"¿cuánto cuestan?", true}, {"quanto custa?", true},
		{"c'est combien ?", true}, {"was kostet das", true}, {"quanto costa?", true}, {"berapa harganya kak", true},
		{"harga berapa?", true}, {"giá bao nhiêu vậy", true}, {"ราคาเท่าไหร่คะ", true}, {"多少钱？", true},
		{"target price USD 9 per piece", false}, {"we need 2000 pcs", false}, {"budget is 30k", false},
	}
	for _, tt := range tests {
		if got := e.ReadTurn(tt.text, turnSent, triage.Context{}).AsksPrice; got != tt.want {
			t.Errorf("ReadTurn(%q).AsksPrice = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestPlainLanguage: only a whole sentence of a language may switch a
// conversation to it; digits, sizes, amounts, codes and short answers
// never do.
func TestPlainLanguage(t *testing.T) {
	e := newEngine(t)
	tests := []struct {
		text, lang string
		plain      bool
	}{
		{"budget entre 40 000 et 50 000 €", "fr", false},
		{"3 000 pièces", "fr", false},
		{"OK", "en", false},
		{"60x80cm 3000K IP44", "en", false},
		{"no budget yet", "en", false},
		{"Sorry, my colleague takes over, we need the mirrors in two months", "en", true},
		{"Preferimos seguir en español, necesitamos los espejos en dos meses", "es", true},
		{"Wir möchten lieber auf Deutsch weiterschreiben, bitte", "de", true},
		{"kami mau pakai desain dari katalog kakak saja", "id", true},
		{"kami nak guna reka bentuk dari katalog tuan sahaja", "ms", true},
		{"我们想用你们目录里的款式", "zh", true},
		{"สวัสดีค่ะ สนใจกระจกค่ะ", "th", true},
	}
	for _, tt := range tests {
		tr := e.ReadTurn(tt.text, turnSent, triage.Context{})
		if plain := tr.Plain && tr.Language == tt.lang; plain != tt.plain {
			t.Errorf("ReadTurn(%q): language %q plain %v, want %s plain %v", tt.text, tr.Language, tr.Plain, tt.lang, tt.plain)
		}
	}
}

// TestDecideInSkipsDeclined: a declined cue is never asked; with every
// cue known or declined nothing is missing.
func TestDecideInSkipsDeclined(t *testing.T) {
	e := newEngine(t)
	c := triage.Cues{Quantity: &triage.Range{Min: 800, Max: 800}}
	v := e.DecideIn(c, "en", triage.Context{Declined: asked(triage.CueOwnership, triage.CueBudget)})
	if len(v.Questions) != 1 || v.Questions[0].Cue != triage.CueLeadTime {
		t.Errorf("questions with ownership and budget declined = %+v, want the lead time alone", v.Questions)
	}
	c.LeadTimeDays = &triage.Range{Min: 60, Max: 60}
	if m := triage.Missing(c, asked(triage.CueOwnership, triage.CueBudget)); len(m) != 0 {
		t.Errorf("Missing = %v, want none", m)
	}
}

// TestBudgetAnswersInConversationCurrency: the suggested budget answers
// follow the conversation's currency, and each reads back as that
// currency in that language.
func TestBudgetAnswersInConversationCurrency(t *testing.T) {
	e := newEngine(t)
	for _, tt := range []struct{ lang, cur string }{{"id", "IDR"}, {"id", "USD"}, {"vi", "USD"}, {"ms", "MYR"}, {"en", "EUR"}, {"de", "CHF"}} {
		v := e.DecideIn(triage.Cues{Quantity: &triage.Range{Min: 900, Max: 900}}, tt.lang, triage.Context{Currency: tt.cur})
		for _, q := range v.Questions {
			if q.Cue != triage.CueBudget {
				continue
			}
			if len(q.Answers) == 0 {
				t.Errorf("%s/%s: no budget answers", tt.lang, tt.cur)
			}
			for _, a := range q.Answers {
				rd := e.ReadIn(a, turnSent, triage.Context{Asked: asked(triage.CueBudget), Language: tt.lang})
				if rd.Budget == nil || rd.Budget.Currency != tt.cur {
					t.Errorf("%s/%s: answer %q reads as %+v, want %s", tt.lang, tt.cur, a, rd.Budget, tt.cur)
				}
			}
		}
	}
}
