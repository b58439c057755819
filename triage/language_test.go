package triage

import (
	"bufio"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
)

// These lines are written for the test, in the ways buyers write: chat
// lines without accents, formal e-mails, RFQ fragments.
var detectTests = []struct {
	lang string
	text string
}{
	{"en", "hi, need 1200 pcs of round mirrors with our logo, what is your best price?"},
	{"en", "Dear Sir, please find attached our drawings for a backlit vanity mirror. Kindly quote FOB Shenzhen for 4,000 units."},
	{"en", "do you have this in black? 300 pcs"},
	{"en", "Hi boss, budget RM 50,000 for 900 units, can you deliver to Penang in 6 weeks?"},
	{"en", "We are from Surabaya, want your model with our logo, budget Rp 200 juta"},
	{"en", "Namaste, we want 400 mirrors for a hotel in Goa, budget 10 lakh"},
	{"es", "Hola, necesitamos 800 espejos redondos con nuestro logo. ¿Cuál es el precio?"},
	{"es", "Buenas tardes, tenemos nuestro propio diseño y queremos fabricar 3.000 piezas. Entrega en 4 meses."},
	{"es", "cuanto cuesta el espejo de pie? queremos unos 200 para la tienda"},
	{"es", "Estimados señores: solicitamos cotización de 5.000 unidades, presupuesto 60.000 USD."},
	{"pt", "Olá, precisamos de 1.500 espelhos com a nossa marca. Qual o prazo de entrega?"},
	{"pt", "Bom dia, temos o projeto pronto e queremos produzir 3 mil peças, orçamento de R$ 200 mil."},
	{"pt", "vocês fazem espelho com led? quero 300 unidades pra minha loja"},
	{"pt", "Ainda não temos projeto próprio; gostaríamos de um modelo do seu catálogo."},
	{"fr", "Bonjour, nous souhaitons commander 2 000 miroirs avec notre logo. Quel est votre délai ?"},
	{"fr", "Madame, Monsieur, nous avons nos propres plans et cherchons un fabricant pour 5 000 pièces. Cordialement"},
	{"fr", "salut, vous avez ce miroir en noir ? j'en voudrais 300"},
	{"de", "Guten Tag, wir suchen einen Hersteller für 3.000 Spiegel nach unseren Zeichnungen."},
	{"de", "Hallo, haben Sie diesen Spiegel auch in Schwarz? Wir bräuchten ca. 500 Stück."},
	{"de", "Sehr geehrter Herr Braun, bitte schicken Sie uns Ihr Angebot über 7.500 Stück mit Lieferung in 10 Wochen."},
	{"it", "Buongiorno, vorremmo ordinare 1.000 specchi con il nostro logo. Quali sono i tempi di consegna?"},
	{"it", "Ciao, abbiamo un nostro progetto e cerchiamo un'azienda per produrre 4.000 pezzi, budget 50.000 euro."},
	{"it", "Gentili signori, siamo un negozio di arredamento e vorremmo un preventivo per 600 specchi dal vostro catalogo."},
	{"it", "quanto costa lo specchio tondo? ne vogliamo 200 entro due mesi"},
	{"id", "Halo kak, mau pesan cermin bulat 500 pcs pakai logo kami ya, bisa kirim ke Medan?"},
	{"id", "Selamat pagi Pak, kami butuh 2.000 unit cermin dengan desain sendiri, budget Rp 500 juta."},
	{"id", "Bu, kapan barang bisa dikirim? Kami mau order 300 pcs dulu."},
	{"id", "Kami tidak punya desain, mau pakai model dari pabrik saja, sekitar 700 unit."},
	{"ms", "Salam, saya nak tanya harga 500 unit cermin bulat, bajet RM 20 ribu."},
	{"ms", "Syarikat kami perlukan 3,000 unit cermin ikut reka bentuk sendiri. Boleh hantar dalam masa 3 bulan?"},
	{"ms", "Berapa harga cermin ni? Ada stok tak?"},
	{"ms", "Tuan, kami nak beli 600 unit model katalog, dengan logo kedai kami."},
	{"vi", "Chào anh, bên em cần 1.000 chiếc gương tròn có in logo, giao trong 2 tháng ạ."},
	{"vi", "Công ty chúng tôi đã có thiết kế riêng, cần sản xuất 5 nghìn cái gương."},
	{"vi", "gương này giá bao nhiêu vậy shop?"},
	{"vi", "cho em hoi gia guong tron 60cm bao nhieu a, ben em can 500 cai"},
	{"th", "สวัสดีค่ะ ต้องการกระจก LED 1,000 ชิ้น งบประมาณ 500,000 บาท"},
	{"th", "กระจกรุ่นนี้ราคาเท่าไหร่ครับ"},
	{"th", "บริษัทเรามีแบบของเราเอง ต้องการผลิต 3,000 ชิ้น ภายใน 4 เดือน (drawing attached)"},
	{"zh", "你好，我们需要一千个圆形镜子，加我们的logo，预算多少合适？"},
	{"zh", "我们有自己的设计图纸，数量3000件，四个月内交货。"},
	{"zh", "LED镜子多少钱？"},
	{"en", "Hola! we are a Mexican company, need 500 mirrors"},
	{"en", "Selamat pagi, we are from Malaysia, need 300 pcs LED mirrors, budget RM 20k"},
	{"en", "Thanks, waiting for your quotation"},
	{"es", "precio?"},
	{"es", "Gracias, quedo atento a la cotización"},
	{"pt", "preço?"},
	{"pt", "Obrigado, aguardo o orçamento"},
	{"it", "prezzo?"},
	{"it", "Grazie, aspetto il vostro preventivo"},
	{"fr", "prix ?"},
	{"fr", "Merci, j'attends votre devis"},
	{"de", "Preis?"},
	{"de", "Danke, ich warte auf Ihr Angebot"},
	{"id", "Pak, saya mau order 500 pcs mirror LED, bisa kirim minggu depan?"},
	{"id", "Terima kasih, ditunggu penawarannya"},
	{"ms", "Terima kasih, saya tunggu sebut harga"},
	{"vi", "bao nhieu tien"},
	{"vi", "Cảm ơn, chờ báo giá"},
	{"th", "ขอบคุณครับ รอใบเสนอราคา"},
	{"zh", "谢谢，等你们报价"},
	{"en", "2k pcs"},
	{"it", "Gentile fornitore,\n\nsiamo una catena di hotel in Toscana e stiamo cercando un produttore per 1.200 specchi LED da bagno (60x80 cm, 4000K, antiappannamento). Abbiamo già i disegni tecnici. Potete inviarci un preventivo FOB entro venerdì?\n\nCordiali saluti\nMarco Rossi\nUfficio acquisti\nTel. +39 055 123456\nThis e-mail and any attachments are confidential."},
	{"ms", "Assalamualaikum dan selamat petang. Syarikat kami dari Shah Alam nak buat tempahan cermin LED untuk projek hotel, lebih kurang 900 unit saiz 60x80. Boleh bagi sebut harga dan tempoh siap? Bajet kami dalam RM 80k. Terima kasih, Encik Faizal."},
	{"id", "Selamat sore Bu, kami dari PT Cahaya Interior Jakarta. Kami butuh cermin LED untuk proyek apartemen, kira-kira 1.500 unit ukuran 50x70. Mohon dikirim penawaran harga dan estimasi waktu produksinya ya. Terima kasih."},
	{"de", "Sehr geehrter Herr Braun,\n\nfür unsere Hotelkette suchen wir einen Lieferanten für 4.000 beleuchtete Badspiegel. Zeichnungen und Stückliste senden wir gern nach Unterzeichnung einer Geheimhaltungsvereinbarung. Bitte nennen Sie uns Preis und Lieferzeit.\n\nMit freundlichen Grüßen\nAnna Schmidt"},
	{"fr", "Bonjour,\n\nNous sommes un distributeur belge de mobilier de salle de bain. Nous aimerions recevoir votre catalogue de miroirs LED ainsi que vos prix pour 800 pièces. Est-il possible d'ajouter notre logo ?\n\nCordialement,\nJulie Dubois"},
	{"pt", "Boa tarde! Somos uma rede de salões de beleza em Belo Horizonte e queremos 300 espelhos de camarim com a nossa logo. Vocês enviam para o Brasil? Qual seria o prazo?"},
	{"es", "Buenos días, les escribo de una distribuidora en Bogotá. Buscamos espejos decorativos de su catálogo, unas 600 unidades, con entrega en Cartagena. ¿Me podrían enviar precios y condiciones de pago?"},
	{"", "3000"},
	{"", "Ok"},
	{"", "🙏🙏🔥"},
	{"", ""},
	{"", "+49 89 1234567"},
}

