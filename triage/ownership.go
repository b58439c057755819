package triage

import "strings"

// cueKind is what a phrase says.
type cueKind uint8

const (
	cueBuyer    cueKind = iota + 1 // the buyer brings the design
	cueFactory                     // the buyer takes the factory's design
	cueLogo                        // logo or brand on a product: leans factory, never flips
	cueSCFull                      // turnkey, contract manufacturing
	cueSCSource                    // the factory sources the materials
	cueSCPack                      // … packs
	cueSCShip                      // … ships
	cueSCBuy                       // … buys some material: "procure the glass and LEDs"
)

// phrase is a cue phrase as tokens; "*" matches up to four plain words.
type phrase struct {
	toks   []string
	kind   cueKind
	weight float64
}

// phraseSet indexes phrases by their first token.
type phraseSet struct {
	byFirst  map[string][]phrase
	thai     []phrase // matched as substrings: Thai has no spaces
	gapStop  map[string]bool
	stops    map[string]bool // words that end a negation's reach: but, pero, aber
	requests map[string]bool // send, share, have: asking for a catalogue is no choice
	noGap    map[string]bool // negations: "we have no drawings" is no "we have * drawings"
	buyVerbs map[string]bool // procure, source, comprar, beschaffen, beli, mua …
	material map[string]bool // glass, LEDs, components, vidrio, Glas, kaca, kính …
}

