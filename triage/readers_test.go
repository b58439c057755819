package triage_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/triagebot/triagebot/triage"
)

func rng(lo, hi int64) *triage.Range { return &triage.Range{Min: lo, Max: hi} }

func showR(r *triage.Range) string {
	if r == nil {
		return "null"
	}
	return fmt.Sprintf("%d-%d", r.Min, r.Max)
}

// TestReadQuantity covers number forms, number words in every language,
// dozens, ranges, samples, line items, sets and the traps.
func TestReadQuantity(t *testing.T) {
	e := newEngine(t)
	tests := []struct {
		lang, in string
		want     *triage.Range
	}{
		// digit forms
		{"en", "need 3000 pcs", rng(3000, 3000)},
		{"en", "need 3,000 pcs", rng(3000, 3000)},
		{"de", "3.000 Stück", rng(3000, 3000)},
		{"fr", "3 000 pièces", rng(3000, 3000)},
		{"fr", "3\u202f000 pièces", rng(3000, 3000)},
		{"en", "3k pcs", rng(3000, 3000)},
		{"en", "3K units", rng(3000, 3000)},
		{"en", "1.5k pcs", rng(1500, 1500)},
		{"de", "ca. 2,5k Stück", rng(2500, 2500)},
		{"en", "2000pcs", rng(2000, 2000)},
		{"en", "qty 2200 nos", rng(2200, 2200)},
		{"en", "Quantity: 2,750 Piece/Pieces", rng(2750, 2750)},
		// ranges and one-sided bounds
		{"en", "2,000–3,000 pcs", rng(2000, 3000)},
		{"en", "qty 2k-3k pcs", rng(2000, 3000)},
		{"en", "300-600 pcs, depends on the price", rng(300, 600)},
		{"en", "between 1000 and 1500 pcs", rng(1000, 1500)},
		{"en", "at least 2000 pcs", rng(2000, 2000)},
		{"en", "max 800 pcs", rng(800, 800)},
		// number words
		{"en", "roughly three thousand units", rng(3000, 3000)},
		{"en", "four hundred of them", rng(400, 400)},
		{"en", "ten thousand pieces", rng(10000, 10000)},
		{"es", "tres mil piezas", rng(3000, 3000)},
		{"pt", "4 mil espelhos", rng(4000, 4000)},
		{"pt", "dois mil e quinhentos espelhos", rng(2500, 2500)},
		{"fr", "deux mille miroirs", rng(2000, 2000)},
		{"de", "zweitausend Stück", rng(2000, 2000)},
		{"de", "zweitausendfünfhundert Stück", rng(2500, 2500)},
		{"it", "tremila pezzi", rng(3000, 3000)},
		{"it", "duemilacinquecento specchi", rng(2500, 2500)},
		{"id", "tiga ribu lima ratus unit", rng(3500, 3500)},
		{"id", "Berapa harga untuk seribu tiga ratus unit lampu?", rng(1300, 1300)},
		{"id", "kami perlu seratus lima puluh unit rak", rng(150, 150)},
		{"vi", "cần một trăm hai mươi chiếc gương", rng(120, 120)},
		{"id", "12 ribu unit", rng(12000, 12000)},
		{"ms", "dua ribu unit", rng(2000, 2000)},
		{"vi", "ba nghìn chiếc", rng(3000, 3000)},
		{"vi", "15 nghìn chiếc gương", rng(15000, 15000)},
		{"th", "สามพันชิ้น", rng(3000, 3000)},
		{"th", "สองพันห้าร้อยชิ้น", rng(2500, 2500)},
		{"pt", "mil e duzentos espelhos", rng(1200, 1200)},
		{"es", "mil espejos", rng(1000, 1000)},
		{"en", "fifteen hundred mirrors", rng(1500, 1500)},
		{"en", "like twenty five hundred of those", rng(2500, 2500)},
		{"vi", "hai nghìn năm trăm chiếc", rng(2500, 2500)},
		{"vi", "cần 15 nghìn sản phẩm", rng(15000, 15000)},
		{"zh", "两千五百件", rng(2500, 2500)},
		{"th", "จำนวน 2,500 ชิ้น", rng(2500, 2500)},
		{"zh", "三千件", rng(3000, 3000)},
		{"zh", "两万件", rng(20000, 20000)},
		{"zh", "5千件", rng(5000, 5000)},
		{"zh", "一万五千件", rng(15000, 15000)},
		{"en", "2 lakh pcs", rng(200000, 200000)},
		// dozens are the one multiplier
		{"en", "50 dozen", rng(600, 600)},
		{"en", "40 dozen hand mirrors", rng(480, 480)},
		{"es", "40 docenas", rng(480, 480)},
		{"pt", "60 dúzias", rng(720, 720)},
		{"fr", "50 douzaines", rng(600, 600)},
		{"de", "100 Dutzend", rng(1200, 1200)},
		{"id", "50 lusin", rng(600, 600)},
		{"it", "30 dozzine", rng(360, 360)},
		// product nouns after adjectives
		{"en", "1,400 small vanity mirrors", rng(1400, 1400)},
		{"es", "500 espejos redondos", rng(500, 500)},
		{"zh", "800个化妆镜", rng(800, 800)},
		// samples and trials
		{"en", "2 samples first, then 1,000 pcs", rng(1000, 1000)},
		{"en", "can u make 3 samples first? then 5000 pcs", rng(5000, 5000)},
		{"en", "2 samples of your AF-68 please", rng(2, 2)},
		{"en", "trial order of 50 pcs", rng(50, 50)},
		{"en", "2 samples and then 3000 pcs", rng(3000, 3000)},
		{"en", "Need 1pc sample and 800pcs order", rng(800, 800)},
		{"en", "2-pack mirrors, 1,000 packs", rng(1000, 1000)},
		{"en", "samples first and then 3000 pcs", rng(3000, 3000)},
		{"de", "Zunächst 2 Muster, danach 600 Stück", rng(600, 600)},
		// line items add up; sets count as units
		{"en", "4,000 pcs of 58x46cm + 2,000 pcs of 80x60cm", rng(6000, 6000)},
		{"en", "KT-10 x 250 pcs and KT-12 x 150 pcs", rng(400, 400)},
		{"es", "500 espejos redondos y 300 rectangulares", rng(800, 800)},
		{"en", "500 round and 800 rectangular mirrors", rng(1300, 1300)},
		{"en", "We need 500 round and 800 rectangular", rng(1300, 1300)},
		{"es", "necesitamos 500 redondos y 300 rectangulares", rng(800, 800)},
		{"en", "round 500 and square 800", nil},
		{"zh", "A1款120个，B2款80个", rng(200, 200)},
		{"en", "150 sets of 2 mirrors", rng(150, 150)},
		{"en", "1,200 sets (cabinet + matching mirror)", rng(1200, 1200)},
		{"en", "total 1,300 pcs: 500 round, 800 rectangular", rng(1300, 1300)},
		// rates, shares and the factory's MOQ
		{"en", "we sell 500 pcs/month, first order 3,000 pcs", rng(3000, 3000)},
		{"en", "Is your MOQ 500 pcs per size?", nil},
		{"en", "MOQ 500 pcs is ok for us", rng(500, 500)},
		{"en", "Need 3 colours and 500 pcs", rng(500, 500)},
		{"en", "What is the price for 1000 pcs and 5000 pcs?", rng(1000, 1000)},
		{"en", "We need 3,000 pcs for our hotels. Please quote FOB for 3,000 pcs.", rng(3000, 3000)},
		{"en", "we need 500 or 1,000 pcs depending on price", rng(500, 1000)},
		{"en", "2 mirrors per room, 1,200 pcs in total", rng(1200, 1200)},
		{"en", "we need 1000pcs, 500pcs in 60cm and 500pcs in 80cm", rng(1000, 1000)},
		{"en", "Need 5,000+ pcs", rng(5000, 5000)},
		{"en", "a 500-piece order", rng(500, 500)},
		{"zh", "需要1000块镜子", rng(1000, 1000)},
		{"zh", "数量：3000，预算：20万", rng(3000, 3000)},
		{"ms", "700 keping cermin", rng(700, 700)},
		{"es", "900 uds", rng(900, 900)},
		{"it", "400 pz", rng(400, 400)},
		{"en", "1000 units in matte black, 500 in brushed gold", rng(1500, 1500)},
		{"en", "300 black, 200 white and 100 gold mirrors", rng(600, 600)},
		{"en", "we need 2000 for our hotels", rng(2000, 2000)},
		{"en", "5,000pcs/month for 12 months", rng(5000, 5000)},
		{"en", "1,000 pcs (2 sizes: 500 pcs each)", rng(1000, 1000)},
		{"en", "Order 3,000 pcs. Total 3,000 pcs.", rng(3000, 3000)},
		{"en", "around 5k units per order, 3-4 orders per year", rng(5000, 5000)},
		// number words count only in their own language
		{"pt", "Gostamos de um dos espelhos redondos de vocês, 600 unidades", rng(600, 600)},
		{"pt", "Enviamos os desenhos dos espelhos; precisamos de 2 mil peças", rng(2000, 2000)},
		{"pt", "Uma amostra de 4 unidades de um dos modelos", rng(4, 4)},
		{"es", "necesitamos dos mil espejos", rng(2000, 2000)},
		{"en", "We need 700 mirrors shipped to Lima once a quarter", rng(700, 700)},
		{"en", "Order of 900 pcs, due in two weeks", rng(900, 900)},
		{"it", "Sei in grado di produrre 450 specchi?", rng(450, 450)},
		{"it", "ci servono tremila specchi", rng(3000, 3000)},
		// lamps, sconces and mirror cabinets are goods too; a count of variants is not
		{"it", "Vorremmo 1.200 lampade da parete", rng(1200, 1200)},
		{"en", "We need 600 wall sconces", rng(600, 600)},
		{"es", "Necesitamos 900 lámparas de pared", rng(900, 900)},
		{"pt", "Queremos 800 luminárias", rng(800, 800)},
		{"vi", "Cần 700 đèn gương", rng(700, 700)},
		{"id", "penawaran 2.000 pcs cermin LED 3 warna lampu", rng(2000, 2000)},
		{"es", "Necesito dos espejos de muestra y luego 800 espejos", rng(800, 800)},
		{"en", "3 pcs as samples, then 2,000 pcs", rng(2000, 2000)},
		{"fr", "2 miroirs d'échantillon puis 900 miroirs", rng(900, 900)},
		// samples and trials in every language, then the order
		{"it", "prima 3 campioni, poi un ordine di 900 specchi", rng(900, 900)},
		{"it", "ci servono solo 4 campioni per ora", rng(4, 4)},
		{"es", "primero 2 muestras y luego 1.500 espejos", rng(1500, 1500)},
		{"pt", "3 amostras antes do pedido de 2 mil espelhos", rng(2000, 2000)},
		{"fr", "2 échantillons d'abord, puis 1 200 miroirs", rng(1200, 1200)},
		{"de", "erst 2 Muster, danach 1.800 Stück", rng(1800, 1800)},
		{"id", "minta sampel 2 pcs dulu, lalu pesan 1.000 pcs", rng(1000, 1000)},
		{"ms", "nak contoh 3 unit dulu, kemudian 800 unit", rng(800, 800)},
		{"vi", "lấy mẫu thử 2 cái trước, sau đó đặt 1.200 cái", rng(1200, 1200)},
		{"th", "ขอตัวอย่าง 2 ชิ้นก่อน แล้วสั่ง 1,800 ชิ้น", rng(1800, 1800)},
		{"zh", "先要样板3件，然后下单2000件", rng(2000, 2000)},
		{"zh", "先打样2个，确认后下单3000个", rng(3000, 3000)},
		{"vi", "Gửi mẫu 2 cái trước, rồi đặt 1.500 cái", rng(1500, 1500)},
		{"de", "Musterbestellung 5 Stück, danach 3.000 Stück", rng(3000, 3000)},
		{"vi", "cần 800 cái mẫu có sẵn", rng(800, 800)},
		{"en", "we would place an order of 1,400 after approval", rng(1400, 1400)},
		// line items of different products, each with its own words
		{"en", "For our shops: 120 mirrored nightstands, 80 mirrored chests of drawers and 300 oval mirrors", rng(500, 500)},
		{"en", "We need 300 oak bathroom vanity units, 200 walnut bathroom vanity units and 500 round mirrors", rng(1000, 1000)},
		{"es", "Pedido: 200 botiquines con espejo, 150 armarios con espejo y 650 espejos de pie", rng(1000, 1000)},
		{"en", "RFQ 77\nItem 1: bath mirror 50x70 - 800 pcs\nItem 2: bath mirror 70x90 - 600 pcs\nItem 3: oval mirror - 200 pcs\nTotal budget: USD 40,000", rng(1600, 1600)},
		{"en", "RFQ\nItem No. | Description | Qty\n1 | LED mirror 60x80 | 1,200 pcs\n2 | LED mirror 80x100 | 800 pcs", rng(2000, 2000)},
		{"en", "1) LED mirror 60x80: 1,000 pcs\n2) round mirror: 600 pcs", rng(1600, 1600)},
		{"en", "Item A: LED mirror - 1,000 pcs\nItem B: round mirror - 600 pcs\nItem C: oval mirror - 400 pcs", rng(2000, 2000)},
		{"es", "Artículo 1: espejo LED - 1.000 uds\nArtículo 2: espejo redondo - 500 uds", rng(1500, 1500)},
		{"vi", "Mục 1: gương LED - 1.000 chiếc\nMục 2: gương tròn - 500 chiếc", rng(1500, 1500)},
		{"de", "Position 1: Spiegel 60x80 - 2.000 Stück\nPosition 2: Spiegel 80x100 - 1.000 Stück\nPosition 3: Rundspiegel - 1.000 Stück", rng(4000, 4000)},
		{"en", "2000 pcs: 1000 black mirrors, 600 white mirrors and 400 gold mirrors", rng(2000, 2000)},
		{"en", "Quote 3 sizes: 600 pcs 60cm, 400 pcs 80cm and 200 pcs 100cm", rng(1200, 1200)},
		{"en", "We need 1,200 LED bathroom mirrors, 600 of them round and 600 rectangular", rng(1200, 1200)},
		{"pt", "Pedido: 100 espelhos redondos, 250 armários com espelho e 150 espelhos de chão", rng(500, 500)},
		{"fr", "Commande : 100 miroirs ronds, 200 armoires de toilette et 300 miroirs sur pied", rng(600, 600)},
		{"de", "Bestellung: 150 runde Spiegel, 250 Spiegelschränke und 100 Standspiegel", rng(500, 500)},
		{"id", "Pesanan: 120 cermin bulat, 80 lemari cermin dan 300 cermin berdiri", rng(500, 500)},
		{"vi", "Đơn hàng: 120 gương tròn, 80 tủ gương và 300 gương đứng", rng(500, 500)},
		{"zh", "订单：圆镜120个，镜柜80个，落地镜300个", rng(500, 500)},
		{"th", "ต้องการโคมไฟผนัง 600 ดวง", rng(600, 600)},
		{"it", "Ordine: 300 specchiere da bagno, 200 armadietti a specchio e 500 specchi tondi", rng(1000, 1000)},
		// any product after an order verb: lower than a count unit
		{"en", "Please quote 1200 towel racks for our chain", rng(1200, 1200)},
		{"es", "Necesitamos 800 percheros de pared", rng(800, 800)},
		{"pt", "Preciso de 450 penteadeiras com espelho", rng(450, 450)},
		{"fr", "Nous cherchons 500 porte-serviettes en laiton", rng(500, 500)},
		{"de", "Wir brauchen 600 Handtuchhalter aus Messing", rng(600, 600)},
		{"it", "Abbiamo bisogno di 400 portasciugamani", rng(400, 400)},
		// a count of premises is no order: salons, branches, restaurants
		{"fr", "Il nous faut 90 miroirs pour nos 12 salons", rng(90, 90)},
		{"it", "Servono 60 specchi per 8 saloni", rng(60, 60)},
		{"pt", "Precisamos de 70 espelhos para 9 cabeleireiros", rng(70, 70)},
		{"ms", "Kami perlukan 40 cermin untuk 6 cawangan", rng(40, 40)},
		{"de", "Wir brauchen 50 Spiegel für unsere 7 Friseursalons", rng(50, 50)},
		{"id", "Kami butuh 900 rak handuk", rng(900, 900)},
		{"ms", "Kami perlukan 300 rak tuala", rng(300, 300)},
		{"vi", "Chúng tôi cần 400 kệ khăn", rng(400, 400)},
		{"zh", "我们需要500把毛巾架", rng(500, 500)},
		{"en", "We are looking for 700 vanity stools, 2 samples first", rng(700, 700)},
		{"en", "We need 250 towel racks and 400 pcs of hooks", rng(650, 650)},
		{"en", "We need 250 towel racks. Also 400 pcs of hooks", rng(400, 400)},
		{"en", "We need 40 barber shops fitted out", nil},
		{"es", "Queremos 12 tiendas nuevas", nil},
		{"de", "Wir brauchen 200 Zimmer ausgestattet", nil},
		{"en", "We want 3 colours and 2 weeks", nil},
		{"en", "we need 12v towel racks", nil},
		{"en", "Please quote 5 different finishes", nil},
		{"en", "We need 2 more weeks to decide", nil},
		{"en", "I need 5 minutes of your time", nil},
		{"es", "Necesitamos 3 cotizaciones", nil},
		{"th", "ต้องการ 500 ราวแขวนผ้า", rng(500, 500)},
		{"th", "ต้องการ 40 ร้าน", nil},
		{"vi", "Chúng tôi cần 50 cửa hàng", nil},
		{"fr", "Nous cherchons 20 magasins partenaires", nil},
		{"de", "Wir brauchen 3 Angebote", nil},
		{"zh", "需要3家供应商", nil},
		{"pt", "Precisamos de 500 cadeiras de bar", rng(500, 500)},
		// a slash list of line items after a plural quantity label adds up
		{"en", "Quantities: 2,000 / 900 / 600 pcs", rng(3500, 3500)},
		{"en", "Quantities: 700 pcs / 500 pcs / 300 pcs", rng(1500, 1500)},
		{"es", "Cantidades: 600 / 400 / 200 unidades", rng(1200, 1200)},
		{"pt", "Quantidades: 300 / 250 peças", rng(550, 550)},
		{"fr", "Quantités : 600 / 400 / 200 pièces", rng(1200, 1200)},
		{"de", "Mengen: 600 / 400 Stück", rng(1000, 1000)},
		// a bracketed breakdown right after the total restates it
		{"en", "Quantity: 1,800 units (split 1,000 in oak and 800 in ash)", rng(1800, 1800)},
		{"de", "Menge: 2.000 Stück (1.200 in Eiche und 800 in Nussbaum)", rng(2000, 2000)},
		{"es", "Cantidad: 900 unidades (500 en negro y 400 en blanco)", rng(900, 900)},
		{"en", "1000 pcs (600 black and 400 gold) plus 300 lamps", rng(1300, 1300)},
		// traps: none is a quantity
		{"en", "LED mirror 24\"x36\", 3000K-6000K, 25W, 220V 50Hz, IP44, 5mm", nil},
		{"en", "Need 50x70 LED mirrors", nil},
		{"en", "need 60 by 80 cm mirrors", nil},
		{"en", "600*800mm", nil},
		{"en", "How many fit in a 40HQ? We fill 2 containers", nil},
		{"en", "40% deposit, 60% against B/L copy", nil},
		{"en", "item #2719 and model KX-310", nil},
		{"en", "call me on +44 7700 900456", nil},
		{"en", "+1 (305) 555-0143", nil},
		{"vi", "Sđt/Zalo 0987 654 321", nil},
		{"en", "planning our autumn 2027 collection", nil},
		{"en", "a 240-room hotel, 12-bulb version, 5 ply carton", nil},
		{"en", "CRI>90, 24V or 12V", nil},
		{"en", "I'll be in Thailand 3-7 Nov", nil},
		{"en", "see catalogue page 14", nil},
		{"en", "3 colour modes + 5x magnifier", nil},
	}
	for _, tt := range tests {
		got := e.Read(tt.in, sent)
		if showR(got.Quantity) != showR(tt.want) {
			t.Errorf("[%s] Read(%q).Quantity = %s, want %s", tt.lang, tt.in, showR(got.Quantity), showR(tt.want))
		}
	}
}

