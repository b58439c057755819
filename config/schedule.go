package config

import (
	"fmt"
	"time"

	"github.com/robfig/cron/v3"
)

// Schedule is a parsed digest.schedule: when the digest runs, and the zone
// of its weeks (the spec's CRON_TZ=, else the local zone).
type Schedule struct {
	Spec string
	Cron cron.Schedule
	Zone *time.Location
}

// ParseSchedule parses a digest schedule: five cron fields or a descriptor
// such as @weekly, with an optional CRON_TZ= zone. The error says what is
// wrong with spec; the caller names the key.
func ParseSchedule(spec string) (Schedule, error) {
	p := cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)
	sched, err := p.Parse(spec)
	if err != nil {
		return Schedule{}, fmt.Errorf("%q: %w", spec, err)
	}
	zone := time.Local
	if ss, ok := sched.(*cron.SpecSchedule); ok && ss.Location != nil {
		zone = ss.Location
	}
	return Schedule{Spec: spec, Cron: sched, Zone: zone}, nil
}

// DigestSchedule is digest.schedule as Load parsed it when it validated
// the configuration; a Config not made by Load has it parsed now.
func (c *Config) DigestSchedule() (Schedule, error) {
	if c.digestSchedule.Cron != nil && c.digestSchedule.Spec == c.Digest.Schedule {
		return c.digestSchedule, nil
	}
	s, err := ParseSchedule(c.Digest.Schedule)
	if err != nil {
		return Schedule{}, fmt.Errorf("digest.schedule: %w", err)
	}
	return s, nil
}
