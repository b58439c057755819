package triage

// The supply chain is read from the stages a buyer asks of the factory —
// sourcing the materials, packing, shipping, warehousing — as well as from
// the fixed words for the whole of it (turnkey, contract manufacturing).
// Several stages with sourcing among them, or all three of the others,
// make the wish; one stage alone ("pack in our boxes", "FOB") does not.
// A stage the buyer does itself ("we pack and ship ourselves"), a negated
// one and one in a question ask nothing of the factory.

// stages is what a message asks of the factory.
type stages struct {
	full, source, pack, ship, store bool
}

// supplyChain reports the buyer's wish for the whole supply chain.
func (e *Engine) supplyChain(s *ownScan) bool {
	var st stages
	for j := range s.ms {
		m := &s.ms[j]
		if m.r&(rSCFull|rSCSource|rSCSourceStage|rSCPack|rSCShip|rSCStore) == 0 || m.question && m.r&rSCFull == 0 {
			continue
		}
		if e.negated(s, j, binding{at: -1}) || m.r&rSCFull == 0 && selfStage(s, j) {
			continue
		}
		switch {
		case m.r&rSCFull != 0:
			st.full = true
		case m.r&rSCSourceStage != 0 && !jobTitle(s, j):
			st.source = true
		case m.r&rSCSource != 0 && materialAfter(s, j):
			st.source = true
		}
		st.pack = st.pack || m.r&rSCPack != 0
		st.ship = st.ship || m.r&rSCShip != 0
		st.store = st.store || m.r&rSCStore != 0
	}
	return st.full || st.source && (st.pack || st.ship || st.store) || st.pack && st.ship && st.store
}

// materialAfter reports a material within three tokens after the buying
// verb at mark j, in its clause: "procure the glass", "comprar los
// materiales", "beli bahan". Not "buy your glass" (the factory's own
// buying) nor "buy glass mirrors" (a product).
func materialAfter(s *ownScan, j int) bool {
	m := &s.ms[j]
	for k := j + 1; k < len(s.ms); k++ {
		p := &s.ms[k]
		if p.part != m.part || p.i-m.end > 3 || p.r&rFactoryParty != 0 {
			return false
		}
		if p.r&rSCMaterial != 0 {
			next := k + 1
			return !(next < len(s.ms) && s.ms[next].i == p.end && s.ms[next].r&rGoods != 0)
		}
	}
	return false
}

// selfStage reports a stage the buyer does: "ourselves" in its sentence, or
// the buyer as the subject just before it ("we box and ship").
func selfStage(s *ownScan, j int) bool {
	m := &s.ms[j]
	for k := max(0, j-8); k < len(s.ms) && k <= j+8; k++ {
		if p := &s.ms[k]; p.part == m.part && p.r&rSCSelf != 0 {
			return true
		}
	}
	for k := j - 1; k >= 0 && k >= j-4; k-- {
		p := &s.ms[k]
		if p.sent != m.sent || m.i-p.end > 1 {
			return false
		}
		if p.r&rBuyerSubj != 0 {
			return true
		}
		if p.r&(rSCPack|rSCShip|rSCSource|rSCStore) == 0 {
			return false
		}
	}
	return false
}

// jobTitle reports a stage noun that ends a job title: "Head of Sourcing",
// "Director of Procurement".
func jobTitle(s *ownScan, j int) bool {
	if s.near(j, 1, rSCTitle) {
		return true
	}
	m := &s.ms[j]
	if m.i == 0 || s.toks[m.i-1].s != "of" {
		return false
	}
	if m.end >= len(s.toks) || s.toks[m.end].nl {
		return true
	}
	return s.toks[m.end].isBreak() && !stageListGoesOn(s, j)
}

// stageListGoesOn reports another stage right after the comma that ends
// stage j: "take care of sourcing, packing and freight" is a list of
// duties, not the end of a job title.
func stageListGoesOn(s *ownScan, j int) bool {
	m := &s.ms[j]
	if s.toks[m.end].s != "," || j+1 >= len(s.ms) {
		return false
	}
	p := &s.ms[j+1]
	return p.i-m.end <= 3 && p.r&(rSCPack|rSCShip|rSCStore|rSCSource|rSCSourceStage) != 0
}
