package triage

import "strings"

// numWordKind says how a number word combines with its neighbours.
type numWordKind uint8

const (
	nwUnit     numWordKind = iota + 1 // adds its value: three, tres, dua, ba
	nwHundred                         // multiplies the current group: hundred, ratus, trăm
	nwScale                           // closes a group: thousand, mil, ribu, nghìn, juta
	nwArticle                         // "a", "un", "se-": one, but only before hundred or a scale
	nwTens                            // multiplies by ten: puluh, mươi
	nwTeen                            // adds ten: belas
	nwJoin                            // and, y, e, et, und: allowed inside a number
	nwScaleOne                        // a scale with its "one" built in: seribu, sejuta
	nwHalf                            // half of the place before it: một trăm rưỡi is 150
)

type numWord struct {
	v    float64
	kind numWordKind
}

// lexicon holds the word tables of the readers. New builds it once; it is
// read-only afterwards.
type lexicon struct {
	numWords   map[string]numWord
	numPieces  []string        // number words usable inside compounds (German, Italian)
	piecePfx   map[string]bool // the first three bytes of each piece
	scales     map[string]float64
	units      map[string]int64 // count nouns; value is the multiplier (12 for dozens)
	samples    map[string]bool
	products   map[string]bool
	durations  map[string]int64 // days per unit
	months     map[string]int
	curPre     map[string]string
	curPost    map[string]string
	dollarPfx  map[string]string // letters written before $: s$, a$, …
	measures   map[string]bool
	qtyKeys    map[string]bool
	attrNouns  map[string]bool // "3 colours", "2 sizes": counts of variants, not of goods
	orderVerbs map[string]bool
	notGoods   map[string]bool // "40 barber shops", "200 rooms": counts of places, people or time, not goods
	budgetKey  map[string]bool
	notLead    map[string]bool
	trialKeys  map[string]bool
	moqKeys    map[string]bool
	negations  map[string]bool
	perUnit    map[string]bool
	rangeJoin  map[string]bool
	itemJoin   map[string]bool
	codeWords  map[string]bool
	phoneKeys  map[string]bool
	yearKeys   map[string]bool
	ago        map[string]bool
	factoryQ   map[string]bool
	thaiWords  map[string]bool
	thaiMax    int
	qt         *qtyTables        // the quantity and money readers' tables
	numOnly    map[string]string // number words that count only in the languages listed
	fold       *folder           // traditional Chinese, chat abbreviations, elongations
	// Chinese and Thai numerals: digits, places (十 百 千, สิบ ร้อย พัน
	// หมื่น แสน) and scales that close a group (万 亿, ล้าน).
	hanDigits   map[string]float64
	hanPlaces   map[string]float64
	hanScales   map[string]float64
	thaiDigits  map[string]float64
	thaiPlaces  map[string]float64
	thaiScales  map[string]float64
	budgetWords map[string]bool
	lead        leadLexicon // the lead-time tables (leadtime_lexicon.go)
	// gapStop lists the words that end a plain description between a
	// possessive and its noun ("your 60x80 oval mirror"): function words,
	// trade words and pronouns. The quantity reader asks it too.
	gapStop map[string]bool
	grammar *grammar // the ownership and supply-chain roles (ownership_marks.go)
}

func set(lists ...string) map[string]bool {
	m := make(map[string]bool)
	for _, l := range lists {
		for _, w := range strings.Split(l, "|") {
			if w = strings.TrimSpace(w); w != "" {
				m[w] = true
			}
		}
	}
	return m
}

// numLangs returns the languages a number word counts in when it is a
// common word of another language ("" for the others): Portuguese "dos"
// (of the) is no Spanish two, Italian "hai" (you have) and "sei" (you are)
// no Vietnamese or Italian number elsewhere, English "due", "once", "Lima".
// The languages come from each file's [number.only_in_language] section.
func (lx *lexicon) numLangs(w string) string { return lx.numOnly[w] }

