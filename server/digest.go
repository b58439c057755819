package server

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/triagebot/triagebot/bot"
)

// DigestNow posts the digest when a Slack admin asks, through the same
// scheduler (and so the same exactly-once records) as the weekly run.
type DigestNow struct {
	Scheduler *bot.Scheduler
	Now       func() time.Time
}

// PostDigest implements slack.DigestRunner.
func (d DigestNow) PostDigest(ctx context.Context, week string, force bool) (string, error) {
	s := d.Scheduler
	p := bot.LastFinishedWeek(d.Now(), s.Zone())
	if week != "" {
		var err error
		if p, err = bot.ParseWeek(week, s.Zone()); err != nil {
			return "", err
		}
	}
	var lines []string
	for _, r := range s.Post(ctx, p, force) {
		switch {
		case r.Err != nil:
			lines = append(lines, fmt.Sprintf("%s: failed: %v", r.Destination, r.Err))
		case r.Posted:
			lines = append(lines, fmt.Sprintf("%s: posted %s", r.Destination, p.Week))
		default:
			lines = append(lines, fmt.Sprintf("%s: %s was already posted (add force to post it again)", r.Destination, p.Week))
		}
	}
	return strings.Join(lines, "\n"), nil
}
