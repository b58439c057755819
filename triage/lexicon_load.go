package triage

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
)

// The word tables live in data files, one per language (lexicon/en.txt …)
// plus lexicon/common.txt for language-neutral marks, so that adding an
// Italian word means editing lexicon/it.txt only. A file has sections
// "[table.name]" and one entry a line: a word or phrase, optionally
// " = value"; "#" at the start of a line or after a space starts a comment.
//
//go:embed lexicon/*.txt
var lexiconFiles embed.FS

// lexEntry is one line of a table: the word (normalised as the readers
// see text), its value if the table has values, and where it was written.
type lexEntry struct {
	word, value string
	lang        string // the file's name without .txt: "en", "common"
	file        string
	line        int
}

// lexData holds every section of the lexicon files, merged over the
// languages. The table builders take sections by name; a section nobody
// takes is an error (a typo or a table that lost its reader), and so is a
// malformed line or an entry written twice.
type lexData struct {
	sections map[string][]lexEntry
	headers  map[string]string // section → "file:line" of its first header
	used     map[string]bool
	errs     []error
	trad     map[rune]rune // traditional → simplified, from zh.txt
	folded   bool          // entries were folded (foldAll): merged words are no error
}

// loadLexicon parses every *.txt file of fsys's root.
func loadLexicon(fsys fs.FS) (*lexData, error) {
	names, err := fs.Glob(fsys, "*.txt")
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	d := &lexData{sections: map[string][]lexEntry{}, headers: map[string]string{}, used: map[string]bool{}}
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("lexicon: %w", err)
		}
		d.parse(name, string(b))
	}
	d.foldTraditional()
	return d, errors.Join(d.errs...)
}

// newTables builds every word table of the engine from d; d.err then
// reports what the files got wrong, a section no builder took included.
func newTables(d *lexData) (*lexicon, *segLexicon) {
	lx := newLexicon(d)
	lx.fold.addKnown(d, lx)
	return lx, newSegLexicon(d)
}

// embeddedLexicon loads the lexicon files built into the binary.
func embeddedLexicon() (*lexData, error) {
	sub, err := fs.Sub(lexiconFiles, "lexicon")
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	return loadLexicon(sub)
}

// parse adds one file's sections to d, reporting bad lines with file and
// line number.
func (d *lexData) parse(file, text string) {
	lang := strings.TrimSuffix(path.Base(file), ".txt")
	section := ""
	seen := map[string]int{} // section + "\x00" + word → line
	for n, raw := range strings.Split(text, "\n") {
		line := strings.TrimSpace(stripComment(raw))
		if line == "" {
			continue
		}
		at := fmt.Sprintf("%s:%d", file, n+1)
		if strings.HasPrefix(line, "[") {
			if !strings.HasSuffix(line, "]") || !validSection(line[1:len(line)-1]) {
				d.errs = append(d.errs, fmt.Errorf("lexicon %s: bad section header %q", at, line))
				section = ""
				continue
			}
			section = line[1 : len(line)-1]
			if _, ok := d.headers[section]; !ok {
				d.headers[section] = at
			}
			continue
		}
		if section == "" {
			d.errs = append(d.errs, fmt.Errorf("lexicon %s: entry %q before any [section]", at, line))
			continue
		}
		word, value, hasValue := strings.Cut(line, " =")
		word, value = normalize(strings.TrimSpace(word)), strings.TrimSpace(value)
		if word == "" || hasValue && value == "" {
			d.errs = append(d.errs, fmt.Errorf("lexicon %s: malformed entry %q", at, line))
			continue
		}
		key := section + "\x00" + word
		if first, dup := seen[key]; dup {
			d.errs = append(d.errs, fmt.Errorf("lexicon %s: %q already in [%s] at line %d", at, word, section, first))
			continue
		}
		seen[key] = n + 1
		d.sections[section] = append(d.sections[section], lexEntry{word: word, value: value, lang: lang, file: file, line: n + 1})
	}
}

// stripComment cuts a "#" comment: at the start of the line or after a
// blank, so that "order#" stays a word.
func stripComment(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t') {
			return s[:i]
		}
	}
	return s
}

