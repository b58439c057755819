package triage

import "strings"

// byteIndex holds a list of short strings grouped by their first byte.
// Segmentation asks of every line whether it contains a forward marker
// or starts with a footer label, out of dozens of each: with the index a
// line looks only at the strings that can begin at each of its bytes,
// instead of running one substring search per string.
type byteIndex struct {
	byFirst [256][]string
	empty   bool // the list has "", which every line starts with and contains
}

func newByteIndex(words []string) *byteIndex {
	x := &byteIndex{}
	for _, w := range words {
		if w == "" {
			x.empty = true
			continue
		}
		x.byFirst[w[0]] = append(x.byFirst[w[0]], w)
	}
	return x
}

// prefixes calls f with each string l starts with, until f returns true,
// and reports whether it did.
func (x *byteIndex) prefixes(l string, f func(w string) bool) bool {
	if x.empty && f("") {
		return true
	}
	if l == "" {
		return false
	}
	for _, w := range x.byFirst[l[0]] {
		if strings.HasPrefix(l, w) && f(w) {
			return true
		}
	}
	return false
}

// containedIn reports whether l contains one of the strings.
func (x *byteIndex) containedIn(l string) bool {
	if x.empty {
		return true
	}
	for i := 0; i < len(l); i++ {
		for _, w := range x.byFirst[l[i]] {
			if strings.HasPrefix(l[i:], w) {
				return true
			}
		}
	}
	return false
}
