package triage

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// declinePhrases say "I don't know yet" or "not decided", in each
// language, lower case. The cue declined is the one named nearest in the
// same sentence, else the cues just asked.
var declinePhrases = []string{
	// en
	"not sure", "don't know", "dont know", "do not know", "no idea", "not decided", "undecided",
	"not fixed", "not set yet", "not confirmed", "tbd", "tbc", "to be decided", "to be confirmed",
	"can't say", "cannot say", "haven't decided", "not determined", "no budget yet", "no fixed budget",
	"no fixed date", "no date yet", "no deadline yet", "no timeline yet", "no rush", "no hurry", "not yet known",
	"not decided either",
	// es
	"no sé", "no se todavía", "no lo sé", "no sabemos", "por definir", "sin definir", "no está definido",
	"no tenemos definido", "no estoy seguro", "no estoy segura", "ni idea", "aún no sé", "todavía no sé",
	"no definido", "no decidido", "sin decidir", "no lo sabemos", "no lo sé todavía", "tampoco", "sin fecha fija",
	// pt
	"não sei", "não sabemos", "a definir", "não definido", "não definimos", "não tenho certeza", "sem definição", "indefinido",
	"não decidido", "ainda não decidimos", "também não", "sem data definida",
	// fr
	"je ne sais pas", "on ne sait pas", "nous ne savons pas", "ne sais pas encore", "pas encore décidé",
	"pas encore défini", "à définir", "pas sûr", "pas sûre", "aucune idée", "non défini", "pas encore fixé",
	"non plus", "pas de date fixe",
	// de
	"noch offen", "weiß noch nicht", "weiss noch nicht", "wissen noch nicht", "noch nicht sagen", "noch nicht klar",
	"unklar", "steht noch nicht fest", "noch nicht entschieden", "noch nicht festgelegt", "keine ahnung", "nicht sicher",
	"auch noch offen", "kein fester termin",
	// it
	"non lo so", "non so", "non sappiamo", "da definire", "non ancora deciso", "non è ancora deciso",
	"non sono sicuro", "non sono sicura", "non ancora definito", "non definito", "non deciso", "nemmeno", "neanche",
	"nessuna data fissa",
	// id, ms
	"belum tahu", "belum tau", "blm tau", "blm tahu", "belum pasti", "belum ditentukan", "belum ada", "belum fix",
	"belum yakin", "tidak tahu", "gak tahu", "nggak tahu", "ga tau", "gak tau", "nggak tau", "belum diputuskan",
	"belum jelas", "tak pasti", "tidak pasti", "tak tahu", "tak tau", "belum ditetapkan", "belum decide", "belum tentu",
	"belum confirm", "tidak ada tanggal", "belum ada tanggal", "tak ada tarikh", "tiada tarikh", "juga belum",
	// vi
	"chưa biết", "chua biet", "chưa rõ", "chưa xác định", "chưa quyết định", "chưa có", "chưa chốt", "không biết", "chưa tính",
	"chua ro", "chua xac dinh", "chua quyet dinh", "chua co", "chua chot", "khong biet", "cũng chưa", "cung chua",
	// th
	"ยังไม่ทราบ", "ยังไม่รู้", "ยังไม่แน่ใจ", "ยังไม่แน่นอน", "ยังไม่กำหนด", "ยังไม่ได้กำหนด", "ยังไม่มี", "ยังไม่ได้ตัดสินใจ", "ไม่แน่ใจ",
	// zh
	"没定", "未定", "待定", "不确定", "不知道", "没想好", "没决定", "不清楚", "沒定", "待確認", "不確定", "沒想好", "沒決定",
	"也没", "也還沒", "没有固定", "ก็ยังไม่",
}

// cueWords name a cue in each language, lower case; a word matches at a
// word start, so "budgetnya" names the budget.
var cueWords = map[Cue][]string{
	CueOwnership: {"design", "drawing", "diseño", "desenho", "projeto", "dessin", "entwurf", "zeichnung", "progetto",
		"disegno", "desain", "reka bentuk", "thiết kế", "bản vẽ", "thiet ke", "ban ve", "แบบ", "ดีไซน์", "设计", "設計", "图纸", "圖紙"},
	CueQuantity: {"quantity", "qty", "how many", "cantidad", "quantidade", "quantité", "menge", "stückzahl", "quantità",
		"jumlah", "kuantiti", "số lượng", "so luong", "จำนวน", "数量", "數量"},
	CueBudget: {"budget", "bajet", "presupuesto", "orçamento", "investissement", "anggaran", "dana", "ngân sách", "ngan sach",
		"งบ", "预算", "預算"},
	CueLeadTime: {"date", "deadline", "timeline", "timing", "delivery", "lead time", "when", "fecha", "plazo", "entrega",
		"prazo", "délai", "livraison", "liefertermin", "lieferzeit", "termin", "lieferung", "tempi", "consegna",
		"waktu", "tanggal", "kapan", "pengiriman", "tarikh", "bila", "masa", "thời gian", "giao hàng", "ngày giao",
		"thoi gian", "giao hang", "ngay giao", "datum", "data", "fecha",
		"เวลา", "วันส่ง", "ส่งของ", "交期", "交货", "交貨", "时间", "時間", "日期", "到货", "货期"},
}

