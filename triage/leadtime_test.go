package triage

import (
	"strconv"
	"testing"
	"time"
)

// leadEngine builds the parts of an Engine the lead-time reader uses.
func leadEngine(t *testing.T) *Engine {
	t.Helper()
	hol, err := parseHolidays(holidayData)
	if err != nil {
		t.Fatal(err)
	}
	d, err := embeddedLexicon()
	if err != nil {
		t.Fatal(err)
	}
	return &Engine{lx: newLexicon(d), holidays: hol}
}

// leadOf reads the lead-time candidates of text sent on sent (YYYY-MM-DD)
// and returns the first deadline as "lo-hi", or "-".
func leadOf(t *testing.T, e *Engine, text, sent string) string {
	t.Helper()
	at, err := time.Parse("2006-01-02", sent)
	if err != nil {
		t.Fatal(err)
	}
	toks := tokenize(e.lx.fold.normalize(text), e.lx.thaiWords, e.lx.thaiMax, nil)
	r := pickLead(e.readDates(toks, at, nil))
	if r == nil {
		return "-"
	}
	return strconv.FormatInt(r.Min, 10) + "-" + strconv.FormatInt(r.Max, 10)
}

// leadRow is one phrase, the day it is sent and the lead time it states
// ("lo-hi" days, "-" for none).
type leadRow struct{ in, sent, want string }

func runLeadRows(t *testing.T, rows []leadRow) {
	t.Helper()
	e := leadEngine(t)
	for _, r := range rows {
		if got := leadOf(t, e, r.in, r.sent); got != r.want {
			t.Errorf("lead(%q, sent %s) = %s, want %s", r.in, r.sent, got, r.want)
		}
	}
}

func TestDottedDate(t *testing.T) {
	runLeadRows(t, []leadRow{
		{"Liefertermin 15.03.2027", "2027-01-01", "73-73"},
		{"giao hàng trước 2027.03.15", "2027-01-01", "73-73"},
		{"Lieferung bis 15.03. bitte", "2027-01-01", "73-73"},
		{"entrega antes del 15.03.27", "2027-01-01", "73-73"},
		{"Preis 1.200.000 bis morgen", "2027-01-01", "-"},
	})
}

func TestSlashDate(t *testing.T) {
	runLeadRows(t, []leadRow{
		{"delivery by 15/03/2027", "2027-01-01", "73-73"},
		{"请在2027/3/15前交货", "2027-01-01", "73-73"},
		{"ETA 2027-03-15", "2027-01-01", "73-73"},
		{"ส่งของก่อนวันที่ 15/3/2570 นะครับ", "2027-01-01", "73-73"},
		{"entrega até 15/3, por favor", "2027-01-01", "73-73"},
		{"deliver by 3/15/2027", "2027-01-01", "73-73"},
		{"before 12-16 March", "2027-01-01", "70-70"},
		{"delivery in 1-2 months", "2027-01-01", "-"}, // a duration, read elsewhere
		{"call 0912-345-678", "2027-01-01", "-"},
		{"delivery by 03/2027", "2026-12-01", "120-120"},
		{"ETA 2027-03", "2026-12-01", "120-120"},
		{"our history 2020-2026, delivery in 8 weeks", "2026-12-01", "-"},
	})
}

func TestDayMonthDate(t *testing.T) {
	runLeadRows(t, []leadRow{
		{"batas waktu pengiriman 15 Maret 2027", "2027-01-01", "73-73"},
		{"entrega antes del 15 de marzo de 2027", "2027-01-01", "73-73"},
		{"Lieferung bis 15. März 2027", "2027-01-01", "73-73"},
		{"livraison le 15 mars", "2027-01-01", "73-73"},
		{"need them by the 15th of March", "2027-01-01", "73-73"},
		{"ส่งก่อน 15 มี.ค. 2570", "2027-01-01", "73-73"},
		{"ETA 15-Mar-2027", "2027-01-01", "73-73"},
		{"Target date: 15 March 2027", "2027-01-01", "73-73"},
		{"Fecha objetivo: 15 de marzo de 2027", "2027-01-01", "73-73"},
		{"livraison au plus tard le 15 mars", "2027-01-01", "73-73"},
		{"entrega a más tardar el 15 de marzo", "2027-01-01", "73-73"},
		{"consegna entro il 15 marzo", "2027-04-01", "349-349"}, // the next 15 March
		{"pesanan selesai 20 Maret 2027", "2026-09-15", "186-186"},
	})
}

