package triage_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/triagebot/triagebot/corpus"
	"github.com/triagebot/triagebot/triage"
)

var sent = time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)

// checkResult asserts the invariants every result keeps, whatever the input.
func checkResult(t testing.TB, in string, r triage.Result) {
	t.Helper()
	if !r.Model.Valid() {
		t.Fatalf("Analyze(%.40q).Model = %q", in, r.Model)
	}
	if r.Confidence < 0 || r.Confidence > 1 {
		t.Fatalf("Analyze(%.40q).Confidence = %v", in, r.Confidence)
	}
	for _, s := range []string{r.Language, r.Explanation, string(r.Ownership)} {
		if !utf8.ValidString(s) {
			t.Fatalf("Analyze(%.40q): invalid UTF-8 in %q", in, s)
		}
	}
	if len(r.Explanation) > 8<<10 {
		t.Fatalf("Analyze(%.40q): explanation of %d bytes", in, len(r.Explanation))
	}
	if len(r.Questions) > 2 {
		t.Fatalf("Analyze(%.40q): %d questions", in, len(r.Questions))
	}
	for _, q := range r.Questions {
		if !utf8.ValidString(q.Text) {
			t.Fatalf("Analyze(%.40q): invalid UTF-8 in question %q", in, q.Text)
		}
	}
	// A quantity is at least one piece; a lead time may start at day 0
	// (TRIAGE.md: a quarter that has begun runs from sent_at).
	for _, c := range []struct {
		rg    *triage.Range
		least int64
	}{{r.Quantity, 1}, {r.LeadTimeDays, 0}} {
		if rg := c.rg; rg != nil && (rg.Min > rg.Max || rg.Min < c.least) {
			t.Fatalf("Analyze(%.40q): range %+v", in, *rg)
		}
	}
	if b := r.Budget; b != nil && (b.Min > b.Max || b.Min <= 0 || len(b.Currency) != 3) {
		t.Fatalf("Analyze(%.40q): budget %+v", in, *b)
	}
	if r.Warnings == nil || r.Questions == nil {
		t.Fatalf("Analyze(%.40q): nil warnings or questions", in)
	}
}

func TestAnalyzeOddInputs(t *testing.T) {
	e := newEngine(t)
	rng := rand.New(rand.NewPCG(1, 2))
	digits := make([]byte, 100000)
	for i := range digits {
		digits[i] = byte('0' + rng.IntN(10))
	}
	mixed := "Our design 我们有自己的设计 3,000 pcs ต้องการ 2,500 ชิ้น budget €20k gương 800 cái Spiegel 5.000 Stück"
	tests := []struct {
		name string
		in   string
		want triage.Model
	}{
		{"empty", "", triage.Unknown},
		{"spaces", " \n\t ", triage.Unknown},
		{"emoji only", "🙏🔥👋📎🙏🙏", triage.Unknown},
		{"100,000 digits", string(digits), triage.Unknown},
		{"invalid UTF-8", "our design \xff\xfe 3000 pcs \xc3", triage.OEM},
		{"mixed scripts", mixed, triage.OEM},
		{"1 MiB", strings.Repeat("Our design, 3,000 pcs of mirror 60x80, budget $40k. ", 1<<20/52), triage.OEM},
		{"1 MiB of one word", strings.Repeat("a", 1<<20), triage.Unknown},
		{"NUL bytes", "\x00\x00 600 pcs \x00", triage.ODM},
		{"only separators", strings.Repeat(",.-/x*", 2000), triage.Unknown},
		{"many numbers", strings.Repeat("1 2 3 4 5 ", 20000), triage.Unknown},
		{"many quantities", strings.Repeat("5 pcs and $5 in 5 days, ", 20000), triage.ODM},
		{"many phrases", strings.Repeat("our own design, your catalogue, not turnkey. ", 20000), triage.OEM},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.Analyze(tt.in, sent)
			checkResult(t, tt.in, r)
			if r.Model != tt.want {
				t.Errorf("Analyze(%.40q).Model = %s, want %s", tt.in, r.Model, tt.want)
			}
		})
	}
}

func FuzzAnalyze(f *testing.F) {
	for _, l := range loadCorpus(f, "testdata/dev.jsonl") {
		f.Add(l.Text)
	}
	for _, s := range []string{"", "🙏", "\xff", "3,000-", "$-5k", "1e308", "99999999999999999999 pcs", "half a half a million",
		"二万万万万亿亿件", "สามพันพันพันล้านล้านชิ้น", "by 31/2", "by 0/0/0", "+", "60x", "x60", "1.2.3.4.5 pcs", "$$$$",
		"dua ribu ribu ribu unit", "12 12 12 12 12 12 12 12 12 12 12 12 12"} {
		f.Add(s)
	}
	e := newEngine(f)
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<16 {
			s = s[:1<<16]
		}
		checkResult(t, s, e.Analyze(s, sent))
		// The same text as a short answer to each question.
		for _, cue := range []triage.Cue{triage.CueQuantity, triage.CueBudget, triage.CueLeadTime, triage.CueOwnership} {
			rd := e.ReadAnswer(s, sent, cue)
			checkResult(t, s, triage.Result{Cues: rd.Cues, Verdict: e.Decide(rd.Cues, rd.Language)})
		}
	})
}

// devCorpora are the labelled sets the speed figures are measured over.
var devCorpora = []string{"testdata/dev.jsonl", "testdata/dev2.jsonl", "testdata/dev3.jsonl"}

// BenchmarkAnalyze measures Analyze over the dev corpora (one-liners and
// multi-line e-mails); ns/op is per message.
func BenchmarkAnalyze(b *testing.B) {
	e := newEngine(b)
	var lines []corpus.Line
	for _, p := range devCorpora {
		lines = append(lines, loadCorpus(b, p)...)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.Analyze(lines[i%len(lines)].Text, sent)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}

// BenchmarkAdversarial measures Analyze on 256 KiB and 1 MiB of text made
// to hurt a reader: digits, "1," repeated, emoji, "not not not", lines of
// quotes. The time per byte must not grow with the size: the reading is
// linear, and bounded by maxReadBytes.
func BenchmarkAdversarial(b *testing.B) {
	e := newEngine(b)
	patterns := []struct{ name, unit string }{
		{"digits", "1234567890"},
		{"one-comma", "1,"},
		{"emoji", "😀🙏🏻👍"},
		{"not", "not "},
		{"quotes", "> 1,000 pcs $5\nOn Mon wrote:\n"},
	}
	for _, p := range patterns {
		for _, size := range []int{256 << 10, 1 << 20} {
			msg := strings.Repeat(p.unit, size/len(p.unit))
			b.Run(fmt.Sprintf("%s/%dKiB", p.name, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(msg)))
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					e.Analyze(msg, sent)
				}
			})
		}
	}
}

// BenchmarkRead measures the readers alone (no texts), per message.
func BenchmarkRead(b *testing.B) {
	e := newEngine(b)
	lines := loadCorpus(b, "testdata/dev.jsonl")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.Read(lines[i%len(lines)].Text, sent)
	}
}

// BenchmarkAnalyze1MiB measures one 1 MiB message.
func BenchmarkAnalyze1MiB(b *testing.B) {
	e := newEngine(b)
	msg := strings.Repeat("Hello, our design, 3,000 pcs of 60x80 mirrors, budget $40k, delivery in 4 months. ", 1<<20/84)
	b.SetBytes(int64(len(msg)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.Analyze(msg, sent)
	}
}
