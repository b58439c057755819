package bot_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/triage"
)

// talk sends each text in turn as one buyer of one chat and returns the
// replies.
func (f *fixture) talk(t *testing.T, chat string, texts ...string) []bot.Reply {
	t.Helper()
	var rs []bot.Reply
	for i, text := range texts {
		m := msg(fmt.Sprintf("%s-%d", chat, i), text)
		m.ChatID = chat
		rs = append(rs, f.send(t, m))
	}
	return rs
}

func askedCues(r bot.Reply) []triage.Cue {
	var cs []triage.Cue
	for _, q := range r.Questions {
		cs = append(cs, q.Cue)
	}
	return cs
}

// TestShortMoneyAnswersKeepTheirCurrency: the transcripts of issue 10 — a
// short money answer with a local scale word takes the buyer's currency,
// not dollars.
func TestShortMoneyAnswersKeepTheirCurrency(t *testing.T) {
	tests := []struct {
		name  string
		turns []string
		cur   string
		min   float64
	}{
		{"vi", []string{"Chào shop, bên mình có bản vẽ riêng, cần làm 1.500 cái gương", "tầm 400 triệu"}, "VND", 400e6},
		{"id", []string{"Halo kak, kami punya desain sendiri, butuh 2.000 pcs cermin", "budget 600 jt"}, "IDR", 600e6},
		{"th", []string{"สวัสดีค่ะ เรามีแบบของเราเอง ต้องการกระจก 2,000 ชิ้นค่ะ", "4 ล้าน"}, "THB", 4e6},
		{"es", []string{"Hola, tenemos nuestro propio diseño, necesitamos 1.200 espejos", "unos 300 mil pesos mexicanos"}, "MXN", 300000},
		{"zh", []string{"你好，我们有自己的设计，要两千个镜子", "二十万美金"}, "USD", 200000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			rs := f.talk(t, "c-"+tt.name, tt.turns...)
			b := rs[len(rs)-1].Cues.Budget
			if b == nil || b.Currency != tt.cur || b.Min != tt.min {
				t.Fatalf("budget after %q = %+v, want %g %s", tt.turns[len(tt.turns)-1], b, tt.min, tt.cur)
			}
			if rs[len(rs)-1].Language != tt.name {
				t.Errorf("reply language %s, want %s", rs[len(rs)-1].Language, tt.name)
			}
		})
	}
}

// TestEveryAskedCueIsKept: a bare number answering the second question
// of a reply is kept, and that question is not asked again.
func TestEveryAskedCueIsKept(t *testing.T) {
	f := newFixture(t)
	rs := f.talk(t, "c1", "Hi, we want LED mirrors for our shops", "we would take one of your catalogue designs", "750")
	if rs[1].Questions == nil || askedCues(rs[1])[0] != triage.CueQuantity {
		t.Fatalf("second reply asks %v, want the quantity first", askedCues(rs[1]))
	}
	last := rs[2]
	if q := last.Cues.Quantity; q == nil || q.Min != 750 {
		t.Fatalf("quantity after a bare 750 = %+v, want 750", q)
	}
	if slices.Contains(askedCues(last), triage.CueQuantity) {
		t.Errorf("quantity asked again after it was given: %v", askedCues(last))
	}
}

// TestDeclinedCueIsNotAskedAgain: "not sure yet" declines the cue it
// names; it is never asked again and the lead shows it.
func TestDeclinedCueIsNotAskedAgain(t *testing.T) {
	tests := []struct {
		lang  string
		turns []string
	}{
		{"en", []string{"We need 900 mirrors from your catalogue with our logo", "not sure about the budget yet", "and we need them within 8 weeks"}},
		{"id", []string{"Kami mau 900 cermin dari katalog kakak, pakai logo kami", "budgetnya belum tahu kak", "butuh dalam 2 bulan"}},
		{"zh", []string{"我们要九百个镜子，用你们目录里的款式，加我们的logo", "预算还没定", "两个月内交货"}},
		{"de", []string{"Wir brauchen 900 Spiegel aus Ihrem Katalog mit unserem Logo", "Budget noch offen", "Lieferung in 8 Wochen"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			f := newFixture(t)
			rs := f.talk(t, "c-"+tt.lang, tt.turns...)
			for i, r := range rs[1:] {
				if slices.Contains(askedCues(r), triage.CueBudget) {
					t.Errorf("turn %d asks the declined budget again", i+2)
				}
			}
			last := rs[len(rs)-1]
			if !slices.Equal(last.Declined, []triage.Cue{triage.CueBudget}) {
				t.Errorf("declined = %v, want [budget]", last.Declined)
			}
			if !last.HandedOver || len(last.Questions) != 0 {
				t.Errorf("every cue known or declined: handed over %v, questions %v", last.HandedOver, askedCues(last))
			}
			in, err := f.store.Inquiry(t.Context(), last.InquiryID)
			if err != nil {
				t.Fatal(err)
			}
			if !in.Ready || !slices.Equal(in.Declined, []triage.Cue{triage.CueBudget}) {
				t.Errorf("stored inquiry: ready %v, declined %v", in.Ready, in.Declined)
			}
		})
	}
}

