package triage

import "strings"

// Role says whose text a line of a message is. Segmentation gives every
// line one before any reading: cues are read from the buyer's own text
// (RoleOwn, then RoleForwarded), the rest only as TRIAGE.md section 1 says.
type Role uint8

const (
	RoleOwn       Role = iota // the buyer's current words
	RoleForwarded             // text the buyer forwards from their own side: it counts, after RoleOwn
	RoleQuoted                // quoted from the factory: "> …", below "On … wrote:", below a separator, 「…」
	RoleHeader                // mail headers, reply and forward headers: no cue
	RoleSignature             // sign-off, name, title, phone, address, company and tax numbers: no cue
)

var roleNames = [...]string{"own", "forwarded", "quoted", "header", "signature"}

func (r Role) String() string {
	if int(r) < len(roleNames) {
		return roleNames[r]
	}
	return "role?"
}

// segState is where the line walk stands.
type segState uint8

const (
	stOwn           segState = iota
	stSignature              // after a sign-off: names, titles, footers
	stFwdHeaders             // after a forward marker: From/Date/Subject lines
	stForwarded              // the forwarded body
	stFwdSignature           // a sign-off inside the forwarded body
	stQuotedHeaders          // the From/Sent lines of a quoted reply
	stQuotedMarks            // a reply quoted with "> " marks: the buyer may write again below it
	stQuoted                 // below a reply header or separator: the factory's
)

// maxSegLines bounds the lines one message is split into (the text is
// capped before, so this only guards the line slice).
const maxSegLines = 2048

// segmented is a message split by role: own is the text the readers read
// (own lines, then forwarded lines, with line breaks kept); quoted is the
// factory's quoted text, given separately to the readers that may use it.
type segmented struct {
	own, quoted string
	roles       []Role // one per line of the input (nil for one line), for tests and diagnostics
	// fwdAt is where the forwarded lines start in own (0: none); the
	// readers let the buyer's own words come first (quantity_pick.go).
	fwdAt int
}

// segment splits normalised text into roles. Lines are classified by the
// named classifiers of segment_lines.go and walked through a small state
// machine; a trailing footer block (names, company, address, phone) with no
// sign-off above it is found walking back from the end. When every line is
// the buyer's own and no 「…」 quote occurs, own is text itself.
func (sl *segLexicon) segment(text string, buf *segBuf) segmented {
	if !strings.Contains(text, "\n") && !hasCorner(text) {
		return segmented{own: text} // one line: the buyer's words
	}
	lines := splitLines(text, buf.lines[:0])
	roles := buf.roles[:0]
	for range lines {
		roles = append(roles, RoleOwn)
	}
	buf.lines, buf.roles = lines, roles
	sl.walk(lines, roles)
	sl.markTrailingFooter(lines, roles)
	return assemble(text, lines, roles)
}

// segBuf holds the line buffers of segmentation, kept in the scan pool so
// that a message costs no allocation for them.
type segBuf struct {
	lines []string
	roles []Role
}

// splitLines appends the lines of text (at most maxSegLines) to out.
func splitLines(text string, out []string) []string {
	for len(out) < maxSegLines-1 {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			break
		}
		out = append(out, text[:i])
		text = text[i+1:]
	}
	return append(out, text)
}

func hasCorner(s string) bool { return strings.Contains(s, "「") || strings.Contains(s, "『") }

// walk gives each line its role, top to bottom.
func (sl *segLexicon) walk(lines []string, roles []Role) {
	st := stOwn
	ownSeen := false
	for i, raw := range lines {
		l := strings.TrimSpace(raw)
		c := sl.classify(lines, i, l)
		roles[i], st = sl.step(st, c, ownSeen, lines, i)
		if roles[i] == RoleOwn && c != clBlank && c != clSignOff {
			ownSeen = true
		}
	}
}

