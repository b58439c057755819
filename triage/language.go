package triage

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The reply languages, as ISO 639-1 codes.
const (
	langEN = "en"
	langES = "es"
	langPT = "pt"
	langFR = "fr"
	langDE = "de"
	langIT = "it"
	langID = "id"
	langMS = "ms"
	langVI = "vi"
	langTH = "th"
	langZH = "zh"
)

// latinLangs fixes the order in which Latin-script scores are compared, so a
// tie always resolves the same way (the more common language first).
var latinLangs = [...]string{langEN, langES, langPT, langFR, langDE, langIT, langID, langMS, langVI}

// Slots of the Latin-script languages in a score array, in latinLangs' order.
const (
	iEN = iota
	iES
	iPT
	iFR
	iDE
	iIT
	iID
	iMS
	iVI
)

// langIndex maps a Latin-script language to its slot in a score array.
func langIndex(lang string) int {
	for i, l := range latinLangs {
		if l == lang {
			return i
		}
	}
	return -1
}

// weakWord and strongWord are how much one listed word counts: common words
// shared by neighbours (es/pt/it, id/ms) count less than words only one
// language uses.
const (
	weakWord   = 1
	strongWord = 3
)

// languageWords lists, per language, the words that mark it: first the
// common ones (function words, the trade's vocabulary), then the strong
// ones that set it apart from its neighbours. A word listed for several
// languages votes for each. Words are lower case; accents matter.
var languageWords = [...]struct {
	lang, common, strong string
}{
	{langEN,
		`a an and are as at be but by can could do does for from get have how i if in is it its me my need of on or our please pls price pcs piece pieces quote send so that the their them there these this to us want was we what when which will with would you your units mirror mirrors order delivery design budget about just like also any per each only some hello hi dear thanks regards best sets dozen qty quantity total target shipping ship deliver delivered frame glass round wall size sizes colour color black white gold customers customer company importer retailer brand`,
		`the and with our your we you please pls need would should could what which thanks regards kindly looking mirrors shipping quotation around within weeks months days sir madam samples sample drawings catalog catalogue brand asap`},
	{langES,
		`de la el en y los las del al un una por para con que es su sus se lo como más muy pero también nos hay`,
		`hola gracias buenas buen día días tenemos necesitamos necesito queremos quiero nuestro nuestra nuestros nuestras ustedes usted cotización cotizar presupuesto pedido espejo espejos entrega meses semanas piezas unidades diseño propio propia catálogo plazo envío pueden podrían saludos estimados señores cuánto cuál mínimo docenas tienda empresa fabricar fabricación unos unas tenga tienen antes después marco vidrio redondo redondos pared precio precios cantidad objetivo enviar necesitaríamos fabricante somos estamos buscamos buscando hacer cuesta quiero necesito`},
	{langPT,
		`de o a e os as do da dos das em no na nos um uma por para com que é se mais muito mas também`,
		`olá oi obrigado obrigada temos precisamos preciso queremos quero nosso nossa nossos nossas vocês você cotação orçamento pedido espelho espelhos entrega meses semanas peças unidades projeto próprio própria catálogo prazo envio podem poderiam atenciosamente quanto qual mínimo dúzias loja empresa fabricar fabricação não são estão até bom tudo bem conseguem moldura vidro redondos parede preço preços quantidade alvo frete enviar precisaríamos fabricante somos estamos buscando procurando fazer custa quero minha meu pra cadeia suprimentos`},
	{langFR,
		`de la le les des du en et un une pour avec que qui est sont sur par au aux ce se ne pas plus`,
		`bonjour merci nous vous notre nos votre vos avons voudrions voudrais souhaitons cherchons recherchons besoin devis commande miroir miroirs livraison mois semaines jours pièces unités propre propres catalogue délai envoyer pouvez cordialement madame monsieur combien quel quels quelle minimum douzaines magasin entreprise fabrication sous avant je avez êtes salut environ meilleure cadre verre rond ronds mural muraux prix quantité objectif expédition fournisseur sommes faire coûte veux`},
	{langDE,
		`die der das und ist in zu mit von für auf ein eine einen dem den des im an als auch`,
		`wir ihr ihre ihrem ihren sie unser unsere unseren unserem benötigen brauchen möchten suchen haben guten tag hallo danke bitte angebot bestellung spiegel lieferung monate monaten wochen tage tagen stück stückzahl menge eigenes eigene eigenen katalog lieferzeit können grüßen freundlichen herren damen sehr geehrte wieviel wie viel mindestmenge dutzend geschäft firma herstellung nur bis innerhalb ca zunächst danach ist machbar rahmen glas rund runde wand preis preise ziel versand lieferant machen kostet bräuchten hersteller herstellers`},
	{langIT,
		`di il la le lo gli e è un una per con che del della dei delle al in non più ma anche`,
		`ciao buongiorno buonasera grazie salve abbiamo vorremmo vogliamo cerchiamo bisogno nostro nostra nostri nostre vostro vostra vostri vostre voi preventivo ordine specchio specchi consegna mesi settimane giorni pezzi unità disegno progetto proprio propria catalogo tempi spedizione potete potreste cordiali saluti distinti quanto qual minimo dozzine negozio azienda produzione siamo sono entro circa fino prezzo quantità gentili signori cornice vetro rotondo rotondi parete prezzi obiettivo spedire fornitore stiamo cercando fare costa voglio serve servono`},
	{langID,
		`kami untuk dan di dengan yang ini itu ada saya dari ke sudah punya jumlah harga unit cermin bulan minggu hari ribu juta terima kasih selamat mohon atau juga bulat berapa ya tidak lagi barang sendiri mencari cari dalam perlu kaca dinding buat sedang pesanan bingkai`,
		`butuh bisa mau pak bu bapak ibu kak kakak rp rupiah pakai kirim dikirim pengiriman saja dulu nggak gak enggak desain pabrik kemasan minta penawaran sekitar terlampir dong deh sih gimana kapan proyek karena biaya halo makasih tolong lusin gudang desember agustus informasi pesan bagian baru produksi ongkir harganya kirimkan aja banget kasih nanti kisaran tgl tanggal harus jt rb tahu udah gimana bikin ngga tdk blm bln maret juni juli budgetnya`},
	{langMS,
		`kami untuk dan di dengan yang ini itu ada saya dari ke sudah punya jumlah harga unit cermin bulan minggu hari ribu juta terima kasih selamat mohon atau juga bulat berapa ya tidak lagi barang sendiri mencari cari dalam perlu kaca dinding buat sedang pesanan bingkai`,
		`nak tak boleh bajet rm ringgit perlukan kuantiti syarikat reka bentuk sijil hantar bagi sebut lebih kurang masa siap tuan encik puan kedai letak solek hiasan projek sahaja sila mahu kilang pembungkusan penghantaran kos percuma awak lah assalamualaikum salam tq disember ogos julai dah maklumat mesej bahagian baharu pengeluaran tempah tempahan jenama pembekal pos pasal saiz lukisan teknikal guna bilik mesti kena mac jun cik wang seunit`},
	{langVI,
		`em anh chi cho hoi gia bao nhieu khong duoc nhe minh ben gui cai chiec guong can ngan sach giao co ban nha tam`,
		`của và cần gương không được giá chiếc cái bên mình chị hỏi báo nhé ạ số lượng ngân sách giao hàng tháng tuần ngày thiết kế riêng mẫu công ty chúng tôi có sẵn trong vòng oi ko cua khoang thang cuoi muon nhieu lay chao`},
}