func (e *Engine) newPhrases() *phraseSet {
	ps := &phraseSet{byFirst: map[string][]phrase{}}
	add := func(kind cueKind, w float64, list string) {
		for _, p := range strings.Split(list, "|") {
			p = strings.TrimSpace(p)
			if p == "" {
				continue
			}
			if strings.ContainsFunc(p, isThai) {
				ps.thai = append(ps.thai, phrase{toks: []string{e.lx.fold.normalize(p)}, kind: kind, weight: w})
				continue
			}
			var ts []string
			for _, t := range tokenize(e.lx.fold.normalize(p), e.lx.thaiWords, e.lx.thaiMax, nil) {
				ts = append(ts, t.s)
			}
			if len(ts) == 0 {
				continue
			}
			ps.byFirst[ts[0]] = append(ps.byFirst[ts[0]], phrase{toks: ts, kind: kind, weight: w})
		}
	}
	// The buyer brings the design.
	add(cueBuyer, 3, "our own design|our design|our designs|own design|own designs|my own design|my design|our own designs|"+
		"our own * design|our * design|design of our own|designs of our own|our drawing|our drawings|our own drawings|own drawings|"+
		"buyer drawings|buyer's drawings|buyer drawing|buyer's drawing|customer drawings|customer's drawings|client drawings|client's drawings|"+
		"buyer design|buyer's design|customer's design|client's design|"+
		"our drawing|our designer|our designers|our own shape|our shape|drawings attached|drawing attached|drawings are ready|"+
		"cad drawings|cad drawing|cad files|cad file|step files|design files|design file|design package|technical drawing|"+
		"technical drawings|structure drawing|die-line|dieline|spec sheet|our spec|our specs|our specification|our specifications|"+
		"to our spec|our own spec|our patented|design patent|patented design|our own patented|registered design|own the design|"+
		"we provide the design|we supply design|we supply the design|provide the design|supply design files|buyer will provide|"+
		"provide artwork and structure|we have the design|we have the drawings|we have the drawing|the drawing from|the drawings from|"+
		"complete specs|full specification|made to our|built to our|produce it to our|our own mold|our own mould|our mold|our mould|"+
		"design in-house|in-house design|our own product|our blueprint|our blueprints|our prototype|our artwork and drawings|"+
		"attached drawing|attached drawings|as per drawing|as per the drawing|per attached drawing|according to the drawing|"+
		"according to our drawing|per our drawing|our sketch|our sketches|drawings will be provided|drawing will be provided|provided by our architect|our architect|"+
		"from the architect|from our architect|designs ready|design ready|design is ready|designs are ready|(cad)|cad ready|cad attached|"+
		"our own sketch|our mockup|our mock-up|our renderings|our render|our renders|3d files|3d file|"+
		"our sample|our own sample|copy our|our existing product|our current product|our own samples|"+
		"our own model|our own desgin|our desgin|own desgin|our own desing|our desing|our own disign|designed by us|we designed|we have designed|our tech pack|tech pack")
	add(cueBuyer, 3, "diseño propio|nuestro diseño|nuestros diseños|nuestro propio diseño|tenemos el diseño|ya tenemos el diseño|"+
		"nuestros planos|los planos|planos adjuntos|planos técnicos|tenemos planos|planos en pdf|nuestro boceto|nuestros bocetos|nuestra muestra|según nuestro diseño|nuestras especificaciones|dibujos técnicos|nuestro plano|diseño nuestro|diseño exclusivo nuestro")
	add(cueBuyer, 3, "nosso design|nosso projeto|projeto próprio|design próprio|temos o projeto|desenho técnico|desenhos técnicos|"+
		"nossos desenhos|nosso desenho|nosso próprio design|nosso próprio projeto|próprio projeto|nosso próprio desenho|projeto nosso|nossas especificações|projeto do espelho")
	add(cueBuyer, 3, "notre design|notre propre design|nos propres plans|nos plans|notre cahier des charges|cahier des charges|"+
		"fichiers dwg|plans techniques|avons les plans|les plans|fichiers 3d|nos dessins|notre conception|propre design|nos propres dessins|notre propre modèle|nos spécifications")
	add(cueBuyer, 3, "eigenes design|eigenen design|eigenen entwurf|eigene entwürfe|unseren eigenen|unser eigenes|unsere eigene|"+
		"zeichnungen|technische zeichnung|cad-dateien|nach unseren vorgaben|unseren vorgaben|nach unserer zeichnung|unser design|"+
		"unserem design|stückliste|eigenen entwürfen")
	add(cueBuyer, 3, "desain sendiri|desain kami sendiri|desain kami|gambar teknis|gambar kerja|rancangan sendiri|rancangan kami|"+
		"reka bentuk sendiri|reka bentuk kami|lukisan teknikal|lukisan arkitek|lukisan kami|mengikut lukisan|"+
		"ikut design kami|design kami|desain dari kami|design dari kami|rekaan dari kami|rekaan sendiri|rekaan kami")
	add(cueBuyer, 3, "thiết kế riêng|bản vẽ|thiết kế của bên em|thiết kế của chúng tôi|thiết kế của công ty|thiết kế của bên mình|"+
		"mẫu riêng|theo thiết kế|thiết kế của mình|có thiết kế|theo bản vẽ")
	add(cueBuyer, 3, "แบบของเรา|เป็นของเราเอง|ตามแบบที่เรา|แบบที่เราส่ง|ตามแบบของเรา|ดีไซน์ของเรา|แบบเป็นของเรา|เรามีแบบ|มีแบบของเรา|แบบของเราเอง|ดีไซน์เอง|ออกแบบเอง")
	add(cueBuyer, 3, "自己的设计|我们的设计|设计图|图纸|我方设计|自有设计|我们设计的|按我们的|自主设计|专利")
	// Drawings, CAD, plans, blueprints and patents the buyer has.
	add(cueBuyer, 3, "architect's drawings|architects drawings|architect drawings|architect's plans|our architect's|engineering drawings|"+
		"shop drawings|own cad|our cad|our own cad|cad design|cad designs|cad model|cad models|cad data|"+
		"plans attached|blueprints|our patent|our patents|patented|patent pending|patent-pending|we have * drawings|"+
		"we have the * drawings|we've got * drawings|drawings done|drawings are done|"+
		"done the drawings|prepared the drawings|made the drawings|drew the|has drawn|have drawn|drawn by|our engineer|our engineers|"+
		"our engineering team|our design team|our product team|our r&d|have drawings|have any drawings|have cad|have any cad|have blueprints|have technical drawings|our own specifications|our own specification|our own specs|our own project|own project")
	add(cueBuyer, 3, "nuestros propios planos|planos propios|planos nuestros|proyecto propio|proyecto nuestro|nuestro propio proyecto|"+
		"nuestra patente|patentado|patentada|diseño patentado|tenemos los planos|tenemos los dibujos|nuestros dibujos|archivos cad|"+
		"nuestro cad|según nuestros planos|planos del arquitecto|nuestro arquitecto")
	add(cueBuyer, 3, "nossos planos|nossas plantas|planta técnica|plantas técnicas|arquivos cad|nosso cad|nossa patente|patenteado|"+
		"patenteada|design patenteado|temos os desenhos|temos os planos|desenhos do arquiteto|projeto do arquiteto|nosso arquiteto|"+
		"conforme nosso projeto|conforme nosso desenho|conforme desenho")
	add(cueBuyer, 3, "nos fichiers cao|fichiers cao|fichiers cad|notre propre projet|notre brevet|breveté|brevetée|modèle breveté|"+
		"dessins techniques|plans de l'architecte|notre architecte|selon nos plans|d'après nos plans|nos plans techniques")
	add(cueBuyer, 3, "eigener zeichnung|eigenen zeichnungen|eigene zeichnung|eigener entwurf|eigenem entwurf|eigenem design|unseren plänen|unseren eigenen plänen|nach unseren plänen|nach plan|unseren entwürfen|unser entwurf|"+
		"unseren entwurf|unserem entwurf|unser patent|unserem patent|patentiert|patentiertes|patentierten|patentierte|cad-daten|"+
		"cad daten|baupläne|bauplänen|nach zeichnung|architektenpläne|pläne des architekten|unser architekt|unseres architekten|"+
		"unsere konstruktion|eigene konstruktion|eigenen konstruktion")
	add(cueBuyer, 3, "gambar kami|gambar desain kami|file cad|cad kami|paten kami|desain paten|dipatenkan|gambar dari arsitek|"+
		"gambar arsitek|sesuai gambar|sesuai desain kami|spesifikasi kami|spesifikasi sendiri|desain milik kami|"+
		"drawing kami|drawing sendiri|lukisan sendiri|pelan kami|ikut pelan|pelan arkitek|fail cad|reka bentuk berpaten|"+
		"drawing dah siap|drawing sudah siap|design sendiri|design kami sendiri|ikut spesifikasi|mengikut spesifikasi")
	add(cueBuyer, 3, "file cad|bản thiết kế|bằng sáng chế|sáng chế|thông số của chúng tôi|thông số của bên em|theo thông số")
	add(cueBuyer, 3, "แบบแปลน|ไฟล์cad|ไฟล์ cad|ไฟล์แบบ|แบบร่างของเรา|สิทธิบัตร|สเปคของเรา|ตามสเปคของเรา")
	add(cueBuyer, 3, "cad图|cad文件|我们的方案|我方图纸|我们提供图纸|设计稿|来图|来样|按图")
	add(cueBuyer, 3, "nostri piani|progetto brevettato|brevettato|brevettata|brevetto|nostro brevetto|file cad|nostri file|"+
		"disegni dell'architetto|nostro architetto|su nostro disegno|su nostro progetto|nostra progettazione|"+
		"progetto dell'architetto|nostre tavole|su disegno|progetto esecutivo")
	add(cueBuyer, 3, "nostro design|nostro progetto|nostri disegni|disegni tecnici|design proprio|progetto proprio|nostre specifiche|"+
		"nostro disegno|nostro modello|disegno tecnico|nostri progetti|progetto nostro|disegno nostro|design nostro|nostro schizzo")
	// Having drawings, plans or a project, said so that a negation can
	// flip it: "tak ada drawing", "non abbiamo un progetto", "keine eigenen Pläne".
	add(cueBuyer, 3, "ada drawing|ada lukisan|ada design|ada reka bentuk|ada pelan|punya gambar|punya desain|punya drawing|"+
		"abbiamo un progetto|abbiamo il progetto|abbiamo i disegni|abbiamo disegni|abbiamo il disegno|"+
		"eigene pläne|eigenen pläne|haben pläne|haben zeichnungen|haben cad-daten|"+
		"tenemos planos|tenemos dibujos|tenemos diseño|temos desenhos|temos projeto|avons des plans|avons les dessins|"+
		"có bản vẽ|có file cad|有图纸")
	// The buyer takes the factory's design.
	add(cueFactory, 2, "no drawings|no cad|no technical drawings|no blueprints|without drawings|without cad|no design files")
	add(cueFactory, 2, "your catalog|your catalogue|your range|your existing|your standard|your best selling|your bestseller|"+
		"your best seller|your best-selling|your best sellers|your bestsellers|your model|your models|your design|your designs|"+
		"your video|your page|your website|your site|your store|your shop|your listing|one of your|existing design|existing designs|"+
		"existing model|existing models|ready designs|ready design|ready-made|readymade|standard model|standard models|stock model|"+
		"stock models|stock design|catalog model|catalogue model|catalogue|catalog|private label|private-label|privatelabel|"+
		"white label|white-label|white labelling|white-labelling|white labeling|white-labeling|rebrand|rebranded|rebranding|"+
		"you posted|you showed|you sent|ready made|off the shelf|off-the-shelf|your * mirror|from your range|"+
		"you already make|you already have|you already produce|your * store|your * shop|"+
		"your * page|your * website|your * listing|your * catalog|your * catalogue|your photo|your photos|your picture|your pictures|"+
		"your brochure|your instagram|your tiktok|your facebook|your alibaba|your amazon|your post|your videos|"+
		"the ones in your|the one in your|the one on your|the ones on your|like yours|your collection|your line|"+
		"bestseller|best seller|best-seller|best selling|best-selling|bestsellers|"+
		"supplier's standard|suppliers standard|supplier standard|supplier's design|factory design|"+
		"factory's design|factory model|factory standard|standard design|design for us|design it for us|design one for us|your designers|your design team|design service|"+
		"you design|you can design|your r&d|"+
		"your sample|your samples|from your stock|ready stock|in stock|sample you sent|samples you sent")
	add(cueFactory, 2, "uno de sus|una de sus|um dos seus|uma das suas|un de vos|une de vos|l'un de vos|einen ihrer|eines ihrer|"+
		"eine ihrer|uno dei vostri|una delle vostre|salah satu model anda|salah satu produk anda|satu model anda|một mẫu của|"+
		"một mẫu gương của|其中一款|你们的一款")
	add(cueFactory, 2, "su catálogo|su catalogo|su colección|de su catálogo|su modelo|sus modelos|tal cual|modelo de ustedes|modelos de ustedes|"+
		"su tienda|sus diseños|diseño de ustedes|modelos existentes|modelo existente|catálogo|catalogo|marca blanca")
	add(cueFactory, 2, "modelo de vocês|o modelo de vocês|sua coleção|catálogo de vocês|seu catálogo|modelos de vocês|modelo existente|"+
		"modelo pronto|modelos prontos|do catálogo|vosso modelo")
	add(cueFactory, 2, "votre modèle|vos modèles|votre collection|votre gamme|votre catalogue|de votre catalogue|marque blanche|modèle existant|modèles existants|"+
		"catalogue|modèle standard")
	add(cueFactory, 2, "ihr modell|ihre modelle|ihres bestsellers|ihren bestseller|ihr bestseller|ihrer kollektion|ihrem katalog|ihren katalog|ihres katalogs|eigenmarke|katalog|bestehendes modell|"+
		"standardmodell|standardmodelle|ihrem sortiment|ihr sortiment|handelsmarke")
	add(cueFactory, 2, "model dari pabrik|dari katalog|di katalog|katalog|model yang ada|model yang sudah ada|desain dari pabrik|"+
		"desain pabrik|model pabrik|design kilang|reka bentuk kilang|design pabrik|reka bentuk anda|model anda|produk anda|model sedia ada|dalam katalog")
	add(cueFactory, 2, "có sẵn|mẫu có sẵn|mẫu sẵn|mẫu trên web|trên web bên|trang web bên|mẫu bên anh|mẫu bên chị|mẫu của anh|mẫu của chị|mẫu của bên|catalog|catalogue|mẫu của shop|mẫu của xưởng|mẫu bên xưởng")
	add(cueFactory, 2, "ที่โรงงานมีอยู่แล้ว|มีอยู่แล้ว|แคตตาล็อก|แคตตาล็อค|รุ่นที่มี|รุ่นของโรงงาน|แบบของโรงงาน")
	add(cueFactory, 2, "现有的款式|现有款|现有的|产品目录|目录|你们的款|你们现有|贴牌|公模|现货款|你们的产品|你们的设计")
	add(cueFactory, 2, "vostro catalogo|vostro modello|vostra collezione|vostri modelli|modello esistente|modelli esistenti|catalogo|dal vostro catalogo|"+
		"marchio privato")
	// A logo or brand on a product: the loose "OEM" of ODM.
	add(cueLogo, 1.5, "with our logo|our logo|my logo|our brand on|our brand tag|print our brand|put our brand|our branding|"+
		"add our logo|our brand name|with our brand|under our brand|our label|my brand on|my own brand|our own brand|own brand|"+
		"minha marca|com a minha marca|meu logo|mi marca|mi logo|ma marque|mon logo|mein logo|meine marke|il mio logo|"+
		"con nuestro logo|nuestro logo|nuestra marca|marca propia|com a nossa marca|nossa marca|nosso logo|com nosso logo|"+
		"avec notre logo|notre logo|notre marque|mit unserem logo|unserem logo|unser logo|unsere marke|unserer marke|"+
		"logo kami|pakai logo|letak logo|logo kedai|logo toko|merek kami|jenama kami|in logo|logo shop|logo của|logo công ty|"+
		"ใส่โลโก้|โลโก้ร้าน|โลโก้ของเรา|贴我们的|我们的logo|我们的商标|我们的品牌|印logo|nostro logo|nostro marchio|con il nostro logo")
	// Supply chain.
	add(cueSCFull, 3, "turnkey|turn-key|turn key|contract manufacturer|contract manufacturing|contract manufacture|"+
		"full-service manufacturing|full service manufacturing|full-service|one-stop|one stop|end to end|end-to-end|"+
		"do everything|handle everything|take care of everything|whole supply chain|entire supply chain|full supply chain|"+
		"clé en main|cle en main|fabrication sous contrat|sous-traitance complète|llave en mano|fabricación por contrato|"+
		"fabricante por contrato|fabricación bajo contrato|fabricante bajo contrato|chave na mão|fabricação por contrato|"+
		"fabricação sob contrato|fabricante contratado|auftragsfertiger|auftragsfertigung|lohnfertigung|lohnfertiger|"+
		"komplettlösung|schlüsselfertig|schlüsselfertige|komplettfertigung|alles aus einer hand|maklon|manufaktur kontrak|pembuatan kontrak|pengilang kontrak|pengeluar kontrak|"+
		"gia công trọn gói|trọn gói|一站式|全包|包工包料|交钥匙|ครบวงจร|chiavi in mano|conto terzi|produzione conto terzi|terzista|"+
		"uruskan semua|urus semua|uruskan segalanya|urus semuanya|mengurus semuanya|mengurus semua|menangani semuanya|"+
		"se encargue de todo|encargarse de todo|cuide de tudo|cuidar de tudo|s'occupe de tout|s'occuper de tout|"+
		"kümmert sich um alles|sich um alles kümmert|lo hết mọi|lo toàn bộ|全部负责|全权负责|ดูแลทั้งหมด|ดูแลให้ทั้งหมด|"+
		"si occupi di tutto|occuparsi di tutto")
	add(cueSCSource, 1, "source all materials|source all the materials|source the materials|source materials|materials sourcing|"+
		"material sourcing|sourcing of materials|buy the materials|buy all materials|purchase the materials|purchase materials|"+
		"procure the materials|procure materials|raw material sourcing|sourcing, production|you source all|you source everything|you to source|you would source|you handle sourcing|"+
		"glass and led sourcing|handle sourcing|including sourcing|incl. sourcing|manage sourcing|do the sourcing|"+
		"take care of sourcing|material procurement|from sourcing|from raw materials|achat des matières|achat des matières premières|compran los materiales|"+
		"compra de materiales|compra de materias primas|compra de materiais|compram os materiais|materialeinkauf|materialbeschaffung|"+
		"pengadaan bahan|pengadaan bahan baku|membeli bahan|beli bahan|pembelian bahan|perolehan bahan|mua nguyên vật liệu|"+
		"mua vật liệu|原材料采购|采购原材料|材料采购|จัดหาวัตถุดิบ|acquisto dei materiali|acquisto materiali")
	add(cueSCPack, 1, "pack|packing|packs|box|embale|embalen|empaque|empaquete|empaquen|embalem|emballe|emballent|emballez|verpackt|imballi|imballino|kemas|bungkus|membungkus|mengemas|pengemasan|empaquetar|emballer|conditionnement|"+
		"verpacken|imballare|confezionare|打包|บรรจุ|embalagens")
	add(cueSCShip, 1, "ship|ship to|ships|envíe|envie|envíen|envien|despache|despachen|despachar|entregue|entreguen|enviem|entreguem|expédie|expédient|expédiez|livrent|versendet|versenden|ausliefern|spedite|spedisca|spediscano|consegni|kirimkan|antar|hantar|hantar ke|menghantar|kirim ke|mengirim|enviar|expédier|expédition|livrer|liefern|"+
		"lieferung|zustellung|giao hàng|giao đến|运输|发货|送到|运到|จัดส่ง|ส่งถึง|spedire|consegnare")
	add(cueSCSource, 1, "采购玻璃|采购配件|购买材料|买材料|采购材料|ซื้อวัตถุดิบ|จัดหาวัสดุ|ซื้อวัสดุ|จัดหากระจก")
	add(cueSCPack, 1, "packaging|pack it|pack into|pack them|emballage|embalan|embalaje|embalagem|embalar|verpackung|kemasan|"+
		"pembungkusan|đóng gói|包装|บรรจุภัณฑ์|แพ็ค|imballaggio")
	add(cueSCShip, 1, "logistics|freight|shipping|ship it|ship them|ship ddp|logistique|logística|logistica|envían|envio|envío|"+
		"versand|logistik|pengiriman|penghantaran|vận chuyển|物流|ขนส่ง|spedizione|handle shipping|delivery to our|deliver")
	ps.gapStop = set("for|of|in|on|to|with|and|or|the|moq|price|prices|pricing|quote|quotation|lead|time|production|factory|" +
		"company|team|delivery|shipping|your|you|our|we|is|are|do|does|can|what|how|a|an|at|about|from|by|that|this|which|it|but|" +
		"moqs|cost|costs|samples|sample|certificate|certificates|warranty|catalog|catalogue")
	ps.requests = set("send|share|have|got|provide|email|mail|forward|enviar|envíen|envie|envoyer|envoyez|senden|schicken|kirim|kirimkan|" +
		"hantar|gửi|ส่ง|发|发送|inviare|inviate|mandar|manden|mande")
	ps.noGap = e.lx.negations
	ps.buyVerbs = set("procure|procures|procuring|procurement|source|sources|sourcing|buy|buys|buying|purchase|purchases|purchasing|comprar|compra|compren|comprem|compre|adquirir|adquiera|" +
		"abastecer|acheter|achète|achètent|achat|approvisionner|kauft|beschafft|acquisti|acquistino|compri|comprino|reperisca|belikan|thu|approvisionnement|sourcer|einkaufen|einkauf|beschaffen|beschaffung|kaufen|" +
		"beli|membeli|pembelian|pengadaan|dapatkan|mendapatkan|mua|acquistare|acquisto|comprare|approvvigionare|reperire")
	for v := range ps.buyVerbs {
		ps.byFirst[v] = append(ps.byFirst[v], phrase{toks: []string{v}, kind: cueSCBuy, weight: 1})
	}
	ps.material = set("material|materials|glass|led|leds|components|component|parts|raw|frames|frame|aluminium|aluminum|hardware|" +
		"drivers|fittings|accessories|materiales|materias|vidrio|cristal|componentes|piezas|materiais|matérias|vidro|peças|" +
		"matériaux|matières|verre|composants|pièces|materialien|glas|komponenten|teile|rohstoffe|bahan|kaca|komponen|" +
		"vật|liệu|nguyên|kính|linh|materiali|materie|vetro|componenti")
	ps.stops = set("but|pero|mas|mais|aber|tapi|namun|nhưng|但|แต่|ma|however|although|instead|sondern|sino|mà|though|yet")
	return ps
}

