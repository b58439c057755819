package main

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/triagebot/triagebot"

// imports lists the imports of the production files of every package
// under the module's root, keyed by the package's folder ("." for main).
func imports(t *testing.T) map[string][]string {
	t.Helper()
	pkgs := map[string][]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && path != ".") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if !slices.Contains(pkgs[dir], p) {
				pkgs[dir] = append(pkgs[dir], p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

// TestArchitecture keeps the import graph of DESIGN.md: dependencies
// point inward (config and triage are leaves, bot knows only triage, the
// stores and adapters know bot), and main wires packages without reaching
// into a platform's SDK.
func TestArchitecture(t *testing.T) {
	allowed := map[string][]string{ // project packages each may import
		"config":            {},
		"triage":            {},
		"metrics":           {},
		"bot":               {"triage"},
		"chart":             {"bot", "triage"},
		"batch":             {"triage"},
		"corpus":            {"batch", "triage"},
		"store/sqlite":      {"bot", "triage", "store/internal/sqlrow"},
		"store/postgres":    {"bot", "triage", "store/internal/sqlrow"},
		"store/storetest":   {"bot", "triage"},
		"adapters/console":  {"bot", "corpus", "triage"},
		"importer":          {"batch"},
		"server":            {"bot"}, // built parts in, no config
		"internal/testkit":  {},
		"adapters/slack":    {"bot", "triage", "metrics"},
		"adapters/telegram": {"bot", "triage", "metrics"},

		// The stores' shared row codec knows what the stores know.
		"store/internal/sqlrow": {"bot", "triage"},
	}
	sdks := []string{"github.com/slack-go/", "github.com/go-telegram/"}
	pkgs := imports(t)
	for _, want := range []string{".", "config", "triage", "bot"} {
		if _, ok := pkgs[want]; !ok {
			t.Fatalf("no package %q found: the test walks the wrong tree", want)
		}
	}
	for dir, imps := range pkgs {
		for _, imp := range imps {
			if dir == "." || dir == "loadtest" {
				for _, sdk := range sdks {
					if strings.HasPrefix(imp, sdk) {
						t.Errorf("%s imports %s: platform SDKs stay in their adapter", dir, imp)
					}
				}
				continue
			}
			rel, ok := strings.CutPrefix(imp, module+"/")
			if !ok {
				continue
			}
			ok, known := false, false
			if list, found := allowed[dir]; found {
				known = true
				ok = slices.Contains(list, rel)
			}
			if !known {
				t.Errorf("package %s is not in the architecture test: add its allowed imports", dir)
				break
			}
			if !ok {
				t.Errorf("%s imports %s, against the direction of DESIGN.md", dir, rel)
			}
		}
	}
}