func TestDayThangDate(t *testing.T) {
	runLeadRows(t, []leadRow{
		{"giao trước 15 tháng 3 năm 2027", "2027-01-01", "73-73"},
		{"cần hàng trước ngày 15 tháng 3", "2027-01-01", "73-73"},
		{"Vào 2 thg 5, 2026 lúc 9:00, Lan đã viết:", "2026-05-04", "-"}, // a past header date
	})
}

func TestMonthDayDate(t *testing.T) {
	runLeadRows(t, []leadRow{
		{"on site by March 15th", "2027-01-01", "73-73"},
		{"deliver before Mar. 15, 2027", "2027-01-01", "73-73"},
	})
}

func TestHanDate(t *testing.T) {
	runLeadRows(t, []leadRow{
		{"货要在3月15日前到", "2027-01-01", "73-73"},
		{"交货期：2027年3月15日", "2027-01-01", "73-73"},
		{"12月底前到货", "2026-10-01", "91-91"},
		{"11月中旬前交货", "2026-10-01", "45-45"},
		{"5月交货", "2027-04-01", "60-60"},
		{"请于2027年3月15日前回复报价", "2027-01-01", "-"}, // the quote's deadline
	})
}

func TestMonthDate(t *testing.T) {
	runLeadRows(t, []leadRow{
		{"the shop wants them by July", "2026-03-18", "135-135"},
		{"shipping can wait until January", "2026-09-01", "152-152"},
		{"Lieferung im Juni", "2026-03-01", "121-121"},
		{"ขอรับของภายในมกราคมนะ", "2026-12-18", "44-44"},
		{"entrega en junio de 2027", "2027-01-01", "180-180"},
		{"tháng 12 giao hàng nhé", "2026-11-09", "52-52"},
		{"giao trước tháng 1/2027", "2026-11-01", "91-91"},
		{"the delivery may be late", "2026-03-01", "-"}, // may is a verb
		{"we met in March", "2026-03-01", "-"},
		{"the order may ship late", "2026-03-01", "-"},
		{"boleh hantar untuk bulan Mac", "2026-11-02", "149-149"},
		{"khoảng 200 cái, trong tháng 8 nhé", "2027-05-10", "113-113"},
		{"I will visit you in March", "2026-01-01", "-"},
	})
}

func TestPartDate(t *testing.T) {
	runLeadRows(t, []leadRow{
		{"delivery by the end of June", "2026-04-01", "90-90"},
		{"livraison : fin juin au plus tard", "2026-04-01", "90-90"},
		{"Wir brauchen es bis Ende Juni", "2026-04-01", "90-90"},
		{"giao trước cuối tháng 6", "2026-04-01", "90-90"},
		{"sampai akhir Juni", "2026-04-01", "90-90"},
		{"entrega a finales de junio", "2026-04-01", "90-90"},
		{"delivery mid-June", "2026-04-01", "75-75"}, // mid-month is the 15th
		{"on the shelves by the end of the year", "2026-10-05", "87-87"},
		{"giao trước cuối năm", "2026-10-05", "87-87"},
		{"ส่งของก่อนสิ้นปี", "2026-10-05", "87-87"},
		{"before the end of next month", "2026-10-05", "56-56"},
		{"delivered by early next month", "2026-10-05", "27-27"},
		{"ship by the end of Q3", "2026-04-09", "174-174"},
		{"delivery early Q4", "2026-04-09", "175-175"},
		{"need it by the end of 2027", "2026-10-05", "452-452"},
	})
}

func TestYearEndDate(t *testing.T) {
	runLeadRows(t, []leadRow{
		{"年底前交货", "2026-10-05", "87-87"},
		{"Lieferung bis Jahresende", "2026-10-05", "87-87"},
		{"明年年底前到货", "2026-10-05", "452-452"},
		{"今年内交货", "2026-10-05", "87-87"},
		{"deliver within this year", "2026-10-05", "87-87"},
		{"giao trong năm nay", "2026-10-05", "87-87"},
		{"this year we need 5000 pcs", "2026-10-05", "-"},
		{"年底之前到货", "2026-08-15", "138-138"},
	})
}

