package triage

import (
	"strings"
	"testing"
	"testing/fstest"
)

// lexFiles builds a lexicon from in-memory files and takes the sections a
// test table builder knows.
func lexFiles(files map[string]string) (*lexData, error) {
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	d, err := loadLexicon(fsys)
	if err != nil {
		return d, err
	}
	d.set("test.words", map[string]bool{})
	d.floats("test.values", map[string]float64{})
	return d, d.err()
}

func TestLexiconErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string // a part of the error; "" wants none
	}{
		{"clean", map[string]string{"en.txt": "# c\n[test.words]\nmirror\norder# # a comment\n[test.values]\ndozen = 12\n"}, ""},
		{"same value in two languages", map[string]string{"en.txt": "[test.values]\nmil = 1000\n", "es.txt": "[test.values]\nmil = 1e3\n"}, ""},
		{"malformed line", map[string]string{"en.txt": "[test.values]\ndozen =\n"}, "en.txt:2: malformed entry"},
		{"value that is no number", map[string]string{"fr.txt": "[test.values]\ndouzaine = twelve\n"}, `fr.txt:2: [test.values] "douzaine" wants a number`},
		{"value in a plain table", map[string]string{"de.txt": "[test.words]\nspiegel = 1\n"}, "de.txt:2: [test.words] takes no values"},
		{"entry before a section", map[string]string{"it.txt": "specchio\n"}, "it.txt:1: entry \"specchio\" before any [section]"},
		{"bad header", map[string]string{"vi.txt": "[Test Words]\ngương\n"}, "vi.txt:1: bad section header"},
		{"unknown section", map[string]string{"en.txt": "[test.words]\nmirror\n\n[test.wrods]\nlamp\n"}, "en.txt:4: unknown section [test.wrods]"},
		{"duplicate entry", map[string]string{"id.txt": "[test.words]\ncermin\nkaca\n# again\nCermin\n"}, `id.txt:5: "cermin" already in [test.words] at line 2`},
		{"values that disagree", map[string]string{"en.txt": "[test.values]\nk = 1000\n", "vi.txt": "[test.values]\nk = 1\n"}, "vi.txt:2: [test.values] \"k\" = 1, but en.txt:2 says 1000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := lexFiles(tt.files)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("error %v, want one with %q", err, tt.want)
			}
		})
	}
}

// TestEmbeddedLexicon checks that the shipped files load with no error and
// every section is taken by a table builder.
func TestEmbeddedLexicon(t *testing.T) {
	d, err := embeddedLexicon()
	if err != nil {
		t.Fatal(err)
	}
	lx, _ := newTables(d)
	if err := d.err(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		word string
		want numWord
	}{
		{"seribu", numWord{1000, nwScaleOne}}, {"douze", numWord{12, nwUnit}}, {"trăm", numWord{100, nwHundred}},
		{"millones", numWord{1e6, nwScale}}, {"und", numWord{0, nwJoin}}, {"một", numWord{1, nwArticle}},
	} {
		if got := lx.numWords[c.word]; got != c.want {
			t.Errorf("numWords[%q] = %v, want %v", c.word, got, c.want)
		}
	}
	if lx.numLangs("tres") != "es pt" || lx.scales["jt"] != 1e6 || !lx.thaiWords["ล้าน"] {
		t.Errorf("numLangs(tres) %q, scales[jt] %v, thaiWords[ล้าน] %v", lx.numLangs("tres"), lx.scales["jt"], lx.thaiWords["ล้าน"])
	}
}