// cueHit is a phrase found in a text.
type cueHit struct {
	kind    cueKind
	weight  float64
	negated bool
	sent    int // the sentence it is in; -1 when unknown (Thai)
}

// findCues returns the cue phrases of the tokens, leftmost-longest, with
// negation read from the words before each.
func (e *Engine) findCues(toks []token, norm, lang string, out []cueHit) []cueHit {
	ps := e.phrases
	sent, last := 0, 0
	for i := 0; i < len(toks); {
		for ; last < i; last++ {
			if s := toks[last].s; s == "." || s == "?" || s == "!" {
				sent++
			}
		}
		cands := ps.byFirst[toks[i].s]
		bestEnd, best := -1, -1
		for ci := range cands {
			if end := ps.match(toks, i, cands[ci].toks); end > bestEnd {
				bestEnd, best = end, ci
			}
		}
		if best < 0 {
			i++
			continue
		}
		p := &cands[best]
		if p.kind == cueSCBuy {
			// a buying verb: sourcing when a material follows it
			if e.materialAhead(toks, i+1) && !selfBefore(toks, i, i-2) {
				out = append(out, cueHit{kind: cueSCBuy, weight: 1, negated: e.negatedBefore(toks, i, lang), sent: sent})
			}
			i = bestEnd
			continue
		}
		w := p.weight
		if p.kind == cueFactory && !ps.noGap[p.toks[0]] && ps.requestedBefore(toks, i) {
			w = 0 // "send me your catalogue": asking for it chooses nothing yet
		}
		if p.kind == cueBuyer && !ownWord(p.toks[0]) && e.factoryThingNear(toks, i, bestEnd) {
			w = 0 // "CAD files of your best seller", "is your design patented?": the factory's
		}
		neg := e.negatedBefore(toks, i, lang)
		if (p.kind == cueSCPack || p.kind == cueSCShip || p.kind == cueSCSource) && i > 0 &&
			(selfBefore(toks, i, i-1) || i >= 3 && e.lx.itemJoin[toks[i-1].s] && selfBefore(toks, i-2, i-3)) {
			neg = true // "we pack and ship ourselves", "we box and ship": the buyer's own stage
		}
		out = append(out, cueHit{kind: p.kind, weight: w, negated: neg, sent: sent})
		i = bestEnd
	}
	if len(ps.thai) > 0 && hasThai(norm) {
		for _, p := range ps.thai {
			s := p.toks[0]
			from := 0
			for c := 0; c < 8; c++ {
				k := strings.Index(norm[from:], s)
				if k < 0 {
					break
				}
				at := from + k
				neg := strings.HasSuffix(norm[:at], "ไม่") || strings.HasSuffix(norm[:at], "ไม่มี") ||
					strings.Contains(norm[max(0, at-24):at], "ไม่")
				out = append(out, cueHit{kind: p.kind, weight: p.weight, negated: neg, sent: -1})
				from = at + len(s)
			}
		}
	}
	return out
}

