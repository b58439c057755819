package triage

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// lineClass is what one line looks like, before its place in the message
// gives it a role.
type lineClass uint8

const (
	clText        lineClass = iota
	clBlank                 // nothing but blanks
	clQuoteMark             // "> …"
	clReplyHeader           // "On … wrote:", "Le … a écrit :", "在…写道："
	clForward               // a dashed "Forwarded message" line
	clOriginal              // "-----Original Message-----"
	clSeparator             // "-----", "_____": the factory's offer pasted below
	clMailHeader            // "From: …", "Subject: …", "Tiêu đề: …"
	clSignOff               // "Best regards,", "Saludos", "Trân trọng,", "ขอบคุณค่ะ"
	clFooter                // phone, e-mail, web address, company or tax number
	clPostscript            // "P.S. …": the buyer's words again after a signature
	clSigDelim              // "--": the signature below it
)

// segLexicon holds the word tables of segmentation (sections segment.* of
// the lexicon files).
type segLexicon struct {
	replyHeads   []replyHead     // "on … wrote"
	forwards     *byteIndex      // markers of a forwarded message
	originals    *byteIndex      // markers of a quoted original message
	headerLabels map[string]bool // "from", "subject", "tiêu đề"
	fwdSubjects  []string        // subject prefixes of a forward: "fw:", "fwd:", "tr:"
	signOffs     map[string]bool // "best regards", "saludos"
	footerLabels *byteIndex      // "tel", "vat", "npwp", "电话": a footer line starts with one
	companies    wordTable       // "ltd", "gmbh", "sdn", "有限公司": a company line
	streets      wordTable       // "street", "jalan", "đường", "路": an address line
	postscripts  []string        // "p.s.", "ps:"
	webMarks     []string        // "www.", "https://"
	corrections  []string        // "make that", "koreksi", "更正"
}

// replyHead is a reply header written "start … end": the line begins with
// start and has end before its closing colon.
type replyHead struct{ start, end string }

// lineClassifiers are tried in order; the first that matches gives the
// line its class. Each has its own test rows in segment_test.go.
var lineClassifiers = [...]struct {
	name  string
	class lineClass
	match func(sl *segLexicon, lines []string, i int, l string) bool
}{
	{"blank", clBlank, func(_ *segLexicon, _ []string, _ int, l string) bool { return l == "" }},
	{"quote mark", clQuoteMark, func(_ *segLexicon, _ []string, _ int, l string) bool { return l[0] == '>' }},
	{"reply header", clReplyHeader, (*segLexicon).isReplyHeader},
	{"forward marker", clForward, func(sl *segLexicon, _ []string, _ int, l string) bool { return sl.isMarker(l, sl.forwards) }},
	{"original message", clOriginal, func(sl *segLexicon, _ []string, _ int, l string) bool { return sl.isMarker(l, sl.originals) }},
	{"signature delimiter", clSigDelim, func(_ *segLexicon, _ []string, _ int, l string) bool { return l == "--" }},
	{"separator", clSeparator, func(_ *segLexicon, _ []string, _ int, l string) bool { return isSeparator(l) }},
	{"mail header", clMailHeader, func(sl *segLexicon, _ []string, _ int, l string) bool { return sl.isMailHeader(l) }},
	{"sign-off", clSignOff, func(sl *segLexicon, _ []string, _ int, l string) bool { return sl.isSignOff(l) }},
	{"footer", clFooter, func(sl *segLexicon, _ []string, _ int, l string) bool { return sl.isFooter(l) }},
	{"postscript", clPostscript, func(sl *segLexicon, _ []string, _ int, l string) bool { return hasAnyPrefix(l, sl.postscripts) }},
}

// classify returns the class of line i (l is it trimmed).
func (sl *segLexicon) classify(lines []string, i int, l string) lineClass {
	for _, c := range lineClassifiers {
		if c.match(sl, lines, i, l) {
			return c.class
		}
	}
	return clText
}

// maxHeaderLine is the longest line read as a header or marker; a longer
// one is prose.
const maxHeaderLine = 300

// isReplyHeader matches "On Mon, 2 Mar 2026 at 10:05, Ana <…> wrote:" and
// its kin in every language; a header Gmail wrapped over two lines matches
// on its first line when the next one ends it.
func (sl *segLexicon) isReplyHeader(lines []string, i int, l string) bool {
	if len(l) > maxHeaderLine {
		return false
	}
	next := ""
	if i+1 < len(lines) {
		next = strings.TrimSpace(lines[i+1])
	}
	if !strings.HasSuffix(l, ":") && !strings.HasSuffix(next, ":") {
		return false // every reply header ends with a colon
	}
	for _, h := range sl.replyHeads {
		if !hasWordPrefix(l, h.start) {
			continue
		}
		if endsHeader(l, h.end) || (len(l)+len(next) <= maxHeaderLine && !strings.Contains(l, h.end) && endsHeader(next, h.end)) {
			return true
		}
	}
	return false
}

// endsHeader reports whether l ends with a colon and has end after its
// first word: "… wrote:", "… schrieb Lina Chen <lina@x>:".
func endsHeader(l, end string) bool {
	if !strings.HasSuffix(l, ":") {
		return false
	}
	k := strings.LastIndex(l, end)
	return k > 0
}

// isMarker matches a short line that carries one of the markers, usually
// between dashes, as mail clients write it.
func (sl *segLexicon) isMarker(l string, markers *byteIndex) bool {
	return len(l) <= 80 && markers.containedIn(l)
}