// TestLatinSlots checks that the score slots match latinLangs and that
// every word table names one of them.
func TestLatinSlots(t *testing.T) {
	slots := map[string]int{langEN: iEN, langES: iES, langPT: iPT, langFR: iFR, langDE: iDE, langIT: iIT, langID: iID, langMS: iMS, langVI: iVI}
	for lang, i := range slots {
		if got := langIndex(lang); got != i {
			t.Errorf("langIndex(%s) = %d, want %d", lang, got, i)
		}
	}
	for _, lw := range languageWords {
		if langIndex(lw.lang) < 0 {
			t.Errorf("word table for %q, which has no score slot", lw.lang)
		}
	}
}

func TestDetect(t *testing.T) {
	d := newLanguageDetector()
	for _, tt := range detectTests {
		if got := d.Detect(tt.text); got != tt.lang {
			t.Errorf("Detect(%q) = %q, want %q", tt.text, got, tt.lang)
		}
	}
}

// TestDetectDecomposed checks Vietnamese typed with combining accents (as
// some keyboards send it) and invalid UTF-8.
func TestDetectOddInput(t *testing.T) {
	d := newLanguageDetector()
	tests := []struct{ text, want string }{
		{"ca\u0300n gu\u031bo\u031b\u0300ng tro\u0300n, giao trong 2 tha\u0301ng a\u0323", "vi"},
		{"we need \xff\xfe 500 mirrors", "en"},
		{strings.Repeat("x", 1000) + " please quote our mirrors", "en"},
	}
	for _, tt := range tests {
		if got := d.Detect(tt.text); got != tt.want {
			t.Errorf("Detect(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestDetectLong checks that a long e-mail is read like a short line and
// that Detect does not allocate.
func TestDetectLong(t *testing.T) {
	d := newLanguageDetector()
	text := strings.Repeat("Bonjour, nous avons besoin de 2 000 miroirs avec notre logo. ", 20000)
	if got := d.Detect(text); got != "fr" {
		t.Errorf("Detect(long French) = %q, want fr", got)
	}
	if n := testing.AllocsPerRun(10, func() { d.Detect(detectTests[1].text) }); n != 0 {
		t.Errorf("Detect allocates %v times a call, want 0", n)
	}
}

// corpusLine is the part of a corpus line the language test reads.
type corpusLine struct {
	ID   string `json:"id"`
	Lang string `json:"lang"`
	Text string `json:"text"`
}

// readCorpus reads the labelled dev corpus: the copy in testdata, else the
// shared one next to the working tree.
func readCorpus(t testing.TB) []corpusLine {
	t.Helper()
	var f *os.File
	var err error
	for _, p := range []string{"testdata/dev.jsonl", "../../shared/corpus/dev.jsonl"} {
		if f, err = os.Open(p); err == nil {
			break
		}
	}
	if err != nil {
		t.Skipf("no dev corpus: %v", err)
	}
	defer f.Close()
	var lines []corpusLine
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var l corpusLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("corpus line %d: %v", len(lines)+1, err)
		}
		lines = append(lines, l)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

func TestDetectCorpus(t *testing.T) {
	d := newLanguageDetector()
	lines := readCorpus(t)
	right := 0
	for _, l := range lines {
		if got := d.Detect(l.Text); got == l.Lang {
			right++
		} else {
			t.Logf("%s: Detect = %q, want %q", l.ID, got, l.Lang)
		}
	}
	if acc := float64(right) / float64(len(lines)); acc < 0.97 {
		t.Errorf("language accuracy %.3f (%d/%d), want >= 0.97", acc, right, len(lines))
	}
}

func BenchmarkDetect(b *testing.B) {
	d := newLanguageDetector()
	var corpus []string
	for _, l := range readCorpus(b) {
		corpus = append(corpus, l.Text)
	}
	b.Run("corpus", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, s := range corpus {
				d.Detect(s)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(corpus)), "ns/msg")
	})
	big := strings.Repeat("Guten Tag, wir benötigen 3.000 Spiegel nach unseren Zeichnungen. ", 1<<20/66)
	b.Run("1MiB", func(b *testing.B) {
		b.SetBytes(int64(len(big)))
		b.ReportAllocs()
		for b.Loop() {
			d.Detect(big)
		}
	})
}

// TestDetectOwnTexts checks that the bot's own sentences in each language
// are told as that language: a buyer who quotes them back, or a supplier
// who adds wording in the same style, is answered in the right language.
func TestDetectOwnTexts(t *testing.T) {
	d := newLanguageDetector()
	r := defaultRules(t)
	tx, err := newTexts(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range allLanguages {
		l := r.Languages[lang]
		var lines []string
		for _, k := range []string{"greeting", "help", "empty", "truncated", "not_text", "new_inquiry"} {
			lines = append(lines, l.Labels[k])
		}
		for _, c := range questionCues {
			lines = append(lines, l.Questions[c].Text)
		}
		for _, w := range warningCodes {
			lines = append(lines, l.Warnings[w])
		}
		for _, m := range explanationModels {
			lines = append(lines, tx.Explanation(lang, m, goldenCues[0].cues, r))
		}
		for _, s := range lines {
			if got := d.Detect(s); got != lang {
				t.Errorf("Detect(%q) = %q, want %q", s, got, lang)
			}
		}
	}
}

// FuzzDetect checks that any input, valid UTF-8 or not, yields one of the
// eleven codes or "" and never panics.
func FuzzDetect(f *testing.F) {
	for _, tt := range detectTests {
		f.Add(tt.text)
	}
	f.Add("a\u0323\xff\u0e01\u4e00")
	d := newLanguageDetector()
	f.Fuzz(func(t *testing.T, s string) {
		got := d.Detect(s)
		if got != "" && !slices.Contains(allLanguages, got) {
			t.Errorf("Detect(%q) = %q, not a reply language", s, got)
		}
	})
}
