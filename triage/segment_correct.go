package triage

import "strings"

// A correction replaces what it corrects (TRIAGE.md section 1): "sorry,
// I meant 70", "koreksi: 90", "长方形改成60", "anzi no, 75 pz".
// The cue phrases are the [segment.corrections] tables. markCorrections
// flags the tokens after a cue to the end of its sentence (token.corr) and
// records each span; applyCorrections then lets each quantity so flagged
// replace the one it corrects.

// maxCueTokens bounds the tokens of one correction cue.
const maxCueTokens = 6

// correctionCues holds the cue phrases as token strings, indexed by their
// first token so that the scan stays linear.
type correctionCues struct {
	cues  map[string][]correctionCue
	units map[string]int64 // count nouns: "sorry, 70 pcs" corrects, "sorry, 2 questions" does not
}

// correctionCue is one cue phrase. A phrase written with a trailing "…"
// (an apology: "sorry …", "xin lỗi …") is a cue only when a number comes
// right after it: "sorry, 70" corrects, "sorry for the delay" does not.
type correctionCue struct {
	words      []string
	numberNext bool
}

// newCorrectionCues tokenizes the cue phrases of the lexicon.
func newCorrectionCues(phrases []string, lx *lexicon) correctionCues {
	cc := correctionCues{cues: map[string][]correctionCue{}, units: lx.units}
	for _, p := range phrases {
		trimmed := strings.TrimSuffix(strings.TrimSuffix(p, "…"), "...")
		cue := correctionCue{numberNext: trimmed != p}
		for _, t := range tokenize(lx.fold.normalize(trimmed), lx.thaiWords, lx.thaiMax, nil) {
			cue.words = append(cue.words, t.s)
		}
		if len(cue.words) == 0 || len(cue.words) > maxCueTokens {
			continue
		}
		cc.cues[cue.words[0]] = append(cc.cues[cue.words[0]], cue)
	}
	return cc
}

// match returns the length of the longest cue at toks[i:], or 0.
func (cc correctionCues) match(toks []token, i int) int {
	best := 0
	for _, cue := range cc.cues[toks[i].s] {
		n := len(cue.words)
		if n <= best || i+n > len(toks) {
			continue
		}
		ok := true
		for k := 1; k < n && ok; k++ {
			ok = toks[i+k].s == cue.words[k] && !toks[i+k].nl
		}
		if ok && (!cue.numberNext || cc.numberNext(toks, i+n)) {
			best = n
		}
	}
	return best
}

// numberNext reports a count starting at toks[i], past punctuation and at
// most one word, on the same line: "sorry, 70", "pardon, plutôt 90",
// "maaf, 350 pcs". A number followed by another noun is no count.
func (cc correctionCues) numberNext(toks []token, i int) bool {
	words := 0
	for k := i; k < len(toks) && k < i+4; k++ {
		t := &toks[k]
		switch {
		case t.nl:
			return false
		case t.kind == kNum:
			return cc.countEnds(toks, k+1)
		case t.kind != kSym:
			words++
			if words > 1 {
				return false
			}
		case sentenceEnd(t):
			return false
		}
	}
	return false
}

// countEnds reports whether the number before toks[i] ends as a count
// does: at the end of its line or a mark, or before a count noun. The
// groups of "12 000" are one number.
func (cc correctionCues) countEnds(toks []token, i int) bool {
	for i < len(toks) && toks[i].kind == kNum && !toks[i].nl {
		i++
	}
	return i >= len(toks) || toks[i].nl || toks[i].kind == kSym || cc.units[toks[i].s] > 0
}

// sentenceEnd reports whether t ends a sentence for a correction's reach.
func sentenceEnd(t *token) bool {
	if t.nl {
		return true
	}
	if t.kind != kSym {
		return false
	}
	switch t.s {
	case ".", "!", "?", "。", "！", "？":
		return true
	}
	return false
}

// maxCorrections bounds the corrections one message is read with.
const maxCorrections = 8

// corrSpan is one correction: the flagged tokens [start, end) after its
// cue, and the words right before the cue that name what it corrects
// (toks[name:cue], empty when none).
type corrSpan struct{ start, end, name, cue int }

// corrections is the corrections of one message, in text order.
type corrections struct {
	spans [maxCorrections]corrSpan
	n     int
}

// markCorrections flags the tokens after each correction cue, to the end
// of its sentence, and records the spans.
func (cc correctionCues) markCorrections(toks []token, cs *corrections) {
	for i := 0; i < len(toks) && cs.n < maxCorrections; i++ {
		n := cc.match(toks, i)
		if n == 0 {
			continue
		}
		k := i + n
		for ; k < len(toks) && !sentenceEnd(&toks[k]); k++ {
			toks[k].corr = true
		}
		cs.spans[cs.n] = corrSpan{start: i + n, end: k, name: nameStart(toks, i), cue: i}
		cs.n++
		i = k - 1
	}
}

// nameStart returns where the words naming a correction begin: the run of
// at most three words right before its cue ("长方形" of "长方形改成800").
func nameStart(toks []token, cue int) int {
	k := cue
	for k > 0 && cue-k < 3 && !toks[k].nl {
		t := &toks[k-1]
		if t.kind != kWord && t.kind != kHan && t.kind != kThai {
			break
		}
		k--
	}
	return k
}

// span returns the correction whose flagged tokens hold pos.
func (cs *corrections) span(pos int) (corrSpan, bool) {
	for _, s := range cs.spans[:cs.n] {
		if pos >= s.start && pos < s.end {
			return s, true
		}
	}
	return corrSpan{}, false
}

