package triage

import (
	"strings"
	"testing"
)

// TestByteIndex checks the index against the plain searches it replaces:
// strings.Contains for any word, strings.HasPrefix for each word.
func TestByteIndex(t *testing.T) {
	words := []string{"fwd", "-- forwarded", "weitergeleitet", "转发", "tel", "telefon", "đt"}
	lines := []string{
		"", "fwd: price", "---------- forwarded message ---------", "re: tel 123",
		"telefon: +49 30 1234", "转发的邮件", "đt: 0908 123 456", "no marker here", "tele",
		"x-weitergeleitete nachricht",
	}
	x := newByteIndex(words)
	for _, l := range lines {
		contains, prefixes := false, []string{}
		for _, w := range words {
			contains = contains || strings.Contains(l, w)
			if strings.HasPrefix(l, w) {
				prefixes = append(prefixes, w)
			}
		}
		if got := x.containedIn(l); got != contains {
			t.Errorf("containedIn(%q) = %v, want %v", l, got, contains)
		}
		var got []string
		x.prefixes(l, func(w string) bool { got = append(got, w); return false })
		if strings.Join(got, "|") != strings.Join(prefixes, "|") {
			t.Errorf("prefixes(%q) = %q, want %q", l, got, prefixes)
		}
	}
	if !newByteIndex([]string{""}).containedIn("anything") {
		t.Error(`an empty word is contained in every line`)
	}
}
