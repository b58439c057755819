package triage

import "strings"

// newSegLexicon builds the segmentation tables from the segment.*
// sections of the lexicon files.
func newSegLexicon(d *lexData) *segLexicon {
	sl := &segLexicon{
		headerLabels: map[string]bool{}, signOffs: map[string]bool{},
	}
	for _, e := range d.entries("segment.reply_headers") {
		start, end, ok := strings.Cut(strings.ReplaceAll(e.word, "...", "…"), "…")
		start, end = strings.TrimSpace(start), strings.TrimSpace(end)
		if !ok || start == "" || end == "" {
			d.fail(e, `wants "start … end"`)
			continue
		}
		sl.replyHeads = append(sl.replyHeads, replyHead{start, end})
	}
	sl.forwards = newByteIndex(d.list("segment.forward_markers"))
	sl.originals = newByteIndex(d.list("segment.original_markers"))
	d.set("segment.header_labels", sl.headerLabels)
	sl.fwdSubjects = d.list("segment.forward_subjects")
	d.set("segment.sign_offs", sl.signOffs)
	sl.footerLabels = newByteIndex(d.list("segment.footer_labels"))
	companies, streets := map[string]bool{}, map[string]bool{}
	d.set("segment.company_words", companies)
	d.set("segment.street_words", streets)
	sl.companies, sl.streets = newWordTable(companies), newWordTable(streets)
	sl.postscripts = d.list("segment.postscripts")
	sl.webMarks = d.list("segment.web_marks")
	sl.corrections = d.list("segment.corrections")
	return sl
}
