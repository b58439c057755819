package triage

import (
	"strconv"
	"strings"
)

// leadLexicon holds the word tables of the lead-time reader. Every word
// lives in one language's row of a table below, so adding a word in one
// language touches that language's row only.
type leadLexicon struct {
	part      map[string]int    // end/mid/beginning of a month or year: -1, 15, 1
	filler    map[string]bool   // "of", "de", "the", "bulan", "เดือน" between a part word and its month
	yearWord  map[string]bool   // "year", "año", "năm", 年: "end of the year"
	yearEnd   map[string]bool   // one word for the end of the year: Jahresende
	prep      map[string]bool   // deadline words before a date: by, before, bis, sebelum, 前
	inPrep    map[string]bool   // "in", "en", "im": a deadline only when the goods are named near
	goods     map[string]bool   // delivery words: the date is the goods'
	notGoods  map[string]bool   // the date is a quote's, a visit's, a reply's: no deadline
	wrote     map[string]bool   // "wrote", "schrieb", "menulis": a mail header line
	header    map[string]bool   // header labels: "Date:", "Sent:", "Gesendet:"
	after     map[string]bool   // deadline words written after the date: 前, 之前
	next      map[string]int    // next month, next year: +1; this month: 0
	quarter   map[string]bool   // quarter, Quartal, quý, kuartal, ไตรมาส, 季度
	ordinal   map[string]int    // first … fourth, erstes, troisième, ketiga
	ordSuffix map[string]bool   // st nd rd th er e: 3rd, 1er, 3e
	week      map[string]bool   // KW, CW: a calendar week number follows
	holidays  map[string]string // a holiday's name (its tokens joined by a space) → its key in the dates file
	holFirst  map[string]bool   // the first token of each holiday name
	holMax    int               // the most tokens of a holiday name
}

