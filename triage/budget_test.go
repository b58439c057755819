package triage_test

import (
	"testing"
	"time"
)

// TestReadBudgetPrices covers amounts called a price (per unit, also
// without "/pc"), per-dozen prices, line items each with a price, and the
// factory's prices a buyer repeats to turn them down or to accept them.
func TestReadBudgetPrices(t *testing.T) {
	e := newEngine(t)
	tests := []struct {
		in       string
		min, max float64
		cur      string // "" for no budget
	}{
		// a price word makes an amount per unit
		{"Qty: 2,000 pcs\nTarget price: US $4.50", 9000, 9000, "USD"},
		{"Cantidad: 500 unidades. Precio objetivo: 12 € c/u", 6000, 6000, "EUR"},
		{"Menge: 400 Stück\nZielpreis: 9,00 €", 3600, 3600, "EUR"},
		{"Jumlah 300 pcs, harga satuan 150rb", 45e6, 45e6, "IDR"},
		{"จำนวน: 200 ชิ้น\nราคาเป้าหมาย: 350 บาท", 70000, 70000, "THB"},
		{"prix cible 30 € pièce pour 100 miroirs", 3000, 3000, "EUR"},
		// a total stays a total
		{"Quantity 1,000 pcs\nTotal price USD 15,000", 15000, 15000, "USD"},
		{"1000 pcs, target price USD 5/pc, total budget USD 4,000", 4000, 4000, "USD"},
		{"Quantity: 800 units\nBudget: RM 90,000", 90000, 90000, "MYR"},
		// per dozen: quantity ÷ 12 × price
		{"20 dozen hand mirrors, we can pay $24 a dozen", 480, 480, "USD"},
		{"10 docenas de espejos de bolso, 36 USD la docena", 360, 360, "USD"},
		{"12 douzaines, 18 € la douzaine", 216, 216, "EUR"},
		{"Nak 10 dozen cermin, RM 60 sedozen", 600, 600, "MYR"},
		{"要50打，每打US$30", 1500, 1500, "USD"},
		{"要20打，每打100元，可以吗？", 2000, 2000, "CNY"},
		{"quero 10 dúzias, preço da dúzia R$ 120", 1200, 1200, "BRL"},
		{"สั่ง 10 โหล โหลละ 600 บาท", 6000, 6000, "THB"},
		{"lấy 20 tá gương, giá 1 tá 360k", 7.2e6, 7.2e6, "VND"},
		{"we need 10 dozen, price 1 dozen USD 48", 480, 480, "USD"},
		{"我们要三千个，预算大概二十万块", 200000, 200000, "CNY"},
		// line items, each with its price
		{"Round 60cm - 100 pcs @ $20\nOval 50x70 - 50 pcs @ $30", 3500, 3500, "USD"},
		{"- gương tròn: 100 cái x 300k\n- gương vuông: 50 cái x 400k", 50e6, 50e6, "VND"},
		{"Quantità: 100 pz / 200 pz\nPrezzo target: 60x80 a 10 €, 80x100 a 20 €", 5000, 5000, "EUR"},
		// the factory's price repeated: turned down or accepted
		{"USD 15 is too high for us; our target is USD 12/pc for 500 pcs", 6000, 6000, "USD"},
		{"Harga Rp 100.000/unit terlalu mahal, kami mau Rp 80.000 per unit untuk 100 unit", 8e6, 8e6, "IDR"},
		{"El precio de 20 USD es muy alto, podemos pagar 15 USD por pieza por 100 piezas", 1500, 1500, "USD"},
		{"Bên em đồng ý giá 200.000đ/cái, lấy 100 cái", 0, 0, ""},
	}
	for _, tc := range tests {
		rd := e.Read(tc.in, time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC))
		checkMoney(t, tc.in, rd.Budget == nil, tc.cur, func() (float64, float64, string) {
			return rd.Budget.Min, rd.Budget.Max, rd.Budget.Currency
		}, tc.min, tc.max)
	}
}

// TestReadBudgetCurrencyWords covers currency words, k€, scale words on
// both ends of a range in words, and the currency of an amount with no mark.
func TestReadBudgetCurrencyWords(t *testing.T) {
	e := newEngine(t)
	tests := []struct {
		in       string
		min, max float64
		cur      string
	}{
		{"預算：新台幣 50 萬元", 500000, 500000, "TWD"},
		{"预算大约 3 万美金", 30000, 30000, "USD"},
		{"預算港幣 20 萬", 200000, 200000, "HKD"},
		{"预算 100 万日元", 1e6, 1e6, "JPY"},
		{"預算 2 萬歐元", 20000, 20000, "EUR"},
		{"预算 5 万令吉", 50000, 50000, "MYR"},
		{"预算台币 40 万", 400000, 400000, "TWD"},
		{"presupuesto de 500 mil pesos mexicanos", 500000, 500000, "MXN"},
		{"orçamento de 30 mil reais", 30000, 30000, "BRL"},
		{"budget 12 k€", 12000, 12000, "EUR"},
		{"budget of 5000 US dollars", 5000, 5000, "USD"},
		{"budget between two and three million rupiah", 2e6, 3e6, "IDR"},
		{"presupuesto entre dos y tres millones MXN", 2e6, 3e6, "MXN"},
		{"budget 20 to 30 thousand dollars", 20000, 30000, "USD"},
		{"budget de 1,5 à 2 millions d'euros", 1.5e6, 2e6, "EUR"},
		{"we could spend about six and a half thousand dollars", 6500, 6500, "USD"},
		// no mark: a local scale word names the market, else the language
		{"budget kira-kira dua ratus juta", 200e6, 200e6, "IDR"},
		{"ngân sách khoảng một trăm rưỡi triệu", 150e6, 150e6, "VND"},
		{"งบประมาณล้านครึ่งบาท", 1.5e6, 1.5e6, "THB"},
		{"预算十万左右", 100000, 100000, "CNY"},
		{"Unser Budget beträgt 40.000 für die ganze Bestellung", 40000, 40000, "EUR"},
		{"Il nostro budget è 30.000 per tutto l'ordine", 30000, 30000, "EUR"},
		{"Notre budget est de 25 000 pour la commande", 25000, 25000, "EUR"},
		{"budget 5 lakh", 500000, 500000, "INR"},
	}
	for _, tc := range tests {
		rd := e.Read(tc.in, time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC))
		checkMoney(t, tc.in, rd.Budget == nil, tc.cur, func() (float64, float64, string) {
			return rd.Budget.Min, rd.Budget.Max, rd.Budget.Currency
		}, tc.min, tc.max)
	}
}

func checkMoney(t *testing.T, in string, isNil bool, cur string, got func() (float64, float64, string), min, max float64) {
	t.Helper()
	if cur == "" {
		if !isNil {
			lo, hi, c := got()
			t.Errorf("Read(%q).Budget = %v-%v %s, want null", in, lo, hi, c)
		}
		return
	}
	if isNil {
		t.Errorf("Read(%q).Budget = null, want %v-%v %s", in, min, max, cur)
		return
	}
	lo, hi, c := got()
	if c != cur || lo < min*0.99 || lo > min*1.01 || hi < max*0.99 || hi > max*1.01 {
		t.Errorf("Read(%q).Budget = %v-%v %s, want %v-%v %s", in, lo, hi, c, min, max, cur)
	}
}