// step is the state machine: the role of a line of class c in state st,
// and the next state.
func (sl *segLexicon) step(st segState, c lineClass, ownSeen bool, lines []string, i int) (Role, segState) {
	switch c {
	case clQuoteMark:
		if st == stQuotedHeaders {
			return RoleQuoted, stQuotedMarks
		}
		return RoleQuoted, st
	case clSigDelim:
		if ownSeen {
			return RoleSignature, stSignature
		}
		return RoleHeader, st
	case clReplyHeader, clOriginal:
		return RoleHeader, stQuotedHeaders
	case clForward:
		return RoleHeader, stFwdHeaders
	case clSeparator:
		if ownSeen && st != stFwdHeaders {
			return RoleHeader, stQuoted
		}
		return RoleHeader, st
	}
	switch st {
	case stQuotedMarks:
		if c == clBlank {
			return RoleQuoted, st
		}
		return sl.step(stOwn, c, ownSeen, lines, i) // written below the quote
	case stQuotedHeaders:
		if c == clMailHeader {
			return RoleHeader, st
		}
		if c == clBlank {
			return RoleQuoted, st
		}
		return RoleQuoted, stQuoted
	case stQuoted:
		return RoleQuoted, st
	case stFwdHeaders:
		switch c {
		case clMailHeader, clBlank:
			if c == clBlank && sl.headerAhead(lines, i) == 0 {
				return RoleHeader, stForwarded
			}
			return RoleHeader, st
		}
		return sl.step(stForwarded, c, ownSeen, lines, i)
	case stSignature, stFwdSignature:
		if c == clPostscript || (c == clText && wordCount(lines[i]) >= 7) {
			back := stOwn
			if st == stFwdSignature {
				back = stForwarded
			}
			return sl.step(back, c, ownSeen, lines, i)
		}
		if c == clMailHeader && st == stSignature {
			return sl.mailHeaderInOwn(lines, i)
		}
		return RoleSignature, st
	}
	// stOwn or stForwarded
	body := RoleOwn
	sig := stSignature
	if st == stForwarded {
		body, sig = RoleForwarded, stFwdSignature
	}
	switch c {
	case clSignOff:
		if !ownSeen {
			return body, st // a greeting: "Salam," at the top
		}
		return RoleSignature, sig
	case clFooter:
		return RoleSignature, st
	case clMailHeader:
		if st == stOwn && ownSeen {
			return sl.mailHeaderInOwn(lines, i)
		}
		return RoleHeader, st
	}
	return body, st
}

// mailHeaderInOwn reads a From/Sent block that follows the buyer's words
// with no marker above it: a reply quoted below (Outlook), unless its
// subject says it is forwarded.
func (sl *segLexicon) mailHeaderInOwn(lines []string, i int) (Role, segState) {
	switch sl.headerAhead(lines, i) {
	case hdrForward:
		return RoleHeader, stFwdHeaders
	case hdrReply:
		return RoleHeader, stQuotedHeaders
	}
	return RoleHeader, stOwn
}

// assemble builds the own and quoted texts from the roles.
func assemble(text string, lines []string, roles []Role) segmented {
	plain := !hasCorner(text)
	for _, r := range roles {
		if r != RoleOwn {
			plain = false
			break
		}
	}
	if plain {
		return segmented{own: text, roles: roles}
	}
	var own, fwd, quoted strings.Builder
	own.Grow(len(text))
	for i, l := range lines {
		switch roles[i] {
		case RoleOwn:
			writeLine(&own, cutCornerQuotes(l, &quoted))
		case RoleForwarded:
			writeLine(&fwd, cutCornerQuotes(l, &quoted))
		case RoleQuoted:
			writeLine(&quoted, strings.TrimLeft(strings.TrimSpace(l), "> "))
		default:
			own.WriteByte('\n') // keep the line structure: a break ends a clause
		}
	}
	fwdAt := 0
	if fwd.Len() > 0 {
		own.WriteByte('\n')
		fwdAt = own.Len()
		own.WriteString(fwd.String())
	}
	return segmented{own: own.String(), quoted: quoted.String(), roles: roles, fwdAt: fwdAt}
}

func writeLine(b *strings.Builder, l string) {
	if b.Len() > 0 {
		b.WriteByte('\n')
	}
	b.WriteString(l)
}

// cutCornerQuotes blanks the 「…」 and 『…』 spans of a line (the factory's
// words quoted back) and adds them to quoted. An unclosed quote runs to the
// end of the line.
func cutCornerQuotes(l string, quoted *strings.Builder) string {
	if !hasCorner(l) {
		return l
	}
	var b strings.Builder
	for l != "" {
		i, open, closer := firstCorner(l)
		if i < 0 {
			b.WriteString(l)
			break
		}
		b.WriteString(l[:i])
		rest := l[i+len(open):]
		j := strings.Index(rest, closer)
		if j < 0 {
			j = len(rest)
		}
		writeLine(quoted, rest[:j])
		b.WriteString(" ")
		l = rest[min(len(rest), j+len(closer)):]
	}
	return b.String()
}

// firstCorner finds the first opening corner bracket of l.
func firstCorner(l string) (int, string, string) {
	i, j := strings.Index(l, "「"), strings.Index(l, "『")
	switch {
	case i < 0 && j < 0:
		return -1, "", ""
	case j < 0 || (i >= 0 && i < j):
		return i, "「", "」"
	}
	return j, "『", "』"
}

// wordCount counts the blank-separated words of s.
func wordCount(s string) int {
	n := 0
	in := false
	for i := 0; i < len(s); i++ {
		blank := s[i] == ' ' || s[i] == '\t'
		if !blank && !in {
			n++
		}
		in = !blank
	}
	return n
}