// leadTables lists, per table, each language's words. Values follow " = ".
func leadTables() map[string]map[string]string {
	return map[string]map[string]string{
		"part": {
			"en": "end = -1|late = -1|mid = 15|middle = 15|early = 1|beginning = 1|start = 1",
			"es": "fin = -1|finales = -1|final = -1|mediados = 15|principios = 1|inicio = 1|comienzos = 1",
			"pt": "fim = -1|final = -1|finais = -1|meados = 15|início = 1|inicio = 1|começo = 1",
			"fr": "fin = -1|mi = 15|début = 1|debut = 1",
			"de": "ende = -1|mitte = 15|anfang = 1",
			"it": "fine = -1|metà = 15|inizio = 1",
			"id": "akhir = -1|pertengahan = 15|awal = 1",
			"ms": "hujung = -1|akhir = -1|pertengahan = 15|awal = 1",
			"vi": "cuối = -1|cuoi = -1|giữa = 15|giua = 15|đầu = 1|dau = 1",
			"th": "ปลาย = -1|สิ้น = -1|กลาง = 15|ต้น = 1",
			"zh": "底 = -1|末 = -1|中旬 = 15|初 = 1",
		},
		"filler": {
			"en": "of|the|month", "es": "de|del|el|mes", "pt": "de|do|da|mês", "fr": "de|du|d'|le|la|mois",
			"de": "des|im", "it": "di|del|mese", "id": "bulan", "ms": "bulan", "vi": "tháng|thang", "th": "เดือน",
		},
		"year_end": {"de": "jahresende|jahresschluss"},
		"year_word": {
			"en": "year", "es": "año|ano", "pt": "ano", "fr": "année|an", "de": "jahres|jahr",
			"it": "anno", "id": "tahun", "ms": "tahun", "vi": "năm|nam", "th": "ปี", "zh": "年",
		},
		"prep": {
			"en": "by|before|until|till|untill|latest|later|deadline|due|b4",
			"es": "antes|hasta|para", "pt": "antes|até|ate|para", "fr": "avant|d'ici|jusqu'au|jusqu'à|pour",
			"de": "bis|vor|spätestens|spaetestens|termin|liefertermin|endtermin", "it": "entro|prima|per",
			"id": "sebelum|sblm|sampai|paling|lambat|tenggat|batas", "ms": "sebelum|sblm|sebelom|hingga|tarikh|akhir",
			"vi": "trước|truoc|hạn|han|chậm|nhất", "th": "ก่อน|ภายใน|ทัน|ถึง", "zh": "前|之前|以前|截止|截至|最迟|最晚",
		},
		"in_prep": {
			"en": "in|on|for|around", "es": "en|a", "pt": "em|no|na", "fr": "en|au|à|le", "de": "im|in|zum|am",
			"it": "a|in|nel|per", "id": "di|pada|bulan", "ms": "pada|dalam", "vi": "vào|vao|trong", "th": "ใน|เดือน",
			"zh": "在|于",
		},
		"goods": {
			"en": "delivery|deliver|delivered|arrive|arrival|arrivals|ship|shipped|shipping|shipment|eta|etd|need|needed|ready|site|goods|stock|installed|land|deliveries",
			"es": "entrega|entregar|envío|llegada|necesitamos|necesito|listo|listos",
			"pt": "entrega|entregar|envio|chegada|preciso|precisamos|prazo|pronto|prontos",
			"fr": "livraison|livrer|livré|livrés|délai|expédition|besoin|arrivée",
			"de": "lieferung|liefern|geliefert|lieferdatum|liefertermin|versand|ankunft|brauchen|benötigen|wunschtermin",
			"it": "consegna|consegnare|spedizione|arrivo|serve|servono",
			"id": "kirim|pengiriman|dikirim|tiba|butuh|perlu|barang|siap|tenggat",
			"ms": "hantar|penghantaran|dihantar|tiba|perlu|siap|barang",
			"vi": "giao|gửi|nhận|cần|hàng",
			"th": "ส่ง|ส่งของ|รับ|รับของ|ต้องการ|ได้รับ",
			"zh": "交货|交货期|交貨期|交期|交貨|到货|到貨|发货|發貨|出货|出貨|收货|收到|要货|需要|收",
		},
		"not_goods": {
			"en": "valid|validity|expires|expiry|expire|quote|quotation|quotes|offer|reply|answer|respond|response|visit|visiting|meeting|meet|fair|exhibition|trip|call|posted|sent|dated|invoice|payment|paid|opened|since",
			"es": "válida|válido|valida|valido|validez|vigencia|cotización|cotizacion|oferta|respuesta|visita|reunión|feria|viaje|pago",
			"pt": "válida|válido|validade|cotação|cotacao|proposta|resposta|visita|reunião|feira|viagem|pagamento",
			"fr": "valable|validité|devis|offre|réponse|visite|réunion|salon|foire|voyage|paiement",
			"de": "gültig|gültigkeit|angebot|antwort|besuch|messe|treffen|reise|zahlung|vom",
			"it": "valida|valido|validità|offerta|preventivo|risposta|visita|riunione|fiera|viaggio|pagamento",
			"id": "berlaku|penawaran|balasan|jawaban|kunjungan|rapat|pameran|pembayaran",
			"ms": "sah|penawaran|sebut|lawatan|mesyuarat|pameran|bayaran",
			"vi": "hiệu|lực|báo|giá|thăm|họp|hội|chợ|thanh|toán",
			"th": "ใช้ได้|ยืนราคา|ใบเสนอราคา|เสนอราคา|เยี่ยม|ประชุม|งานแสดง|ชำระ",
			"zh": "有效|有效期|报价|報價|回复|回覆|拜访|拜訪|会议|會議|展会|展會|付款",
		},
		"wrote": {
			"en": "wrote", "es": "escribió", "pt": "escreveu", "fr": "écrit", "de": "schrieb", "it": "scritto",
			"id": "menulis", "ms": "menulis", "vi": "viết", "th": "เขียน", "zh": "写道|寫道",
		},
		"header": {
			"en": "date|sent|posted|received", "es": "fecha|enviado", "pt": "data|enviada|enviado", "fr": "date|envoyé",
			"de": "datum|gesendet", "it": "data|inviato", "id": "tanggal|dikirim", "ms": "tarikh|dihantar",
			"vi": "ngày", "th": "วันที่ส่ง", "zh": "日期|时间|時間|发送时间",
		},
		"after": {"zh": "前|之前|以前|为止|為止", "th": "นี้"},
		"next": {
			"en": "next = 1|this = 0|following = 1", "es": "próximo = 1|proximo = 1|próxima = 1|siguiente = 1|este = 0",
			"pt": "próximo = 1|proximo = 1|próxima = 1|seguinte = 1|este = 0", "fr": "prochain = 1|prochaine = 1|suivant = 1|ce = 0|cette = 0",
			"de": "nächsten = 1|nächster = 1|nächstes = 1|naechsten = 1|kommenden = 1|diesen = 0|dieses = 0",
			"it": "prossimo = 1|prossima = 1|questo = 0", "id": "depan = 1|ini = 0", "ms": "depan = 1|hadapan = 1|ini = 0",
			"vi": "sau = 1|tới = 1|toi = 1|này = 0|nay = 0", "th": "หน้า = 1|นี้ = 0", "zh": "下 = 1|明 = 1|本 = 0|这 = 0|這 = 0|今 = 0",
		},
		"quarter": {
			"en": "quarter", "es": "trimestre", "pt": "trimestre", "fr": "trimestre", "de": "quartal",
			"it": "trimestre", "id": "kuartal|triwulan", "ms": "suku", "vi": "quý|quy", "th": "ไตรมาส", "zh": "季度|季",
		},
		"ordinal": {
			"en": "first = 1|second = 2|third = 3|fourth = 4", "es": "primer = 1|primero = 1|segundo = 2|tercer = 3|tercero = 3|cuarto = 4",
			"pt": "primeiro = 1|segundo = 2|terceiro = 3|quarto = 4", "fr": "premier = 1|deuxième = 2|second = 2|troisième = 3|quatrième = 4",
			"de": "erstes = 1|ersten = 1|zweites = 2|zweiten = 2|drittes = 3|dritten = 3|viertes = 4|vierten = 4",
			"it": "primo = 1|secondo = 2|terzo = 3|quarto = 4", "id": "pertama = 1|kedua = 2|ketiga = 3|keempat = 4",
			"ms": "pertama = 1|kedua = 2|ketiga = 3|keempat = 4", "vi": "một = 1|hai = 2|ba = 3|bốn = 4|tư = 4",
			"zh": "一 = 1|二 = 2|三 = 3|四 = 4",
		},
		"ord_suffix": {"en": "st|nd|rd|th", "fr": "er|e|ème|eme", "es": "º|°", "it": "º|°", "pt": "º|°", "de": "."},
		"week":       {"de": "kw|kalenderwoche", "en": "cw|wk"},
		"holiday": {
			"en": "christmas = christmas|xmas = christmas|x-mas = christmas|new year = new_year|new year's = new_year|new years = new_year|" +
				"chinese new year = lunar_new_year|lunar new year = lunar_new_year|cny = lunar_new_year|songkran = songkran|eid = eid_al_fitr|" +
				"eid al-fitr = eid_al_fitr|eid ul-fitr = eid_al_fitr|eid al fitr = eid_al_fitr",
			"es": "navidad = christmas|navidades = christmas|año nuevo = new_year|año nuevo chino = lunar_new_year",
			"pt": "natal = christmas|ano novo = new_year|ano novo chinês = lunar_new_year",
			"fr": "noël = christmas|noel = christmas|nouvel an = new_year|nouvel an chinois = lunar_new_year",
			"de": "weihnachten = christmas|neujahr = new_year|chinesisches neujahr = lunar_new_year",
			"it": "natale = christmas|capodanno = new_year|capodanno cinese = lunar_new_year",
			"id": "natal = christmas|tahun baru = new_year|imlek = lunar_new_year|tahun baru imlek = lunar_new_year|lebaran = eid_al_fitr|" +
				"idul fitri = eid_al_fitr|idulfitri = eid_al_fitr|hari raya = eid_al_fitr",
			"ms": "krismas = christmas|tahun baru cina = lunar_new_year|hari raya = eid_al_fitr|hari raya aidilfitri = eid_al_fitr|aidilfitri = eid_al_fitr|raya = eid_al_fitr",
			"vi": "giáng sinh = christmas|noel = christmas|tết = lunar_new_year|tet = lunar_new_year|tết nguyên đán = lunar_new_year|tết dương lịch = new_year",
			"th": "คริสต์มาส = christmas|ปีใหม่ = new_year|ตรุษจีน = lunar_new_year|สงกรานต์ = songkran",
			"zh": "圣诞 = christmas|圣诞节 = christmas|聖誕 = christmas|聖誕節 = christmas|元旦 = new_year|春节 = lunar_new_year|春節 = lunar_new_year|" +
				"农历新年 = lunar_new_year|農曆新年 = lunar_new_year|过年 = lunar_new_year|過年 = lunar_new_year|新年 = new_year",
		},
	}
}

