package triage

import (
	"testing"
	"time"
)

// TestCorrections reads messages whose buyer corrects a quantity, in
// several languages: the correction replaces what it corrects.
func TestCorrections(t *testing.T) {
	e, err := New(DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	sent := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		text string
		want int64
	}{
		{"We need 1,500 pcs of the oval mirror.\nSorry, make that 1,800.", 1800},
		{"Order: 600 units. Correction: 650 units, not 600.", 650},
		{"kami pesan 400 unit, eh salah, maksud saya 450 unit", 450},
		{"Necesitamos 900 piezas, mejor dicho 950 piezas.", 950},
		{"Wir brauchen 300 Stück. Korrektur: 320 Stück.", 320},
		{"Ci servono 700 pezzi, anzi no, 750 pezzi.", 750},
		{"bên em cần 200 cái, à nhầm, 250 cái", 250},
		{"黑色 300个\n白色 200个\n不好意思，白色改成400个", 700},
		{"No correction here: 500 pcs round and 300 pcs oval.", 800},
		{"We need 1,200 units of the arch mirror.\nsorry, 1,500 not 1,200.", 1500},
		{"Bitte 800 Stück. Korrigiere: 900, nicht 800.", 900},
		{"Il nous faut 600 miroirs. Pardon, je corrige : 650.", 650},
		{"kami butuh 300 unit, 350 bukan 300", 350},
		// an apology then a count at once corrects; an apology then anything else does not
		{"We need 800 units, oops 850", 850},
		{"Il nous faut 500 miroirs — pardon, plutôt 550.", 550},
		{"Necesitamos 300 espejos. Perdón, 320.", 320},
		{"cần 100 cái, xin lỗi, 120 cái", 120},
		{"ต้องการ 200 ชิ้น ขอโทษค่ะ 240 ชิ้น", 240},
		{"我们要500个，抱歉，600个", 600},
		{"kami pesan 300 pcs ya, maaf, 350 pcs", 350},
		{"Wir brauchen 900 Stück, Entschuldigung, 12 000 Stück", 12000},
		{"We need 450 pcs. Sorry, 2 questions about the frame.", 450},
		{"We need 450 pcs. Sorry for the delay, 3 weeks of holiday.", 450},
	}
	for _, tt := range tests {
		rd := e.Read(tt.text, sent)
		if rd.Quantity == nil || rd.Quantity.Min != tt.want || rd.Quantity.Max != tt.want {
			t.Errorf("Read(%q).Quantity = %v, want %d", tt.text, rd.Quantity, tt.want)
		}
	}
}

// TestCorrectionSpans checks which tokens a cue flags and what it names.
func TestCorrectionSpans(t *testing.T) {
	e, err := New(DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	toks := tokenize(normalize("长方形改成800个。谢谢"), e.lx.thaiWords, e.lx.thaiMax, nil)
	var cs corrections
	e.corrections.markCorrections(toks, &cs)
	if cs.n != 1 {
		t.Fatalf("%d corrections, want 1", cs.n)
	}
	sp := cs.spans[0]
	var name, flagged string
	for _, tk := range toks[sp.name:sp.cue] {
		name += tk.s
	}
	for _, tk := range toks[sp.start:sp.end] {
		flagged += tk.s
	}
	if name != "长方形" || flagged != "800个" {
		t.Errorf("name %q flagged %q, want 长方形 and 800个", name, flagged)
	}
}
