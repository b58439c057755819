// Command gentrad writes the [normalize.traditional] table of
// triage/lexicon/zh.txt: for every Han character the engine's tables use
// (triage/*.go and triage/lexicon/*.txt), its traditional forms and their
// simplified one, as OpenCC converts them. It needs the opencc command
// (Debian: apt-get install opencc). Run from the repository root:
//
//	go run ./triage/lexicon/gentrad > /tmp/trad.txt
//
// then replace the section's entries with the output.
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
)

func main() {
	chars, err := hanChars()
	if err != nil {
		log.Fatal(err)
	}
	pairs := map[string]string{}
	simp := map[string]bool{}
	t2s, err := convert("t2s.json", chars)
	if err != nil {
		log.Fatal(err)
	}
	for i, c := range chars {
		s := t2s[i]
		if s != c && len([]rune(s)) == 1 {
			pairs[c] = s
		}
		if len([]rune(s)) == 1 {
			simp[s] = true
		} else {
			simp[c] = true
		}
	}
	simpList := keys(simp)
	for _, cfg := range []string{"s2t.json", "s2tw.json", "s2hk.json"} {
		trad, err := convert(cfg, simpList)
		if err != nil {
			log.Fatal(err)
		}
		back, err := convert("t2s.json", trad)
		if err != nil {
			log.Fatal(err)
		}
		for i, c := range simpList {
			if t := trad[i]; t != c && len([]rune(t)) == 1 && back[i] == c {
				pairs[t] = c
			}
		}
	}
	for _, k := range keptChars() {
		delete(pairs, k)
	}
	w := bufio.NewWriter(os.Stdout)
	for _, t := range keys(pairs) {
		fmt.Fprintf(w, "%s = %s\n", t, pairs[t])
	}
	w.Flush()
}

// hanChars returns the distinct Han characters of the engine's sources.
func hanChars() ([]string, error) {
	files, err := filepath.Glob("triage/*.go")
	if err != nil {
		return nil, err
	}
	txt, err := filepath.Glob("triage/lexicon/*.txt")
	if err != nil {
		return nil, err
	}
	set := map[string]bool{}
	for _, f := range append(files, txt...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		for _, r := range string(b) {
			if unicode.Is(unicode.Han, r) {
				set[string(r)] = true
			}
		}
	}
	return keys(set), nil
}

// keptChars returns the entries of [normalize.traditional_kept] in zh.txt.
func keptChars() []string {
	b, err := os.ReadFile("triage/lexicon/zh.txt")
	if err != nil {
		log.Fatal(err)
	}
	var out []string
	in := false
	for _, l := range strings.Split(string(b), "\n") {
		l = strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(l, "["):
			in = l == "[normalize.traditional_kept]"
		case in && l != "" && !strings.HasPrefix(l, "#"):
			out = append(out, l)
		}
	}
	return out
}

// convert runs opencc with cfg over one string a line.
func convert(cfg string, in []string) ([]string, error) {
	cmd := exec.Command("opencc", "-c", cfg)
	cmd.Stdin = strings.NewReader(strings.Join(in, "\n") + "\n")
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("opencc %s: %w", cfg, err)
	}
	lines := strings.Split(string(bytes.TrimRight(out, "\n")), "\n")
	if len(lines) != len(in) {
		return nil, fmt.Errorf("opencc %s: %d lines for %d", cfg, len(lines), len(in))
	}
	return lines, nil
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