// leadRows reads one table's rows: each language's "word = value" entries.
func leadRows(rows map[string]string, each func(w, v string)) {
	for _, row := range rows {
		for _, ent := range strings.Split(row, "|") {
			w, v, _ := strings.Cut(ent, " = ")
			if w = strings.TrimSpace(w); w != "" {
				each(w, strings.TrimSpace(v))
			}
		}
	}
}

// newLeadLexicon builds the lead-time tables. Thai words join the
// tokenizer's word list, so "ก่อนสงกรานต์" cuts into ก่อน + สงกรานต์, and
// each holiday name is stored as the tokens the tokenizer makes of it.
func newLeadLexicon(lx *lexicon) leadLexicon {
	t := leadTables()
	ints := func(name string) map[string]int {
		m := map[string]int{}
		leadRows(t[name], func(w, v string) {
			n, _ := strconv.Atoi(v)
			m[w] = n
		})
		return m
	}
	bools := func(name string) map[string]bool {
		m := map[string]bool{}
		leadRows(t[name], func(w, _ string) { m[w] = true })
		return m
	}
	ll := leadLexicon{
		part: ints("part"), filler: bools("filler"), yearWord: bools("year_word"), yearEnd: bools("year_end"), prep: bools("prep"),
		inPrep: bools("in_prep"), goods: bools("goods"), notGoods: bools("not_goods"), wrote: bools("wrote"),
		header: bools("header"), after: bools("after"), next: ints("next"), quarter: bools("quarter"),
		ordinal: ints("ordinal"), ordSuffix: bools("ord_suffix"), week: bools("week"),
		holidays: map[string]string{}, holFirst: map[string]bool{},
	}
	for name := range t {
		leadRows(t[name], func(w, _ string) {
			for _, r := range w {
				if isThai(r) {
					lx.thaiWords[w] = true
					if n := len([]rune(w)); n > lx.thaiMax {
						lx.thaiMax = n
					}
					return
				}
			}
		})
	}
	leadRows(t["holiday"], func(w, key string) {
		toks := tokenize(normalize(w), lx.thaiWords, lx.thaiMax, nil)
		parts := make([]string, len(toks))
		for i := range toks {
			parts[i] = toks[i].s
		}
		ll.holidays[strings.Join(parts, " ")] = key
		ll.holFirst[parts[0]] = true
		if len(parts) > ll.holMax {
			ll.holMax = len(parts)
		}
	})
	return ll
}