// TestReadBudget covers currency marks, scales, unit prices and quotes.
func TestReadBudget(t *testing.T) {
	e := newEngine(t)
	tests := []struct {
		in       string
		min, max float64
		cur      string // "" for no budget
	}{
		{"budget $9,000", 9000, 9000, "USD"},
		{"Delivery within 90 days of deposit\nBudget: approx. USD 120,000", 120000, 120000, "USD"},
		{"Deposit:\nUSD 4,000 to be paid at order", 0, 0, ""},
		// ranges with the currency after the second end, after both, or before the first
		{"Devis pour 1 500 miroirs, budget entre 20 000 et 25 000 €.", 20000, 25000, "EUR"},
		{"Budget entre 30 000 € et 35 000 €.", 30000, 35000, "EUR"},
		{"Budget zwischen 12.000 und 15.000 € für 800 Spiegel", 12000, 15000, "EUR"},
		{"Budget zwischen 12.000 € und 15.000 €", 12000, 15000, "EUR"},
		{"Budget tra 9.000 e 11.000 € per 600 specchi", 9000, 11000, "EUR"},
		{"Orçamento entre R$ 40.000 e 45.000", 40000, 45000, "BRL"},
		{"Presupuesto entre 7.000 € y 9.000 € para 300 espejos", 7000, 9000, "EUR"},
		{"Anggaran antara 20 juta dan 25 juta rupiah untuk 200 cermin", 20e6, 25e6, "IDR"},
		{"Ngân sách từ 200 đến 250 triệu đồng cho 900 gương", 200e6, 250e6, "VND"},
		{"预算20万至25万元，1500面镜子", 200000, 250000, "CNY"},
		{"budget between $20,000 and $25,000 for 1,500 mirrors", 20000, 25000, "USD"},
		{"our budget is €20k", 20000, 20000, "EUR"},
		{"Budget £8k", 8000, 8000, "GBP"},
		{"budget A$60k", 60000, 60000, "AUD"},
		{"max S$9,000", 9000, 9000, "SGD"},
		{"C$ 12,000", 12000, 12000, "CAD"},
		{"HK$50,000", 50000, 50000, "HKD"},
		{"NT$ 300,000", 300000, 300000, "TWD"},
		{"MX$ 200,000", 200000, 200000, "MXN"},
		{"R$ 150 mil", 150000, 150000, "BRL"},
		{"Rp 600 juta", 600e6, 600e6, "IDR"},
		{"RM35,000", 35000, 35000, "MYR"},
		{"RM 100 ribu", 100000, 100000, "MYR"},
		{"200 triệu đ", 200e6, 200e6, "VND"},
		{"1 tỷ đồng", 1e9, 1e9, "VND"},
		{"800,000 บาท", 800000, 800000, "THB"},
		{"1 ล้านบาท", 1e6, 1e6, "THB"},
		{"฿ 50,000", 50000, 50000, "THB"},
		{"预算5万元", 50000, 50000, "CNY"},
		{"预算约20万元人民币", 200000, 200000, "CNY"},
		{"RMB 300,000", 300000, 300000, "CNY"},
		{"¥300,000", 300000, 300000, "CNY"},
		{"JPY 2,000,000", 2e6, 2e6, "JPY"},
		{"500,000 yen", 500000, 500000, "JPY"},
		{"₱ 500,000", 500000, 500000, "PHP"},
		{"25 lakh INR", 2.5e6, 2.5e6, "INR"},
		{"budget 1.5 crore", 1.5e7, 1.5e7, "INR"},
		{"₹ 20,00,000", 2e6, 2e6, "INR"},
		{"AED 50,000", 50000, 50000, "AED"},
		{"SAR 80,000", 80000, 80000, "SAR"},
		{"KRW 30,000,000", 3e7, 3e7, "KRW"},
		{"CHF 40'000", 40000, 40000, "CHF"},
		{"NZD 25,000", 25000, 25000, "NZD"},
		{"half a million dollars", 500000, 500000, "USD"},
		{"5000 US dollars", 5000, 5000, "USD"},
		{"40,000 Singapore dollars", 40000, 40000, "SGD"},
		{"budget Rp 2,5 M", 2.5e9, 2.5e9, "IDR"},
		{"ngân sách 500tr", 500e6, 500e6, "VND"},
		{"20k€", 20000, 20000, "EUR"},
		{"RMB20万", 200000, 200000, "CNY"},
		{"up to $1.2M", 1.2e6, 1.2e6, "USD"},
		{"$8-10k", 8000, 10000, "USD"},
		{"€80–100k", 80000, 100000, "EUR"},
		{"25.000–30.000 EUR", 25000, 30000, "EUR"},
		{"8 mil dólares", 8000, 8000, "USD"},
		{"150 mil euros", 150000, 150000, "EUR"},
		{"Budget max. 6.000 €", 6000, 6000, "EUR"},
		{"Budget 7 500 € environ", 7500, 7500, "EUR"},
		// unit prices times the quantity
		{"1,800 pcs. Target price USD 22/pc FOB", 39600, 39600, "USD"},
		{"60 dúzias. Preço alvo US$ 9 a unidade", 6480, 6480, "USD"},
		{"600 pcs, harga target Rp 150 ribu per pcs", 90e6, 90e6, "IDR"},
		{"3k-4k pcs, target $20-25 per pc", 60000, 100000, "USD"},
		{"目标价每个30元，数量2000个", 60000, 60000, "CNY"},
		{"target price $18/pc for 500x700", 0, 0, ""},
		{"Budget CAD 50,000", 50000, 50000, "CAD"},
		{"Budget of 50 thousand dollars", 50000, 50000, "USD"},
		{"USD50k", 50000, 50000, "USD"},
		{"数量3000件，单价25元", 75000, 75000, "CNY"},
		{"2000面镜子，单价不超过80元", 160000, 160000, "CNY"},
		{"Prix cible 9 € la pièce pour 3 000 pièces", 27000, 27000, "EUR"},
		{"Zielpreis 7,50 € pro Stück bei 4.000 Stück", 30000, 30000, "EUR"},
		{"Prezzo target 8 euro al pezzo, 2.500 pezzi", 20000, 20000, "EUR"},
		{"ราคาเป้าหมาย 250 บาท/ชิ้น จำนวน 1,000 ชิ้น", 250000, 250000, "THB"},
		// per-piece marks before or after the amount, in every language
		{"อยากได้ 300 ชิ้น ราคาชิ้นละ 400 บาท", 120000, 120000, "THB"},
		{"โคมไฟ 200 ชุด งบต่อชุด หน่วยละ 1,000 บาท", 200000, 200000, "THB"},
		{"1,000 pcs, we can pay per pc $6", 6000, 6000, "USD"},
		{"500 pcs at $8 apiece", 4000, 4000, "USD"},
		{"800 unidades, por unidad 12 USD", 9600, 9600, "USD"},
		{"600 espelhos, R$ 40 cada", 24000, 24000, "BRL"},
		{"200 miroirs à 30 € l'unité", 6000, 6000, "EUR"},
		{"1.000 Stück, je Stück 9 €", 9000, 9000, "EUR"},
		{"300 cermin, harga RM 50 sebiji", 15000, 15000, "MYR"},
		{"400 cái, mỗi cái 200k đồng", 80e6, 80e6, "VND"},
		{"数量500件，每件40元", 20000, 20000, "CNY"},
		{"500 specchi a 20 euro cadauno", 10000, 10000, "EUR"},
		// a target unit price with no currency: the language's currency
		{"Giá mục tiêu 150k/cái, cần 2000 cái", 300e6, 300e6, "VND"},
		{"目标价每件30，数量2000件", 60000, 60000, "CNY"},
		{"ราคาเป้าหมาย 250 ต่อชิ้น 1,000 ชิ้น", 250000, 250000, "THB"},
		{"Prix cible 9 la pièce, 3 000 pièces", 27000, 27000, "EUR"},
		{"Prezzo obiettivo 8 al pezzo, 2.000 pezzi", 16000, 16000, "EUR"},
		{"Zielpreis 7 pro Stück, 1.000 Stück", 7000, 7000, "EUR"},
		{"Preis je Stück max. 12 €, Menge 3.000", 36000, 36000, "EUR"},
		{"ราคาต่อชิ้นไม่เกิน 300 บาท จำนวน 2,000 ชิ้น", 600000, 600000, "THB"},
		// the factory's price is not a budget
		{"ok with your USD 19.50/pc, 2,000 pcs", 0, 0, ""},
		{"your price of $12,000 is too high", 0, 0, ""},
		{"can you do it for $5,000?", 5000, 5000, "USD"},
		{"你们报价每个65元，我们可以接受，要800个", 0, 0, ""},
		{"你们能不能做到预算5万元", 50000, 50000, "CNY"},
		{"你们能做到每件30元吗？要2000件", 60000, 60000, "CNY"},
		{"你们的价格每件35元太高，要2000件", 0, 0, ""},
		{"1,200 pcs; USD 14/pc is acceptable to us", 0, 0, ""},
		{"We need 1,000 pcs; price USD 12/pc, fine with FOB Shenzhen", 12000, 12000, "USD"},
		{"1,000 pcs, USD 12/pc is fine with us", 0, 0, ""},
		{"1,200 pcs, USD 14/pc ok?", 16800, 16800, "USD"},
		{"800 espejos; el precio de 20 USD por unidad lo aceptamos", 0, 0, ""},
		{"600 espelhos, R$ 35 por peça, aceitamos", 0, 0, ""},
		{"500 miroirs, 25 € la pièce, nous acceptons", 0, 0, ""},
		{"1.000 Stück, 9 € pro Stück akzeptieren wir", 0, 0, ""},
		{"1.000 pcs, harga Rp 200 ribu per pcs kami setuju", 0, 0, ""},
		{"700 cái, giá 300k đồng một cái chúng tôi đồng ý", 0, 0, ""},
		{"400 ชิ้น ราคาที่โรงงานเสนอ 350 บาท/ชิ้น", 0, 0, ""},
		{"900 pezzi, 11 euro al pezzo va bene", 0, 0, ""},
		{"Budget $20,000 is fine for us, 2,000 pcs", 20000, 20000, "USD"},
		{"1,000 pcs. We could pay $15/pc, that's fine for our margin", 15000, 15000, "USD"},
		{"3000 pcs; we accept USD 9/pc", 0, 0, ""},
		{"terima kasih bajet RM 20,000 untuk 500 unit", 20000, 20000, "MYR"},
		{"500 unit, kami terima harga RM 30 seunit", 0, 0, ""},
		{"3000件，同意每件9元", 0, 0, ""},
		{"Necesitamos 1.000 espejos, el precio que nos dieron de 15 USD por unidad está bien", 0, 0, ""},
		// no currency: not money
		{"Do you accept T/T 30% deposit?", 0, 0, ""},
		{"30% deposit = USD 5,000, 1000 pcs", 0, 0, ""},
		{"sample fee $50 is fine", 0, 0, ""},
		{"we paid $15/pc last time, need 2,000 pcs", 0, 0, ""},
		{"we sell them at $49 each, need 500 pcs", 0, 0, ""},
	}
	for _, tt := range tests {
		got := e.Read(tt.in, sent).Budget
		switch {
		case tt.cur == "" && got != nil:
			t.Errorf("Read(%q).Budget = %+v, want null", tt.in, *got)
		case tt.cur != "" && got == nil:
			t.Errorf("Read(%q).Budget = null, want %g-%g %s", tt.in, tt.min, tt.max, tt.cur)
		case tt.cur != "" && (got.Currency != tt.cur || got.Min != tt.min || got.Max != tt.max):
			t.Errorf("Read(%q).Budget = %g-%g %s, want %g-%g %s", tt.in, got.Min, got.Max, got.Currency, tt.min, tt.max, tt.cur)
		}
	}
}