// TestHandOverThenMore: the reply that completes the inquiry hands it over
// with the configured line; a later message is added to it without
// restarting the questions.
func TestHandOverThenMore(t *testing.T) {
	f := newFixture(t)
	rs := f.talk(t, "c1",
		"We have our own drawings for 3000 backlit mirrors",
		"budget USD 60,000, delivery in 5 months",
		"also, can the box be printed in black?")
	done, more := rs[1], rs[2]
	if !done.HandedOver || len(done.Questions) != 0 || !slices.Contains(done.Paragraphs, f.label("handover")) {
		t.Errorf("complete inquiry: handed over %v, questions %v, paragraphs %q", done.HandedOver, askedCues(done), done.Paragraphs)
	}
	if !more.HandedOver || len(more.Questions) != 0 || !slices.Contains(more.Paragraphs, f.label("handover_more")) {
		t.Errorf("message after hand-over: handed over %v, questions %v, paragraphs %q", more.HandedOver, askedCues(more), more.Paragraphs)
	}
	if more.InquiryID != done.InquiryID || more.Cues.Quantity == nil || more.Cues.Quantity.Min != 3000 {
		t.Errorf("the later message started over: inquiry %d (was %d), cues %+v", more.InquiryID, done.InquiryID, more.Cues)
	}
}

// TestPriceQuestionGetsAnHonestAnswer: "price?" gets the configured
// answer and the questions still open.
func TestPriceQuestionGetsAnHonestAnswer(t *testing.T) {
	f := newFixture(t)
	r := f.talk(t, "c1", "Hi, price for 500 round LED mirrors?")[0]
	if !slices.Contains(r.Paragraphs, f.label("price_answer")) {
		t.Errorf("price question: paragraphs %q lack the price answer", r.Paragraphs)
	}
	if len(r.Questions) == 0 {
		t.Errorf("price question: no open question asked")
	}
}

// TestLanguageIsSticky: digits, amounts, sizes and short answers never
// switch the language; a whole sentence in another language does.
func TestLanguageIsSticky(t *testing.T) {
	tests := []struct {
		name  string
		turns []string
		want  []string
	}{
		{"fr digit groups", []string{"Bonjour, nous avons nos propres plans pour des miroirs", "budget entre 40 000 et 50 000 €", "3 000 pièces"}, []string{"fr", "fr", "fr"}},
		{"pt short answers", []string{"Olá, gostaríamos de um modelo do seu catálogo com a nossa logo", "800", "ok"}, []string{"pt", "pt", "pt"}},
		{"id not ms", []string{"Halo kak, mau tanya harga cermin LED, butuhnya banyak", "2.000 pcs"}, []string{"id", "id"}},
		{"switch", []string{"Hola, necesitamos espejos de su catálogo con nuestro logo", "500", "Sorry, my colleague will continue in English, we need them within two months"}, []string{"es", "es", "en"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			for i, r := range f.talk(t, "c1", tt.turns...) {
				if r.Language != tt.want[i] {
					t.Errorf("turn %d %q: language %s, want %s", i+1, tt.turns[i], r.Language, tt.want[i])
				}
			}
		})
	}
}

// TestNoClaimTheBuyerDidNotMake: with only a delivery date known, the reply
// neither says "made to your design" nor "you provide the design".
func TestNoClaimTheBuyerDidNotMake(t *testing.T) {
	f := newFixture(t)
	r := f.talk(t, "c1", "we need mirrors delivered within 7 months")[0]
	if r.Model == triage.Unknown {
		t.Fatalf("model UNKNOWN: the lead time alone should suggest a model")
	}
	text := r.Headline + "\n" + strings.Join(r.Paragraphs, "\n")
	for _, claim := range []string{f.label("verdict_OEM"), "you provide the design", "made to your design"} {
		if strings.Contains(text, claim) {
			t.Errorf("reply claims %q the buyer never made:\n%s", claim, text)
		}
	}
	if !strings.HasPrefix(r.Headline, string(r.Model)) {
		t.Errorf("headline %q does not lead with the model", r.Headline)
	}
}

// TestFactsUseTheReplyNumberFormat: facts and explanation write numbers
// one way, the buyer's.
func TestFactsUseTheReplyNumberFormat(t *testing.T) {
	f := newFixture(t)
	r := f.talk(t, "c1", "Halo, kami punya desain sendiri, butuh 1.200 unit cermin")[0]
	if got := factValue(r, "quantity"); !strings.HasPrefix(got, "1.200 ") {
		t.Errorf("Indonesian quantity fact = %q, want 1.200", got)
	}
	if strings.Contains(strings.Join(r.Paragraphs, " "), "1,200") {
		t.Errorf("explanation writes 1,200 in an Indonesian reply: %q", r.Paragraphs)
	}
}

// TestBudgetButtonsInBuyersCurrency: an Indonesian buyer is offered
// rupiah, never ringgit.
func TestBudgetButtonsInBuyersCurrency(t *testing.T) {
	f := newFixture(t)
	r := f.talk(t, "c1", "Halo kak, kami butuh 1.000 cermin LED, desain dari katalog kakak saja")[0]
	var answers []string
	for _, q := range r.Questions {
		if q.Cue == triage.CueBudget {
			answers = q.Answers
		}
	}
	if len(answers) == 0 {
		t.Fatalf("no budget question with answers: %+v", r.Questions)
	}
	for _, a := range answers {
		if !strings.Contains(a, "Rp") {
			t.Errorf("Indonesian buyer offered %q, want rupiah", a)
		}
	}
}
