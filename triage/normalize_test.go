package triage

import (
	"testing"
	"time"
)

func TestNormalizeUnicode(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"ＱＴＹ ３０００ ｐｃｓ", "qty 3000 pcs"},
		{"60㎝ × 80㎝", "60cm × 80cm"},
		{"gu\u031Bo\u031Bng", "gương"}, // decomposed Vietnamese composes
		{"Ａ１ mirror ①", "a1 mirror 1"},
		{"price ＄12 – ok", "price $12 - ok"},
		{"ﬁnish", "finish"},
	} {
		if got := normalize(c.in); got != c.want {
			t.Errorf("normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestFoldTraditional(t *testing.T) {
	e, err := New(DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	f := e.lx.fold
	for _, c := range []struct{ in, want string }{
		{"我們需要兩萬個鏡子", "我们需要两万个镜子"},
		{"預算新台幣", "预算新台币"},
		{"客房要 360 塊", "客房要 360 塊"}, // kept: a counter, not the yuan 块
		{"plain ascii", "plain ascii"},
	} {
		if got := f.normalize(c.in); got != c.want {
			t.Errorf("fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// Traditional text reads like simplified.
	sent := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	simp, trad := e.Read("我们需要两千个镜子，预算五万元", sent), e.Read("我們需要兩千個鏡子，預算五萬元", sent)
	if simp.Quantity == nil || trad.Quantity == nil || *simp.Quantity != *trad.Quantity ||
		simp.Budget == nil || trad.Budget == nil || simp.Budget.Min != trad.Budget.Min {
		t.Errorf("simplified %+v / %+v, traditional %+v / %+v", simp.Quantity, simp.Budget, trad.Quantity, trad.Budget)
	}
}

func TestChatWords(t *testing.T) {
	e, err := New(DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	f := e.lx.fold
	for _, c := range []struct{ in, lang, want string }{
		{"pls send qty 500", "en", "please send quantity 500"},
		{"pleaseee need it b4 june", "en", "please need it before june"},
		{"we neeed 300 pcs", "en", "we need 300 pcs"},
		{"sooo urgenttt", "en", "so urgent"},
		{"tdk ada desain, kira2 2 bln", "id", "tidak ada desain, kira-kira 2 bulan"},
		{"nk order dlm 3 minggu", "ms", "nak order dalam 3 minggu"},
		{"dc ko a, thx", "vi", "được không a, thanks"},
		{"vc tem qtd?", "pt", "você tem quantidade?"},
		{"3000 pcs, 60x80", "en", "3000 pcs, 60x80"},
		{"ko", "en", "ko"}, // an abbreviation of another language stays
		{"cant: 500 unidades pls", "es", "cant: 500 unidades please"}, // English "cant" is no Spanish chat form
	} {
		if got := f.chatWords(c.in, c.lang); got != c.want {
			t.Errorf("chatWords(%q, %s) = %q, want %q", c.in, c.lang, got, c.want)
		}
	}
	sent := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	if rd := e.Read("mau pesan 500 pcs, kirim dlm 2 bln", sent); rd.LeadTimeDays == nil || rd.LeadTimeDays.Min != 60 {
		t.Errorf("bln: lead %+v, want 60 days", rd.LeadTimeDays)
	}
}

func TestStripVi(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"chúng tôi muốn đặt hàng", "chung toi muon dat hang"},
		{"Đà Nẵng", "Da Nang"},
		{"ba nghìn chiếc gương", "ba nghin chiec guong"},
		{"plain", "plain"},
		{"镜子 ok", "镜子 ok"},
	} {
		if got := stripVi(c.in); got != c.want {
			t.Errorf("stripVi(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if !plainVietnamese("chung toi can 500 cai guong, giao trong 2 thang") || plainVietnamese("chúng tôi cần 500 cái gương") {
		t.Error("plainVietnamese misjudges")
	}
}

// TestPlainVietnamese reads Vietnamese typed without diacritics like the
// same text with them.
func TestPlainVietnamese(t *testing.T) {
	e, err := New(DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	sent := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct{ marked, plain string }{
		{"Chúng tôi cần ba nghìn cái gương, giao trong vòng 2 tháng.", "Chung toi can ba nghin cai guong, giao trong vong 2 thang."},
		{"Bên em đặt 800 chiếc, ngân sách 200 triệu đồng.", "Ben em dat 800 chiec, ngan sach 200 trieu dong."},
	} {
		m, p := e.Read(c.marked, sent), e.Read(c.plain, sent)
		if m.Language != "vi" || p.Language != "vi" {
			t.Errorf("languages %s / %s, want vi", m.Language, p.Language)
		}
		if !sameRange(m.Quantity, p.Quantity) || !sameRange(m.LeadTimeDays, p.LeadTimeDays) || (m.Budget == nil) != (p.Budget == nil) ||
			(m.Budget != nil && (m.Budget.Min != p.Budget.Min || m.Budget.Currency != p.Budget.Currency)) || m.Quantity == nil {
			t.Errorf("%q: %+v %+v %+v\n%q: %+v %+v %+v", c.marked, m.Quantity, m.Budget, m.LeadTimeDays, c.plain, p.Quantity, p.Budget, p.LeadTimeDays)
		}
	}
}

func sameRange(a, b *Range) bool { return (a == nil && b == nil) || (a != nil && b != nil && *a == *b) }