// validSection accepts names like "quantity.units": lower-case letters,
// digits, "_" and ".".
func validSection(name string) bool {
	if name == "" {
		return false
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// entries returns a section's entries and marks it taken.
func (d *lexData) entries(section string) []lexEntry {
	d.used[section] = true
	return d.sections[section]
}

// list returns a section of plain words in file order.
func (d *lexData) list(section string) []string {
	var out []string
	for _, e := range d.entries(section) {
		if e.value != "" {
			d.fail(e, "takes no value")
			continue
		}
		out = append(out, e.word)
	}
	return out
}

// set adds a section of plain words to m.
func (d *lexData) set(section string, m map[string]bool) {
	for _, e := range d.entries(section) {
		if e.value != "" {
			d.errs = append(d.errs, fmt.Errorf("lexicon %s:%d: [%s] takes no values, got %q", e.file, e.line, section, e.value))
			continue
		}
		m[e.word] = true
	}
}

// floats adds a section of "word = number" entries to m. The same word in
// two languages must carry the same value.
func (d *lexData) floats(section string, m map[string]float64) {
	from := map[string]lexEntry{}
	for _, e := range d.entries(section) {
		v, err := strconv.ParseFloat(e.value, 64)
		if err != nil {
			d.errs = append(d.errs, fmt.Errorf("lexicon %s:%d: [%s] %q wants a number, got %q", e.file, e.line, section, e.word, e.value))
			continue
		}
		if old, ok := from[e.word]; ok && m[e.word] != v {
			d.errs = append(d.errs, fmt.Errorf("lexicon %s:%d: [%s] %q = %v, but %s:%d says %v", e.file, e.line, section, e.word, v, old.file, old.line, m[e.word]))
			continue
		}
		from[e.word] = e
		m[e.word] = v
	}
}

// ints is floats for whole numbers.
func (d *lexData) ints(section string, m map[string]int64) {
	f := map[string]float64{}
	d.floats(section, f)
	for w, v := range f {
		if v != float64(int64(v)) {
			d.errs = append(d.errs, fmt.Errorf("lexicon: [%s] %q = %v, want a whole number", section, w, v))
			continue
		}
		m[w] = int64(v)
	}
}

// strs adds a section of "word = text" entries to m; one word, one value.
func (d *lexData) strs(section string, m map[string]string) {
	from := map[string]lexEntry{}
	for _, e := range d.entries(section) {
		if e.value == "" {
			d.errs = append(d.errs, fmt.Errorf("lexicon %s:%d: [%s] %q wants a value", e.file, e.line, section, e.word))
			continue
		}
		if old, ok := from[e.word]; ok && m[e.word] != e.value {
			d.errs = append(d.errs, fmt.Errorf("lexicon %s:%d: [%s] %q = %q, but %s:%d says %q", e.file, e.line, section, e.word, e.value, old.file, old.line, m[e.word]))
			continue
		}
		from[e.word] = e
		m[e.word] = e.value
	}
}

// langsOf maps each word of a section to the languages whose files list
// it, space-separated ("tres" → "es pt").
func (d *lexData) langsOf(section string) map[string]string {
	m := map[string]string{}
	for _, e := range d.entries(section) {
		if m[e.word] != "" {
			m[e.word] += " "
		}
		m[e.word] += e.lang
	}
	return m
}

// number parses an entry's value as a number, reporting a bad one.
func (d *lexData) number(e lexEntry) float64 {
	v, err := strconv.ParseFloat(e.value, 64)
	if err != nil {
		d.fail(e, fmt.Sprintf("wants a number, got %q", e.value))
	}
	return v
}

// fail records a problem with one entry.
func (d *lexData) fail(e lexEntry, msg string) {
	d.errs = append(d.errs, fmt.Errorf("lexicon %s:%d: %q %s", e.file, e.line, e.word, msg))
}

// err returns every problem met so far, and one for each section no table
// builder took.
func (d *lexData) err() error {
	errs := slices.Clone(d.errs)
	var unused []string
	for s := range d.headers {
		if !d.used[s] {
			unused = append(unused, s)
		}
	}
	slices.Sort(unused)
	for _, s := range unused {
		errs = append(errs, fmt.Errorf("lexicon %s: unknown section [%s]", d.headers[s], s))
	}
	return errors.Join(errs...)
}

// foldTraditional reads [normalize.traditional] ("門 = 门") and folds the
// traditional characters of every entry, so that tables and text meet in
// simplified characters whichever the table was written in.
func (d *lexData) foldTraditional() {
	d.trad = map[rune]rune{}
	kept := map[string]bool{}
	d.set("normalize.traditional_kept", kept)
	for _, e := range d.entries("normalize.traditional") {
		if kept[e.word] {
			d.fail(e, "is kept as it is ([normalize.traditional_kept])")
			continue
		}
		from, to := []rune(e.word), []rune(e.value)
		if len(from) != 1 || len(to) != 1 || !isHan(from[0]) || !isHan(to[0]) {
			d.fail(e, "wants one traditional character = one simplified")
			continue
		}
		d.trad[from[0]] = to[0]
	}
	f := &folder{trad: d.trad}
	for name, es := range d.sections {
		if name == "normalize.traditional" {
			continue
		}
		for i := range es {
			es[i].word = f.han(es[i].word)
			es[i].value = f.han(es[i].value)
		}
	}
}

// clone copies d as the loader left it (before any table builder took a
// section), for a second build.
func (d *lexData) clone() *lexData {
	c := &lexData{sections: make(map[string][]lexEntry, len(d.sections)), headers: d.headers, used: maps.Clone(d.used), trad: d.trad}
	for k, es := range d.sections {
		c.sections[k] = slices.Clone(es)
	}
	return c
}