func hasThai(s string) bool {
	for _, r := range s {
		if isThai(r) {
			return true
		}
	}
	return false
}

// ownWord lists the buyer's possessives that open a cue: "our drawings"
// stays the buyer's even after "can your team follow …".
func ownWord(w string) bool {
	switch w {
	case "our", "my", "own", "we", "we've", "nuestro", "nuestros", "nuestra", "nuestras", "nosso", "nossos", "nossa", "nossas",
		"notre", "nos", "unser", "unsere", "unseren", "unserem", "unserer", "eigene", "eigenen", "eigener", "nostro", "nostri", "nostra", "nostre":
		return true
	}
	return false
}

// factoryThingNear reports "your" (votre, su, Ihr, anda, 你们 …) in the
// clause right around a buyer cue: the drawing or patent is the factory's.
func (e *Engine) factoryThingNear(toks []token, i, end int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if toks[k].isBreak() || e.phrases.stops[toks[k].s] {
			break
		}
		if e.lx.factoryQ[toks[k].s] {
			return true
		}
	}
	// after it only as its owner: "CAD files of your best seller", not
	// "our design in your factory"
	if end+1 < len(toks) && e.lx.factoryQ[toks[end+1].s] {
		switch toks[end].s {
		case "of", "from", "de", "du", "des", "do", "da", "di", "del", "von", "dari", "của":
			return true
		}
	}
	return false
}

