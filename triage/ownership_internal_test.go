package triage

import "testing"

// grammarEngine builds the parts of an Engine the ownership matchers use.
func grammarEngine(t *testing.T) *Engine {
	t.Helper()
	d, err := embeddedLexicon()
	if err != nil {
		t.Fatal(err)
	}
	lx, _ := newTables(d)
	return &Engine{lx: lx, grammar: lx.grammar}
}

// scanOf tokenizes in and finds its marks, as readOwnership does.
func scanOf(e *Engine, in, lang string) *ownScan {
	toks := tokenize(e.lx.fold.normalize(in), e.lx.thaiWords, e.lx.thaiMax, nil)
	e.markTraps(toks)
	s := &ownScan{toks: toks, lang: lang}
	s.ms = e.grammar.findMarks(toks, readLangs(lang), nil)
	s.sents = sentenceFlags(toks, s.ms, e.grammar, readLangs(lang), e.lx.units, e.lx.products, nil)
	return s
}

// thingAt returns the index of the first mark whose text is w.
func thingAt(t *testing.T, s *ownScan, w string) int {
	t.Helper()
	for j, m := range s.ms {
		if s.toks[m.i].s == w {
			return j
		}
	}
	t.Fatalf("no mark %q in %v", w, s.toks)
	return -1
}

func TestGrammarLookup(t *testing.T) {
	e := grammarEngine(t)
	g := e.grammar
	tests := []struct {
		w, lang string
		want    role
	}{
		{"drawings", "en", rDesign},           // in the table
		{"sketches", "en", rDesign},           // plural of a table word
		{"architect's", "en", rAgent},         // genitive 's
		{"l'architecte", "fr", rAgent},        // elided article
		{"desainnya", "id", rDesign},          // -nya suffix
		{"konstruktionspläne", "de", rDesign}, // German compound by its head
		{"dessins", "es", 0},                  // French drawings are no Spanish word
		{"su", "it", 0},                       // Spanish "su" is no Italian possessive
		{"su", "es", rFactoryParty},
	}
	for _, tt := range tests {
		if got := g.lookup(tt.w, readLangs(tt.lang)); got&tt.want != tt.want || tt.want == 0 && got&(rThing|rParty) != 0 {
			t.Errorf("lookup(%q, %s) = %b, want %b", tt.w, tt.lang, got, tt.want)
		}
	}
	if got := g.typo("desgin", readLangs("en")); got&rDesign == 0 {
		t.Errorf("typo(desgin) = %b, want a design thing", got)
	}
	if got := g.typo("house", readLangs("en")); got != 0 {
		t.Errorf("typo(house) = %b, want 0", got)
	}
}

func TestBind(t *testing.T) {
	e := grammarEngine(t)
	tests := []struct {
		in, lang, thing string
		want            side
		linked          bool
	}{
		{"your 60x80 oval mirror", "en", "mirror", sideFactory, false},
		{"the drawings come from our architect", "en", "drawings", sideBuyer, true},
		{"los planos son nuestros", "es", "planos", sideBuyer, true},
		{"desain kami", "id", "desain", sideBuyer, false},
		{"we like the mirror design", "en", "design", sideNone, false},    // no verb of bringing
		{"we will send the drawings", "en", "drawings", sideBuyer, false}, // subject and verb
		{"your designers", "en", "designers", sideFactory, false},         // agent named by the factory
		{"a turnkey supplier for the mirrors", "en", "mirrors", sideNone, false},
		{"CAD files of your best seller", "en", "cad files", sideFactory, true},
	}
	for _, tt := range tests {
		s := scanOf(e, tt.in, tt.lang)
		j := -1
		for k, m := range s.ms {
			if joinToks(s.toks[m.i:m.end]) == tt.thing {
				j = k
			}
		}
		if j < 0 {
			t.Fatalf("%q: no mark %q", tt.in, tt.thing)
		}
		if b := bind(s, j); b.side != tt.want || b.side != sideNone && b.linked != tt.linked {
			t.Errorf("bind(%q, %q) = %+v, want side %d linked %v", tt.in, tt.thing, b, tt.want, tt.linked)
		}
	}
}

func joinToks(ts []token) string {
	out := ""
	for i, t := range ts {
		if i > 0 {
			out += " "
		}
		out += t.s
	}
	return out
}