// applyCorrections lets each flagged quantity replace the one it corrects:
// the earlier one named by the same words ("长方形 500 … 长方形改成800"),
// else the last earlier one that is no sample. A flagged number after a
// negation ("70, not 60") names the value corrected: it is dropped,
// and so is the earlier one with that value.
func (e *Engine) applyCorrections(sc *scan, cs *corrections) {
	e.insteadOf(sc)
	if cs.n == 0 {
		return
	}
	e.bareCorrections(sc, cs)
	out := sc.qty[:0]
	for _, q := range sc.qty {
		sp, ok := cs.span(q.pos)
		switch {
		case !ok:
			out = append(out, q)
		case e.negationJust(sc.toks, q.pos):
			out = dropQty(out, func(o qtyCand) bool { return o.lo == q.lo && o.hi == q.hi })
		default:
			if j := correctedQty(sc.toks, out, sp); j >= 0 {
				out = append(out[:j], out[j+1:]...)
			}
			out = append(out, q)
		}
	}
	sc.qty = out
}

// negationJust reports a negation word among the two tokens before i,
// inside the correction ("…, not 2,000"; the cue "anzi no" is no negation).
func (e *Engine) negationJust(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-2 && toks[k].corr; k-- {
		if e.lx.negations[toks[k].s] {
			return true
		}
	}
	return false
}

func dropQty(qs []qtyCand, drop func(qtyCand) bool) []qtyCand {
	out := qs[:0]
	for _, q := range qs {
		if !drop(q) {
			out = append(out, q)
		}
	}
	return out
}

// correctedQty returns the index in qs of the quantity the correction sp
// replaces, or -1.
func correctedQty(toks []token, qs []qtyCand, sp corrSpan) int {
	name := toks[sp.name:sp.cue]
	last := -1
	for j, o := range qs {
		if o.pos >= sp.cue || toks[o.pos].corr {
			continue
		}
		if len(name) > 0 && sameWordsBefore(toks, o.pos, name) {
			return j
		}
		if !o.sample {
			last = j
		}
	}
	return last
}

// sameWordsBefore reports whether the tokens right before i (a colon
// aside) spell name.
func sameWordsBefore(toks []token, i int, name []token) bool {
	k := i - 1
	if k >= 0 && toks[k].kind == kSym && toks[k].s == ":" {
		k--
	}
	for n := len(name) - 1; n >= 0; n, k = n-1, k-1 {
		if k < 0 || toks[k].s != name[n].s {
			return false
		}
	}
	return true
}

// bareCorrections reads a bare number a correction states ("sorry, make
// that 1,800") as the quantity it corrects: a count with no money mark is
// a quantity when the text stated one before the cue.
func (e *Engine) bareCorrections(sc *scan, cs *corrections) {
	for _, sp := range cs.spans[:cs.n] {
		if hasQtyIn(sc.qty, sp) || len(sc.qty) >= maxCands {
			continue
		}
		j := correctedQty(sc.toks, sc.qty, sp)
		if j < 0 {
			continue
		}
		for k := sp.start; k < sp.end; k++ {
			t := &sc.toks[k]
			if t.kind != kNum || t.trap || readAt(sc, k) || e.negationJust(sc.toks, k) {
				continue
			}
			if x, ok := e.parseNumber(sc.toks, k); ok && x.lo >= 1 {
				q := sc.qty[j]
				q.lo, q.hi, q.pos = x.lo, x.hi, k
				sc.qty = append(sc.qty, q)
				break
			}
		}
	}
}

// hasQtyIn reports a quantity read inside the correction's span.
func hasQtyIn(qs []qtyCand, sp corrSpan) bool {
	for _, q := range qs {
		if q.pos >= sp.start && q.pos < sp.end {
			return true
		}
	}
	return false
}

// readAt reports an amount or lead time read at token k.
func readAt(sc *scan, k int) bool {
	for _, m := range sc.money {
		if m.pos == k {
			return true
		}
	}
	for _, l := range sc.lead {
		if l.pos == k {
			return true
		}
	}
	return false
}

// insteadOf reads "70, not 60" and "90 statt 80" without a cue:
// a number, a negation, a number. The second is the value corrected: the
// quantities stated with it take the first value, and the second itself is
// no quantity.
func (e *Engine) insteadOf(sc *scan) {
	toks := sc.toks
	for i := 0; i+2 < len(toks); i++ {
		if toks[i].kind != kNum || toks[i].trap {
			continue
		}
		k := i + 1
		if toks[k].kind == kSym && toks[k].s == "," {
			k++
		}
		if k+1 >= len(toks) || !e.lx.negations[toks[k].s] || toks[k+1].kind != kNum || toks[k+1].trap {
			continue
		}
		now, ok1 := e.parseNumber(toks, i)
		was, ok2 := e.parseNumber(toks, k+1)
		if !ok1 || !ok2 || now.lo == was.lo {
			continue
		}
		sc.qty = replaceQty(sc.qty, was.lo, now, k+1)
		i = k + 1
	}
}

// replaceQty gives the quantities of value was the value now, and drops
// the one read at token wasAt.
func replaceQty(qs []qtyCand, was float64, now numExpr, wasAt int) []qtyCand {
	out := qs[:0]
	seen := false
	for _, q := range qs {
		switch {
		case q.pos == wasAt || q.pos == now.first && seen:
			continue
		case q.lo == was && q.hi == was:
			if seen {
				continue // one correction, one quantity
			}
			q.lo, q.hi, seen = now.lo, now.hi, true
		case q.pos == now.first:
			if seen {
				continue
			}
			seen = true
		}
		out = append(out, q)
	}
	return out
}
