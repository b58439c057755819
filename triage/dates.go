package triage

import (
	"strings"
	"time"
)

// leadCand is a lead time the text states: a duration or a deadline.
type leadCand struct {
	lo, hi   int64
	deadline bool // introduced by "by", "before", "delivery", …
	pos      int
}

// readDates finds absolute dates (20 Jan, February 28, 20.12.2026, 30/11,
// 28/2/2027, 15 mars 2027, 12月15日) and traps their digits. A date that a
// deadline word introduces becomes a lead-time candidate counted from sentAt.
func (e *Engine) readDates(toks []token, sentAt time.Time, out []leadCand) []leadCand {
	n := len(toks)
	for i := 0; i < n; i++ {
		t := &toks[i]
		if t.trap || t.used {
			continue
		}
		day, month, year, first, last := 0, 0, 0, i, -1
		switch t.kind {
		case kNum:
			switch {
			case strings.Count(t.s, ".") == 1 && i+1 < n && toks[i+1].s == "." && !toks[i+1].sp && len(t.s) <= 5:
				// 15.12. (German, no year)
				p := strings.Split(t.s, ".")
				if len(p[0]) <= 2 && len(p[1]) <= 2 {
					day, month, last = atoi(p[0]), atoi(p[1]), i+1
				}
			case strings.Count(t.s, ".") == 2 && !strings.Contains(t.s, ","):
				// 20.12.2026
				p := strings.Split(t.s, ".")
				day, month, year = atoi(p[0]), atoi(p[1]), atoi(p[2])
				last = i
				if len(p[2]) != 4 && len(p[2]) != 2 {
					last = -1
				}
			case i+2 < n && (toks[i+1].s == "/" || toks[i+1].s == "-") && !toks[i+1].sp && toks[i+2].kind == kNum && !toks[i+2].sp && digitsOnly(t.s) && digitsOnly(toks[i+2].s):
				a, b := atoi(t.s), atoi(toks[i+2].s)
				sep := toks[i+1].s
				last = i + 2
				if i+4 < n && toks[i+3].s == sep && !toks[i+3].sp && toks[i+4].kind == kNum && !toks[i+4].sp {
					year = atoi(toks[i+4].s)
					last = i + 4
					if len(t.s) == 4 { // 2026-12-20
						year, a, b = atoi(t.s), atoi(toks[i+4].s), atoi(toks[i+2].s)
					}
				} else if sep == "-" {
					// 1-2 months, 12-16 Oct: a range, not a date.
					if i+3 < n && e.lx.months[toks[i+3].s] > 0 {
						b = e.lx.months[toks[i+3].s]
						last = i + 3
						if i+4 < n && toks[i+4].kind == kNum && len(toks[i+4].s) == 4 {
							year = atoi(toks[i+4].s)
							last = i + 4
						}
					} else {
						last = -1
					}
				}
				day, month = a, b
				if month > 12 && day <= 12 {
					day, month = month, day
				}
			case i+1 < n && digitsOnly(t.s) && len(t.s) <= 2:
				// 20 Jan, 15 de marzo de 2027, 20th of January, 15 tháng 12
				j := i + 1
				if j < n && (toks[j].s == "st" || toks[j].s == "nd" || toks[j].s == "rd" || toks[j].s == "th" || toks[j].s == "er") && !toks[j].sp {
					j++
				}
				if j < n && (toks[j].s == "de" || toks[j].s == "of") {
					j++
				}
				if j < n && toks[j].s == "." && !toks[j].sp {
					j++
				}
				if j < n && (toks[j].s == "tháng" || toks[j].s == "thang") && j+1 < n && toks[j+1].kind == kNum {
					day, month, last = atoi(t.s), atoi(toks[j+1].s), j+1
				} else if j < n && e.lx.months[toks[j].s] > 0 {
					day, month, last = atoi(t.s), e.lx.months[toks[j].s], j
				} else if m, end := e.thaiAbbrevMonth(toks, j); m > 0 {
					day, month, last = atoi(t.s), m, end
				} else if j+1 < n && toks[j].s == "月" && (toks[j+1].s == "底" || toks[j+1].s == "末") {
					// 12月底: the end of December
					month, last = atoi(t.s), j+1
					day = daysIn(year, month, sentAt)
				} else if j < n && toks[j].s == "月" && j+1 < n && toks[j+1].kind == kNum {
					// 12月15日
					month, day = atoi(t.s), atoi(toks[j+1].s)
					last = j + 1
					if last+1 < n && (toks[last+1].s == "日" || toks[last+1].s == "号") {
						last++
					}
					if i >= 2 && toks[i-1].s == "年" && toks[i-2].kind == kNum {
						year = atoi(toks[i-2].s)
						first = i - 2
					}
				}
				if last > 0 && toks[last].s != "日" && toks[last].s != "号" {
					k := last + 1
					if k < n && toks[k].s == "," {
						k++
					}
					if k < n && (toks[k].s == "de" || toks[k].s == "năm") {
						k++
					}
					if k < n && toks[k].kind == kNum && (len(toks[k].s) == 4) && digitsOnly(toks[k].s) {
						year, last = atoi(toks[k].s), k
					}
				}
			}
		case kWord, kThai:
			if part := monthPart(t.s); part != 0 {
				// end of March, fin de marzo, Ende März, cuối tháng 12, akhir Desember
				j := i + 1
				for j < n && j <= i+3 && (toks[j].s == "of" || toks[j].s == "de" || toks[j].s == "del" || toks[j].s == "do" ||
					toks[j].s == "da" || toks[j].s == "-" || toks[j].s == "the" || toks[j].s == "le" || toks[j].s == "mois" ||
					toks[j].s == "bulan" || toks[j].s == "เดือน" || toks[j].s == "month" || toks[j].s == "di") {
					j++
				}
				m := 0
				if j < n {
					m = e.lx.months[toks[j].s]
				}
				if m == 0 && j+1 < n && (toks[j].s == "tháng" || toks[j].s == "thang") && toks[j+1].kind == kNum {
					m = atoi(toks[j+1].s)
					j++
				}
				if m >= 1 && m <= 12 {
					month, last = m, j
					y := j + 1
					if y < n && toks[y].s == "/" && !toks[y].sp {
						y++ // cuối tháng 1/2027
					}
					if y < n && toks[y].kind == kNum && len(toks[y].s) == 4 && digitsOnly(toks[y].s) {
						year, last = atoi(toks[y].s), y
					}
					day = part
					if part < 0 {
						day = daysIn(year, month, sentAt)
					}
					break
				}
			}
			j := i + 1
			if j < n && toks[j].s == "." && !toks[j].sp {
				j++ // Dec. 15
			}
			if m := e.lx.months[t.s]; m > 0 && j < n && toks[j].kind == kNum && digitsOnly(toks[j].s) && len(toks[j].s) <= 2 {
				// February 28, Jan 10th, 2027
				month, day, last = m, atoi(toks[j].s), j
				k := last + 1
				if k < n && (toks[k].s == "st" || toks[k].s == "nd" || toks[k].s == "rd" || toks[k].s == "th") && !toks[k].sp {
					k++
					last++
				}
				if k < n && toks[k].s == "," {
					k++
				}
				if k < n && toks[k].kind == kNum && len(toks[k].s) == 4 && digitsOnly(toks[k].s) {
					year, last = atoi(toks[k].s), k
				}
			}
		}
		if last < 0 || day < 1 || day > 31 || month < 1 || month > 12 {
			continue
		}
		for k := first; k <= last; k++ {
			if toks[k].kind == kNum {
				toks[k].trap = true
			}
			toks[k].used = true
		}
		if !e.deadlineBefore(toks, first) && !(last+1 < n && (toks[last+1].s == "前" || toks[last+1].s == "之")) {
			i = last
			continue
		}
		if year > 2400 {
			year -= 543 // Thai Buddhist era
		}
		if year > 0 && year < 100 {
			year += 2000
		}
		base := time.Date(sentAt.Year(), sentAt.Month(), sentAt.Day(), 0, 0, 0, 0, time.UTC)
		y := year
		if y == 0 {
			y = base.Year()
		}
		d := time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
		if d.Day() != day { // 31 February
			i = last
			continue
		}
		if year == 0 && d.Before(base) {
			d = d.AddDate(1, 0, 0)
		}
		days := int64(d.Sub(base).Hours() / 24)
		if days > 0 && days < 3*366 {
			out = append(out, leadCand{lo: days, hi: days, deadline: true, pos: first})
		}
		i = last
	}
	return out
}