func TestNegated(t *testing.T) {
	e := grammarEngine(t)
	tests := []struct {
		in, lang, thing string
		want            bool
	}{
		{"we don't have any design of ours", "en", "design", true},
		{"the design is not ours", "en", "design", true},
		{"our design is not ready", "en", "design", false}, // after the thing and its owner
		{"no tenemos planos", "es", "planos", true},
		{"no catálogo de vocês", "pt", "catálogo", false}, // Portuguese "no" is "in the"
		{"not from your catalogue, we have our drawings", "en", "drawings", false},
		{"我们没有自己的设计", "zh", "设", true},
	}
	for _, tt := range tests {
		s := scanOf(e, tt.in, tt.lang)
		j := thingAt(t, s, tt.thing)
		if got := e.negated(s, j, bind(s, j)); got != tt.want {
			t.Errorf("negated(%q, %q) = %v, want %v", tt.in, tt.thing, got, tt.want)
		}
	}
}

func TestCodes(t *testing.T) {
	e := grammarEngine(t)
	tests := []struct {
		in   string
		code bool // a product code is read
		ref  bool // and it is a reference
	}{
		{"KX-310", true, false},
		{"model 12", true, false},
		{"item #2719", true, false},
		{"HM08", true, false},
		{"PO #4500012345", true, true},
		{"quotation no. QN-77-0302", true, true},
		{"our model 12", true, true},
		{"drawings Z-3310", true, true},
		{"Item 1: round mirror", false, false}, // a list label
		{"60x80 cm", false, false},
	}
	for _, tt := range tests {
		s := scanOf(e, tt.in, "en")
		found, ref := false, false
		for i := range s.toks {
			if at := e.codeAt(s.toks, i); at >= 0 {
				found = true
				ref = e.refBefore(s.toks, i, readLangs("en")) || postcodeAt(s.toks, at)
				break
			}
		}
		if found != tt.code || found && ref != tt.ref {
			t.Errorf("%q: code %v ref %v, want %v %v", tt.in, found, ref, tt.code, tt.ref)
		}
	}
	s := scanOf(e, "Leeds LS1 4DY", "en")
	if at := e.codeAt(s.toks, 1); at < 0 || !postcodeAt(s.toks, at) {
		t.Errorf("LS1 4DY: codeAt %d, want a postcode", at)
	}
}

func TestStageMatchers(t *testing.T) {
	e := grammarEngine(t)
	mat := []struct {
		in, verb string
		want     bool
	}{
		{"procure the glass", "procure", true},
		{"buy glass mirrors", "buy", false}, // a product, not a material
		{"buy your glass", "buy", false},    // the factory's own buying
		{"comprar los materiales", "comprar", true},
	}
	for _, tt := range mat {
		s := scanOf(e, tt.in, "en")
		if tt.verb == "comprar" {
			s = scanOf(e, tt.in, "es")
		}
		if got := materialAfter(s, thingAt(t, s, tt.verb)); got != tt.want {
			t.Errorf("materialAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	self := []struct {
		in, stage string
		want      bool
	}{
		{"we pack and ship ourselves", "ship", true},
		{"we box the goods", "box", true},
		{"you pack and ship", "pack", false},
	}
	for _, tt := range self {
		s := scanOf(e, tt.in, "en")
		if got := selfStage(s, thingAt(t, s, tt.stage)); got != tt.want {
			t.Errorf("selfStage(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct {
		in   string
		want bool
	}{{"Head of Sourcing", true}, {"Sourcing Lead", true}, {"including sourcing and freight", false}} {
		s := scanOf(e, tt.in, "en")
		if got := jobTitle(s, thingAt(t, s, "sourcing")); got != tt.want {
			t.Errorf("jobTitle(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestGrammarSectionsEveryLanguage checks that each role of the grammar has
// words in all eleven languages (a merge that empties a section shows here),
// but for the question particles (Chinese and Thai only) and the stock
// adjectives that stand before their noun (English only).
func TestGrammarSectionsEveryLanguage(t *testing.T) {
	d, err := embeddedLexicon()
	if err != nil {
		t.Fatal(err)
	}
	for sec := range sectionRoles() {
		if sec == "ownership.question" || sec == "ownership.stock_pre" {
			continue
		}
		have := map[string]bool{}
		for _, en := range d.sections[sec] {
			have[en.lang] = true
		}
		for _, lang := range grammarLangs() {
			if !have[lang] {
				t.Errorf("[%s] has no %s words", sec, lang)
			}
		}
	}
}