// wordScore is one language's vote for a word.
type wordScore struct {
	lang  int // index into latinLangs
	score int
}

// languageDetector guesses the language of a buyer's text among the eleven
// reply languages. Its tables are built once by newLanguageDetector; Detect
// only reads them, so a detector is safe for concurrent use. The zero value
// is not usable.
type languageDetector struct {
	words map[string][]wordScore
}

// newLanguageDetector builds the word tables once.
func newLanguageDetector() *languageDetector {
	d := &languageDetector{words: make(map[string][]wordScore, 1024)}
	for _, lw := range languageWords {
		li := langIndex(lw.lang)
		d.add(li, lw.common, weakWord)
		d.add(li, lw.strong, strongWord)
	}
	return d
}

// add records the words of list as votes of weight w for language li; a
// word listed twice for one language keeps the higher weight.
func (d *languageDetector) add(li int, list string, w int) {
	for _, word := range strings.Fields(list) {
		scores := d.words[word]
		found := false
		for i := range scores {
			if scores[i].lang == li {
				scores[i].score = max(scores[i].score, w)
				found = true
			}
		}
		if !found {
			scores = append(scores, wordScore{lang: li, score: w})
		}
		d.words[word] = scores
	}
}

// maxWordBytes bounds the lower-cased word buffer; longer runs of letters
// (a pasted hash, a URL) are not words of any table.
const maxWordBytes = 64

// Detect returns the ISO 639-1 code of text's language among en, es, pt, fr,
// de, it, id, ms, vi, th and zh, or "" when the text gives no clue (only
// digits, emoji, or no word of any table).
//
// Thai and Chinese are told by their scripts. Latin-script text is scored
// word by word against the tables, plus letters only some languages use
// (ñ, ã, ß, œ, and Vietnamese's tone marks). One pass, linear in the text,
// with no allocation: words are lower-cased into a fixed buffer, and a run
// of letters longer than it is skipped as no word of any table.
func (d *languageDetector) Detect(text string) string {
	return d.guess(text).lang
}

// langGuess is what guess saw of a text: the language it picked, the
// score of each Latin-script language, the Thai and Chinese characters and
// the Latin words (of two letters or more).
type langGuess struct {
	lang       string
	scores     [len(latinLangs)]int
	thai, han  int
	latinWords int
}