func TestRelMonthDate(t *testing.T) {
	runLeadRows(t, []leadRow{
		{"这批货月底前要", "2026-08-05", "26-26"},
		{"ต้องการของภายในเดือนหน้า", "2026-08-25", "36-36"},
		{"delivery next month", "2026-08-25", "36-36"},
		{"butuh bulan depan", "2026-08-25", "36-36"},
		{"kira2 50 pcs, buat bulan depan ya", "2026-05-14", "47-47"},
		{"giao tháng sau", "2026-08-25", "36-36"},
		{"下个月交货", "2026-08-25", "36-36"},
		{"Lieferung nächsten Monat", "2026-08-25", "36-36"},
		{"we will order next month", "2026-08-25", "-"},
		{"cần giao trong 2 tháng sau", "2026-08-25", "-"}, // a duration, read elsewhere
	})
}

func TestQuarterDate(t *testing.T) {
	runLeadRows(t, []leadRow{
		{"we need the goods in Q3", "2026-04-09", "83-174"},
		{"hantar pada Q1 2027", "2026-11-19", "43-132"},
		{"Liefertermin im 2. Quartal 2027", "2026-03-23", "374-464"},
		{"expédition au 3e trimestre", "2026-04-08", "84-175"},
		{"cần hàng vào quý 2 năm sau", "2026-11-30", "122-212"},
		{"kirim di kuartal 4 2026", "2026-06-10", "113-204"},
		{"ต้องการรับของในไตรมาส 4", "2026-06-29", "94-185"},
		{"ส่งไตรมาสแรกปี 2027", "2026-10-01", "92-181"},
		{"ส่งภายในไตรมาสที่ 2 ปี 2027", "2026-10-01", "182-272"},
		{"明年第二季度到货", "2026-09-09", "204-294"},
		{"三季度交货", "2026-04-20", "72-163"},
		{"delivery in the third quarter", "2026-04-20", "72-163"},
		{"delivery within Q2", "2026-05-10", "0-51"}, // begun: from the day sent
		{"Lead time: Q4", "2026-05-10", "144-235"},
		{"entrega T2 2027", "2026-11-30", "122-212"},
		{"siap pada suku ketiga tahun 2027", "2027-01-05", "177-268"},
	})
}

func TestHalfYearDate(t *testing.T) {
	runLeadRows(t, []leadRow{
		{"delivery in H2", "2026-03-01", "122-305"},
		{"ship in the first half of 2027", "2026-10-01", "92-272"},
		{"entrega en el primer semestre de 2027", "2026-10-01", "92-272"},
		{"Lieferung im 2. Halbjahr", "2026-03-01", "122-305"},
		{"下半年交货", "2026-03-01", "122-305"},
		{"ส่งของภายในครึ่งปีหลัง", "2026-03-01", "122-305"},
		{"giao hàng trong nửa đầu năm sau", "2026-03-01", "306-486"},
		{"we need the first half of the order by March", "2026-01-10", "80-80"},
	})
}

func TestWeekDate(t *testing.T) {
	runLeadRows(t, []leadRow{
		{"Anlieferung bis KW 12/2027", "2026-11-16", "126-132"},
		{"delivery CW 12 2027", "2026-11-16", "126-132"},
		{"delivery within 12 weeks", "2026-11-16", "-"}, // a duration, read elsewhere
	})
}

func TestHolidayDate(t *testing.T) {
	runLeadRows(t, []leadRow{
		{"by Christmas", "2026-06-28", "180-180"},
		{"ship before the Spring Festival", "2026-01-01", "47-47"},
		{"expédier avant Noël", "2026-08-03", "144-144"},
		{"过春节前要到", "2026-01-12", "36-36"},
		{"明年春節前交貨", "2026-12-02", "66-66"},
		{"kirim sblm Imlek ya", "2026-01-05", "43-43"},
		{"pengiriman sebelum Lebaran", "2026-02-02", "46-46"},
		{"hantar sebelum hari raya", "2026-01-21", "58-58"},
		{"can giao hang truoc Tet", "2026-01-09", "39-39"},
		{"ส่งของก่อนสงกรานต์", "2026-01-14", "89-89"},
		{"before Chinese New Year", "2029-01-01", "43-43"},
		{"ship before CNY", "2029-01-01", "43-43"},
		{"500 pcs, budget 50,000 CNY", "2029-01-01", "-"},
		{"before Eid al-Fitr", "2030-01-01", "35-35"},
		{"Happy New Year!", "2026-12-20", "-"},
	})
}

