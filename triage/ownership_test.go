package triage_test

import (
	"testing"

	"github.com/triagebot/triagebot/triage"
)

// TestOwnershipRelation reads ownership as a relation in every language:
// possessor, thing and verb in any order, with words between them, plural,
// passive and genitive; negation flips it, a switch wins, a question about
// a property or mere interest gives none.
func TestOwnershipRelation(t *testing.T) {
	e := newEngine(t)
	B, F, N := triage.OwnerBuyer, triage.OwnerFactory, triage.OwnerUnknown
	tests := []struct {
		name, in string
		want     triage.Ownership
	}{
		// English
		{"en possessive", "The plans for the lobby mirrors are from our architect", B},
		{"en passive", "The frame was designed by our studio in Lisbon", B},
		{"en agent genitive", "We follow the end client's specification sheet", B},
		{"en words between", "our two new arched mirror designs need quoting", B},
		{"en subject verb", "We will send the CAD files tomorrow", B},
		{"en negation", "We do not have any design of our own yet", F},
		{"en switch", "None of your models suits the villas, so we are sending our drawings", B},
		{"en contrast", "Your catalogue is nice but we have our own sketches", B},
		{"en order product", "Please quote 800 pcs of your oval brass mirror", F},
		{"en brand product", "Your round LED mirror with our logo engraved", F},
		{"en property question", "What thickness is your glass?", N},
		{"en certificate question", "Do your mirrors have CE and UKCA marks?", N},
		{"en interest", "We noticed your mirrors at a trade fair in Guangzhou", N},
		{"en request catalogue", "Could you email your latest catalogue?", N},
		{"en design service", "Can you design a pill mirror for us?", F},
		{"en plans verb", "We have plans to open two more hotels", N},
		{"en existing", "An existing model is fine, nothing custom", F},
		// Spanish
		{"es genitive predicate", "Los planos son nuestros, los mandamos mañana", B},
		{"es own", "Es un diseño propio de la cadena", B},
		{"es negation", "No tenemos diseño, elegimos de su catálogo", F},
		{"es question", "¿Cuál es el grosor del cristal en sus espejos?", N},
		// Portuguese
		{"pt passive", "A moldura foi desenhada pela nossa arquiteta", B},
		{"pt factory model", "Gostaríamos do modelo redondo de vocês, com a nossa marca", F},
		{"pt negation", "Não temos projeto próprio", F},
		// French
		{"fr possessive plural", "Les plans techniques sont les nôtres", B},
		{"fr switch", "Aucun de vos modèles ne convient, nous enverrons nos dessins", B},
		{"fr factory", "Nous voulons votre miroir rond avec notre logo", F},
		{"fr question", "Quelle est la garantie de vos miroirs ?", N},
		// German
		{"de genitive", "Die Zeichnungen stammen von unserem Architekten", B},
		{"de compound", "Fertigung nach unseren Konstruktionszeichnungen", B},
		{"de factory", "Wir möchten 500 Stück Ihres ovalen Spiegels", F},
		{"de negation", "Wir haben keine eigenen Entwürfe", F},
		// Italian
		{"it possessive", "Abbiamo i disegni del nostro progettista", B},
		{"it factory", "Vorremmo il vostro specchio tondo con il nostro marchio", F},
		{"it interest", "Abbiamo visto i vostri specchi in fiera", N},
		{"it genitive predicate", "Il progetto è del nostro studio di architettura", B},
		// Chinese
		{"zh predicate", "设计是我们自己的，图纸已附", B},
		{"zh negation", "我们没有自己的设计，用你们的款式", F},
		{"zh factory", "要你们现有的款式，贴我们的logo", F},
		{"zh question", "你们的镜子玻璃多厚吗？", N},
		// Indonesian and Malay
		{"id suffix genitive", "desainnya dari kami, tolong ikuti", B},
		{"id polite you", "Kami mau model Bapak yang bulat, pakai logo kami", F},
		{"id negation", "Kami belum punya desain sendiri", F},
		{"ms agent", "Cermin ini direka oleh arkitek kami", B},
		{"ms factory", "Nak ambil model kilang, letak logo kami", F},
		// Vietnamese
		{"vi genitive", "Bản vẽ là của bên em", B},
		{"vi factory", "Bên em lấy mẫu có sẵn của quý công ty", F},
		{"vi polite you", "Lấy mẫu bên chị, in logo", F},
		// Thai
		{"th own", "แบบเป็นของเราเอง", B},
		{"th factory", "เอารุ่นของโรงงาน ใส่โลโก้เรา", F},
		{"th polite you", "สนใจสินค้าของคุณ", N},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := e.Read(tt.in, sent).Ownership; got != tt.want {
				t.Errorf("Read(%q).Ownership = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestOwnershipReferenceNumbers checks that a product code the buyer orders
// is a factory choice and a reference number is none.
func TestOwnershipReferenceNumbers(t *testing.T) {
	e := newEngine(t)
	B, F, N := triage.OwnerBuyer, triage.OwnerFactory, triage.OwnerUnknown
	tests := []struct {
		in   string
		want triage.Ownership
	}{
		{"1,000 pcs of your KX-3050 please", F},
		{"model QV-45, 400 pieces", F},
		{"We accept quotation no. QT-27-0033 for 300 mirrors", N},
		{"Our PO 7781-22 covers 600 mirrors", N},
		{"RFQ ref. RF-2231: 900 LED mirrors", N},
		// a drawing's number is no product code, and the drawing is the buyer's
		{"Drawing no. DW-118 rev B, 500 pcs", B},
		{"Deliver to 4 Harbour Road, Leeds LS2 7QA, 700 pcs", N},
		{"Invoice INV-5532 was paid; now 300 more mirrors", N},
		{"VAT GB123456789, 250 mirrors", N},
		{"Is the glass on your AB-12 tempered?", N},
		{"Pedido 4411-B: 300 espejos", N},
		{"Angebot Nr. AN-2207 bestätigt, 400 Stück", N},
		{"报价单号 BJ-2231，订500面镜子", N},
	}
	for _, tt := range tests {
		if got := e.Read(tt.in, sent).Ownership; got != tt.want {
			t.Errorf("Read(%q).Ownership = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSupplyChainStages reads the supply chain from stages and fixed words,
// with negation, the buyer's own stages and a single stage.
func TestSupplyChainStages(t *testing.T) {
	e := newEngine(t)
	tests := []struct {
		in   string
		want bool
	}{
		{"You source the profiles and glass, then pack and ship to Hamburg", true},
		{"Materials procurement, assembly and warehousing by your side", true},
		{"Packing, shipping DDP and warehousing in your bonded store", true},
		{"Just pack them in our printed boxes", false},
		{"FOB Ningbo, we arrange the freight", false},
		{"We do not need a turnkey partner, only production", false},
		{"Our buyers pack and ship ourselves", false},
		{"Quote FOB; ship to Rotterdam", false},
		{"Buscamos un fabricante llave en mano", true},
		{"Compra de vidrio, embalaje y envío por su cuenta", true},
		{"Você compra os materiais, embala e entrega", true},
		{"Achat du verre, puis emballage et livraison par vos soins", true},
		{"Sie beschaffen das Glas, verpacken und liefern", true},
		{"Acquisto dei materiali e spedizione a carico vostro", true},
		{"工厂采购材料并负责包装和运输", true},
		{"Pabrik beli bahan, kemas dan kirim", true},
		{"Kilang beli bahan dan hantar ke kedai", true},
		{"Xưởng mua vật liệu và giao hàng", true},
		{"โรงงานจัดหาวัตถุดิบและจัดส่ง", true},
		{"Head of Sourcing, 1,000 pcs, delivery in May", false},
		// Thai negation reaches over an unknown word cut into letters
		{"ไม่ต้องการบริการแบบครบวงจร", false},
	}
	for _, tt := range tests {
		if got := e.Read(tt.in, sent).SupplyChain; got != tt.want {
			t.Errorf("Read(%q).SupplyChain = %v, want %v", tt.in, got, tt.want)
		}
	}
}