// howMuch asks what something costs, in each language.
var howMuch = []string{
	"how much", "price list", "cuánto", "cuanto cuesta", "lista de precios", "quanto custa", "quanto custam",
	"combien", "wie viel", "wieviel", "was kostet", "was kosten", "quanto costa", "quanto costano", "quanto viene",
	"berapa harga", "berapa harganya", "harganya berapa", "harga berapa", "tanya harga", "berapa ya", "berapa seunit", "giá bao nhiêu",
	"bao nhiêu tiền", "hỏi giá", "báo giá", "gia bao nhieu", "ราคาเท่าไหร่", "ราคาเท่าไร", "ขอราคา", "กี่บาท",
	"多少钱", "多少錢", "什么价", "价格多少", "怎么卖", "報價", "报价",
}

// priceWords name a price; with a question mark in the same sentence they
// ask for one.
var priceWords = []string{"price", "prices", "pricing", "cost", "precio", "precios", "preço", "preços", "prix",
	"tarif", "preis", "preise", "prezzo", "prezzi", "harga", "giá", "ราคา", "价", "價"}

// asksPrice reports whether the lower-cased text asks what the goods cost.
func asksPrice(low string) bool {
	for _, p := range howMuch {
		if findWord(low, p, true, 0) >= 0 {
			return true
		}
	}
	for _, s := range sentences(low) {
		if !strings.ContainsAny(s, "?？") {
			continue
		}
		for _, p := range priceWords {
			if findWord(s, p, true, 0) >= 0 {
				return true
			}
		}
	}
	return false
}

// declines lists the cues the lower-cased text declines: for each decline
// phrase, the cue named nearest to it in its sentence, else, in a short
// answer, every cue just asked; never a cue the message itself gives.
func declines(low string, asked []Cue, given Cues) []Cue {
	var out []Cue
	add := func(c Cue) {
		if !cueGiven(given, c) && !containsCue(out, c) {
			out = append(out, c)
		}
	}
	for _, s := range sentences(low) {
		for _, p := range declinePhrases {
			at := findWord(s, p, true, 0)
			if at < 0 {
				continue
			}
			if c, ok := nearestCue(s, at, at+len(p), given); ok {
				add(c)
				continue
			}
			// Naming no cue, a short answer declines what was just asked;
			// a longer sentence ("I don't know if you make custom sizes")
			// is about something else.
			if shortAnswer(s) {
				for _, c := range asked {
					add(c)
				}
			}
		}
	}
	// Question order, as the contract lists them.
	var ordered []Cue
	for _, c := range questionCues {
		if containsCue(out, c) {
			ordered = append(ordered, c)
		}
	}
	return ordered
}

// shortAnswer reports whether s is a short answer: at most eight words,
// a word being two characters of Chinese or Thai.
func shortAnswer(s string) bool {
	words, script := 0, 0
	for _, f := range strings.Fields(s) {
		words++
		for _, r := range f {
			if unicode.Is(unicode.Han, r) || unicode.Is(unicode.Thai, r) {
				script++
			}
		}
	}
	return words+script/2 <= 8
}

// nearestCue finds the cue named nearest to s[from:to] (or inside it)
// that the message does not give.
func nearestCue(s string, from, to int, given Cues) (Cue, bool) {
	best, bestDist := Cue(""), len(s)+1
	for _, c := range questionCues {
		if cueGiven(given, c) {
			continue
		}
		for _, w := range cueWords[c] {
			for at := findWord(s, w, false, 0); at >= 0; at = findWord(s, w, false, at+len(w)) {
				var d int
				switch {
				case at+len(w) <= from:
					d = from - (at + len(w))
				case at >= to:
					d = at - to
				default:
					d = 0 // the phrase names it: "no budget yet"
				}
				if d < bestDist {
					best, bestDist = c, d
				}
			}
		}
	}
	return best, best != ""
}

func cueGiven(c Cues, cue Cue) bool {
	switch cue {
	case CueOwnership:
		return c.Ownership != OwnerUnknown
	case CueQuantity:
		return c.Quantity != nil
	case CueBudget:
		return c.Budget != nil || c.UnitPrice != nil
	case CueLeadTime:
		return c.LeadTimeDays != nil
	}
	return false
}

func containsCue(cs []Cue, c Cue) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

// sentences splits text at sentence ends: . ! ? (followed by a space or the
// end), their full-width forms, semicolons and line breaks.
func sentences(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		end := false
		switch r {
		case '!', '?', ';', '\n', '。', '！', '？', '；':
			end = true
		case '.':
			end = i+n >= len(s) || s[i+n] == ' '
		}
		i += n
		if end {
			out = append(out, s[start:i])
			start = i
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// findWord returns the index of w in s at or after from, where w starts a
// word (and ends one when whole), or -1. Words of scripts without spaces
// (Chinese, Thai) match anywhere.
func findWord(s, w string, whole bool, from int) int {
	first, _ := utf8.DecodeRuneInString(w)
	last, _ := utf8.DecodeLastRuneInString(w)
	spaced := isLatinLetter(first)
	whole = whole && isLatinLetter(last)
	for from <= len(s) {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return -1
		}
		i += from
		if (!spaced || boundaryBefore(s, i)) && (!whole || boundaryAfter(s, i+len(w))) {
			return i
		}
		from = i + 1
		for from < len(s) && !utf8.RuneStart(s[from]) {
			from++
		}
	}
	return -1
}

func boundaryBefore(s string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return !isLatinLetter(r)
}

func boundaryAfter(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return !isLatinLetter(r)
}

// isLatinLetter reports a letter of a script that separates words with
// spaces; Chinese and Thai letters never join a Latin word.
func isLatinLetter(r rune) bool {
	return unicode.IsLetter(r) && !unicode.Is(unicode.Han, r) && !unicode.Is(unicode.Thai, r)
}