// isSeparator matches a line of four or more dashes, underscores, equals
// signs or stars and nothing else.
func isSeparator(l string) bool {
	if len(l) < 4 {
		return false
	}
	for i := 0; i < len(l); i++ {
		switch l[i] {
		case '-', '_', '=', '*', ' ':
		default:
			return false
		}
	}
	return true
}

// headerLabel returns the label of "label: value", or "".
func headerLabel(l string) string {
	k := strings.IndexByte(l, ':')
	if k <= 0 || k > 24 {
		return ""
	}
	return strings.TrimSpace(l[:k])
}

// isMailHeader matches "From: …", "Subject: …", "Ngày: …" in every
// language the lexicon lists.
func (sl *segLexicon) isMailHeader(l string) bool {
	return len(l) <= maxHeaderLine && sl.headerLabels[headerLabel(l)]
}

// Header blocks ahead of a line, as headerAhead tells them.
const (
	hdrNone    = iota
	hdrReply   // From + Sent/Date: a reply quoted below
	hdrForward // a forward's subject (Fw:, Fwd:, TR:)
)

// headerAhead looks at the mail header lines from line i on (at most 8):
// a block of two or more with a forward subject is a forward, one without
// is a quoted reply; one header alone is hdrNone.
func (sl *segLexicon) headerAhead(lines []string, i int) int {
	n := 0
	fwd := false
	for k := i; k < len(lines) && k < i+8; k++ {
		l := strings.TrimSpace(lines[k])
		if l == "" && n == 0 {
			continue
		}
		if !sl.isMailHeader(l) {
			break
		}
		n++
		if v := strings.TrimSpace(l[strings.IndexByte(l, ':')+1:]); hasAnyPrefix(v, sl.fwdSubjects) {
			fwd = true
		}
	}
	switch {
	case n >= 2 && fwd:
		return hdrForward
	case n >= 2:
		return hdrReply
	}
	return hdrNone
}

// signOffTrim is what may end a sign-off line: punctuation, blanks, emoji.
func signOffTrim(r rune) bool {
	return unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r)
}

// isSignOff matches a line that is a sign-off alone ("Best regards,"), a
// sign-off and a name ("Thanks, Priya"), or two sign-offs ("Viele
// Grüße / Best regards").
func (sl *segLexicon) isSignOff(l string) bool {
	if len(l) > 80 {
		return false
	}
	l = strings.TrimRightFunc(l, signOffTrim)
	if sl.signOffs[collapseSpaces(l)] {
		return true
	}
	for _, sep := range []string{",", "/", " - ", "|"} {
		head, tail, ok := strings.Cut(l, sep)
		if !ok || !sl.signOffs[collapseSpaces(strings.TrimSpace(head))] {
			continue
		}
		tail = strings.TrimFunc(tail, signOffTrim)
		if sl.signOffs[collapseSpaces(tail)] || (wordCount(tail) <= 3 && !strings.ContainsAny(tail, "0123456789")) {
			return true
		}
	}
	return false
}

func collapseSpaces(s string) string {
	if !strings.Contains(s, "  ") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// isFooter matches a footer line wherever it stands: it starts with a
// footer label (tel, fax, e-mail, VAT, NPWP, 电话 …) and carries a number,
// or is mostly a phone number, or carries an e-mail or web address.
func (sl *segLexicon) isFooter(l string) bool {
	if len(l) > 200 {
		return false
	}
	if isPhoneLine(l) || sl.hasAddress(l) {
		return true
	}
	if !strings.ContainsAny(l, "0123456789:") {
		return false // a label's value is a number, or follows a colon
	}
	return sl.footerLabels.prefixes(l, func(lab string) bool { return labelValue(l[len(lab):]) })
}

// labelValue reports whether rest, after a footer label, is its value: a
// colon, or a number within a few characters ("tel +44 …", "vat de 123…",
// "电话 021-…"), not more words ("mobile stands for 12 shops").
func labelValue(rest string) bool {
	if rest == "" {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(rest); unicode.IsLetter(r) && r < 0x2E80 {
		return false // the label was the start of a longer word
	}
	rest = strings.TrimLeft(rest, " .")
	if strings.HasPrefix(rest, ":") {
		return true
	}
	for i := 0; i < len(rest) && i < 5; i++ {
		if c := rest[i]; c >= '0' && c <= '9' || c == '+' || c == '(' {
			return true
		}
	}
	return false
}

// isPhoneLine matches a line that is mostly a phone number: "+31 20 555
// 0142", "(0274) 555 123", "0908 123 456".
func isPhoneLine(l string) bool {
	digits, other := 0, 0
	for _, r := range l {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == ' ' || r == '+' || r == '-' || r == '(' || r == ')' || r == '.' || r == '/':
		default:
			other++
		}
	}
	return digits >= 8 && other == 0
}

// hasAddress matches an e-mail or web address.
func (sl *segLexicon) hasAddress(l string) bool {
	if k := strings.IndexByte(l, '@'); k > 0 && k+1 < len(l) && strings.Contains(l[k:], ".") && l[k-1] != ' ' {
		return true
	}
	for _, m := range sl.webMarks {
		if strings.Contains(l, m) {
			return true
		}
	}
	return false
}

// hasWordPrefix reports whether l starts with p followed by a blank, a
// punctuation mark or (for CJK and Thai) anything.
func hasWordPrefix(l, p string) bool {
	if !strings.HasPrefix(l, p) {
		return false
	}
	if len(l) == len(p) {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(p)
	next, _ := utf8.DecodeRuneInString(l[len(p):])
	return last >= 0x2E80 || !unicode.IsLetter(next)
}

func hasAnyPrefix(l string, ps []string) bool {
	for _, p := range ps {
		if hasWordPrefix(l, p) {
			return true
		}
	}
	return false
}
