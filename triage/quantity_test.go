package triage_test

import (
	"testing"
	"time"
)

// TestReadQuantityRules covers TRIAGE.md section 1's rules of quantity:
// spares add, sets count as units and their content is no line item, past
// orders give way, line items add with or without a count word, "N models,
// M each" multiplies, and counts of designs or of a kind are no items.
func TestReadQuantityRules(t *testing.T) {
	e := newEngine(t)
	tests := []struct {
		lang, in string
		want     string
	}{
		// spares add
		{"en", "We need 500 mirrors for the rooms plus 25 spares.", "525-525"},
		{"en", "600 pcs + 12 spares", "612-612"},
		{"it", "ci servono 200 set più 10 di scorta", "210-210"},
		{"pt", "precisamos de 120 kits + 6 kits de reposição", "126-126"},
		{"ms", "kami nak 400 set + 20 set ganti", "420-420"},
		{"vi", "lấy 500 cái + 10 cái dự phòng", "510-510"},
		// what is inside a set is no line item
		{"en", "We need 300 sets; each set contains 2 mirrors and 1 shelf.", "300-300"},
		{"pt", "300 kits (cada kit tem 3 espelhos)", "300-300"},
		{"id", "Satu set berisi 2 cermin dan 1 rak. Kami pesan 250 set.", "250-250"},
		{"zh", "需要800套，每套包含两面镜子和一个托盘。", "800-800"},
		{"th", "แต่ละชุดประกอบด้วยกระจก 2 บาน ต้องการ 600 ชุด", "600-600"},
		{"ms", "kami ambil 220 set (1 set = 2 cermin + 1 dulang)", "220-220"},
		// a past order gives way to this one
		{"en", "Last year we bought 9,000 mirrors from another factory. This time we need 1,500 pcs.", "1500-1500"},
		{"es", "El año pasado compramos 6.000 espejos; ahora queremos 2.000 piezas.", "2000-2000"},
		{"de", "Letztes Jahr haben wir 7.000 Stück bestellt. Jetzt brauchen wir 1.200 Stück.", "1200-1200"},
		{"vi", "Năm ngoái bên em đặt 5.000 cái. Năm nay bên em cần 1.000 cái.", "1000-1000"},
		{"zh", "去年我们订过 6,000 面，这次要 2,000 面。", "2000-2000"},
		{"th", "ปีที่แล้วสั่ง 3,000 ชิ้น รอบนี้ขอ 800 ชิ้น", "800-800"},
		{"en", "Last year we bought 4,000 mirrors.", "4000-4000"}, // nothing else is stated
		// line items with or without a count word
		{"en", "For the wall mirror we need:\nblack 300\nwhite 200\noak 100", "600-600"},
		{"de", "Filialen:\nBerlin 120\nHamburg 80\nKöln 50", "250-250"},
		{"zh", "圆形 300\n椭圆 200", "500-500"},
		{"en", "Double rooms – oval 600x900: 40\nSuites – round 800x800: 12", "52-52"},
		{"es", "Cantidad: negro 200 / blanco 150 / roble 50", "400-400"},
		{"en", "3 models, 200 pieces each", "600-600"},
		{"es", "queremos 2 modelos, 150 piezas de cada uno", "300-300"},
		// counts that are no items
		{"fr", "Deux miroirs de notre création : modèle A 1 000 pièces, modèle B 500 pièces.", "1500-1500"},
		{"zh", "我们设计了一款三面镜，需要500套。", "500-500"},
		{"en", "we'd take one of your arch mirrors, 800 pcs", "800-800"},
		{"en", "so 200 round and 100 oval, 300 all up", "300-300"},
		{"en", "about 400 of your round mirrors with our logo", "400-400"},
		{"id", "jumlahnya kira2 450 pcs", "450-450"},
		// hedged counts are ranges; per variant × variants
		{"en", "we need about 1,000 of them, maybe 1,500", "1000-1500"},
		{"de", "wir brauchen etwa viertausend Stück, vielleicht fünftausend", "4000-5000"},
		{"en", "please quote 600 or 800 hand mirrors", "600-800"},
		{"th", "ต้องการกระจก 300 หรือ 400 ชิ้น", "300-400"},
		{"de", "200 Stück pro Farbe, 4 Farben", "800-800"},
		{"ms", "3 saiz, 150 unit setiap satu", "450-450"},
		{"th", "2 แบบ แบบละ 300 ชิ้น", "600-600"},
		{"id", "3 model masing2 200 pcs", "600-600"},
		// counts for places, a past year, ordinals, shares written with à
		{"fr", "70 pour le magasin de Lille, 30 pour Metz", "100-100"},
		{"pt", "Para as filiais:\n• 50 para Porto\n• 25 para Braga", "75-75"},
		{"de", "2024 haben wir 3.000 Spiegel gekauft. Diesmal 600 Stück.", "600-600"},
		{"zh", "想订目录第8页的化妆镜，50打", "600-600"},
		{"de", "3 Varianten à 120 Stück", "360-360"},
		{"fr", "500 pièces à 5 € pièce", "500-500"},
		{"it", "ci servono 1.200 specchietti da borsa", "1200-1200"},
		// a minimum the buyer states is a bound; asked of the factory, its MOQ
		{"es", "necesitamos mínimo 3.000 unidades", "3000-3000"},
		{"de", "wir brauchen mindestens 1.500 Stück", "1500-1500"},
		{"en", "is your minimum 300 pcs?", "null"},
		{"en", "MOQ 500 pcs? we want 200 pcs", "200-200"},
		// the buyer's own words come before the text they forward
		{"en", "Hi, our final count is 1,200 mirrors.\n\nBegin forwarded message:\nFrom: Anna Berg\nDate: Mon, 2 Mar 2026\nSubject: mirrors\n\nQty 900 (tbc).", "1200-1200"},
		{"en", "See my boss's note below.\n\nBegin forwarded message:\nFrom: Anna Berg\nDate: Mon, 2 Mar 2026\nSubject: mirrors\n\nWe need 900 pcs of the oval mirror.", "900-900"},
	}
	for _, tc := range tests {
		rd := e.Read(tc.in, time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC))
		if got := showR(rd.Quantity); got != tc.want {
			t.Errorf("[%s] Read(%q).Quantity = %s, want %s", tc.lang, tc.in, got, tc.want)
		}
	}
}
