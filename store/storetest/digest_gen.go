package storetest

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"time"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/triage"
)

// BenchWeek is the week the digest benchmarks compute: the last of the
// generated history.
func BenchWeek() bot.Period { return SampleWeek() }

// BenchRows is how many inquiries the digest benchmarks store:
// $TRIAGEBOT_BENCH_ROWS, default def.
func BenchRows(def int) int {
	if n, err := strconv.Atoi(os.Getenv("TRIAGEBOT_BENCH_ROWS")); err == nil && n > 0 {
		return n
	}
	return def
}

// GenerateInquiries calls fn with n made-up inquiries spread evenly at
// random over the two years before the end of BenchWeek, the same for the
// same n: the realistic mix of cues a digest benchmark needs (most state a
// quantity, about half a budget, a third a lead time; a tenth claimed, a
// few overridden).
func GenerateInquiries(n int, fn func(i int, in *bot.Inquiry) error) error {
	r := rand.New(rand.NewPCG(47, uint64(n)))
	benchEnd := BenchWeek().To
	span := benchEnd.Sub(benchEnd.AddDate(-2, 0, 0))
	start := benchEnd.Add(-span)
	models := []triage.Model{triage.OEM, triage.ODM, triage.CM, triage.Unknown}
	channels := []string{"telegram", "telegram", "slack", "alibaba", "made-in-china", "email"}
	for i := range n {
		created := start.Add(time.Duration(r.Int64N(int64(span)))).UTC().Truncate(time.Microsecond)
		var c triage.Cues
		if r.IntN(10) < 8 {
			q := int64(100 + r.IntN(20000))
			c.Quantity = &triage.Range{Min: q, Max: q + int64(r.IntN(3))*500}
		}
		if r.IntN(10) < 5 {
			usd := float64(1000 + r.IntN(200000))
			c.Budget = &triage.Money{Min: usd, Max: usd, Currency: "USD", USDMin: usd, USDMax: usd}
		}
		switch r.IntN(3) {
		case 0:
			c.Ownership = triage.OwnerBuyer
		case 1:
			c.Ownership = triage.OwnerFactory
		}
		if r.IntN(3) == 0 {
			d := int64(15 + r.IntN(90))
			c.LeadTimeDays = &triage.Range{Min: d, Max: d}
		}
		in := bot.Inquiry{
			Platform: channels[r.IntN(len(channels))], ChatID: fmt.Sprint("chat-", i), UserID: fmt.Sprint("user-", i%50000),
			UserName: fmt.Sprint("Buyer ", i%50000), Texts: []string{"generated inquiry"}, Cues: c,
			Model: models[r.IntN(len(models))], Confidence: 0.7, Warnings: []string{}, Language: "en",
			Status: bot.StatusOpen, ImportKey: fmt.Sprint("bench-", i),
			FirstMessageAt: created.Add(-time.Duration(r.IntN(7200)) * time.Second), CreatedAt: created, UpdatedAt: created,
		}
		if r.IntN(10) == 0 {
			in.Status, in.Assignee = bot.StatusClaimed, "rep"
			if r.IntN(3) == 0 {
				in.Override, in.OverrideBy = models[r.IntN(3)], "rep"
			}
		}
		if err := fn(i, &in); err != nil {
			return err
		}
	}
	return nil
}
