// Package testkit holds what the packages' tests share: golden files
// behind the one -update flag. Only tests import it.
package testkit

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// update is the one -update flag of every test binary that imports
// testkit; tests that must also run without it find it by flag.Lookup.
var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// Updating reports whether the run was asked to rewrite golden files.
func Updating() bool { return *update }

// Golden compares got with the file at path (usually under testdata/),
// or with -update writes got there. A difference fails t with both sides.
func Golden(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}