func TestNotGoodsDates(t *testing.T) {
	runLeadRows(t, []leadRow{
		{"this offer is valid until 30 June", "2026-06-10", "-"},
		{"harga ini berlaku sampai 30 April", "2026-04-01", "-"},
		{"giá này có hiệu lực đến 30/4", "2026-04-13", "-"},
		{"der Preis ist bis 31.10. gültig", "2026-10-28", "-"},
		{"send me a quote by 5 December", "2026-11-24", "-"},
		{"I will visit your factory before 5 December", "2026-11-24", "-"},
		{"Date: Mon, 6 July 2026 09:10", "2026-06-01", "-"},
		{"On Tue, 6 Jan at 09:14, Lina wrote:", "2026-01-08", "-"},
		{"we opened on 3 March 2025", "2026-01-08", "-"},
		{"valid until 30 June, delivery by 15 August", "2026-06-01", "75-75"},
		{"our new shop opens on 1 May and the mirrors must be there by then", "2026-03-01", "61-61"},
		{"toko baru kami buka 1 Mei, barang harus tiba sebelum itu", "2026-03-01", "61-61"},
		{"wir eröffnen am 1. Mai, bis dahin brauchen wir die Spiegel", "2026-03-01", "61-61"},
		{"our new shop opens on 1 May", "2026-03-01", "-"},
		{"we will confirm the order before 15 March", "2026-03-01", "-"},
		{"samples by 15 March please", "2026-03-01", "-"},
		{"2 samples and 500 pcs by 15 March", "2026-03-01", "14-14"},
		{"请在3月15日前确认", "2026-03-01", "-"},
	})
}

// readLead reads text with the whole engine and returns its lead time as
// "lo-hi", or "-".
func readLead(t *testing.T, e *Engine, text, sent string) string {
	t.Helper()
	at, err := time.Parse("2006-01-02", sent)
	if err != nil {
		t.Fatal(err)
	}
	r := e.Read(text, at).LeadTimeDays
	if r == nil {
		return "-"
	}
	return strconv.FormatInt(r.Min, 10) + "-" + strconv.FormatInt(r.Max, 10)
}

func TestDurations(t *testing.T) {
	e, err := New(DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []leadRow{
		{"we need them within a month and a half", "2026-05-01", "45-45"},
		{"entrega en un mes y medio", "2026-05-01", "45-45"},
		{"livraison dans un mois et demi", "2026-05-01", "45-45"},
		{"kirim dalam satu setengah bulan", "2026-05-01", "45-45"},
		{"dua setengah bulan lagi", "2026-05-01", "75-75"},
		{"giao trong 2 tháng rưỡi", "2026-05-01", "75-75"},
		{"两个半月内交货", "2026-05-01", "75-75"},
		{"ส่งภายในสองเดือนครึ่ง", "2026-05-01", "75-75"},
		{"butuh dlm 3 bln", "2026-05-01", "90-90"},
		{"consegna in 30 gg", "2026-05-01", "30-30"},
		{"20个工作日", "2026-05-01", "20-20"},
		{"delivery in 6-8 weeks", "2026-05-01", "42-56"},
		{"entrega en 2 o 3 meses", "2026-05-01", "60-90"},
		{"need them in 2 or 3 months", "2026-05-01", "60-90"},
		{"kami perlu seminggu", "2026-05-01", "7-7"},
		{"5,000 pcs a month for 12 months", "2026-05-01", "-"},
		{"warranty 2 years, payment 30 days", "2026-05-01", "-"},
		{"we started 3 months ago", "2026-05-01", "-"},
	} {
		if got := readLead(t, e, r.in, r.sent); got != r.want {
			t.Errorf("Read(%q, %s).LeadTimeDays = %s, want %s", r.in, r.sent, got, r.want)
		}
	}
}

func TestNotLeadDurations(t *testing.T) {
	e, err := New(DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []leadRow{
		{"our quotation is valid 30 days", "2026-05-01", "-"},
		{"harga berlaku 14 hari", "2026-05-01", "-"},
		{"Angebot gültig 4 Wochen", "2026-05-01", "-"},
		{"please reply within 3 days", "2026-05-01", "-"},
		{"deliver within 30 days of your reply", "2026-05-01", "30-30"},
		{"Date needed: 15 June 2026", "2026-05-01", "45-45"},
		{"livraison avant la fin de l'année", "2026-10-05", "87-87"},
		{"entro la fine dell'anno", "2026-10-05", "87-87"},
		{"Lieferung bis Ende des Monats", "2026-10-05", "26-26"},
	} {
		if got := readLead(t, e, r.in, r.sent); got != r.want {
			t.Errorf("Read(%q, %s).LeadTimeDays = %s, want %s", r.in, r.sent, got, r.want)
		}
	}
}
