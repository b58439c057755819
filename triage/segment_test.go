package triage

import "testing"

func testSegLexicon(t *testing.T) *segLexicon {
	t.Helper()
	d, err := embeddedLexicon()
	if err != nil {
		t.Fatal(err)
	}
	_, sl := newTables(d)
	if err := d.err(); err != nil {
		t.Fatal(err)
	}
	return sl
}

// TestLineClassifiers gives each named classifier lines it must and must
// not match, in several languages.
func TestLineClassifiers(t *testing.T) {
	sl := testSegLexicon(t)
	rows := map[string]struct{ yes, no []string }{
		"quote mark": {yes: []string{"> our price is usd 9", ">> earlier"}, no: []string{"we need > 500 pcs"}},
		"reply header": {
			yes: []string{
				"on mon, 3 mar 2025 at 10:00, anna lee <anna@glassworks.example> wrote:",
				"le 4 févr. 2025 à 08:30, paul martin a écrit :",
				"am 12.02.2025 um 17:45 schrieb max mustermann <max@x.example>:",
				"el jue, 6 feb 2025, 09:12, ventas escribió:",
				"em 2 de mar. de 2025, às 11:00, joana escreveu:",
				"il giorno 3 mar 2025, alle ore 12:00, luca ha scritto:",
				"pada sel, 4 mar 2025, dian menulis:",
				"vào 5 thg 3, 2025 lúc 10:00, sales đã viết:",
				"在 2025年3月5日 周三 10:00,李经理 <li@x.example> 写道:",
				"เมื่อ 5 มี.ค. 2025 เวลา 10:00 ฝ่ายขาย เขียนว่า:",
			},
			no: []string{"on monday we wrote to your team about 500 pcs", "on time delivery is a must:", "el precio: 5 usd"},
		},
		"forward marker":   {yes: []string{"------ forwarded message ------", "begin forwarded message:", "----- weitergeleitete nachricht -----", "---- 转发的邮件 ----", "--- mensaje reenviado ---"}, no: []string{"we forwarded your message to our boss and he approved 500 pcs for the summer season"}},
		"original message": {yes: []string{"-----original message-----", "----- ursprüngliche nachricht -----", "------------------ 原始邮件 ------------------", "--- messaggio originale ---"}, no: []string{"an original design of ours"}},
		"separator":        {yes: []string{"-----", "________________", "=====", "- - - - -"}, no: []string{"---", "-- jan", "500 - 800 pcs"}},
		"mail header":      {yes: []string{"from: sales team <sales@x.example>", "subject: re: mirror quote", "betreff: angebot", "tiêu đề: báo giá", "主题: 报价", "asunto: cotización", "objet: devis"}, no: []string{"quantity: 500 pcs", "delivery date: 2025-06-01", "from our side: 300 pcs"}},
		"sign-off": {
			yes: []string{"best regards,", "kind regards", "thanks, maria", "viele grüße / best regards", "saludos cordiales,", "atenciosamente,", "cordialement,", "cordiali saluti", "terima kasih", "salam,", "trân trọng,", "cảm ơn anh/chị.", "ขอบคุณค่ะ", "谢谢!", "此致敬礼", "cheers 🙏"},
			no:  []string{"thanks for the quote, we need 500 pcs", "regards the size: 60x80", "thanks, we need 2000", "terima kasih atas penawarannya untuk 300 unit"},
		},
		"footer": {
			yes: []string{"tel +44 20 7946 0000", "mobile: 0812 3456 7890", "vat de 123456789", "npwp 02.345.678.9-012.000", "电话 021-1234-5678", "+62 812 3456 7890", "anna@shop.example", "www.shop.example", "p.iva 01234567890", "โทร 02-123-4567"},
			no:  []string{"e lay 300 cai mau tron", "total 3,000 pcs", "mobile stands for 12 shops", "tel me the price"},
		},
		"signature delimiter": {yes: []string{"--"}, no: []string{"---", "-- note"}},
		"postscript":          {yes: []string{"p.s. we also need 20 spares", "ps: 500 more"}, no: []string{"psychedelic frames"}},
	}
	for _, c := range lineClassifiers {
		r, ok := rows[c.name]
		if !ok {
			if c.name != "blank" {
				t.Errorf("classifier %q has no test rows", c.name)
			}
			continue
		}
		for _, l := range r.yes {
			if !c.match(sl, []string{l}, 0, l) {
				t.Errorf("%s: %q not matched", c.name, l)
			}
		}
		for _, l := range r.no {
			if l != "" && c.match(sl, []string{l}, 0, l) {
				t.Errorf("%s: %q matched", c.name, l)
			}
		}
	}
}

// TestFooterLines covers the lines the trailing footer walk takes.
func TestFooterLines(t *testing.T) {
	sl := testSegLexicon(t)
	for _, c := range []struct {
		l                      string
		company, street, named bool
	}{
		{"Glasshaus GmbH", true, false, true},
		{"pt kaca indah", true, false, true},
		{"cermin jaya sdn bhd", true, false, true},
		{"明亮镜业有限公司", true, false, true},
		{"บริษัท กระจกใส จำกัด", true, false, true},
		{"ใช้แบบของบริษัทเรา 600 ชิ้น", false, false, false},
		{"Seestraße 14, 8002 Zürich", false, true, false},
		{"jl. sudirman 45, jakarta 10220", false, true, false},
		{"88 ถนนสุขุมวิท กรุงเทพฯ 10110", false, true, false},
		{"上海市长宁路 88 号", false, true, false},
		{"送到上海市 3000个", false, false, false},
		{"place the order for 500 pcs", false, false, false},
		{"Maria Rossi", false, false, true},
		{"we need them by june.", false, false, false},
	} {
		l := normalize(c.l)
		if got := sl.isCompanyLine(l); got != c.company {
			t.Errorf("isCompanyLine(%q) = %v", c.l, got)
		}
		if got := sl.isStreetLine(l); got != c.street {
			t.Errorf("isStreetLine(%q) = %v", c.l, got)
		}
		if got := isNameLine(l); got != c.named {
			t.Errorf("isNameLine(%q) = %v", c.l, got)
		}
	}
}