// thaiAbbrevMonth reads a Thai month abbreviation (ธ.ค., ม.ค.) cut into
// letters and dots at toks[j]: the month and the index of its last token.
func (e *Engine) thaiAbbrevMonth(toks []token, j int) (int, int) {
	s := ""
	k := j
	for ; k < len(toks) && k < j+6; k++ {
		if toks[k].kind != kThai && toks[k].s != "." {
			break
		}
		if k > j && toks[k].sp {
			break
		}
		s += toks[k].s
		if m := e.lx.months[s]; m > 0 && strings.HasSuffix(s, ".") {
			return m, k
		}
	}
	return 0, 0
}

// monthPart reads the words that pick a day of a month: -1 the end, 15 the
// middle, 1 the beginning; 0 for other words.
func monthPart(w string) int {
	switch w {
	case "end", "ende", "fin", "finales", "final", "fine", "fim", "akhir", "hujung", "cuối", "cuoi", "ปลาย", "late", "finais":
		return -1
	case "mid", "mediados", "mi", "mitte", "giữa", "pertengahan", "metà", "meados", "middle", "กลาง":
		return 15
	case "early", "beginning", "début", "debut", "principios", "inicio", "início", "anfang", "awal", "đầu", "inizio", "ต้น", "start":
		return 1
	}
	return 0
}

// daysIn returns the last day of month in year (the year of sentAt, or the
// next one when that month has passed, if year is 0).
func daysIn(year, month int, sentAt time.Time) int {
	if year == 0 {
		year = sentAt.Year()
	}
	if year > 2400 {
		year -= 543
	}
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// deadlineBefore reports whether a deadline word stands shortly before i.
func (e *Engine) deadlineBefore(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		t := &toks[k]
		if t.kind == kSym && t.s != ":" && t.s != "," && t.s != "." {
			if t.s == "-" || t.s == "(" {
				continue
			}
			return false
		}
		if e.lx.deadline[t.s] {
			return true
		}
	}
	return false
}

func atoi(s string) int {
	v := 0
	for i := 0; i < len(s) && i < 9; i++ {
		if !isDigit(s[i]) {
			return -1
		}
		v = v*10 + int(s[i]-'0')
	}
	return v
}