// materialAhead reports a material within three words of i in the clause:
// "procure the glass", "comprar los materiales", "beli bahan".
// Not "where do you buy your glass" (the factory's own buying) nor "buy
// glass mirrors" (a product).
func (e *Engine) materialAhead(toks []token, i int) bool {
	for k := i; k < len(toks) && k < i+3; k++ {
		t := &toks[k]
		if t.isBreak() || t.nl || e.lx.factoryQ[t.s] {
			return false
		}
		if e.phrases.material[t.s] {
			return !(k+1 < len(toks) && (e.lx.products[toks[k+1].s] || e.lx.units[toks[k+1].s] > 0))
		}
	}
	return false
}

// selfBefore reports the buyer as the subject right before i: "we buy",
// "nós compramos", "wir kaufen", "kami beli" — their own purchasing.
func selfBefore(toks []token, i, from int) bool {
	for k := i - 1; k >= 0 && k >= from; k-- {
		switch toks[k].s {
		case "we", "i", "we'll", "nosotros", "nós", "nous", "je", "wir", "ich", "kami", "saya", "chúng", "tôi", "我们", "เรา", "noi", "io":
			return true
		}
	}
	return false
}

// requestedBefore reports a request for the thing at i: "send your
// catalogue", "do you have a catalog", "share your price list and models".
func (ps *phraseSet) requestedBefore(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		t := &toks[k]
		if t.isBreak() {
			return false
		}
		if ps.requests[t.s] {
			return true
		}
	}
	return false
}