// newLexicon builds the word tables from the lexicon files in d and the
// tables still kept in Go; d.err reports what the files got wrong.
func newLexicon(d *lexData) *lexicon {
	lx := &lexicon{fold: newFolder(d)}
	lx.addNumbers(d)
	lx.units = map[string]int64{}
	for _, w := range strings.Split("pcs|pc|pce|pces|piece|pieces|units|unit|nos|no's|sets|set|qty|"+
		"mirrors|mirror|"+
		"unidades|unidad|piezas|pieza|juegos|"+
		"peças|peça|pecas|peca|unidade|conjuntos|"+
		"pièces|pièce|pieces|unités|unité|lots|"+
		"stück|stk|stck|stueck|teile|sets|einheiten|exemplaires|lembar|"+
		"pack|packs|kit|kits|pair|pairs|"+
		"buah|biji|set|keping|uds|ud|pz|pzs|pçs|pzas|"+
		"chiếc|cái|bộ|tấm|"+
		"pezzi|pezzo|unità|"+
		"件|个|個|套|片|面|只|台|块|塊|"+
		"ชิ้น|อัน|ชุด|บาน|แผ่น|ตัว|หน่วย|ดวง|โคม", "|") {
		lx.units[w] = 1
	}
	for _, w := range strings.Split("dozen|dozens|doz|dz|dzn|docena|docenas|dúzia|dúzias|duzia|duzias|douzaine|douzaines|dutzend|lusin|tá|dozzina|dozzine|打|โหล", "|") {
		lx.units[w] = 12
	}
	lx.samples = set("sample|samples|sampel|muster|mustern|muestra|muestras|amostra|amostras|échantillon|échantillons|campione|campioni|样品|样板|ตัวอย่าง|prototype|prototypes|prototipo|prototipos|protótipo|protótipos|prototipi|prototyp|prototypen|contoh|musterstück|musterstücke|probestück|probestücke")
	lx.products = set("phẩm|สินค้า|mirror|mirrors|espejo|espejos|espelho|espelhos|miroir|miroirs|spiegel|cermin|gương|guong|กระจก|specchio|specchi|镜|镜子|鏡",
		// the other goods of a mirror maker: lamps, sconces, mirror cabinets
		"lamp|lamps|sconce|sconces|cabinet|cabinets|lámpara|lámparas|aplique|apliques|botiquín|botiquines|armario|armarios|"+
			"luminária|luminárias|luminaria|luminarias|arandela|arandelas|armário|armários|lampe|lampes|applique|appliques|armoire|armoires|"+
			"leuchte|leuchten|lampen|spiegelschrank|spiegelschränke|lampu|lemari|almari|đèn|lampada|lampade|armadietto|armadietti|plafoniera|plafoniere")
	lx.curPre = map[string]string{
		"$": "USD", "usd": "USD", "us$": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
		"¥": "CNY", "rmb": "CNY", "cny": "CNY", "jpy": "JPY", "￥": "CNY", "rm": "MYR", "myr": "MYR", "rp": "IDR", "idr": "IDR",
		"₫": "VND", "vnd": "VND", "฿": "THB", "thb": "THB", "₱": "PHP", "php": "PHP", "₹": "INR", "inr": "INR", "rs": "INR",
		"aed": "AED", "sar": "SAR", "krw": "KRW", "₩": "KRW", "brl": "BRL", "chf": "CHF", "nzd": "NZD", "sgd": "SGD",
		"aud": "AUD", "cad": "CAD", "hkd": "HKD", "twd": "TWD", "ntd": "TWD", "mxn": "MXN", "gb£": "GBP",
	}
	lx.curPost = map[string]string{
		"usd": "USD", "dollars": "USD", "dollar": "USD", "dólares": "USD", "dolares": "USD", "dólar": "USD", "dolar": "USD",
		"dollari": "USD", "đô": "USD", "bucks": "USD", "$": "USD", "us$": "USD",
		"eur": "EUR", "euro": "EUR", "euros": "EUR", "€": "EUR", "gbp": "GBP", "£": "GBP", "pounds": "GBP", "pound": "GBP", "sterling": "GBP",
		"rmb": "CNY", "cny": "CNY", "yuan": "CNY", "元": "CNY", "人民币": "CNY", "块": "CNY", "¥": "CNY",
		"jpy": "JPY", "yen": "JPY", "円": "JPY", "日元": "JPY",
		"myr": "MYR", "ringgit": "MYR", "rm": "MYR", "idr": "IDR", "rupiah": "IDR", "rp": "IDR",
		"vnd": "VND", "đ": "VND", "đồng": "VND", "dong": "VND", "₫": "VND", "vnđ": "VND",
		"thb": "THB", "baht": "THB", "บาท": "THB", "฿": "THB", "php": "PHP", "pesos": "PHP", "₱": "PHP",
		"inr": "INR", "rupees": "INR", "rupee": "INR", "rs": "INR", "₹": "INR",
		"aed": "AED", "dirham": "AED", "dirhams": "AED", "sar": "SAR", "riyal": "SAR", "riyals": "SAR",
		"krw": "KRW", "won": "KRW", "brl": "BRL", "reais": "BRL", "chf": "CHF", "nzd": "NZD", "sgd": "SGD", "aud": "AUD",
		"cad": "CAD", "hkd": "HKD", "twd": "TWD", "mxn": "MXN",
	}
	lx.dollarPfx = map[string]string{
		"us": "USD", "u.s": "USD", "s": "SGD", "sg": "SGD", "a": "AUD", "au": "AUD", "c": "CAD", "ca": "CAD", "cad": "CAD",
		"hk": "HKD", "nt": "TWD", "mx": "MXN", "r": "BRL", "nz": "NZD",
	}
	lx.measures = set("mm|cm|m|mtr|meter|meters|metre|metres|inch|inches|ft|feet|foot|kg|kgs|g|gr|gram|grams|lb|lbs|w|watt|watts|v|volt|volts|vac|vdc|hz|lm|lumen|lumens|lux|ply|mah|ah|bulb|bulbs|tier|tiers|hq|gp|hc|ml|l|x|mp|cri|ra|ip|ik|°|º|ซม|มม|厘米|毫米|公分|寸|米|瓦|伏|千克|千米|千瓦|gb|min|mins|hour|hours|h|hrs|px|kelvin|k")
	lx.attrNouns = set("colour|colours|color|colors|size|sizes|model|models|type|types|design|designs|style|styles|shape|shapes|" +
		"version|versions|variant|variants|finish|finishes|option|options|sku|skus|item|items|kinds|kind|" +
		"colores|color|tamaños|tamaño|modelos|diseños|diseño|cores|cor|tamanhos|tamanho|couleurs|couleur|tailles|taille|modèles|modèle|farben|farbe|größen|größe|modelle|modell|varianten|variante|" +
		"warna|ukuran|saiz|model|jenis|màu|kích|mẫu|loại|colori|misure|modelli|สี|ขนาด|แบบ|รุ่น|款|色|种|尺寸")
	lx.orderVerbs = set("need|needs|want|order|ordering|require|buy|purchase|take|get|quote|necesitamos|queremos|necesito|quiero|" +
		"precisamos|quero|preciso|besoin|voulons|voudrions|commander|brauchen|benötigen|bestellen|möchten|butuh|perlu|mau|nak|" +
		"mahu|pesan|tempah|cần|đặt|mua|ต้องการ|สั่ง|需要|要|订|servono|vogliamo|vorremmo|ordinare|cotización|cotizar|devis|angebot|cherchons|recherchons|looking|perlukan|bisogno|benötigt|necesitan|precisa|procure|source|采|购")
	lx.notGoods = set("shop|shops|store|stores|hotel|hotels|room|rooms|people|persons|person|employees|staff|workers|customers|clients|guests|" +
		"year|years|day|days|outlets|outlet|branches|branch|locations|location|sites|site|restaurants|salons|offices|apartments|villas|homes|houses|" +
		"suppliers|supplier|factories|factory|companies|partners|containers|container|pallets|cartons|boxes|times|percent|quotes|quotations|prices|options|weeks|months|minutes|hours|languages|countries|cities|visitors|users|members|catalogs|catalogues|catalog|catalogue|brochures|photos|pictures|videos|drawings|files|offers|proposals|" +
		"cotizaciones|presupuestos|catálogos|fotos|orçamentos|cotações|propostas|offres|catalogues|angebote|kataloge|preventivi|offerte|cataloghi|penawaran|katalog|báo|ảnh|" +
		"tiendas|tienda|hoteles|habitaciones|habitación|personas|empleados|clientes|años|sucursales|locales|restaurantes|peluquerías|peluquerias|barberías|barberias|oficinas|proveedores|fábricas|contenedores|cajas|apartamentos|" +
		"lojas|loja|hotéis|hoteis|quartos|pessoas|funcionários|anos|filiais|salões|barbearias|escritórios|fornecedores|contêineres|caixas|" +
		"magasins|magasin|boutiques|boutique|hôtels|chambres|personnes|employés|ans|années|succursales|bureaux|fournisseurs|usines|conteneurs|" +
		"geschäfte|läden|zimmer|filialen|personen|mitarbeiter|kunden|jahre|restaurants|büros|lieferanten|fabriken|wohnungen|" +
		"negozi|alberghi|camere|persone|dipendenti|clienti|anni|filiali|ristoranti|uffici|fornitori|fabbriche|appartamenti|" +
		"toko|kedai|kamar|bilik|orang|karyawan|pekerja|pelanggan|tahun|cabang|restoran|kantor|pejabat|pemasok|pembekal|kilang|pabrik|kontainer|" +
		"cửa|khách|phòng|người|năm|chi|nhà|tiệm|công|" +
		"ร้าน|ห้อง|คน|ปี|สาขา|โรงแรม|บริษัท|" +
		"家|间|間|人|年|位|名|店|层|次|%")
	lx.qtyKeys = set("qty|qtys|q'ty|quantity|quantities|cantidades|quantidades|quantités|quantites|mengen|stückzahlen|volume|cantidad|quantidade|quantité|quantite|menge|stückzahl|jumlah|kuantiti|kuantitas|lượng|sl|จำนวน|数量|quantità|order|orders|pedido|commande|bestellung|pesanan|đơn|订单|ordine")
	lx.budgetKey = set("budget|budgets|presupuesto|orçamento|orcamento|bajet|anggaran|ngân|sách|งบ|งบประมาณ|预算|spend|aside|budgetto|target|plafond|ceiling|max|maximum|máximo|maximo|höchstens|up|under|below|within|hasta|até|sekitar|about|around|approx|approximately|ca|roughly|khoảng|约|ประมาณ")
	lx.trialKeys = set("trial|trials|test|pilot|sample|samples|sampel|muster|mustern|muestra|muestras|amostra|amostras|échantillon|échantillons|essai|prueba|teste|probe|campione|campioni|campionatura|percobaan|uji|thử|ทดลอง|试单|试订|样品|prototype|prototypes|prototipo|prototipos|protótipo|protótipos|prototipi|prototyp|prototypen|contoh|musterstück|musterstücke|probestück|probestücke|musterbestellung|probebestellung|testbestellung|musterauftrag|probeauftrag|ตัวอย่าง|样板")
	lx.moqKeys = set("moq|moqs|minimum|mínimo|minimo|minimal|mindestbestellmenge|mindestmenge|起订量|最小起订量|最低")
	lx.negations = set("not|no|don't|dont|doesn't|didn't|never|without|isn't|aren't|haven't|hasn't|won't|nor|none|neither|we're|sin|nunca|ni|não|nao|sem|pas|sans|aucun|aucune|jamais|non|nicht|kein|keine|keinen|keiner|ohne|nie|tidak|tak|bukan|belum|tanpa|gak|nggak|ga|takde|tiada|không|chưa|chẳng|ko|ไม่|没|没有|不|无|非|未|senza|nessun|nessuna")
	delete(lx.negations, "we're")
	lx.perUnit = set("pc|pcs|piece|pieces|unit|units|each|ea|set|sets|mirror|pce|pza|pz|pieza|unidad|unidade|peça|peca|pièce|unité|pieza|stück|stk|spiegel|biji|buah|keping|cái|chiếc|bộ|tấm|件|个|個|片|套|只|面|台|ชิ้น|อัน|ชุด|บาน|แผ่น|ตัว|หน่วย|pezzo|unità|espejo|espelho|miroir|specchio|cermin|gương")
	lx.rangeJoin = set("-|~|to|a|à|até|ate|bis|hingga|sampai|đến|den|tới|ถึง|至|到|al|ao|à|au|e|et|and|y|und|dan|và|และ|or|o|ou|oder|atau|hoặc|หรือ|或")
	lx.itemJoin = set("and|y|e|et|und|dan|và|และ|和|及|&|+|,|plus|also|as well as|con|com|avec|mit|serta")
	lx.codeWords = set("model|item|art|artículo|artigo|position|posición|posição|posizione|pos|ref|sku|no|nr|code|modelo|modèle|modell|artikel|mẫu|รุ่น|款|型号|article|articolo|modello|page|halaman|página|seite|room|rooms|zimmer|phòng|ห้อง|tầng|floor|floors|lot|batch|po|invoice|order#")
	lx.phoneKeys = set("tel|tel.|phone|telephone|mobile|mob|cell|whatsapp|wa|wechat|line|viber|call|hp|telp|sđt|sdt|zalo|fono|teléfono|telefone|téléphone|telefon|handy|电话|手机|โทร|contact")
	lx.yearKeys = set("spring|summer|autumn|fall|winter|year|in|since|of|năm|tahun|año|ano|année|jahr|anno|ปี|年|q1|q2|q3|q4|season|collection|line|fy")
	lx.factoryQ = set("your|yours|votre|vos|vuestro|vuestra|su|sus|seu|sua|ihr|ihre|ihrem|ihren|anda|kamu|你们|贵司|vostro|vostra|tu|ton|dein")
	lx.budgetWords = set("budget|budgets|presupuesto|orçamento|orcamento|bajet|anggaran|ngân|งบ|งบประมาณ|预算|budgetto|spend|aside|" +
		"target|ceiling|plafond|höchstbetrag|money|invest|investment|objetivo|alvo|cible|zielpreis|obiettivo|เป้าหมาย")
	lx.lead = newLeadLexicon(lx, d)
	lx.qt = newQtyTables(d, lx.cut)
	lx.gapStop = set("for|of|in|on|to|with|and|or|the|moq|price|prices|pricing|quote|quotation|lead|time|production|factory|" +
		"company|team|delivery|shipping|your|you|our|we|is|are|do|does|can|what|how|a|an|at|about|from|by|that|this|which|it|but|" +
		"moqs|cost|costs|samples|sample|certificate|certificates|warranty|catalog|catalogue")
	lx.grammar = newGrammar(d, lx)
	return lx
}

// cut tokenizes a table entry as a message is tokenized.
func (lx *lexicon) cut(entry string) []string {
	toks := tokenize(lx.fold.normalize(entry), lx.thaiWords, lx.thaiMax, nil)
	out := make([]string, len(toks))
	for i := range toks {
		out[i] = toks[i].s
	}
	return out
}