// TestSegmentRoles checks whole messages: each line's role, written as a
// one-letter code (o own, f forwarded, q quoted, h header, s signature).
func TestSegmentRoles(t *testing.T) {
	sl := testSegLexicon(t)
	code := map[Role]byte{RoleOwn: 'o', RoleForwarded: 'f', RoleQuoted: 'q', RoleHeader: 'h', RoleSignature: 's'}
	tests := []struct {
		name, text, want string
	}{
		{"one line is the buyer's, no roles needed", "need 500 pcs by june", ""},
		{"reply below a signature",
			"Hello,\nWe take 700 pcs at your price.\n\nBest regards,\nAnna Berg\nBuyer\n\nOn Mon, 3 Mar 2025, Tom <tom@f.example> wrote:\n> Price USD 12/pc for 1,000 pcs\n> Valid 30 days",
			"ooosssshqq"},
		{"greeting sign-off word is no signature", "Salam,\nkami perlu 300 unit.\nTerima kasih", "oos"},
		{"forward from the buyer's side",
			"See the brief from our architect below: 900 pcs final.\n\n------ Forwarded message ------\nFrom: Studio <s@a.example>\nDate: Mon, 3 Mar 2025\nSubject: mirrors\n\nSpec attached, about 800 pcs.\nRegards, Kim",
			"oohhhhhfs"},
		{"outlook reply block with no marker",
			"ok, go ahead with 300.\n\nFrom: Sales <s@f.example>\nSent: Monday, March 3, 2025\nSubject: RE: offer\n\nDear buyer, USD 9/pc.",
			"oohhhqq"},
		{"separator and pasted offer", "We accept 1,000 pcs.\n-----\nOffer: USD 8/pc, MOQ 500", "ohq"},
		{"footer paragraph without sign-off", "请报价3000个。\n\n王芳 采购部\n明亮镜业有限公司\n电话 021-1234-5678", "oosss"},
		{"postscript after signature", "Need 400 pcs.\nThanks,\nLi\nP.S. plus 20 spares", "osso"},
		{"a forwarded body of one line is no footer",
			"see below\n------ Forwarded message ------\nFrom: Boss\n\nuse our company design PT Kaca Ltd, 2 models, 600 pcs each",
			"ohhhf"},
		{"bottom post: the buyer writes below the quote",
			"On Mon, 3 Mar 2025, Tom <tom@f.example> wrote:\n> price usd 9, moq 500\n\nok for 700 pcs, ship in june",
			"hqqo"},
		{"outlook quote without marks runs to the end",
			"ok 700.\n\nOn Mon, 3 Mar 2025, Tom wrote:\nprice usd 9\nmoq 500",
			"oohqq"},
		{"signature delimiter", "need 500 pcs\n--\nAnna Berg\nBuyer", "osss"},
		{"device footer", "need 500 pcs by june\n\nSent from my iPhone", "oos"},
		{"interleaved answers", "answers below.\n> how many pieces?\n600 pcs\n> budget?\nabout $9k", "oqoqo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sg := sl.segment(normalize(tt.text), &segBuf{})
			var got []byte
			for _, r := range sg.roles {
				got = append(got, code[r])
			}
			if string(got) != tt.want {
				t.Errorf("roles %s, want %s\n%s", got, tt.want, tt.text)
			}
		})
	}
}

// TestSegmentTexts checks what the readers get: own text with forwarded
// text after it, the factory's text apart, corner-bracket quotes cut out.
func TestSegmentTexts(t *testing.T) {
	sl := testSegLexicon(t)
	tests := []struct {
		name, text, own, quoted string
	}{
		{"plain text is kept as it is", "need 500 pcs\nby june", "need 500 pcs\nby june", ""},
		{"forwarded text comes after the buyer's", "900 pcs final.\n------ Forwarded message ------\nFrom: boss\n\nabout 800 pcs", "900 pcs final.\n\n\n\nabout 800 pcs", ""},
		{"corner quotes are the factory's", "你们说「单价12元」太贵,我们要3000个", "你们说 太贵,我们要3000个", "单价12元"},
		{"unclosed corner quote runs to the line end", "关于「报价单 a-12\n我们要500个", "关于 \n我们要500个", "报价单 a-12"},
		{"quoted lines lose their marks", "ok 300\n> price 9 usd\n>> moq 100", "ok 300", "price 9 usd\nmoq 100"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sg := sl.segment(normalize(tt.text), &segBuf{})
			if sg.own != tt.own || sg.quoted != tt.quoted {
				t.Errorf("own %q quoted %q, want %q and %q", sg.own, sg.quoted, tt.own, tt.quoted)
			}
		})
	}
}