func TestBudgetUSD(t *testing.T) {
	e := newEngine(t)
	b := e.Read("budget €20k", sent).Budget
	if b == nil || b.USDMin != 21600 || b.USDMax != 21600 {
		t.Errorf("Read(budget €20k).Budget = %+v, want USD 21600 at the EUR rate 1.08", b)
	}
}

// TestReadLeadTime covers durations in every language and deadlines
// counted from the message's date.
func TestReadLeadTime(t *testing.T) {
	e := newEngine(t)
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		in, sent string
		want     *triage.Range
	}{
		{"Delivery: within 120 days", "2026-09-15", rng(120, 120)},
		{"delivery in 1-2 months", "2026-09-15", rng(30, 60)},
		{"delivery 6-8 weeks", "2026-09-15", rng(42, 56)},
		{"3 to 4 months", "2026-09-15", rng(90, 120)},
		{"within 3 weeks", "2026-09-15", rng(21, 21)},
		{"within a month", "2026-09-15", rng(30, 30)},
		{"Plazo de entrega: 5 meses", "2026-09-15", rng(150, 150)},
		{"Prazo: 120 dias", "2026-09-15", rng(120, 120)},
		{"Délai : 7 semaines maximum", "2026-09-15", rng(49, 49)},
		{"Lieferung binnen 16 Wochen", "2026-09-15", rng(112, 112)},
		{"consegna entro 4 mesi", "2026-09-15", rng(120, 120)},
		{"pengiriman 4 bulan", "2026-09-15", rng(120, 120)},
		{"Perlu siap dalam masa 9 minggu", "2026-09-15", rng(63, 63)},
		{"cần hàng trong vòng 5 tuần", "2026-09-15", rng(35, 35)},
		{"ต้องการภายใน 45 วันค่ะ", "2026-09-15", rng(45, 45)},
		{"交期5个月", "2026-09-15", rng(150, 150)},
		{"四个月内交货", "2026-09-15", rng(120, 120)},
		{"45天内要货", "2026-09-15", rng(45, 45)},
		{"giao trong vòng 1 tháng rưỡi", "2026-09-15", rng(45, 45)},
		// absolute dates
		{"Need them in Sydney by 20 Jan.", "2026-10-20", rng(92, 92)},
		{"Deliver to the site by 31 January", "2026-11-10", rng(82, 82)},
		{"on site by March 15", "2026-10-12", rng(154, 154)},
		{"Liefertermin: 05.12.2026", "2026-10-10", rng(56, 56)},
		{"giao trước 30/11", "2026-10-15", rng(46, 46)},
		{"giao hàng trước ngày 15/3/2027", "2026-11-05", rng(130, 130)},
		{"Livraison au plus tard le 15 mars 2027", "2026-10-05", rng(161, 161)},
		{"Bolehkah barang sampai sebelum 15 Disember?", "2026-10-28", rng(48, 48)},
		{"delivery by end of March", "2026-10-01", rng(181, 181)},
		{"需要500个，12月底前交货", "2026-10-01", rng(91, 91)},
		{"ส่งก่อน 15 ธ.ค.", "2026-10-01", rng(75, 75)},
		{"need 600 pcs by the 15th of December", "2026-10-01", rng(75, 75)},
		{"before Dec. 15th we need 600 pcs", "2026-10-01", rng(75, 75)},
		{"Lieferung bis 15.12. bitte", "2026-10-01", rng(75, 75)},
		{"ภายในวันที่ 15 ธันวาคม", "2026-10-01", rng(75, 75)},
		{"paling lambat 20 Desember", "2026-10-01", rng(80, 80)},
		{"antes del 15 de diciembre", "2026-10-01", rng(75, 75)},
		{"entro il 15 dicembre", "2026-10-01", rng(75, 75)},
		{"Wir brauchen 500 Stück bis Ende März", "2026-10-01", rng(181, 181)},
		{"Delivery date: 2027-01-15", "2026-10-01", rng(106, 106)},
		{"Need it within a month", "2026-10-01", rng(30, 30)},
		{"a 3-month lead time", "2026-10-01", rng(90, 90)},
		{"within a fortnight", "2026-10-01", rng(14, 14)},
		{"Kami perlu cermin sebulan lagi", "2026-10-01", rng(30, 30)},
		{"cần giao trước Tết (khoảng cuối tháng 1/2027)", "2026-10-01", rng(128, 128)}, // Tết 2027 is 6 February
		// not a lead time
		{"5,000 pcs a month for 12 months", "2026-10-02", nil},
		{"I'll be in Thailand 3-7 Nov", "2026-10-02", nil},
		{"we need it asap", "2026-10-02", nil},
		{"warranty 2 years? payment 30 days", "2026-10-02", nil},
		{"What's your production lead time?", "2026-10-02", nil},
	}
	for _, tt := range tests {
		got := e.Read(tt.in, day(tt.sent)).LeadTimeDays
		if showR(got) != showR(tt.want) {
			t.Errorf("Read(%q, %s).LeadTimeDays = %s, want %s", tt.in, tt.sent, showR(got), showR(tt.want))
		}
	}
}