// match returns the index after the phrase p matched at toks[i], or -1.
func (ps *phraseSet) match(toks []token, i int, p []string) int {
	k := i
	for pi := 0; pi < len(p); pi++ {
		if p[pi] == "*" {
			// up to four plain words (or hyphens), then the rest must match
			for gap := 0; gap <= 5; gap++ {
				if end := ps.match(toks, k+gap, p[pi+1:]); end >= 0 && (gap > 0 || true) {
					return end
				}
				g := k + gap
				if g >= len(toks) {
					return -1
				}
				t := &toks[g]
				// a size is a plain description too: "your 50x70 mirror"
				dim := t.trap && t.kind == kNum || (t.s == "x" || t.s == "*" || t.s == "×") && g > 0 && toks[g-1].trap
				if !(dim || t.kind == kWord || t.kind == kHan || (t.s == "-" && !t.sp)) || ps.gapStop[t.s] || ps.noGap[t.s] {
					return -1
				}
			}
			return -1
		}
		if k >= len(toks) || toks[k].s != p[pi] {
			return -1
		}
		// a phrase does not jump over a line break inside it
		if pi > 0 && toks[k].nl {
			return -1
		}
		k++
	}
	return k
}

// negatedBefore reports a negation within five words before i in the clause.
func (e *Engine) negatedBefore(toks []token, i int, lang string) bool {
	for k := i - 1; k >= 0 && k >= i-5; k-- {
		t := &toks[k]
		if t.isBreak() && t.s != ":" || e.phrases.stops[t.s] {
			return false
		}
		if e.lx.negations[t.s] {
			if lang == "pt" && t.s == "no" {
				continue // Portuguese "no catálogo": in the catalogue
			}
			return true
		}
		if t.kind == kWord && strings.HasSuffix(t.s, "n't") {
			return true
		}
		if t.s == "没" || t.s == "不" || t.s == "无" || t.s == "非" {
			return true
		}
		if t.nl {
			return false
		}
	}
	return false
}

