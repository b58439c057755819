package main

import (
	"fmt"
	"io"
	"slices"
	"time"
)

// report is what a run found.
type report struct {
	o          options
	c          *client
	tg         *fakeTelegram
	sl         *fakeSlack
	expect     map[string]int
	cards      int
	fired      time.Duration
	done       time.Duration
	reps       []*replica
	store      storeState
	start      time.Time
	killedAt   time.Time
	deliveries int
}

func sortTimes(ts []time.Time) { slices.SortFunc(ts, func(a, b time.Time) int { return a.Compare(b) }) }

func pct(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	return ds[min(len(ds)-1, int(float64(len(ds))*p))]
}

func (r *report) print(w io.Writer) error {
	storeName := "SQLite"
	if r.o.dsn != "" {
		storeName = "PostgreSQL"
	}
	fmt.Fprintf(w, "store %s, %d replica(s); %d Telegram updates (%d per chat), %d Slack events; %d requests incl. %.0f%% redeliveries; rate %v/s, %d clients\n",
		storeName, len(r.reps), r.o.n, r.o.perChat, r.o.slackN, r.deliveries, r.o.dup*100, rateText(r.o.rate), r.o.conc)
	r.printFaults(w)

	c := r.c
	c.mu.Lock()
	acks := append([]time.Duration(nil), c.acks...)
	attempts, failed := c.attempts, c.failed
	c.mu.Unlock()
	slices.Sort(acks)
	fmt.Fprintf(w, "acknowledged: %d of %d requests in %.1fs (%.0f/s), %d attempts, %d given up; ack p50 %v p99 %v max %v\n",
		len(acks), r.deliveries, r.fired.Seconds(), float64(len(acks))/r.fired.Seconds(), attempts, failed,
		pct(acks, .5).Round(time.Microsecond), pct(acks, .99).Round(time.Microsecond), pct(acks, 1).Round(time.Microsecond))

	lost, dup, lat := r.replies()
	slices.Sort(lat)
	fmt.Fprintf(w, "replies: %d destinations, lost %d, duplicated %d; reply latency p50 %v p99 %v; all answered after %.1fs\n",
		len(r.expect), lost, dup, pct(lat, .5).Round(time.Millisecond), pct(lat, .99).Round(time.Millisecond), r.done.Seconds())
	if r.o.slackN > 0 {
		cl, cd := r.cardCounts()
		fmt.Fprintf(w, "lead cards: %d buyers, lost %d, duplicated %d; %d edits\n", r.cards, cl, cd, r.sl.got.edits.Load())
	}
	tgPeak, tgGap := r.tg.got.maxPerWindow(time.Second)
	fmt.Fprintf(w, "telegram pace: at most %d sends in any second (limit 30), shortest gap in one chat %v\n", tgPeak, gapText(tgGap))
	if r.o.slackN > 0 {
		slPeak, slGap := r.sl.got.maxPerWindow(time.Second)
		fmt.Fprintf(w, "slack pace: at most %d replies in any second, shortest gap in one channel %v\n", slPeak, gapText(slGap))
	}
	if !r.killedAt.IsZero() {
		fmt.Fprintf(w, "after kill -9 at %.1fs: first reply %v later, longest gap in replies %v\n",
			r.killedAt.Sub(r.start).Seconds(), r.firstReplyAfter(r.killedAt).Round(time.Millisecond), r.longestGapAfter(r.killedAt).Round(time.Millisecond))
	}
	st := r.store
	fmt.Fprintf(w, "store: %d events not handled; outbox %v; %d unknown-outcome attempts, %d rows retried\n",
		st.undelivered, st.outbox, st.unknown, st.retried)
	for _, rep := range r.reps {
		fmt.Fprintf(w, "replica %d: peak RSS %.1f MB\n", rep.n, float64(rep.peakRSS)/1024)
	}
	if lost > 0 || failed > 0 {
		return fmt.Errorf("%d replies lost, %d requests given up", lost, failed)
	}
	return nil
}

func (r *report) printFaults(w io.Writer) {
	o := r.o
	if o.killAt > 0 {
		fmt.Fprintf(w, "fault: kill -9 replica 1 at %v, restarted %v later\n", o.killAt, o.restartAfter)
	}
	if o.slack429.dur > 0 {
		fmt.Fprintf(w, "fault: Slack 429 (Retry-After %ds) on chat.* from %v for %v: %d answered so\n", o.retryAfter, o.slack429.start, o.slack429.dur, r.sl.limited.Load())
	}
	if o.slack500.dur > 0 {
		fmt.Fprintf(w, "fault: Slack 500 on chat.* from %v for %v: %d answered so\n", o.slack500.start, o.slack500.dur, r.sl.failed.Load())
	}
	if o.tgHang.dur > 0 {
		fmt.Fprintf(w, "fault: Telegram holds sendMessage 7s from %v for %v: %d held (each taken, and an unknown outcome for the bot)\n", o.tgHang.start, o.tgHang.dur, r.tg.hung.Load())
	}
}

// replies compares what each destination got with what it was sent.
func (r *report) replies() (lost, dup int, lat []time.Duration) {
	r.tg.got.mu.Lock()
	defer r.tg.got.mu.Unlock()
	r.sl.got.mu.Lock()
	defer r.sl.got.mu.Unlock()
	r.c.mu.Lock()
	defer r.c.mu.Unlock()
	for dest, want := range r.expect {
		got := append(append([]time.Time(nil), r.tg.got.by[dest]...), r.sl.got.by[dest]...)
		switch {
		case len(got) < want:
			lost += want - len(got)
		case len(got) > want:
			dup += len(got) - want
		}
		if len(got) > 0 {
			sortTimes(got)
			lat = append(lat, got[0].Sub(r.c.firstSent[dest]))
		}
	}
	return lost, dup, lat
}

func (r *report) cardCounts() (lost, dup int) {
	r.sl.got.mu.Lock()
	defer r.sl.got.mu.Unlock()
	for _, n := range r.sl.got.names {
		dup += n - 1
	}
	return max(0, r.cards-len(r.sl.got.names)), dup
}

func (r *report) firstReplyAfter(t time.Time) time.Duration {
	all := r.allReplies()
	for _, at := range all {
		if at.After(t) {
			return at.Sub(t)
		}
	}
	return 0
}

// longestGapAfter is the longest stretch without any reply from t until
// the last reply: how long the deployment stood still.
func (r *report) longestGapAfter(t time.Time) time.Duration {
	prev, gap := t, time.Duration(0)
	for _, at := range r.allReplies() {
		if at.After(t) {
			gap = max(gap, at.Sub(prev))
			prev = at
		}
	}
	return gap
}

func (r *report) allReplies() []time.Time {
	var all []time.Time
	for _, s := range []*sends{r.tg.got, r.sl.got} {
		s.mu.Lock()
		all = append(all, s.all...)
		s.mu.Unlock()
	}
	sortTimes(all)
	return all
}

func rateText(r float64) string {
	if r <= 0 {
		return "max"
	}
	return fmt.Sprint(r)
}

func gapText(d time.Duration) string {
	if d == time.Hour {
		return "(one send per chat)"
	}
	return d.Round(time.Millisecond).String()
}
