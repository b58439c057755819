package server

import (
	"context"
	"github.com/robfig/cron/v3"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/store/sqlite"
)

// countingPoster is a hand fake of bot.DigestPoster.
type countingPoster struct{ n atomic.Int32 }

func (p *countingPoster) PostDigest(context.Context, bot.Digest, []byte) error {
	p.n.Add(1)
	return nil
}

func TestDigestNowKeepsExactlyOnce(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "t.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	poster := &countingPoster{}
	sched, err := bot.NewScheduler(bot.SchedulerOptions{
		Schedule: defaultSchedule(), Store: st,
		Posters: map[string]bot.DigestPoster{"slack:CDIGEST": poster},
	})
	if err != nil {
		t.Fatal(err)
	}
	// On Monday 2026-11-30 the last finished week is 2026-W48.
	d := DigestNow{Scheduler: sched, Now: func() time.Time { return time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC) }}
	steps := []struct {
		week  string
		force bool
		want  string
		posts int32
	}{
		{"2026-W47", false, "slack:CDIGEST: posted 2026-W47", 1},
		{"2026-W47", false, "already posted", 1},
		{"2026-W47", true, "slack:CDIGEST: posted 2026-W47", 2},
		{"", false, "slack:CDIGEST: posted 2026-W48", 3},
		{"", false, "2026-W48 was already posted", 3},
	}
	for _, s := range steps {
		out, err := d.PostDigest(ctx, s.week, s.force)
		if err != nil || !strings.Contains(out, s.want) || poster.n.Load() != s.posts {
			t.Errorf("PostDigest(%q, %v) = %q, %v with %d posts; want %q and %d posts", s.week, s.force, out, err, poster.n.Load(), s.want, s.posts)
		}
	}
	if _, err := d.PostDigest(ctx, "next tuesday", false); err == nil {
		t.Error("a malformed week was accepted")
	}
}

// defaultSchedule is bot.DefaultDigestSchedule parsed, as the
// configuration hands it to the scheduler.
func defaultSchedule() cron.Schedule {
	s, err := cron.ParseStandard(bot.DefaultDigestSchedule)
	if err != nil {
		panic(err) // a constant
	}
	return s
}