// readOwnership weighs the cue hits into an owner and supply-chain flag.
func (e *Engine) readOwnership(hits []cueHit, codes int) (Ownership, bool) {
	var score float64
	var full, src, buy, pack, ship bool
	for _, h := range hits {
		switch h.kind {
		case cueBuyer:
			if h.negated {
				score -= h.weight * 0.8
			} else {
				score += h.weight
			}
		case cueFactory:
			if h.negated {
				score += h.weight * 0.8
			} else {
				score -= h.weight
			}
		case cueLogo:
			if !h.negated {
				score -= h.weight
			}
		case cueSCFull:
			if !h.negated {
				full = true
			}
		case cueSCSource:
			src = src || !h.negated
		case cueSCBuy:
			// counted below, by sentence
		case cueSCPack:
			pack = pack || !h.negated
		case cueSCShip:
			ship = ship || !h.negated
		}
	}
	// Buying some material counts with packing or shipping in its own
	// sentence: "procure the glass and LEDs, manufacture, pack and ship".
	// The hits come in sentence order (Thai ones last, sentence unknown).
	grp, gBuy, gStage, anyBuy, thaiStage := -2, false, false, false, false
	for _, h := range hits {
		if h.negated {
			continue
		}
		stage := h.kind == cueSCPack || h.kind == cueSCShip
		if h.sent < 0 {
			thaiStage = thaiStage || stage
			continue
		}
		if h.sent != grp {
			grp, gBuy, gStage = h.sent, false, false
		}
		gBuy = gBuy || h.kind == cueSCBuy
		gStage = gStage || stage
		anyBuy = anyBuy || h.kind == cueSCBuy
		buy = buy || gBuy && gStage
	}
	buy = buy || anyBuy && thaiStage
	if codes > 0 {
		score -= 2
	}
	own := OwnerUnknown
	switch {
	case score >= 1:
		own = OwnerBuyer
	case score <= -1:
		own = OwnerFactory
	}
	// The factory asked to source the materials and pack or ship: the
	// supply chain; buying some material ("procure the glass and LEDs")
	// is sourcing.
	return own, full || ((src || buy) && (pack || ship))
}