// Plain reports whether text is plainly written in lang: a whole sentence
// of it, not a number, a size, a code or a word or two. A Latin-script
// text needs four words and a clear lead of lang's words over every other
// language's; Thai and Chinese need four characters of their script.
func (d *languageDetector) Plain(text, lang string) bool {
	g := d.guess(text)
	if g.lang != lang {
		return false
	}
	switch lang {
	case langTH:
		return g.thai >= 4
	case langZH:
		return g.han >= 4
	}
	li := langIndex(lang)
	if li < 0 || g.latinWords < 4 || g.scores[li] < 5 {
		return false
	}
	for i, s := range g.scores {
		if i != li && s*3 > g.scores[li]*2 && !neighbours(lang, latinLangs[i]) {
			return false
		}
	}
	return true
}

// neighbours are languages so close that a sentence of one scores high in
// the other (Indonesian and Malay share most words): a clear lead over the
// other is not asked for a sentence to be plain.
func neighbours(a, b string) bool {
	return (a == langID && b == langMS) || (a == langMS && b == langID)
}

// guess scores text; see Detect.
func (d *languageDetector) guess(text string) langGuess {
	var (
		g             langGuess
		scores        [len(latinLangs)]int
		thai, han     int
		latin         int
		buf           [maxWordBytes]byte
		n             int  // bytes in buf
		overflow      bool // the current word did not fit
		prevLetterTop bool // the previous rune was a letter (for combining marks)
	)
	flush := func() {
		if n >= 2 && !overflow {
			g.latinWords++
		}
		if n > 0 && !overflow {
			for _, s := range d.words[string(buf[:n])] {
				scores[s.lang] += s.score
			}
		}
		n, overflow = 0, false
	}
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			// ASCII, most of most messages: no decoding, no tables.
			i++
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
				latin++
				if n < maxWordBytes && !overflow {
					buf[n] = c | 0x20
					n++
				} else {
					overflow = true
				}
				prevLetterTop = true
				continue
			}
			prevLetterTop = false
			flush()
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case r >= 0x0E00 && r <= 0x0E7F:
			thai++
			flush()
			continue
		case unicode.Is(unicode.Han, r):
			han++
			flush()
			continue
		case unicode.IsMark(r):
			// A decomposed accent: Vietnamese's dot below, hook above and
			// horn mark it; the others are kept in the word as typed.
			if prevLetterTop && (r == 0x0323 || r == 0x0309 || r == 0x031B) {
				scores[iVI] += 2
			}
			appendRune(&buf, &n, &overflow, r)
			continue
		case unicode.IsLetter(r):
			lr := unicode.ToLower(r)
			if lr < 0x80 || unicode.In(lr, unicode.Latin) {
				latin++
				letterScore(&scores, lr)
			}
			appendRune(&buf, &n, &overflow, lr)
			prevLetterTop = true
			continue
		case r == '¿' || r == '¡':
			scores[iES] += 2
		}
		prevLetterTop = false
		flush()
	}
	flush()

	g.scores, g.thai, g.han = scores, thai, han
	g.lang = pickLanguage(&scores, thai, han, latin)
	return g
}

// pickLanguage chooses the language from the scores and script counts.
func pickLanguage(scores *[len(latinLangs)]int, thai, han, latin int) string {
	// Scripts first: an unsegmented script's character stands for more
	// than a Latin letter, so a Thai or Chinese line quoting "LED" or a
	// model number stays Thai or Chinese.
	switch {
	case thai > 0 && thai >= han && thai*2 >= latin:
		return langTH
	case han > 0 && han*3 >= latin:
		return langZH
	}
	best, bestScore := "", 0
	for i, s := range scores {
		if s > bestScore {
			best, bestScore = latinLangs[i], s
		}
	}
	if best == "" {
		switch {
		case thai > 0:
			return langTH
		case han > 0:
			return langZH
		}
	}
	return best
}

// appendRune adds r's UTF-8 bytes to the word buffer, or marks the word as
// too long to be one of the tables'.
func appendRune(buf *[maxWordBytes]byte, n *int, overflow *bool, r rune) {
	if *overflow {
		return
	}
	if *n+utf8.RuneLen(r) > maxWordBytes {
		*overflow = true
		return
	}
	*n += utf8.EncodeRune(buf[*n:], r)
}

// letterScore adds the votes of letters that only some languages use.
func letterScore(scores *[len(latinLangs)]int, r rune) {
	switch r {
	case 'ñ':
		scores[iES] += 2
	case 'ã', 'õ':
		scores[iPT] += 3
	case 'ç':
		scores[iPT]++
		scores[iFR]++
	case 'œ', 'ë', 'ï', 'î', 'û':
		scores[iFR] += 2
	case 'è':
		scores[iFR]++
		scores[iIT]++
	case 'ì', 'ò':
		scores[iIT] += 2
	case 'ß', 'ä', 'ö', 'ü':
		scores[iDE] += 2
	case 'ă', 'đ', 'ơ', 'ư':
		scores[iVI] += 2
	default:
		// Latin Extended Additional holds Vietnamese's vowels with tone
		// marks (ạ ả ấ ầ ẩ ẫ ậ ắ … ỹ); no other reply language uses it.
		if r >= 0x1EA0 && r <= 0x1EF9 {
			scores[iVI] += 2
		}
	}
}
