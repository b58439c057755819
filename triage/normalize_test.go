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