// TestReadOwnership covers design-ownership cues in every language, with
// negation and the loose "OEM".
func TestReadOwnership(t *testing.T) {
	e := newEngine(t)
	B, F, N := triage.OwnerBuyer, triage.OwnerFactory, triage.OwnerUnknown
	tests := []struct {
		in   string
		want triage.Ownership
	}{
		{"Design: Customized (our drawings attached)", B},
		{"Made to the client's drawings, 2,000 units", B},
		// a quantity of "your <size> <product>": the factory's product
		{"How soon can you ship 1,200 pcs of your 60x90 mirror?", F},
		{"We'd take 400 of your 45 x 60 cm oval mirror", F},
		{"We have our own drawings; can you make 2000 pcs in your 60x80 mirror line?", B},
		{"Our design, hotel bathroom mirror", B},
		{"We have our own drawings", B},
		{"The buyer supplies the artwork and the assembly drawing", B},
		{"We hold a design patent in the EU", B},
		{"built to our specifications", B},
		{"We own the design (a registered UK design)", B},
		{"we got the drawings from our architect", B},
		{"hi, we have our own drwaings for the bath cabinet", B},
		{"OEM please: your best-selling cabinet, our logo on it", F},
		{"OEM fine? we love the frame style in your catalogue photos, add our brand", F},
		{"OEM job – our design files will follow", B},
		{"OEM or ODM, whichever is cheaper?", N},
		{"No design of ours yet, what do you suggest?", F},
		{"Small startup, no design of our own yet", F},
		{"we don't do design in-house", F},
		{"not from your catalog, we have our drawings", B},
		{"Your catalogue is nice, but none of the standard models fits – our designer drew a new one", B},
		{"private-label two of your wall cabinets", F},
		{"white-labelling your round bath mirror", F},
		{"your model KX-310 with my logo", F},
		{"Pls send price for model KT-5520-A", F},
		{"interested in your mirrors", N},
		{"WeChat: mirror_buyer88, need 1000 pcs", N},
		{"Our PO #4500012345 for 600 pcs", N},
		{"RFQ\nItem 1: LED mirror 60x80 - 900 pcs\nItem 2: LED mirror 80x100 - 600 pcs", N},
		{"Item No. 2: round mirror, 500 pcs", N},
		{"Pls quote item 5566 from your list", F},
		{"what MOQ do you have for the oval mirror?", N},
		// other languages
		{"No contamos con diseño propio; preferimos algo de su catálogo", F},
		{"ya tenemos el diseño de los muebles (planos adjuntos)", B},
		{"Gostaria do modelo padrão de vocês, com a nossa logo", F},
		{"Temos o projeto do armário (desenho técnico segue em anexo)", B},
		{"Aucun modèle de votre catalogue ne convient : nous avons nos propres plans", B},
		{"votre modèle VM-12 avec notre logo", F},
		{"wir haben ein eigenes Design (CAD-Dateien vorhanden)", B},
		{"Ihr Modell FM-160 als Eigenmarke", F},
		{"Kami belum punya desain sendiri, jadi pilih model dari katalog pabrik", F},
		{"Kami sudah punya desain sendiri (gambar teknis terlampir)", B},
		{"kami sudah ada reka bentuk sendiri bagi projek hotel ini", B},
		{"ambil model dalam katalog tuan, letak logo syarikat kami", F},
		{"bên em có bản vẽ riêng cho tủ gương", B},
		{"mẫu gương có sẵn bên mình, in logo shop", F},
		{"ร้านเรามีแบบตู้เป็นของเราเอง", B},
		{"ขอรุ่นที่โรงงานมีอยู่แล้ว ติดโลโก้บริษัทเรา", F},
		{"我们有自己的设计图纸", B},
		{"我们没有设计图，想在你们的目录里挑一款", F},
		{"就用你们现有的款式，贴我们的logo", F},
		{"abbiamo il nostro design e i disegni tecnici", B},
		{"vorremmo il vostro modello con il nostro logo", F},
		{"Non abbiamo un design proprio, dal vostro catalogo", F},
		{"ne vorremmo 500 dal vostro catalogo", F},
		{"Design: supplier's standard", F},
		{"Drawings will be provided by our architect", B},
		{"We have 3 designs ready (CAD)", B},
		{"Budget CAD 50,000", N},
		{"Please send your catalogue and price list", N},
		{"I'm interested in your product", N},
		{"We'd like the one on your Alibaba store", F},
		{"Nous avons les plans (fichiers 3D)", B},
		{"ตามแบบที่เราส่งให้", B},
		{"theo mẫu trên web bên anh", F},
		{"buscamos espejos planos", N},
		{"Bên em có thiết kế, cần 15 nghìn sản phẩm", B},
		{"kami perlu cermin hias 1.500 pcs, desain dari kami", B},
		{"mengikut lukisan arkitek kami", B},
		{"guna design kilang je, letak logo kami", F},
		{"Quero 300 espelhos do modelo que vi no catálogo de vocês, com a minha marca", F},
		{"Kindly quote 5,000 nos. as per attached drawing", B},
		{"On veut 150 miroirs de votre collection avec notre logo", F},
		{"400 Stück Ihres Bestsellers mit unserem Logo", F},
		{"60 LED mirrors like the ones in your Instagram", F},
		// drawings, CAD, plans, blueprints, patents the buyer has
		{"Our interior designer finished the shop drawings for the spa mirrors", B},
		{"Our engineer has prepared the drawings for a 70cm round mirror", B},
		{"Can you send CAD files of your best seller?", F},
		{"Please produce our design in your factory", B},
		{"Can your team follow our drawings exactly?", B},
		{"Nos gusta uno de sus espejos redondos", F},
		{"Gostamos de um dos seus espelhos", F},
		{"Nous aimons l'un de vos miroirs ronds", F},
		{"Uno dei vostri specchi tondi ci piace", F},
		{"Wie ist die Garantie auf Ihre Spiegel?", N},
		{"We have no drawings, just a photo", F},
		{"Kami tak ada drawing, ikut model kilang", F},
		{"Kami ada drawing sendiri", B},
		{"Non abbiamo un progetto, sceglieremo noi", F},
		{"Abbiamo il progetto dell'arredatore", B},
		{"Wir haben keine eigenen Pläne", F},
		{"No tenemos planos ni dibujos", F},
		{"Chúng tôi có bản vẽ rồi", B},
		{"我们有图纸", B},
		// a question about a property of the factory's design, and liking it, choose nothing
		{"Is your design patented? We like it", N},
		{"We have plans to open five stores next year", N},
		{"¿Tienen planos de su modelo más vendido?", F},
		{"We have the engineer's drawings for the lobby mirrors", B},
		{"we've got our own CAD for a fog-free mirror", B},
		{"The mirror is patented (patent pending in the EU)", B},
		{"We don't have any drawings or CAD, please suggest a model", F},
		{"Contamos con planos del arquitecto y un diseño patentado", B},
		{"Temos os planos e a nossa patente do espelho", B},
		{"Nous avons un modèle breveté et les fichiers CAO", B},
		{"Herstellung nach unseren Plänen, das Design ist patentiert", B},
		{"3.000 Spiegel nach eigener Zeichnung", B},
		{"Kami punya gambar arsitek dan file CAD sendiri", B},
		{"Kilang buat ikut pelan kami, drawing sudah siap", B},
		{"Chúng tôi có bản thiết kế và file CAD", B},
		{"เรามีแบบแปลนและไฟล์ CAD พร้อมแล้ว", B},
		{"来图加工，CAD文件已经准备好", B},
		{"È un modello brevettato, abbiamo i file CAD", B},
		{"Non abbiamo disegni né file CAD, scegliamo dal vostro catalogo", F},
	}
	for _, tt := range tests {
		if got := e.Read(tt.in, sent).Ownership; got != tt.want {
			t.Errorf("Read(%q).Ownership = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestReadSupplyChain(t *testing.T) {
	e := newEngine(t)
	tests := []struct {
		in   string
		want bool
	}{
		{"Looking for a turnkey partner", true},
		{"act as our contract manufacturer", true},
		{"full-service manufacturing: sourcing, assembly, packing, freight", true},
		{"you take care of sourcing, making, packing and freight", true},
		{"Director of Procurement, Kova Interiors", false},
		{"please take care of procurement, packing and shipping", true},
		{"end to end pls: buy the parts, build them, box them, ship them", true},
		{"Nous voulons une solution clé en main", true},
		{"queremos fabricación por contrato, llave en mano", true},
		{"suchen einen Auftragsfertiger", true},
		{"mitra maklon, termasuk pengadaan bahan baku", true},
		{"cần xưởng gia công trọn gói", true},
		{"寻找一站式代工合作伙伴", true},
		{"ผลิตแบบครบวงจร", true},
		{"cerchiamo un partner chiavi in mano", true},
		{"需要代工生产八千件，包工包料", true},
		{"We don't need turnkey, just production", false},
		{"we supply design files and packaging artwork", false},
		{"Sarah Whitfield, Head of Sourcing", false},
		{"shipping to Lagos", false},
		{"Where do you source your glass? Shipping to the US?", false},
		{"Head of Procurement. Shipping to Manila", false},
		{"Budget: 1,2 Mio. EUR, eigenes Design, schlüsselfertig", true},
		{"handle the whole production including sourcing and logistics", true},
		// a list of duties: buy materials and pack and ship
		{"one supplier to buy the glass and frames, make them, pack and ship to our warehouse", true},
		{"Where do you buy your glass? We pack and ship ourselves", false},
		{"necesitamos que compren los materiales, fabriquen, embalen y envíen a obra", true},
		{"queremos que comprem os materiais, produzam e façam a embalagem", true},
		{"acheter les matériaux, fabriquer, emballer et expédier au chantier", true},
		{"Materialbeschaffung, Fertigung, Verpackung und Versand aus einer Quelle", true},
		{"pabrik yang bisa beli bahan, produksi, kemas dan kirim ke gudang kami", true},
		{"kilang yang boleh beli bahan, bungkus dan hantar ke kedai kami", true},
		{"xưởng mua vật liệu, sản xuất, đóng gói và giao hàng", true},
		{"工厂负责采购材料、生产、打包、发货", true},
		{"โรงงานซื้อวัตถุดิบ ผลิต แพ็คและจัดส่ง", true},
		{"a vostro carico l'acquisto dei materiali, la produzione, l'imballo e la spedizione", true},
		{"vous gérez l'achat des matériaux, l'emballage et l'expédition", true},
		{"we buy glass mirrors and ship them to our stores", false},
		{"Can you buy the glass locally? We need 3000 pcs with our logo. Packaging in brown box.", false},
		{"Kami perlukan kilang yang boleh uruskan semua untuk projek ini", true},
		{"Buscamos una fábrica que se encargue de todo", true},
		{"Procuramos uma fábrica que cuide de tudo, do vidro à entrega", true},
		{"Nous voulons un fabricant qui s'occupe de tout", true},
		{"Der Hersteller kümmert sich um alles", true},
		{"Cần xưởng lo toàn bộ từ A đến Z", true},
		{"希望工厂全部负责", true},
		{"ต้องการโรงงานที่ดูแลทั้งหมด", true},
		{"Cerchiamo un produttore che si occupi di tutto", true},
		{"We box and ship ourselves; you only buy the glass and make the mirrors", false},
		{"Buscamos un socio que compre el vidrio, fabrique, embale y envíe a obra", true},
		{"Un partenaire qui achète le verre, fabrique, emballe et expédie", true},
		{"we don't need you to buy the materials; just make, pack and ship", false},
	}
	for _, tt := range tests {
		if got := e.Read(tt.in, sent).SupplyChain; got != tt.want {
			t.Errorf("Read(%q).SupplyChain = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestReadLanguage checks that a reading carries the detected language and
// that Decide falls back to the default language.
func TestReadLanguage(t *testing.T) {
	e := newEngine(t)
	if got := e.Read("Hola, necesitamos 500 espejos", sent).Language; got != "es" {
		t.Errorf("Language = %q, want es", got)
	}
	rd := e.Read("12345", sent)
	if v := e.Decide(rd.Cues, rd.Language); v.Language != "en" {
		t.Errorf("Decide(digits).Language = %q, want the default en", v.Language)
	}
}
